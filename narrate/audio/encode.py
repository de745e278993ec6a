"""Encoding: timeline chunks -> MP3 frames (cached, in parallel), or one whole stream.

MP3 is encoded chunk by chunk: each chunk becomes a run of self-contained MP3
frames (no Xing header, no tag), cached by content, and the final file is
those runs concatenated. Encoding costs more than synthesis, so this is what
makes a warm or lightly edited run fast and lets both cores encode at once.
Each run starts with the encoder's delay and ends padded to a whole frame;
both are counted (`EncodedChunk`) so the manifest's times stay exact to the
sample. Other formats (AAC, Opus) are encoded in one pass over the timeline.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from narrate.audio.limiter import LIMITER, Ceilings
from narrate.audio.pcm import silence
from narrate.audio.timeline import Chunk, EncodedChunk
from narrate.core.cache import AudioCache, CachedChunk, digest
from narrate.core.errors import AudioToolError
from narrate.core.ffmpeg import PCM_INPUT, Operation, failure, ffmpeg_command
from narrate.core.models import FRAME_RATE

MP3_BITRATE_KBPS = 64  # mono speech: transparent at 64 kb/s, an hour in ~29 MB
MP3_ENCODER_DELAY = 1105  # LAME's 576-sample encoder delay + 529-sample decoder delay
SAMPLES_PER_FRAME = 576 if FRAME_RATE < 32000 else 1152  # MPEG-2 vs MPEG-1 layer III
LAME_SLICE_BYTES = 1 << 16  # PCM handed to LAME per call (about 1.5 s)
MP3_QUALITY = 7  # LAME's fastest search that lameenc allows (2 best .. 7 fastest)
MP3_SETTINGS = f"lame {MP3_BITRATE_KBPS}k quality {MP3_QUALITY}"  # part of cache keys
_BITRATES_MPEG2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_BITRATES_MPEG1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True, slots=True)
class Mp3Frames:
    count: int
    samples_per_frame: int


def count_mp3_frames(data: bytes) -> Mp3Frames:
    """Walk the frame headers of a raw MP3 stream (layer III, no tag)."""
    position, count, samples = 0, 0, 1152
    while position + 4 <= len(data):
        (header,) = struct.unpack(">I", data[position : position + 4])
        if header >> 21 != 0x7FF:
            raise AudioToolError(f"unexpected bytes in encoded MP3 at offset {position}")
        version = (header >> 19) & 3
        bitrate_kbps = (_BITRATES_MPEG1 if version == 3 else _BITRATES_MPEG2)[(header >> 12) & 15]
        rate = _SAMPLE_RATES[version][(header >> 10) & 3]
        samples = 1152 if version == 3 else 576
        position += samples // 8 * bitrate_kbps * 1000 // rate + ((header >> 9) & 1)
        count += 1
    return Mp3Frames(count, samples)


def lame(pcm: bytes | Iterable[bytes]) -> bytes:
    """Raw PCM, ready to hear (one buffer or pieces in order), -> raw MP3 frames.

    LAME runs in-process (lameenc): the same encoder ffmpeg would use, without
    a process start and ffmpeg's per-packet thread hand-offs for every chunk.
    It is fed LAME_SLICE_BYTES at a time: LAME keeps float copies of each input
    buffer, 11 MB for a one-minute chunk given whole, and the frames it makes
    do not depend on how the samples are sliced.
    """
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_BITRATE_KBPS)
    encoder.set_in_sample_rate(FRAME_RATE)
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    frames = bytearray()
    try:
        for piece in [pcm] if isinstance(pcm, bytes) else pcm:
            for start in range(0, len(piece), LAME_SLICE_BYTES):
                frames += encoder.encode(piece[start : start + LAME_SLICE_BYTES])
        frames += encoder.flush()
    except RuntimeError as exc:
        raise AudioToolError(f"the MP3 encoder failed: {exc}", "run with --debug") from exc
    return bytes(frames)


def chunk_key(chunk: Chunk, gain_db: float, ceiling_db: float) -> str:
    settings = {
        "codec": "lame",
        "kbps": MP3_BITRATE_KBPS,
        "quality": MP3_QUALITY,
        "limiter": LIMITER,
        "ceiling_db": ceiling_db,
    }
    pieces = [(p.key, p.pause_after_ms) for p in chunk.pieces]
    return digest("mp3-chunk", settings, gain_db, pieces)


def encode_mp3_chunk(
    chunk: Chunk, cache: AudioCache, gain_db: float, ceiling_db: float
) -> tuple[CachedChunk, EncodedChunk]:
    """One chunk as cached MP3 frames: from the cache, or encoded now and cached."""
    key = chunk_key(chunk, gain_db, ceiling_db)
    cached = cache.chunk(key)
    if cached is None:
        data = lame(mastered_pcm(chunk, cache, gain_db, Ceilings(ceiling_db)))
        cached = cache.put_chunk(key, data, count_mp3_frames(data).count)
    return cached, EncodedChunk(MP3_ENCODER_DELAY, cached.mp3_frames * SAMPLES_PER_FRAME)


def mastered_pcm(
    chunk: Chunk, cache: AudioCache, gain_db: float, ceilings: Ceilings
) -> Iterator[bytes]:
    """Each piece with the gain and limiter (at the piece's ceiling) applied, then its pause.

    Every piece ends in a pause longer than the limiter's release, so limiting
    piece by piece is limiting the whole chunk, with a sentence in memory at a
    time rather than a minute of audio.
    """
    from narrate.audio.limiter import master

    for index, (path, pause_ms) in enumerate(_piece_files(chunk, cache)):
        yield master(path.read_bytes(), gain_db, ceilings.at(index))
        if pause_ms:
            yield silence(pause_ms)


def _piece_files(chunk: Chunk, cache: AudioCache) -> Iterable[tuple[Path, int]]:
    for piece in chunk.pieces:
        cached = cache.sentence(piece.key)
        if cached is None:
            raise AudioToolError("a synthesised sentence vanished from the cache", "run again")
        yield cached.path, piece.pause_after_ms


def concatenate(parts: Iterable[Path], out: Path) -> None:
    """Byte-concatenate MP3 frame runs into one stream."""
    with out.open("wb") as sink:
        for part in parts:
            with part.open("rb") as source:
                while block := source.read(1 << 20):
                    sink.write(block)


def stream_encode(
    chunks: list[Chunk],
    cache: AudioCache,
    args: list[str],
    out: Path,
    gain_db: float,
    ceilings: Ceilings,
    operation: Operation | None = None,
) -> EncodedChunk:
    """Feed the whole timeline's PCM, gain and limiter applied, to one ffmpeg (AAC, Opus).

    `operation`: what the encoding asks of ffmpeg (narrate/core/ffmpeg.py checks it).
    """
    command = ffmpeg_command([*PCM_INPUT, "-i", "pipe:0", *args, str(out)], operation=operation)
    total = 0
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=errors)
        except OSError as exc:
            raise AudioToolError(f"cannot run ffmpeg: {exc}", "install ffmpeg") from exc
        assert process.stdin is not None
        try:
            for chunk in chunks:
                for block in mastered_pcm(chunk, cache, gain_db, ceilings):
                    process.stdin.write(block)
                    total += len(block) // 2
        except BrokenPipeError:
            pass  # ffmpeg stopped early: its exit code and message say why
        finally:
            process.stdin.close()
        if process.wait() != 0:
            errors.seek(0)
            raise failure(f"encoding {out.name}", errors.read())
    return EncodedChunk(0, total)
