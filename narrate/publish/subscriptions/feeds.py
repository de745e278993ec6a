"""RSS and Atom feeds -> the articles they list, read with feedparser.

feedparser (a well-kept parser of every RSS and Atom dialect, tolerant of
the small errors real feeds have) turns the bytes into entries; this module
decides, per entry, what narrate will read: the entry's own full text when
it holds the whole article (`content:encoded`, Atom `content`), otherwise the
page at its link. Entries that are not articles (a podcast episode with its
audio, a video) are marked with the reason they are skipped. An HTML page
given instead of a feed is searched for the feeds it announces.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree, html

from narrate.core.errors import InputError
from narrate.core.http import host_of, is_web_url

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# Enclosures that are the article as a document (see _document_enclosure).
DOCUMENT_TYPES = frozenset(
    {
        "application/pdf", "application/epub+zip", "text/markdown", "text/x-markdown",
        "message/rfc822",
    }
)  # fmt: skip  # a table, 5 entries packed several a line
VIDEO_HOSTS = (
    "youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv", "tiktok.com",
)  # fmt: skip  # a table, 6 entries packed several a line
# A teaser ends in an ellipsis, or with a link back to the article ("Continue reading",
# "Lire la suite", ...: whatever the language, the link points at the item's own page).
_ELLIPSIS = re.compile(r"(\.\.\.|…|\[\s*(…|\.\.\.)\s*\]|\(\s*(…|\.\.\.)\s*\))\W*$")
TEASER_WORDS = 150  # a "read more" link below this many words marks a teaser
CONTROLS = re.compile("[\x00-\x1f\x7f]")  # in no title, author or address


class FeedError(InputError):
    """The bytes are not a feed narrate can read."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as a feed (or a read-it-later export) names it."""

    key: str  # GUID, else link, else title
    title: str | None
    link: str | None
    author: str | None
    date: str | None  # ISO 8601, UTC
    language: str | None
    content: str | None  # HTML of the whole article when the entry carries it
    skip: str | None  # why this entry is not an article, when it is not


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    language: str | None
    entries: tuple[Entry, ...]
    warning: str | None  # feedparser read it despite this


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Feed:
    """The feed's title and entries; FeedError when the bytes are not a readable feed."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser on hostile bytes (a NUL in the encoding's name...)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise FeedError(f"{url} is not a feed narrate can read: {reason}", "") from exc
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # a wrong charset declaration, read correctly anyway
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{url} is not an RSS or Atom feed", "give the feed's own address")
    if not parsed.entries and problem is not None:
        raise FeedError(
            f"{url} is not a well-formed feed: {_describe(problem)}", "the site must fix its feed"
        )
    info = parsed.feed
    language = _text(info.get("language"))
    entries = tuple(
        entry for entry in (_entry(raw, url, language) for raw in parsed.entries) if entry
    )
    warning = _describe(problem) if problem is not None else None
    return Feed(_text(info.get("title")) or urlsplit(url).netloc, language, entries, warning)


def discover(body: bytes, url: str) -> list[str]:
    """The feeds an HTML page announces with <link rel="alternate" type="...rss/atom...">."""
    try:
        root = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES[:2] and href:
            found.append(urljoin(url, href.strip()))
    return list(dict.fromkeys(found))


def _entry(raw: Any, feed_url: str, feed_language: str | None) -> Entry | None:
    link = _link(raw, feed_url)
    title = _text(raw.get("title"))
    key = _text(raw.get("id")) or link or title
    if not key:
        return None
    content, content_language = _content(raw)
    if content and not whole_article(content, link):
        content = None
    document = None if content else _document_enclosure(raw, feed_url)
    return Entry(
        key=key,
        title=title,
        link=document or link,
        author=_author(raw),
        date=_date(raw),
        language=content_language or _text(raw.get("language")) or feed_language,
        content=content,
        skip=_skip_reason(raw, link, content),
    )


def _document_enclosure(raw: Any, feed_url: str) -> str | None:
    """The URL of an enclosure that is a document narrate reads (a paper's PDF, a book's
    EPUB, a Markdown text): the article itself, where the item's link is its web page."""
    for enclosure in raw.get("enclosures") or []:
        kind = str(enclosure.get("type") or "").split(";")[0].strip().lower()
        href = _text(enclosure.get("href"))
        if kind in DOCUMENT_TYPES and href:
            absolute = _absolute(feed_url, href)
            if absolute is not None:
                return absolute
    return None


def _link(raw: Any, feed_url: str) -> str | None:
    value = raw.get("link")
    link = _text(CONTROLS.sub("", value) if isinstance(value, str) else None)
    if not link:
        return None
    return _absolute(feed_url, link)


def _absolute(feed_url: str, link: str) -> str | None:
    """A feed's link made absolute, when it is a web address ('http://[::1' is none)."""
    try:
        absolute = urljoin(feed_url, link)
    except ValueError:
        return None
    return absolute if is_web_url(absolute) else None


def _content(raw: Any) -> tuple[str | None, str | None]:
    """The longest HTML or text body the entry carries in content:encoded or Atom content."""
    bodies = [c for c in raw.get("content") or [] if _text(c.get("value"))]
    if not bodies:
        return None, None
    best = max(bodies, key=lambda c: len(c.get("value") or ""))
    value = str(best.get("value"))
    if "html" not in str(best.get("type") or "text/html"):
        value = "".join(f"<p>{_escape(p)}</p>" for p in value.split("\n\n") if p.strip())
    return value, _text(best.get("language"))


def whole_article(content: str, link: str | None) -> bool:
    """False for a teaser: text cut with an ellipsis, or a short text ending in a link home."""
    try:
        root = html.fragment_fromstring(content, create_parent="div")
    except (etree.ParserError, ValueError):
        return False
    text = " ".join(root.text_content().split())
    if not text or _ELLIPSIS.search(text):
        return False
    anchors = [a for a in root.iter("a") if a.get("href")]
    if link and anchors and len(text.split()) < TEASER_WORDS:
        last = urljoin(link, anchors[-1].get("href") or "")
        if last.split("#")[0].rstrip("/") == link.split("#")[0].rstrip("/"):
            return False
    return True


def _skip_reason(raw: Any, link: str | None, content: str | None) -> str | None:
    """Why the entry is not an article narrate should read, or None."""
    kinds = [str(e.get("type") or "").lower() for e in raw.get("enclosures") or []]
    kinds += [str(m.get("type") or "").lower() for m in raw.get("media_content") or []]
    if any(k.startswith("audio/") for k in kinds) or raw.get("itunes_duration"):
        return "a podcast episode (it carries its own audio)"
    host = host_of(link) if link else ""
    if any(k.startswith("video/") for k in kinds) or any(
        host == h or host.endswith("." + h) for h in VIDEO_HOSTS
    ):
        return "a video"
    if not link and not content:
        return "no article (neither a link nor the text)"
    return None


def _author(raw: Any) -> str | None:
    author = _text(raw.get("author"))
    if author:
        return author
    names = [_text(a.get("name")) for a in raw.get("authors") or [] if isinstance(a, dict)]
    return ", ".join(n for n in names if n) or None


def _date(raw: Any) -> str | None:
    """The entry's date in UTC; a date a datetime cannot hold (past 9999) is no date."""
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = raw.get(field)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
            except (ValueError, OverflowError, OSError):
                continue
    return None


def _text(value: object) -> str | None:
    """A field's text on one line, without control characters (a NUL a loose parse let in)."""
    if not isinstance(value, str):
        return None
    cleaned = " ".join(CONTROLS.sub(" ", value).split())
    return cleaned or None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _describe(problem: object) -> str:
    text = " ".join(str(problem).split())
    line = getattr(problem, "getLineNumber", None)
    if callable(line):
        return f"{text} at line {line()}"
    return text or type(problem).__name__
