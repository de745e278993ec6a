"""Media types by file name: one table for the feed, the server and what is written to a store
(an object store serves a file with the type it was stored with)."""

from __future__ import annotations

import mimetypes

from narrate.core.formats import FORMATS

FEED_NAME = "feed.xml"
MEDIA_TYPES = {
    **{fmt.suffix: fmt.mime for fmt in FORMATS.values()},
    ".ogg": "audio/ogg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".chapters.json": "application/json+chapters",  # Podcasting 2.0 JSON chapters
    ".json": "application/json",
    ".xml": "application/xml",
}


def media_type(name: str) -> str:
    """The media type for a file name: our table first (longest suffix wins), then mimetypes."""
    lower = name.lower()
    if lower == FEED_NAME:
        return "application/rss+xml"
    for suffix in sorted(MEDIA_TYPES, key=len, reverse=True):
        if lower.endswith(suffix):
            return MEDIA_TYPES[suffix]
    return mimetypes.guess_type(lower)[0] or "application/octet-stream"
