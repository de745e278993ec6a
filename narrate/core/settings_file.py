"""The user's settings file: their own defaults, so every run need not repeat the same flags.

A TOML file in the platform's config folder (platformdirs: ~/.config/narrate/config.toml
on Linux), or the one `--config FILE` names. It may set the voice (and the fallback
voice for languages the engine lacks), rate, pitch, format,
output folder, loudness, jobs, chapters mode and cache, which ffmpeg and libespeak-ng,
and a `[feed]` table with the
feed's title, author and base URL. Every value is checked as it is read: a mistake is one
SettingsFileError naming the file, the line and the key, before any work starts.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

from platformdirs import user_config_path

from narrate.core.errors import InputError, SettingsFileError
from narrate.core.formats import FORMATS
from narrate.core.settings import (
    CHAPTER_MODES,
    ENGINE_NAMES,
    PITCH_RANGE,
    RATE_RANGE,
    ChapterMode,
    Rate,
    chapter_mode,
    check_loudness,
    check_range,
)
from narrate.core.tools import check_choice

T = TypeVar("T")
FILE_NAME = "config.toml"
HINT = "fix it; `narrate config --help` lists the keys"


def default_path() -> Path:
    """Where the settings file lives when `--config` does not say."""
    return user_config_path("narrate", appauthor=False) / FILE_NAME


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """What a settings file sets (None: not set there), where it is, and each key's line."""

    path: Path | None = None  # None: there is no file
    voice: str | None = None
    fallback_voice: str | None = None
    engine: str | None = None
    rate: Rate | None = None
    pitch: int | None = None
    format: str | None = None
    output: Path | str | None = None  # a folder, or a store URL (s3://...) as written
    loudness: float | None = None
    jobs: int | None = None
    chapters: ChapterMode | None = None
    cache_dir: Path | None = None
    cache_size_mb: int | None = None
    feed_title: str | None = None
    feed_author: str | None = None
    feed_base_url: str | None = None
    ffmpeg: str | None = None  # bundled, system or a path (narrate/core/tools.py)
    espeak: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)  # setting name -> line in the file

    def where(self, name: str) -> str:
        """`FILE, line N` for a setting read from this file (for messages)."""
        return _where(self.path, self.lines.get(name))

    def problem(self, name: str, message: str) -> SettingsFileError:
        """The error for a value of this file that turned out wrong once resolved."""
        return SettingsFileError(f"{self.where(name)}: {toml_key(name)}: {message}", HINT)


def _where(path: Path | None, line: int | None) -> str:
    """`FILE, line N`, or the file alone where the line is not known."""
    return f"{path}, line {line}" if line else str(path)


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string in quotes")
    return value.strip()


def _whole(value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{value} is not between {low} and {high}" if high else f"{value} < {low}")
    return value


def _rate(value: object) -> Rate:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f'must be words per minute (180) or a multiplier ("1.25x"), not {value}')
    rate = Rate.parse(str(value))
    if rate.wpm is not None:
        check_range(rate.wpm, RATE_RANGE, " words a minute")
    return rate


def _loudness(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number of LUFS, like -16, not {value!r}")
    return check_loudness(float(value))


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        text = _text(value).lower()
        if text not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
        return text

    return check


def _folder(value: object) -> Path:
    return Path(_text(value)).expanduser()


def _location(value: object) -> Path | str:
    """A folder (~ expanded), or a store URL kept as written; not an audio file's name
    (`feed` and `serve` read this folder too: `-o story.m4a` names a file)."""
    from narrate.core.media import media_type
    from narrate.core.storage import check_location, is_store_url

    text = _text(value)
    try:
        check_location(text)
    except InputError as exc:
        raise ValueError(str(exc)) from None
    location = text if is_store_url(text) else Path(text).expanduser()
    name = text.rstrip("/").rsplit("/", 1)[-1]
    is_folder = text.endswith("/") or (isinstance(location, Path) and location.is_dir())
    if "." in name and media_type(name).startswith("audio/") and not is_folder:
        raise ValueError(f"{text!r} names an audio file, but output is the folder episodes go to")
    return location


def _base_url(value: object) -> str:
    from narrate.core.http import is_web_url

    text = _text(value)
    if not re.match(r"https?://[^/\s]+", text) or not is_web_url(text):
        raise ValueError(f"{text!r} is not an http(s) URL like http://host:8000/")
    return text


# TOML key -> setting name, one for each of SettingsFile's settings; the [feed] table's keys
# are dotted (`feed.title` sets feed_title).
NAMES: dict[str, str] = {
    re.sub(r"^feed_", "feed.", option.name): option.name
    for option in fields(SettingsFile)
    if option.name not in ("path", "lines")
}
KEYS = {name: key for key, name in NAMES.items()}


def toml_key(name: str) -> str:
    """The key a setting has in the file (`feed_title` is `feed.title`)."""
    return KEYS.get(name, name)


def read_settings_file(path: Path | None = None) -> SettingsFile:
    """The settings in `path` (default: the platform's file, which may be absent)."""
    chosen = path if path is not None else default_path()
    try:
        text = chosen.read_text("utf-8-sig")  # Notepad writes a BOM first
    except FileNotFoundError:
        if path is None:
            return SettingsFile()
        raise SettingsFileError(f"no settings file {chosen}", "check the --config path") from None
    except IsADirectoryError:
        raise SettingsFileError(f"the settings file {chosen} is a folder", HINT) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsFileError(f"cannot read settings file {chosen}: {exc}", HINT) from exc
    return parse_settings(text, chosen)


def parse_settings(text: str, path: Path) -> SettingsFile:
    """Check every key and value of a settings file's `text`; the first fault is the error."""
    lines = _key_lines(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, path) from None
    except RecursionError:
        raise SettingsFileError(f"{path}: not TOML: nested too deeply", HINT) from None
    read = _Reader(path, dict(_flatten(data, path, lines)), lines)
    found = SettingsFile(
        path=path,
        voice=read("voice", _text),
        fallback_voice=read("fallback_voice", _text),
        engine=read("engine", _one_of(ENGINE_NAMES)),
        rate=read("rate", _rate),
        pitch=read("pitch", lambda v: _whole(v, *PITCH_RANGE)),
        format=read("format", _one_of(tuple(FORMATS))),
        output=read("output", _location),
        loudness=read("loudness", _loudness),
        jobs=read("jobs", lambda v: _whole(v, 1)),
        chapters=read("chapters", lambda v: chapter_mode(_one_of(CHAPTER_MODES)(v))),
        cache_dir=read("cache_dir", _folder),
        cache_size_mb=read("cache_size_mb", lambda v: _whole(v, 0)),
        feed_title=read("feed.title", _text),
        feed_author=read("feed.author", _text),
        feed_base_url=read("feed.base_url", _base_url),
        ffmpeg=read("ffmpeg", lambda v: check_choice("ffmpeg", _text(v))),
        espeak=read("espeak", lambda v: check_choice("espeak", _text(v))),
        lines={NAMES[key]: line for key, line in lines.items() if key in NAMES},
    )
    read.raise_first_fault()
    return found


class _Reader:
    """Reads a file's values by key, each with its check, noting every fault (a value that
    fails its check, a key nothing reads) with its line, so the first in the file is said."""

    def __init__(self, path: Path, values: dict[str, object], lines: Mapping[str, int]) -> None:
        self.path, self.values, self.lines = path, values, lines
        self.faults: list[tuple[int, str]] = []  # (the key's place in the file, message)
        self.asked: set[str] = set()

    def __call__(self, key: str, check: Callable[[object], T]) -> T | None:
        self.asked.add(key)
        if key not in self.values:
            return None
        try:
            return check(self.values[key])
        except ValueError as exc:
            self._fault(key, f"{key}: {exc}")
            return None

    def _fault(self, key: str, message: str) -> None:
        where = _where(self.path, self.lines.get(key))
        self.faults.append((list(self.values).index(key), f"{where}: {message}"))

    def raise_first_fault(self) -> None:
        for key in self.values:
            if key not in self.asked:
                self._fault(key, f"unknown key {key!r}{_did_you_mean(key)}")
        if self.faults:
            raise SettingsFileError(min(self.faults)[1], HINT)


def _flatten(
    data: dict[str, object], path: Path, lines: Mapping[str, int]
) -> list[tuple[str, object]]:
    """(dotted key, value) pairs; only [feed] may be a table."""
    pairs: list[tuple[str, object]] = []
    for key, value in data.items():
        if isinstance(value, dict) and key in NAMES:
            where = _where(path, lines.get(key) or lines.get(f"[{key}]"))
            raise SettingsFileError(
                f"{where}: {key} takes a value, not a table ({_example(key)})", HINT
            )
        if isinstance(value, dict):
            if key != "feed":
                where = _where(path, lines.get(f"[{key}]") or lines.get(key))
                raise SettingsFileError(f"{where}: unknown table [{key}]{_did_you_mean(key)}", HINT)
            pairs += [(f"{key}.{sub}", subvalue) for sub, subvalue in value.items()]
        elif key == "feed":
            where = _where(path, lines.get(key))
            raise SettingsFileError(f"{where}: feed must be a [feed] table", HINT)
        else:
            pairs.append((key, value))
    return pairs


_KEY_LINE = re.compile(r"""^\s*(?P<key>[\w.\-"' ]+?)\s*=""")  # 'ráte' too: said unknown
_TABLE_LINE = re.compile(r"^\s*\[\s*(?P<table>[A-Za-z0-9_.\-]+)\s*\]")


def _key_lines(text: str) -> dict[str, int]:
    """Dotted key -> the line it is set on (tables as `[name]`), for messages.

    tomllib gives values without positions; the file's shape is flat enough
    (top-level keys and one [feed] table) for a line scan to find each key.
    """
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE_LINE.match(line):
            table = header["table"]
            found.setdefault(f"[{table}]", number)
        elif assignment := _KEY_LINE.match(line):
            key = assignment["key"].replace('"', "").replace("'", "").replace(" ", "")
            found.setdefault(f"{table}.{key}" if table else key, number)
    return found


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, path: Path) -> SettingsFileError:
    """tomllib's message, with the line and, when one is there, the key it was reading."""
    found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "not TOML"
    if not found:
        return SettingsFileError(f"{path}: not TOML: {reason}", HINT)
    number = int(found[1])
    source = text.splitlines()[number - 1] if number <= len(text.splitlines()) else ""
    key = re.match(r"\s*([\w.\-]+)", source)
    named = f": {key[1]}" if key else ""
    return SettingsFileError(f"{path}, line {number}{named}: not TOML: {reason}", HINT)


_EXAMPLES = {
    "voice": 'voice = "clear"', "fallback_voice": 'fallback_voice = "gmw/en"', "rate": "rate = 180",
    "pitch": "pitch = 50", "format": 'format = "mp3"', "output": 'output = "~/podcasts"',
    "loudness": "loudness = -16", "jobs": "jobs = 2", "chapters": 'chapters = "headings"',
    "cache_dir": 'cache_dir = "~/.cache/narrate"', "cache_size_mb": "cache_size_mb = 2000",
}  # fmt: skip  # a table, 11 entries packed several a line


def _example(key: str) -> str:
    return f"e.g. {_EXAMPLES[key]}" if key in _EXAMPLES else "a string, a number or true/false"


def _did_you_mean(key: str) -> str:
    close = difflib.get_close_matches(key, [*NAMES, "feed"], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
