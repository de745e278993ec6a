"""The RSS document (publish/feed/rss.py): what podcast apps read, escaped and dated right."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import pytest
from lxml import etree

from narrate.publish.feed.episodes import Item
from narrate.publish.feed.rss import Channel, podcast_guid, render
from tests.publish.feed.samples import BASE

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
ITEM = Item(
    title="The Lighthouse Keeps Its Lamp",
    author="Ines Marlow",
    description="<p>The old lighthouse will keep its lamp lit.</p>",
    link="https://example.org/lighthouse",
    audio_url=BASE + "lamp.mp3?v=0123456789ab",
    audio_type="audio/mpeg",
    length=2299,
    guid="narrate:1",
    published=datetime(2026, 3, 1, 7, 30, tzinfo=UTC),
    duration_s=61,
    language="en",
    chapters_url=None,
    transcripts=(),
)


def parse(document: bytes) -> etree._Element:
    channel = etree.fromstring(document).find("channel")
    assert channel is not None
    return channel


def read_back(channel: Channel, item: Item) -> tuple[Any, Any, etree._Element]:
    """The feed of one item as feedparser reads it (feed, entry; no errors) and as lxml does."""
    document = render(channel, [item])
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return parsed.feed, entry, parse(document)


def test_channel_defaults_and_given_image() -> None:
    channel = parse(render(Channel(BASE), []))
    assert channel.findtext("title") == "Narrated articles"
    assert channel.findtext("link") == BASE
    assert channel.findtext("language") == "en"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.find("itunes:image", NS) is None  # none given: none named
    atom = channel.find("atom:link", NS)
    assert atom is not None
    assert atom.attrib == {"href": BASE + "feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert channel.findtext("podcast:guid", namespaces=NS) == podcast_guid(BASE + "feed.xml")
    assert parse(render(Channel(BASE), [])).findall("item") == []  # an empty feed is valid
    for image, href in [
        ("cover.png", BASE + "cover.png"),
        ("/art/my cover.jpg", BASE + "art/my%20cover.jpg"),
        ("https://cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"),
    ]:
        found = parse(render(Channel(BASE, image=image), [])).find("itunes:image", NS)
        assert found is not None
        assert found.get("href") == href


def test_markup_and_non_ascii_text_are_escaped_not_interpreted() -> None:
    title = 'Fish & Chips <b>"Spezial"</b> — Grüße, 港口, Привет'
    item = dataclasses.replace(
        ITEM,
        title=title,
        author="Zoë <Ødegaard> & Co",
        description="<p>Text with ]]&gt; and &amp; inside</p>",
    )
    channel = Channel(BASE, title="Hafen & Meer <live>", author="Ünal & Søn")
    feed, entry, root = read_back(channel, item)
    assert feed.title == "Hafen & Meer <live>"
    assert root.findtext("itunes:author", namespaces=NS) == "Ünal & Søn"
    assert entry.title == title
    assert root.findtext("item/itunes:author", namespaces=NS) == "Zoë <Ødegaard> & Co"
    assert root.findtext("item/description") == item.description  # CDATA, as written


def test_dates_are_rfc_2822_in_their_own_offset() -> None:
    east = timezone(timedelta(hours=5, minutes=30))
    items = [
        dataclasses.replace(ITEM, guid="a", published=datetime(2026, 3, 1, 7, 30, tzinfo=UTC)),
        dataclasses.replace(ITEM, guid="b", published=datetime(2026, 3, 1, 13, 0, tzinfo=east)),
    ]
    channel = parse(render(Channel(BASE), items))
    dates = [parsedate_to_datetime(d.text or "") for d in channel.iter("pubDate")]
    assert dates == [item.published for item in items]
    assert [d.utcoffset() for d in dates] == [timedelta(0), timedelta(hours=5, minutes=30)]
    built = parsedate_to_datetime(channel.findtext("lastBuildDate") or "")
    assert abs(built - datetime.now(UTC)) < timedelta(hours=1)


def test_enclosure_guid_duration_chapters_and_transcripts() -> None:
    item = dataclasses.replace(
        ITEM,
        chapters_url=BASE + "lamp.chapters.json",
        transcripts=((BASE + "lamp.vtt", "text/vtt"), (BASE + "lamp.srt", "application/x-subrip")),
        language="de-AT",
    )
    element = parse(render(Channel(BASE), [item])).find("item")
    assert element is not None
    enclosure = element.find("enclosure")
    assert enclosure is not None
    assert enclosure.attrib == {"url": item.audio_url, "length": "2299", "type": "audio/mpeg"}
    guid = element.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == ("narrate:1", "false")
    assert element.findtext("itunes:duration", namespaces=NS) == "61"
    assert element.findtext("link") == item.link
    chapters = element.find("podcast:chapters", NS)
    assert chapters is not None
    assert chapters.attrib == {"url": item.chapters_url, "type": "application/json+chapters"}
    transcripts = [dict(t.attrib) for t in element.findall("podcast:transcript", NS)]
    assert transcripts == [
        {"url": url, "type": kind, "rel": "captions", "language": "de-AT"}
        for url, kind in item.transcripts
    ]


def test_an_item_without_link_author_or_language_leaves_them_out() -> None:
    item = dataclasses.replace(
        ITEM, link=None, author=None, language=None, transcripts=((BASE + "a.vtt", "text/vtt"),)
    )
    element = parse(render(Channel(BASE), [item])).find("item")
    assert element is not None
    assert element.find("link") is None
    assert element.find("itunes:author", NS) is None
    transcript = element.find("podcast:transcript", NS)
    assert transcript is not None
    assert "language" not in transcript.attrib


@pytest.mark.parametrize(
    "feed_url",
    [
        "https://mp3s.nashownotes.com/pc20rss.xml",  # the spec's own example
        "http://mp3s.nashownotes.com/pc20rss.xml/",
        "mp3s.nashownotes.com/pc20rss.xml",
    ],
)
def test_podcast_guid_ignores_scheme_and_trailing_slash(feed_url: str) -> None:
    assert podcast_guid(feed_url) == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    # a title or paragraph copied from a page or a text file can hold a form feed, a bell,
    # an escape or a lone surrogate; lxml refused the whole feed with a ValueError
    item = dataclasses.replace(
        ITEM,
        title="Bell\x07 and form\x0cfeed",
        author="Esc\x1b Name",
        description="<p>Tab\tand\nline stay; \x00null and \ud800 go \ufffe</p>",
    )
    feed, entry, root = read_back(Channel(BASE, title="Show\x08", description="About\x1f"), item)
    assert (feed.title, feed.description) == ("Show", "About")
    assert entry.title == "Bell and formfeed"
    assert root.findtext("item/itunes:author", namespaces=NS) == "Esc Name"
    assert root.findtext("item/description") == "<p>Tab\tand\nline stay; null and  go </p>"
