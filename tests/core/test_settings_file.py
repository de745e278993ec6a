"""The settings file: every key checked as it is read; a fault names the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import SettingsFileError
from narrate.core.settings import Rate, check_rate
from narrate.core.settings_file import parse_settings, read_settings_file


def _parse(tmp_path: Path, text: str) -> object:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return read_settings_file(path)


def _fault(tmp_path: Path, text: str) -> str:
    with pytest.raises(SettingsFileError) as caught:
        _parse(tmp_path, text)
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "config.toml"))
    return message


def test_every_key_is_read_with_its_line(tmp_path: Path) -> None:
    text = (
        '# my defaults\nvoice = "clear"\nrate = "1.25x"\npitch = 40\nformat = "M4B"\n'
        'output = "~/podcasts"\nloudness = -18\njobs = 2\nchapters = "paragraphs"\n'
        'cache_dir = "/tmp/narrate-cache"\ncache_size_mb = 512\n\n[feed]\ntitle = "Mine"\n'
        'author = "Me"\nbase_url = "http://192.168.1.20:8000/"\n'
    )
    settings = parse_settings(text, tmp_path / "config.toml")
    assert settings.voice == "clear"
    assert settings.rate == Rate(factor=1.25)
    assert (settings.pitch, settings.format, settings.loudness) == (40, "m4b", -18.0)
    assert settings.output == Path("~/podcasts").expanduser()
    assert (settings.jobs, settings.chapters, settings.cache_size_mb) == (2, "paragraphs", 512)
    assert (settings.feed_title, settings.feed_author) == ("Mine", "Me")
    assert settings.feed_base_url == "http://192.168.1.20:8000/"
    assert settings.lines["voice"] == 2
    assert settings.lines["feed_title"] == 14


def test_no_file_at_the_default_place_is_no_settings() -> None:
    assert read_settings_file().path is None  # conftest points XDG_CONFIG_HOME at an empty folder


def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsFileError, match="no settings file"):
        read_settings_file(tmp_path / "none.toml")


def test_syntax_error_names_the_line_and_key(tmp_path: Path) -> None:
    message = _fault(tmp_path, 'voice = "clear"\nrate = 1.25x\n')
    assert ", line 2: rate: not TOML" in message


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    message = _fault(tmp_path, 'voice = "clear"\n\nformt = "mp3"\n')
    assert message.endswith(", line 3: unknown key 'formt' (did you mean 'format'?)")


def test_unknown_key_in_the_feed_table(tmp_path: Path) -> None:
    message = _fault(tmp_path, '[feed]\ntitle = "x"\nauthr = "Me"\n')
    assert ", line 3: unknown key 'feed.authr' (did you mean 'feed.author'?)" in message


def test_unknown_table(tmp_path: Path) -> None:
    assert ", line 2: unknown table [fed]" in _fault(tmp_path, 'jobs = 1\n[fed]\ntitle = "x"\n')


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('jobs = "two"', "jobs: must be a whole number, not 'two'"),
        ("jobs = 0", "jobs: 0 < 1"),
        ("pitch = 101", "pitch: 101 is not between 0 and 100"),
        ("rate = 500", "rate: 500 is not between 80 and 450 words a minute"),
        ('rate = "fast"', "rate: 'fast' is not words per minute"),
        ("loudness = -60", "loudness: -60 is not between -35 and -5 LUFS"),
        ('format = "wav"', "format: 'wav' is not one of mp3, m4a, m4b, opus"),
        ('chapters = "all"', "chapters: 'all' is not one of headings, paragraphs, none"),
        ("voice = 3", "voice: must be a non-empty string"),
        ('feed = "x"', "feed must be a [feed] table"),
        ('output = "s3:/bucket/pod/"', "output: s3:/bucket/pod/ is neither a folder nor a store"),
    ],
)
def test_bad_values_name_line_and_key(tmp_path: Path, line: str, fragment: str) -> None:
    message = _fault(tmp_path, f"# first line\n{line}\n")
    assert f", line 2: {fragment}" in message


def test_bad_base_url(tmp_path: Path) -> None:
    message = _fault(tmp_path, '[feed]\nbase_url = "ftp://host/"\n')
    assert ", line 2: feed.base_url: 'ftp://host/' is not an http(s) URL" in message


@pytest.mark.parametrize(
    ("text", "profile_wpm", "wpm"),
    [("180", 175, 180), ("1.25x", 175, 219), ("0.8X", 140, 112), ("2×", 200, 400)],
)
def test_rate_reads_words_per_minute_or_a_multiple(text: str, profile_wpm: int, wpm: int) -> None:
    assert check_rate(Rate.parse(text), profile_wpm) == wpm


@pytest.mark.parametrize("text", ["fast", "x", "-1x", "0x", "nanx", "1.2.3x", ""])
def test_rate_refuses_what_is_not_a_rate(text: str) -> None:
    with pytest.raises(ValueError, match="not words per minute"):
        Rate.parse(text)


def test_rate_outside_the_engine_range() -> None:
    with pytest.raises(ValueError, match="3x of 175 wpm is 525 wpm; the engine speaks 80 to 450"):
        check_rate(Rate.parse("3x"), 175)
    with pytest.raises(ValueError, match="79 wpm"):
        check_rate(Rate.parse("79"), 175)


def test_the_engine_is_espeak_or_piper(tmp_path: Path) -> None:
    assert parse_settings('engine = "Piper"\n', tmp_path / "config.toml").engine == "piper"
    message = _fault(tmp_path, 'voice = "clear"\nengine = "kokoro"\n')
    assert ", line 2: engine: 'kokoro' is not one of espeak, piper" in message


def test_a_bom_and_keys_beyond_ascii_are_read_and_named(tmp_path: Path) -> None:
    # Notepad's BOM was 'not TOML: Invalid statement'; 'vöice' was named 'v', and a quoted
    # 'ráte' lost its line
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbfrate = 200\n")
    assert read_settings_file(path).rate is not None
    assert ", line 2: vöice: not TOML" in _fault(tmp_path, '# a comment\nvöice = "clear"\n')
    assert ", line 2: unknown key 'ráte'" in _fault(tmp_path, '# a comment\n"ráte" = 200\n')
