"""Each article in its own language, end to end: voices, digests, batches, tags, script --json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from typer.testing import CliRunner, Result

from narrate.cli.app import app

PAGES = Path(__file__).resolve().parents[1] / "data" / "languages"
runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _manifest(audio: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(audio.with_suffix(".json").read_text("utf-8"))
    return data


def test_a_german_page_under_an_english_template_is_read_in_german(tmp_path: Path) -> None:
    out = tmp_path / "de.mp3"
    result = run("article", str(PAGES / "de-wrong-template.html"), "-o", str(out), "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    manifest = _manifest(out)
    assert manifest["language"] == "de"
    reading = manifest["reading"]
    assert isinstance(reading, dict)
    voice = reading["voices"][0]
    assert (voice["voice_id"], voice["language"], voice["chosen"], reading["pinned"]) == (
        "gmw/de",
        "de",
        "engine",
        False,
    )
    spoken = " ".join(str(s["spoken"]) for s in manifest["segments"])  # type: ignore[attr-defined]
    assert "Am dritten Oktober" in spoken
    assert ID3(str(out))["TLAN"].text == ["deu"]  # ISO 639-2


def test_a_digest_reads_each_article_in_its_own_voice(tmp_path: Path) -> None:
    out = tmp_path / "digest.mp3"
    pages = [str(PAGES / "de-quote.html"), str(PAGES / "en.html")]
    result = run("article", *pages, "-o", str(out), "-q", "-j", "1", "--title", "Mixed")
    assert result.exit_code == 0, result.output
    manifest = _manifest(out)
    segments = manifest["segments"]
    assert isinstance(segments, list)
    languages = [s["language"] for s in segments]
    assert languages == ["de"] * 3 + ["en"] * 3
    reading = manifest["reading"]
    assert isinstance(reading, dict)
    voices = reading["voices"]
    assert [(v["language"], v["engine"], v["voice_id"], v["chosen"]) for v in voices] == [
        ("de", "espeak", "gmw/de", "engine"),
        ("en", "espeak", "gmw/en-us", "profile"),
    ]
    assert [(s["engine"], s["voice_id"]) for s in segments] == (
        [("espeak", "gmw/de")] * 3 + [("espeak", "gmw/en-us")] * 3
    )
    # the English quotation inside the German article stays in the German voice
    quoted = next(s for s in segments if "We will definitely come back" in s["text"])
    assert quoted["language"] == "de"


def test_a_language_the_engine_lacks_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "tl.mp3"
    result = run("article", str(PAGES / "tl.html"), "-o", str(out), "-q", "-j", "1")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("narrate: the espeak engine has no voice for Tagalog (tl)")
    assert "--fallback-voice" in lines[0]
    assert not out.exists()
    asked = run(
        "article",
        str(PAGES / "tl.html"),
        "-o",
        str(out),
        "-q",
        "-j",
        "1",
        "--fallback-voice",
        "gmw/en-us",
    )
    assert asked.exit_code == 0, asked.output
    voice = _manifest(out)["reading"]["voices"][0]  # type: ignore[index]
    assert (voice["voice_id"], voice["chosen"], voice["language"]) == (
        "gmw/en-us",
        "fallback",
        "tl",
    )


def test_a_pinned_voice_reads_another_language_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "fr.mp3"
    args = ["-o", str(out), "-q", "-j", "1", "--voice", "gmw/en"]  # -v is --verbose
    result = run("article", str(PAGES / "fr.html"), *args)
    assert result.exit_code == 0, result.output
    reading = _manifest(out)["reading"]
    assert isinstance(reading, dict)
    voice = reading["voices"][0]
    assert (voice["voice_id"], voice["chosen"], reading["pinned"], voice["language"]) == (
        "gmw/en",
        "pinned",
        True,
        "fr",
    )


def test_script_json_tells_the_language_and_the_voice() -> None:
    result = run("script", str(PAGES / "ru-copy.txt"), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["language"], data["language_from"], data["language_declared"]) == (
        "ru",
        "detected",
        None,
    )
    assert data["voices"] == [
        {"language": "ru", "engine": "espeak", "id": "zle/ru", "chosen": "engine"}
    ]
    assert {s["language"] for s in data["segments"]} == {"ru"}
    forced = json.loads(run("script", str(PAGES / "ru-copy.txt"), "--json", "--lang", "uk").stdout)
    assert (forced["language"], forced["language_from"]) == ("uk", "option")


def test_a_bad_language_tag_is_bad_input() -> None:
    result = run("script", str(PAGES / "fr.html"), "--lang", "french!")
    assert result.exit_code == 2
    assert "is not a language tag" in result.stderr


def test_voices_shows_which_voice_each_language_gets() -> None:
    result = run("voices")
    assert result.exit_code == 0, result.stderr
    assert "German (de)" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "German (de)" in line)
    assert "gmw/de" in line
    pinned = run("voices", "--voice", "roa/fr")
    assert "pinned" in pinned.stdout
    german = next(line for line in pinned.stdout.splitlines() if "German (de)" in line)
    assert "roa/fr" in german


@pytest.mark.slow
def test_a_batch_of_mixed_pages_reads_each_in_its_language(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "de-wrong-template.html",
        "fr.html",
        "es.html",
        "ru-copy.txt",
        "zh.html",
        "en.html",
    ):
        shutil.copy(PAGES / name, folder / name)
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "-j", "2")
    assert result.exit_code == 0, result.output
    table = result.stderr.split("language -> voice:")[1]
    rows = dict(line.split() for line in table.strip().splitlines() if len(line.split()) == 2)
    assert rows == {
        "de": "gmw/de",
        "en": "gmw/en-us",
        "es": "roa/es",
        "fr": "roa/fr",
        "ru": "zle/ru",
        "zh-CN": "sit/cmn",
    }
    for mp3 in out.glob("*.mp3"):
        manifest = _manifest(mp3)
        reading = manifest["reading"]
        assert isinstance(reading, dict)
        assert reading["voices"][0]["language"] == manifest["language"]
