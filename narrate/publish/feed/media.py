"""Media types by file name: the table lives in core (the pipeline names what it stores too)."""

from __future__ import annotations

from narrate.core.media import FEED_NAME, MEDIA_TYPES, media_type

__all__ = ["FEED_NAME", "MEDIA_TYPES", "media_type"]
