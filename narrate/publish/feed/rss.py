"""The RSS 2.0 document with the itunes and Podcasting 2.0 namespaces, written with lxml.

lxml rather than feedgen: feedgen has no `podcast:` namespace and writes
`itunes:explicit` as yes/no, where Apple now documents true/false. Extending
it would mean its extension API for a handful of elements and overriding one
of its own; lxml is already a dependency and writes exactly what we ask.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import quote

from lxml import etree

from narrate import __version__
from narrate.publish.feed.episodes import Item
from narrate.publish.feed.media import FEED_NAME

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
NSMAP = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": ATOM_NS}
# The UUID namespace the Podcasting 2.0 spec fixes for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
IT, PC = f"{{{ITUNES_NS}}}", f"{{{PODCAST_NS}}}"
# What XML 1.0 cannot hold: C0 controls but tab, newline and return; lone surrogates;
# U+FFFE and U+FFFF. A title or paragraph from a page or a text file may carry one (a
# form feed, an escape), and lxml would refuse the whole feed for it.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


DEFAULT_TITLE = "Narrated articles"  # a feed's title where none is given


@dataclass(frozen=True, slots=True)
class Channel:
    """The podcast as a whole; every field but base_url has a default."""

    base_url: str  # ends in '/'
    title: str = DEFAULT_TITLE
    description: str = "Articles read aloud by narrate."
    author: str = "narrate"
    image: str | None = None  # a URL, or a file name in OUTDIR
    language: str | None = None  # None: the most common episode language
    explicit: bool = False
    category: str = "News"

    @property
    def feed_url(self) -> str:
        return self.base_url + FEED_NAME


def podcast_guid(feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def render(channel: Channel, items: list[Item]) -> bytes:
    """The RSS document as UTF-8 bytes."""
    rss = etree.Element("rss", {"version": "2.0"}, nsmap=NSMAP)
    ch = _el(rss, "channel")
    _el(ch, "title", channel.title)
    _el(ch, "link", channel.base_url)
    _el(ch, "description", channel.description)
    _el(ch, "language", channel.language or "en")
    _el(ch, "generator", f"narrate {__version__}")
    _el(ch, "lastBuildDate", format_datetime(datetime.now(UTC).replace(microsecond=0)))
    self_link = {"href": channel.feed_url, "rel": "self", "type": "application/rss+xml"}
    _el(ch, f"{{{ATOM_NS}}}link", attrs=self_link)
    if channel.image:
        _el(ch, f"{IT}image", attrs={"href": _absolute(channel.base_url, channel.image)})
    _el(ch, f"{IT}author", channel.author)
    _el(ch, f"{IT}summary", channel.description)
    _el(ch, f"{IT}category", attrs={"text": channel.category})
    _el(ch, f"{IT}explicit", "true" if channel.explicit else "false")
    _el(ch, f"{IT}type", "episodic")
    _el(ch, f"{PC}guid", podcast_guid(channel.feed_url))
    for item in items:
        _item(_el(ch, "item"), item)
    return bytes(etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _item(element: etree._Element, item: Item) -> None:
    _el(element, "title", item.title)
    _el(element, "description").text = etree.CDATA(_xml_text(item.description))
    if item.link:
        _el(element, "link", item.link)
    enclosure = {"url": item.audio_url, "length": str(item.length), "type": item.audio_type}
    _el(element, "enclosure", attrs=enclosure)
    _el(element, "guid", item.guid, {"isPermaLink": "false"})
    _el(element, "pubDate", format_datetime(item.published))
    _el(element, f"{IT}title", item.title)
    if item.author:
        _el(element, f"{IT}author", item.author)
    _el(element, f"{IT}duration", str(item.duration_s))
    _el(element, f"{IT}episodeType", "full")
    if item.chapters_url:
        chapters = {"url": item.chapters_url, "type": "application/json+chapters"}
        _el(element, f"{PC}chapters", attrs=chapters)
    for url, kind in item.transcripts:
        attrs = {"url": url, "type": kind, "rel": "captions"}
        if item.language:
            attrs["language"] = item.language
        _el(element, f"{PC}transcript", attrs=attrs)


def _el(
    parent: etree._Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None
) -> etree._Element:
    safe = {name: _xml_text(value) for name, value in (attrs or {}).items()}
    element = etree.SubElement(parent, tag, safe)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def _absolute(base_url: str, url: str) -> str:
    """An image given as a file name in OUTDIR becomes a URL under the base URL."""
    return url if "://" in url else base_url + quote(url.lstrip("/"))
