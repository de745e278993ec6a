"""`narrate batch --cluster`: a folder narrated on a Dask cluster, one article per task.

The client (this process) reads each page and sends its bytes with the
settings; a URL is fetched by the worker. Each worker process keeps one
narrator (its engine warmed once, its own sentence cache), narrates whole
articles one at a time and sends the finished files back as bytes, so
workers need not see the client's files. The client writes them atomically,
the manifest last, as a local batch does: an episode is all its files or
none. Results are taken as they finish and only a few articles per worker
are in flight, so the client's memory stays bounded. A task whose worker
dies (kill -9, out of memory) is run again on another worker by the
scheduler, up to its `allowed-failures`; the article is then reported as
failed and the batch goes on.
"""

from __future__ import annotations

import atexit
import ctypes
import dataclasses
import hashlib
import logging
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrate import __version__
from narrate.core.errors import InputError, NarrateError
from narrate.core.files import all_or_nothing, check_writable, sweep, write_bytes
from narrate.core.models import Script
from narrate.core.settings import Settings
from narrate.output.manifest import ManifestError, manifest_path, read_manifest
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
from narrate.pipeline.narrator import Narrator, inputs_digest, local_image
from narrate.text.load import document_from_bytes, read_file

if TYPE_CHECKING:
    from distributed import Client, Future

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT_S = 5  # an unreachable scheduler is reported after this long
IN_FLIGHT_PER_THREAD = 2  # one narrating, one waiting: no worker idles while the client writes
CAPACITY_REFRESH_S = 2.0
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")  # as narrator.local_image takes them
INSTALL_HINT = "install it with: pip install 'narrate[cluster]'"


@dataclass(frozen=True, slots=True)
class ClusterJob:
    """What every article of a batch shares; on a worker, the key of its narrator."""

    settings: Settings
    version: str  # the client's narrate: a worker with another one would sound different
    lexicons: tuple[tuple[str, str], ...]  # (path, SHA-256 of its bytes) as the client sees them


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One article as a task: small, and all a worker needs besides the job."""

    source: str  # the path or URL as the client names it (it goes into the manifest)
    name: str  # the audio file's name; sidecars and manifest are named after it
    page: bytes | None  # the page, read by the client; None for a URL the worker fetches
    current: str | None  # input digest of the output already there (same settings), if any
    image: tuple[str, bytes] | None = None  # the page's own image (name, bytes), when asked for


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a worker sends back: the episode's files, or why there are none."""

    status: Status
    detail: str
    files: tuple[tuple[str, bytes], ...] = ()  # (file name, contents), the manifest last
    duration_ms: int = 0
    wants: str | None = None  # the page's image (relative to the page), which this worker lacks


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


@contextmanager
def connect(cluster: str) -> Iterator[Client]:
    """A client of the scheduler at `cluster`, or of a LocalCluster of N processes (`local:N`)."""
    distributed = _import_distributed()
    if cluster.startswith(LOCAL_PREFIX):
        import dask

        workers = _local_workers(cluster)
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
    fingerprint = settings.fingerprint()
    summary, tally = BatchSummary(), _Tally(len(items))
    queue = iter(sorted(items, key=expected_work, reverse=True))
    capacity = _Capacity(client)
    pending: dict[Future[TaskResult], tuple[BatchItem, WorkUnit]] = {}
    finished = as_completed(with_results=True, raise_errors=False)

    def top_up() -> None:
        if client.status != "running":  # it gave up on a scheduler that went away
            raise _lost(tally)
        while summary.stopped_by is None and len(pending) < capacity():
            item = next(queue, None)
            if item is None:
                return
            unit = _unit(item, fingerprint, force)
            if isinstance(unit, Outcome):  # unreadable page or unwritable folder
                _finish(summary, report, progress, tally, item, unit)
                continue
            submit(item, unit)

    def submit(item: BatchItem, unit: WorkUnit) -> None:
        future = client.submit(narrate_unit, unit, job, key=f"narrate-{uuid.uuid4().hex}")
        pending[future] = (item, unit)
        finished.add(future)

    try:
        top_up()
        for future, result in finished if summary.stopped_by is None else ():
            if future.status == "cancelled":  # only the scheduler going away cancels a task
                raise _lost(tally)
            item, unit = pending.pop(future)
            returned = _returned(future, result)
            future.release()
            if returned.wants is not None:  # the page names an image saved beside it: send it
                submit(item, dataclasses.replace(unit, image=_page_image(item, returned.wants)))
                continue
            outcome = _written(item, returned)
            _finish(summary, report, progress, tally, item, outcome, returned.duration_ms)
            top_up()
            if summary.stopped_by is not None:  # the client's disk is full: no point going on
                break
        if summary.stopped_by is not None:
            _stop(client, summary, pending, queue)
    except (OSError, TimeoutError, ClosedClientError) as exc:  # the scheduler has gone away
        raise _lost(tally) from exc
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


def _unit(item: BatchItem, fingerprint: str, force: bool) -> WorkUnit | Outcome:
    """The task for one article, or its failure when the client cannot even send it."""
    try:
        sweep(item.target.parent)  # temporary files of killed runs (only theirs)
        check_writable(item.target.parent)
        page = None if "://" in item.source else read_file(Path(item.source))
    except NarrateError as exc:
        return Outcome(Status.FAILED, str(exc), exc)
    current = None if force else _current_digest(item.target, fingerprint)
    return WorkUnit(item.source, item.target.name, page, current)


def _current_digest(target: Path, fingerprint: str) -> str | None:
    """The input digest of the output at `target`, when it is complete and of these settings."""
    try:
        manifest = read_manifest(manifest_path(target))
    except ManifestError:
        return None
    if not target.exists() or manifest.settings != fingerprint:
        return None
    return manifest.input_digest


def _page_image(item: BatchItem, name: str) -> tuple[str, bytes]:
    """The image a page names, from beside it; no bytes when it is not there."""
    path = (Path(item.source).parent / name).resolve()
    try:
        return path.name, path.read_bytes()
    except OSError:
        return path.name, b""


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


def _returned(future: Future[TaskResult], result: Any) -> TaskResult:
    """What the task returned; a task that raised (its workers kept dying, a bug) failed."""
    if future.status == "finished":
        assert isinstance(result, TaskResult)
        return result
    error = result[1] if isinstance(result, tuple) else result
    if type(error).__name__ == "KilledWorker":
        return TaskResult(Status.FAILED, "the workers narrating it died each time (out of memory?)")
    return TaskResult(Status.FAILED, f"{type(error).__name__}: {_first_line(error)}")


def _written(item: BatchItem, returned: TaskResult) -> Outcome:
    """The article's outcome, its files written beside the target: all of them or none."""
    if returned.status is not Status.DONE:
        return Outcome(returned.status, returned.detail)
    try:
        with all_or_nothing():  # renamed into place together, the manifest last
            for name, data in returned.files:
                if Path(name).name != name or name.startswith("."):
                    raise InputError(f"a worker sent a file named {name!r}", "is it narrate?")
                write_bytes(item.target.parent / name, data)
    except NarrateError as exc:  # a full or read-only output folder
        return Outcome(Status.FAILED, str(exc), exc)
    return Outcome(Status.DONE, str(item.target))


def _finish(
    summary: BatchSummary,
    report: Report | None,
    progress: Progress | None,
    tally: _Tally,
    item: BatchItem,
    outcome: Outcome,
    audio_ms: int = 0,
) -> None:
    record(summary, report, item, outcome)
    tally.done += 1
    tally.audio_ms += audio_ms
    if progress:
        progress(ProgressEvent("articles", tally.done, tally.total, tally.audio_ms))


def _stop(
    client: Client,
    summary: BatchSummary,
    pending: dict[Future[TaskResult], tuple[BatchItem, WorkUnit]],
    queue: Iterator[BatchItem],
) -> None:
    """Cancel what is in flight; the summary names every article not narrated."""
    client.cancel(list(pending))
    summary.not_started.extend(item.source for item, _ in pending.values())
    summary.not_started.extend(item.source for item in queue)


def _lexicon_digests(settings: Settings) -> tuple[tuple[str, str], ...]:
    return tuple((str(path), _file_digest(path)) for path in settings.script.lexicons)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _local_config() -> dict[str, object]:
    """Dask settings for a LocalCluster: how workers start, and fewer background ticks.

    A task here takes seconds, so Dask's defaults, tuned for millisecond tasks
    (event-loop health every 20 ms, system and memory monitors every 0.5 and
    0.1 s, a stack profiler every 10 ms for the dashboard), only take CPU from
    the narration (a quarter as much with these settings; see the README).
    """
    return {
        "distributed.worker.multiprocessing-method": _start_method(),
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
        raise InputError(f"--cluster {cluster}: N must be a whole number", "e.g. --cluster local:4")
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


# On a worker

_narrators: dict[ClusterJob, Narrator] = {}
_narrating = threading.Lock()  # one article at a time per process: it has one engine
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers
HEAP_BUFFERS_UP_TO = 8 * 2**20  # audio and FFT buffers; glibc's own adaptive ceiling is 32 MiB
MAX_NARRATORS = 2  # batches of other settings on the same cluster: keep the last two warm


def narrate_unit(unit: WorkUnit, job: ClusterJob) -> TaskResult:
    """Narrate one article on a worker: its files as bytes, or why it failed."""
    with _narrating:
        try:
            return _narrate(_narrator(job), unit)
        except NarrateError as exc:
            return TaskResult(Status.FAILED, str(exc))


def _narrator(job: ClusterJob) -> Narrator:
    """This process's narrator for `job`, built (and its engine warmed) on first use."""
    narrator = _narrators.get(job)
    if narrator is not None:
        return narrator
    if job.version != __version__:
        raise InputError(
            f"this worker has narrate {__version__}, the client {job.version}",
            "install the same version on the client and every worker",
        )
    for path, wanted in job.lexicons:
        if _file_digest(Path(path)) != wanted:
            raise InputError(
                f"the lexicon {path} is missing or different on this worker",
                "put the same file at the same path on every worker",
            )
    while len(_narrators) >= MAX_NARRATORS:
        _narrators.pop(next(iter(_narrators))).__exit__(None, None, None)
    if not _narrators:
        atexit.register(_close_narrators)  # the cache is trimmed to its cap when a worker stops
        _heap_for_audio_buffers()
    narrator = _narrators[job] = Narrator(job.settings, keep_workers=True)
    return narrator


def _heap_for_audio_buffers() -> None:
    """Let large buffers come from the heap again, as glibc does in an article process.

    Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which also stops
    glibc from raising its mmap threshold as large blocks are freed: every
    megabyte-sized audio or FFT buffer is then mapped afresh and faulted in,
    which made narration take clearly more CPU than in a `--jobs` process.
    Buffers up to HEAP_BUFFERS_UP_TO come from the heap again: as fast, and less
    kept than with glibc's own ceiling (the README has the figures).
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return  # not glibc: nothing was changed
    libc.mallopt(M_MMAP_THRESHOLD, HEAP_BUFFERS_UP_TO)
    libc.mallopt(M_TRIM_THRESHOLD, 2 * HEAP_BUFFERS_UP_TO)  # glibc's own ratio


def _close_narrators() -> None:
    while _narrators:
        _narrators.popitem()[1].__exit__(None, None, None)


def _narrate(narrator: Narrator, unit: WorkUnit) -> TaskResult:
    if unit.page is None:  # a URL: fetched here
        script = narrator.script(unit.source)
    else:
        script = narrator.script_for(document_from_bytes(unit.source, unit.page))
    digest = inputs_digest([script])
    if digest == unit.current:
        return TaskResult(Status.SKIPPED, "up to date")
    wanted = _unseen_page_image(script)
    if wanted and unit.image is None:
        return TaskResult(Status.FAILED, "its image is elsewhere", wants=wanted)
    with tempfile.TemporaryDirectory(prefix="narrate-", dir=_scratch_root()) as scratch:
        target = Path(scratch) / "episode" / unit.name
        target.parent.mkdir()
        page_image = None
        if wanted and unit.image and unit.image[1]:
            page_image = Path(scratch) / unit.image[0]
            page_image.write_bytes(unit.image[1])
        episode = narrator.make_episode(script, target, None, digest, page_image)
        return TaskResult(Status.DONE, "", _episode_files(target), episode.duration_ms)


def _unseen_page_image(script: Script) -> str | None:
    """The image the page names beside itself (as the cover), when this worker cannot see it.

    Only a page that was a file can name one; a worker that shares the client's
    disk (a LocalCluster) finds it itself.
    """
    image, source = script.article.image, script.article.source
    if not image or "://" in source or source == "-":
        return None
    name = image.removeprefix("file://")
    if "://" in name or Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return None if local_image(script) else name


def _episode_files(target: Path) -> tuple[tuple[str, bytes], ...]:
    """Every file the episode wrote beside `target`: the audio first, the manifest last."""
    manifest = manifest_path(target)
    others = sorted(p for p in target.parent.iterdir() if p not in (target, manifest))
    return tuple((path.name, path.read_bytes()) for path in (target, *others, manifest))


def _scratch_root() -> str | None:
    """The worker's own folder, which Dask clears of what a killed worker left."""
    try:
        from distributed import get_worker

        return str(get_worker().local_directory)
    except (ImportError, ValueError):
        return None
