"""`narrate batch`: every article in a folder, one audio file each, resumable.

Outputs mirror the input folder; with --jobs N, N articles are narrated at
once, each in a process of its own. An article whose output is up to date (same
extracted text, same settings, per its manifest) is skipped, so a batch that
was killed finishes the job when run again: finished articles are skipped,
and the sentence cache makes the interrupted one quick. Temporary files left
by a kill are removed. A bad article is reported and the batch goes on.
"""

from __future__ import annotations

import atexit
import dataclasses
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from narrate.core.errors import NarrateError
from narrate.core.files import check_writable
from narrate.core.models import ArticleMeta, Document
from narrate.core.settings import Settings
from narrate.core.sources import URL_LIST_SUFFIXES, url_list
from narrate.output.manifest import ManifestError, manifest_path, read_manifest
from narrate.pipeline.narrator import Narrator, Progress, inputs_digest, slugify

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"  # its output is up to date
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: str  # a path or a URL
    target: Path  # the audio file to write


@dataclass(slots=True)
class BatchSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    voices: dict[str, set[str]] = field(default_factory=dict)  # language -> engine voices used


Report = Callable[[Status, str, str], None]  # (status, source, detail)


def find_articles(folder: Path, outdir: Path, suffix: str, recursive: bool) -> list[BatchItem]:
    """Articles in `folder` (and below, if recursive), each with its mirrored target."""
    pattern = "**/*" if recursive else "*"
    items: list[BatchItem] = []
    for path in sorted(folder.glob(pattern)):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(folder)
        if outdir.resolve() in path.resolve().parents:
            continue  # never narrate our own outputs
        urls = url_list(path) if path.suffix.lower() in URL_LIST_SUFFIXES else None
        if urls:
            for url in urls:
                name = slugify(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url)
                items.append(BatchItem(url, outdir / relative.parent / f"{name}{suffix}"))
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            items.append(BatchItem(str(path), outdir / relative.with_suffix(suffix)))
    return items


def is_current(item: BatchItem, digest: str, fingerprint: str) -> bool:
    """True when the target and its manifest exist and were made from the same input."""
    try:
        manifest = read_manifest(manifest_path(item.target))
    except ManifestError:
        return False
    return (
        item.target.exists()
        and manifest.input_digest == digest
        and manifest.settings == fingerprint
    )


def remove_leftovers(target: Path) -> None:
    """Delete temporary files a killed run left beside `target` (see core.files.atomic_path)."""
    if target.parent.is_dir():
        for leftover in target.parent.glob(f".{target.stem}.*"):
            leftover.unlink(missing_ok=True)


def narrate_item(
    narrator: Narrator, item: BatchItem, force: bool, progress: Progress | None = None
) -> tuple[Status, str]:
    """Narrate one article unless it is up to date: (status, detail)."""
    try:
        remove_leftovers(item.target)
        script = narrator.script(item.source)
        digest = inputs_digest([script])
        if not force and is_current(item, digest, narrator.settings.fingerprint()):
            return Status.SKIPPED, "up to date"
        check_writable(item.target.parent)
        return Status.DONE, narrator.make_episode(script, item.target, progress, digest).audio_path
    except NarrateError as exc:
        return Status.FAILED, str(exc)


def narrate_document(
    narrator: Narrator, document: Document, known: ArticleMeta | None, target: Path
) -> Path:
    """Narrate a page already in memory to `target` unless it is up to date there; the manifest.

    What a subscription update does for each article: like narrate_item, a
    run killed half-way is resumed by running it again.
    """
    remove_leftovers(target)
    script = narrator.script_for(document, known)
    digest = inputs_digest([script])
    item = BatchItem(document.source, target)
    if not is_current(item, digest, narrator.settings.fingerprint()):
        check_writable(target.parent)
        narrator.make_episode(script, target, None, digest)
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
        outcomes = ((item, narrate_item(narrator, item, force, progress)) for item in items)
        for item, (status, detail) in outcomes:
            _record(summary, report, item, status, detail)
        return summary
    narrator.release()  # the article processes start engines of their own
    one_job = dataclasses.replace(narrator.settings, jobs=1)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, context, initializer=_start, initargs=(one_job,)) as pool:
        futures = {
            pool.submit(_narrate_in_child, item, force): item
            for item in sorted(items, key=_expected_work, reverse=True)
        }
        for future in as_completed(futures):
            try:
                status, detail = future.result()
            except BrokenProcessPool:
                status, detail = Status.FAILED, "its narrating process crashed"
            _record(summary, report, futures[future], status, detail)
    return summary


def _expected_work(item: BatchItem) -> float:
    """How long an article will take, roughly: its page's size (a URL's is unknown: first).

    Longest first, so the batch does not end with one process narrating a long
    article while the others wait.
    """
    try:
        return Path(item.source).stat().st_size
    except OSError:
        return float("inf")


def _record(
    summary: BatchSummary, report: Report | None, item: BatchItem, status: Status, detail: str
) -> None:
    if status is Status.DONE:
        summary.done.append(item.source)
    elif status is Status.SKIPPED:
        summary.skipped.append(item.source)
    else:
        summary.failed.append((item.source, detail))
    if status in (Status.DONE, Status.SKIPPED):
        try:
            pairs = read_manifest(manifest_path(item.target)).voices()
        except ManifestError:
            pairs = []
        for language, voice_id in pairs:
            summary.voices.setdefault(language, set()).add(voice_id)
    if report:
        report(status, item.source, detail)


_child_narrator: Narrator | None = None


def _start(settings: Settings) -> None:
    """In each article process: one narrator, its engine in this process, closed at exit."""
    global _child_narrator
    _child_narrator = Narrator(settings, keep_workers=True)  # one job: the engine runs here
    atexit.register(_child_narrator.__exit__, None, None, None)


def _narrate_in_child(item: BatchItem, force: bool) -> tuple[Status, str]:
    assert _child_narrator is not None, "article process not started"
    return narrate_item(_child_narrator, item, force)
