"""Before the first task: can every worker see DEST and SRC as the client does?

The workers read the pages and write the episodes themselves, so the client's
folder must be one every worker mounts at the same path, or a store every
worker can reach with its own credentials. The client writes a small file into
DEST and asks each worker (`client.run`) to find it, and one page of SRC: a
folder only the client has is one line up front, not a failure per article.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING

from narrate.core.errors import InputError, NarrateError
from narrate.core.storage import StorageOptions, is_store_url, join, open_store, split

if TYPE_CHECKING:
    from distributed import Client

    from narrate.pipeline.articles import BatchItem

PAGES_TRIED = 5  # a page of SRC for the workers to look for: among the first few


def absolute(location: str) -> str:
    """A local path as every worker must see it (their working folder is not the client's)."""
    return location if "://" in location else os.path.abspath(location)


def _a_page(items: list[BatchItem], storage: StorageOptions) -> str | None:
    """A page of SRC the client sees (a file or a store's), for the workers to look for."""
    for item in items[:PAGES_TRIED]:
        if "://" in item.source and not is_store_url(item.source):
            continue  # a web URL: each worker fetches its own
        folder, name = split(absolute(item.source))
        if open_store(folder, storage).info(name) is not None:
            return absolute(item.source)
    return None


def check_workers(client: Client, items: list[BatchItem], storage: StorageOptions) -> None:
    """InputError, before any work, when a worker cannot see DEST or SRC as the client does.

    The client writes a small file into DEST and asks each worker to find it
    there, and one page of SRC: the same folder mounted on every machine, or a
    store every worker can reach with its own credentials.
    """
    folder = split(absolute(items[0].target))[0]
    store = open_store(folder, storage)
    page = _a_page(items, storage)
    probe = f".narrate-probe-{uuid.uuid4().hex}"
    store.write_bytes(probe, b"")
    try:
        answers = client.run(can_reach, join(folder, probe), page, storage)
    finally:
        store.delete(probe)
    for address, problem in sorted(answers.items()):
        if problem is not None:
            where = "a store URL" if is_store_url(folder) else "a folder every worker mounts"
            raise InputError(
                f"the worker at {address} {problem}",
                f"give SRC and -o as {where}, reachable from every worker",
            )


def can_reach(probe: str, page: str | None, storage: StorageOptions) -> str | None:
    """On each worker before the batch: None when it sees the file the client just wrote
    into DEST (`probe`) and the page `page` of SRC, else what it cannot see."""
    for location, what in ((probe, "the output folder"), (page, "the pages")):
        if location is None:
            continue
        folder, name = split(location)
        try:
            if open_store(folder, storage).info(name) is None:
                return f"cannot see {what} ({location})"
        except NarrateError as exc:
            return str(exc)
    return None
