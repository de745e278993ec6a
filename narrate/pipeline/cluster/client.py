"""On the client: hand out where each page is and where its episode goes; count what returns.

The client reads no page and writes no episode: the workers read SRC and write
DEST themselves (a folder they all mount, or a store URL), so what passes
through the client is a task description out and an outcome back per article.
Before the first task, every worker is asked whether it sees DEST (a file the
client has just written there) and SRC, so a folder only the client has is
one line up front, not a failure per article.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from narrate import __version__
from narrate.core.errors import InputError
from narrate.core.files import file_digest
from narrate.core.settings import Settings
from narrate.pipeline.batch import (
    BatchItem,
    BatchSummary,
    Outcome,
    Report,
    Status,
    expected_work,
    record,
)
from narrate.pipeline.events import Progress, ProgressEvent

if TYPE_CHECKING:
    from distributed import Client, Future

from narrate.pipeline.cluster.reach import absolute, check_workers
from narrate.pipeline.cluster.units import ClusterJob, WorkUnit
from narrate.pipeline.cluster.worker import narrate_unit, the_job

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT_S = 5  # an unreachable scheduler is reported after this long
IN_FLIGHT_PER_THREAD = 2  # one narrating, one waiting: no worker idles while the client writes
CAPACITY_REFRESH_S = 2.0
INSTALL_HINT = "install it with: pip install 'narrate[cluster]'"
# what the server a local cluster's workers fork from imports once, for all of them
FORKSERVER_PRELOAD = ["__main__", "distributed", "narrate.pipeline.cluster.preload"]
# What Dask's nanny puts in the environment before it starts a worker process (its
# distributed.nanny.pre-spawn-environ defaults and its fixed hash seed): glibc, the
# BLAS libraries and Python read them as a process starts, so they must be there
# when the forkserver starts, which is now before the nanny has set them
WORKER_ENVIRON = {
    "MALLOC_TRIM_THRESHOLD_": "65536",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "PYTHONHASHSEED": "6640",
}


def run_on_cluster(
    items: list[BatchItem],
    settings: Settings,
    cluster: str,
    force: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Narrate `items` on the cluster `cluster` names: `local:N` or a scheduler's address."""
    with connect(cluster) as client:
        return run_batch_on(client, items, settings, force, report, progress)


def start_early(cluster: str) -> None:
    """For `local:N`: start, now, the process its workers will be forked from.

    Called before the client reads and plans its pages: that server imports
    Dask and does each worker's first-article loading (preload.py) on the other
    core while this process imports Dask and starts the scheduler, so the
    workers start warm instead of after it. Idempotent; connect() calls it too.
    """
    if not cluster.startswith(LOCAL_PREFIX) or _start_method() != "forkserver":
        return
    _local_workers(cluster)  # a bad N is reported before anything starts
    from multiprocessing import forkserver

    for name, value in WORKER_ENVIRON.items():
        os.environ.setdefault(name, value)  # as the nanny does: the user's own value wins
    forkserver.set_forkserver_preload(FORKSERVER_PRELOAD)
    forkserver.ensure_running()  # starts it and returns; a running one is kept


@contextmanager
def connect(cluster: str) -> Iterator[Client]:
    """A client of the scheduler at `cluster`, or of a LocalCluster of N processes (`local:N`)."""
    distributed = _import_distributed()
    if cluster.startswith(LOCAL_PREFIX):
        import dask

        workers = _local_workers(cluster)
        start_early(cluster)
        with (
            dask.config.set(_local_config()),
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # one engine per process: more threads would wait for it
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # its HTTP server: any free port, loopback only
                silence_logs=logging.ERROR,  # a restarted worker is no news: its task runs again
            ) as local,
            distributed.Client(local) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(cluster, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"cannot reach the Dask scheduler at {cluster}: {_first_line(exc)}",
            "is `dask scheduler` running there? or use --cluster local:N",
        ) from exc
    with client:
        yield client


def run_batch_on(
    client: Client,
    items: list[BatchItem],
    settings: Settings,
    force: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Narrate `items` on the workers of `client`, longest page first; write what comes back."""
    from distributed import as_completed
    from distributed.client import ClosedClientError

    job = ClusterJob(dataclasses.replace(settings, jobs=1), __version__, _lexicon_digests(settings))
    summary, tally = BatchSummary(), _Tally(len(items))
    queue = iter(sorted(items, key=expected_work, reverse=True))
    # short task keys, unique on a shared scheduler: a key travels in every message about
    # its task, so it is a good part of what passes through the client per article
    batch_id = uuid.uuid4().hex[:10]
    keys = (f"nr-{batch_id}-{number:x}" for number in itertools.count())
    capacity = _Capacity(client)
    # the job goes to the scheduler once, as a task of its own each article's task depends
    # on: sent with every article it was about a tenth of the bytes through the client, and
    # a task, unlike scattered data, is computed again when the worker holding it dies
    shared_job = client.submit(the_job, job, key=f"nr-{batch_id}-job")
    pending: dict[Future[Outcome], BatchItem] = {}
    finished = as_completed(with_results=True, raise_errors=False)

    def top_up() -> None:
        if client.status != "running":  # it gave up on a scheduler that went away
            raise _lost(tally)
        while summary.stopped_by is None and len(pending) < capacity():
            item = next(queue, None)
            if item is None:
                return
            unit = WorkUnit(absolute(item.source), absolute(item.target), force)
            future = client.submit(narrate_unit, unit, shared_job, key=next(keys))
            pending[future] = item
            finished.add(future)

    try:
        if items:
            check_workers(client, items, settings.storage)
        top_up()
        for future, result in finished if summary.stopped_by is None else ():
            if future.status == "cancelled":  # only the scheduler going away cancels a task
                raise _lost(tally)
            item = pending.pop(future)
            outcome = _returned(future, result)
            if outcome.status is Status.DONE and not outcome.detail:  # the worker left it out
                outcome = dataclasses.replace(outcome, detail=item.target)
            future.release()
            _finish(summary, report, progress, tally, item, outcome)
            top_up()
            if summary.stopped_by is not None:  # DEST is full or gone: no point going on
                break
        if summary.stopped_by is not None:
            _stop(client, summary, pending, queue)
    except (OSError, TimeoutError, ClosedClientError) as exc:  # the scheduler has gone away
        raise _lost(tally) from exc
    except BaseException:  # interrupted: what is queued is not started (what runs ends whole)
        with contextlib.suppress(Exception):
            client.cancel(list(pending))
        raise
    return summary


def _lost(tally: _Tally) -> InputError:
    return InputError(
        f"lost the Dask scheduler after {tally.done} of {tally.total} articles",
        "the files written are whole; run the same command again: they are skipped",
    )


# On the client


@dataclass(slots=True)
class _Tally:
    total: int
    done: int = 0
    audio_ms: int = 0


class _Capacity:
    """How many articles to keep in flight: a few per worker thread, so memory stays bounded.

    Asked of the scheduler at most every CAPACITY_REFRESH_S (workers come and go), not
    for every article: on a large cluster the answer is not free.
    """

    def __init__(self, client: Client) -> None:
        self.client = client
        self.asked_at = -CAPACITY_REFRESH_S
        self.value = IN_FLIGHT_PER_THREAD

    def __call__(self) -> int:
        now = time.monotonic()
        if now - self.asked_at >= CAPACITY_REFRESH_S:
            threads = sum(self.client.nthreads().values())
            self.value, self.asked_at = IN_FLIGHT_PER_THREAD * max(1, threads), now
        return self.value


def _returned(future: Future[Outcome], result: Any) -> Outcome:
    """What the task returned; a task that raised (its workers kept dying, a bug) failed."""
    if future.status == "finished":
        assert isinstance(result, Outcome)
        return result
    error = result[1] if isinstance(result, tuple) else result
    if type(error).__name__ == "KilledWorker":
        return Outcome(Status.FAILED, "the workers narrating it died each time (out of memory?)")
    return Outcome(Status.FAILED, f"{type(error).__name__}: {_first_line(error)}")


def _finish(
    summary: BatchSummary,
    report: Report | None,
    progress: Progress | None,
    tally: _Tally,
    item: BatchItem,
    outcome: Outcome,
) -> None:
    record(summary, report, item, outcome)
    tally.done += 1
    tally.audio_ms += outcome.duration_ms
    if progress:
        progress(ProgressEvent("articles", tally.done, tally.total, tally.audio_ms))


def _stop(
    client: Client,
    summary: BatchSummary,
    pending: dict[Future[Outcome], BatchItem],
    queue: Iterator[BatchItem],
) -> None:
    """Cancel what is in flight; the summary names every article not narrated."""
    client.cancel(list(pending))
    summary.not_started.extend(item.source for item in pending.values())
    summary.not_started.extend(item.source for item in queue)


def _lexicon_digests(settings: Settings) -> tuple[tuple[str, str], ...]:
    return tuple((str(path), file_digest(path) or "") for path in settings.script.lexicons)


def _local_config() -> dict[str, object]:
    """Dask settings for a LocalCluster: how workers start, and fewer background ticks.

    A task here takes seconds, so Dask's defaults, tuned for millisecond tasks
    (event-loop health every 20 ms, system and memory monitors every 0.5 and
    0.1 s, a stack profiler every 10 ms for the dashboard), only take CPU from
    the narration (a quarter as much with these settings: docs/cluster.md).
    """
    return {
        "distributed.worker.multiprocessing-method": _start_method(),
        # a task goes to a worker only when it has a free thread; the rest wait at the
        # scheduler, so the last articles go to whichever worker is free first rather
        # than queue behind a long one (1.1, Dask's default, sends a second one early)
        "distributed.scheduler.worker-saturation": 1.0,
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "500ms",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "1s",
    }


def _start_method() -> str:
    """How a LocalCluster starts (and restarts) its worker processes.

    On Linux, forkserver: a clean server process with distributed imported forks
    each worker, which starts (and stops) faster than a spawned one. Never fork
    this process: it has loaded the engine's library, and a forked copy of it
    waits forever for a synthesis thread it does not have. Elsewhere spawn.
    """
    return "forkserver" if sys.platform.startswith("linux") else "spawn"


def _local_workers(cluster: str) -> int:
    count = cluster.removeprefix(LOCAL_PREFIX)
    if not count.isdigit() or int(count) < 1:
        raise InputError(
            f"--cluster {cluster}: N must be a whole number of workers, 1 or more",
            "e.g. --cluster local:4",
        )
    return int(count)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise InputError(
            "--cluster needs Dask distributed, which is not installed", INSTALL_HINT
        ) from exc
    return distributed


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
