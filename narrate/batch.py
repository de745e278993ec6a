"""`narrate batch`: every article in a folder, one audio file each, resumable.

Outputs mirror the input folder. An article whose output is up to date (same
extracted text, same settings, per its manifest) is skipped, so a batch that
was killed finishes the job when run again: finished articles are skipped,
and the sentence cache makes the interrupted one quick. Temporary files left
by a kill are removed. A bad article is reported and the batch goes on.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from narrate.errors import NarrateError
from narrate.export import check_writable
from narrate.pipeline import Narrator, Progress, inputs_digest, slugify

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
URL_LIST_SUFFIXES = (".url", ".txt")
_URL_LINE = re.compile(r"^https?://\S+$", re.I)


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: str  # a path or a URL
    target: Path  # the audio file to write


@dataclass(slots=True)
class BatchSummary:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


Report = Callable[[str, str, str], None]  # (status, source, detail)


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
        urls = _url_lines(path) if path.suffix.lower() in URL_LIST_SUFFIXES else []
        if urls:
            for url in urls:
                name = slugify(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url)
                items.append(BatchItem(url, outdir / relative.parent / f"{name}{suffix}"))
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            items.append(BatchItem(str(path), outdir / relative.with_suffix(suffix)))
    return items


def _url_lines(path: Path) -> list[str]:
    """The URLs of a file holding one URL per line (and nothing else), else []."""
    try:
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return []
    if lines and all(_URL_LINE.match(line) for line in lines):
        return lines
    return []


def is_current(item: BatchItem, digest: str, fingerprint: str) -> bool:
    """True when the target and its manifest exist and were made from the same input."""
    manifest_path = item.target.with_suffix(".json")
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (
        item.target.exists()
        and manifest.get("input_digest") == digest
        and manifest.get("settings") == fingerprint
    )


def remove_leftovers(target: Path) -> None:
    """Delete temporary files a killed run left beside `target` (see export.atomic_path)."""
    if target.parent.is_dir():
        for leftover in target.parent.glob(f".{target.stem}.*"):
            leftover.unlink(missing_ok=True)


def run_batch(
    items: list[BatchItem],
    narrator: Narrator,
    force: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Narrate each item; skip the current ones; record failures and go on.

    With more than one job, articles are narrated side by side (they share the
    engine workers and the cache), so one article's extraction, tagging and
    encoding tail overlap another's synthesis.
    """
    summary = BatchSummary()
    fingerprint = narrator.settings.fingerprint()
    lock = threading.Lock()

    def one(item: BatchItem) -> None:
        try:
            remove_leftovers(item.target)
            script = narrator.script(item.source)
            digest = inputs_digest([script])
            if not force and is_current(item, digest, fingerprint):
                outcome = ("skipped", "up to date")
            else:
                check_writable(item.target.parent)
                episode = narrator.render(script, item.target, progress, digest)
                outcome = ("done", episode.audio_path)
        except NarrateError as exc:
            outcome = ("failed", str(exc))
        with lock:
            if outcome[0] == "done":
                summary.done.append(item.source)
            elif outcome[0] == "skipped":
                summary.skipped.append(item.source)
            else:
                summary.failed.append((item.source, outcome[1]))
            if report:
                report(outcome[0], item.source, outcome[1])

    with ThreadPoolExecutor(max(1, narrator.settings.jobs)) as pool:
        for future in [pool.submit(one, item) for item in items]:
            future.result()
    return summary
