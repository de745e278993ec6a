"""True peaks: an encoder that overshoots the limit gets the article again, at a lower ceiling."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.audio import true_peak
from narrate.audio.true_peak import MARGIN_DB, lowered
from narrate.cli.app import app
from narrate.core.formats import FORMATS, TRUE_PEAK_DBTP
from tests.output.test_formats import loudness

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's ffmpeg too

runner = CliRunner()
PAGE = """<!doctype html><html lang="en"><head><title>Harbour lights</title></head><body>
<article><h1>Harbour lights</h1>
<p>The harbour lights came on at six, one after another, from the breakwater to the old
customs house. Fishermen say the new lamps are brighter than the ones they replaced.</p>
<p>Twelve boats went out before dawn and nine came back by noon, heavy with mackerel.
The market opened an hour early to take the catch, and the prices fell by a third.</p>
<p>Next week the council will decide whether the lights stay on through the winter.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("ceiling", "peak"), [(-3.5, -0.9), (-3.5, -0.4), (-3.0, 2.3), (-4.1, -0.95)]
)
def test_a_lowered_ceiling_takes_the_excess_and_a_margin_off(ceiling: float, peak: float) -> None:
    lower = lowered(ceiling, peak)
    assert lower <= ceiling - (peak - TRUE_PEAK_DBTP) - MARGIN_DB + 1e-9
    assert lower > ceiling - (peak - TRUE_PEAK_DBTP) - MARGIN_DB - 0.1
    assert round(lower * 10) == pytest.approx(lower * 10)  # a tenth of a dB


def test_an_encoder_that_overshoots_gets_a_lower_ceiling_and_a_warm_run_measures_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any ffmpeg's AAC overshoots a limiter held at -0.3 dB well past -1 dBTP (as Debian's
    overshoots the real ceiling): the file that comes out is under the limit anyway."""
    high = dataclasses.replace(FORMATS["m4a"], ceiling_db=-0.3)
    monkeypatch.setitem(FORMATS, "m4a", high)
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, "utf-8")
    out = tmp_path / "out" / "harbour.m4a"
    # Not reformatted: command-line options stay with their values.
    args = ["article", str(page), "-f", "m4a", "-o", str(out), "-q", "-j", "1",
            "--cache-dir", str(tmp_path / "cache")]  # fmt: skip
    measuring = []
    real_peak = true_peak.true_peak

    def counted(source: list[str]) -> float | None:
        found = real_peak(source)
        measuring.append(found)
        return found

    monkeypatch.setattr(true_peak, "true_peak", counted)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    overshoot = measuring[0]
    assert overshoot is not None
    assert overshoot > TRUE_PEAK_DBTP  # it did overshoot
    integrated, peak = loudness(out)
    assert peak is not None
    assert peak <= TRUE_PEAK_DBTP, peak
    assert -17.0 <= integrated <= -15.0, integrated  # the gain was found again for the ceiling
    manifest = json.loads(out.with_suffix(".json").read_text("utf-8"))
    assert manifest["loudness"]["ceiling_db"] < -0.3 - (overshoot - TRUE_PEAK_DBTP)

    first = out.read_bytes()
    measuring.clear()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert measuring == []  # the ceiling this article needs was kept
    assert out.read_bytes() == first
