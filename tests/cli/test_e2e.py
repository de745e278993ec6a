"""End to end with the real engine and ffmpeg: the seed page becomes a checked MP3."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from pydub import AudioSegment
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.ffmpeg import ffmpeg_path
from tests.conftest import SEED, SEED_EXPECTED, f1, probe_chapters, require_shared

runner = CliRunner()
BOILERPLATE = (
    "Skip to content",
    "Getty Images",
    "This audio is created with AI assistance",
    "News Feed",
    "Editors' Picks",
    "indicates required",
    "Subscribe",
    "by a Russ",
)


@pytest.fixture(scope="module")
def seed_episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    require_shared(SEED)
    out = tmp_path_factory.mktemp("seed") / "seed.mp3"
    result = runner.invoke(app, ["article", str(SEED), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out, json.loads(out.with_suffix(".json").read_text("utf-8"))


def _decode(mp3: Path) -> AudioSegment:
    wav = mp3.with_suffix(".decoded.wav")
    subprocess.run([ffmpeg_path(), "-v", "error", "-y", "-i", str(mp3), str(wav)], check=True)
    return AudioSegment.from_wav(str(wav))


def test_seed_script_matches_the_expected_text() -> None:
    require_shared(SEED_EXPECTED)
    result = runner.invoke(app, ["script", str(SEED)])
    assert result.exit_code == 0, result.output
    assert f1(result.stdout, SEED_EXPECTED.read_text("utf-8")) >= 0.97
    for phrase in BOILERPLATE:
        assert phrase not in result.stdout


def test_seed_mp3_duration_tags_and_chapters(seed_episode: tuple[Path, dict[str, Any]]) -> None:
    mp3, manifest = seed_episode
    info = MP3(str(mp3)).info
    assert abs(info.length * 1000 - manifest["duration_ms"]) < 150
    assert 60_000 < manifest["duration_ms"] < 400_000  # about 500 words of news
    tags = ID3(str(mp3))
    assert str(tags["TIT2"]) == "Seoul says Russia helped North Korea to launch spy satellite"
    assert "Dinara Khalilova" in str(tags["TPE1"])
    probed = probe_chapters(mp3)
    assert [title for title, _, _ in probed] == [c["title"] for c in manifest["chapters"]]
    for (_, start, _), chapter in zip(probed, manifest["chapters"], strict=True):
        assert abs(start - chapter["start_ms"]) <= 60


def test_seed_manifest_segments_are_heard(seed_episode: tuple[Path, dict[str, Any]]) -> None:
    mp3, manifest = seed_episode
    audio = _decode(mp3)
    assert set(manifest) >= {"title", "byline", "source", "reading", "duration_ms", "chapters"}
    assert manifest["reading"]["voices"][0]["engine"] == "espeak"
    previous_end = 0
    for segment in manifest["segments"]:
        assert previous_end <= segment["start_ms"] < segment["end_ms"] <= manifest["duration_ms"]
        previous_end = segment["end_ms"]
        heard = audio[segment["start_ms"] : segment["end_ms"]]
        assert heard.dBFS > -35, f"segment {segment['index']} is silent: {segment['text'][:40]}"
        words = len(segment["spoken"].split())
        assert len(heard) > words * 150, f"segment {segment['index']} is too short"
    kinds = [s["kind"] for s in manifest["segments"]]
    assert kinds[0] == "title"
    assert kinds.count("paragraph") >= 10
