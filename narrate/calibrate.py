"""Per-voice loudness calibration, measured once with ffmpeg and kept in the cache.

The loudness estimate (narrate/loudness.py) leaves out the K-weighting filter
and the limiter. This measures, for one voice and target, how far the real
chain lands from the estimate: a short passage is synthesised, the gain the
estimate asks for is applied through the real filter chain, and ffmpeg's
`ebur128` reads the result. The difference is the voice's offset.
"""

from __future__ import annotations

import json
import subprocess

from narrate.cache import AudioCache, digest, write_atomic
from narrate.engine import Synthesizer, SynthJob
from narrate.errors import AudioToolError
from narrate.ffmpeg import ffmpeg_path
from narrate.loudness import (
    CALIBRATION_TEXT,
    Calibration,
    gain_filter,
    gated_loudness,
    parse_ebur128,
    timeline_powers,
)
from narrate.sentences import split_sentences
from narrate.stitch import FRAME_RATE, join_pcm

PAUSE_MS = 300


def calibration_for(
    cache: AudioCache, synth: Synthesizer, voice: dict[str, object], target_lufs: float
) -> Calibration:
    """The voice's loudness offset: from the cache, or measured now and cached."""
    key = digest("calibration", voice, target_lufs, gain_filter(0.0))
    path = cache.root / "calibration" / f"{key}.json"
    try:
        return Calibration(float(json.loads(path.read_text("utf-8"))["offset_db"]))
    except (OSError, ValueError, KeyError):
        pass
    calibration = measure(cache, synth, voice, target_lufs)
    write_atomic(path, json.dumps({"offset_db": calibration.offset_db}).encode("utf-8"))
    return calibration


def measure(
    cache: AudioCache, synth: Synthesizer, voice: dict[str, object], target_lufs: float
) -> Calibration:
    sentences = split_sentences(CALIBRATION_TEXT)
    keys = [digest("sentence", voice, text) for text in sentences]
    missing = [
        SynthJob(k, t) for k, t in zip(keys, sentences, strict=True) if cache.sentence(k) is None
    ]
    list(synth.synthesize(missing))
    audio = [cache.sentence(k) for k in keys]
    if any(a is None for a in audio):
        raise AudioToolError("calibration audio missing from the cache", "run again")
    entries = [a for a in audio if a is not None]
    estimate = gated_loudness(timeline_powers((a.powers, PAUSE_MS) for a in entries))
    pcm = b"".join(join_pcm((a.path, PAUSE_MS) for a in entries))
    gain = target_lufs - estimate
    command = [
        ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats",
        "-f", "s16le", "-ar", str(FRAME_RATE), "-ac", "1", "-i", "pipe:0",
        "-af", f"{gain_filter(gain)},ebur128", "-f", "null", "-",
    ]  # fmt: skip
    done = subprocess.run(command, input=pcm, capture_output=True, check=False)
    try:
        measured, _ = parse_ebur128(done.stderr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise AudioToolError("ffmpeg could not measure loudness", "run with --debug") from exc
    return Calibration(measured - target_lufs)
