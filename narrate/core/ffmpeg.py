"""Finding and running ffmpeg: one command line, one way of reporting its failure.

The binary shipped in the imageio-ffmpeg wheel is used by default, so every
machine runs the same ffmpeg and no apt step is needed; the system's ffmpeg
on PATH only when the wheel's is missing, or when NARRATE_FFMPEG says
`system` (or names an executable). Failures become
AudioToolError with ffmpeg's own last words.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Sequence

from narrate.core.errors import AudioToolError


@functools.cache
def ffmpeg_path() -> str:
    """The ffmpeg executable: imageio-ffmpeg's, else the system's (NARRATE_FFMPEG chooses)."""
    choice = os.environ.get("NARRATE_FFMPEG", "bundled")
    if choice == "system":
        found = shutil.which("ffmpeg")
        if found:
            return found
        raise AudioToolError("no ffmpeg on PATH (NARRATE_FFMPEG=system)", "install ffmpeg")
    if choice != "bundled":
        return choice
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        found = shutil.which("ffmpeg")
        if found:
            return found
        raise AudioToolError(
            "ffmpeg not found", "install ffmpeg or `pip install imageio-ffmpeg`"
        ) from exc


def ffmpeg_command(args: Sequence[str], loglevel: str = "error") -> list[str]:
    """The full ffmpeg command line for `args`: quiet, never prompting, overwriting."""
    return [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", loglevel, "-y", *args]


def failure(what: str, stderr: bytes) -> AudioToolError:
    """The error for an ffmpeg run that failed while doing `what`: its last line says why."""
    last = (stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
    return AudioToolError(f"ffmpeg failed while {what}: {last}", "run with --debug")


def run_ffmpeg(
    args: Sequence[str], what: str, data: bytes | None = None, loglevel: str = "error"
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with `args` (and `data` on its stdin); raise AudioToolError if it fails."""
    try:
        done = subprocess.run(
            ffmpeg_command(args, loglevel), input=data, capture_output=True, check=False
        )
    except OSError as exc:
        raise AudioToolError(f"cannot run ffmpeg for {what}: {exc}", "install ffmpeg") from exc
    if done.returncode != 0:
        raise failure(what, done.stderr)
    return done


def ffmpeg_origin() -> str:
    """Where the ffmpeg in use comes from: `system` (on PATH) or `bundled` (imageio-ffmpeg)."""
    return "system" if shutil.which("ffmpeg") == ffmpeg_path() else "bundled"


def ffmpeg_version() -> str:
    """ffmpeg's version as it reports it (`5.1.6-0+deb12u1`), or AudioToolError."""
    done = run_ffmpeg(["-version"], "reporting its version", loglevel="quiet")
    first = done.stdout.decode("utf-8", "replace").split("\n", 1)[0].split()
    return first[2] if len(first) > 2 and first[:2] == ["ffmpeg", "version"] else "unknown"


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
