"""Downloading a page: an http(s) URL -> its bytes, whole, within a deadline, or InputError.

urllib does the HTTP (redirects, TLS, proxies from the environment); this
module adds what it leaves to the caller. Its timeout is per read, so a
server that drips a byte every few seconds would hold a run for ever: the
whole download has a deadline (FETCH_DEADLINE_S), after which the socket is
shut down from a timer thread. A body shorter than its Content-Length is an
error, not a page (http.client returns it silently). A malformed answer (bad
status line, too many or too long headers, broken chunks) and a redirect
loop become one line saying so.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from narrate import __version__
from narrate.core.errors import InputError

MAX_BYTES = 25 * 1024 * 1024  # larger than any article page; guards against a wrong URL
FETCH_TIMEOUT_S = 20.0  # for connecting, and for each read
FETCH_DEADLINE_S = 60.0  # for the whole download, redirects included
_HINT = "check the address and your connection"


def fetch(url: str, deadline_s: float = FETCH_DEADLINE_S) -> tuple[bytes, str | None, str]:
    """GET an http(s) URL; return (body, Content-Type, final URL after redirects)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not a web address narrate can fetch: {url}", "use an http(s):// URL")
    deadline = _Deadline(deadline_s)
    opener = urllib.request.build_opener(_WatchedHTTP(deadline), _WatchedHTTPS(deadline))
    request = urllib.request.Request(url, headers={"User-Agent": f"narrate/{__version__}"})
    try:
        with deadline, opener.open(request, timeout=min(FETCH_TIMEOUT_S, deadline_s)) as response:
            body: bytes = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type")
            expected = response.headers.get("Content-Length", "")
            final_url: str = response.geturl()
    except urllib.error.HTTPError as exc:
        raise _http_error(url, exc) from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        if deadline.expired:
            raise _too_slow(url, deadline_s) from exc
        raise InputError(f"could not fetch {url}: {_reason(exc)}", _HINT) from exc
    if deadline.expired:
        raise _too_slow(url, deadline_s)
    if expected.isdigit() and len(body) < int(expected):
        raise InputError(
            f"the download of {url} stopped after {len(body)} of {int(expected)} bytes",
            "the server closed the connection early; try again",
        )
    return body, content_type, final_url


def _http_error(url: str, exc: urllib.error.HTTPError) -> InputError:
    if 300 <= exc.code < 400:  # urllib gives up on a loop or on more than 10 redirects
        return InputError(f"{url} redirects in a loop (or too many times)", "check the URL")
    reason = " ".join(str(exc.reason).split())
    return InputError(f"{url} answered HTTP {exc.code} {reason}", "check the URL")


def _too_slow(url: str, deadline_s: float) -> InputError:
    return InputError(
        f"downloading {url} took longer than {deadline_s:g} s", "the server is too slow; try again"
    )


def _reason(exc: BaseException) -> str:
    """One short line: urllib's reason, or what was wrong with the server's answer."""
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, http.client.HTTPException):
        detail = " ".join(str(reason).split())[:120]
        name = type(reason).__name__
        return f"the server's answer is not valid HTTP ({name}{': ' + detail if detail else ''})"
    return " ".join(str(reason).split())[:200]


class _Deadline:
    """Shuts down every socket of a download when its time is up (a timer thread)."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked read in the other thread
    except OSError:
        pass  # closed already


def _watched(connection: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    """The connection class, telling `deadline` about each socket it opens."""

    class Watched(connection):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self._deadline), req, **kwargs)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self._deadline), req, **kwargs)
