"""A bucket is a podcast: `batch` and `article -o s3://...` (no cluster), then `narrate feed` on
the bucket, its files fetched over HTTP from moto's S3 server on 127.0.0.1 as a podcast app
would: the feed, byte ranges of the enclosures, the index page, and gPodder's `gpo`."""

from __future__ import annotations

import hashlib
import io
import shutil
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any

import podcastparser
import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from tests.pipeline.test_cluster import _page
from tests.s3_server import S3Server, quiet_aws_environment

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_machine_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quiet_aws_environment(monkeypatch, tmp_path)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)  # every request stays on 127.0.0.1


def _get(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.headers, answer.read()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_bucket_is_a_podcast(s3: S3Server, tmp_path: Path) -> None:
    bucket = s3.bucket("pod", public=True)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "harbour.html").write_text(_page("The harbour", 3), "utf-8")
    (tmp_path / "market.html").write_text(_page("The market", 2), "utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _invoke("batch", str(pages), "-o", f"{bucket}/show", "-q", "--jobs", "1", *cache, *s3.cli)
    said = _invoke(
        "article", str(tmp_path / "market.html"), "-o", f"{bucket}/show/extra/", *cache, *s3.cli
    )
    assert said.startswith(f"{bucket}/show/extra/the-market.mp3  (0:")
    base = f"{s3.endpoint}/pod/show/"
    said = _invoke(
        "feed", f"{bucket}/show", "--base-url", base, "--title", "Harbour reads", *s3.cli
    )
    assert said.strip() == f"{bucket}/show/feed.xml  (2 episodes, {base}feed.xml)"

    status, headers, body = _get(base + "feed.xml")
    assert headers["Content-Type"] == "application/rss+xml"
    parsed = podcastparser.parse(base + "feed.xml", io.BytesIO(body))
    assert parsed["title"] == "Harbour reads"
    assert sorted(e["title"] for e in parsed["episodes"]) == ["The harbour", "The market"]
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        key = enclosure["url"].split("?")[0].removeprefix(f"{s3.endpoint}/pod/")
        whole = s3.get("pod", key)
        assert enclosure["file_size"] == len(whole)
        status, headers, part = _get(enclosure["url"], Range="bytes=100-199")
        assert status == 206
        assert headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
        assert headers["Content-Type"] == "audio/mpeg"
        assert part == whole[100:200]
        status, headers, page = _get(episode["link"])  # the listen page
        assert headers["Content-Type"].startswith("text/html")
        assert episode["title"].encode() in page
    status, headers, index = _get(base + "index.html")
    assert headers["Content-Type"].startswith("text/html")
    assert b"The harbour" in index
    assert b"The market" in index
    assert f'value="{base}feed.xml"'.encode() in index
    assert s3.head("pod", "show/cover.png")["ContentType"] == "image/png"

    # again: the same GUIDs and URLs (the state is kept in the bucket)
    _invoke("feed", f"{bucket}/show", *s3.cli)
    again = podcastparser.parse(base + "feed.xml", io.BytesIO(_get(base + "feed.xml")[2]))

    def seen(feed: dict[str, Any]) -> list[tuple[str, str, int]]:
        return sorted(
            (e["guid"], e["enclosures"][0]["url"], e["published"]) for e in feed["episodes"]
        )

    assert seen(again) == seen(parsed)


def test_bad_storage_input_is_one_line_exit_2(s3: S3Server, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(_page("The harbour", 1), "utf-8")
    with_options = [
        (["article", str(tmp_path / "page.html"), "-o", "s3://no-such-bucket/x/"],
         "narrate: cannot write s3://no-such-bucket/x/.narrate-probe-"),
        (["feed", "s3://no-such-bucket/x", "--base-url", "http://h/"],
         "narrate: cannot read s3://no-such-bucket/x"),
        (["batch", str(tmp_path), "-o", "s3://x/y", "--storage-option", "anon"],
         "narrate: --storage-option 'anon' is not key=value"),
    ]  # fmt: skip  # command-line options stay with their values
    for args, start in with_options:
        _one_line_exit_2([*args, *s3.cli], start)
    _one_line_exit_2(["serve", "s3://pod/show"], "narrate: narrate serve serves a folder")
    # no credentials: said before any work
    endpoint_only = [
        arg
        for key, value in s3.options
        if key not in ("key", "secret")
        for arg in ("--storage-option", f"{key}={value}")
    ]
    s3.bucket("creds")
    _one_line_exit_2(
        ["article", str(tmp_path / "page.html"), "-o", "s3://creds/x/", *endpoint_only],
        "narrate: cannot write s3://creds/x/.narrate-probe-",
        "no credentials",
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "page.html"]  # nothing written here
    assert s3.keys("creds") == []


def _one_line_exit_2(args: list[str], start: str, *fragments: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(start), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


GPO = shutil.which("gpo")


@pytest.mark.skipif(GPO is None, reason="gpo not found: install gPodder (apt-get install gpodder)")
def test_gpo_downloads_an_episode_from_the_bucket(s3: S3Server, tmp_path: Path) -> None:
    from tests.publish.test_gpodder import gpo

    bucket = s3.bucket("gpo", public=True)
    (tmp_path / "river.html").write_text(_page("The river", 2), "utf-8")
    _invoke(
        "article",
        str(tmp_path / "river.html"),
        "-o",
        f"{bucket}/show/",
        "--cache-dir",
        str(tmp_path / "cache"),
        *s3.cli,
    )
    base = f"{s3.endpoint}/gpo/show/"
    _invoke("feed", f"{bucket}/show", "--base-url", base, *s3.cli)
    assert "Successfully added" in gpo("subscribe", base + "feed.xml", home=tmp_path)
    assert "1 new episode" in gpo("update", home=tmp_path)
    assert "1 episodes downloaded" in gpo("download", home=tmp_path)  # gpo's own grammar
    (downloaded,) = [p for p in (tmp_path / "downloads").rglob("*") if p.is_file()]
    original = s3.get("gpo", "show/the-river.mp3")
    assert hashlib.sha256(downloaded.read_bytes()).digest() == hashlib.sha256(original).digest()
