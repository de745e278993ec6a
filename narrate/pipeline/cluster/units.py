"""What travels between the client and the workers: the job, an article, its outcome.

A task names where its page is and where its episode goes; the worker reads
the one and writes the other itself, and sends back a `batch.Outcome` (status,
detail, voices, duration): a few hundred bytes each way, whatever the audio.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrate.core.settings import Settings


@dataclass(frozen=True, slots=True)
class ClusterJob:
    """What every article of a batch shares; on a worker, the key of its narrator."""

    settings: Settings
    version: str  # the client's narrate: a worker with another one would sound different
    lexicons: tuple[tuple[str, str], ...]  # (path, SHA-256 of its bytes) as the client sees them


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One article as a task: small, and all a worker needs besides the job."""

    source: str  # the page: an absolute path, a web URL or a store URL
    target: str  # its episode's audio file: an absolute path or a store URL
    force: bool = False  # narrate it even when its episode is up to date
