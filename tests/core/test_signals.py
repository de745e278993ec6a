"""Real signals on real narrate processes: SIGTERM and SIGHUP stop a run as Ctrl-C does, and
worker processes never outlive their parent, even one killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from narrate.core.settings import usable_cores
from narrate.core.signals import STOP_SIGNALS, Interrupted, raise_if_stopped, stop_on_signals
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
    """A handler's exception raised inside `__del__` is only printed: the run must still stop."""
    saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    try:
        stop_on_signals()

        class Finaliser:
            def __del__(self) -> None:
                os.kill(os.getpid(), signal.SIGHUP)  # the handler runs, and raises, in here

        Finaliser()  # collected at once: its Interrupted is printed as "Exception ignored"
        with pytest.raises(Interrupted) as caught:
            raise_if_stopped()
        assert caught.value.exit_code == 129
        raise_if_stopped()  # once only
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
