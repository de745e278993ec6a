"""On a worker: one warm narrator per job, an article at a time, read from SRC and written to DEST.

The worker does what an article process of a local batch does
(`batch.narrate_item`): it reads the page, checks the episode already in
DEST, narrates, and writes the files there itself, the manifest last; only
the outcome goes back to the client.
"""

from __future__ import annotations

import atexit
import ctypes
import dataclasses
import os
import threading
from pathlib import Path

from narrate import __version__
from narrate.core.errors import InputError, NarrateError
from narrate.core.files import file_digest
from narrate.pipeline.batch import BatchItem, Outcome, Status, narrate_item
from narrate.pipeline.cluster.units import ClusterJob, WorkUnit
from narrate.pipeline.narrator import Narrator

# On a worker

_narrators: dict[ClusterJob, Narrator] = {}
_narrating = threading.Lock()  # one article at a time per process: it has one engine
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers
HEAP_BUFFERS_UP_TO = 8 * 2**20  # audio and FFT buffers; glibc's own adaptive ceiling is 32 MiB
MAX_NARRATORS = 2  # batches of other settings on the same cluster: keep the last two warm


def the_job(job: ClusterJob) -> ClusterJob:
    """The batch's job as a task's result: each article's task names it, not carries it."""
    return job


def narrate_unit(unit: WorkUnit, job: ClusterJob) -> Outcome:
    """Narrate one article on a worker into DEST: its outcome, or why it failed."""
    with _narrating:
        try:
            narrator = _narrator(job)
        except NarrateError as exc:
            return Outcome(Status.FAILED, str(exc), exc)
        outcome = narrate_item(narrator, BatchItem(unit.source, unit.target), unit.force)
    if outcome.status is Status.DONE and outcome.detail == unit.target:
        return dataclasses.replace(outcome, detail="")  # the client knows it: fewer bytes back
    return outcome


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
        if (file_digest(Path(path)) or "") != wanted:  # both unreadable: the loader says so
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
    kept than with glibc's own ceiling (the figures: docs/cluster.md).
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
