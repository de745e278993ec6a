"""Options shared by several commands, and the Settings they resolve to.

Options a settings file may also set default to None here ("not given"), so
narrate/cli/resolve.py can tell a flag from a default; their help says the
built-in default instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.resolve import build_settings
from narrate.core.settings import (
    CHAPTER_MODES,
    ENGINE_NAMES,
    LOUDNESS_RANGE,
    PITCH_RANGE,
    RATE_RANGE,
    Rate,
    check_range,
)
from narrate.core.tools import Tool, check_choice

__all__ = ["build_settings"]


def _voice_names(incomplete: str) -> list[str]:
    """Shell completion for --voice: the voice profiles (engine ids are too many to list)."""
    from narrate.core.profiles import profile_paths

    return [name for name in profile_paths() if name.startswith(incomplete)]


def _format_names(incomplete: str) -> list[str]:
    from narrate.core.formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


def _engine_names(incomplete: str) -> list[str]:
    return [name for name in ENGINE_NAMES if name.startswith(incomplete)]


def _engine_name(value: str | None) -> str | None:
    if value is not None and value not in ENGINE_NAMES:
        raise typer.BadParameter(f"{value!r} is not {' or '.join(ENGINE_NAMES)}")
    return value


def _chapter_modes(incomplete: str) -> list[str]:
    return [mode for mode in CHAPTER_MODES if mode.startswith(incomplete)]


def _rate_text(value: str | None) -> str | None:
    """--rate must read as words per minute or a multiplier; its range needs the profile."""
    if value is not None:
        try:
            Rate.parse(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


def _loudness_in_range(value: float | None) -> float | None:
    if value is not None:
        try:
            check_range(value, LOUDNESS_RANGE, " LUFS")
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


def _chapter_mode(value: str | None) -> str | None:
    if value is not None and value not in CHAPTER_MODES:
        raise typer.BadParameter(f"{value!r} is not {', '.join(CHAPTER_MODES)}")
    return value


ArticleArg = Annotated[
    str,
    typer.Argument(
        help="A saved page or text copy, an e-mail, PDF, EPUB or Markdown file, a URL, or -"
    ),
]
VoiceOpt = Annotated[
    str | None,
    typer.Option(
        "--voice",
        help="A profile name, or a voice id of any engine: gmw/de, en_US-joe-medium "
        "(default: default)",
        autocompletion=_voice_names,
    ),
]
EngineOpt = Annotated[
    str | None,
    typer.Option(
        "--engine",
        callback=_engine_name,
        help="espeak, or piper: Piper's voice for the article's language, espeak-ng where "
        "none is installed (default: the profile's, usually espeak)",
        autocompletion=_engine_names,
    ),
]
RateOpt = Annotated[
    str | None,
    typer.Option(
        "--rate",
        callback=_rate_text,
        help=f"Words per minute ({RATE_RANGE[0]}-{RATE_RANGE[1]}) or a multiple of the "
        "voice profile's rate, e.g. 1.25x (default: the profile's)",
    ),
]
PitchOpt = Annotated[
    int | None,
    typer.Option(
        "--pitch",
        min=PITCH_RANGE[0],
        max=PITCH_RANGE[1],
        help=f"Base pitch, {PITCH_RANGE[0]}-{PITCH_RANGE[1]} (default: the profile's, usually 50)",
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the text, e.g. en, pt-BR (default: the page's)"),
]
FallbackVoiceOpt = Annotated[
    str | None,
    typer.Option(
        "--fallback-voice",
        help="espeak-ng voice id for an article in a language no voice speaks",
    ),
]
LexiconOpt = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="A pronunciation lexicon (TOML) to add")
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="mp3, m4a, m4b or opus (default: mp3)", autocompletion=_format_names
    ),
]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Cores to keep busy (default: all)")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also say which settings are in effect, and why")
]
LoudnessOpt = Annotated[
    float | None,
    typer.Option(
        "--loudness",
        callback=_loudness_in_range,
        help=f"Integrated loudness target in LUFS, {LOUDNESS_RANGE[0]:g} to "
        f"{LOUDNESS_RANGE[1]:g} (default: -16)",
    ),
]
CoverOpt = Annotated[Path | None, typer.Option("--cover", help="Cover art (JPEG or PNG)")]
AlbumOpt = Annotated[str | None, typer.Option("--album", help="Album tag (default: the site)")]
ChaptersOpt = Annotated[
    str | None,
    typer.Option(
        "--chapters",
        callback=_chapter_mode,
        help="headings, paragraphs (when no headings) or none (default: headings)",
        autocompletion=_chapter_modes,
    ),
]
CacheDirOpt = Annotated[
    Path | None, typer.Option("--cache-dir", help="Where synthesised audio is kept")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor keep the cache")]
CacheSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--cache-size-mb", min=0, help="Cache size cap; least recently used go (default: 2048)"
    ),
]
StorageOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--storage-option",
        metavar="KEY=VALUE",
        help="For s3://, gs://, abfs:// ... URLs: an fsspec option, e.g. endpoint_url=http://"
        "host:9000 or anon=true (values read as JSON when they parse); repeat for more",
    ),
]


def _tool_choice(tool: Tool) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return check_choice(tool, value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return check


FfmpegOpt = Annotated[
    str | None,
    typer.Option(
        "--ffmpeg",
        callback=_tool_choice("ffmpeg"),
        help="Which ffmpeg: bundled (imageio-ffmpeg's, the default), system (the one on PATH) "
        "or a path; also NARRATE_FFMPEG or ffmpeg in the settings file",
    ),
]
EspeakOpt = Annotated[
    str | None,
    typer.Option(
        "--espeak",
        callback=_tool_choice("espeak"),
        help="Which libespeak-ng: bundled (espeakng-loader's, the default), system or a path; "
        "also NARRATE_ESPEAK or espeak in the settings file",
    ),
]
