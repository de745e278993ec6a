"""Block powers and BS.1770 gating, the first guess of the file's loudness."""

from __future__ import annotations

import array
import math

import pytest

from narrate.audio.loudness import block_powers, gated_loudness, parse_ebur128, timeline_powers

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too


def test_block_powers_of_a_full_scale_square_wave() -> None:
    pcm = array.array("h", [32767, -32767] * 2205 * 3).tobytes()
    powers = block_powers(pcm)
    assert len(powers) == 6
    assert all(abs(p - 1.0) < 0.001 for p in powers)


def test_gating_ignores_silence() -> None:
    speech = [0.01] * 50
    with_silence = gated_loudness(speech + [0.0] * 50)  # only the windows at the edge differ
    assert abs(gated_loudness(speech) - with_silence) < 0.2
    assert gated_loudness([0.0] * 10) == -70.0
    assert gated_loudness(speech) == pytest.approx(-0.691 + 10 * math.log10(0.01))


def test_pauses_count_as_silent_blocks() -> None:
    assert timeline_powers([([0.5, 0.5], 250), ([0.2], 0)]) == [0.5, 0.5, 0.0, 0.0, 0.2]


def test_parse_ebur128_summary() -> None:
    stderr = (
        "[Parsed_ebur128_0] Summary:\n  Integrated loudness:\n    I:         -16.3 LUFS\n"
        "  True peak:\n    Peak:       -1.2 dBFS\n"
    )
    assert parse_ebur128(stderr) == (-16.3, -1.2)
    with pytest.raises(ValueError, match="no loudness"):
        parse_ebur128("nothing here")
