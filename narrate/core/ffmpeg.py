"""Finding and running ffmpeg.

The system's ffmpeg is used when it is on PATH; otherwise the binary shipped
in the imageio-ffmpeg wheel, so no apt step is needed. Failures become
AudioToolError with ffmpeg's own last words.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Sequence

from narrate.core.errors import AudioToolError


@functools.cache
def ffmpeg_path() -> str:
    """The ffmpeg executable: the system's, else imageio-ffmpeg's."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise AudioToolError(
            "ffmpeg not found", "install ffmpeg or `pip install imageio-ffmpeg`"
        ) from exc


def run_ffmpeg(args: Sequence[str], what: str) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with `args`; raise AudioToolError naming `what` failed."""
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except OSError as exc:
        raise AudioToolError(f"cannot run ffmpeg for {what}: {exc}") from exc
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise AudioToolError(f"ffmpeg failed while {what}: {last}", "run with --debug")
    return done


def read_ffmetadata(path: str) -> str:
    """The container's tags and chapters as ffmpeg sees them (a stand-in for ffprobe)."""
    done = run_ffmpeg(["-i", path, "-f", "ffmetadata", "-"], f"reading {path}")
    return done.stdout.decode("utf-8", "replace")
