"""Library errors -> one line on stderr and an exit code; the only place the CLI exits on them.

Every NarrateError becomes `narrate: message (hint)` and its exit code (2 for
bad input, 3 for engine or ffmpeg failures, 1 when some articles of a batch
failed); `--debug` shows the traceback instead. A stop signal (SIGINT,
SIGTERM, SIGHUP: narrate/core/signals.py) exits with 128 + its number once
everything has been cleaned up; a usage error (a bad option) is one line too.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from narrate.cli.suggest import SuggestingGroup
from narrate.core.errors import ExitCode, NarrateError
from narrate.core.files import SPACE_ERRNOS
from narrate.core.signals import Interrupted

# click's exceptions, from wherever this typer takes click (typer 0.28 carries its own copy)
_CLICK = sys.modules[typer.BadParameter.__module__]
_USAGE_ERROR: type[Exception] = _CLICK.UsageError
_CLICK_ERROR: type[Exception] = _CLICK.ClickException


class _NeverRaised(Exception):
    """Stands in for NoArgsIsHelpError in a click without it (it shows the help itself)."""


_HELP_ERROR: type[Exception] = getattr(_CLICK, "NoArgsIsHelpError", _NeverRaised)
_ABORT: tuple[type[BaseException], ...] = (typer.Abort, getattr(_CLICK, "Abort", typer.Abort))


def one_line(text: str) -> str:
    """Messages from elsewhere (urllib, ffmpeg) may hold line breaks; the user gets one line."""
    return " ".join(text.split())


def say(message: str, hint: str = "") -> None:
    typer.echo(f"narrate: {one_line(message)}" + (f" ({one_line(hint)})" if hint else ""), err=True)


@contextmanager
def errors_to_exit(debug: bool = False) -> Iterator[None]:
    """Turn library errors into one line on stderr and an exit code (`debug`: a traceback)."""
    try:
        yield
    except NarrateError as exc:
        if debug:
            raise
        say(exc.message, exc.hint)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt as exc:
        code = exc.exit_code if isinstance(exc, Interrupted) else 130
        say("interrupted; no output was left half-written")
        raise typer.Exit(code) from None
    except OSError as exc:
        # A full disk can surface from any write, ours or a library's, and a name longer
        # than the file system takes from any look at a path: never a traceback.
        if debug or exc.errno not in (*SPACE_ERRNOS, errno.ENAMETOOLONG):
            raise
        if exc.errno == errno.ENAMETOOLONG:
            shown = _longest_part(str(exc.filename or ""))
            say(f"a file name is too long{shown}", "give a shorter name: 255 bytes at most")
            raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
        where = f" ({exc.filename})" if exc.filename else ""
        say(f"out of disk space{where}: {exc.strerror}", "free some space and run again")
        raise typer.Exit(int(ExitCode.ENGINE)) from None


def _longest_part(path: str) -> str:
    """' (NAME…, N bytes)': the longest part of `path`, which a file system refused."""
    parts = [part for part in path.split(os.sep) if part]
    if not parts:
        return ""
    name = max(parts, key=lambda part: len(os.fsencode(part)))
    shown = name if len(name) <= 40 else name[:40] + "…"
    return f" ({shown}, {len(os.fsencode(name))} bytes)"


class OneLineUsage(SuggestingGroup):
    """The command group (with its suggestions for typos), usage errors as one line, then
    a line pointing to --help.

    Typer draws them as a five-line box; a script's log wants the option and
    what it accepts on one line.
    """

    def invoke(self, ctx: Any) -> Any:
        """Run the command; its errors become one line and an exit code (a traceback with
        `--debug`, which the app's callback keeps in the context with the other global
        options)."""
        from narrate.cli.options import GlobalOptions

        try:
            return super().invoke(ctx)
        except (NarrateError, KeyboardInterrupt, OSError):
            given = ctx.find_object(GlobalOptions)
            with errors_to_exit(isinstance(given, GlobalOptions) and given.debug):
                raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except _HELP_ERROR as exc:  # no arguments at all: the help, as before
            exc.show()  # type: ignore[attr-defined]
            code = exc.exit_code  # type: ignore[attr-defined]
        except _USAGE_ERROR as exc:
            say(exc.format_message())  # type: ignore[attr-defined]
            typer.echo(f"Try '{_command_path(exc)} --help' for help.", err=True)
            code = exc.exit_code  # type: ignore[attr-defined]
        except _CLICK_ERROR as exc:
            say(exc.format_message())  # type: ignore[attr-defined]
            code = exc.exit_code  # type: ignore[attr-defined]
        except _ABORT:
            say("aborted")
            code = 130
        else:
            if not standalone_mode:
                return result
            code = result if isinstance(result, int) else 0
        if not standalone_mode:
            raise typer.Exit(code)
        sys.exit(code)


def _command_path(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    return str(ctx.command_path) if ctx is not None else "narrate"
