"""`narrate update`: fetch each feed, queue what is new, narrate the queue into the folder.

Feeds are fetched first (a broken one is reported and the others go on),
then the queue is narrated newest first, at most `max_new` articles a run;
the rest wait for the next run. Each article's outcome is committed before
the next one starts, so a killed update goes on where it stopped. Narrating
is not done here: the caller hands in a function that narrates one `Page`
(publishing never imports the pipeline).
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from narrate.core.errors import (
    ExitCode,
    NarrateError,
    NoArticleError,
    OutputError,
    SentenceError,
)
from narrate.core.reach import ANYWHERE, Reach, RefusedAddress, on_public_host, reaching
from narrate.publish.feed import remember_published
from narrate.publish.subscriptions.feeds import Entry, Feed, FeedError, discover, parse_feed
from narrate.publish.subscriptions.fetching import Fetcher, FetchError, Response
from narrate.publish.subscriptions.state import (
    Article,
    State,
    Subscription,
    update_lock,
)

log = logging.getLogger(__name__)
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"
PAGE_ACCEPT = (
    "text/html, application/xhtml+xml;q=0.9, application/pdf;q=0.8, application/epub+zip;q=0.8,"
    " text/markdown;q=0.8, message/rfc822;q=0.8, text/plain;q=0.8"
)
# What a link may serve: pages, and the documents narrate reads (the text stage tells
# them apart by content, so a PDF served as octet-stream is read too).
PAGE_TYPES = (
    "html", "xml", "text/plain", "text/markdown", "text/x-markdown", "application/pdf",
    "application/epub+zip", "message/rfc822", "application/octet-stream",
)  # fmt: skip  # a table, 9 entries packed several a line
DEFAULT_MAX_NEW = 10


@dataclass(frozen=True, slots=True)
class Page:
    """An article ready to narrate: its bytes, and what its feed or list says about it."""

    url: str  # the article's own address (its link)
    body: bytes
    content_type: str | None
    title: str | None
    author: str | None
    date: str | None  # ISO 8601
    language: str | None


# Narrates one page into the episode at this path (no suffix), or, when the flag is set, into
# this folder named after the page's own title; returns the manifest's path.
NarratePage = Callable[[Page, Path, bool], Path]
Report = Callable[[str, str, str], None]  # (status, what, detail), as batch reports


@dataclass(frozen=True, slots=True)
class UpdateOptions:
    max_new: int = DEFAULT_MAX_NEW  # 0: no limit
    since: date | None = None


@dataclass(slots=True)
class UpdateSummary:
    narrated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # feeds and articles
    held_back: int = 0
    feeds_checked: int = 0


class _Skip(Exception):
    """This article is not one to narrate, for the reason given."""


def update(
    folder: Path,
    narrate: NarratePage,
    options: UpdateOptions | None = None,
    fetcher: Fetcher | None = None,
    report: Report | None = None,
    on_added: Callable[[Path], object] | None = None,
) -> UpdateSummary:
    """Fetch every feed, then narrate what is queued; the summary of what happened."""
    options = options or UpdateOptions()
    fetcher = fetcher or Fetcher()
    summary = UpdateSummary()
    say: Report = report or (lambda status, what, detail: None)
    with update_lock(folder), State(folder) as state:
        subscriptions = {s.url: s for s in state.subscriptions()}
        for sub in subscriptions.values():
            if sub.kind == "feed":
                _check_feed(state, sub, fetcher, summary, say)
        queue = state.pending()
        if options.since is not None:
            queue = _drop_older(state, queue, options.since, summary, say)
        reaches: dict[str, Reach] = {}
        limit = options.max_new or len(queue)
        for article in queue[limit:]:
            state.held_back(article, f"held back by --max-new {options.max_new}")
        summary.held_back = len(queue[limit:])
        for article in queue[:limit]:
            sub = subscriptions[article.subscription]
            if sub.url not in reaches:
                reaches[sub.url] = article_reach(sub)
            with reaching(reaches[sub.url]):
                status, detail = _narrate_article(state, article, sub, folder, narrate, fetcher)
            name = article.title or article.link or article.key
            if status == "narrated":
                summary.narrated.append(name)
                if on_added is not None:
                    on_added(Path(detail))
            elif status == "skipped":
                summary.skipped.append((name, detail))
            else:
                summary.failed.append((name, detail))
            say(status, name, detail)
    return summary


def fetch_feed(
    fetcher: Fetcher, sub_url: str, etag: str | None, modified: str | None
) -> tuple[Response, Feed | None]:
    """The feed's answer and, unless it was 304 Not Modified, the parsed feed."""
    response = fetcher.get(sub_url, etag, modified, accept=FEED_ACCEPT)
    if response.not_modified:
        return response, None
    return response, parse_feed(response.body, response.url, response.content_type)


def find_feed(fetcher: Fetcher, url: str) -> tuple[Response, Feed]:
    """The feed at URL, or the first one an HTML page at URL announces."""
    response = fetcher.get(url, accept=FEED_ACCEPT + ", text/html;q=0.5")
    try:
        return response, parse_feed(response.body, response.url, response.content_type)
    except FeedError:
        announced = discover(response.body, response.url)
        if not announced:
            raise
    response = fetcher.get(announced[0], accept=FEED_ACCEPT)
    return response, parse_feed(response.body, response.url, response.content_type)


FROM_ELSEWHERE = Reach(public_only=True, why="an article a feed or a reading list names")


def article_reach(sub: Subscription) -> Reach:
    """Where a subscription's articles may be fetched from: public addresses only, unless
    the user allowed more (`--allow-private`) or the feed is on their own network itself."""
    if sub.private_ok or (sub.kind == "feed" and not on_public_host(sub.url)):
        return ANYWHERE
    return FROM_ELSEWHERE


def articles_of(sub: Subscription, entries: tuple[Entry, ...]) -> list[Article]:
    """State records for a subscription's entries; those not to narrate are skipped at once."""
    return [
        Article(
            subscription=sub.url,
            key=e.key,
            title=e.title,
            link=e.link,
            author=e.author,
            date=e.date,
            language=e.language,
            content=e.content,
            status="skipped" if e.skip else "queued",
            reason=e.skip,
        )
        for e in entries
    ]


def _check_feed(
    state: State, sub: Subscription, fetcher: Fetcher, summary: UpdateSummary, say: Report
) -> None:
    summary.feeds_checked += 1
    try:
        response, feed = fetch_feed(fetcher, sub.url, sub.etag, sub.last_modified)
    except (FetchError, FeedError) as exc:
        state.checked(sub.url, f"failed: {exc.message}")
        summary.failed.append((sub.title, exc.message))
        say("failed", sub.title, exc.message)
        return
    if feed is None:
        state.checked(sub.url, "not modified")
        say("checked", sub.title, "not modified")
        return
    added = state.add_articles(articles_of(sub, feed.entries))
    result = f"{added} new of {len(feed.entries)}"
    if feed.warning:
        result += f" (read despite: {feed.warning})"
    state.checked(sub.url, result, (response.etag, response.last_modified))
    if feed.title != sub.title:
        state.retitle(sub.url, feed.title)
    say("checked", sub.title, result)


def _drop_older(
    state: State, queue: list[Article], since: date, summary: UpdateSummary, say: Report
) -> list[Article]:
    kept = []
    for article in queue:
        if article.date and datetime.fromisoformat(article.date).date() < since:
            reason = f"dated before {since.isoformat()} (--since)"
            state.skipped(article, reason)
            summary.skipped.append((article.title or article.key, reason))
            say("skipped", article.title or article.key, reason)
        else:
            kept.append(article)
    return kept


def _narrate_article(
    state: State,
    article: Article,
    sub: Subscription,
    folder: Path,
    narrate: NarratePage,
    fetcher: Fetcher,
) -> tuple[str, str]:
    """Narrate one article and record what happened: (status, manifest path or reason)."""
    try:
        if article.link:
            earlier = state.narrated_link(article.link)
            if earlier is not None:
                raise _Skip(f"narrated already (as {earlier.episode})")
        page = _page(article, fetcher)
        episode = _episode_name(state, article, sub)
        if episode is None:  # no title of its own: named after the page's, once it is read
            manifest = narrate(page, folder / sub.folder, True)
            state.set_episode(article, manifest.relative_to(folder).with_suffix("").as_posix())
        else:
            state.set_episode(article, episode)
            manifest = narrate(page, folder / episode, False)
    except _Skip as skip:
        state.skipped(article, str(skip))
        return "skipped", str(skip)
    except RefusedAddress as exc:
        state.skipped(article, str(exc))  # with its hint: --allow-private
        return "skipped", str(exc)
    except NoArticleError as exc:
        reason = f"no article on the page ({exc.message})"
        state.skipped(article, reason)
        return "skipped", reason
    except NarrateError as exc:
        if stops_update(exc):
            raise  # not this article's fault: stop, and leave it queued for the next run
        state.failed(article, exc.message)
        return "failed", exc.message
    except Exception as exc:  # a bug on one article must not block the queue behind it
        log.debug("update: narrating %s failed", article.link or article.key, exc_info=True)
        state.failed(article, f"internal error: {type(exc).__name__}: {exc}")
        return "failed", f"internal error: {type(exc).__name__}"
    state.narrated(article)
    if article.date:
        remember_published(folder, manifest, datetime.fromisoformat(article.date))
    return "narrated", str(manifest)


def stops_update(exc: NarrateError) -> bool:
    """An engine or output failure every article would meet stops the update; a sentence the
    engine could not say is the article's own failure (counted, retried, the queue goes on)."""
    if isinstance(exc, SentenceError):
        return False
    return exc.exit_code == ExitCode.ENGINE or isinstance(exc, OutputError)


def _page(article: Article, fetcher: Fetcher) -> Page:
    """The article's own full text when its source carried it, else the page at its link."""
    if article.content:
        body = _wrap(article).encode("utf-8")
        url = article.link or f"urn:narrate:{article.key}"
        return _as_page(article, url, body, "text/html; charset=utf-8")
    if not article.link:
        raise _Skip("no article (neither a link nor the text)")
    response = fetcher.get(article.link, accept=PAGE_ACCEPT)
    kind = (response.content_type or "").split(";")[0].strip().lower()
    if kind and not any(t in kind for t in PAGE_TYPES):
        raise _Skip(f"not an article page ({kind})")
    return _as_page(article, response.url, response.body, response.content_type)


def _as_page(article: Article, url: str, body: bytes, content_type: str | None) -> Page:
    return Page(
        url, body, content_type, article.title, article.author, article.date, article.language
    )


def _wrap(article: Article) -> str:
    """A page around an entry's full text, carrying its title, author, link and language."""
    esc = html.escape
    head = [f"<title>{esc(article.title or '')}</title>"]
    if article.author:
        head.append(f'<meta name="author" content="{esc(article.author)}">')
    if article.link:
        head.append(f'<link rel="canonical" href="{esc(article.link)}">')
    if article.date:
        head.append(f'<meta property="article:published_time" content="{esc(article.date)}">')
    lang = f' lang="{esc(article.language)}"' if article.language else ""
    title = f"<h1>{esc(article.title)}</h1>" if article.title else ""
    return (
        f'<!doctype html><html{lang}><head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body><article>{title}\n{article.content}</article></body></html>"
    )


def _episode_name(state: State, article: Article, sub: Subscription) -> str | None:
    """The episode's path (no suffix) in the subscription's folder, chosen once and kept;
    None for an article without a title, named after its page's title when narrated."""
    if article.episode:
        return article.episode
    if not article.title:
        return None
    base = f"{sub.folder}/{slug(article.title)}"
    name, number = base, 1
    while state.episode_taken(name, article):
        number += 1
        name = f"{base}-{number}"
    return name


def slug(title: str, limit: int = 80) -> str:
    """A file name from a title: lower case, words joined by '-', any script kept.

    The same rule as the pipeline's output names (narrate.pipeline.naming.slugify).
    """
    text = unicodedata.normalize("NFKC", title).lower()
    cut = re.sub(r"[^\w]+", "-", text).strip("-_")[:limit].rstrip("-_")
    return cut or "article"
