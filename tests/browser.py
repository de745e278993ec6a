"""A real headless Chromium for the listen page and index tests (Debian chromium + chromedriver).

Tests skip, with the reason, when the browser, its driver or Selenium is missing.
Screenshots go to $NARRATE_TEST_ARTIFACTS (default: <tmp>/narrate-test-artifacts).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--window-size=1280,900",
)


def _find(name: str, fallback: str) -> str | None:
    return shutil.which(name) or (fallback if os.access(fallback, os.X_OK) else None)


def require_browser() -> tuple[str, str]:
    """Chromium's and chromedriver's paths, or skip the test saying what is missing."""
    pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
    browser = _find("chromium", "/usr/bin/chromium")
    driver = _find("chromedriver", "/usr/bin/chromedriver")
    if browser is None or driver is None:
        pytest.skip("chromium and chromium-driver are not installed (apt-get install them)")
    return browser, driver


@contextmanager
def chromium() -> Iterator[Any]:
    """A fresh headless Chromium (own profile folder), quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = require_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    with tempfile.TemporaryDirectory(prefix="narrate-chromium-") as profile:
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            driver.set_script_timeout(20)
            yield driver
        finally:
            driver.quit()


def console_errors(driver: Any) -> list[dict[str, Any]]:
    """Console messages at error level since the last call (CSP violations included)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def artifacts() -> Path:
    folder = Path(os.environ.get("NARRATE_TEST_ARTIFACTS") or tempfile.gettempdir())
    folder = (
        folder / "narrate-test-artifacts" if "NARRATE_TEST_ARTIFACTS" not in os.environ else folder
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def emulate(
    driver: Any, scheme: str = "light", width: int = 1280, height: int = 900, scale: float = 1
) -> None:
    """Colour scheme and viewport as a user would have them (scale 2 at 640 wide = 200% zoom)."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600},
    )


def screenshot(driver: Any, name: str) -> Path:
    """Save the viewport as <artifacts>/<name>.png and return the path."""
    path = artifacts() / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


# --- the listen page, as the tests drive it ---


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, text) of every cue of a WebVTT file."""
    cues = []
    for block in path.read_text("utf-8").split("\n\n")[1:]:
        lines = block.strip().splitlines()
        start, end = re.findall(r"(\d+):(\d+):(\d+)\.(\d+)", lines[1])
        cues.append((_seconds(start), _seconds(end), " ".join(lines[2:])))
    return cues


def _seconds(parts: tuple[str, ...]) -> float:
    hours, minutes, seconds, millis = (int(p) for p in parts)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def open_page(driver: Any, url: str, fresh: bool = True) -> None:
    """Load the page (forgetting any remembered position) and wait for its script to run."""
    driver.get(url)
    if fresh:  # at 0, leaving the page remembers nothing
        driver.execute_script("audio.pause(); audio.currentTime = 0; localStorage.clear()")
        driver.get(url)
    wait(driver, "return !document.getElementById('controls').hidden && audio.readyState >= 1")
    console_errors(driver)  # the log is per session: start this page's from here


def wait(driver: Any, script: str, timeout_s: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout_s, poll_frequency=0.05).until(
        lambda d: d.execute_script(script)
    )


def snapshot(driver: Any) -> dict[str, Any]:
    """The audio's time and state, and the highlighted sentences, read in one go."""
    return dict(
        driver.execute_script(
            """var now = document.querySelectorAll('#text .s[aria-current]');
            return {t: audio.currentTime, paused: audio.paused, lit: now.length,
                    text: now.length ? now[0].textContent : null,
                    start: now.length ? +now[0].dataset.start : null,
                    lit_class: document.querySelectorAll('#text .s.now').length}"""
        )
    )


def pause(driver: Any) -> dict[str, Any]:
    driver.execute_script("audio.pause()")
    wait(driver, "return document.getElementById('play').textContent === 'Play'")
    return snapshot(driver)


def cue_at(cues: list[tuple[float, float, str]], t: float) -> tuple[float, float, str] | None:
    return next((c for c in cues if c[0] <= t < c[1]), None)


def lit_in_view(driver: Any) -> None:
    """Wait until the highlighted sentence is inside the window, below the sticky player."""
    wait(
        driver,
        """var lit = document.querySelector('#text .s[aria-current]');
        if (!lit) return false;
        var box = lit.getBoundingClientRect(), player = document.getElementById('player');
        var top = getComputedStyle(player).position === 'sticky'
            ? player.getBoundingClientRect().bottom : 0;
        return box.top >= top && box.bottom <= innerHeight""",
    )
