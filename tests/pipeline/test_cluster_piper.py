"""`narrate batch --cluster local:2 --engine piper`: the workers read with the real Piper
engine and the Joe voice (the dev extra), and a language without a Piper voice is read by
espeak-ng with the one line `narrate article` says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from tests.piper_support import JOE, joe_files

pytest.importorskip("distributed", reason="needs the cluster extra (distributed)")
PAGES = Path(__file__).resolve().parents[1] / "data" / "languages"


@pytest.mark.slow
def test_a_batch_on_a_local_cluster_read_by_piper(tmp_path: Path) -> None:
    joe_files()
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("en.html", "fr.html"):
        shutil.copy(PAGES / name, folder / name)
    out = tmp_path / "out"
    command = ["batch", str(folder), "-o", str(out), "--cluster", "local:2", "--engine", "piper",
               "--cache-dir", str(tmp_path / "cache")]  # fmt: skip
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    assert "2 done, 0 skipped, 0 failed" in result.stdout
    read_by = {}
    for mp3 in sorted(out.glob("*.mp3")):
        manifest = json.loads(mp3.with_suffix(".json").read_text("utf-8"))
        voices = manifest["reading"]["voices"]
        read_by[manifest["language"]] = [(v["engine"], v["voice_id"], v["chosen"]) for v in voices]
        assert {s["engine"] for s in manifest["segments"]} == {voices[0]["engine"]}
    assert read_by == {
        "en": [("piper", JOE, "engine")], "fr": [("espeak", "roa/fr", "other-engine")],
    }  # fmt: skip
    notices = [line for line in result.stderr.splitlines() if "Piper voice" in line]
    assert notices == [
        "narrate: no Piper voice for French (fr) is installed; espeak-ng reads it (roa/fr)"
    ]
