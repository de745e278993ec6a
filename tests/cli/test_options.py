"""Options and files checked before any work: one line on stderr naming the option, exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from narrate.cli.options import NarrationOptions, WorkOptions
from narrate.cli.resolve import resolve
from narrate.core.settings import usable_cores
from tests.conftest import SAMPLE_HTML
from tests.processes import NARRATE, private_env, small_disk_command

runner = CliRunner()


def _one_line(result: Result, code: int, *fragments: str) -> None:
    """Exit `code` and one `narrate: ...` line (a line pointing to --help may follow)."""
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    if len(lines) == 2 and lines[1].startswith("Try '") and lines[1].endswith("--help' for help."):
        lines = lines[:1]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("narrate: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["1000", "nan", "-1000", "inf", "-4"])
def test_loudness_out_of_range_is_refused(tmp_path: Path, value: str) -> None:
    result = runner.invoke(
        app, ["article", str(SAMPLE_HTML), "-o", str(tmp_path), "--loudness", value]
    )
    _one_line(result, 2, "--loudness", "-35", "-5")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--jobs", "0"], ("--jobs", "x>=1")),
        (["--chapters", "bogus"], ("--chapters", "headings, paragraphs, none")),
        (["--bogus"], ("--bogus",)),
    ],
)
def test_usage_errors_are_one_line(args: list[str], fragments: tuple[str, ...]) -> None:
    result = runner.invoke(app, ["article", str(SAMPLE_HTML), *args])
    _one_line(result, 2, *fragments)
    assert result.stderr.strip().splitlines()[1] == "Try 'narrate article --help' for help."


def _jobs(jobs: int) -> int:
    return resolve(None, NarrationOptions(work=WorkOptions(jobs=jobs))).settings.jobs


def test_jobs_are_capped_at_the_cores(capsys: pytest.CaptureFixture[str]) -> None:
    cores = usable_cores()
    assert _jobs(cores + 62) == cores
    said = capsys.readouterr().err
    assert f"{cores + 62} jobs (flag --jobs) is more than the {cores} cores here" in said
    assert _jobs(1) == 1


def test_a_cache_dir_that_is_a_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder")
    result = runner.invoke(
        app, ["article", str(SAMPLE_HTML), "-o", str(tmp_path / "out"), "--cache-dir", str(cache)]
    )
    _one_line(result, 2, "cache folder", "--cache-dir")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_cache_dir_on_a_read_only_file_system(tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    # Not reformatted: command-line options stay with their values.
    command = [*NARRATE, "article", str(SAMPLE_HTML), "-o", str(tmp_path / "out"), "-q",
               "--cache-dir", str(mount / "cache")]  # fmt: skip
    wrapped = small_disk_command(mount, "64k,ro", command, tmp_path / "listing")
    done = subprocess.run(wrapped, env=private_env(tmp_path), capture_output=True, check=False)
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1
    assert lines[0].startswith("narrate: cannot use the cache folder")
    assert "Read-only file system" in lines[0]


def test_a_lexicon_that_is_not_utf8(tmp_path: Path) -> None:
    lexicon = tmp_path / "latin.toml"
    lexicon.write_bytes('[words]\n"caf\xe9" = "cafe"\n'.encode("latin-1"))
    _one_line(
        runner.invoke(app, ["script", str(SAMPLE_HTML), "--lexicon", str(lexicon)]),
        2,
        "cannot read lexicon",
    )


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("random.jpg", os.urandom(5000), "is not a JPEG image"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + os.urandom(5000), "cannot be decoded"),
    ],
)
def test_a_garbage_cover_is_refused_before_any_synthesis(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    cover = tmp_path / name
    cover.write_bytes(content)
    cache = tmp_path / "cache"
    result = runner.invoke(
        app,
        [
            "article",
            str(SAMPLE_HTML),
            "-o",
            str(tmp_path / "out"),
            "--cover",
            str(cover),
            "--cache-dir",
            str(cache),
        ],
    )
    _one_line(result, 2, fragment)
    assert not (cache / "pcm").exists()  # nothing was synthesised first
