"""Downloading an article page: an http(s) URL -> its bytes, whole, or one InputError line.

The download itself (deadline, size cap, short bodies, malformed answers) is
narrate/core/http.py, shared with the subscriptions' feed fetching.
"""

from __future__ import annotations

from narrate.core.http import DEADLINE_S, MAX_BYTES, get

__all__ = ["MAX_BYTES", "fetch"]


def fetch(url: str, deadline_s: float = DEADLINE_S) -> tuple[bytes, str | None, str]:
    """GET an http(s) URL; return (body, Content-Type, final URL after redirects)."""
    answer = get(url, deadline_s=deadline_s)
    return answer.body, answer.header("Content-Type"), answer.url
