"""Subscriptions: feeds, OPML lists and read-it-later exports become a podcast folder's queue.

`subscribe` records feeds (a feed URL, a page announcing one, or every feed of
an OPML file), `import_export` queues the articles of a Pocket, Instapaper,
Wallabag, Readeck or bookmarks export, `update` (updates.py) fetches the feeds
and narrates the queue through a function the caller hands in, and `listing`
says where everything stands. The state is one SQLite file in the folder
(state.py); HTTP is fetching.py, parsing is feeds.py, opml.py and imports.py.
`updater` runs updates on a timer beside `narrate serve`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from narrate.core.errors import InputError
from narrate.core.http import check_url
from narrate.publish.repeat import Repeating
from narrate.publish.subscriptions.feeds import FeedError
from narrate.publish.subscriptions.fetching import Fetcher, FetchError
from narrate.publish.subscriptions.imports import Export, read_export
from narrate.publish.subscriptions.opml import looks_like_opml, read_opml
from narrate.publish.subscriptions.state import (
    MAX_ATTEMPTS,
    STATE_NAME,
    Article,
    State,
    Subscription,
    now,
)
from narrate.publish.subscriptions.updates import (
    DEFAULT_MAX_NEW,
    NarratePage,
    Page,
    UpdateOptions,
    UpdateSummary,
    articles_of,
    find_feed,
    slug,
    update,
)

__all__ = [
    "DEFAULT_MAX_NEW",
    "MAX_ATTEMPTS",
    "Article",
    "Fetcher",
    "Listing",
    "NarratePage",
    "Page",
    "SubscribeResult",
    "Subscription",
    "UpdateOptions",
    "UpdateSummary",
    "import_export",
    "listing",
    "subscribe",
    "update",
    "updater",
]
log = logging.getLogger(__name__)


@dataclass(slots=True)
class SubscribeResult:
    added: list[tuple[Subscription, int]] = field(default_factory=list)  # with articles listed
    known: list[Subscription] = field(default_factory=list)  # subscribed already
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, why)


def subscribe(
    folder: Path, target: str, fetcher: Fetcher | None = None, allow_private: bool = False
) -> SubscribeResult:
    """Subscribe FOLDER to a feed URL, or to every feed of an OPML file.

    Each feed is fetched once now: to check it is a feed (or find the one a
    page announces), to name it, and to queue what it lists. A single feed
    that fails raises; in an OPML list, failures are reported and the rest go on.
    With `allow_private`, its articles may come from private and local addresses.
    """
    fetcher = fetcher or Fetcher()
    path = Path(target)
    is_file = "://" not in target and path.is_file()
    if "://" not in target and not is_file:
        raise InputError(
            f"no such file or feed address: {target}", "give a feed URL or an OPML file"
        )
    outlines = read_opml(path) if is_file and looks_like_opml(path) else None
    if is_file and outlines is None:
        raise InputError(
            f"{path} is not an OPML file", "for read-it-later exports use `narrate import`"
        )
    urls = [o.url for o in outlines] if outlines is not None else [target]
    if outlines is not None and not outlines:
        raise InputError(f"{path} lists no feeds", "export the subscriptions as OPML")
    result = SubscribeResult()
    made = _made_by_now(folder)
    try:
        with State(folder) as state:
            for url in urls:
                try:
                    check_url(url)
                    _subscribe_feed(state, url, fetcher, result, allow_private)
                except (FetchError, FeedError) as exc:
                    if outlines is None:
                        raise
                    result.failed.append((url, exc.message))
    except Exception:
        made()  # a subscription that failed leaves no empty state behind
        raise
    return result


def _made_by_now(folder: Path) -> Callable[[], None]:
    """What removes the state file (and the folder) made from now on, when neither was
    there and the state is still empty: another run may have subscribed it meanwhile."""
    existed = folder.exists()
    fresh = not existed or (folder.is_dir() and not (folder / STATE_NAME).exists())

    def remove() -> None:
        if not fresh or not (folder / STATE_NAME).is_file():
            return
        with State(folder) as state:
            if state.subscriptions() or state.articles():
                return
        (folder / STATE_NAME).unlink(missing_ok=True)
        if not existed:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when nothing else is in it

    return remove


def _subscribe_feed(
    state: State, url: str, fetcher: Fetcher, result: SubscribeResult, allow_private: bool
) -> None:
    existing = state.subscription(url)
    if existing is None:
        response, feed = find_feed(fetcher, url)
        existing = state.subscription(response.url)
    if existing is not None:
        if allow_private and not existing.private_ok:
            state.allow_private(existing.url)
            existing = replace(existing, private_ok=True)
        result.known.append(existing)
        return
    sub = Subscription(
        url=response.url,
        kind="feed",
        title=feed.title,
        folder=_free_folder(state, feed.title),
        added=now(),
        etag=response.etag,
        last_modified=response.last_modified,
        checked=now(),
        result=f"subscribed; {len(feed.entries)} listed",
        private_ok=allow_private,
    )
    state.add_subscription(sub)
    state.add_articles(articles_of(sub, feed.entries))
    result.added.append((sub, len(feed.entries)))


def import_export(
    folder: Path, path: Path, include_archived: bool = False, allow_private: bool = False
) -> tuple[Export, int, Subscription]:
    """Queue the articles of a read-it-later export: (what it held, how many new, its list).

    With `allow_private`, its articles may come from private and local addresses.
    """
    export = read_export(path, include_archived)
    url = f"import:{path.name}"
    with State(folder) as state:
        sub = state.subscription(url)
        if sub is None:
            sub = Subscription(
                url=url,
                kind="import",
                title=f"{export.kind}: {path.name}",
                folder=_free_folder(state, export.kind.split()[0]),
                added=now(),
                checked=now(),
                result=f"imported; {len(export.entries)} listed",
                private_ok=allow_private,
            )
            state.add_subscription(sub)
        elif allow_private and not sub.private_ok:
            state.allow_private(url)
            sub = replace(sub, private_ok=True)
        added = state.add_articles(articles_of(sub, export.entries))
        state.checked(url, f"imported; {added} new of {len(export.entries)}")
    return export, added, sub


def _free_folder(state: State, title: str) -> str:
    """A subfolder name for a subscription's episodes, not used by another subscription."""
    taken = {s.folder for s in state.subscriptions()}
    base = slug(title, 40)
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


@dataclass(frozen=True, slots=True)
class Listing:
    subscriptions: tuple[Subscription, ...]
    queue: tuple[Article, ...]  # what the next update would narrate, in its order
    counts: dict[str, int]  # articles by status
    given_up: tuple[Article, ...]


def listing(folder: Path) -> Listing:
    """The folder's subscriptions, its queue and what became of the rest."""
    if not folder.is_dir():
        raise InputError(f"no such folder: {folder}", "subscribe it to a feed first")
    if not (folder / STATE_NAME).exists():  # nothing subscribed: made by no listing
        return Listing((), (), {}, ())
    with State(folder) as state:
        articles = state.articles()
        counts: dict[str, int] = {}
        for article in articles:
            counts[article.status] = counts.get(article.status, 0) + 1
        return Listing(
            tuple(state.subscriptions()),
            tuple(a for a in articles if a.retryable),
            counts,
            tuple(a for a in articles if a.status == "failed" and not a.retryable),
        )


def updater(run: Callable[[], object], interval_s: float) -> Repeating:
    """Runs `run` now and then every `interval_s` in a background thread, until stopped."""
    return Repeating(run, interval_s, "narrate-update")
