"""Encoders: one per kind of format, behind one interface, each giving a `Rendering`.

`LameEncoder` (MP3) encodes the timeline in chunks of whole segments, planned
from the text before any audio exists; with more than one job a chunk is
encoded (LAME in a thread) as soon as its last sentence is in the cache, with
the voice's reference gain, while the engines still run; chunks are encoded
again only if the article's own gain turns out far from it. Its result is the
chunks' cached frames joined, and their encoder delays and padding counted,
so times stay exact to the sample. `FfmpegEncoder` (AAC, Opus) synthesises
everything, then feeds the timeline to one ffmpeg, and measures what came out:
where the encoder overshot the true-peak limit, the sentences there get a
lower ceiling and the article is encoded again (narrate/audio/true_peak.py).
Both leave the audio without tags: the container is the output stage's work.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from narrate.audio.calibrate import LOUDNESS
from narrate.audio.encode import (
    MP3_SETTINGS,
    concatenate,
    encode_mp3_chunk,
    lame,
    stream_encode,
)
from narrate.audio.limiter import Ceilings
from narrate.audio.timeline import (
    Chunk,
    EncodedChunk,
    chunk_of,
    pieces_for,
    place,
    plan_chunks,
)
from narrate.audio.true_peak import OVERSAMPLE, TRUE_PEAKS, ceiling_key, hold_peaks
from narrate.core.cache import AudioCache, CachedAudio, CachedChunk
from narrate.core.ffmpeg import PCM_INPUT, Operation, ffmpeg_build, ffmpeg_for, run_ffmpeg
from narrate.core.formats import AudioFormat
from narrate.core.models import FRAME_RATE, Script, Timeline
from narrate.core.signals import raise_if_stopped

if TYPE_CHECKING:
    from narrate.audio.speech import Loudness, Speech, Tick


@dataclass(frozen=True, slots=True)
class Rendering:
    """A script's audio, encoded, and where everything sits in it; not yet tagged."""

    audio: Path  # raw MP3 frames, or the format's container without tags
    timeline: Timeline
    loudness: Loudness


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What one rendering needs: the speech that synthesises, the script and its sentences'
    cache keys (one list a segment), where progress goes, how to free the engines once
    synthesis is done, and a folder for the work."""

    speech: Speech
    script: Script
    keys: list[list[str]]
    tick: Tick | None
    release: Callable[[], None]
    work: Path


class Encoder(ABC):
    """Turns a script's speech into encoded audio of one format."""

    def __init__(self, audio_format: AudioFormat, cache: AudioCache, workers: int) -> None:
        self.format = audio_format
        self.cache = cache
        self.workers = max(1, workers)

    @property
    @abstractmethod
    def description(self) -> str:
        """What decides the encoded sound (a part of calibration keys)."""

    @abstractmethod
    def encode_sample(self, pcm: bytes, work: Path, ceiling_db: float) -> list[str]:
        """Encode finished PCM as this format would, its limiter at `ceiling_db`; ffmpeg
        input options that read it back."""

    @abstractmethod
    def render(self, job: RenderJob) -> Rendering:
        """Synthesise (via `job.speech`) and encode `job.script` into a file in `job.work`.

        `job.release` is called once the engines are no longer needed.
        """


class LameEncoder(Encoder):
    """MP3 in cached chunks, encoded in-process, beside synthesis when there are cores."""

    @property
    def description(self) -> str:
        return f"mp3 {MP3_SETTINGS}"

    def encode_sample(self, pcm: bytes, work: Path, ceiling_db: float) -> list[str]:
        path = work / "sample.mp3"
        path.write_bytes(lame(pcm))
        return ["-f", "mp3", "-i", str(path)]

    def render(self, job: RenderJob) -> Rendering:
        speech, script, keys, tick = job.speech, job.script, job.keys, job.tick
        reference = speech.reference_gain()
        plan = plan_chunks(script, keys, speech.rate_wpm)
        waiting = [set(k for i in seg_range for k in keys[i]) for seg_range in plan]
        audio: dict[str, CachedAudio] = {}
        futures: dict[int, Future[tuple[CachedChunk, EncodedChunk]]] = {}
        eager = self.workers > 1  # encode beside synthesis; one job does one thing at a time
        with ThreadPoolExecutor(self.workers) as encoders:
            for key in speech.stream(script, keys, audio, tick):
                for number, needed in enumerate(waiting):
                    needed.discard(key)
                    if eager and not needed and number not in futures:
                        chunk = _chunk(script, keys, audio, plan[number])
                        futures[number] = encoders.submit(self._encode, chunk, reference)
            job.release()  # the engine workers, if any, are done: free their memory for encoding
            pieces = pieces_for(script, keys, {k: a.frames for k, a in audio.items()})
            loudness = speech.gain(pieces, audio, reference)
            chunks = [chunk_of(pieces, seg_range) for seg_range in plan]
            if loudness.gain_db != reference:  # the article is far from the voice's usual level
                for future in futures.values():
                    future.cancel()
                futures = {}
            for number, chunk in enumerate(chunks):
                if number not in futures:
                    futures[number] = encoders.submit(self._encode, chunk, loudness.gain_db)
            results = []
            frames = 0
            for number, chunk in enumerate(chunks):
                raise_if_stopped()
                results.append(futures[number].result())
                frames += sum(p.span(FRAME_RATE) for p in chunk.pieces)  # pauses are audio too
                if tick:
                    tick("encoding", number + 1, len(chunks), frames)
        timeline = place(script, chunks, [encoded for _, encoded in results], FRAME_RATE)
        body = job.work / "body.mp3"
        concatenate((cached.path for cached, _ in results), body)
        return Rendering(body, timeline, loudness)

    def _encode(self, chunk: Chunk, gain: float) -> tuple[CachedChunk, EncodedChunk]:
        return encode_mp3_chunk(chunk, self.cache, gain, self.format.ceiling_db)


class FfmpegEncoder(Encoder):
    """AAC or Opus in one ffmpeg pass over the whole timeline, after synthesis."""

    @property
    def description(self) -> str:
        """The format's options and the ffmpeg build that encodes: builds differ in sound."""
        build = ffmpeg_build(ffmpeg_for(self.format.operation))
        return " ".join([self.format.name, *self.format.codec, *self.format.muxer, build])

    def encode_sample(self, pcm: bytes, work: Path, ceiling_db: float) -> list[str]:
        path = work / f"sample{self.format.suffix}"
        codec = self.format.codec_at(ceiling_db)
        args = [*PCM_INPUT, "-i", "pipe:0", *codec, *self.format.muxer, str(path)]
        run_ffmpeg(
            args, f"encoding the {self.format.name} sample", pcm, operation=self.format.operation
        )
        return ["-i", str(path)]

    def render(self, job: RenderJob) -> Rendering:
        speech, script, keys = job.speech, job.script, job.keys
        audio: dict[str, CachedAudio] = {}
        for _ in speech.stream(script, keys, audio, job.tick):
            pass
        job.release()
        pieces = pieces_for(script, keys, {k: a.frames for k, a in audio.items()})
        reference = speech.reference_gain()
        first = speech.gain(pieces, audio, reference)
        chunks = [Chunk(tuple(pieces))]
        total = sum(p.span(FRAME_RATE) for p in pieces)
        timeline = place(script, chunks, [EncodedChunk(0, total)], FRAME_RATE)
        body = job.work / f"body{self.format.suffix}"

        def encode(ceilings: Ceilings) -> Path:
            stream_encode(
                chunks,
                self.cache,
                args=[*self.format.codec, *self.format.muxer],
                out=body,
                gain_db=first.gain_db,
                ceilings=ceilings,
                operation=self.format.operation,
            )
            return body

        key = ceiling_key(self.description, pieces, first.gain_db, first.ceiling_db)
        body, ceilings = hold_peaks(encode, first.ceiling_db, pieces, self.cache, key)
        lowered = [ceiling for _, ceiling in ceilings.lowered]
        loudness = replace(
            first,
            lowered_sentences=len(lowered),
            lowest_ceiling_db=min(lowered, default=first.ceiling_db),
        )
        return Rendering(body, timeline, loudness)


def _chunk(
    script: Script, keys: list[list[str]], audio: dict[str, CachedAudio], segments: range
) -> Chunk:
    """A chunk planned before all audio existed, once its sentences are in."""
    frames = {k: audio[k].frames for i in segments for k in keys[i]}
    partial = Script(script.article, tuple(script.segments[i] for i in segments), ())
    return Chunk(tuple(pieces_for(partial, [keys[i] for i in segments], frames)))


_ENCODERS: dict[str, type[Encoder]] = {"lame": LameEncoder, "ffmpeg": FfmpegEncoder}


def ffmpeg_operations(audio_format: AudioFormat) -> tuple[Operation, ...]:
    """What a run in this format asks of ffmpeg: measuring, and encoding and its peaks."""
    if audio_format.operation is None:
        return (LOUDNESS,)  # MP3 is encoded in-process
    return (LOUDNESS, audio_format.operation, TRUE_PEAKS, OVERSAMPLE)


def encoder_for(audio_format: AudioFormat, cache: AudioCache, workers: int) -> Encoder:
    """The encoder that makes `audio_format`."""
    return _ENCODERS[audio_format.encoder](audio_format, cache, workers)
