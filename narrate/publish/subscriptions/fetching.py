"""HTTP for subscriptions: feeds and article pages, fetched as a good citizen of the web.

Every request names narrate and its version in its User-Agent, asks for
gzip, sends the validators of the last fetch (ETag, Last-Modified) so an
unchanged feed costs a 304 and no body, and waits for any other request to
the same host to finish first. The download itself (one deadline for the
whole of it, a size cap, short bodies, malformed answers, one error line)
is narrate/core/http.py, which article pages use too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from narrate.core.http import MAX_BYTES, USER_AGENT, Answer, HttpError, check_url, get

TIMEOUT_S = 30.0
_host_locks: dict[str, threading.Lock] = {}
_host_locks_guard = threading.Lock()

FetchError = HttpError  # a feed or page could not be fetched; `status` as the server gave it
__all__ = ["USER_AGENT", "FetchError", "Fetcher", "Response"]


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators matched
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @classmethod
    def of(cls, answer: Answer) -> Response:
        return cls(
            url=answer.url,
            status=answer.status,
            body=answer.body,
            content_type=answer.header("Content-Type"),
            etag=answer.header("ETag"),
            last_modified=answer.header("Last-Modified"),
        )


@dataclass(frozen=True, slots=True)
class Fetcher:
    """GETs with a deadline (twice the timeout) and a size cap; one at a time per host."""

    timeout_s: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Response:
        check_url(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with _host_lock(urlsplit(url).hostname or ""):
            answer = get(url, headers, self.timeout_s, 2 * self.timeout_s, self.max_bytes)
        return Response.of(answer)


def _host_lock(host: str) -> threading.Lock:
    with _host_locks_guard:
        return _host_locks.setdefault(host.lower(), threading.Lock())
