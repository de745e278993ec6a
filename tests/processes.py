"""Helpers for tests that run narrate as a real process: its children, signals, small disks."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

NARRATE = [sys.executable, "-m", "narrate"]


def long_page(paragraphs: int, title: str = "The long read") -> str:
    """An HTML article of `paragraphs` distinct paragraphs (about nine seconds of speech each)."""
    body = "".join(
        f"<p>Paragraph {n} of the long read carries the story on with an ordinary sentence. "
        f"It adds a second sentence about harbours, markets and the weather in spring.</p>"
        for n in range(paragraphs)
    )
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{body}</article></body></html>"


def private_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a narrate process with its own TMPDIR and cache."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, TMPDIR=str(tmp), XDG_CACHE_HOME=str(tmp_path / "xdg"))


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, frontier = [], [pid]
    while frontier:
        children = parents.get(frontier.pop(), [])
        found += children
        frontier += children
    return found


def alive(pids: Sequence[int]) -> list[int]:
    """The processes of `pids` still running (zombies count as gone)."""
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            running.append(pid)
    return running


def wait_for(condition: Callable[[], bool], timeout_s: float, step_s: float = 0.05) -> bool:
    """Poll until `condition` holds; False if it never did (a generous bound, not a timing)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step_s)
    return condition()


def kill_all(pids: Sequence[int]) -> None:
    """Leave nothing running that a test started."""
    for pid in alive(pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill_one(pids: Sequence[int]) -> None:
    """SIGKILL the first of `pids` still there, as a native crash would: one a previous
    kill took may not be reaped yet, and killing it again raises ProcessLookupError."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        return


def require_linux_proc() -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux /proc to follow child processes")


def small_disk_command(
    mount_at: Path, size: str, command: Sequence[str], listing: Path
) -> list[str]:
    """`command` run in a private mount namespace with a tmpfs of `size` mounted at `mount_at`;
    what the tmpfs holds afterwards is listed (recursively, hidden files too) into `listing`.

    Only root (or a user namespace) may mount; the test skips otherwise. The
    tmpfs is real: writes past its size fail with ENOSPC, as on a full disk.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("needs unshare(1) to mount a small tmpfs")
    probe = subprocess.run(
        [unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=8k tmpfs {mount_at}"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {probe.stderr.decode().strip()}")
    quoted = " ".join(_quote(part) for part in command)
    where = _quote(str(mount_at))
    script = (
        f"mount -t tmpfs -o size={size} tmpfs {where} || exit 99; {quoted}; rc=$?; "
        f"(cd {where} && find . -mindepth 1) > {_quote(str(listing))}; exit $rc"
    )
    return [unshare, "-m", "sh", "-c", script]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
