"""The episode index of `narrate serve` and listen pages served over HTTP.

Real episodes from the real pipeline, a real `narrate serve` process on
127.0.0.1 (stopped by the test), and a real headless Chromium.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from narrate.pipeline.narrator import Settings, narrate_article
from narrate.publish.index import index_page, listings
from tests.browser import (
    chromium,
    console_errors,
    cue_at,
    emulate,
    open_page,
    pause,
    require_browser,
    screenshot,
    vtt_cues,
    wait,
)
from tests.conftest import SAMPLE_HTML
from tests.publish.test_feed import narrate_into
from tests.publish.test_serve import free_port, serve_process

HOSTILE = '<script>window.injected = 1</script></textarea>"'
LANTERN = "the-library-that-lends-seeds-tools-and-telescopes"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real episodes (the sample oldest, the market newest), a manifest that is not
    JSON any more and one whose duration is not a number."""
    out = tmp_path_factory.mktemp("index") / "out"
    lantern = Path(narrate_article(str(SAMPLE_HTML), Settings(), out=out).audio_path)
    lighthouse = narrate_into(out, "lighthouse")
    market = narrate_into(out, "market")
    for age, audio in ((300, lantern), (200, lighthouse), (100, market)):
        then = audio.stat().st_mtime - age
        os.utime(audio.with_suffix(".json"), (then, then))
    (out / "cut-short.json").write_text('{"title": "Cut short", "duration_ms": 12', "utf-8")
    broken = {"title": "Broken", "duration_ms": "twelve", "audio": "none.mp3"}
    (out / "broken.json").write_text(json.dumps(broken), "utf-8")
    return out


def test_listings_newest_first_and_broken_manifests_left_out(
    outdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        items = listings(outdir)
    assert [i.title for i in items] == [
        "A Market Returns to the Square",
        "The Lighthouse Keeps Its Lamp",
        "The library that lends seeds, tools and telescopes",
    ]
    assert items[2].listen == f"{LANTERN}.listen.html"
    assert (items[2].site, items[2].published, items[2].language) == (
        "Riverside Chronicle",
        "2026-03-14",
        "en",
    )
    logged = caplog.text
    assert "broken.json" in logged
    assert "cut-short.json" in logged


def test_index_escapes_what_manifests_say(tmp_path: Path) -> None:
    audio = narrate_into(tmp_path / "out", "bridge")
    manifest = audio.with_suffix(".json")
    data = json.loads(manifest.read_text("utf-8"))
    data.update(title=HOSTILE, site=HOSTILE, language=HOSTILE, published=HOSTILE)
    manifest.write_text(json.dumps(data), "utf-8")
    page = index_page(listings(tmp_path / "out"), f"http://h/{HOSTILE}", HOSTILE)
    doc = lxml_html.document_fromstring(page)
    assert len(doc.cssselect("script")) == 1  # the copy button's own
    assert not doc.cssselect("textarea")
    assert doc.cssselect("h1")[0].text_content() == HOSTILE
    assert doc.cssselect(".episodes h3")[0].text_content() == HOSTILE
    assert doc.cssselect("#feed-url")[0].get("value") == f"http://h/{HOSTILE}"


def test_feed_links_items_to_their_listen_pages(outdir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from narrate.cli.app import app

    copy = tmp_path / "copy"
    shutil.copytree(outdir, copy)
    result = CliRunner().invoke(app, ["feed", str(copy), "--base-url", "http://host:8000/pod"])
    assert result.exit_code == 0, result.output
    links = etree.parse(str(copy / "feed.xml")).findall("channel/item/link")
    assert sorted(link.text for link in links) == sorted(
        f"http://host:8000/pod/{name}.listen.html"
        for name in (LANTERN, "the-lighthouse-keeps-its-lamp", "a-market-returns-to-the-square")
    )


@pytest.fixture(scope="module")
def served(outdir: Path) -> Iterator[str]:
    require_browser()
    with serve_process(outdir, free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def test_index_page_in_the_browser(browser: Any, served: str, outdir: Path) -> None:
    browser.get(served)
    wait(browser, "return document.readyState === 'complete'")
    titles = [e.text for e in browser.find_elements("css selector", ".episodes h3 a")]
    assert titles == [
        "A Market Returns to the Square",
        "The Lighthouse Keeps Its Lamp",
        "The library that lends seeds, tools and telescopes",
    ]
    meta = browser.find_elements("css selector", ".episodes .meta")[2].text
    for fact in ("Riverside Chronicle", "published 2026-03-14", "1:35", "language en"):
        assert fact in meta
    assert browser.find_element("id", "feed-url").get_attribute("value") == served + "feed.xml"
    copy = browser.find_element("id", "copy")
    assert copy.is_displayed()
    copy.click()
    wait(browser, "return document.getElementById('copied').textContent !== ''")
    assert "podcast app" in browser.find_element("css selector", ".subscribe .note").text
    for scheme in ("light", "dark"):
        emulate(browser, scheme)
        screenshot(browser, f"index-{scheme}")
    emulate(browser)
    assert console_errors(browser) == []
    log = (outdir.parent / "serve.log").read_text("utf-8")
    assert "index: leaving out broken.json" in log
    assert "cut-short.json" in log


def test_listen_page_over_http(browser: Any, served: str, outdir: Path) -> None:
    """From the index to a listen page: it plays over HTTP, follows the voice and jumps."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    cues = vtt_cues(outdir / f"{LANTERN}.vtt")
    browser.get(served)
    browser.find_element("link text", "The library that lends seeds, tools and telescopes").click()
    wait(browser, f"return location.href === '{served}{LANTERN}.listen.html'")
    open_page(browser, browser.current_url)
    browser.find_element("id", "play").click()
    wait(browser, "return audio.currentTime > 1.5")
    state = pause(browser)
    cue = cue_at(cues, state["t"]) or [c for c in cues if c[0] <= state["t"]][-1]
    assert cue[2] in " ".join(state["text"].split())
    third = browser.find_elements("css selector", "#chapters a")[2]
    start = float(third.get_attribute("data-start"))
    third.click()
    browser.execute_script("audio.pause()")
    assert abs(browser.execute_script("return audio.currentTime") - start) <= 0.25
    browser.execute_script("document.activeElement.blur()")
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    assert abs(browser.execute_script("return audio.currentTime") - (start - 15)) <= 0.25
    assert console_errors(browser) == []
