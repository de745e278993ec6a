"""On a worker: one warm narrator per job, an article at a time, the files sent back as bytes."""

from __future__ import annotations

import atexit
import ctypes
import os
import tempfile
import threading
from pathlib import Path

from narrate import __version__
from narrate.core.errors import InputError, NarrateError
from narrate.core.models import Script
from narrate.output.manifest import manifest_path
from narrate.pipeline.batch import (
    Status,
)
from narrate.pipeline.cluster.units import (
    IMAGE_SUFFIXES,
    ClusterJob,
    TaskResult,
    WorkUnit,
    file_digest,
)
from narrate.pipeline.narrator import Narrator, inputs_digest, local_image
from narrate.text.load import document_from_bytes

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
        if file_digest(Path(path)) != wanted:
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
