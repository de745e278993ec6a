"""OPML subscription lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.publish.subscriptions.opml import looks_like_opml, read_opml
from tests.publish.subscriptions.samples import opml


def test_every_feed_at_any_depth_once(tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(
        opml(
            [
                ("A", "http://a.test/feed"),
                ("B", "https://b.test/atom"),
                ("A again", "http://a.test/feed"),
            ]
        ),
        "utf-8",
    )
    assert looks_like_opml(path)
    assert [(o.url, o.title) for o in read_opml(path)] == [
        ("http://a.test/feed", "A"),
        ("https://b.test/atom", "B"),
    ]


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read", "utf-8")
    path = tmp_path / "evil.opml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<opml version="2.0"><body><outline title="&x;" xmlUrl="http://a.test/f"/></body></opml>',
        "utf-8",
    )
    try:
        titles = [o.title or "" for o in read_opml(path)]
    except InputError as refused:
        titles = [str(refused)]
    assert not any("do not read" in t for t in titles)


def test_not_opml(tmp_path: Path) -> None:
    path = tmp_path / "x.opml"
    path.write_text("<rss/>", "utf-8")
    with pytest.raises(InputError, match="not an OPML file"):
        read_opml(path)
    path.write_text("<opml", "utf-8")
    with pytest.raises(InputError, match="not well-formed OPML"):
        read_opml(path)
