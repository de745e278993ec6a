"""Daily use without surprises, each through the CLI as a user meets it: the listen page
beside a page of the same name, distinct episodes for distinct articles, episodes named
after their titles by batch and the inbox, and what the inbox says it did.
"""

from __future__ import annotations

import json
import os
import pty
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.publish.index import listings
from tests.processes import NARRATE
from tests.publish.test_serve import free_port, serve_process

runner = CliRunner()
STORY = (
    "<html lang='en'><head><title>The ferry at dawn</title></head><body><article>"
    "<h1>The ferry at dawn</h1><p>The first ferry leaves before the sun is up. Its crew "
    "checks the ropes twice, and the harbour is quiet but for the gulls.</p></article>"
    "</body></html>"
)
OTHER = STORY.replace("The first ferry leaves", "The last ferry comes back")
NOTE = "Buy bread on the way home. The bakery closes at six today.\n"
ANOTHER_NOTE = "Call the plumber about the leak. The kitchen tap drips all night.\n"
pytestmark = pytest.mark.system_tools


def narrate(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_listen_page_beside_a_page_of_the_same_name(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(STORY, "utf-8")
    out = narrate("article", str(page), "-o", str(tmp_path / "story.mp3"), "-q", "--jobs", "1")
    assert out == ""
    assert page.read_text("utf-8") == STORY  # the page read is untouched
    listen = tmp_path / "story.listen.html"
    assert 'src="story.mp3"' in listen.read_text("utf-8")
    manifest = json.loads((tmp_path / "story.json").read_text("utf-8"))
    assert manifest["sidecars"]["listen"] == "story.listen.html"
    narrate("feed", str(tmp_path), "--base-url", "http://127.0.0.1:8000/")
    link = ElementTree.parse(tmp_path / "feed.xml").find("channel/item/link")
    assert link is not None
    assert link.text == "http://127.0.0.1:8000/story.listen.html"
    assert [item.listen for item in listings(tmp_path)] == ["story.listen.html"]


def test_distinct_articles_get_distinct_episodes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for note in (NOTE, ANOTHER_NOTE, NOTE):  # the first note again replaces its own episode
        narrate("article", "-", "-o", str(out), "-q", "--jobs", "1", stdin=note)
    first, second = (
        json.loads((out / f"{name}.json").read_text("utf-8")) for name in ("untitled", "untitled-2")
    )
    assert "bakery" in json.dumps(first["segments"])
    assert "plumber" in json.dumps(second["segments"])
    assert sorted(p.name for p in out.glob("*.mp3")) == ["untitled-2.mp3", "untitled.mp3"]

    one, two = tmp_path / "a" / "ferry.html", tmp_path / "b" / "ferry.html"
    for path, text in ((one, STORY), (two, OTHER), (one, STORY)):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        narrate("article", str(path), "-o", str(out), "-q", "--jobs", "1")
    names = sorted(p.name for p in out.glob("the-ferry*.mp3"))
    assert names == ["the-ferry-at-dawn-2.mp3", "the-ferry-at-dawn.mp3"]
    sources = {json.loads((out / f"{n[:-4]}.json").read_text("utf-8"))["source"] for n in names}
    assert sources == {str(one), str(two)}


def test_batch_names_episodes_after_their_titles(tmp_path: Path) -> None:
    folder, out = tmp_path / "saved", tmp_path / "out"
    folder.mkdir()
    (folder / "3f9a2c1e07b4.html").write_text(STORY, "utf-8")  # as a read-it-later tool saves
    (folder / "a81d5e4490c2.html").write_text(OTHER, "utf-8")  # the same title, another story
    args = ["batch", str(folder), "-o", str(out), "--jobs", "2"]
    assert "2 done" in narrate(*args)
    names = sorted(p.name for p in out.glob("*.mp3"))
    assert names == ["the-ferry-at-dawn-2.mp3", "the-ferry-at-dawn.mp3"]
    assert "0 done, 2 skipped" in narrate(*args)  # each source finds its own episode again


def test_inbox_names_after_titles_and_says_what_it_did(tmp_path: Path) -> None:
    out, inbox = tmp_path / "out", tmp_path / "inbox"
    out.mkdir()
    inbox.mkdir()
    log = tmp_path / "serve.log"
    with serve_process(out, free_port(), "--inbox", str(inbox)):
        (inbox / "9c2e41d07a.html").write_text(STORY, "utf-8")
        (inbox / "note.txt").write_text(NOTE, "utf-8")
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and len(list(out.glob("*.mp3"))) < 2:
            time.sleep(0.5)
        (inbox / "note.txt").write_text(ANOTHER_NOTE, "utf-8")  # a new note, the same name
        (inbox / "broken.html").write_bytes(b"\x00\x01 not a page")
        failed = inbox / ".failed" / "broken.html"
        while time.monotonic() < deadline and (
            len(list(out.glob("*.mp3"))) < 3 or not failed.exists()
        ):
            time.sleep(0.5)
    said = log.read_text("utf-8")
    assert sorted(p.name for p in out.glob("*.mp3")) == [
        "the-ferry-at-dawn.mp3",
        "untitled-2.mp3",
        "untitled.mp3",
    ], said
    assert "narrate: inbox: picked up 9c2e41d07a.html" in said
    assert f"narrate: inbox: 9c2e41d07a.html -> {out / 'the-ferry-at-dawn.mp3'}" in said
    assert f"narrate: inbox: moved 9c2e41d07a.html to {inbox / '.done' / '9c2e41d07a.html'}" in said
    assert "narrate: inbox: broken.html failed: " in said
    assert f"moved broken.html to {inbox / '.failed' / 'broken.html'}" in said


def test_serve_inbox_help_says_where_files_go() -> None:
    result = runner.invoke(app, ["serve", "--help"], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert ".done/" in result.stdout
    assert ".failed/" in result.stdout


def test_a_short_plain_note_is_read(tmp_path: Path) -> None:
    note = "Hi Anna, the meeting moved to Friday. See you there!\n"
    narrate("article", "-", "-o", str(tmp_path / "from-stdin.mp3"), "-q", "--jobs", "1", stdin=note)
    (tmp_path / "note.txt").write_text("Buy milk.\nCall the plumber.\n", "utf-8")
    narrate("article", str(tmp_path / "note.txt"), "-o", str(tmp_path), "-q", "--jobs", "1")
    piped = json.loads((tmp_path / "from-stdin.json").read_text("utf-8"))
    assert [s["text"] for s in piped["segments"]] == [note.strip()]
    typed = json.loads((tmp_path / "untitled.json").read_text("utf-8"))
    assert [s["text"] for s in typed["segments"]] == ["Buy milk.", "Call the plumber."]


def test_a_status_line_from_the_first_moment_and_one_chapter(tmp_path: Path) -> None:
    """On a terminal (a pty), the status line comes before the engine has said anything."""
    page = tmp_path / "story.html"
    page.write_text(STORY, "utf-8")
    command = [*NARRATE, "article", str(page), "-o", str(tmp_path), "--jobs", "1"]
    pid, terminal = pty.fork()
    if pid == 0:  # the child: narrate on the pty
        os.execvpe(command[0], command, dict(os.environ, COLUMNS="120", TERM="xterm"))
    said = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # EIO: the child has gone
            break
        if not chunk:
            break
        said += chunk
    os.close(terminal)
    _, status = os.waitpid(pid, 0)
    text = said.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "starting" in text, text
    assert "synthesis" in text, text
    assert text.index("starting") < text.index("synthesis")
    assert "1 chapter)" in text


def test_update_names_an_untitled_reading_list_entry_after_its_page(tmp_path: Path) -> None:
    """Pocket gives an entry it could not title its address as title: the episode is named
    after the page's own title, as `article` names it, not after the address."""
    from tests.publish.subscriptions.site import running_site

    folder = tmp_path / "podcasts"
    with running_site() as site:
        url = site.add("3f9a2c1e07b4.html", STORY)
        export = tmp_path / "pocket.csv"
        export.write_text(
            f"title,url,time_added,cursor,tags,status\n{url},{url},1762502400,1,,unread\n", "utf-8"
        )
        # the test's site is on 127.0.0.1, which an import reaches only when allowed to
        narrate("import", str(folder), str(export), "--allow-private")
        result = runner.invoke(app, ["update", str(folder), "--jobs", "1"])
        assert result.exit_code == 0, result.output
        assert "1 narrated" in result.stdout
        again = runner.invoke(app, ["update", str(folder), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    names = [p.relative_to(folder).as_posix() for p in folder.rglob("*.mp3")]
    assert len(names) == 1
    assert names[0].endswith("/the-ferry-at-dawn.mp3")
    manifest = json.loads((folder / names[0]).with_suffix(".json").read_text("utf-8"))
    assert manifest["title"] == "The ferry at dawn"
