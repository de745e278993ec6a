"""`narrate batch`: every article in a folder, one audio file each, resumable.

Outputs mirror the input folder; either may be a local folder or a store URL
(s3://bucket/prefix/, narrate/core/storage.py): pages are read from it and
episodes written to it by whichever process narrates them
(narrate/pipeline/destination.py). With --jobs N, N articles are narrated at
once, each in a process of its own. An article whose output is up to date (same
extracted text, same settings, per its manifest) is skipped, so a batch that
was killed finishes the job when run again: finished articles are skipped,
and the sentence cache makes the interrupted one quick. Temporary files left
by a kill are removed. A bad article is reported and the batch goes on; an
error that every later article would meet too (a full disk) stops it, and the
summary says what was done and what was not started. The article processes
stop with the batch, however it ends (narrate/core/signals.py).
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from narrate.core.errors import NarrateError
from narrate.core.files import text_name
from narrate.core.models import ArticleMeta, Document
from narrate.core.settings import Settings
from narrate.core.signals import as_worker, stop_workers
from narrate.core.sources import URL_LIST_SUFFIXES, url_list
from narrate.core.storage import StorageOptions, is_store_url, join, open_store
from narrate.output.manifest import Manifest, manifest_path
from narrate.pipeline.destination import current_manifest, episode_target
from narrate.pipeline.narrator import Narrator, Progress, inputs_digest
from narrate.pipeline.scripts import slugify
from narrate.pipeline.stored import list_pages, page_image
from narrate.text import mbox
from narrate.text.kinds import MAIL_SUFFIXES, MARKDOWN_SUFFIXES, MBOX_SUFFIXES

# Files a batch reads as articles (besides URL lists and mailboxes): pages, page copies,
# Markdown, e-mail messages, PDFs and EPUBs (text/kinds.py tells them apart by content).
ARTICLE_SUFFIXES = (
    ".html", ".htm", ".xhtml", ".txt", *MARKDOWN_SUFFIXES, *MAIL_SUFFIXES, ".pdf", ".epub",
)  # fmt: skip
log = logging.getLogger(__name__)


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"  # its output is up to date
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: str  # a path, a web URL or a store URL
    target: str  # the audio file to write: a path or a store URL
    size: int | None = None  # the page's size when the listing gave it (a store's)


@dataclass(slots=True)
class BatchSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    voices: dict[str, set[str]] = field(default_factory=dict)  # language -> engine voices used
    not_started: list[str] = field(default_factory=list)
    stopped_by: NarrateError | None = None  # the error that stopped the batch early


@dataclass(frozen=True, slots=True)
class Outcome:
    """An article's result: small, since a cluster's workers send it to the client."""

    status: Status
    detail: str  # the audio file, or why not
    error: NarrateError | None = None
    voices: tuple[tuple[str, str], ...] = ()  # (language, engine voice) its manifest names
    duration_ms: int = 0


Report = Callable[[Status, str, str], None]  # (status, source, detail)


def find_articles(
    folder: Path | str,
    outdir: Path | str,
    suffix: str,
    recursive: bool,
    on_skip: Callable[[Path, str], object] | None = None,
    storage: StorageOptions = (),
) -> list[BatchItem]:
    """Articles in `folder` (and below, if recursive), each with its mirrored target.

    A link to a file outside `folder` is not followed (`on_skip` hears of it): a
    folder of articles from elsewhere must not make narrate read, and publish,
    the user's other files. Either folder may be a store URL: a store's is listed
    once, which also tells, before any work, whether it can be read at all.
    """
    if isinstance(folder, str) and is_store_url(folder):
        return find_in_store(folder, str(outdir), suffix, recursive, storage)
    folder, pattern, out = Path(folder), "**/*" if recursive else "*", str(outdir)
    local_out = None if is_store_url(out) else Path(outdir).resolve()
    root = folder.resolve()
    items: list[BatchItem] = []
    for path in sorted(folder.glob(pattern)):
        if not path.is_file() or path.name.startswith("."):
            continue
        kind = path.suffix.lower()
        if kind not in (*ARTICLE_SUFFIXES, *URL_LIST_SUFFIXES, *MBOX_SUFFIXES):
            continue
        relative = text_name(path.relative_to(folder).as_posix())  # outputs get UTF-8 names
        real = path.resolve()
        if local_out is not None and local_out in real.parents:
            continue  # never narrate our own outputs
        if root not in real.parents:
            if on_skip is not None:
                on_skip(path, f"a link to {real}, outside {folder}: not followed")
            continue
        if kind in MBOX_SUFFIXES:
            items.extend(mailbox_items(path, join(out, relative.rsplit(".", 1)[0]), suffix))
            continue
        urls = url_list(path) if kind in URL_LIST_SUFFIXES else None
        items.extend(items_for(str(path), relative, urls, out, suffix))
    return items


def mailbox_items(path: Path, folder: str, suffix: str) -> list[BatchItem]:
    """An mbox is an article per message (`BOX.mbox#N`), into a folder named after it:
    `NNN-subject.mp3`. An unreadable one is one item, which fails with its reason."""
    try:
        found = mbox.messages(path)
    except NarrateError:
        return [BatchItem(str(path), folder + suffix)]
    return [
        BatchItem(f"{path}#{n}", join(folder, f"{n:03d}-{slugify(mbox.subject(raw))}{suffix}"))
        for n, raw in enumerate(found, start=1)
    ]


def find_in_store(
    folder: str, outdir: str, suffix: str, recursive: bool, storage: StorageOptions
) -> list[BatchItem]:
    store = open_store(folder, storage)
    if store.folder is not None:  # file://: a folder here after all
        return find_articles(store.folder, outdir, suffix, recursive, storage=storage)
    skip = outdir if is_store_url(outdir) else None
    items: list[BatchItem] = []
    for page in list_pages(store, recursive, skip):
        items.extend(items_for(page.source, page.key, page.urls, outdir, suffix, page.size))
    return items


def items_for(
    source: str,
    relative: str,
    urls: list[str] | None,
    outdir: str,
    suffix: str,
    size: int | None = None,
) -> list[BatchItem]:
    """The items one file gives: its URLs (a URL list), itself (a page), or none."""
    folder, _, name = relative.rpartition("/")
    if urls:
        named = [(url, _beside(folder, _url_name(url) + suffix)) for url in urls]
        return [BatchItem(url, join(outdir, target)) for url, target in named]
    if Path(name).suffix.lower() in ARTICLE_SUFFIXES:
        return [BatchItem(source, join(outdir, _beside(folder, Path(name).stem + suffix)), size)]
    return []


def _beside(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _url_name(url: str) -> str:
    return slugify(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url)


def is_current(
    item: BatchItem, digest: str, fingerprint: str, storage: StorageOptions = ()
) -> bool:
    """True when the target and its manifest exist and were made from the same input."""
    return current_manifest(item.target, storage, digest, fingerprint) is not None


def narrate_item(
    narrator: Narrator, item: BatchItem, force: bool, progress: Progress | None = None
) -> Outcome:
    """Narrate one article unless it is up to date; write it where its target says."""
    storage = narrator.settings.storage
    try:
        script = narrator.script(item.source)
        digest = inputs_digest([script])
        if not force:
            done = current_manifest(item.target, storage, digest, narrator.settings.fingerprint())
            if done is not None:
                return Outcome(Status.SKIPPED, "up to date", voices=tuple(done.voices()))
        with page_image(script, storage) as image, episode_target(item.target, storage) as target:
            episode = narrator.make_episode(script, target, progress, digest, image)
            voices = tuple(_written_manifest(target).voices())
        return Outcome(Status.DONE, item.target, None, voices, episode.duration_ms)
    except NarrateError as exc:
        return Outcome(Status.FAILED, str(exc), exc)
    except Exception as exc:  # a bug met on one article must not end the batch without a tally
        log.debug("batch: narrating %s failed", item.source, exc_info=True)
        return Outcome(Status.FAILED, f"internal error: {type(exc).__name__} (--debug shows it)")


def _written_manifest(target: Path) -> Manifest:
    from narrate.output.manifest import read_manifest

    return read_manifest(manifest_path(target))


def narrate_document(
    narrator: Narrator, document: Document, known: ArticleMeta | None, target: Path
) -> Path:
    """Narrate a page already in memory to `target` unless it is up to date there; the manifest.

    What a subscription update does for each article: like narrate_item, a
    run killed half-way is resumed by running it again.
    """
    script = narrator.script_for(document, known)
    digest = inputs_digest([script])
    item = BatchItem(document.source, str(target))
    if not is_current(item, digest, narrator.settings.fingerprint()):
        with episode_target(str(target)) as local:  # a folder here: `target` itself
            narrator.make_episode(script, local, None, digest)
    return manifest_path(target)


def run_batch(
    items: list[BatchItem],
    narrator: Narrator,
    force: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Narrate each item; skip the current ones; record failures and go on.

    With one job, articles are narrated in turn in this process. With more,
    each job is a process of its own with its own engine, narrating whole
    articles side by side: an article's extraction, normalisation and tagging
    are Python work that threads could not share out.
    """
    summary = BatchSummary()
    jobs = max(1, narrator.settings.jobs)
    if jobs == 1 or len(items) == 1:
        for number, item in enumerate(items):
            record(summary, report, item, narrate_item(narrator, item, force, progress))
            if summary.stopped_by is not None:
                summary.not_started.extend(i.source for i in items[number + 1 :])
                break
        return summary
    narrator.release()  # the article processes start engines of their own
    one_job = dataclasses.replace(narrator.settings, jobs=1)
    context = multiprocessing.get_context("spawn")
    start = (one_job, os.getpid())
    with ProcessPoolExecutor(jobs, context, initializer=_start, initargs=start) as pool:
        try:
            _run_in_pool(pool, items, force, summary, report)
        except BaseException:
            stop_workers(pool)  # interrupted: the article processes stop now, not when done
            raise
    return summary


def _run_in_pool(
    pool: ProcessPoolExecutor,
    items: list[BatchItem],
    force: bool,
    summary: BatchSummary,
    report: Report | None,
) -> None:
    futures = {
        pool.submit(_narrate_in_child, item, force): item
        for item in sorted(items, key=expected_work, reverse=True)
    }
    for future in as_completed(futures):
        if future.cancelled():
            continue
        try:
            outcome = future.result()
        except BrokenProcessPool:
            outcome = Outcome(Status.FAILED, "its narrating process crashed")
        record(summary, report, futures[future], outcome)
        if summary.stopped_by is not None:
            for waiting, item in futures.items():
                if waiting.cancel():
                    summary.not_started.append(item.source)


def expected_work(item: BatchItem) -> float:
    """How long an article will take, roughly: its page's size (a URL's is unknown: first).

    Longest first, so the batch does not end with one process narrating a long
    article while the others wait.
    """
    if item.size is not None:
        return item.size
    try:
        return Path(item.source).stat().st_size
    except OSError:
        return float("inf")


def record(summary: BatchSummary, report: Report | None, item: BatchItem, outcome: Outcome) -> None:
    """Count an article's outcome (and the voices its manifest names), and report it."""
    if outcome.status is Status.DONE:
        summary.done.append(item.source)
    elif outcome.status is Status.SKIPPED:
        summary.skipped.append(item.source)
    else:
        summary.failed.append((item.source, outcome.detail))
        if outcome.error is not None and outcome.error.stops_batch and summary.stopped_by is None:
            summary.stopped_by = outcome.error
    for language, voice_id in outcome.voices:
        summary.voices.setdefault(language, set()).add(voice_id)
    if report:
        report(outcome.status, item.source, outcome.detail)


_child_narrator: Narrator | None = None


def _start(settings: Settings, parent: int) -> None:
    """In each article process: one narrator, its engine in this process, closed at exit;
    the process stops with the batch."""
    global _child_narrator
    as_worker(parent)
    _child_narrator = Narrator(settings, keep_workers=True)  # one job: the engine runs here
    atexit.register(_child_narrator.__exit__, None, None, None)


def _narrate_in_child(item: BatchItem, force: bool) -> Outcome:
    assert _child_narrator is not None, "article process not started"
    return narrate_item(_child_narrator, item, force)
