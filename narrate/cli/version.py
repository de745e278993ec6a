"""`narrate version` (and `narrate --version`): which narrate, and with `--verbose`, on what.

The short form loads nothing; `--verbose` starts the engine to ask its version
and sees which libespeak-ng and ffmpeg a run would use, and how big the cache is.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Annotated

import typer

from narrate import __version__
from narrate.cli.help import counted, examples
from narrate.cli.options import GlobalOptions, NarrationOptions, ToolOptions, command


@command
def version(
    tools: ToolOptions,
    given: GlobalOptions,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also Python, the engine, libespeak-ng, ffmpeg and the cache"
        ),
    ] = False,
) -> None:
    """Print narrate's version; with --verbose, what it runs on."""
    typer.echo(f"narrate {__version__}")
    if verbose:
        for label, value in details(given.config, tools):
            typer.echo(f"{label:<14} {value}")


def details(config: Path | None, tools: ToolOptions) -> list[tuple[str, str]]:
    """(label, value) lines of what narrate runs on, for bug reports and `version -v`."""
    from narrate.audio.catalog import piper_info
    from narrate.audio.engines.espeak import prepare_espeak
    from narrate.cli.resolve import resolve
    from narrate.cli.tools import installed, tool_lines
    from narrate.core.cache import AudioCache, default_cache_dir
    from narrate.core.profiles import VOICES_DIR, user_voices_dir
    from narrate.core.settings_file import default_path

    run = resolve(config, NarrationOptions(tools=tools))
    which = tool_lines(run)  # which ffmpeg and libespeak-ng, and why
    settings = run.settings
    cache_root = settings.cache_dir or default_cache_dir()
    cache_mb = AudioCache(cache_root).size() / 1024**2 if cache_root.is_dir() else 0.0
    settings_path = config or default_path()
    piper = piper_info()
    return [
        (
            "python",
            f"{platform.python_version()} ({platform.python_implementation()}, {sys.executable})",
        ),
        ("engine", f"{prepare_espeak()} (pyttsx3 {installed('pyttsx3')})"),
        *which,
        (
            "piper",
            f"{piper.version} (onnxruntime {installed('onnxruntime')}), "
            f"{counted(len(piper.voices), 'voice')}"
            if piper
            else "not installed (the piper extra)",
        ),
        ("cache", f"{cache_root} ({cache_mb:.1f} MB of {settings.cache_max_bytes // 1024**2} MB)"),
        ("settings file", f"{settings_path}{'' if settings_path.is_file() else ' (none)'}"),
        ("voices", f"{VOICES_DIR} and {user_voices_dir()}"),
        ("platform", f"{platform.system()} {platform.release()} {platform.machine()}"),
    ]


EXAMPLES = examples(
    ("narrate --version", "just the version"),
    ("narrate version --verbose", "Python, engine, libespeak-ng, ffmpeg, cache: for a bug report"),
)
