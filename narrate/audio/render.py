"""Rendering: a script's sentences -> cached audio -> encoded chunks, overlapped.

With more than one job, synthesis (engine worker processes) and MP3 encoding
(LAME in encoder threads) run at the same time: chunks are planned from the
text before any audio exists, and a chunk is encoded as soon as its last
sentence is in the cache. Encoding needs the one gain for the whole file
before the whole file exists, so it starts with the voice's reference gain
(measured on a fixed passage, kept in the cache) and keeps it when the
article's own gain, known once synthesis ends, is within GAIN_TOLERANCE_DB of
it; otherwise the chunks are encoded again with the article's gain. The
decision depends only on cached audio, so a warm run makes the same one and
finds every chunk in the cache. With one job nothing overlaps: the chunks are
encoded after synthesis, once, with the gain that decision picks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from narrate.audio.calibrate import Level, level_for
from narrate.audio.encode import encode_mp3_chunk
from narrate.audio.engine import SynthJob
from narrate.audio.loudness import gated_loudness, timeline_powers
from narrate.audio.pcm import FRAME_RATE
from narrate.audio.synthesizer import Synthesizer
from narrate.audio.timeline import Chunk, EncodedChunk, Piece, chunk_of, pieces_for, plan_chunks
from narrate.core.cache import AudioCache, CachedAudio, CachedChunk, digest
from narrate.core.errors import EngineError
from narrate.core.models import Script
from narrate.output.containers import FORMATS, AudioFormat
from narrate.text.sentences import split_sentences

GAIN_TOLERANCE_DB = 1.0  # near the limit, 1 dB of gain moves loudness by about half that
REFERENCE_PAUSE_MS = 300
REFERENCE_PASSAGE = (
    "This passage sets the level of the voice. Reports from the capital say the meeting will "
    "resume on Tuesday, and that every question will be answered in full. The river rose by "
    "two metres overnight, and seven thousand people watched from the bridges. She said the "
    "results were surprising, but not, in the end, a reason to change course. Officials "
    "expect the new figures to be published later this month."
)

Tick = Callable[[str, int, int, int], None]  # (stage, done, total, audio frames so far)


@dataclass(frozen=True, slots=True)
class Loudness:
    target_lufs: float
    gain_db: float  # the gain applied to the whole file
    article_gain_db: float  # what the article's own audio asked for
    reference_gain_db: float  # what the voice's reference passage asked for
    estimate_lufs: float  # the article's estimated loudness before the gain


def sentence_keys(script: Script, voice: dict[str, object]) -> list[list[str]]:
    """The cache key of every sentence, per segment."""
    return [[digest("sentence", voice, s.spoken) for s in seg.sentences] for seg in script.segments]


def choose_gain(article: float, reference: float) -> float:
    """Keep the reference gain (already used for encoding) when it is close enough."""
    return reference if abs(article - reference) <= GAIN_TOLERANCE_DB else article


class Renderer:
    """Makes the audio of scripts with one voice, cache and worker pool."""

    def __init__(
        self,
        cache: AudioCache,
        synth: Synthesizer,
        voice: dict[str, object],
        rate_wpm: int,
        target_lufs: float,
        workers: int,
        audio_format: AudioFormat = FORMATS["mp3"],
    ) -> None:
        self.cache = cache
        self.synth = synth
        self.voice = voice
        self.rate_wpm = rate_wpm
        self.target_lufs = target_lufs
        self.workers = max(1, workers)
        self.format = audio_format  # its encoder and limiter ceiling set the gain
        self._reference: Level | None = None  # the voice's level on its reference passage

    def reference_gain(self) -> float:
        """The gain the voice's reference passage needs (synthesised once, then cached)."""
        sentences = split_sentences(REFERENCE_PASSAGE)
        keys = [digest("sentence", self.voice, text) for text in sentences]
        missing = [SynthJob(k, t) for k, t in zip(keys, sentences, strict=True) if not self._has(k)]
        for _ in self.synth.synthesize(missing):
            pass
        audio = [(self._audio(k), REFERENCE_PAUSE_MS) for k in keys]
        self._reference = level_for(self.cache, audio, self.target_lufs, self.format)
        return self._reference.gain_db

    def synthesize(
        self, script: Script, keys: list[list[str]], tick: Tick | None
    ) -> dict[str, CachedAudio]:
        """Every sentence's audio, from the cache or synthesised now (no encoding)."""
        audio: dict[str, CachedAudio] = {}
        for _ in self._synthesize_stream(script, keys, audio, tick):
            pass
        return audio

    def _synthesize_stream(
        self,
        script: Script,
        keys: list[list[str]],
        audio: dict[str, CachedAudio],
        tick: Tick | None,
    ) -> Iterator[str]:
        """Fill `audio`; yield each key as it becomes available (cached ones first)."""
        spoken = {
            key: sentence.spoken
            for segment, segment_keys in zip(script.segments, keys, strict=True)
            for key, sentence in zip(segment_keys, segment.sentences, strict=True)
        }
        missing: list[SynthJob] = []
        for key, text in spoken.items():
            cached = self.cache.sentence(key)
            if cached is None:
                missing.append(SynthJob(key, text))
            else:
                audio[key] = cached
        frames = sum(a.frames for a in audio.values())
        if tick:
            tick("synthesis", len(audio), len(spoken), frames)
        yield from list(audio)
        for result in self.synth.synthesize(missing):
            audio[result.key] = self._audio(result.key)
            frames += result.frames
            if tick:
                tick("synthesis", len(audio), len(spoken), frames)
            yield result.key

    def article_gain(
        self, pieces: list[Piece], audio: dict[str, CachedAudio]
    ) -> tuple[float, float]:
        """(gain, estimated loudness before it) of the whole article."""
        timeline = [(audio[p.key], p.pause_after_ms) for p in pieces]
        estimate = gated_loudness(timeline_powers((a.powers, pause) for a, pause in timeline))
        level = level_for(self.cache, timeline, self.target_lufs, self.format, self._reference)
        return level.gain_db, estimate

    def render_mp3(
        self, script: Script, keys: list[list[str]], tick: Tick | None, release: Callable[[], None]
    ) -> tuple[list[Chunk], list[tuple[CachedChunk, EncodedChunk]], list[Piece], Loudness]:
        """Synthesise and encode (side by side with more than one job); return the chunks,
        their encodings and the loudness."""
        reference = self.reference_gain()
        plan = plan_chunks(script, keys, self.rate_wpm)
        waiting = [set(k for i in seg_range for k in keys[i]) for seg_range in plan]
        audio: dict[str, CachedAudio] = {}
        futures: dict[int, Future[tuple[CachedChunk, EncodedChunk]]] = {}
        encoded_frames = [0]

        def encoded(number: int, frames: int) -> None:
            encoded_frames[0] += frames
            if tick:
                tick("encoding", number, len(plan), encoded_frames[0])

        def encode(chunk: Chunk, gain: float) -> tuple[CachedChunk, EncodedChunk]:
            return self._encode(chunk, gain)

        eager = self.workers > 1  # encode beside synthesis; one job does one thing at a time
        with ThreadPoolExecutor(self.workers) as encoders:
            for key in self._synthesize_stream(script, keys, audio, tick):
                for number, needed in enumerate(waiting):
                    needed.discard(key)
                    if eager and not needed and number not in futures:
                        chunk = self._chunk(script, keys, audio, plan[number])
                        futures[number] = encoders.submit(encode, chunk, reference)
            release()  # the engine workers, if any, are done: free their memory for encoding
            pieces = pieces_for(script, keys, {k: a.frames for k, a in audio.items()})
            article, estimate = self.article_gain(pieces, audio)
            gain = choose_gain(article, reference)
            chunks = [chunk_of(pieces, seg_range) for seg_range in plan]
            if gain != reference:  # the article is far from the voice's usual level
                for future in futures.values():
                    future.cancel()
                futures = {}
            for number, chunk in enumerate(chunks):
                if number not in futures:
                    futures[number] = encoders.submit(encode, chunk, gain)
            results = []
            for number, chunk in enumerate(chunks):
                results.append(futures[number].result())
                encoded(number + 1, sum(p.frames for p in chunk.pieces))
        loudness = Loudness(self.target_lufs, gain, article, reference, round(estimate, 2))
        return chunks, results, pieces, loudness

    def _chunk(
        self, script: Script, keys: list[list[str]], audio: dict[str, CachedAudio], segments: range
    ) -> Chunk:
        frames = {k: audio[k].frames for i in segments for k in keys[i]}
        partial = Script(script.article, tuple(script.segments[i] for i in segments), ())
        pieces = pieces_for(partial, [keys[i] for i in segments], frames)
        return Chunk(tuple(pieces))

    def _encode(self, chunk: Chunk, gain: float) -> tuple[CachedChunk, EncodedChunk]:
        return encode_mp3_chunk(chunk, self.cache, gain)

    def _has(self, key: str) -> bool:
        return self.cache.sentence(key) is not None

    def _audio(self, key: str) -> CachedAudio:
        cached = self.cache.sentence(key)
        if cached is None:
            raise EngineError("a synthesised sentence is missing from the cache", "run again")
        return cached


__all__ = ["FRAME_RATE", "Loudness", "Renderer", "choose_gain", "sentence_keys"]
