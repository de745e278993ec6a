"""Pages in a store (s3://bucket/articles/): what a batch finds there, and a page's own image.

A local folder is read as files (narrate/pipeline/batch.py); a store is
listed once, which also shows up front whether it can be read at all, and
each page is read by the process that narrates it (narrate/text/load.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from narrate.core.errors import InputError
from narrate.core.files import temporary_directory
from narrate.core.models import Script
from narrate.core.sources import URL_LIST_SUFFIXES, urls_in
from narrate.core.storage import StorageOptions, Store, is_store_url, open_store, split

URL_LIST_BYTES = 2**20  # a list of URLs longer than this is not one
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")  # as narrator.local_image takes them
IMAGE_BYTES = 20 * 2**20


@dataclass(frozen=True, slots=True)
class Listed:
    """A file a batch may narrate: a page, or a list of URLs."""

    source: str  # its URL
    key: str  # below the folder listed
    size: int
    urls: list[str] | None  # the URLs it lists, when it is a URL list


def list_pages(store: Store, recursive: bool, skip_below: str | None = None) -> list[Listed]:
    """The files of `store` a batch looks at: no dotfiles, nothing below `skip_below`
    (the batch's own output, when it is inside the folder read)."""
    found = []
    for stored in store.files(recursive):
        if any(part.startswith(".") for part in stored.key.split("/")):
            continue
        source = store.where(stored.key)
        if skip_below is not None and source.startswith(skip_below.rstrip("/") + "/"):
            continue  # never narrate our own outputs
        urls = None
        suffix = Path(stored.key.lower()).suffix
        if suffix in URL_LIST_SUFFIXES:
            urls = urls_in(store.read_bytes(stored.key, URL_LIST_BYTES), suffix)
        found.append(Listed(source, stored.key, stored.size, urls))
    return found


@contextlib.contextmanager
def page_image(script: Script, storage: StorageOptions) -> Iterator[Path | None]:
    """The image a page in a store names beside itself (its cover), fetched to a working
    folder; None for other pages (the narrator finds a local page's own beside it)."""
    name = (script.article.image or "").removeprefix("file://")
    source = script.article.source
    if (
        not is_store_url(source)
        or not name
        or "://" in name
        or name.startswith("/")
        or Path(name).suffix.lower() not in IMAGE_SUFFIXES
    ):
        yield None
        return
    try:
        data = open_store(split(source)[0], storage).read_bytes(name, IMAGE_BYTES)
    except InputError:  # not there, or not readable: no cover, as for a local page
        yield None
        return
    with temporary_directory("cover") as work:
        path = work / Path(name).name
        path.write_bytes(data)
        yield path
