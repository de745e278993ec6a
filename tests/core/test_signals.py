"""Real signals on real narrate processes: SIGTERM and SIGHUP stop a run as Ctrl-C does, and
worker processes never outlive their parent, even one killed with SIGKILL."""

from __future__ import annotations

import multiprocessing.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrate.core.cache import AudioCache
from narrate.core.profiles import Profile
from narrate.core.settings import usable_cores
from narrate.core.signals import (
    STOP_SIGNALS,
    Interrupted,
    held_signals,
    raise_if_stopped,
    stop_on_signals,
)
from tests.audio.helpers import ENGLISH, synthesizer
from tests.processes import (
    NARRATE,
    alive,
    descendants,
    kill_all,
    long_page,
    private_env,
    require_linux_proc,
    wait_for,
)

pytestmark = pytest.mark.slow
WORKERS_UP_S = 120.0  # generous bounds: a slow machine waits longer, it does not fail
GONE_S = 30.0


@pytest.fixture
def article_run(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, Path]:
    """`narrate article` of a long page with two engine workers, caught while they work."""
    require_linux_proc()
    if usable_cores() < 2:
        pytest.skip("needs two cores for two engine workers")
    page = tmp_path / "long.html"
    page.write_text(long_page(400), "utf-8")
    out = tmp_path / "out"
    stderr = (tmp_path / "stderr").open("w+b")
    env = private_env(tmp_path)
    command = [*NARRATE, "article", str(page), "-o", str(out), "-q", "--jobs", "2"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        # the resource tracker and two workers
        assert wait_for(lambda: len(descendants(process.pid)) >= 3, WORKERS_UP_S)
        yield process, out, Path(env["TMPDIR"])
    finally:
        kill_all([*descendants(process.pid), process.pid])
        process.wait()
        stderr.close()


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_stop_signals_exit_cleanly_and_leave_nothing(
    article_run: tuple[subprocess.Popen[bytes], Path, Path], signum: int, code: int
) -> None:
    process, out, tmpdir = article_run
    children = descendants(process.pid)
    os.kill(process.pid, signum)
    assert process.wait(GONE_S) == code
    assert wait_for(lambda: not alive(children), GONE_S), "worker processes outlived the run"
    lines = (tmpdir.parent / "stderr").read_text().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("narrate: interrupted")
    assert list(tmpdir.iterdir()) == []
    assert not out.exists() or list(out.iterdir()) == []


def test_workers_stop_when_their_parent_is_killed(
    article_run: tuple[subprocess.Popen[bytes], Path, Path],
) -> None:
    process, _, tmpdir = article_run
    children = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert wait_for(lambda: not alive(children), GONE_S), "workers lived on without their parent"
    # what they had in flight went with them; the main process's own folder is swept next run
    assert [p.name for p in tmpdir.iterdir() if "-engine-" in p.name] == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the lost raise
def test_an_interrupt_lost_in_a_finaliser_is_raised_again() -> None:
    """A handler's exception raised inside `__del__` cannot propagate: the run must still stop."""
    saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    hook = sys.unraisablehook
    try:
        stop_on_signals()

        class Finaliser:
            def __del__(self) -> None:
                os.kill(os.getpid(), signal.SIGHUP)  # the handler runs, and raises, in here

        Finaliser()  # collected at once: its Interrupted cannot be raised
        with pytest.raises(Interrupted) as caught:
            raise_if_stopped()
        assert caught.value.exit_code == 129
        raise_if_stopped()  # once only
    finally:
        sys.unraisablehook = hook
        for signum, handler in saved.items():
            signal.signal(signum, handler)


# A process that is signalled inside a finaliser, as CI once caught `narrate article` with
# SIGTERM inside importlib's module-lock weakref callback: 'Exception ignored in: ...' and a
# traceback were printed before narrate's own line.
_LOST_IN_A_FINALISER = """
import os, signal, sys
from narrate.core.signals import Interrupted, raise_if_stopped, stop_on_signals
stop_on_signals()
class Finaliser:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
Finaliser()
try:
    raise_if_stopped()
except Interrupted as stop:
    sys.exit(stop.exit_code)
"""


def test_an_interrupt_lost_in_a_finaliser_prints_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LOST_IN_A_FINALISER], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 143
    assert done.stderr == ""


@pytest.fixture
def stop_signals_raise() -> Iterator[None]:
    """This process's stop signals raise Interrupted, as in the CLI; restored afterwards."""
    saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    stop_on_signals()
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


@pytest.mark.usefixtures("stop_signals_raise")
def test_a_stop_signal_inside_a_held_block_is_raised_when_it_ends() -> None:
    reached = []

    def signalled_inside() -> None:
        with held_signals():
            os.kill(os.getpid(), signal.SIGHUP)  # its handler runs here, and raises nothing yet
            reached.append(True)

    with pytest.raises(Interrupted) as caught:
        signalled_inside()
    assert reached == [True]
    assert caught.value.exit_code == 129


@pytest.mark.usefixtures("stop_signals_raise")
def test_a_stop_signal_while_a_worker_is_spawned_never_cuts_the_spawn_in_half(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """SIGHUP between spawn's fork and its message to the child (what the child is to run):
    the child read half a message and printed a traceback of its own (EOFError) beside
    narrate's one line, and the half-started pool could not be shut down (RuntimeError)."""
    require_linux_proc()
    real = multiprocessing.util.spawnv_passfds

    def spawn_then_signal(*args: object) -> int:
        pid: int = real(*args)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGHUP)  # the handler runs before the child is told
        return pid

    monkeypatch.setattr(multiprocessing.util, "spawnv_passfds", spawn_then_signal)
    synth = synthesizer(Profile("default"), ENGLISH, AudioCache(tmp_path / "cache"), workers=2)
    with pytest.raises(Interrupted):
        synth.warm_up()
    assert synth._pool is not None
    started = list(synth._pool._processes.values())  # type: ignore[attr-defined]
    assert len(started) == 2  # both workers started whole, so both are stopped
    synth.close(now=True)
    for process in started:
        process.join(GONE_S)
        assert process.exitcode is not None
    assert capfd.readouterr().err == ""
