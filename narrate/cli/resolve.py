"""A run's settings, decided once: flag > settings file > voice profile > built-in default.

Which ffmpeg and libespeak-ng: flag > environment (NARRATE_FFMPEG, NARRATE_ESPEAK) >
settings file > bundled; the choice is put in this process's environment for the
library and the processes it starts (narrate/core/tools.py).

Every command that narrates or publishes asks here with its typed options
(narrate/cli/options.py), so the layers are applied the same way everywhere, and
`narrate config` (and `-v`) can say where each value came from. The result is
the core Settings the library is given; the library never reads the settings
file itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Generic, TypeVar

import typer

from narrate.cli.options import FeedOptions, NarrationOptions, VoiceOptions
from narrate.core.cache import DEFAULT_MAX_BYTES, default_cache_dir
from narrate.core.settings import (
    DEFAULT_TARGET_LUFS,
    ChapterMode,
    ScriptOptions,
    Settings,
    check_rate,
    usable_cores,
)
from narrate.core.tools import BUNDLED, ENV, Tool, check_choice, use

if TYPE_CHECKING:
    from narrate.core.profiles import Profile
    from narrate.core.settings_file import SettingsFile
    from narrate.core.storage import StorageOptions

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
DEFAULT_CACHE_MB = DEFAULT_MAX_BYTES // 1024**2  # the cache's cap, as --cache-size-mb says it


@dataclass(frozen=True, slots=True)
class Choice(Generic[T_co]):
    """One setting in effect and where it came from."""

    value: T_co
    source: str  # "flag --rate", "settings file, line 3", "voice profile 'clear'", "default"

    def given(self) -> T_co | None:
        """The value when a flag or the settings file set it (an override), else None."""
        return self.value if self.source.startswith(("flag", "settings file")) else None


@dataclass(frozen=True, slots=True)
class Choices:
    """Every setting in effect and where it came from."""

    voice: Choice[str]
    fallback_voice: Choice[str | None]
    engine: Choice[str]
    rate: Choice[int]  # words per minute
    pitch: Choice[int]
    format: Choice[str]
    output: Choice[str | None]  # a folder, a file or a store URL, as given
    loudness: Choice[float]
    chapters: Choice[ChapterMode]
    jobs: Choice[int]
    cache_dir: Choice[Path | None]  # None: --no-cache
    cache_size_mb: Choice[int]
    feed_title: Choice[str | None]
    feed_author: Choice[str | None]
    feed_base_url: Choice[str | None]
    ffmpeg: Choice[str]
    espeak: Choice[str]


@dataclass(frozen=True, slots=True)
class Resolved:
    settings: Settings
    location: str | None  # -o, else the settings file's output: a folder, a file or a store URL
    feed: FeedOptions  # title, author, base_url: flag, else the settings file
    choices: Choices  # every setting's value and source, for `narrate config` and -v
    file: SettingsFile

    @property
    def output(self) -> Path | None:
        """The output location as a path (None: not given)."""
        return Path(self.location) if self.location is not None else None


def resolve(
    config: Path | None,
    options: NarrationOptions | None = None,
    *,
    output: str | None = None,
    feed: FeedOptions | None = None,
    cover: Path | None = None,
    album: str | None = None,
    storage: StorageOptions = (),
    folder_only: bool = False,
) -> Resolved:
    """The settings of a run from its options over the settings file `config` (None: the
    platform's) and the voice profile. `cover`, `album` and `storage` only a flag sets.
    `folder_only`: `--output` names a folder (a batch), never an audio file."""
    from narrate.core.settings_file import read_settings_file  # not needed for --help
    from narrate.core.storage import check_location

    options = options or NarrationOptions()
    lang = _language(options.text.lang)  # a bad tag is bad input, said before any work
    file = read_settings_file(config)
    if output is not None:
        check_location(output)  # before 'sftp://host/' is taken for a folder named 'sftp:'
    choices = _format_from_output(
        _choose(options, output, feed or FeedOptions(), file), folder_only
    )
    use("ffmpeg", choices.ffmpeg.value)  # this process's and its children's
    use("espeak", choices.espeak.value)
    settings = Settings(
        voice=choices.voice.given(),
        fallback_voice=choices.fallback_voice.given(),
        engine=choices.engine.given(),
        script=ScriptOptions(lang=lang, lexicons=tuple(options.text.lexicon or ())),
        jobs=choices.jobs.value,
        format=choices.format.value,
        loudness=choices.loudness.value,
        cover=cover,
        album=album,
        chapters=choices.chapters.value,
        cache_dir=choices.cache_dir.given(),
        use_cache=not options.work.no_cache,
        cache_max_bytes=choices.cache_size_mb.value * 1024**2,
        rate=choices.rate.given(),
        pitch=choices.pitch.given(),
        storage=storage,
    )
    feed_options = FeedOptions(
        base_url=choices.feed_base_url.value,
        title=choices.feed_title.value,
        author=choices.feed_author.value,
    )
    return Resolved(settings, choices.output.value, feed_options, choices, file)


def _language(lang: str | None) -> str | None:
    if lang is None:
        return None
    from narrate.text.language import standard_tag

    return standard_tag(lang)


def _choose(
    options: NarrationOptions, output: str | None, feed: FeedOptions, file: SettingsFile
) -> Choices:  # the order of the checks: each of them may stop the run
    """Every setting's value and source: the flag, else the file, else the profile or default."""
    from narrate.core.profiles import DEFAULT_PROFILE, base_profile

    voice, audio, work, tools = options.voice, options.audio, options.work, options.tools
    chosen_voice = _layered(file, "voice", voice.voice, file.voice, DEFAULT_PROFILE)
    profile = base_profile(chosen_voice.value)
    from_profile = f"voice profile {profile.name!r}"
    file_output = None if file.output is None else str(file.output)
    return Choices(
        voice=chosen_voice,
        fallback_voice=_layered(
            file,
            "fallback_voice",
            voice.fallback_voice,
            file.fallback_voice,
            profile.fallback_voice,
            from_profile if profile.fallback_voice else "default",
        ),
        engine=_layered(file, "engine", voice.engine, file.engine, profile.engine, from_profile),
        rate=_rate(voice, file, profile),
        # checked as a flag or as the file was read
        pitch=_layered(file, "pitch", voice.pitch, file.pitch, profile.pitch, from_profile),
        format=_layered(file, "format", audio.format, file.format, "mp3"),
        output=_layered(file, "output", output, file_output, None),
        loudness=_layered(file, "loudness", audio.loudness, file.loudness, DEFAULT_TARGET_LUFS),
        chapters=_layered(file, "chapters", audio.chapters, file.chapters, "headings"),
        jobs=_capped_jobs(
            _layered(file, "jobs", work.jobs, file.jobs, usable_cores(), "default (all cores)")
        ),
        cache_dir=_cache_dir(work.no_cache, work.cache_dir, file),
        cache_size_mb=_layered(
            file, "cache_size_mb", work.cache_size_mb, file.cache_size_mb, DEFAULT_CACHE_MB
        ),
        feed_title=_layered(file, "feed_title", feed.title, file.feed_title, None),
        feed_author=_layered(file, "feed_author", feed.author, file.feed_author, None),
        feed_base_url=_layered(file, "feed_base_url", feed.base_url, file.feed_base_url, None),
        ffmpeg=_tool("ffmpeg", tools.ffmpeg, file.ffmpeg, file),
        espeak=_tool("espeak", tools.espeak, file.espeak, file),
    )


def _format_from_output(choices: Choices, folder_only: bool) -> Choices:
    """`-o story.m4a` says the format: M4A, unless `--format` says another (then one line)."""
    from narrate.core.errors import InputError
    from narrate.core.formats import FORMATS
    from narrate.core.media import media_type

    output = choices.output
    if output.value is None or not output.source.startswith("flag"):
        return choices  # the settings file's output is a folder (checked as it is read)
    location = output.value
    name = PurePosixPath(location).name
    suffix = PurePosixPath(name).suffix.lower()
    if location.endswith("/") or not suffix or not media_type(name).startswith("audio/"):
        return choices  # a folder
    if "://" not in location and Path(location).is_dir():
        return choices  # a folder that is there, whatever its name
    stem = PurePosixPath(name).stem
    named = next((fmt for fmt in FORMATS.values() if fmt.suffix == suffix), None)
    if folder_only:
        also = f", and --format {named.name} for {named.name} episodes" if named else ""
        raise InputError(
            f"--output {location} names an audio file: a batch writes a folder of episodes",
            f"give a folder{also}",
        )
    if named is None:
        *most, last = [f"{stem}{fmt.suffix}" for fmt in FORMATS.values()]
        raise InputError(
            f"--output {location}: narrate does not write {suffix} files",
            f"name it {', '.join(most)} or {last}, or give a folder",
        )
    chosen = choices.format
    if chosen.value.lower() == named.name:
        return choices
    if chosen.source.startswith("flag") and chosen.value.lower() in FORMATS:
        other = FORMATS[chosen.value.lower()]
        raise InputError(
            f"--output {location} names an {named.name} file, but --format is {other.name}",
            f"drop --format, or name the file {stem}{other.suffix}",
        )
    if chosen.source.startswith("flag"):
        return choices
    return replace(
        choices, format=Choice(named.name, f"the output's name (flag --output {location})")
    )


def _layered(
    file: SettingsFile,
    name: str,
    flag: T | None,
    in_file: T | None,
    default: T,
    source: str = "default",
) -> Choice[T]:
    """A setting's choice: its flag, else the settings file's `name`, else `default`."""
    return _flag(flag, _option(name)) or _in_file(file, name, in_file) or Choice(default, source)


def _option(name: str) -> str:
    """A setting's flag: `--cache-size-mb` sets cache_size_mb, `--title` feed_title."""
    return "--" + name.removeprefix("feed_").replace("_", "-")


def _flag(value: T | None, option: str) -> Choice[T] | None:
    return None if value is None else Choice(value, f"flag {option}")


def _in_file(file: SettingsFile, name: str, value: T | None) -> Choice[T] | None:
    return None if value is None else Choice(value, f"settings file, line {file.lines[name]}")


def _rate(voice: VoiceOptions, file: SettingsFile, profile: Profile) -> Choice[int]:
    """The rate in words per minute, from a flag's or the file's Rate, else the profile's."""
    asked = _flag(voice.rate, _option("rate")) or _in_file(file, "rate", file.rate)
    if asked is None:
        return Choice(profile.rate, f"voice profile {profile.name!r}")
    try:
        return Choice(check_rate(asked.value, profile.rate), asked.source)
    except ValueError as exc:
        if asked.source.startswith("settings file"):
            raise file.problem("rate", str(exc)) from None
        raise typer.BadParameter(str(exc), param_hint="'--rate'") from None


def _cache_dir(no_cache: bool, flag: Path | None, file: SettingsFile) -> Choice[Path | None]:
    if no_cache:
        return Choice(None, "flag --no-cache")
    return _layered(file, "cache_dir", flag, file.cache_dir, default_cache_dir())


def _tool(tool: Tool, flag: str | None, in_file: str | None, file: SettingsFile) -> Choice[str]:
    """Which ffmpeg or libespeak-ng: the flag, else NARRATE_FFMPEG / NARRATE_ESPEAK, else
    the settings file, else the bundled one."""
    from narrate.core.errors import InputError

    chosen = _flag(flag, _option(tool))
    if chosen is not None:
        return chosen
    given = os.environ.get(ENV[tool], "").strip()
    if given:
        try:
            return Choice(check_choice(tool, given), f"environment {ENV[tool]}")
        except ValueError as exc:
            raise InputError(f"{ENV[tool]}: {exc}", "use bundled, system or a path") from None
    return _in_file(file, tool, in_file) or Choice(BUNDLED, "default")


def _capped_jobs(choice: Choice[int]) -> Choice[int]:
    """More jobs than cores only adds processes and memory (each engine is one): capped, said."""
    from narrate.cli.exits import say

    cores = usable_cores()
    if choice.value <= cores:
        return choice
    say(f"{choice.value} jobs ({choice.source}) is more than the {cores} cores here; using {cores}")
    return Choice(cores, f"{choice.source}, capped at the {cores} cores")
