"""A small web site on 127.0.0.1 for subscription tests, started and stopped by the test.

Routes are set per test: a body with its media type, optionally an ETag (then a
matching If-None-Match gets 304), a status (404, or a redirect with its
Location), or a delay before the
answer (a server that does not answer in time). Every request is counted and
its headers kept, so a test can tell what was fetched and how; a request is
in flight from its arrival until its answer starts (`most_in_flight`).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    media_type: str
    status: int = 200
    etag: str | None = None
    delay_s: float = 0.0
    declared_length: int | None = None  # a Content-Length that lies (a cut-off download)
    encoding: str | None = None  # Content-Encoding of the body as given
    location: str | None = None  # where a redirect points


class Site:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests answered at once

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def add(
        self,
        path: str,
        body: str | bytes,
        media_type: str = "text/html; charset=utf-8",
        status: int = 200,
        etag: str | None = None,
        delay_s: float = 0.0,
        declared_length: int | None = None,
        encoding: str | None = None,
        location: str | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(data, media_type, status, etag, delay_s, declared_length, encoding, location)
        self.routes["/" + path.lstrip("/")] = route
        return self.url(path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == "/" + path.lstrip("/")]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with site.lock:
                site.hits[path] += 1
                site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
            route = site.routes.get(path)
            if route is None:
                route = Route(b"<h1>Not found</h1>", "text/html", 404)
            try:
                if route.delay_s:
                    time.sleep(route.delay_s)
            finally:
                # out of flight before the first byte of the answer: a client that waits for
                # the answer can never send its next request while this one still counts
                with site.lock:
                    site.in_flight -= 1
            self._answer(route)

        def _answer(self, route: Route) -> None:
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.media_type)
            self.send_header("Content-Length", str(route.declared_length or len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.encoding:
                self.send_header("Content-Encoding", route.encoding)
            if route.location:
                self.send_header("Location", route.location)
            self.end_headers()
            try:
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_site(host: str = "127.0.0.1") -> Iterator[Site]:
    server = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)
    site = Site(server)
    server.RequestHandlerClass = _handler(site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
