"""`narrate batch`: mirrors folders, skips what is done, survives kill -9, passes bad input."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.settings import usable_cores
from tests.audio.helpers import espeak_info
from tests.conftest import SAMPLE_HTML
from tests.processes import (
    NARRATE,
    alive,
    descendants,
    kill_all,
    long_page,
    private_env,
    require_linux_proc,
    small_disk_command,
    wait_for,
)

runner = CliRunner()


def _page(title: str, paragraphs: int) -> str:
    body = "".join(
        f"<p>{title} paragraph {n} carries on the story with a sentence of ordinary length. "
        f"It adds a second sentence, so there is a little more to read.</p>"
        for n in range(paragraphs)
    )
    return f"<html><body><article><h1>{title}</h1>{body}</article></body></html>"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE_HTML, source / "lantern.html")
    (source / "harbour.html").write_text(_page("The harbour", 12), "utf-8")
    (source / "sub" / "market.htm").write_text(_page("The market", 10), "utf-8")
    (source / "empty.html").write_text("", "utf-8")
    return source


# Named after their titles (`The harbour`), in folders mirroring the input's.
EPISODES = [
    "sub/the-market.mp3", "the-harbour.mp3",
    "the-library-that-lends-seeds-tools-and-telescopes.mp3",
]  # fmt: skip  # a table of cases, packed several a line


def _valid_outputs(out: Path) -> list[str]:
    """Every MP3 parses and has its manifest; nothing temporary is left behind."""
    names = []
    for mp3 in sorted(out.rglob("*.mp3")):
        assert MP3(str(mp3)).info.length > 5
        manifest = json.loads(mp3.with_suffix(".json").read_text("utf-8"))
        assert manifest["audio"] == mp3.name
        names.append(str(mp3.relative_to(out)))
    assert [p.name for p in out.rglob(".*")] == []
    return names


@pytest.mark.system_tools
def test_batch_mirrors_skips_and_reports(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-r", "-q"])
    assert result.exit_code == 1, result.output  # the empty page failed
    assert "3 done, 0 skipped, 1 failed" in result.stdout
    assert "empty.html" in result.stderr
    assert _valid_outputs(out) == EPISODES
    again = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-r", "-q"])
    assert "0 done, 3 skipped, 1 failed" in again.stdout
    (folder / "harbour.html").write_text(_page("The harbour", 13), "utf-8")
    changed = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-r", "-q"])
    assert "1 done, 2 skipped, 1 failed" in changed.stdout


def test_batch_finishes_after_kill_9(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "narrate", "batch", str(folder), "-o", str(out), "-r"]
    command += ["-q", "--jobs", "1"]
    process = subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.rglob("*.mp3")):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the CLI and its engine workers, mid-batch
    process.wait(10)
    done_before = len(list(out.rglob("*.mp3")))
    assert done_before < 3, "the batch finished before it could be killed"

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr  # the empty page still fails
    assert _valid_outputs(out) == EPISODES
    done, skipped, failed = (int(n) for n in re.findall(r"(\d+) \w+", rerun.stdout)[:3])
    assert (done + skipped, failed) == (3, 1)
    assert done >= 3 - done_before  # an MP3 caught without its manifest is made again


def test_url_lists_are_articles(tmp_path: Path) -> None:
    from narrate.pipeline.batch import find_articles

    (tmp_path / "reading.url").write_text("https://a.example/x/first-story\nhttps://b.example/\n")
    (tmp_path / "notes.txt").write_text("A plain page copy\n\nWith a paragraph of text in it.\n")
    items = find_articles(tmp_path, tmp_path / "out", ".mp3", recursive=False)
    sources = {item.source for item in items}
    assert sources == {
        "https://a.example/x/first-story",
        "https://b.example/",
        str(tmp_path / "notes.txt"),
    }
    targets = {item.source: Path(item.target).name for item in items}
    assert targets["https://a.example/x/first-story"] == "first-story.mp3"


def test_same_input_gives_identical_audio(tmp_path: Path) -> None:
    first, second = tmp_path / "a.mp3", tmp_path / "b.mp3"
    for out in (first, second):
        result = runner.invoke(app, ["article", str(SAMPLE_HTML), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert first.with_suffix(".vtt").read_bytes() == second.with_suffix(".vtt").read_bytes()


def test_same_input_gives_identical_audio_without_the_cache(tmp_path: Path) -> None:
    # sentences land on whichever worker is free; each must still sound the same
    if not espeak_info().repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its state cannot be reset")
    runs = {
        "cached": [],
        "fresh-two-workers": ["--no-cache", "--jobs", "2"],
        "fresh-one-process": ["--no-cache", "--jobs", "1"],
    }
    made = {}
    for name, options in runs.items():
        out = tmp_path / f"{name}.mp3"
        result = runner.invoke(app, ["article", str(SAMPLE_HTML), "-o", str(out), "-q", *options])
        assert result.exit_code == 0, result.output
        made[name] = out.read_bytes()
    assert len(set(made.values())) == 1, "the audio differs between runs"


def test_kill_9_of_a_batch_stops_its_article_processes(tmp_path: Path) -> None:
    """The article processes watch the batch: killed outright, it leaves nothing running."""
    require_linux_proc()
    if usable_cores() < 2:
        pytest.skip("needs two cores for two article processes")
    source = tmp_path / "in"
    source.mkdir()
    for n in range(4):
        (source / f"a{n}.html").write_text(long_page(150, f"Article {n}"), "utf-8")
    command = [*NARRATE, "batch", str(source), "-o", str(tmp_path / "out"), "-q", "--jobs", "2"]
    process = subprocess.Popen(command, env=private_env(tmp_path), stderr=subprocess.DEVNULL)
    children: list[int] = []
    try:
        assert wait_for(lambda: len(descendants(process.pid)) >= 3, 120)
        children = descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert wait_for(lambda: not alive(children), 30), "article processes lived on"
    finally:
        kill_all([*children, *descendants(process.pid), process.pid])
        process.wait()


def test_a_full_output_disk_stops_the_batch_with_its_summary(tmp_path: Path) -> None:
    """Every article would fail the same way: the batch stops, prints what it did, exits 2."""
    source = tmp_path / "in"
    source.mkdir()
    for n in range(3):
        (source / f"a{n}.html").write_text(_page(f"Article {n}", 4), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    listing = tmp_path / "listing"
    command = [*NARRATE, "batch", str(source), "-o", str(out), "-q", "--jobs", "1"]
    done = subprocess.run(
        small_disk_command(out, "96k", command, listing),
        env=private_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert re.match(r"\d+ done, 0 skipped, 1 failed, \d+ not started$", done.stdout.strip())
    errors = done.stderr.strip().splitlines()
    assert errors[-1].startswith("narrate: cannot write ")
    assert "No space left on device" in errors[-1]
    assert "Traceback" not in done.stderr
    written = listing.read_text().split()
    assert [name for name in written if "/." in name] == []  # no temporary files
    for audio in (name for name in written if name.endswith(".mp3")):
        assert audio.removesuffix(".mp3") + ".json" in written  # whole episodes only
