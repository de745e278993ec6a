"""Stopping cleanly: SIGINT, SIGTERM and SIGHUP alike, and workers that stop with their parent.

The main process turns each of the three signals into `Interrupted` (a
KeyboardInterrupt) in its main thread, so the same unwinding that Ctrl-C
always did runs for `kill` and a closed terminal too: temporary files are
removed, worker processes stopped, and the CLI exits with 128 + the signal.

A worker process (an engine worker, a batch's article process) leaves
SIGINT and SIGHUP to its parent, which stops it with SIGTERM; on SIGTERM it
removes its own temporary files and exits at once. It also watches its parent:
when the parent is gone (killed with SIGKILL, which nothing can catch), it does
the same within PARENT_POLL_S, instead of living on, re-parented, for ever.
Watching beats Linux's PR_SET_PDEATHSIG here: that fires when the *thread*
that started the worker ends, and it exists on Linux only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from types import FrameType

from narrate.core.files import remove_in_flight

PARENT_POLL_S = 0.5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived; `exit_code` is the shell's 128 + its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


_state = {"raised": False, "pending": 0, "held": 0}


def stop_on_signals() -> None:
    """In the main process's main thread: the stop signals raise Interrupted, once.

    A second signal while the first is being handled is ignored, so the
    clean-up it started is not cut short halfway.
    """
    _state["raised"] = False
    _state["pending"] = 0
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_once)
    sys.unraisablehook = _quiet_lost_interrupts


def _quiet_lost_interrupts(unraisable: sys.UnraisableHookArgs) -> None:
    """Say nothing of an Interrupted that Python could not raise (the signal came while it
    ran a finaliser or a weakref callback, as an import does): `raise_if_stopped` raises it
    again, and the run ends with its one line. Other unraisable errors Python prints as
    ever."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def _raise_once(signum: int, _frame: FrameType | None) -> None:
    if _state["raised"]:
        return
    _state["raised"] = True
    _state["pending"] = signum
    if _state["held"]:
        return  # raised when the held block ends (held_signals)
    raise Interrupted(signum)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """A stop signal that arrives inside the block is raised when the block ends.

    For starting worker processes: spawn forks the child, then writes it what to run
    through a pipe. Cut in half, the child reads half a message and prints a
    traceback of its own, and the pool, half set up, cannot be shut down; the
    interrupt raised once the workers are started stops them as any other.
    """
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1
    if not _state["held"] and threading.current_thread() is threading.main_thread():
        raise_if_stopped()


def raise_if_stopped() -> None:
    """Raise again a stop signal's Interrupted that was lost.

    A handler's exception raised while Python runs a finaliser (`__del__`, a
    weakref callback) is only printed, so the run would carry on to the end.
    Long loops call this between items: the second raise is not lost.
    """
    signum = _state["pending"]
    if signum:
        _state["pending"] = 0
        raise Interrupted(signum)


def as_worker(parent: int) -> None:
    """In a worker process, first thing: its parent (`parent`, its process ID, passed
    from the parent: it may have died while this one started) decides when it stops."""
    if os.getppid() != parent:
        exit_now(128 + signal.SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_now)
    watcher = threading.Thread(
        target=_watch_parent, args=(parent,), name="narrate-parent-watch", daemon=True
    )
    watcher.start()


def _stop_now(signum: int, _frame: FrameType | None) -> None:
    exit_now(128 + signum)


def exit_now(code: int) -> None:
    """Remove this process's temporary files and end it, without unwinding."""
    remove_in_flight()
    os._exit(code)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    exit_now(128 + signal.SIGTERM)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Send SIGTERM to a pool's worker processes (they clean up and exit at once).

    Python 3.14 has `terminate_workers()` for this; before it, the pool's
    process table is the only handle on them.
    """
    processes: dict[int, BaseProcess] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()
