"""Loudness: one gain for the whole file, so it plays at -16 LUFS like a podcast.

The integrated loudness of the narration is estimated from 100 ms block
powers stored with every cached sentence (pauses count as silence), gated as
EBU R128 / ITU-R BS.1770 gates it: 400 ms windows every 100 ms, an absolute
gate at -70 LUFS and a relative gate 10 LU below. That estimate leaves out the
K-weighting filter and the limiter, so it is only the first guess: the gain is
settled by measuring a sample of the article's own audio, K-weighted, in-process
(narrate/audio/calibrate.py, narrate/audio/bs1770.py), which keeps whole-file
scans off the hot path. The gain is applied to every sample alike, then a
limiter (narrate/audio/limiter.py) holds true peaks under -1 dBTP. Normalising
per segment would make levels jump; this does not.
"""

from __future__ import annotations

import audioop
import math
import re
from collections.abc import Iterable, Sequence

BLOCK_FRAMES_AT_22050 = 2205  # 100 ms
GAIN_STEP_DB = 0.25  # gains are rounded so a small edit keeps cached chunks valid


def block_powers(pcm: bytes, block_frames: int = BLOCK_FRAMES_AT_22050) -> list[float]:
    """Mean square of each 100 ms block of 16-bit mono PCM, on a 0..1 scale."""
    step = block_frames * 2
    return [
        (audioop.rms(pcm[i : i + step], 2) / 32768.0) ** 2
        for i in range(0, len(pcm) - step + 1, step)
    ]


def gated_loudness(powers: Sequence[float]) -> float:
    """BS.1770 gated loudness (unweighted) of a sequence of 100 ms block powers."""
    windows = [sum(powers[i : i + 4]) / 4 for i in range(max(len(powers) - 3, 0))]
    loud = [w for w in windows if _lufs(w) > -70.0]
    if not loud:
        return -70.0
    relative_gate = _lufs(sum(loud) / len(loud)) - 10.0
    gated = [w for w in loud if _lufs(w) > relative_gate] or loud
    return _lufs(sum(gated) / len(gated))


def timeline_powers(pieces: Iterable[tuple[Sequence[float], int]]) -> list[float]:
    """Block powers of a whole timeline: each piece's blocks, then its pause as silence."""
    result: list[float] = []
    for powers, pause_ms in pieces:
        result.extend(powers)
        result.extend([0.0] * (pause_ms // 100))
    return result


_INTEGRATED = re.compile(r"I:\s+(-?[\d.]+) LUFS")
_TRUE_PEAK = re.compile(r"Peak:\s+(-?[\d.]+|-inf) dBFS")


def parse_ebur128(stderr: str) -> tuple[float, float | None]:
    """(integrated LUFS, true peak dBFS) from the summary ffmpeg's ebur128 prints."""
    summary = stderr[stderr.rfind("Summary:") :]
    integrated = _INTEGRATED.search(summary)
    if integrated is None:
        raise ValueError("no loudness summary in ffmpeg's output")
    peak = _TRUE_PEAK.search(summary)
    peak_value = None if peak is None or peak.group(1) == "-inf" else float(peak.group(1))
    return float(integrated.group(1)), peak_value


def _lufs(mean_square: float) -> float:
    return -0.691 + 10 * math.log10(mean_square) if mean_square > 0 else -200.0
