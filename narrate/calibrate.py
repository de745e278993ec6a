"""Loudness calibration on the article's own audio, measured with ffmpeg, kept in the cache.

The loudness estimate (narrate/loudness.py) leaves out the K-weighting filter
and the limiter. This measures how far the real chain lands from the
estimate on a sample of the article itself (up to SAMPLE_MS of sentences
spread evenly through it): the sample goes through the real gain and limiter
and ffmpeg's `ebur128` reads the result. The difference is the offset to add
to the whole article's estimate. The result is cached by the sample's
content, so a warm run measures nothing.
"""

from __future__ import annotations

import json
import subprocess

from narrate.cache import AudioCache, CachedAudio, digest, write_atomic
from narrate.errors import AudioToolError
from narrate.ffmpeg import ffmpeg_path
from narrate.loudness import (
    Calibration,
    gain_filter,
    gated_loudness,
    parse_ebur128,
    timeline_powers,
)
from narrate.stitch import FRAME_RATE, join_pcm

SAMPLE_MS = 90_000
PAUSE_MS = 300


def sample(audio: list[CachedAudio]) -> list[CachedAudio]:
    """Sentences spread evenly through the article, about SAMPLE_MS in all."""
    total_ms = sum(a.frames for a in audio) * 1000 // FRAME_RATE
    step = max(1, total_ms // SAMPLE_MS)
    return audio[::step]


def calibration_for(
    cache: AudioCache, audio: list[CachedAudio], target_lufs: float, ceiling_db: float
) -> Calibration:
    """The offset for this article's audio: from the cache, or measured now and cached."""
    chosen = sample(audio)
    chain = gain_filter(0.0, ceiling_db)
    key = digest("calibration", [a.path.name for a in chosen], target_lufs, chain)
    path = cache.root / "calibration" / f"{key}.json"
    try:
        return Calibration(float(json.loads(path.read_text("utf-8"))["offset_db"]))
    except (OSError, ValueError, KeyError):
        pass
    calibration = measure(chosen, target_lufs, ceiling_db)
    write_atomic(path, json.dumps({"offset_db": calibration.offset_db}).encode("utf-8"))
    return calibration


def measure(chosen: list[CachedAudio], target_lufs: float, ceiling_db: float) -> Calibration:
    """Run the sample through the real chain and compare ebur128 with the estimate."""
    estimate = gated_loudness(timeline_powers((a.powers, PAUSE_MS) for a in chosen))
    pcm = b"".join(join_pcm((a.path, PAUSE_MS) for a in chosen))
    gain = target_lufs - estimate
    command = [
        ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats",
        "-f", "s16le", "-ar", str(FRAME_RATE), "-ac", "1", "-i", "pipe:0",
        "-af", f"{gain_filter(gain, ceiling_db)},ebur128=framelog=quiet", "-f", "null", "-",
    ]  # fmt: skip
    done = subprocess.run(command, input=pcm, capture_output=True, check=False)
    try:
        measured, _ = parse_ebur128(done.stderr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise AudioToolError("ffmpeg could not measure loudness", "run with --debug") from exc
    return Calibration(measured - target_lufs)
