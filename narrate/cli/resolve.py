"""A run's settings, decided once: flag > settings file > voice profile > built-in default.

Which ffmpeg and libespeak-ng: flag > environment (NARRATE_FFMPEG, NARRATE_ESPEAK) >
settings file > bundled; the choice is put in this process's environment for the
library and the processes it starts (narrate/core/tools.py).

Every command that narrates or publishes asks here, so the layers are applied
the same way everywhere, and `narrate config` (and `-v`) can say where each
value came from. The result is the core Settings the library is given; the
library never reads the settings file itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import typer

from narrate.core.cache import DEFAULT_MAX_BYTES, default_cache_dir
from narrate.core.settings import (
    DEFAULT_TARGET_LUFS,
    Rate,
    ScriptOptions,
    Settings,
    check_rate,
)
from narrate.core.tools import ENV, TOOLS, Tool, check_choice, use

if TYPE_CHECKING:
    from narrate.core.settings_file import SettingsFile

# Set by the app's callback from the global `--config FILE` (None: the platform's file).
state: dict[str, Path | None] = {"config": None}

# Setting -> the flag that sets it, for messages and `narrate config`.
FLAGS = {
    "voice": "--voice", "fallback_voice": "--fallback-voice", "engine": "--engine",
    "rate": "--rate", "pitch": "--pitch", "format": "--format",
    "output": "--output", "loudness": "--loudness", "jobs": "--jobs", "chapters": "--chapters",
    "cache_dir": "--cache-dir", "cache_size_mb": "--cache-size-mb", "feed_title": "--title",
    "feed_author": "--author", "feed_base_url": "--base-url", "ffmpeg": "--ffmpeg",
    "espeak": "--espeak",
}  # fmt: skip
BUILT_IN: dict[str, object] = {
    "voice": "default", "format": "mp3", "output": None, "loudness": DEFAULT_TARGET_LUFS,
    "chapters": "headings", "cache_size_mb": DEFAULT_MAX_BYTES // 1024**2,
    "feed_title": None, "feed_author": None, "feed_base_url": None, "ffmpeg": "bundled",
    "espeak": "bundled",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Choice:
    """One setting in effect and where it came from."""

    value: object
    source: str  # "flag --rate", "settings file, line 3", "voice profile 'clear'", "default"


@dataclass(frozen=True, slots=True)
class Resolved:
    settings: Settings
    output: Path | None  # -o, else the settings file's output folder, else None
    location: str | None  # the same as given: a folder, a file or a store URL (s3://...)
    feed: dict[str, str | None]  # title, author, base_url: flag, else the settings file
    choices: dict[str, Choice]  # every setting -> its value and source, for `narrate config`
    file: SettingsFile


def settings_file() -> SettingsFile:
    """The settings file this run reads (`--config`, else the platform's; maybe none)."""
    from narrate.core.settings_file import read_settings_file  # not needed for --help

    return read_settings_file(state["config"])


def resolve(flags: Mapping[str, object], lang: str | None = None,
            lexicon: list[Path] | None = None, no_cache: bool = False,
            folder_only: bool = False, **passed: object) -> Resolved:  # fmt: skip
    """Settings from the flags given (None: not given) over the settings file and the profile.

    `folder_only`: `--output` names a folder (a batch), never an audio file.
    `passed` are options only a flag can set (cover, album): they go straight through.
    """
    if lang is not None:
        from narrate.text.language import standard_tag

        lang = standard_tag(lang)  # a bad tag is bad input, said before any work
    file = settings_file()
    choices = _choose(flags, file)
    _format_from_output(choices, folder_only)
    if no_cache:
        choices["cache_dir"] = Choice("none", "flag --no-cache")
    value = {name: choice.value for name, choice in choices.items()}
    given = {name: choice.value if _given(choice) else None for name, choice in choices.items()}
    settings = Settings(
        voice=_text(given["voice"]),
        fallback_voice=_text(given["fallback_voice"]),
        engine=_text(given["engine"]),
        script=ScriptOptions(lang=lang, lexicons=tuple(lexicon or ())),
        jobs=int(str(value["jobs"])),
        format=str(value["format"]),
        loudness=float(str(value["loudness"])),
        chapters=value["chapters"],  # type: ignore[arg-type]  # checked as flag or file
        cache_dir=None if no_cache or given["cache_dir"] is None else Path(str(value["cache_dir"])),
        use_cache=not no_cache,
        cache_max_bytes=int(str(value["cache_size_mb"])) * 1024**2,
        rate=given["rate"],  # type: ignore[arg-type]  # words per minute, from _choose
        pitch=given["pitch"],  # type: ignore[arg-type]
        **passed,  # type: ignore[arg-type]
    )
    location = str(given["output"]) if given["output"] is not None else None
    output = Path(location) if location is not None else None
    feed = {key: _text(given[f"feed_{key}"]) for key in ("title", "author", "base_url")}
    return Resolved(settings, output, location, feed, choices, file)


def _choose(flags: Mapping[str, object], file: SettingsFile) -> dict[str, Choice]:
    """Every setting's value and source: the flag, else the file, else the profile or default."""
    choices: dict[str, Choice] = {}

    def pick(name: str, default: object, default_source: str = "default") -> None:
        if flags.get(name) is not None:
            choices[name] = Choice(flags[name], f"flag {FLAGS[name]}")
        elif getattr(file, name) is not None:
            choices[name] = Choice(getattr(file, name), f"settings file, line {file.lines[name]}")
        else:
            choices[name] = Choice(default, default_source)

    for name, default in BUILT_IN.items():
        pick(name, default)
    from narrate.core.profiles import base_profile

    profile = base_profile(str(choices["voice"].value))
    from_profile = f"voice profile {profile.name!r}"
    pick("rate", profile.rate, from_profile)
    choices["rate"] = _rate(choices["rate"], profile.rate, file)
    pick("pitch", profile.pitch, from_profile)  # checked as a flag or as the file was read
    pick("fallback_voice", profile.fallback_voice, from_profile if profile.fallback_voice
         else "default")  # fmt: skip
    pick("engine", profile.engine, from_profile)
    pick("jobs", Settings().jobs, "default (all cores)")
    choices["jobs"] = _capped_jobs(choices["jobs"])
    pick("cache_dir", default_cache_dir())
    for tool in TOOLS:
        choices[tool] = _tool(tool, flags, choices[tool])
        use(tool, str(choices[tool].value))  # this process's and its children's
    return choices


def _format_from_output(choices: dict[str, Choice], folder_only: bool) -> None:
    """`-o story.m4a` says the format: M4A, unless `--format` says another (then one line)."""
    from narrate.core.errors import InputError
    from narrate.core.formats import FORMATS
    from narrate.core.media import media_type

    output = choices["output"]
    if output.value is None or not output.source.startswith("flag"):
        return  # the settings file's output is a folder (checked as it is read)
    location = str(output.value)
    name = PurePosixPath(location).name
    suffix = PurePosixPath(name).suffix.lower()
    if location.endswith("/") or not suffix or not media_type(name).startswith("audio/"):
        return  # a folder
    if "://" not in location and Path(location).is_dir():
        return  # a folder that is there, whatever its name
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
    chosen = choices["format"]
    if str(chosen.value).lower() == named.name:
        return
    if chosen.source.startswith("flag") and str(chosen.value).lower() in FORMATS:
        other = FORMATS[str(chosen.value).lower()]
        raise InputError(
            f"--output {location} names an {named.name} file, but --format is {other.name}",
            f"drop --format, or name the file {stem}{other.suffix}",
        )
    if not chosen.source.startswith("flag"):
        choices["format"] = Choice(named.name, f"the output's name (flag --output {location})")


def _tool(tool: Tool, flags: Mapping[str, object], choice: Choice) -> Choice:
    """Which ffmpeg or libespeak-ng: the flag, else NARRATE_FFMPEG / NARRATE_ESPEAK, else
    the settings file, else the bundled one."""
    from narrate.core.errors import InputError

    given = os.environ.get(ENV[tool], "").strip()
    if flags.get(tool) is not None or not given:
        return choice
    try:
        return Choice(check_choice(tool, given), f"environment {ENV[tool]}")
    except ValueError as exc:
        raise InputError(f"{ENV[tool]}: {exc}", "use bundled, system or a path") from None


def _capped_jobs(choice: Choice) -> Choice:
    """More jobs than cores only adds processes and memory (each engine is one): capped, said."""
    from narrate.cli.exits import say
    from narrate.core.settings import usable_cores

    cores, jobs = usable_cores(), int(str(choice.value))
    if jobs <= cores:
        return choice
    say(f"{jobs} jobs ({choice.source}) is more than the {cores} cores here; using {cores}")
    return Choice(cores, f"{choice.source}, capped at the {cores} cores")


def _given(choice: Choice) -> bool:
    """Set by a flag or the settings file (not left to the profile or the built-in default)."""
    return choice.source.startswith(("flag", "settings file"))


def build_settings(
    voice: str | None = None,
    lang: str | None = None,
    lexicon: list[Path] | None = None,
    no_cache: bool = False,
    **options: object,
) -> Settings:
    """The Settings of a run: `options` are flags by setting name (None: not given)."""
    flags = {name: options.pop(name, None) for name in FLAGS}
    return resolve({**flags, "voice": voice}, lang, lexicon, no_cache, False, **options).settings


def _rate(choice: Choice, profile_wpm: int, file: SettingsFile) -> Choice:
    """The rate in words per minute, from a flag's text, a file's Rate or the profile's number."""
    if isinstance(choice.value, int):
        return choice
    try:
        rate = choice.value if isinstance(choice.value, Rate) else Rate.parse(str(choice.value))
        return Choice(check_rate(rate, profile_wpm), choice.source)
    except ValueError as exc:
        if choice.source.startswith("settings file"):
            raise file.problem("rate", str(exc)) from None
        raise typer.BadParameter(str(exc), param_hint="'--rate'") from None


def _text(value: object) -> str | None:
    return None if value is None else str(value)
