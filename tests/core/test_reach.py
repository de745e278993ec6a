"""Feeds and pages that try to reach inside: redirect schemes, private addresses.

Everything is real HTTP on loopback: a redirecting site, an FTP-shaped listener
that records whether anything connected, a second loopback site standing in
for an internal service. A site on 127.0.0.2 stands in for a public host: the
tests replace `narrate.core.reach.is_public` so that address counts as public
(and nothing else on loopback does); no test sends traffic beyond 127.0.0.0/8.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core import reach
from tests.publish.subscriptions.samples import page, rss
from tests.publish.subscriptions.site import Site, running_site
from tests.publish.test_serve import free_port, serve_process

runner = CliRunner()
PUBLIC_STAND_IN = "127.0.0.2"
SECRET = (
    "<!doctype html><html lang='en'><head><title>Admin notes</title></head><body><article>"
    "<h1>Admin notes</h1><p>The database password is written on the board in the server "
    "room, next to the plan of the internal network.</p></article></body></html>"
)


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
        "no_proxy",
        "NO_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def public_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 counts as a public address; every other loopback address does not."""
    stand_in = ipaddress.ip_address(PUBLIC_STAND_IN)
    monkeypatch.setattr(reach, "is_public", lambda address: address == stand_in)


@pytest.fixture
def internal() -> Iterator[Site]:
    """The internal service: a page nobody outside should read, on 127.0.0.1."""
    with running_site() as site:
        site.add("secret", SECRET)
        yield site


@pytest.fixture
def public() -> Iterator[Site]:
    with running_site(PUBLIC_STAND_IN) as site:
        yield site


class FtpListener:
    """Answers like an FTP server and records every connection and line it receives."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[str] = []
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.sendall(b"220 ready\r\n")
                    while data := conn.recv(1024):
                        self.received.append(data.decode("ascii", "replace").strip())
                        conn.sendall(b"530 not logged in\r\n")
                except OSError:
                    pass


@contextmanager
def ftp_listener() -> Iterator[FtpListener]:
    listener = FtpListener()
    listener.thread.start()
    try:
        yield listener
    finally:
        listener.sock.close()
        listener.thread.join(5)


def test_a_redirect_to_ftp_is_refused_and_nothing_connects(internal: Site) -> None:
    with ftp_listener() as ftp:
        internal.add("to-ftp", b"", status=302, location=f"ftp://127.0.0.1:{ftp.port}/x.html")
        result = runner.invoke(app, ["script", internal.url("to-ftp")])
        time.sleep(0.2)  # a connection, had there been one, is recorded by now
    assert result.exit_code == 2, result.output
    assert "redirects to ftp://" in result.stderr
    assert "only to http and https" in result.stderr
    assert result.stderr.count("\n") == 1
    assert ftp.connections == 0  # was: connected, and sent 'USER anonymous'
    assert ftp.received == []


def test_a_redirect_to_a_local_file_names_the_scheme(internal: Site) -> None:
    internal.add("to-file", b"", status=302, location="file:///etc/passwd")
    result = runner.invoke(app, ["script", internal.url("to-file")])
    assert result.exit_code == 2
    assert "redirects to file:// (file:///etc/passwd)" in result.stderr  # not "in a loop"
    assert "root:" not in result.output


def test_a_url_the_user_typed_may_go_to_their_own_network(internal: Site) -> None:
    internal.add("moved", b"", status=302, location=internal.url("secret"))
    result = runner.invoke(app, ["script", internal.url("moved")])
    assert result.exit_code == 0, result.output
    assert "database password" in result.stdout


def _feed(public: Site, internal: Site) -> str:
    public.add("story.html", page("lamp"))
    public.add("moved.html", b"", status=302, location=internal.url("secret"))
    items = [
        {"title": "Inside", "link": internal.url("secret"), "guid": "inside",
         "date": "Tue, 03 Nov 2026 10:00:00 +0000"},
        {"title": "Moved inside", "link": public.url("moved.html"), "guid": "moved",
         "date": "Tue, 03 Nov 2026 09:00:00 +0000"},
        {"title": "The Lighthouse Keeps Its Lamp", "link": public.url("story.html"),
         "guid": "lamp", "date": "Mon, 02 Nov 2026 10:00:00 +0000"},
    ]  # fmt: skip  # a table of cases, packed several a line
    return public.add("feed.xml", rss(public.base, items), "application/rss+xml")


@pytest.mark.usefixtures("public_stand_in")
def test_a_public_feed_cannot_make_update_fetch_an_internal_page(
    tmp_path: Path, public: Site, internal: Site
) -> None:
    folder = tmp_path / "podcasts"
    assert runner.invoke(app, ["subscribe", str(folder), _feed(public, internal)]).exit_code == 0
    result = runner.invoke(app, ["update", str(folder), "--base-url", "http://example.org/"])
    assert result.exit_code == 0, result.output
    assert "1 narrated, 2 skipped, 0 failed" in result.stdout
    assert internal.hits["/secret"] == 0  # was fetched, narrated and published
    assert "leads to 127.0.0.1, a loopback address" in result.stderr
    assert sorted(p.name for p in folder.rglob("*.mp3")) == ["the-lighthouse-keeps-its-lamp.mp3"]
    assert "database" not in (folder / "feed.xml").read_text("utf-8")
    listed = runner.invoke(app, ["list", str(folder)])
    assert "2 skipped" in listed.stdout


@pytest.mark.usefixtures("public_stand_in")
def test_allow_private_lets_a_subscription_reach_the_users_network(
    tmp_path: Path, public: Site, internal: Site
) -> None:
    folder = tmp_path / "podcasts"
    feed = _feed(public, internal)
    assert runner.invoke(app, ["subscribe", str(folder), feed, "--allow-private"]).exit_code == 0
    result = runner.invoke(app, ["update", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 narrated, 0 skipped, 0 failed" in result.stdout
    assert internal.hits["/secret"] == 2


@pytest.mark.usefixtures("public_stand_in")
def test_imported_links_to_internal_addresses_are_skipped(tmp_path: Path, internal: Site) -> None:
    export = tmp_path / "pocket.csv"
    export.write_text(
        f"title,url,time_added,tags,status\nSecret,{internal.url('secret')},1700000000,,unread\n"
    )
    folder = tmp_path / "podcasts"
    assert runner.invoke(app, ["import", str(folder), str(export)]).exit_code == 0
    result = runner.invoke(app, ["update", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 narrated, 1 skipped, 0 failed" in result.stdout
    assert internal.hits["/secret"] == 0


def test_a_feed_on_the_users_own_server_reaches_its_neighbours(
    tmp_path: Path, internal: Site
) -> None:
    """Without the stand-in, the feed is on loopback itself: the user's own server."""
    with running_site() as own:
        items = [
            {
                "title": "Notes",
                "link": internal.url("secret"),
                "guid": "n",
                "date": "Mon, 02 Nov 2026 10:00:00 +0000",
            }
        ]
        feed = own.add("feed.xml", rss(own.base, items), "application/rss+xml")
        folder = tmp_path / "podcasts"
        assert runner.invoke(app, ["subscribe", str(folder), feed]).exit_code == 0
        result = runner.invoke(app, ["update", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 narrated" in result.stdout


def test_an_inbox_url_to_an_internal_address_is_not_fetched(tmp_path: Path, internal: Site) -> None:
    out, inbox = tmp_path / "podcasts", tmp_path / "inbox"
    out.mkdir()
    inbox.mkdir()
    (inbox / "read-this.url").write_text(internal.url("secret") + "\n")
    with serve_process(out, free_port(), "--inbox", str(inbox)):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (inbox / ".failed" / "read-this.url").exists():
            time.sleep(0.25)
    assert (inbox / ".failed" / "read-this.url").exists()
    assert internal.hits["/secret"] == 0  # was fetched, narrated and served
    assert not list(out.rglob("*.mp3"))
    log = (tmp_path / "serve.log").read_text("utf-8")
    assert "a loopback address" in log
