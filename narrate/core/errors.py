"""Errors the CLI turns into one line on stderr and an exit code.

Library code raises these (never prints or exits); third-party failures are
wrapped where they enter, so the user sees what went wrong and what to do.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from narrate.core.models import Dropped


class ExitCode(IntEnum):
    OK = 0
    FAILED_ITEMS = 1  # batch: some articles failed, the rest were done
    BAD_INPUT = 2
    ENGINE = 3


class NarrateError(Exception):
    """Base error: a message, a hint on what to do, and the exit code to use."""

    exit_code: ExitCode = ExitCode.BAD_INPUT
    stops_batch = False  # true when every later article would fail the same way (a full disk)

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[type[NarrateError], tuple[str, str]]:
        # Raised in worker processes and re-raised here: keep the hint across pickling.
        return type(self), (self.message, self.hint)

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(NarrateError):
    """The article could not be read: missing, empty, binary, unreachable, bad URL."""


class NoArticleError(InputError):
    """The page was read but holds no article text; `dropped`: what it held, and why each
    was not read (for `narrate script --show-dropped`)."""

    dropped: tuple[Dropped, ...] = ()


class VoiceError(InputError):
    """Unknown voice or a broken voice profile."""


class OutputError(InputError):
    """The output path cannot be written."""


class SettingsFileError(InputError):
    """The settings file cannot be read, is not TOML, or holds a key or value narrate refuses."""


class NoSpaceError(OutputError):
    """The output folder is full: every later article would fail the same way."""

    stops_batch = True


class StorageError(NarrateError):
    """A working file (the cache, $TMPDIR) cannot be written: a full or read-only disk."""

    exit_code = ExitCode.ENGINE
    stops_batch = True


class EngineError(NarrateError):
    """The speech engine failed, or produced audio that failed verification."""

    exit_code = ExitCode.ENGINE


class SentenceError(EngineError):
    """The engine works, but could not say one sentence of this article believably.

    The article's fault, not the engine's: a queue of articles goes on past it.
    """


class AudioToolError(NarrateError):
    """ffmpeg failed or could not be found."""

    exit_code = ExitCode.ENGINE
