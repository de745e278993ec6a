"""The listen page in a real headless Chromium, opened from disk (file://).

The episode is the sample article narrated by the real pipeline; the checks
compare what the page does with the WebVTT sidecar written beside it. The same
page served over HTTP is tested in tests/publish/test_index.py.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from narrate.pipeline.narrator import Settings, narrate_article
from tests.browser import (
    chromium,
    console_errors,
    cue_at,
    emulate,
    lit_in_view,
    open_page,
    pause,
    require_browser,
    screenshot,
    vtt_cues,
    wait,
)
from tests.conftest import SAMPLE_HTML

TOLERANCE_S = 0.25
INJECTED_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>&lt;/textarea&gt;&lt;script&gt;document.title='owned'&lt;/script&gt; | Notes</title></head>
<body><article><h1>&lt;/textarea&gt;&lt;script&gt;document.title='owned'&lt;/script&gt;</h1>
<p>Writers who quote markup, like &lt;script&gt;window.injected = 1&lt;/script&gt;, expect the
tag to be shown as text. The same goes for &lt;img src=x onerror="window.injected = 2"&gt; and
for a closing &lt;/textarea&gt; tag in the middle of a sentence.</p>
<p>Nothing in this paragraph should ever run in a reader's browser, whatever it contains.</p>
</article></body></html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample article (three chapters) narrated into a folder: its listen page."""
    require_browser()
    out = tmp_path_factory.mktemp("listen")
    audio = Path(narrate_article(str(SAMPLE_HTML), Settings(), out=out).audio_path)
    return audio.with_suffix(".listen.html")


def settle_at_top(browser: Any) -> None:
    """Scroll to the top and wait until the page stops scrolling by itself.

    A seek lights its sentence and the page scrolls smoothly to it; a click made while
    that scroll runs lands where the Play button was ("element click intercepted" at a
    point above the window). So scroll back until the top holds for three polls.
    """
    from selenium.webdriver.support.ui import WebDriverWait

    held = 0

    def at_top(driver: Any) -> bool:
        nonlocal held
        was = driver.execute_script(
            "var y = scrollY; scrollTo({top: 0, behavior: 'instant'}); return y"
        )
        held = held + 1 if was == 0 else 0
        return held >= 3

    WebDriverWait(browser, 20, poll_frequency=0.1).until(at_top)


def test_the_spoken_sentence_is_highlighted(browser: Any, episode: Path) -> None:
    """Play from three places; each time, pause and compare with the VTT cue at that time
    (between two sentences no cue holds it, and the one just read stays lit)."""
    cues = vtt_cues(episode.with_name(episode.name.removesuffix(".listen.html") + ".vtt"))
    open_page(browser, episode.as_uri())
    emulate(browser, height=420)  # a low window: most sentences start out of view
    inside = 0
    try:
        for start in (0, 45, 80):
            # set from outside the page, the reader at the top: Play shows where the voice is
            browser.execute_script(f"audio.currentTime = {start}")
            wait(browser, "return !audio.seeking")
            settle_at_top(browser)
            browser.find_element("id", "play").click()  # a real click on the page's own button
            wait(browser, f"return audio.currentTime > {start + 0.6}")
            state = pause(browser)
            cue = cue_at(cues, state["t"])
            inside += cue is not None
            if cue is None:
                cue = [c for c in cues if c[0] <= state["t"]][-1]
            assert state["lit"] == state["lit_class"] == 1
            assert cue[2] in " ".join(state["text"].split()), (state, cue)
            lit_in_view(browser)
    finally:
        emulate(browser)
    assert inside >= 1
    assert console_errors(browser) == []


def test_third_chapter_jumps_to_its_start(browser: Any, episode: Path) -> None:
    open_page(browser, episode.as_uri())
    links = browser.find_elements("css selector", "#chapters a")
    assert [a.text for a in links] == [
        "The library that lends seeds, tools and telescopes",
        "More than books",
        "What comes next",
    ]
    start = float(links[2].get_attribute("data-start"))
    links[2].click()
    wait(browser, "return !audio.paused")
    state = pause(browser)
    assert abs(state["t"] - start) <= TOLERANCE_S + 0.5  # it plays on from there
    assert state["text"] == "What comes next"
    lit_in_view(browser)
    assert links[2].get_attribute("aria-current") == "true"
    browser.execute_script("audio.currentTime = 0")
    browser.find_element("id", "play").click()
    browser.execute_script("audio.pause()")
    links[2].click()
    assert abs(browser.execute_script("return audio.currentTime") - start) <= TOLERANCE_S
    assert console_errors(browser) == []


def test_a_clicked_sentence_plays_from_its_start(browser: Any, episode: Path) -> None:
    cues = vtt_cues(episode.with_name(episode.name.removesuffix(".listen.html") + ".vtt"))
    open_page(browser, episode.as_uri())
    sentence = browser.find_elements("css selector", "#text p .s")[4]
    start = float(sentence.get_attribute("data-start"))
    assert any(abs(c[0] - start) < 0.002 for c in cues)  # the page and the VTT agree
    sentence.click()
    assert abs(browser.execute_script("return audio.currentTime") - start) <= TOLERANCE_S
    wait(browser, "return !audio.paused")
    state = pause(browser)
    assert state["start"] == start
    assert sentence.get_attribute("aria-current") == "true"
    assert console_errors(browser) == []


def test_keys_jump_15_seconds_a_sentence_and_play(browser: Any, episode: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, episode.as_uri())
    browser.execute_script("audio.currentTime = 20; document.activeElement.blur()")
    wait(browser, "return !audio.seeking")

    def press(key: str, shift: bool = False) -> float:
        actions = ActionChains(browser)
        if shift:
            actions.key_down(Keys.SHIFT).send_keys(key).key_up(Keys.SHIFT)
        else:
            actions.send_keys(key)
        actions.perform()
        return float(browser.execute_script("return audio.currentTime"))

    assert abs(press(Keys.ARROW_RIGHT) - 35) <= TOLERANCE_S
    assert abs(press(Keys.ARROW_LEFT) - 20) <= TOLERANCE_S
    starts = [
        float(s)
        for s in browser.execute_script(
            "return [...document.querySelectorAll('#text .s')].map(s => s.dataset.start)"
        )
    ]
    following = min(s for s in starts if s > 20)
    assert abs(press(Keys.ARROW_RIGHT, shift=True) - following) <= TOLERANCE_S
    press(Keys.SPACE)
    wait(browser, "return !audio.paused")
    press(Keys.SPACE)
    wait(browser, "return audio.paused")
    assert console_errors(browser) == []


def test_speed_and_position_are_remembered(browser: Any, episode: Path) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(browser, episode.as_uri())
    Select(browser.find_element("id", "rate")).select_by_value("1.5")
    assert browser.execute_script("return audio.playbackRate") == 1.5
    browser.execute_script("audio.currentTime = 41.5")
    browser.find_element("id", "play").click()
    wait(browser, "return audio.currentTime > 42")
    where = pause(browser)["t"]
    open_page(browser, episode.as_uri(), fresh=False)
    wait(browser, f"return Math.abs(audio.currentTime - {where}) < 0.2")
    assert browser.execute_script("return audio.playbackRate") == 1.5
    assert "Resumed at 0:4" in browser.find_element("id", "status").text
    browser.find_element("css selector", "#status button").click()
    assert browser.execute_script("return audio.currentTime") == 0
    assert console_errors(browser) == []


def test_layout_light_dark_phone_and_zoom(browser: Any, episode: Path) -> None:
    """Screenshots to look at; no sideways scrolling on a phone or at 200% zoom."""
    open_page(browser, episode.as_uri())
    browser.find_elements("css selector", "#chapters a")[1].click()
    wait(browser, "return audio.currentTime > 37")
    pause(browser)
    views = {
        "light": ("light", 1280, 900, 1),
        "dark": ("dark", 1280, 900, 1),
        "phone": ("light", 390, 844, 3),
        "zoom200": ("dark", 640, 450, 2),  # a 1280 x 900 window at 200% zoom
    }
    try:
        for name, (scheme, width, height, scale) in views.items():
            emulate(browser, scheme, width, height, scale)
            lit = "document.querySelector('#text .s[aria-current]')"
            top = name == "zoom200"  # the player scrolls away at this height: show it
            browser.execute_script(
                "scrollTo({top: 0, behavior: 'instant'})"
                if top
                else f"{lit}.scrollIntoView({{block: 'center', behavior: 'instant'}})"
            )
            screenshot(browser, f"listen-{name}")
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, name
    finally:
        emulate(browser)
    assert console_errors(browser) == []


def test_a_picture_of_the_page_for_the_readme(browser: Any, episode: Path) -> None:
    """The README's picture, taken of the real page: a sentence lit, the player paused on it.

    `make screenshot` sets NARRATE_SCREENSHOT=docs/listen-page.png; without it the picture
    goes with the other screenshots ($NARRATE_TEST_ARTIFACTS).
    """
    open_page(browser, episode.as_uri())
    width, height = 1200, 760
    emulate(browser, "light", width, height)
    try:
        sentence = browser.find_elements("css selector", "#text p .s")[2]
        sentence.click()
        wait(browser, "return !audio.paused")
        state = pause(browser)
        assert state["lit"] == 1
        assert sentence.get_attribute("aria-current") == "true"
        settle_at_top(browser)
        target = os.environ.get("NARRATE_SCREENSHOT")
        if target:
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            assert browser.save_screenshot(str(path))
        else:
            path = screenshot(browser, "listen-readme")
    finally:
        emulate(browser)
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (width, height)  # the IHDR chunk's size
    assert console_errors(browser) == []


def test_accessibility(browser: Any, episode: Path) -> None:
    """Names for every control, landmarks, keyboard reach, visible focus, reduced motion."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, episode.as_uri())
    tree = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    controls = [
        (n["role"]["value"], n.get("name", {}).get("value", ""))
        for n in tree
        if n.get("role", {}).get("value") in ("button", "slider", "combobox", "link")
        and not n.get("ignored")
    ]
    assert controls
    assert all(name.strip() for _, name in controls), controls
    assert ("button", "Play") in controls
    assert ("slider", "Position") in controls
    assert ("combobox", "Speed") in controls
    assert ("link", "What comes next") in controls
    roles = {n.get("role", {}).get("value") for n in tree if not n.get("ignored")}
    assert {"main", "navigation", "region", "heading", "status"} <= roles
    assert browser.execute_script("return document.querySelectorAll('h1').length") == 1
    assert browser.find_element("id", "text").get_attribute("lang") == "en"

    # Tab reaches every control, each showing a visible focus outline.
    reached = []
    for _ in range(9):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.append(
            browser.execute_script(
                """var e = document.activeElement, style = getComputedStyle(e);
                return [e.id || e.textContent.trim(), style.outlineStyle, style.outlineWidth]"""
            )
        )
    ids = [r[0] for r in reached]
    assert ids[:7] == [
        "Skip to the text",
        "back",
        "play",
        "forward",
        "rate",
        "seek",
        "The library that lends seeds, tools and telescopes",
    ]
    assert all(style != "none" and width != "0px" for _, style, width in reached), reached

    # Reduced motion: no smooth scrolling.
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]},
    )
    try:
        behaviour = browser.execute_script(
            "return getComputedStyle(document.documentElement).scrollBehavior"
        )
        assert behaviour == "auto"
    finally:
        emulate(browser)


def test_one_chapter_gives_the_text_the_whole_column(browser: Any, tmp_path: Path) -> None:
    """Without a chapter list the text keeps its full measure (it once fell into the
    chapter list's narrow column)."""
    settings = Settings(chapters="none")
    audio = Path(narrate_article(str(SAMPLE_HTML), settings, out=tmp_path).audio_path)
    open_page(browser, audio.with_suffix(".listen.html").as_uri())
    assert browser.find_elements("css selector", "#chapters") == []
    width = browser.execute_script("return document.getElementById('text').offsetWidth")
    assert width >= 600
    browser.find_elements("css selector", "#text .s")[3].click()
    wait(browser, "return !audio.paused")
    pause(browser)
    assert console_errors(browser) == []


def test_article_markup_is_shown_as_text(browser: Any, tmp_path: Path) -> None:
    """A page quoting <script>, <img onerror> and </textarea> runs none of it."""
    page = tmp_path / "quoting.html"
    page.write_text(INJECTED_PAGE, "utf-8")
    audio = Path(narrate_article(str(page), Settings(), out=tmp_path / "out").audio_path)
    open_page(browser, audio.with_suffix(".listen.html").as_uri())
    assert browser.execute_script("return window.injected === undefined")
    assert browser.title == "</textarea><script>document.title='owned'</script>"
    text = browser.find_element("id", "text").text
    assert "<script>window.injected = 1</script>" in text
    assert '<img src=x onerror="window.injected = 2">' in text
    assert (
        browser.execute_script("return document.querySelectorAll('script, img, textarea').length")
        == 1
    )
    assert console_errors(browser) == []
