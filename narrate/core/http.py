"""One HTTP GET for every download narrate makes: article pages, feeds, reading lists.

urllib does the HTTP (redirects, TLS, proxies from the environment); this
module adds what it leaves to the caller:
- a deadline for the whole download: urllib's timeout is per read, so a
  server dripping a byte every few seconds would hold a run for ever; when
  the deadline passes a timer thread shuts the sockets down;
- a size cap, and gzip decoded within the same cap (a small bomb stays small);
- a body shorter than its Content-Length is an error, not a page
  (http.client returns it silently);
- a malformed answer (bad status line, too many or too long headers, broken
  chunks), a redirect loop and every other failure become one HttpError line;
- http and https only: a redirect elsewhere (ftp://, file://) is refused and
  said so, and urllib's other handlers (FTP, local files, data:) are not there;
- every hop held to the reach of the download (narrate/core/reach.py): a URL
  from a feed item, an import or the inbox connects to public addresses only.
A 304 (the validators matched) is an answer, not an error.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from narrate import __version__
from narrate.core.errors import InputError
from narrate.core.reach import Reach, RefusedAddress, current_reach

USER_AGENT = f"narrate/{__version__} (narrated articles, offline)"
TIMEOUT_S = 20.0  # for connecting, and for each read
DEADLINE_S = 60.0  # for the whole download, redirects included
MAX_BYTES = 25 * 1024 * 1024  # larger than any article page or feed; guards against a wrong URL
_BLOCK = 64 * 1024
_HINT = "check the address and your connection"


class HttpError(InputError):
    """A download failed; `status` is the HTTP status when the server gave one."""

    def __init__(self, message: str, hint: str = _HINT, status: int | None = None) -> None:
        super().__init__(message, hint)
        self.status = status


@dataclass(frozen=True, slots=True)
class Answer:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators matched
    body: bytes
    headers: Mapping[str, str]  # by lower-case name: a header's name has no case

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


SCHEMES = ("http", "https")


def _by_name(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers by lower-case name ('Content-type', as Python's http.server sends it, is
    Content-Type)."""
    return {name.lower(): value for name, value in headers}


def is_web_url(url: str) -> bool:
    """Whether `url` is an http(s) address Python can take apart ('http://[::1' is not)."""
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in SCHEMES and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


def host_of(url: str) -> str:
    """The host a URL names, lower case ('' when it names none, or is no URL)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def check_url(url: str) -> None:
    """HttpError, before any connection, for what no server could be asked for."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # 'http://[::1': an address cut short
        raise HttpError(f"{url} is no web address: {exc}", "check the URL") from None
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise HttpError(
            f"not an http(s) web address narrate can fetch: {url}", "use an http(s):// URL"
        )
    if parts.username is not None or parts.password is not None:  # urllib takes them for a host
        raise HttpError(
            f"{url} holds a user name or password", "narrate logs in nowhere: save the page"
        )
    try:
        parts.port  # noqa: B018  # raises for a port past 65535 or not a number
    except ValueError:
        raise HttpError(f"{url} names no port there can be", "ports run from 1 to 65535") from None
    # urllib drops the space around a URL and its #fragment; inside, no request can hold one
    asked = url.strip().split("#", 1)[0]
    if any(ch.isspace() or ord(ch) < 32 for ch in asked):
        raise HttpError(f"{url!r} holds a space or a control character", "write a space as %20")


def get(
    url: str,
    headers: Mapping[str, str] | None = None,
    timeout_s: float = TIMEOUT_S,
    deadline_s: float = DEADLINE_S,
    max_bytes: int = MAX_BYTES,
    reach: Reach | None = None,
) -> Answer:
    """GET `url` whole within `deadline_s`; HttpError (one line) when it cannot be had.

    `reach` (default: the current one, narrate/core/reach.py) says which
    addresses the download and its redirects may connect to.
    """
    check_url(url)
    reach = reach or current_reach()
    sent = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", **(headers or {})}
    deadline = _Deadline(deadline_s)
    opener = _opener(deadline, reach)
    request = urllib.request.Request(url, headers=sent)
    try:
        _check_hop(url, reach)
        with deadline, opener.open(request, timeout=min(timeout_s, deadline_s)) as response:
            body = _read(response, url, max_bytes)
            answer = Answer(response.geturl(), 200, body, _by_name(response.headers.items()))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Answer(url, 304, b"", _by_name(exc.headers.items()))
        raise _status_error(url, exc) from exc
    except (HttpError, RefusedAddress):
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        if deadline.expired:
            raise _too_slow(url, deadline_s) from exc
        if _timed_out(exc):
            message = f"{url} did not answer within {timeout_s:g} s"
            raise HttpError(message, "try again later") from exc
        raise HttpError(f"could not fetch {url}: {_reason(exc)}") from exc
    if deadline.expired:
        raise _too_slow(url, deadline_s)
    return answer


def _opener(deadline: _Deadline, reach: Reach) -> urllib.request.OpenerDirector:
    """urllib's opener with only what narrate uses: proxies from the environment, HTTP(S)
    watched by the deadline and held to `reach`, redirects checked hop by hop."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _WatchedHTTP(deadline, reach),
        _WatchedHTTPS(deadline, reach),
        _CheckedRedirects(reach),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _check_hop(url: str, reach: Reach) -> None:
    """Refuse, before asking, a URL whose host is not one `reach` allows (when it resolves:
    a name that does not fails as the connection would)."""
    if not reach.public_only:
        return
    parts = urlsplit(url)
    try:
        reach.check_host(url, parts.hostname or "", parts.port)
    except OSError:
        pass


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s), and only to a host the download's reach allows."""

    def __init__(self, reach: Reach) -> None:
        super().__init__()
        self._reach = reach

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        target = headers.get("location") or headers.get("uri")
        if target:
            url = urllib.parse.urljoin(req.full_url, target.strip())
            scheme = urlsplit(url).scheme.lower()
            if scheme not in SCHEMES:
                raise HttpError(
                    f"{req.full_url} redirects to {scheme or 'a non-web'}:// ({url[:200]}); "
                    "narrate follows redirects only to http and https",
                    "the page is not a web page narrate can fetch",
                )
            _check_hop(url, self._reach)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _read(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    expected = response.headers.get("Content-Length", "")
    gzipped = (response.headers.get("Content-Encoding") or "").lower() == "gzip"
    received = bytearray()
    while block := response.read1(_BLOCK):
        received += block
        if len(received) > max_bytes:
            raise HttpError(f"{url} is larger than {_size(max_bytes)}", "is it the right address?")
    if expected.isdigit() and len(received) < int(expected):
        raise HttpError(
            f"the download of {url} stopped after {len(received)} of {int(expected)} bytes",
            "the server closed the connection early; try again",
        )
    return _gunzip(bytes(received), url, max_bytes) if gzipped else bytes(received)


def _gunzip(body: bytes, url: str, max_bytes: int) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise HttpError(f"{url} sent broken gzip data", "try again later") from exc
    if len(out) > max_bytes:
        raise HttpError(f"{url} is larger than {_size(max_bytes)}", "is it the right address?")
    return out


def _status_error(url: str, exc: urllib.error.HTTPError) -> HttpError:
    if 300 <= exc.code < 400 and not (exc.headers.get("Location") or exc.headers.get("URI")):
        return HttpError(
            f"{url} answered HTTP {exc.code}, a redirect, without saying where to",
            "the site must fix it; try the address it sends a browser to",
            exc.code,
        )
    if 300 <= exc.code < 400:  # urllib gives up on a loop or on more than 10 redirects
        return HttpError(f"{url} redirects in a loop (or too many times)", "check the URL")
    reason = " ".join(str(exc.reason).split())
    return HttpError(f"{url} answered HTTP {exc.code} {reason}", "check the URL", exc.code)


def _too_slow(url: str, deadline_s: float) -> HttpError:
    return HttpError(
        f"downloading {url} took longer than {deadline_s:g} s", "the server is too slow; try again"
    )


def _timed_out(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError)


def _reason(exc: BaseException) -> str:
    """One short line: urllib's reason, or what was wrong with the server's answer."""
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, http.client.HTTPException):
        detail = " ".join(str(reason).split())[:120]
        name = type(reason).__name__
        return f"the server's answer is not valid HTTP ({name}{': ' + detail if detail else ''})"
    return " ".join(str(reason).split())[:200] or type(reason).__name__


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count // 1024} KB"


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


def _watched(
    connection: type[http.client.HTTPConnection], deadline: _Deadline, reach: Reach
) -> Any:
    """The connection class, telling `deadline` about each socket it opens, and connecting
    only to an address `reach` allows (the address checked is the one connected to)."""

    class Watched(connection):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if reach.public_only:
                self._create_connection = self._connect_checked

        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

        def _connect_checked(
            self, address: tuple[str, int], timeout: Any, source: Any = None
        ) -> socket.socket:
            host, port = address
            url = f"{host}:{port}"
            failure: OSError | None = None
            for ip in reach.check_host(url, host, port):
                try:
                    return socket.create_connection((str(ip), port), timeout, source)
                except OSError as exc:
                    failure = exc
            raise failure or OSError(f"{host} has no address")

    return Watched


class _Watching(urllib.request.AbstractHTTPHandler):
    """What the HTTP and the HTTPS handler add: every connection kept to the deadline and
    connected only to addresses the reach allows."""

    def __init__(self, deadline: _Deadline, reach: Reach) -> None:
        super().__init__()
        self._deadline = deadline
        self._reach = reach

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        # Through a proxy the connection goes to the proxy (the user's own setting); the
        # target host was checked before asking (`_check_hop`).
        reach = Reach(public_only=False) if req.has_proxy() else self._reach
        return super().do_open(_watched(http_class, self._deadline, reach), req, **kwargs)


class _WatchedHTTP(_Watching, urllib.request.HTTPHandler):
    pass


class _WatchedHTTPS(_Watching, urllib.request.HTTPSHandler):
    pass
