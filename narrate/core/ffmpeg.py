"""Finding and running ffmpeg: which one, whether it can do what a run asks, one way of failing.

Which ffmpeg is the user's choice (narrate/core/tools.py): the binary shipped in
the imageio-ffmpeg wheel by default, so every machine runs the same ffmpeg and
no apt step is needed; the system's ffmpeg on PATH or a given executable when
chosen (and the system's when the wheel's is missing). narrate asks only for
what ffmpeg 4.2 to 9 all do; a chosen ffmpeg is still checked once per process
for each operation a run needs (`Operation`: a few hundred milliseconds of
audio through the same options), and when it cannot do one, the bundled one
does it instead, said once in the log; with no bundled one, the run stops with
what to do. Failures become AudioToolError with ffmpeg's own last words.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import shutil
import struct
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from narrate.core.errors import AudioToolError
from narrate.core.models import FRAME_RATE
from narrate.core.tools import BUNDLED, SYSTEM, chosen

log = logging.getLogger(__name__)

PCM_INPUT = ("-f", "s16le", "-ar", str(FRAME_RATE), "-ac", "1")  # ffmpeg reading timeline PCM
PROBE_MS = 300


@dataclass(frozen=True, slots=True)
class Ffmpeg:
    """The ffmpeg a run uses, and why that one."""

    path: str
    origin: str  # "bundled" (imageio-ffmpeg), "system" (on PATH) or "path" (a file chosen)
    choice: str  # what was chosen: bundled, system or a path
    note: str = ""  # why it is not what was chosen, when it is not


@dataclass(frozen=True, slots=True)
class Operation:
    """Something a run asks of ffmpeg, checked once per process on a short tone: ffmpeg
    options after timeline PCM on its stdin, writing to the null muxer."""

    what: str  # "measure loudness", "encode opus"
    args: tuple[str, ...]


def bundled_ffmpeg() -> str | None:
    """imageio-ffmpeg's binary (or the one IMAGEIO_FFMPEG_EXE names), or None when the wheel
    is missing or has none for this platform: imageio-ffmpeg then offers the system's
    ffmpeg as its own, which is not the bundled one."""
    try:
        import imageio_ffmpeg

        found = str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return None
    package = Path(imageio_ffmpeg.__file__).resolve().parent
    named = os.environ.get("IMAGEIO_FFMPEG_EXE")
    return found if found == named or Path(found).resolve().is_relative_to(package) else None


def selected() -> Ffmpeg:
    """The ffmpeg this process uses, as chosen (narrate/core/tools.py)."""
    return _select(chosen("ffmpeg"))


@functools.cache
def _select(choice: str) -> Ffmpeg:
    if choice == SYSTEM:
        found = shutil.which("ffmpeg")
        if found:
            return Ffmpeg(found, SYSTEM, choice)
        raise AudioToolError(
            "no ffmpeg on PATH (the system's ffmpeg was chosen)",
            "install ffmpeg, or choose the bundled one: --ffmpeg bundled",
        )
    if choice != BUNDLED:
        return Ffmpeg(choice, "path", choice)
    bundled = bundled_ffmpeg()
    if bundled is not None:
        return Ffmpeg(bundled, BUNDLED, choice)
    found = shutil.which("ffmpeg")
    if found:
        return Ffmpeg(found, SYSTEM, choice, "imageio-ffmpeg has no ffmpeg here")
    raise AudioToolError("ffmpeg not found", "`pip install imageio-ffmpeg`, or install ffmpeg")


def ffmpeg_path() -> str:
    """The ffmpeg executable this process uses."""
    return selected().path


def ffmpeg_for(operation: Operation | None) -> str:
    """The ffmpeg to run `operation` with: the chosen one when it can, else the bundled one."""
    using = selected()
    if operation is None or using.origin == BUNDLED:
        return using.path
    problem = cannot(using.path, operation)
    if problem is None:
        return using.path
    bundled = bundled_ffmpeg()
    if bundled is not None and cannot(bundled, operation) is None:
        _said_once(using.path, operation.what, problem)
        return bundled
    raise AudioToolError(
        f"{using.path} cannot {operation.what}: {problem}",
        "choose another ffmpeg (--ffmpeg bundled needs `pip install imageio-ffmpeg`)",
    )


@functools.cache
def _said_once(path: str, what: str, problem: str) -> None:
    log.warning("%s cannot %s (%s): the bundled ffmpeg does it", path, what, problem)


@functools.cache
def cannot(path: str, operation: Operation) -> str | None:
    """Why this ffmpeg fails `operation` on a short tone (its last words), None if it works."""
    try:
        done = subprocess.run(
            _command(path, [*PCM_INPUT, "-i", "pipe:0", *operation.args, "-f", "null", "-"]),
            input=_tone(PROBE_MS),
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return exc.strerror or str(exc)
    return None if done.returncode == 0 else last_words(done.stderr)


def _tone(ms: int) -> bytes:
    """A quiet 440 Hz tone as timeline PCM."""
    count = FRAME_RATE * ms // 1000
    samples = (round(8000 * math.sin(2 * math.pi * 440 * n / FRAME_RATE)) for n in range(count))
    return struct.pack(f"<{count}h", *samples)


def _command(path: str, args: Sequence[str], loglevel: str = "error") -> list[str]:
    return [path, "-hide_banner", "-nostdin", "-loglevel", loglevel, "-y", *args]


def ffmpeg_command(
    args: Sequence[str], loglevel: str = "error", operation: Operation | None = None
) -> list[str]:
    """The full ffmpeg command line for `args`: quiet, never prompting, overwriting."""
    return _command(ffmpeg_for(operation), args, loglevel)


def last_words(stderr: bytes) -> str:
    """ffmpeg's last line on stderr: what it says went wrong."""
    return (stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]


def failure(what: str, stderr: bytes) -> AudioToolError:
    """The error for an ffmpeg run that failed while doing `what`: its last line says why."""
    return AudioToolError(f"ffmpeg failed while {what}: {last_words(stderr)}", "run with --debug")


def run_ffmpeg(
    args: Sequence[str],
    what: str,
    data: bytes | None = None,
    loglevel: str = "error",
    operation: Operation | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with `args` (and `data` on its stdin); raise AudioToolError if it fails.

    `operation`: what the run needs of ffmpeg, checked first (see `ffmpeg_for`).
    """
    try:
        done = subprocess.run(
            ffmpeg_command(args, loglevel, operation), input=data, capture_output=True, check=False
        )
    except OSError as exc:
        raise AudioToolError(f"cannot run ffmpeg for {what}: {exc}", "install ffmpeg") from exc
    if done.returncode != 0:
        raise failure(what, done.stderr)
    return done


def ffmpeg_version(path: str | None = None) -> str:
    """An ffmpeg's version as it reports it (`5.1.6-0+deb12u1`), or AudioToolError."""
    try:
        done = subprocess.run(
            _command(path or ffmpeg_path(), ["-version"], "quiet"), capture_output=True, check=False
        )
    except OSError as exc:
        raise AudioToolError(f"cannot run ffmpeg: {exc}", "install ffmpeg") from exc
    first = done.stdout.decode("utf-8", "replace").split("\n", 1)[0].split()
    return first[2] if len(first) > 2 and first[:2] == ["ffmpeg", "version"] else "unknown"


@functools.cache
def ffmpeg_build(path: str) -> str:
    """An ffmpeg's version, asked once per process: it names the build in cache keys."""
    return ffmpeg_version(path)


def ffmpeg_encoders() -> frozenset[str]:
    """The names of the audio encoders this ffmpeg was built with (`aac`, `libopus`, ...)."""
    done = run_ffmpeg(["-encoders"], "listing its encoders", loglevel="quiet")
    listing = done.stdout.decode("utf-8", "replace").partition("------")[2]  # after the legend
    names = set()
    for line in listing.splitlines():
        fields = line.split()
        # " A....D aac   AAC (Advanced Audio Coding)": capabilities, then the name
        if len(fields) >= 2 and fields[0].startswith("A"):
            names.add(fields[1])
    return frozenset(names)
