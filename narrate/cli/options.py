"""The command line's options as typed objects: a command takes a few groups, not twenty flags.

Each group is a frozen dataclass whose fields are Typer options
(`Annotated[type, typer.Option(...)]`), shared by every command that takes it:
`NarrationOptions` (voice, text, audio, cache and tools) by article, batch,
update and config. `command` shows Typer a command's groups as their flags and
hands the function the filled-in objects, and the options given before the
command (`--debug`, `--config`) as `GlobalOptions`.

Options a settings file may also set default to None ("not given"), so
narrate/cli/resolve.py can tell a flag from a default; their help says the
built-in default instead.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from narrate.core.settings import (
    CHAPTER_MODES,
    ENGINE_NAMES,
    LOUDNESS_RANGE,
    PITCH_RANGE,
    RATE_RANGE,
    ChapterMode,
    Rate,
    chapter_mode,
    check_loudness,
)
from narrate.core.tools import Tool, check_choice

T = TypeVar("T")
R = TypeVar("R")


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


def _said_as_flag(check: Callable[[T], R]) -> Callable[[T], R]:
    """`check` for Typer: its ValueError said as the flag's bad value (exit 2, with usage)."""

    def checked(value: T) -> R:
        try:
            return check(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return checked


# --rate as words per minute or a multiplier; its range needs the profile (resolve).
_rate = _said_as_flag(Rate.parse)
_chapter_mode = _said_as_flag(chapter_mode)


def _loudness_in_range(value: float | None) -> float | None:
    if value is not None:
        check_loudness(value)
    return value


def _tool_choice(tool: Tool) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        return None if value is None else check_choice(tool, value)

    return check


ArticleArg = Annotated[
    str,
    typer.Argument(
        help="A saved page or text copy, an e-mail, PDF, EPUB or Markdown file, a URL (or a "
        ".url file of one), or -"
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
    Rate | None,
    typer.Option(
        "--rate",
        parser=_rate,
        metavar="<str>",
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
        callback=_said_as_flag(_loudness_in_range),
        help=f"Integrated loudness target in LUFS, {LOUDNESS_RANGE[0]:g} to "
        f"{LOUDNESS_RANGE[1]:g} (default: -16)",
    ),
]
ChaptersOpt = Annotated[
    ChapterMode | None,
    typer.Option(
        "--chapters",
        parser=_chapter_mode,
        metavar="<str>",
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
FfmpegOpt = Annotated[
    str | None,
    typer.Option(
        "--ffmpeg",
        callback=_said_as_flag(_tool_choice("ffmpeg")),
        help="Which ffmpeg: bundled (imageio-ffmpeg's, the default), system (the one on PATH) "
        "or a path; also NARRATE_FFMPEG or ffmpeg in the settings file",
    ),
]
EspeakOpt = Annotated[
    str | None,
    typer.Option(
        "--espeak",
        callback=_said_as_flag(_tool_choice("espeak")),
        help="Which libespeak-ng: bundled (espeakng-loader's, the default), system or a path; "
        "also NARRATE_ESPEAK or espeak in the settings file",
    ),
]


@dataclass(frozen=True, slots=True)
class VoiceOptions:
    """Who reads, and how fast and high: over the settings file and the voice profile."""

    voice: VoiceOpt = None
    fallback_voice: FallbackVoiceOpt = None
    engine: EngineOpt = None
    rate: RateOpt = None
    pitch: PitchOpt = None


@dataclass(frozen=True, slots=True)
class TextOptions:
    """What the text is read as (flags only: the page's language, the profile's lexicon)."""

    lang: LangOpt = None
    lexicon: LexiconOpt = None


@dataclass(frozen=True, slots=True)
class AudioOptions:
    """What the audio file is: its format, its loudness, its chapters."""

    format: FormatOpt = None
    loudness: LoudnessOpt = None
    chapters: ChaptersOpt = None


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """How the work is done: the cores and the cache."""

    jobs: JobsOpt = None
    cache_dir: CacheDirOpt = None
    no_cache: NoCacheOpt = False
    cache_size_mb: CacheSizeOpt = None


@dataclass(frozen=True, slots=True)
class ToolOptions:
    """Which ffmpeg and libespeak-ng (narrate/core/tools.py)."""

    ffmpeg: FfmpegOpt = None
    espeak: EspeakOpt = None


@dataclass(frozen=True, slots=True)
class NarrationOptions:
    """How to narrate: the options of every command that narrates, and of `narrate config`."""

    voice: VoiceOptions = field(default_factory=VoiceOptions)
    text: TextOptions = field(default_factory=TextOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)
    work: WorkOptions = field(default_factory=WorkOptions)
    tools: ToolOptions = field(default_factory=ToolOptions)


@dataclass(frozen=True, slots=True)
class FeedOptions:
    """The podcast feed's channel: flag, else the settings file's [feed] table."""

    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="The URL OUTDIR is served at, e.g. http://host:8000/"),
    ] = None
    title: Annotated[str | None, typer.Option("--title", help="Podcast title")] = None
    author: Annotated[str | None, typer.Option("--author", help="Podcast author")] = None


@dataclass(frozen=True, slots=True)
class Reporting:
    """How much a command prints."""

    quiet: QuietOpt = False
    verbose: VerboseOpt = False


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    """The options given before the command: `narrate --debug --config FILE article ...`.

    The app's callback keeps them in the command line's context (`ctx.obj`).
    """

    debug: bool = False
    config: Path | None = None  # the settings file (None: the platform's)


def command(function: Callable[..., None]) -> Callable[..., None]:
    """`function` as Typer should see it: each parameter typed as an options group becomes
    the group's own options (nested groups too), and `GlobalOptions` comes from the context.

    The function is called with the groups filled in; every other parameter is Typer's as
    written.
    """
    hints = typing.get_type_hints(function, include_extras=True)
    shown: list[inspect.Parameter] = []
    groups: dict[str, type[Any]] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        kind = hints[name]
        if kind is GlobalOptions:
            groups[name] = kind
        elif _is_group(kind):
            groups[name] = kind
            shown += _flattened(kind)
        else:
            shown.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=kind))
    if any(kind is GlobalOptions for kind in groups.values()):
        shown.append(_context_parameter())

    @functools.wraps(function)
    def run(**given: Any) -> None:
        context = given.pop(_CONTEXT, None)
        for name, kind in groups.items():
            given[name] = global_options(context) if kind is GlobalOptions else _filled(kind, given)
        function(**given)

    vars(run)["__signature__"] = inspect.Signature(shown)  # what Typer reads
    run.__annotations__ = {parameter.name: parameter.annotation for parameter in shown}
    return run


_CONTEXT = "_narrate_context"


def _is_group(kind: object) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def _flattened(group: type[Any]) -> list[inspect.Parameter]:
    """The group's options as keyword parameters, nested groups in place, in field order."""
    hints = typing.get_type_hints(group, include_extras=True)
    found: list[inspect.Parameter] = []
    for option in dataclasses.fields(group):
        kind = hints[option.name]
        if _is_group(kind):
            found += _flattened(kind)
        else:
            default = option.default if option.default is not dataclasses.MISSING else None
            found.append(
                inspect.Parameter(
                    option.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
                )
            )
    return found


def _filled(group: type[Any], given: dict[str, Any]) -> Any:
    """The group made from (and taking its options out of) Typer's keyword arguments."""
    hints = typing.get_type_hints(group, include_extras=True)
    values = {
        option.name: _filled(hints[option.name], given)
        if _is_group(hints[option.name])
        else given.pop(option.name)
        for option in dataclasses.fields(group)
    }
    return group(**values)


def _context_parameter() -> inspect.Parameter:
    return inspect.Parameter(_CONTEXT, inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)


def global_options(context: typer.Context | None) -> GlobalOptions:
    """The options given before the command, which the app's callback keeps in the context."""
    found = context.find_object(GlobalOptions) if context is not None else None
    return found if isinstance(found, GlobalOptions) else GlobalOptions()
