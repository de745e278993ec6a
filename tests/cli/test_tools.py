"""Choosing ffmpeg and libespeak-ng: flag > environment > settings file > bundled, shown with
where the choice came from. A chosen ffmpeg that cannot do what a run needs (a stand-in on
PATH rejecting ebur128's options) is stood in for by the bundled one, and said; without a
bundled one the run stops before any sound with one line naming the fix; doctor says both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.ffmpeg import bundled_ffmpeg

runner = CliRunner()
PAGE = (
    "<html lang='en'><head><title>Tools</title></head><body><article><h1>Tools</h1>"
    "<p>The harbour master keeps a small notebook. Every ship that passes is written in it."
    "</p></article></body></html>"
)


def _config(*args: str) -> dict[str, str]:
    result = runner.invoke(app, ["config", *args])
    assert result.exit_code == 0, result.output
    rows = [line.split(None, 2) for line in result.stdout.splitlines()[1:]]
    tools = ("ffmpeg", "libespeak-ng")
    return {row[0]: " ".join(row[1:]) for row in rows if row and row[0] in tools}


def test_the_choice_and_where_it_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NARRATE_FFMPEG", raising=False)
    monkeypatch.delenv("NARRATE_ESPEAK", raising=False)
    assert _config() == {"ffmpeg": "bundled default", "libespeak-ng": "bundled default"}
    settings = tmp_path / "narrate.toml"
    settings.write_text('ffmpeg = "system"\nespeak = "system"\n', "utf-8")
    monkeypatch.setenv("NARRATE_CONFIG", str(settings))
    shown = _config()
    assert shown["ffmpeg"] == "system settings file, line 1 (ffmpeg)"
    assert shown["libespeak-ng"] == "system settings file, line 2 (espeak)"
    monkeypatch.setenv("NARRATE_FFMPEG", "bundled")
    assert _config()["ffmpeg"] == "bundled environment NARRATE_FFMPEG"
    real = bundled_ffmpeg()
    assert real is not None
    assert _config("--ffmpeg", real)["ffmpeg"] == f"{real} flag --ffmpeg"
    assert os.environ["NARRATE_FFMPEG"] == "bundled"  # an in-process command leaves it as it was


def test_a_bad_choice_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["config", "--ffmpeg", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "is not bundled, system or the path of ffmpeg" in result.output
    monkeypatch.setenv("NARRATE_ESPEAK", "sometimes")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert result.stderr.startswith("narrate: NARRATE_ESPEAK: 'sometimes' is not bundled")
    monkeypatch.delenv("NARRATE_ESPEAK")
    settings = tmp_path / "narrate.toml"
    settings.write_text('ffmpeg = "newest"\n', "utf-8")
    result = runner.invoke(app, ["--config", str(settings), "config"])
    assert result.exit_code == 2
    assert f"{settings}, line 1: ffmpeg: 'newest' is not bundled" in result.stderr


@pytest.fixture
def picky_ffmpeg(tmp_path: Path) -> Path:
    """A folder whose `ffmpeg` is the bundled one, except that it rejects ebur128's options
    as Debian's 5.1 rejected `framelog=quiet`."""
    real = bundled_ffmpeg()
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        '  case "$arg" in *ebur128*)\n'
        '    echo "[Parsed_ebur128_0 @ 0x1] Unable to parse option value" >&2\n'
        '    echo "Error reinitializing filters!" >&2; exit 1;;\n'
        "  esac\n"
        "done\n"
        f'exec "{real}" "$@"\n',
        "utf-8",
    )
    script.chmod(0o755)
    return folder


def _narrate(
    tmp_path: Path, path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "tools.html"
    page.write_text(PAGE, "utf-8")
    environment = dict(os.environ, PATH=f"{path}{os.pathsep}{os.environ['PATH']}", **env)
    environment.pop("NARRATE_FFMPEG", None)
    return subprocess.run(
        [sys.executable, "-m", "narrate", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=600,
    )


@pytest.mark.system_tools
def test_a_chosen_ffmpeg_that_cannot_is_stood_in_for_or_explained(
    tmp_path: Path, picky_ffmpeg: Path
) -> None:
    cache = str(tmp_path / "cache")  # the loudness calibration is measured afresh
    # Not reformatted: command-line options stay with their values.
    args = ["article", str(tmp_path / "tools.html"), "-o", str(tmp_path / "out"), "--jobs", "1",
            "--cache-dir", cache, "-f", "m4a", "--ffmpeg", "system"]  # fmt: skip
    done = _narrate(tmp_path, picky_ffmpeg, *args)
    assert done.returncode == 0, done.stderr
    said = f"narrate: {picky_ffmpeg / 'ffmpeg'} cannot measure loudness (Error reinitializing "
    assert said + "filters!): the bundled ffmpeg does it" in done.stderr
    assert (tmp_path / "out" / "tools.m4a").stat().st_size > 1000
    alone = _narrate(tmp_path, picky_ffmpeg, *args, IMAGEIO_FFMPEG_EXE=str(tmp_path / "none"))
    assert alone.returncode == 3, alone.stderr
    assert alone.stderr.splitlines() == [
        f"narrate: {picky_ffmpeg / 'ffmpeg'} cannot measure loudness: Error reinitializing "
        "filters! (choose another ffmpeg (--ffmpeg bundled needs `pip install imageio-ffmpeg`))"
    ]
    assert "synthesis" not in alone.stderr  # said before any sound


@pytest.mark.system_tools
def test_doctor_says_which_operations_the_chosen_ffmpeg_cannot_do(
    tmp_path: Path, picky_ffmpeg: Path
) -> None:
    done = _narrate(tmp_path, picky_ffmpeg, "doctor", "--ffmpeg", "system")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    chosen = [line for line in lines if line.startswith("ok    ffmpeg: ")]
    assert len(chosen) == 1, done.stdout
    assert chosen[0].endswith("(system; chosen by flag --ffmpeg)")
    measure = [line for line in lines if "ffmpeg measure loudness" in line]
    assert measure == [
        f"warn  ffmpeg measure loudness: {picky_ffmpeg / 'ffmpeg'} cannot (Error reinitializing "
        "filters!); the bundled ffmpeg does it -> update your ffmpeg, or choose the bundled one: "
        "--ffmpeg bundled"
    ]
    # each stand-in said once, by its own line (it was said again as a run's notice on stderr)
    assert "the bundled ffmpeg does it" not in done.stderr
    alone = _narrate(
        tmp_path,
        picky_ffmpeg,
        "doctor",
        "-q",
        "--ffmpeg",
        "system",
        IMAGEIO_FFMPEG_EXE=str(tmp_path / "none"),
    )
    assert alone.returncode == 3, alone.stdout + alone.stderr
    failed = [line for line in alone.stdout.splitlines() if line.startswith("FAIL")]
    assert failed, alone.stdout
    assert failed[0].startswith(
        f"FAIL  ffmpeg measure loudness: {picky_ffmpeg / 'ffmpeg'} cannot measure loudness: "
    )
    assert all(
        line.endswith(
            "-> choose the bundled ffmpeg: --ffmpeg bundled, or ffmpeg = "
            '"bundled" in the settings file'
        )
        for line in failed
    )


@pytest.mark.system_tools
def test_the_system_libespeak_ng_when_chosen(tmp_path: Path) -> None:
    """The system's library with its own voice data, even from a process that was given the
    bundled one's (as a parent that loaded the bundled library passes it on)."""
    import ctypes.util

    import espeakng_loader

    if ctypes.util.find_library("espeak-ng") is None:
        pytest.skip("no system libespeak-ng (apt install espeak-ng)")
    env = dict(os.environ, ESPEAK_DATA_PATH=str(espeakng_loader.get_data_path()))
    env.pop("NARRATE_ESPEAK", None)
    done = subprocess.run(
        [sys.executable, "-m", "narrate", "version", "-v", "--espeak", "system"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("libespeak-ng"))
    assert line.endswith("(system; chosen by flag --espeak)")
    assert "espeakng_loader" not in line
    voices = subprocess.run(
        [sys.executable, "-m", "narrate", "voices", "--all", "--espeak", "system"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert voices.returncode == 0, voices.stderr


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "opus"])
def test_the_default_tools_make_the_same_file_from_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Why the bundled tools are the default: two runs, no cache, the very same bytes."""
    monkeypatch.delenv("NARRATE_FFMPEG", raising=False)
    monkeypatch.delenv("NARRATE_ESPEAK", raising=False)
    page = tmp_path / "tools.html"
    page.write_text(PAGE, "utf-8")
    made = []
    for run in ("one", "two"):
        out = tmp_path / run / f"tools.{fmt}"
        args = ["article", str(page), "-o", str(out), "-f", fmt, "--no-cache", "-q"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        made.append(out.read_bytes())
    assert made[0] == made[1]


def test_a_chosen_library_that_is_not_libespeak_ng_is_one_line(tmp_path: Path) -> None:
    # any other shared library loads too (here: the one behind Python's ctypes), and the
    # run ended in a traceback at its first espeak call (AttributeError: espeak_Info)
    import _ctypes

    other = _ctypes.__file__
    out = tmp_path / "out"
    done = _narrate(
        tmp_path,
        tmp_path,
        "article",
        str(tmp_path / "tools.html"),
        "-o",
        f"{out}/",
        "--espeak",
        other,
    )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"narrate: {other} is not libespeak-ng (it has no espeak_Info) (choose another: "
        "--espeak bundled, system or the path of a libespeak-ng)"
    ]
    assert not out.exists() or not any(out.iterdir())
