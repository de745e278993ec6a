"""`narrate config`: the settings in effect and where each came from.

Flags given to it are resolved as any command resolves them, so
`narrate config --rate 1.25x` shows what `narrate article --rate 1.25x` would use.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.help import examples, verbatim
from narrate.cli.options import (
    CacheDirOpt,
    CacheSizeOpt,
    ChaptersOpt,
    EngineOpt,
    EspeakOpt,
    FfmpegOpt,
    FormatOpt,
    JobsOpt,
    LoudnessOpt,
    PitchOpt,
    RateOpt,
    VoiceOpt,
)
from narrate.cli.resolve import Resolved, resolve, state

LABELS = {
    "voice": "voice", "fallback_voice": "fallback voice", "engine": "engine", "rate": "rate",
    "pitch": "pitch",
    "format": "format", "output": "output",
    "loudness": "loudness", "chapters": "chapters", "jobs": "jobs", "cache_dir": "cache folder",
    "cache_size_mb": "cache size", "feed_title": "feed title", "feed_author": "feed author",
    "feed_base_url": "feed base URL", "ffmpeg": "ffmpeg", "espeak": "libespeak-ng",
}  # fmt: skip
UNITS = {"rate": " wpm", "loudness": " LUFS", "cache_size_mb": " MB"}


def config(
    voice: VoiceOpt = None,
    engine: EngineOpt = None,
    rate: RateOpt = None,
    pitch: PitchOpt = None,
    audio_format: FormatOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="An output file or folder")
    ] = None,
    loudness: LoudnessOpt = None,
    chapters: ChaptersOpt = None,
    jobs: JobsOpt = None,
    cache_dir: CacheDirOpt = None,
    cache_size_mb: CacheSizeOpt = None,
    ffmpeg: FfmpegOpt = None,
    espeak: EspeakOpt = None,
    path: Annotated[
        bool, typer.Option("--path", help="Print only where the settings file is (or would be)")
    ] = False,
) -> None:
    """Print the settings in effect and where each came from: flag, file, profile, default."""
    from narrate.core.settings_file import default_path

    with errors_to_exit():
        where = state["config"] or default_path()
        if path:
            typer.echo(str(where))
            return
        flags = {
            "voice": voice, "engine": engine, "rate": rate, "pitch": pitch,
            "format": audio_format, "output": output, "loudness": loudness, "chapters": chapters,
            "jobs": jobs,
            "cache_dir": cache_dir, "cache_size_mb": cache_size_mb, "ffmpeg": ffmpeg,
            "espeak": espeak,
        }  # fmt: skip
        run = resolve(flags)
        found = "" if run.file.path else "  (none there: create it to keep your own defaults)"
        typer.echo(f"settings file  {where}{found}")
        describe(run, LABELS)


def describe(run: Resolved, names: Iterable[str], err: bool = False) -> None:
    """One line per setting: its name, its value and where the value came from."""
    from narrate.core.settings_file import toml_key

    for name in names:
        choice = run.choices[name]
        source = choice.source
        if source.startswith("settings file"):
            source += f" ({toml_key(name)})"
        typer.echo(f"{LABELS[name]:<14} {_shown(name, choice.value):<28} {source}", err=err)


def _shown(name: str, value: object) -> str:
    if value is None:
        return "output/" if name == "output" else "-"
    if isinstance(value, float):
        return f"{value:g}{UNITS.get(name, '')}"
    return f"{value}{UNITS.get(name, '')}"


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
