"""`-o story.m4a` means an M4A file named story.m4a, as a user expects, in every command
that takes an output; a name that contradicts `--format`, or names audio narrate does not
write, is one line and exit 2 with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app

runner = CliRunner()
STORY = (
    "<html lang='en'><head><title>The ferry at dawn</title></head><body><article>"
    "<h1>The ferry at dawn</h1><p>The first ferry leaves before the sun is up. Its crew "
    "checks the ropes twice, and the harbour is quiet but for the gulls.</p></article>"
    "</body></html>"
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "story.html"
    path.write_text(STORY, "utf-8")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["x.m4a", "x.OPUS"])
def test_the_output_name_says_the_format(page: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out" / name
    result = runner.invoke(app, ["article", str(page), "-o", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert out.is_file()  # not a folder of that name
    manifest = json.loads(out.with_suffix(".json").read_text("utf-8"))
    assert manifest["format"] == out.suffix[1:].lower()
    head = out.read_bytes()[:64]
    assert (b"ftyp" in head) if manifest["format"] == "m4a" else head.startswith(b"OggS")


def test_a_name_that_contradicts_the_format_is_one_line(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["article", str(page), "-o", str(out / "x.m4a"), "-f", "mp3"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: --output {out / 'x.m4a'} names an m4a file, but --format is mp3 "
        f"(drop --format, or name the file x.mp3)"
    ]
    assert files_in(out) == []


def test_audio_narrate_does_not_write_is_refused(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["article", str(page), "-o", str(out / "talk.wav")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: --output {out / 'talk.wav'}: narrate does not write .wav files "
        "(name it talk.mp3, talk.m4a, talk.m4b or talk.opus, or give a folder)"
    ]
    assert files_in(out) == []


def test_a_folder_stays_a_folder_whatever_its_name(page: Path, tmp_path: Path) -> None:
    folder = tmp_path / "talks.m4a"
    folder.mkdir()  # there already: episodes go in it
    result = runner.invoke(app, ["article", str(page), "-o", str(folder), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "the-ferry-at-dawn.mp3" in files_in(folder)


def test_the_settings_file_format_gives_way_to_the_output_name(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('format = "opus"\n', "utf-8")
    result = runner.invoke(app, ["--config", str(settings), "config", "-o", "x.m4b"])
    assert result.exit_code == 0, result.output
    line = next(row for row in result.stdout.splitlines() if row.startswith("format"))
    assert line.split()[:2] == ["format", "m4b"]
    assert "the output's name (flag --output x.m4b)" in line


def test_a_batch_into_an_audio_file_is_refused(page: Path, tmp_path: Path) -> None:
    target = tmp_path / "podcast.m4a"
    result = runner.invoke(app, ["batch", str(page.parent), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: --output {target} names an audio file: a batch writes a folder of episodes "
        "(give a folder, and --format m4a for m4a episodes)"
    ]
    assert not target.exists()


def test_the_settings_file_output_is_a_folder(page: Path, tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('voice = "default"\noutput = "story.m4a"\n', "utf-8")
    result = runner.invoke(app, ["--config", str(settings), "article", str(page)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: {settings}, line 2: output: 'story.m4a' names an audio file, but output is "
        "the folder episodes go to (fix it; `narrate config --help` lists the keys)"
    ]
    assert not (tmp_path / "story.m4a").exists()


def test_an_episode_made_again_in_another_format_replaces_the_first(
    page: Path, tmp_path: Path
) -> None:
    # the opus took over the episode's manifest and sidecars, and the mp3 stayed with
    # sidecars that described another file
    out = tmp_path / "out"
    for fmt in ("mp3", "opus"):
        args = ["article", str(page), "-o", f"{out}/", "-f", fmt, "-q", "--jobs", "1"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert [name for name in files_in(out) if name.startswith("the-ferry")] == [
        "the-ferry-at-dawn.chapters.json",
        "the-ferry-at-dawn.json",
        "the-ferry-at-dawn.listen.html",
        "the-ferry-at-dawn.opus",
        "the-ferry-at-dawn.srt",
        "the-ferry-at-dawn.vtt",
    ]
    manifest = json.loads((out / "the-ferry-at-dawn.json").read_text("utf-8"))
    assert manifest["audio"] == "the-ferry-at-dawn.opus"


def test_a_file_of_another_article_under_that_name_is_not_touched(
    page: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "the-ferry-at-dawn.mp3").write_bytes(b"not narrate's")  # no manifest of ours
    result = runner.invoke(app, ["article", str(page), "-o", f"{out}/", "-f", "opus", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "the-ferry-at-dawn.mp3").read_bytes() == b"not narrate's"


def test_the_named_file_of_another_article_is_kept(page: Path, tmp_path: Path) -> None:
    # an opus of another article under the same name took the mp3 of the first away
    other = tmp_path / "other.html"
    other.write_text(STORY.replace("The first ferry leaves", "The last ferry comes back"))
    out = tmp_path / "out"
    for source, name in ((page, "story.mp3"), (other, "story.opus")):
        result = runner.invoke(app, ["article", str(source), "-o", str(out / name), "-q"])
        assert result.exit_code == 0, result.output
    assert (out / "story.mp3").is_file()
    assert (out / "story.opus").is_file()
