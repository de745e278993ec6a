"""`narrate serve`: a real uvicorn on 127.0.0.1 answering HEAD, ranges, escapes and media types."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.errors import OutputError
from narrate.pipeline.narrator import Settings, narrate_article
from narrate.publish.inbox import Inbox, sources
from narrate.publish.serve import HEADERS_TIMEOUT_S, Server, prepare
from tests.publish.test_feed import narrate_into, write_page, write_sidecars


@contextmanager
def running(
    outdir: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout_s: float = 10.0,
    headers_timeout_s: float = HEADERS_TIMEOUT_S,
) -> Iterator[Server]:
    """Serve OUTDIR in a background thread for the duration of the block (tests, embedding)."""
    server = prepare(outdir, host, port, access_log=False, headers_timeout_s=headers_timeout_s)
    thread = threading.Thread(target=server.run, name="narrate-serve", daemon=True)
    thread.start()
    try:
        _wait_until(lambda: server.backend.started or not thread.is_alive(), timeout_s)
        if not server.backend.started:
            raise OutputError(f"the server on {server.url} did not start", "see the log")
        yield server
    finally:
        server.stop()
        thread.join(timeout_s)


def _wait_until(condition: Callable[[], bool], timeout_s: float) -> None:
    event = threading.Event()
    for _ in range(int(timeout_s / 0.02)):
        if condition():
            return
        event.wait(0.02)


ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = Path(sys.executable).with_name("narrate")
NARRATE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "narrate"]
MP3 = "the-lighthouse-keeps-its-lamp.mp3"
TYPES = {
    MP3: "audio/mpeg",
    "copy.m4a": "audio/x-m4a",
    "copy.m4b": "audio/mp4",
    "copy.opus": "audio/ogg",
    "feed.xml": "application/rss+xml; charset=utf-8",
    "the-lighthouse-keeps-its-lamp.vtt": "text/vtt; charset=utf-8",
    "the-lighthouse-keeps-its-lamp.srt": "application/x-subrip; charset=utf-8",
    "the-lighthouse-keeps-its-lamp.chapters.json": "application/json+chapters; charset=utf-8",
    "the-lighthouse-keeps-its-lamp.json": "application/json; charset=utf-8",
}


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real episode with sidecars and a feed, plus copies under other audio names,
    a subfolder, dotfiles, and a secret beside OUTDIR that must never be served."""
    root = tmp_path_factory.mktemp("serve")
    out = root / "out"
    mp3 = narrate_into(out, "lighthouse")
    write_sidecars(mp3)
    for name in ("copy.m4a", "copy.m4b", "copy.opus"):
        shutil.copyfile(mp3, out / name)  # only the name matters for the media type
    result = CliRunner().invoke(app, ["feed", str(out), "--base-url", "http://127.0.0.1:1/"])
    assert result.exit_code == 0, result.output
    (out / "sub").mkdir()
    (out / "sub" / "note.txt").write_text("in a subfolder", "utf-8")
    (out / ".hidden").write_text("a dotfile", "utf-8")
    (out / "sub" / ".private").write_text("a dotfile", "utf-8")
    (root / "secret.txt").write_text("outside OUTDIR", "utf-8")
    (out / "link.txt").symlink_to(root / "secret.txt")
    return out


@pytest.fixture(scope="module")
def server(outdir: Path) -> Iterator[Server]:
    with running(outdir) as started:
        yield started


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10, trust_env=False) as http:
        yield http


def raw_status(server: Server, target: str) -> int:
    """The status for a request target sent exactly as written (clients normalise '..')."""
    host, port = server.sock.getsockname()[:2]
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while b"\r\n" not in reply:
            chunk = conn.recv(4096)
            if not chunk:
                break
            reply += chunk
    return int(reply.split(b" ", 2)[1])


def test_head_gives_length_type_etag_without_a_body(client: httpx.Client, outdir: Path) -> None:
    response = client.head(MP3)
    assert response.status_code == 200
    assert response.headers["content-length"] == str((outdir / MP3).stat().st_size)
    assert response.headers["content-type"] == "audio/mpeg"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"]
    assert response.headers["last-modified"].endswith("GMT")
    assert response.content == b""


def test_first_two_bytes(client: httpx.Client, outdir: Path) -> None:
    data = (outdir / MP3).read_bytes()
    response = client.get(MP3, headers={"Range": "bytes=0-1"})
    assert response.status_code == 206
    assert response.headers["content-range"] == f"bytes 0-1/{len(data)}"
    assert response.content == data[:2]


def test_suffix_range(client: httpx.Client, outdir: Path) -> None:
    data = (outdir / MP3).read_bytes()
    response = client.get(MP3, headers={"Range": "bytes=-100"})
    assert response.status_code == 206
    assert (
        response.headers["content-range"] == f"bytes {len(data) - 100}-{len(data) - 1}/{len(data)}"
    )
    assert response.content == data[-100:]


def test_open_range_and_query_string(client: httpx.Client, outdir: Path) -> None:
    """The feed's enclosure URLs carry ?v=<hash>: the same file is served."""
    data = (outdir / MP3).read_bytes()
    response = client.get(MP3 + "?v=0123456789ab", headers={"Range": "bytes=1000-"})
    assert response.status_code == 206
    assert response.content == data[1000:]


def test_unsatisfiable_range_is_416(client: httpx.Client, outdir: Path) -> None:
    size = (outdir / MP3).stat().st_size
    response = client.get(MP3, headers={"Range": f"bytes={size}-{size + 10}"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{size}"


def test_conditional_get_is_304(client: httpx.Client) -> None:
    etag = client.head("feed.xml").headers["etag"]
    assert client.get("feed.xml", headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize(("name", "expected"), TYPES.items())
def test_media_types(client: httpx.Client, name: str, expected: str) -> None:
    response = client.head(name)
    assert response.status_code == 200
    assert response.headers["content-type"] == expected


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/link.txt",  # a symlink pointing outside OUTDIR
    ],
)
def test_nothing_outside_outdir(server: Server, target: str) -> None:
    assert raw_status(server, target) == 404


@pytest.mark.parametrize(
    "target", ["/.hidden", "/.feed-state.json", "/sub/.private", "/%2ehidden", "/sub/%2eprivate"]
)
def test_dotfiles_are_hidden(server: Server, target: str) -> None:
    assert raw_status(server, target) == 404


@pytest.mark.parametrize("target", ["/sub", "/sub/", "/missing.mp3", "/sub/missing.txt"])
def test_no_listing_and_missing_files(server: Server, target: str) -> None:
    assert raw_status(server, target) == 404


def test_root_is_the_episode_index(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "The Lighthouse Keeps Its Lamp" in page.text
    assert 'href="the-lighthouse-keeps-its-lamp.listen.html"' in page.text
    head = client.head("/")
    assert (head.status_code, head.content) == (200, b"")
    listen = client.get("the-lighthouse-keeps-its-lamp.listen.html")
    assert listen.headers["content-type"] == "text/html; charset=utf-8"


def test_subfolder_files_are_served(client: httpx.Client) -> None:
    assert client.get("sub/note.txt").text == "in a subfolder"


def test_only_get_and_head(client: httpx.Client) -> None:
    assert client.post("feed.xml").status_code == 405


def test_serve_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 2
    assert "no such folder" in result.output
    page = tmp_path / "page.html"
    page.write_text("<p>a page</p>", "utf-8")
    result = CliRunner().invoke(app, ["serve", str(page), "--port", "0"])
    assert result.exit_code == 2
    assert f"{page} is a file" in result.stderr  # was: 'no such folder'


@pytest.mark.parametrize("under", [False, True])
def test_serve_refuses_an_inbox_that_is_a_file(tmp_path: Path, under: bool) -> None:
    # --inbox naming a file (or a folder under a file) ended in FileExistsError's traceback
    page = tmp_path / "page.html"
    page.write_text("<p>a page</p>", "utf-8")
    inbox = page / "inbox" if under else page
    args = ["serve", str(tmp_path), "--port", "0", "--inbox", str(inbox)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: the inbox {inbox} "
        + ("cannot be made: Not a directory" if under else "is a file")
        + " (give --inbox a folder)"
    ]


# --- the inbox ---


def test_url_files_name_their_urls(tmp_path: Path) -> None:
    path = tmp_path / "reading.url"
    path.write_text(
        "# to read\nhttps://example.org/a\n\n"
        "[InternetShortcut]\nURL=https://example.org/b\nnot a url\n",
        "utf-8",
    )
    assert sources(path) == ["https://example.org/a", "https://example.org/b"]
    assert sources(tmp_path / "page.html") == [str(tmp_path / "page.html")]


def test_inbox_narrates_dropped_files_once(tmp_path: Path) -> None:
    """In process, polled by hand: settled files are narrated once and filed away."""
    out, inbox_dir = tmp_path / "out", tmp_path / "inbox"
    inbox_dir.mkdir()
    added: list[str] = []
    inbox = Inbox(
        inbox_dir,
        narrate=lambda source: narrate_article(source, Settings(), out=out),
        on_added=lambda: added.append("feed"),
    )
    shutil.move(write_page(tmp_path, "market"), inbox_dir / "market.html")
    (inbox_dir / "broken.html").write_bytes(b"\x00\x01\x02 not a page")
    (inbox_dir / "empty.url").write_text("no links here\n", "utf-8")
    (inbox_dir / "download.html.part").write_text("<p>still coming</p>", "utf-8")
    assert inbox.poll() == []  # first sighting: not settled yet
    assert len(inbox.poll()) == 3
    assert added == ["feed"]
    assert (out / "a-market-returns-to-the-square.mp3").is_file()
    assert sorted(p.name for p in (inbox_dir / ".done").iterdir()) == ["market.html"]
    assert sorted(p.name for p in (inbox_dir / ".failed").iterdir()) == ["broken.html", "empty.url"]
    assert [p.name for p in inbox_dir.iterdir() if not p.name.startswith(".")] == [
        "download.html.part"
    ]
    assert inbox.poll() == []


def test_a_file_dropped_under_a_name_being_narrated_is_a_new_article(tmp_path: Path) -> None:
    """A second note.txt dropped while the first is narrated is read too, not filed away
    with the first (the race `serve --inbox` lost when the episode was written first)."""
    out, inbox_dir = tmp_path / "out", tmp_path / "inbox"
    inbox_dir.mkdir()
    read: list[str] = []

    def narrate(source: str) -> object:
        read.append(Path(source).read_text("utf-8"))
        if len(read) == 1:  # the user drops another note of the same name meanwhile
            (inbox_dir / "note.txt").write_text("The second note.", "utf-8")
        return out / f"episode-{len(read)}.mp3"

    inbox = Inbox(inbox_dir, narrate=narrate, on_added=lambda: None)
    (inbox_dir / "note.txt").write_text("The first note.", "utf-8")
    inbox.poll()
    inbox.poll()
    assert read == ["The first note."]
    assert (inbox_dir / "note.txt").read_text("utf-8") == "The second note."
    inbox.poll()  # first sighting of the second note
    inbox.poll()
    assert read == ["The first note.", "The second note."]
    assert len(list((inbox_dir / ".done").iterdir())) == 2
    assert not list((inbox_dir / ".working").iterdir())


def test_a_file_left_working_by_a_stopped_inbox_is_read_again(tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    (inbox_dir / ".working").mkdir(parents=True)
    (inbox_dir / ".working" / "page.html").write_text("<p>Left half-done.</p>", "utf-8")
    read: list[str] = []
    watcher = Inbox(inbox_dir, narrate=read.append, on_added=lambda: None, interval_s=3600)
    watcher.start()
    watcher.stop()
    assert (inbox_dir / "page.html").is_file()
    inbox = Inbox(inbox_dir, narrate=read.append, on_added=lambda: None)
    inbox.poll()
    inbox.poll()
    assert read == [str(inbox_dir / ".working" / "page.html")]
    assert (inbox_dir / ".done" / "page.html").is_file()


def loopback_env() -> dict[str, str]:
    """The environment without proxy settings: every request here stays on 127.0.0.1."""
    return {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout_s: float, contains: str = "") -> str:
    """GET url until it answers 200 (and holds `contains`), within timeout_s; the body."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=5, trust_env=False)
            if response.status_code == 200 and contains in response.text:
                return response.text
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"{url} did not answer with {contains!r} within {timeout_s} s")


@contextmanager
def serve_process(out: Path, port: int, *options: str) -> Iterator[str]:
    """`narrate serve OUTDIR` as a real process on 127.0.0.1:port, stopped on exit; its URL.

    Its log goes to OUTDIR/../serve.log and is shown when it does not come up.
    """
    log_path = out.parent / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*NARRATE, "serve", str(out), "--port", str(port), *options],
            cwd=ROOT,
            env=loopback_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_for(url + "feed.xml", 30)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{log_path.read_text('utf-8', 'replace')}") from None
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
def cli_server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`narrate serve OUTDIR --inbox INBOX` on a free loopback port; its inbox's URLs may
    reach loopback (--allow-private: tests/core/test_reach.py refuses them without)."""
    out, inbox_dir = tmp_path / "out", tmp_path / "inbox"
    out.mkdir()
    with serve_process(out, free_port(), "--inbox", str(inbox_dir), "--allow-private") as url:
        yield url, out, inbox_dir


def test_inbox_grows_the_feed_while_serving(
    tmp_path: Path, cli_server: tuple[str, Path, Path]
) -> None:
    url, out, inbox_dir = cli_server
    assert "<item>" not in wait_for(url + "feed.xml", 5)
    page = write_page(tmp_path, "bridge")
    shutil.move(page, inbox_dir / page.name)
    # A .url file naming a page this very server serves: a real fetch over loopback.
    shutil.copyfile(write_page(tmp_path, "market"), out / "market-page.html")
    (inbox_dir / "later.url").write_text(url + "market-page.html\n", "utf-8")
    feed = wait_for(url + "feed.xml", 120, contains="A Market Returns to the Square")
    feed = wait_for(url + "feed.xml", 60, contains="The Footbridge Reopens")
    assert feed.count("<item>") == 2
    enclosure = httpx.head(url + "the-footbridge-reopens.mp3", timeout=5, trust_env=False)
    assert enclosure.status_code == 200
    assert enclosure.headers["content-type"] == "audio/mpeg"
    assert sorted(p.name for p in (inbox_dir / ".done").iterdir()) == ["bridge.html", "later.url"]


@pytest.mark.parametrize("header", ["bytes=abc", "bytes=5-2", "items=0-1", "bytes=", "bytes=1-2-3"])
def test_an_unparsable_range_is_ignored(client: httpx.Client, outdir: Path, header: str) -> None:
    response = client.get(MP3, headers={"Range": header})
    assert response.status_code == 200
    assert response.content == (outdir / MP3).read_bytes()


def test_a_connection_that_never_finishes_its_headers_is_closed(outdir: Path) -> None:
    with running(outdir, headers_timeout_s=0.5) as started:
        host, port = started.sock.getsockname()[:2]
        with socket.create_connection((host, port), timeout=30) as slow:
            slow.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
            assert slow.recv(4096) == b""  # closed by the server, not by our 30 s timeout
        with httpx.Client(base_url=started.url, timeout=10, trust_env=False) as http:
            assert http.get(MP3).status_code == 200  # whole requests are served as before


@pytest.mark.parametrize("host", ["999.1.1.1", "192.0.2.1"])
def test_a_host_that_is_not_this_machine_says_to_choose_another_host(host: str) -> None:
    # it said 'choose another --port' for an address no port would help
    from narrate.publish.serve import bind

    with pytest.raises(OutputError) as caught:
        bind(host, 0)
    assert caught.value.hint.startswith("choose another --host")
