"""What a batch narrates: the articles in a folder or a store, each with its mirrored target.

Pages, page copies, Markdown, e-mails, PDFs and EPUBs are an article each; a
URL list is one per URL (fetched by whoever narrates it); an mbox is one per
message. A store's folder (s3://bucket/pages/) is listed once, which also
shows, before any work, whether it can be read at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from narrate.core.errors import NarrateError
from narrate.core.files import text_name
from narrate.core.sources import URL_LIST_SUFFIXES, url_list
from narrate.core.storage import StorageOptions, is_store_url, join, open_store
from narrate.pipeline.naming import slugify
from narrate.pipeline.stored import list_pages
from narrate.text import mbox
from narrate.text.kinds import MAIL_SUFFIXES, MARKDOWN_SUFFIXES, MBOX_SUFFIXES

# Files a batch reads as articles (besides URL lists and mailboxes): pages, page copies,
# Markdown, e-mail messages, PDFs and EPUBs (text/kinds.py tells them apart by content).
ARTICLE_SUFFIXES = (
    ".html",
    ".htm",
    ".xhtml",
    ".txt",
    *MARKDOWN_SUFFIXES,
    *MAIL_SUFFIXES,
    ".pdf",
    ".epub",
)


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: str  # a path, a web URL or a store URL
    target: str  # the audio file to write: a path or a store URL
    size: int | None = None  # the page's size when the listing gave it (a store's)


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
    """An mbox is an article per message (`BOX.mbox#N`), into a folder named after it,
    where each is named after its title (`NNN-subject.mp3`, the item's target, is the name
    batches gave before). An unreadable one is one item, which fails with its reason."""
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
    if Path(name).suffix.lower() in (*ARTICLE_SUFFIXES, ".url"):  # a .url of no URL fails, said
        return [BatchItem(source, join(outdir, _beside(folder, Path(name).stem + suffix)), size)]
    return []


def _beside(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _url_name(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:  # no URL Python can take apart: it fails as an item, said
        path = ""
    return slugify(path.rstrip("/").rsplit("/", 1)[-1] or url)
