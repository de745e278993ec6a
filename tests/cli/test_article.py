"""`narrate article` with the habits a user keeps: a settings file, --rate, --pitch, -q and -v."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too

runner = CliRunner()
PAGE = (
    "<html lang='en'><head><title>Rates</title></head><body><article><h1>Speaking rates</h1>"
    "<p>A listener who knows the voice well often wants it faster. A learner often wants it "
    "slower, with the same pauses between the sentences.</p></article></body></html>"
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "rates.html"
    path.write_text(PAGE, "utf-8")
    return path


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "narrate.toml"
    path.write_text('voice = "clear"\nrate = 200\njobs = 1\n', "utf-8")
    return path


def _narrate(settings_file: Path, page: Path, out: Path, *flags: str) -> dict[str, Any]:
    args = ["--config", str(settings_file), "article", str(page), "-o", str(out), *flags]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    manifest: dict[str, Any] = json.loads(out.with_suffix(".json").read_text("utf-8"))
    return manifest


def test_rate_from_file_then_flag_reaches_the_manifest_and_the_audio(
    tmp_path: Path, page: Path, settings_file: Path
) -> None:
    from_file = _narrate(settings_file, page, tmp_path / "file.mp3", "-q")
    assert from_file["reading"]["profile"] == "clear"  # the settings file's voice
    assert from_file["reading"]["rate"] == 200  # the settings file's rate, over the profile's 140
    assert from_file["reading"]["pitch"] == 45  # the profile's, nothing overrides it
    slow = _narrate(settings_file, page, tmp_path / "slow.mp3", "-q", "--rate", "0.75x")
    assert slow["reading"]["rate"] == 105  # the flag: 0.75 x the profile's 140, not the file's 200
    assert slow["duration_ms"] > 1.4 * from_file["duration_ms"]  # heard slower, not only labelled


def test_pitch_flag_and_quiet(tmp_path: Path, page: Path, settings_file: Path) -> None:
    args = ["--config", str(settings_file), "article", str(page), "-o", str(tmp_path / "p.mp3")]
    result = runner.invoke(app, [*args, "--pitch", "30", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # -q: nothing but errors
    assert result.stderr == ""
    manifest = json.loads((tmp_path / "p.json").read_text("utf-8"))
    assert manifest["reading"]["pitch"] == 30


def test_verbose_says_which_settings_and_why(
    tmp_path: Path, page: Path, settings_file: Path
) -> None:
    args = ["--config", str(settings_file), "article", str(page), "-o", str(tmp_path / "v.mp3")]
    result = runner.invoke(app, [*args, "-v", "--rate", "1.2x"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(str(tmp_path / "v.mp3"))
    assert "rate           168 wpm" in result.stderr
    assert "flag --rate" in result.stderr
    assert "settings file, line 1 (voice)" in result.stderr
    assert f"narrate: wrote {tmp_path / 'v.json'}" in result.stderr
