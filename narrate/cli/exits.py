"""Library errors -> one line on stderr and an exit code; the only place the CLI exits on them.

Every NarrateError becomes `narrate: message (hint)` and its exit code (2 for
bad input, 3 for engine or ffmpeg failures, 1 when some articles of a batch
failed); `--debug` shows the traceback instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from narrate.core.errors import NarrateError

state = {"debug": False}


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn library errors into one line on stderr and an exit code."""
    try:
        yield
    except NarrateError as exc:
        if state["debug"]:
            raise
        typer.echo(f"narrate: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("narrate: interrupted; no output was left half-written", err=True)
        raise typer.Exit(130) from None
