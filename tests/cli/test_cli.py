"""The CLI through typer's CliRunner: one test per exit code and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from tests.conftest import SAMPLE_HTML

runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def _one_line_error(result: Result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("narrate: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_script_prints_the_article_and_not_the_furniture() -> None:
    result = run("script", str(SAMPLE_HTML))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("The library that lends seeds, tools and telescopes\n\n")
    assert "two telescopes donated by a retired physics teacher" in result.stdout
    for furniture in ("Skip to content", "Share on Facebook", "Volunteers sort seed", "newsletter"):
        assert furniture not in result.stdout


def test_script_json_and_dropped() -> None:
    result = run("script", str(SAMPLE_HTML), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"title", "byline", "segments", "dropped"}
    assert data["segments"][0]["kind"] == "title"
    assert {s["kind"] for s in data["segments"]} >= {"title", "heading", "paragraph", "quote"}
    assert all({"kind", "text", "spoken"} <= set(s) for s in data["segments"])
    assert any(d["reason"] and "Share on Facebook" in d["text"] for d in data["dropped"])


def test_script_from_stdin() -> None:
    result = run("script", "-", stdin=SAMPLE_HTML.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "What comes next" in result.stdout


def test_missing_file(tmp_path: Path) -> None:
    _one_line_error(run("script", str(tmp_path / "none.html")), 2, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    _one_line_error(run("script", str(tmp_path / "empty.html")), 2, "is empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(bytes(range(256)) * 64)
    _one_line_error(run("script", str(tmp_path / "photo.html")), 2, "not text")


def test_page_without_an_article(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav>"
        "<footer>© 2026 Example</footer></body></html>",
        "utf-8",
    )
    _one_line_error(run("script", str(page)), 2, "no article text")


def test_bad_and_unreachable_urls() -> None:
    _one_line_error(run("script", "ftp://example.org/a"), 2, "can fetch")
    _one_line_error(run("script", "http://127.0.0.1:9/a"), 2, "could not fetch")


def test_unknown_voice_leaves_nothing(tmp_path: Path) -> None:
    result = run("article", str(SAMPLE_HTML), "--voice", "klingon", "-o", str(tmp_path))
    _one_line_error(result, 2, "unknown voice 'klingon'")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    result = run("article", str(SAMPLE_HTML), "-o", str(blocker / "out.mp3"), "-q")
    _one_line_error(result, 2, "cannot write")


def test_ffmpeg_failure_is_exit_3_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n", "utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(broken))  # no working ffmpeg to stand in
    out = tmp_path / "out"
    result = run("article", str(SAMPLE_HTML), "-o", str(out), "-q", "--ffmpeg", str(broken))
    _one_line_error(result, 3, "cannot measure loudness: Segmentation fault")
    assert not out.exists() or list(out.iterdir()) == []


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run("--debug", "script", str(tmp_path / "none.html"))
    assert result.exit_code != 0
    assert result.exception is not None


def test_voices_lists_profiles_and_engine_voices() -> None:
    result = run("voices")
    assert result.exit_code == 0, result.stderr
    assert "default" in result.stdout
    assert "clear" in result.stdout
    assert "gmw/en-us" in result.stdout


def test_article_writes_mp3_and_manifest(tmp_path: Path) -> None:
    result = run("article", str(SAMPLE_HTML), "-o", str(tmp_path / "lantern.mp3"), "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lantern.chapters.json",
        "lantern.json",
        "lantern.listen.html",
        "lantern.mp3",
        "lantern.srt",
        "lantern.vtt",
    ]
    manifest = json.loads((tmp_path / "lantern.json").read_text("utf-8"))
    assert [c["title"] for c in manifest["chapters"]] == [
        "The library that lends seeds, tools and telescopes",
        "More than books",
        "What comes next",
    ]


def test_spoken_and_lint(tmp_path: Path) -> None:
    page = tmp_path / "numbers.html"
    page.write_text(
        "<html lang='en'><body><article><h1>Budget day</h1><p>On Nov. 23 the council of the "
        "U.S. town approved $250,000 for roads, up 12% from 2022, and asked the ZEBOR board "
        "to report by 4:30 PM.</p></article></body></html>",
        "utf-8",
    )
    spoken = run("script", str(page), "--spoken")
    assert spoken.exit_code == 0, spoken.stderr
    assert "November twenty-third" in spoken.stdout
    assert "two hundred and fifty thousand dollars" in spoken.stdout
    assert not any(ch.isdigit() for ch in spoken.stdout)
    lint = run("lint", str(page))
    assert lint.exit_code == 0, lint.stderr
    assert "ZEBOR\tunknown acronym" in lint.stdout


def test_the_listen_page_never_replaces_the_page_being_read(tmp_path: Path) -> None:
    """OUT.listen.html beside the audio: a saved page named like the episode stays; one
    named like its listen page makes the episode take the next name; a named file whose
    listen page it would be is refused, not overwritten."""
    name = "the-library-that-lends-seeds-tools-and-telescopes"
    page = tmp_path / f"{name}.html"
    page.write_bytes(SAMPLE_HTML.read_bytes())
    assert run("article", str(page), "-o", str(tmp_path), "-q").exit_code == 0
    assert page.read_bytes() == SAMPLE_HTML.read_bytes()
    assert (tmp_path / f"{name}.listen.html").is_file()
    saved = tmp_path / "saved"
    saved.mkdir()
    listen_named = saved / f"{name}.listen.html"
    listen_named.write_bytes(SAMPLE_HTML.read_bytes())
    assert run("article", str(listen_named), "-o", str(saved), "-q").exit_code == 0
    assert listen_named.read_bytes() == SAMPLE_HTML.read_bytes()
    assert (saved / f"{name}-2.listen.html").is_file()
    result = run("article", str(listen_named), "-o", str(saved / f"{name}.mp3"), "-q")
    _one_line_error(result, 2, "would be overwritten by the episode's own files")
    assert listen_named.read_bytes() == SAMPLE_HTML.read_bytes()
