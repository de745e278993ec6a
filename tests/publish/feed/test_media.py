"""Media types by file name (publish/feed/media.py), as the feed and the server both say them."""

from __future__ import annotations

import pytest

from narrate.core.formats import FORMATS
from narrate.publish.feed.media import FEED_NAME, media_type


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("feed.xml", "application/rss+xml"),
        ("FEED.XML", "application/rss+xml"),
        ("other.xml", "application/xml"),
        ("episode.mp3", "audio/mpeg"),
        ("EPISODE.MP3", "audio/mpeg"),
        ("episode.opus", "audio/ogg"),
        ("episode.ogg", "audio/ogg"),
        ("episode.vtt", "text/vtt"),
        ("episode.srt", "application/x-subrip"),
        ("episode.chapters.json", "application/json+chapters"),  # the longer suffix wins
        ("episode.json", "application/json"),
        ("cover.png", "image/png"),
        ("épisode d’été.mp3", "audio/mpeg"),
        ("no-suffix", "application/octet-stream"),
        ("archive.unknownsuffix", "application/octet-stream"),
    ],
)
def test_media_type_by_name(name: str, expected: str) -> None:
    assert media_type(name) == expected


def test_every_audio_format_gets_its_own_type() -> None:
    assert FEED_NAME == "feed.xml"
    for fmt in FORMATS.values():
        assert media_type(f"episode{fmt.suffix}") == fmt.mime
