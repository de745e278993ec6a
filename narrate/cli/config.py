"""`narrate config`: the settings in effect and where each came from.

Flags given to it are resolved as any command resolves them, so
`narrate config --rate 1.25x` shows what `narrate article --rate 1.25x` would use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.help import examples, verbatim
from narrate.cli.options import GlobalOptions, NarrationOptions, command
from narrate.cli.resolve import Choice, Choices, Resolved, resolve
from narrate.core.settings import DEFAULT_OUTPUT_DIR


@command
def config(
    options: NarrationOptions,
    given: GlobalOptions,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="An output file or folder")
    ] = None,
    path: Annotated[
        bool, typer.Option("--path", help="Print only where the settings file is (or would be)")
    ] = False,
) -> None:
    """Print the settings in effect and where each came from: flag, file, profile, default."""
    from narrate.core.settings_file import default_path

    where = given.config or default_path()
    if path:
        typer.echo(str(where))
        return
    run = resolve(given.config, options, output=None if output is None else str(output))
    found = "" if run.file.path else "  (none there: create it to keep your own defaults)"
    typer.echo(f"settings file  {where}{found}")
    describe(run)


@dataclass(frozen=True, slots=True)
class Row:
    """A setting as `narrate config` lists it."""

    key: str  # its key in the settings file
    label: str
    choice: Choice[object]
    unit: str = ""
    unset: str = "-"  # shown for None


def rows(c: Choices) -> list[Row]:
    """Every setting in the order listed; `-v` shows those up to the cache folder."""
    return [
        Row("voice", "voice", c.voice),
        Row("fallback_voice", "fallback voice", c.fallback_voice),
        Row("engine", "engine", c.engine),
        Row("rate", "rate", c.rate, " wpm"),
        Row("pitch", "pitch", c.pitch),
        Row("format", "format", c.format),
        Row("output", "output", c.output, unset=f"{DEFAULT_OUTPUT_DIR}/"),
        Row("loudness", "loudness", c.loudness, " LUFS"),
        Row("chapters", "chapters", c.chapters),
        Row("jobs", "jobs", c.jobs),
        Row("cache_dir", "cache folder", c.cache_dir, unset="none"),
        Row("cache_size_mb", "cache size", c.cache_size_mb, " MB"),
        Row("feed.title", "feed title", c.feed_title),
        Row("feed.author", "feed author", c.feed_author),
        Row("feed.base_url", "feed base URL", c.feed_base_url),
        Row("ffmpeg", "ffmpeg", c.ffmpeg),
        Row("espeak", "libespeak-ng", c.espeak),
    ]


NARRATING = 11  # the rows `article -v` and `batch -v` show: voice to cache folder


def describe(run: Resolved, narrating: bool = False, err: bool = False) -> None:
    """One line per setting: its name, its value and where the value came from."""
    for row in rows(run.choices)[: NARRATING if narrating else None]:
        source = row.choice.source
        if source.startswith("settings file"):
            source += f" ({row.key})"
        typer.echo(f"{row.label:<14} {_shown(row):<28} {source}", err=err)


def _shown(row: Row) -> str:
    value = row.choice.value
    if value is None:
        return row.unset
    if isinstance(value, float):
        return f"{value:g}{row.unit}"
    return f"{value}{row.unit}"


SETTINGS_FILE_KEYS = """Settings file keys (TOML; every key is optional):
  voice = "clear"            # a profile from `narrate voices`, or an engine voice id
  fallback_voice = "gmw/en"  # reads a language the engine has no voice for
  rate = "1.2x"              # or words per minute, 80 to 450: rate = 200
  pitch = 50                 # 0 to 100
  format = "m4b"             # mp3, m4a, m4b or opus
  output = "~/podcasts"      # the folder audio goes to
  loudness = -16             # LUFS, -35 to -5
  jobs = 2                   # cores to keep busy
  chapters = "headings"      # headings, paragraphs or none
  cache_dir = "~/.cache/narrate"
  cache_size_mb = 2048
  ffmpeg = "bundled"         # bundled (imageio-ffmpeg's), system (on PATH) or a path
  espeak = "bundled"         # bundled (espeakng-loader's), system or a library's path
  [feed]
  title = "My reading list"
  author = "Me"
  base_url = "http://192.168.1.20:8000/"
"""
EXAMPLES = (
    examples(
        ("narrate config", "every setting, and whether a flag, the file or a profile set it"),
        ("narrate config --voice clear --rate 1.25x", "what these flags would change"),
        ("narrate --config ~/narrate-work.toml config", "another settings file"),
    )
    + "\n\n"
    + verbatim(SETTINGS_FILE_KEYS)
)
