"""narrate: turn web articles into narrated audio with chapters, offline."""

from __future__ import annotations

__version__ = "0.1.0"
