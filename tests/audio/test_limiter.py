"""The master gain and look-ahead limiter: gain where there is room, never past the ceiling."""

from __future__ import annotations

import array
import math

from narrate.audio.limiter import BLOCK, master
from narrate.core.models import FRAME_RATE


def _tone(amplitude: float, seconds: float = 0.5, hz: float = 440.0) -> bytes:
    count = int(FRAME_RATE * seconds)
    samples = (
        round(amplitude * 32767 * math.sin(2 * math.pi * hz * i / FRAME_RATE)) for i in range(count)
    )
    return array.array("h", samples).tobytes()


def _peak(pcm: bytes) -> int:
    return max(abs(s) for s in array.array("h", pcm))


def test_quiet_audio_gets_the_gain_unchanged() -> None:
    quiet = _tone(0.05)
    louder = master(quiet, 6.0, -1.0)
    assert abs(_peak(louder) / _peak(quiet) - 10 ** (6 / 20)) < 0.01


def test_peaks_stay_under_the_ceiling() -> None:
    loud = _tone(0.9)
    limited = master(loud, 12.0, -3.0)
    assert _peak(limited) <= 32767 * 10 ** (-3 / 20) + 1
    assert len(limited) == len(loud)


def test_a_click_pulls_the_gain_down_only_around_it() -> None:
    quiet = array.array("h", _tone(0.05, seconds=1.0))
    quiet[FRAME_RATE // 2] = 30000  # one loud sample in the middle
    out = array.array("h", master(quiet.tobytes(), 6.0, -3.0))
    far = FRAME_RATE // 10  # 100 ms away the master gain is back
    assert abs(out[far] - quiet[far] * 10 ** (6 / 20)) <= 2
    assert abs(out[FRAME_RATE // 2]) <= 32767 * 10 ** (-3 / 20) + 1
    assert len(out) % BLOCK == len(quiet) % BLOCK


def test_nothing_in_nothing_out() -> None:
    assert master(b"", 6.0, -1.0) == b""
