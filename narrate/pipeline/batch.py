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

from narrate.core.errors import NarrateError
from narrate.core.files import check_writable, sweep, temporary_directory
from narrate.core.models import ArticleMeta, Document, Script
from narrate.core.settings import Settings
from narrate.core.signals import as_worker, held_signals, stop_workers
from narrate.core.storage import Store, open_store, split
from narrate.output.manifest import Manifest, ManifestError, manifest_path
from narrate.pipeline.articles import ARTICLE_SUFFIXES, BatchItem, find_articles
from narrate.pipeline.destination import current_manifest, publish_episode
from narrate.pipeline.naming import (
    Destination,
    remove_episode,
    remove_stored_episode,
    source_identity,
    stored_owner,
)
from narrate.pipeline.narrator import Narrator, Progress, inputs_digest
from narrate.pipeline.stored import page_image

__all__ = ["ARTICLE_SUFFIXES", "BatchItem", "find_articles"]  # found in pipeline/articles.py

log = logging.getLogger(__name__)


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"  # its output is up to date
    FAILED = "failed"


@dataclass(slots=True)
class BatchSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    voices: dict[str, set[str]] = field(default_factory=dict)  # language -> engine voices used
    not_started: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what the user should know, once each
    stopped_by: NarrateError | None = None  # the error that stopped the batch early


@dataclass(frozen=True, slots=True)
class Outcome:
    """An article's result: small, since a cluster's workers send it to the client."""

    status: Status
    detail: str  # the audio file, or why not
    error: NarrateError | None = None
    voices: tuple[tuple[str, str], ...] = ()  # (language, engine voice) its manifest names
    duration_ms: int = 0
    notices: tuple[str, ...] = ()  # e.g. no voice of the run's engine for its language


Report = Callable[[Status, str, str], None]  # (status, source, detail)


def narrate_item(
    narrator: Narrator, item: BatchItem, force: bool, progress: Progress | None = None
) -> Outcome:
    """Narrate one article unless it is up to date; write it where its target says."""
    storage = narrator.settings.storage
    try:
        script = narrator.script(item.source)
        digest = inputs_digest([script])
        folder, _ = split(item.target)
        store = open_store(folder, storage)
        if store.folder is not None:
            return _narrate_titled(narrator, item, script, digest, store.folder, force, progress)
        return _narrate_into_store(narrator, item, script, digest, store, force, progress)
    except NarrateError as exc:
        return Outcome(Status.FAILED, str(exc), exc)
    except Exception as exc:  # a bug met on one article must not end the batch without a tally
        log.debug("batch: narrating %s failed", item.source, exc_info=True)
        return Outcome(Status.FAILED, f"internal error: {type(exc).__name__} (--debug shows it)")


def _narrate_titled(
    narrator: Narrator,
    item: BatchItem,
    script: Script,
    digest: str,
    folder: Path,
    force: bool,
    progress: Progress | None,
) -> Outcome:
    """Narrate into `folder`, named after the title (narrate/pipeline/naming.py), unless the
    source's own episode there is up to date; an episode this source had under the input
    file's name (as batches named them before) goes once the new one is in place."""
    storage = narrator.settings.storage
    inputs = () if "://" in item.source else (Path(item.source.partition("#")[0]),)
    place = Destination(folder, None, source_identity(item.source), inputs, digest)
    own = place.own(script.article.title, narrator.format.suffix)
    if own is not None and not force:
        done = current_manifest(str(own), storage, digest, narrator.settings.fingerprint())
        if done is not None:
            return Outcome(Status.SKIPPED, "up to date", voices=tuple(done.voices()))
    sweep(folder)  # temporary files of killed runs (only theirs)
    check_writable(folder)
    with page_image(script, storage) as image:
        episode = narrator.make_episode(script, place, progress, digest, image)
    audio = Path(episode.audio_path)
    legacy = Path(item.target)
    if legacy != audio and _made_from(legacy, item.source):
        remove_episode(legacy)
    voices = tuple(_written_manifest(audio).voices())
    notices = _notices(narrator, script)
    return Outcome(Status.DONE, str(audio), None, voices, episode.duration_ms, notices)


def _notices(narrator: Narrator, script: Script) -> tuple[str, ...]:
    """What `narrate article` says of this article's voices (its `notice` lines): the batch
    says each once, from whichever process narrated the article."""
    return tuple(narrator.engines.notices(narrator.segment_voices(script)))


def _narrate_into_store(
    narrator: Narrator,
    item: BatchItem,
    script: Script,
    digest: str,
    store: Store,
    force: bool,
    progress: Progress | None,
) -> Outcome:
    """As `_narrate_titled`, into a store: the name chosen against the episodes there, the
    episode made in a working folder and written to the store, the manifest last."""
    storage = narrator.settings.storage
    suffix = narrator.format.suffix
    with temporary_directory("episode") as work:
        place = Destination(work, None, source_identity(item.source), (), digest, store)
        own = place.own(script.article.title, suffix)
        if own is not None and not force:
            location = store.where(own.name)
            done = current_manifest(location, storage, digest, narrator.settings.fingerprint())
            if done is not None:
                return Outcome(Status.SKIPPED, "up to date", voices=tuple(done.voices()))
        with page_image(script, storage) as image:
            episode = narrator.make_episode(script, place, progress, digest, image)
        audio = Path(episode.audio_path)
        voices = tuple(_written_manifest(audio).voices())
        publish_episode(store, audio)
    legacy = split(item.target)[1]
    holder = stored_owner(store, legacy) if legacy != audio.name else None
    if holder is not None and holder[0] == place.identity:
        remove_stored_episode(store, legacy)  # its episode under the input file's name
    notices = _notices(narrator, script)
    location = store.where(audio.name)
    return Outcome(Status.DONE, location, None, voices, episode.duration_ms, notices)


def _made_from(audio: Path, source: str) -> bool:
    """True when the episode at `audio` was narrated from `source` (by its manifest)."""
    from narrate.output.manifest import read_manifest

    try:
        manifest = read_manifest(manifest_path(audio))
    except ManifestError:
        return False
    return manifest.identity == source_identity(source) or (
        not manifest.identity and manifest.source == source
    )


def _written_manifest(target: Path) -> Manifest:
    from narrate.output.manifest import read_manifest

    return read_manifest(manifest_path(target))


def narrate_document(
    narrator: Narrator,
    document: Document,
    known: ArticleMeta | None,
    target: Path,
    by_title: bool = False,
) -> Path:
    """Narrate a page already in memory to `target` unless it is up to date there; the manifest.

    With `by_title`, `target` is a folder and the episode is named after the article's
    title there (narrate/pipeline/naming.py). What a subscription update does for each
    article: like narrate_item, a run killed half-way is resumed by running it again.
    """
    folder = target if by_title else target.parent
    sweep(folder)  # temporary files of killed runs (only theirs)
    script = narrator.script_for(document, known)
    digest = inputs_digest([script])
    identity = source_identity(document.url or document.source, digest)
    place = Destination(folder, None if by_title else target, identity, digest=digest)
    own = place.own(script.article.title, narrator.format.suffix)
    fingerprint = narrator.settings.fingerprint()
    if own is not None and current_manifest(str(own), (), digest, fingerprint) is not None:
        return manifest_path(own)
    check_writable(folder)
    episode = narrator.make_episode(script, place, None, digest)
    return Path(episode.manifest_path)


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
    with held_signals():  # the article processes start in submit: never cut in half
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
    summary.notices.extend(n for n in outcome.notices if n not in summary.notices)
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
