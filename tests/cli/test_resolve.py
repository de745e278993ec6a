"""Settings precedence (flag > settings file > voice profile > default) and `narrate config`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from narrate.cli.options import NarrationOptions, VoiceOptions
from narrate.cli.resolve import resolve
from narrate.core.settings import Rate
from narrate.core.settings_file import default_path

runner = CliRunner()


def _config(*args: str) -> dict[str, tuple[str, str]]:
    """`narrate ... config`: setting -> (value, source)."""
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.stdout.splitlines()[1:]:
        label, value, source = line[:14].strip(), line[15:44].strip(), line[44:].strip()
        rows[label] = (value, source)
    return rows


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "narrate.toml"
    path.write_text(
        'voice = "clear"\nrate = 160\nformat = "m4b"\noutput = "podcasts"\n'
        'jobs = 1\n[feed]\ntitle = "From the file"\n',
        "utf-8",
    )
    return path


def test_defaults_and_the_profile_without_a_file() -> None:
    rows = _config("config")
    assert rows["voice"] == ("default", "default")
    assert rows["rate"] == ("175 wpm", "voice profile 'default'")
    assert rows["pitch"] == ("50", "voice profile 'default'")
    assert rows["format"] == ("mp3", "default")
    assert rows["loudness"] == ("-16 LUFS", "default")


def test_file_over_profile_and_default(settings_file: Path) -> None:
    rows = _config("--config", str(settings_file), "config")
    assert rows["voice"] == ("clear", "settings file, line 1 (voice)")
    assert rows["rate"] == ("160 wpm", "settings file, line 2 (rate)")
    assert rows["pitch"] == ("45", "voice profile 'clear'")  # the file's voice chose the profile
    assert rows["format"] == ("m4b", "settings file, line 3 (format)")
    assert rows["output"] == ("podcasts", "settings file, line 4 (output)")
    assert rows["feed title"] == ("From the file", "settings file, line 7 (feed.title)")
    assert rows["chapters"] == ("headings", "default")


def test_flag_over_file(settings_file: Path) -> None:
    rows = _config(
        "--config", str(settings_file), "config", "--rate", "1.5x", "-f", "opus", "--pitch", "60"
    )
    assert rows["rate"] == ("210 wpm", "flag --rate")  # 1.5 x the clear profile's 140
    assert rows["format"] == ("opus", "flag --format")
    assert rows["pitch"] == ("60", "flag --pitch")
    assert rows["voice"] == ("clear", "settings file, line 1 (voice)")


def test_the_settings_file_from_the_environment(settings_file: Path) -> None:
    result = runner.invoke(app, ["config"], env={"NARRATE_CONFIG": str(settings_file)})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"settings file  {settings_file}\n")


def test_config_path_is_the_platform_config_folder() -> None:
    result = runner.invoke(app, ["config", "--path"])
    assert result.stdout.strip() == str(default_path())
    assert default_path().parts[-2:] == ("narrate", "config.toml")


def test_resolved_settings_carry_overrides_only_when_given(settings_file: Path) -> None:
    from_file = resolve(settings_file).settings
    flags = VoiceOptions(rate=Rate.parse("1.25x"), voice="default")
    from_flag = resolve(settings_file, NarrationOptions(voice=flags)).settings
    assert (from_file.voice, from_file.rate, from_file.pitch) == ("clear", 160, None)
    assert (from_file.format, from_file.jobs) == ("m4b", 1)
    assert from_file.fallback_voice is None  # neither the file nor the profile names one
    assert (from_flag.voice, from_flag.rate) == ("default", 219)  # 1.25 x default's 175
    assert resolve(None).settings.rate is None  # the profile's own rate is no override


def test_fallback_voice_from_the_file_and_over_it(tmp_path: Path) -> None:
    path = tmp_path / "fallback.toml"
    path.write_text('fallback_voice = "gmw/en"\n', "utf-8")
    assert resolve(path).settings.fallback_voice == "gmw/en"
    flags = NarrationOptions(voice=VoiceOptions(fallback_voice="roa/fr"))
    assert resolve(path, flags).settings.fallback_voice == "roa/fr"


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_malformed_file_is_one_line_naming_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('voice = "clear"\njobs = "two"\n', "utf-8")
    line = _one_error_line(runner.invoke(app, ["--config", str(path), "article", "x.html"]))
    assert line.startswith(f"narrate: {path}, line 2: jobs: must be a whole number")


def test_file_rate_out_of_range_for_the_profile(tmp_path: Path) -> None:
    path = tmp_path / "fast.toml"
    path.write_text('voice = "clear"\nrate = "4x"\n', "utf-8")
    line = _one_error_line(runner.invoke(app, ["--config", str(path), "config"]))
    assert f"{path}, line 2: rate: 4x of 140 wpm is 560 wpm" in line


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--rate", "3x"], "3x of 175 wpm is 525 wpm; the engine speaks 80 to 450"),
        (["--rate", "60"], "60 wpm; the engine speaks 80 to 450"),
        (["--rate", "quick"], "'quick' is not words per minute"),
        (["--pitch", "101"], "101 is not in the range"),
        (["--loudness", "-3"], "-3 is not between -35 and -5 LUFS"),
        (["--chapters", "all"], "'all' is not headings, paragraphs, none"),
    ],
)
def test_flags_outside_their_range_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    for command in ("article", "batch"):
        result = runner.invoke(app, [command, str(tmp_path), *args])
        assert result.exit_code == 2, result.output
        assert fragment in result.stderr


def test_a_chapter_mode_is_read_whatever_its_case() -> None:
    # the settings file took 'Paragraphs', the flag refused it
    from narrate.core.settings import chapter_mode

    assert chapter_mode("Paragraphs") == "paragraphs"
    assert chapter_mode(" NONE ") == "none"
