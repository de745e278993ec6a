"""The wheel installs like any Python tool: a fresh venv, another folder, a working narrate.

Builds the wheel from this checkout, installs it (not editable) into a new
virtual environment and narrates the sample page from a folder outside the
repository, so the voice profiles and lexicons must come from the package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_HTML

pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_narrates_from_any_folder(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="`build` (a dev dependency) makes the wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], ROOT, env)
    wheel = next(dist.glob("narrate-*.whl"))
    home = tmp_path / "venv"
    venv.create(home, with_pip=True)
    # Not reformatted: command-line options stay with their values.
    pip = [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check"]  # fmt: skip
    _run([*pip, str(wheel)], tmp_path, env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    narrate = str(home / "bin" / "narrate")

    profiles = _run([narrate, "voices"], elsewhere, env)
    assert "default" in profiles
    assert "portuguese" in profiles

    page = elsewhere / "page.html"
    page.write_bytes(SAMPLE_HTML.read_bytes())
    _run([narrate, "article", str(page), "-o", "out/", "-q"], elsewhere, env)
    manifests = list((elsewhere / "out").glob("*.json"))
    manifest = json.loads(next(m for m in manifests if ".chapters" not in m.name).read_text())
    assert manifest["duration_ms"] > 10_000
    assert (elsewhere / "out" / manifest["audio"]).stat().st_size > 10_000

    module = _run([str(home / "bin" / "python"), "-m", "narrate", "--help"], elsewhere, env)
    assert "article" in module
