"""Speech: a script's sentences as cached audio in their voices, and the one gain for it.

Every sentence is looked up in the cache and the missing ones synthesised
(narrate/audio/synthesizer.py), streamed back as they arrive so an encoder
can start on the first chunks while the engines still run. The gain for the
whole file is decided here too: the voice's reference gain, measured once on
a fixed passage and cached, is kept when the article's own gain is within
GAIN_TOLERANCE_DB of it (so chunks encoded early with it stay valid);
otherwise the article's gain is used. The decision depends only on cached
audio, so a warm run makes the same one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from narrate.audio.calibrate import Level, SampleEncoder, level_for
from narrate.audio.engines.base import SynthJob
from narrate.audio.loudness import gated_loudness, timeline_powers
from narrate.audio.synthesizer import Synthesizer
from narrate.audio.timeline import Piece
from narrate.core.cache import AudioCache, CachedAudio, digest
from narrate.core.errors import EngineError
from narrate.core.models import Script
from narrate.core.signals import raise_if_stopped

GAIN_TOLERANCE_DB = 1.0  # near the limit, 1 dB of gain moves loudness by about half that
REFERENCE_PAUSE_MS = 300
# The passage that sets each voice's level, one sentence a line as the engine gets them.
REFERENCE_PASSAGE = (
    "This passage sets the level of the voice.",
    "Reports from the capital say the meeting will resume on Tuesday, and that every question "
    "will be answered in full.",
    "The river rose by two metres overnight, and seven thousand people watched from the bridges.",
    "She said the results were surprising, but not, in the end, a reason to change course.",
    "Officials expect the new figures to be published later this month.",
)

Tick = Callable[[str, int, int, int], None]  # (stage, done, total, audio frames so far)


@dataclass(frozen=True, slots=True)
class Loudness:
    """How the file's one gain was chosen (it goes into the manifest)."""

    target_lufs: float
    gain_db: float  # the gain applied to the whole file
    article_gain_db: float  # what the article's own audio asked for
    reference_gain_db: float  # what the voice's reference passage asked for
    estimate_lufs: float  # the article's estimated loudness before the gain
    ceiling_db: float  # the limiter's ceiling: the format's
    # sentences whose ceiling was lowered where the encoder overshot (narrate/audio/true_peak.py)
    lowered_sentences: int
    lowest_ceiling_db: float  # the lowest ceiling any sentence got


@dataclass(frozen=True, slots=True)
class VoiceSound:
    """A voice and everything that decides how it sounds (its part of every cache key)."""

    engine: str
    voice_id: str
    sound: dict[str, object]

    def for_segment(self, language: str) -> dict[str, object]:
        """What decides a segment's audio: the voice's sound and the segment's language."""
        return self.sound | {"language": language}


def sentence_keys(script: Script, sounds: list[dict[str, object]]) -> list[list[str]]:
    """The cache key of every sentence, per segment (`sounds`: each segment's)."""
    return [
        [digest("sentence", sound, s.spoken) for s in seg.sentences]
        for seg, sound in zip(script.segments, sounds, strict=True)
    ]


def choose_gain(article: float, reference: float) -> float:
    """Keep the reference gain (maybe already used for encoding) when it is close enough."""
    return reference if abs(article - reference) <= GAIN_TOLERANCE_DB else article


class Speech:
    """The audio of sentences in their voices: from the cache or the engines, and its level."""

    def __init__(
        self,
        cache: AudioCache,
        synth: Synthesizer,
        rate_wpm: int,
        target_lufs: float,
        encoder: SampleEncoder,
        voices: tuple[VoiceSound, ...] = (),
    ) -> None:
        self.cache = cache
        self.synth = synth
        self.rate_wpm = rate_wpm
        self.target_lufs = target_lufs
        self.encoder = encoder  # its codec and limiter ceiling set the gain
        self._reference: Level | None = None  # the voice's level on its reference passage
        self.voices = voices  # each segment's voice

    def with_voices(self, voices: list[VoiceSound]) -> Speech:
        """This speech for a script whose segments are read by these voices."""
        other = copy.copy(self)
        other.voices = tuple(voices)
        other._reference = None
        return other

    def main_voice(self) -> VoiceSound:
        """The voice that reads most segments (the first of equals)."""
        ids = [(v.engine, v.voice_id) for v in self.voices]
        return max(self.voices, key=lambda v: ids.count((v.engine, v.voice_id)))

    def reference_gain(self) -> float:
        """The gain the main voice's reference passage needs (synthesised once, then cached)."""
        main = self.main_voice()
        keys = [digest("sentence", main.sound, text) for text in REFERENCE_PASSAGE]
        missing = [
            SynthJob(key, text, main.engine, main.voice_id)
            for key, text in zip(keys, REFERENCE_PASSAGE, strict=True)
            if self.cache.sentence(key) is None
        ]
        for _ in self.synth.synthesize(missing):
            pass
        audio = [(self.audio(k), REFERENCE_PAUSE_MS) for k in keys]
        self._reference = level_for(self.cache, audio, self.target_lufs, self.encoder)
        return self._reference.gain_db

    def stream(
        self,
        script: Script,
        keys: list[list[str]],
        audio: dict[str, CachedAudio],
        tick: Tick | None,
    ) -> Iterator[str]:
        """Fill `audio` with every sentence's; yield each key as it is there (cached first)."""
        spoken = {
            key: (sentence.spoken, voice)
            for segment, segment_keys, voice in zip(script.segments, keys, self.voices, strict=True)
            for key, sentence in zip(segment_keys, segment.sentences, strict=True)
        }
        missing: list[SynthJob] = []
        for key, (text, voice) in spoken.items():
            cached = self.cache.sentence(key)
            if cached is None:
                missing.append(SynthJob(key, text, voice.engine, voice.voice_id))
            else:
                audio[key] = cached
        frames = sum(a.frames for a in audio.values())
        if tick:
            tick("synthesis", len(audio), len(spoken), frames)
        yield from list(audio)
        for result in self.synth.synthesize(missing):
            raise_if_stopped()
            audio[result.key] = self.audio(result.key)
            frames += result.frames
            if tick:
                tick("synthesis", len(audio), len(spoken), frames)
            yield result.key

    def gain(
        self, pieces: list[Piece], audio: dict[str, CachedAudio], reference: float
    ) -> Loudness:
        """The one gain for the whole file, and how it was chosen."""
        ceiling = self.encoder.format.ceiling_db
        timeline = [(audio[p.key], p.pause_after_ms) for p in pieces]
        estimate = gated_loudness(timeline_powers((a.powers, pause) for a, pause in timeline))
        level = level_for(self.cache, timeline, self.target_lufs, self.encoder, self._reference)
        chosen = choose_gain(level.gain_db, reference)
        return Loudness(
            target_lufs=self.target_lufs,
            gain_db=chosen,
            article_gain_db=level.gain_db,
            reference_gain_db=reference,
            estimate_lufs=round(estimate, 2),
            ceiling_db=ceiling,
            lowered_sentences=0,
            lowest_ceiling_db=ceiling,
        )

    def audio(self, key: str) -> CachedAudio:
        cached = self.cache.sentence(key)
        if cached is None:
            raise EngineError("a synthesised sentence is missing from the cache", "run again")
        return cached
