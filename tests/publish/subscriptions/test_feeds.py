"""Feeds -> entries: what to read from each, and what to skip and why."""

from __future__ import annotations

import pytest

from narrate.publish.subscriptions.feeds import FeedError, discover, parse_feed, whole_article
from tests.publish.subscriptions.samples import atom, rss

BASE = "http://127.0.0.1:9/"
DATE = "Tue, 03 Nov 2026 10:00:00 +0000"


def test_rss_items_link_to_their_pages() -> None:
    body = rss(
        BASE,
        [
            {
                "title": "The Lighthouse Keeps Its Lamp",
                "link": BASE + "lamp.html",
                "guid": "g1",
                "date": DATE,
                "author": "Ines Marlow",
            },
        ],
    )
    feed = parse_feed(body.encode(), BASE + "feed.xml")
    assert feed.title == "Harbour Notes"
    assert feed.language == "en"
    (entry,) = feed.entries
    assert (entry.key, entry.title, entry.link) == (
        "g1",
        "The Lighthouse Keeps Its Lamp",
        BASE + "lamp.html",
    )
    assert entry.author == "Ines Marlow"
    assert entry.date == "2026-11-03T10:00:00+00:00"
    assert entry.content is None  # only a description: the page will be read
    assert entry.skip is None


def test_atom_full_content_is_read_from_the_feed() -> None:
    text = "<p>Die Fähre fährt wieder jeden Abend.</p><p>Der Hafen freut sich.</p>"
    body = atom(
        BASE,
        [
            {
                "title": "Die Fähre",
                "id": "urn:e1",
                "link": BASE + "faehre",
                "date": "2026-11-20T08:00:00Z",
                "author": "Jonas Weber",
                "content": text,
            }
        ],
    )
    (entry,) = parse_feed(body.encode(), BASE + "atom.xml").entries
    assert entry.content is not None
    assert "Der Hafen freut sich." in entry.content
    assert entry.language == "de"
    assert entry.author == "Jonas Weber"


@pytest.mark.parametrize(
    ("content", "whole"),
    [
        ("<p>The whole story, told in full.</p><p>And its end.</p>", True),
        ("<p>The story begins here and then [&#8230;]</p>", False),
        ("<p>The story begins here and then...</p>", False),
        ('<p>The story begins.</p><p><a href="http://x.test/a">Lire la suite</a></p>', False),
        ('<p>The story, with <a href="http://other.test/">a source</a>, ends.</p>', True),
    ],
)
def test_teasers_are_not_taken_for_the_article(content: str, whole: bool) -> None:
    assert whole_article(content, "http://x.test/a") is whole


def test_podcast_episodes_and_videos_are_skipped_with_the_reason() -> None:
    body = rss(
        BASE,
        [
            {
                "title": "Episode 12",
                "link": BASE + "ep12",
                "guid": "ep12",
                "date": DATE,
                "extra": f'<enclosure url="{BASE}ep12.mp3" type="audio/mpeg" length="1000"/>',
            },
            {
                "title": "Watch this",
                "link": "https://www.youtube.com/watch?v=x",
                "guid": "v",
                "date": DATE,
            },
            {
                "title": "Clip",
                "link": BASE + "clip",
                "guid": "c",
                "date": DATE,
                "extra": f'<enclosure url="{BASE}clip.mp4" type="video/mp4" length="1000"/>',
            },
        ],
    )
    skips = [e.skip for e in parse_feed(body.encode(), BASE + "feed.xml").entries]
    assert skips == ["a podcast episode (it carries its own audio)", "a video", "a video"]


def test_broken_xml_is_reported() -> None:
    with pytest.raises(FeedError, match="not a well-formed feed"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Oops', BASE)


def test_a_page_is_not_a_feed_but_may_name_one() -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body><p>Hello</p></body></html>"
    )
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(page, BASE)
    assert discover(page, BASE + "blog/") == [BASE + "feed.xml"]


def test_an_item_whose_link_is_an_address_cut_short_has_no_link() -> None:
    # 'http://[::1' made urlsplit raise: the whole subscribe or update ended in a traceback
    items = [
        {"title": "Cut short", "link": "http://[::1", "guid": "g1", "date": DATE},
        {"title": "Whole", "link": BASE + "whole.html", "guid": "g2", "date": DATE},
    ]
    feed = parse_feed(rss(BASE, items).encode(), BASE + "feed.xml")
    assert [e.link for e in feed.entries] == [None, BASE + "whole.html"]
