"""The subscriptions' HTTP client against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import threading

import pytest

from narrate import __version__
from narrate.publish.subscriptions.fetching import Fetcher, FetchError
from tests.publish.subscriptions.site import Site


def test_names_narrate_and_its_version(site: Site) -> None:
    url = site.add("a.html", "<p>hello</p>")
    response = Fetcher().get(url)
    assert response.status == 200
    assert response.body == b"<p>hello</p>"
    agent = site.headers_of("a.html")[0]["user-agent"]
    assert agent.startswith(f"narrate/{__version__}")


def test_conditional_get_gives_304_and_no_body(site: Site) -> None:
    url = site.add("feed.xml", "<rss/>", "application/rss+xml", etag='"v1"')
    first = Fetcher().get(url)
    assert first.etag == '"v1"'
    again = Fetcher().get(url, etag=first.etag, last_modified="Sat, 28 Nov 2026 10:00:00 GMT")
    assert again.not_modified
    assert again.body == b""
    sent = site.headers_of("feed.xml")[1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Sat, 28 Nov 2026 10:00:00 GMT"


def test_http_errors_carry_their_status(site: Site) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        Fetcher().get(site.url("missing.html"))
    assert caught.value.status == 404


def test_a_server_that_does_not_answer_in_time(site: Site) -> None:
    url = site.add("slow.xml", "<rss/>", delay_s=3)
    with pytest.raises(FetchError, match=r"did not answer within 0\.5 s"):
        Fetcher(timeout_s=0.5).get(url)


def test_size_cap(site: Site) -> None:
    url = site.add("big.html", b"x" * 5000)
    with pytest.raises(FetchError, match="larger than"):
        Fetcher(max_bytes=4096).get(url)


def test_a_download_cut_short_is_an_error(site: Site) -> None:
    url = site.add("cut.html", b"<p>only the start</p>", declared_length=100_000)
    with pytest.raises(FetchError, match="stopped after"):
        Fetcher(timeout_s=5).get(url)


def test_gzip_is_asked_for_and_undone(site: Site) -> None:
    url = site.add("z.html", gzip.compress(b"<p>packed</p>"), encoding="gzip")
    assert Fetcher().get(url).body == b"<p>packed</p>"
    assert site.headers_of("z.html")[0]["accept-encoding"] == "gzip"


def test_a_gzip_bomb_stays_within_the_cap(site: Site) -> None:
    url = site.add("bomb.html", gzip.compress(b"\0" * 1_000_000), encoding="gzip")
    with pytest.raises(FetchError, match="larger than"):
        Fetcher(max_bytes=64 * 1024).get(url)


def test_one_request_at_a_time_per_host(site: Site) -> None:
    urls = [site.add(f"p{i}.html", "<p>x</p>", delay_s=0.2) for i in range(3)]
    fetcher = Fetcher()
    threads = [threading.Thread(target=fetcher.get, args=(u,)) for u in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert site.hits.total() == 3
    assert site.most_in_flight == 1


def test_not_a_web_address() -> None:
    with pytest.raises(FetchError, match="not an http"):
        Fetcher().get("ftp://example.org/feed.xml")
