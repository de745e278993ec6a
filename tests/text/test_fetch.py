"""fetch: real, broken HTTP servers on 127.0.0.1 (raw sockets): one InputError each, no hang."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from narrate.core import http
from narrate.core.errors import InputError
from narrate.text.fetch import fetch
from narrate.text.load import load

PAGE = (
    b"<!doctype html><html><head><title>Harbour</title></head><body><article>"
    + b"<p>The harbour opened early, and the boats came in with the tide.</p>" * 60
    + b"</article></body></html>"
)
Answer = Callable[[socket.socket, threading.Event], None]


class RawServer:
    """Answers every connection with `answer(conn, stopping)` after reading the request."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.stopping = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)  # accept() wakes up to see `stopping`
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/page"
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                self.answer(conn, self.stopping)
            except OSError:
                pass

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(10)
        self.listener.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], str]]:
    """Start raw servers for a test; all are stopped when it ends."""
    servers: list[RawServer] = []

    def start(answer: Answer) -> str:
        servers.append(RawServer(answer))
        return servers[-1].url

    yield start
    for server in servers:
        server.stop()


def _send(data: bytes) -> Answer:
    return lambda conn, _: conn.sendall(data)


MALFORMED = {
    "bad status line": b"HELLO WORLD\r\n\r\n",
    "over 100 headers": b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"X-Header-%d: v\r\n" % n for n in range(150))
    + b"\r\n"
    + PAGE,
    "70 KB header line": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n" + PAGE,
    "broken chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"zz\r\nhello\r\n0\r\n\r\n",
}


@pytest.mark.parametrize("answer", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_answers_are_one_input_error(
    serve: Callable[[Answer], str], answer: bytes
) -> None:
    url = serve(_send(answer))
    with pytest.raises(InputError, match="not valid HTTP") as caught:
        fetch(url)
    assert "\n" not in str(caught.value)


def test_a_good_chunked_answer_is_read_whole(serve: Callable[[Answer], str]) -> None:
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(PAGE[i : i + 999]), PAGE[i : i + 999])
        for i in range(0, len(PAGE), 999)
    )
    url = serve(
        _send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")
    )
    body, _, _ = fetch(url)
    assert body == PAGE


def test_a_truncated_download_is_an_error(serve: Callable[[Answer], str]) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
    url = serve(_send(head + PAGE[:3200]))
    with pytest.raises(InputError, match="stopped after 3200 of 100000 bytes"):
        load(url)


def test_a_server_dripping_bytes_meets_the_overall_deadline(
    serve: Callable[[Answer], str],
) -> None:
    def drip(conn: socket.socket, stopping: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        for byte in PAGE:  # a byte every 0.2 s: each read succeeds, the whole never ends
            if stopping.wait(0.2):
                return
            conn.sendall(bytes([byte]))

    url = serve(drip)
    with pytest.raises(InputError, match="took longer than 1 s"):
        fetch(url, deadline_s=1.0)


def test_headers_dripping_meet_the_deadline_too(serve: Callable[[Answer], str]) -> None:
    def drip(conn: socket.socket, stopping: threading.Event) -> None:
        for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"s" * 10_000:
            if stopping.wait(0.2):
                return
            conn.sendall(bytes([byte]))

    with pytest.raises(InputError, match="took longer than 1 s"):
        fetch(serve(drip), deadline_s=1.0)


def test_a_redirect_loop_is_one_line(serve: Callable[[Answer], str]) -> None:
    url = serve(_send(b"HTTP/1.1 302 Found\r\nLocation: /page\r\nContent-Length: 0\r\n\r\n"))
    with pytest.raises(InputError, match="redirects in a loop") as caught:
        fetch(url)
    assert "\n" not in str(caught.value)


def test_the_default_deadline_bounds_the_per_read_timeout() -> None:
    assert http.TIMEOUT_S <= http.DEADLINE_S
