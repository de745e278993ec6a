"""HTTP serving of an output folder for podcast apps: Starlette's StaticFiles on uvicorn.

Why these: podcast apps seek with byte ranges and probe with HEAD; the
standard library's http.server ignores Range. Starlette's FileResponse (1.x,
checked on 1.10) answers HEAD, single, suffix and multiple ranges (206 with
Content-Range), 416 for unsatisfiable ones, ETag/Last-Modified and 304, and
its StaticFiles refuses paths that resolve outside the folder and never lists
directories. On top we refuse every dotfile and dot folder (the feed state,
temporary files, `.done` inbox folders) and set our own media types; a Range
header that does not parse is ignored (the whole file, 200) as most servers
do, where Starlette answers 400; and a connection that has not finished its
request headers within HEADERS_TIMEOUT_S is closed (uvicorn waits for ever).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from narrate.core.errors import InputError, OutputError
from narrate.publish.feed import (
    DEFAULT_TITLE,
    FEED_NAME,
    media_type,
    normalize_base_url,
    stored_channel,
)
from narrate.publish.index import index_page, listings

log = logging.getLogger(__name__)
TEXT_TYPES = ("application/rss+xml", "application/json", "application/x-subrip", "text/")
HEADERS_TIMEOUT_S = 20.0
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d+-\d*|-\d+)(\s*,\s*(\d+-\d*|-\d+))*\s*$", re.I)


class FolderFiles(StaticFiles):
    """StaticFiles that hides dotfiles and names podcast media types itself."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(without_bad_range(scope), receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        # uvicorn has already decoded %2e%2e to '..': refuse any dot segment outright,
        # before StaticFiles' own resolve-and-compare check.
        route = scope["path"]
        if any(part.startswith(".") for part in route.split("/") if part):
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if isinstance(response, FileResponse):
            kind = media_type(Path(full_path).name)
            if kind.startswith(TEXT_TYPES) and "charset" not in kind:
                kind += "; charset=utf-8"
            response.media_type = kind
            response.headers["content-type"] = kind
        return response


def without_bad_range(scope: Scope) -> Scope:
    """The request without its Range header when that does not parse (RFC 9110: ignore it)."""
    headers = scope.get("headers", [])
    ranges = [value for name, value in headers if name == b"range"]
    if not ranges or all(_parses(value.decode("latin-1")) for value in ranges):
        return scope
    return {**scope, "headers": [(name, value) for name, value in headers if name != b"range"]}


def _parses(header: str) -> bool:
    if not _RANGE.match(header):
        return False
    for spec in header.split("=", 1)[1].split(","):
        first, _, last = spec.strip().partition("-")
        if first and last and int(last) < int(first):
            return False  # an invalid range-spec: the whole header is ignored
    return True


class HeadersInTime(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers.

    A client that connects and never finishes its headers would hold its
    connection for ever; keep-alive idling has its own, shorter timeout.
    """

    headers_timeout_s = HEADERS_TIMEOUT_S

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._headers_timer = self.loop.call_later(self.headers_timeout_s, self._headers_late)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._headers_timer.cancel()  # the next request's headers get time of their own
        self._headers_timer = self.loop.call_later(self.headers_timeout_s, self._headers_late)

    def connection_lost(self, exc: Exception | None) -> None:
        self._headers_timer.cancel()
        super().connection_lost(exc)

    def _headers_late(self) -> None:
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def make_app(outdir: Path) -> Starlette:
    """The ASGI app serving OUTDIR and nothing else (no listing, no dotfiles)."""
    if not outdir.is_dir():
        if outdir.is_file():
            raise InputError(f"{outdir} is a file", "serve the folder of narrated articles")
        raise InputError(f"no such folder: {outdir}", "narrate some articles into it first")
    files = FolderFiles(directory=outdir.resolve(), html=False, follow_symlink=False)

    def index(request: Request) -> Response:
        channel = stored_channel(outdir)
        feed_url = None
        if (outdir / FEED_NAME).is_file():
            base = channel.base_url or str(request.base_url)
            feed_url = normalize_base_url(base) + FEED_NAME
        title = channel.title or DEFAULT_TITLE
        page = index_page(listings(outdir), feed_url, title)
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    return Starlette(routes=[Route("/", index, methods=["GET"]), Mount("/", app=files)])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket: bound here so port 0 gives a free port known before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        # an address that is not this machine's, or no address at all, is the host's fault
        wrong_host = isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL
        raise OutputError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            "choose another --host: 127.0.0.1, or an address of this machine"
            if wrong_host
            else "choose another --port",
        ) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def server_url(sock: socket.socket) -> str:
    """The base URL clients use to reach the socket (a wildcard address becomes the host name)."""
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


@dataclass(frozen=True, slots=True)
class Server:
    """A prepared server: its socket, base URL and the uvicorn instance that will run it."""

    sock: socket.socket
    url: str
    backend: uvicorn.Server

    def run(self) -> None:
        """Serve until stopped (Ctrl-C in the main thread, or stop() from another)."""
        try:
            self.backend.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def stop(self) -> None:
        self.backend.should_exit = True


def prepare(
    outdir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    access_log: bool = True,
    headers_timeout_s: float = HEADERS_TIMEOUT_S,
) -> Server:
    """Bind the socket and build the uvicorn server for OUTDIR; call run() to serve."""
    app = make_app(outdir)
    sock = bind(host, port)
    protocol = type("HeadersInTime", (HeadersInTime,), {"headers_timeout_s": headers_timeout_s})
    config = uvicorn.Config(
        app, http=protocol, log_level="info", access_log=access_log, lifespan="off"
    )
    return Server(sock, server_url(sock), uvicorn.Server(config))
