"""What travels between the client and the workers: the job, an article, its result."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from narrate.core.settings import Settings
from narrate.pipeline.batch import Status

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")  # as narrator.local_image takes them


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


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
