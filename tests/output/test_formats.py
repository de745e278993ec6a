"""Every output format: chapters, tags, cover, loudness and transcripts, read back by ffmpeg."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import mutagen
import pytest
from typer.testing import CliRunner

from narrate.audio.loudness import parse_ebur128
from narrate.cli.app import app
from narrate.core.ffmpeg import ffmpeg_path
from tests.conftest import SAMPLE_HTML, probe_chapters

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too

runner = CliRunner()
TITLES = [
    "The library that lends seeds, tools and telescopes",
    "More than books",
    "What comes next",
]


@pytest.fixture(scope="module")
def cover(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("art") / "cover.png"
    subprocess.run(
        [
            ffmpeg_path(),
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=teal:s=300x300",
            "-frames:v",
            "1",
            str(path),
        ],
        check=True,
    )
    return path


def narrate_as(fmt: str, out: Path, *extra: str) -> dict[str, Any]:
    result = runner.invoke(
        app, ["article", str(SAMPLE_HTML), "-f", fmt, "-o", str(out), "-q", *extra]
    )
    assert result.exit_code == 0, result.output
    manifest: dict[str, Any] = json.loads(out.with_suffix(".json").read_text("utf-8"))
    return manifest


def loudness(path: Path) -> tuple[float, float | None]:
    done = subprocess.run(
        [
            ffmpeg_path(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=verbose",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    return parse_ebur128(done.stderr.decode("utf-8", "replace"))


def tags(path: Path) -> dict[str, str]:
    """Title, artist, album and genre as mutagen reads them in any container."""
    audio = mutagen.File(str(path), easy=True)
    assert audio is not None
    wanted = ("title", "artist", "album", "genre")
    return {key: str(audio[key][0]) for key in wanted if key in audio}


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "m4b", "opus"])
def test_format(fmt: str, tmp_path: Path, cover: Path) -> None:
    out = tmp_path / f"lantern.{fmt}"
    manifest = narrate_as(fmt, out, "--cover", str(cover), "--album", "Morning reads")
    assert manifest["format"] == fmt

    chapters = probe_chapters(out)
    assert [title for title, _, _ in chapters] == TITLES
    for (_, start, _), chapter in zip(chapters, manifest["chapters"], strict=True):
        assert abs(start - chapter["start_ms"]) <= 50

    integrated, peak = loudness(out)
    assert -17.0 <= integrated <= -15.0, integrated
    assert peak is not None
    assert peak <= -1.0, peak  # with every ffmpeg (Debian's AAC encoder overshoots more)

    found = tags(out)
    assert found["title"] == TITLES[0]
    assert found["artist"] == "Maya Okafor"
    assert found["album"] == "Morning reads"
    assert found.get("genre") == "Podcast"
    data = out.read_bytes()
    if fmt == "mp3":
        assert b"APIC" in data[:400_000]
    elif fmt in ("m4a", "m4b"):
        assert b"covr" in data
        assert b"chpl" in data  # Nero chapters
        assert b"chap" in data  # the QuickTime chapter track reference
        if fmt == "m4b":
            assert b"M4B " in data[:64]
    else:
        assert b"METADATA_BLOCK_PICTURE" in data[:200_000]
        assert b"CHAPTER001NAME" in data[:200_000]
        assert b"CHAPTER000" not in data[:200_000]


def test_transcripts_and_chapter_sidecars(tmp_path: Path) -> None:
    out = tmp_path / "lantern.mp3"
    manifest = narrate_as("mp3", out)
    duration = manifest["duration_ms"]
    chapters = json.loads(out.with_suffix(".chapters.json").read_text("utf-8"))
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]] == TITLES
    vtt = out.with_suffix(".vtt").read_text("utf-8")
    assert vtt.startswith("WEBVTT")
    srt = out.with_suffix(".srt").read_text("utf-8")
    times = re.findall(r"(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)", srt)
    assert len(times) >= 20
    previous = 0
    for parts in times:
        numbers = [int(p) for p in parts]
        start = ((numbers[0] * 60 + numbers[1]) * 60 + numbers[2]) * 1000 + numbers[3]
        end = ((numbers[4] * 60 + numbers[5]) * 60 + numbers[6]) * 1000 + numbers[7]
        assert previous <= start < end <= duration
        previous = end
    for block in srt.strip().split("\n\n"):
        text_lines = block.splitlines()[2:]
        assert 1 <= len(text_lines) <= 2
        assert all(len(line) <= 42 for line in text_lines)


def test_chapters_every_few_paragraphs_and_none(tmp_path: Path) -> None:
    page = tmp_path / "flat.html"
    paragraphs = "".join(
        f"<p>Paragraph number {n} tells a small part of the story, with enough words to read.</p>"
        for n in range(1, 11)
    )
    page.write_text(
        "<html><body><article><h1>A story without headings</h1>"
        f"{paragraphs}</article></body></html>",
        "utf-8",
    )
    result = runner.invoke(
        app, ["article", str(page), "-o", str(tmp_path / "p.mp3"), "--chapters", "paragraphs", "-q"]
    )
    assert result.exit_code == 0, result.output
    titles = [c[0] for c in probe_chapters(tmp_path / "p.mp3")]
    assert titles[0] == "A story without headings"
    assert titles[1].startswith("Paragraph number 5")
    assert len(titles) == 3
    result = runner.invoke(
        app, ["article", str(page), "-o", str(tmp_path / "n.mp3"), "--chapters", "none", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert len(probe_chapters(tmp_path / "n.mp3")) <= 1


def test_digest_of_several_articles(tmp_path: Path) -> None:
    other = tmp_path / "other.html"
    other.write_text(
        "<html><body><article><h1>A second story</h1><p>It is short, but it has a point to make "
        "and a sentence or two to make it with.</p><h2>Its only heading</h2><p>And one more "
        "paragraph to close it.</p></article></body></html>",
        "utf-8",
    )
    out = tmp_path / "digest.mp3"
    result = runner.invoke(
        app, ["article", str(SAMPLE_HTML), str(other), "-o", str(out), "--title", "Today", "-q"]
    )
    assert result.exit_code == 0, result.output
    titles = [c[0] for c in probe_chapters(out)]
    assert titles == [*TITLES, "A second story", "Its only heading"]
    assert tags(out)["title"] == "Today"
