"""HTTP for subscriptions: feeds and article pages, fetched as a good citizen of the web.

Every request names narrate and its version in its User-Agent, asks for
gzip, sends the validators of the last fetch (ETag, Last-Modified) so an
unchanged feed costs a 304 and no body, has one deadline for the whole
download (a server dripping a byte at a time cannot hold an update up), a
size cap, and waits for any other request to the same host to finish first.
A body shorter than its Content-Length is an error, not a short article.
Every failure becomes one FetchError line.

Its own code rather than `narrate.text.load.fetch`: publishing does not
import the text stage, and conditional requests need the headers both ways.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from narrate import __version__
from narrate.core.errors import InputError

USER_AGENT = f"narrate/{__version__} (podcast of articles; +https://pypi.org/project/narrate/)"
TIMEOUT_S = 30.0
MAX_BYTES = 25 * 1024 * 1024  # as for article pages (narrate/text/load.py): no feed is larger
_BLOCK = 64 * 1024
_host_locks: dict[str, threading.Lock] = {}
_host_locks_guard = threading.Lock()


class FetchError(InputError):
    """A feed or page could not be fetched; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, hint: str = "", status: int | None = None) -> None:
        super().__init__(message, hint)
        self.status = status


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


@dataclass(frozen=True, slots=True)
class Fetcher:
    """GETs with a deadline and a size cap; one request at a time per host, across threads."""

    timeout_s: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Response:
        host = urlsplit(url).hostname
        if urlsplit(url).scheme not in ("http", "https") or not host:
            raise FetchError(f"not an http(s) address: {url}", "use an http(s):// URL")
        headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with _host_lock(host):
            return self._get(urllib.request.Request(url, headers=headers))

    def _get(self, request: urllib.request.Request) -> Response:
        url = request.full_url
        deadline = time.monotonic() + self.timeout_s
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                body = self._read(response, url, deadline)
                return Response(
                    response.geturl(), 200, body, response.headers.get("Content-Type"),
                    response.headers.get("ETag"), response.headers.get("Last-Modified"),
                )  # fmt: skip
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, b"", None, exc.headers.get("ETag"), None)
            if 300 <= exc.code < 400:
                raise FetchError(f"{url} redirects in a loop", "check the address") from exc
            raise FetchError(
                f"{url} answered HTTP {exc.code} {exc.reason}", "check the address", exc.code
            ) from exc
        except TimeoutError as exc:
            raise FetchError(
                f"{url} did not answer within {self.timeout_s:g} s", "try again later"
            ) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                message = f"{url} did not answer within {self.timeout_s:g} s"
            else:
                message = f"could not fetch {url}: {_one_line(reason)}"
            raise FetchError(message, "check the address and your connection") from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise FetchError(
                f"could not fetch {url}: {_one_line(exc) or type(exc).__name__}",
                "the server's answer was broken",
            ) from exc

    def _read(self, response: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
        """The whole body within the deadline and the cap; gunzipped; never silently cut short.

        The deadline is checked between reads, and each read waits at most the
        socket timeout, so a download never takes more than twice the timeout.
        """
        expected = response.headers.get("Content-Length")
        gzipped = (response.headers.get("Content-Encoding") or "").lower() == "gzip"
        received = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            block = response.read1(_BLOCK)  # each read waits at most timeout_s
            if not block:
                break
            received += block
            if len(received) > self.max_bytes:
                raise FetchError(f"{url} is larger than {_size(self.max_bytes)}", "is it a feed?")
        if expected and expected.isdigit() and len(received) < int(expected):
            raise FetchError(
                f"{url} ended early ({len(received)} of {expected} bytes)", "try again later"
            )
        return _gunzip(bytes(received), url, self.max_bytes) if gzipped else bytes(received)


def _gunzip(body: bytes, url: str, max_bytes: int) -> bytes:
    """Decompress, refusing more than max_bytes of output (a small bomb stays small)."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"{url} sent broken gzip data", "try again later") from exc
    if len(out) > max_bytes:
        raise FetchError(f"{url} is larger than {_size(max_bytes)}", "is it a feed?")
    return out


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count // 1024} KB"


def _host_lock(host: str) -> threading.Lock:
    with _host_locks_guard:
        return _host_locks.setdefault(host.lower(), threading.Lock())


def _one_line(reason: object) -> str:
    return " ".join(str(reason).split())
