"""`narrate --version` and `narrate version --verbose`: what is running, and on what."""

from __future__ import annotations

import platform
import re
from pathlib import Path

from typer.testing import CliRunner

from narrate import __version__
from narrate.cli.app import app
from narrate.core.ffmpeg import ffmpeg_path
from tests.piper_support import joe_files

runner = CliRunner()


def test_version_flag_and_command_print_one_line() -> None:
    for args in (["--version"], ["version"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"narrate {__version__}\n"


def test_version_flag_runs_no_command() -> None:
    result = runner.invoke(app, ["--version", "article", "nothing.html"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"narrate {__version__}\n"


def test_verbose_names_every_part_and_where_it_comes_from(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "pcm" / "ab").mkdir(parents=True)
    (cache / "pcm" / "ab" / "entry.pcm").write_bytes(bytes(3 * 1024 * 1024))
    settings = tmp_path / "narrate.toml"
    settings.write_text(f'cache_dir = "{cache}"\ncache_size_mb = 100\n', "utf-8")
    result = runner.invoke(app, ["--config", str(settings), "version", "--verbose"])
    assert result.exit_code == 0, result.output
    fields = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines()[1:])
    assert set(fields) >= {"python", "engine", "libespeak-ng", "ffmpeg", "cache", "settings file"}
    assert fields["python"].startswith(platform.python_version())
    assert re.match(r"espeak-ng \d+\.\d+", fields["engine"])
    chosen = r"(system|bundled: the {} [\d.]+ wheel); (the default|chosen by environment \w+)"
    assert re.search(
        r"libespeak-ng[^ ]* \(" + chosen.format("espeakng-loader") + r"\)$", fields["libespeak-ng"]
    )
    assert ffmpeg_path() in fields["ffmpeg"]
    assert re.search(r"\(" + chosen.format("imageio-ffmpeg") + r"\)$", fields["ffmpeg"])
    assert fields["cache"] == f"{cache} (3.0 MB of 100 MB)"
    assert fields["settings file"] == str(settings)


def test_verbose_counts_piper_voices_in_words() -> None:
    """'1 voice', not '1 voices' (the dev extra installs exactly the Joe voice)."""
    joe_files()
    result = runner.invoke(app, ["version", "--verbose"])
    assert result.exit_code == 0, result.output
    piper = next(line for line in result.stdout.splitlines() if line.startswith("piper"))
    count = int(re.search(r"(\d+) voices?$", piper).group(1))  # type: ignore[union-attr]
    assert piper.endswith(f"{count} voice" if count == 1 else f"{count} voices")
