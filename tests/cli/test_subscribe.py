"""`narrate subscribe / import / update / list` and `serve --update-every`, with the real pipeline.

A loopback site serves an RSS feed of article pages (one of them gone: 404)
and an Atom feed carrying its article whole; the folder is narrated once for
the module, then read by the tests: the episodes, the feed, a second update
that synthesises nothing, the listing, and gPodder's `gpo` downloading it all.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from tests.publish.subscriptions.samples import atom, opml, page, rss
from tests.publish.subscriptions.site import Site, running_site
from tests.publish.test_gpodder import GPO, gpo
from tests.publish.test_serve import free_port, serve_process, wait_for

runner = CliRunner()
DATES = ["Mon, 02 Nov 2026 10:00:00 +0000", "Tue, 03 Nov 2026 10:00:00 +0000"]
FERRY = (
    "<p>Die Fähre zu den Inseln fährt ab Montag wieder jeden Abend.</p>"
    "<p>Im Hafen freut man sich.</p>"
)
DATA = Path(__file__).parents[1] / "publish" / "subscriptions" / "data"


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def cache_files(cache: Path) -> int:
    return sum(1 for p in cache.rglob("*") if p.is_file())


def publish_feeds(site: Site) -> tuple[str, str]:
    items = []
    for key, day in zip(["lamp", "bridge"], DATES, strict=True):
        site.add(f"{key}.html", page(key))
        title = page(key).split("<h1>")[1].split("</h1>")[0]
        items.append(
            {
                "title": title,
                "link": site.url(f"{key}.html"),
                "guid": key,
                "date": day,
                "author": "ines@example.org (Ines Marlow)",
            }
        )
    items.append(
        {
            "title": "A page that is gone",
            "link": site.url("gone.html"),
            "guid": "gone",
            "date": DATES[0],
        }
    )
    feed = site.add("feed.xml", rss(site.base, items), "application/rss+xml", etag='"r1"')
    entry = {
        "title": "Die Nachtfähre fährt wieder",
        "id": "urn:ferry",
        "author": "Jonas Weber",
        "link": site.url("faehre.html"),
        "date": "2026-11-20T08:00:00Z",
        "content": FERRY,
    }
    return feed, site.add("atom.xml", atom(site.base, [entry]), "application/atom+xml")


@dataclass
class Narrated:
    site: Site
    folder: Path
    cache: Path
    base_url: str
    first: Result
    port: int


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Narrated]:
    """A folder subscribed to both feeds through OPML and updated once."""
    root = tmp_path_factory.mktemp("subscribed")
    folder, cache = root / "podcasts", root / "cache"
    with running_site() as site:
        feed, atom_feed = publish_feeds(site)
        subs = root / "subs.opml"
        subs.write_text(opml([("Harbour Notes", feed), ("Hafenblatt", atom_feed)]), "utf-8")
        subscribed = run("subscribe", str(folder), str(subs))
        assert subscribed.exit_code == 0, subscribed.output
        assert "subscribed  Harbour Notes" in subscribed.stdout
        port = free_port()
        base_url = f"http://127.0.0.1:{port}/"
        first = run("update", str(folder), "--base-url", base_url, "--cache-dir", str(cache))
        yield Narrated(site, folder, cache, base_url, first, port)


def test_first_update_narrates_each_article_and_reports_the_missing_page(
    narrated: Narrated,
) -> None:
    result = narrated.first
    assert result.exit_code == 1, result.output  # the 404 counts as a failure, like batch
    assert "2 feeds checked; 3 narrated, 0 skipped, 1 failed" in result.stdout
    assert "gone.html answered HTTP 404" in result.stderr
    episodes = sorted(
        p.relative_to(narrated.folder).as_posix() for p in narrated.folder.rglob("*.mp3")
    )
    assert episodes == [
        "hafenblatt/die-nachtfähre-fährt-wieder.mp3",
        "harbour-notes/the-footbridge-reopens.mp3",
        "harbour-notes/the-lighthouse-keeps-its-lamp.mp3",
    ]


def test_episodes_carry_the_items_title_author_date_and_link(narrated: Narrated) -> None:
    lamp = json.loads(
        (narrated.folder / "harbour-notes/the-lighthouse-keeps-its-lamp.json").read_text("utf-8")
    )
    assert lamp["title"] == "The Lighthouse Keeps Its Lamp"  # not the page's "... | Harbour Notes"
    assert lamp["byline"] == "Ines Marlow"  # the item's, not the page's own meta
    assert lamp["published"] == "2026-11-02"
    assert lamp["source"] == narrated.site.url("lamp.html")
    ferry = json.loads(
        (narrated.folder / "hafenblatt/die-nachtfähre-fährt-wieder.json").read_text("utf-8")
    )
    assert ferry["language"] == "de"
    assert ferry["source"] == narrated.site.url("faehre.html")
    spoken = " ".join(s["text"] for s in ferry["segments"])
    assert "Im Hafen freut man sich." in spoken
    assert narrated.site.hits["/faehre.html"] == 0  # read from the feed, not fetched


@pytest.mark.system_tools
def test_an_rfc_822_author_is_a_name_everywhere(narrated: Narrated) -> None:
    """`ines@example.org (Ines Marlow)` in the feed: the name is read, tagged, listed, shown."""
    from mutagen.easyid3 import EasyID3

    episode = narrated.folder / "harbour-notes" / "the-lighthouse-keeps-its-lamp"
    manifest = json.loads(episode.with_suffix(".json").read_text("utf-8"))
    assert manifest["byline"] == "Ines Marlow"
    bylines = [s["spoken"] for s in manifest["segments"] if s["kind"] == "byline"]
    assert bylines == ["By Ines Marlow"]
    assert EasyID3(str(episode.with_suffix(".mp3")))["artist"] == ["Ines Marlow"]
    listen = episode.with_suffix(".listen.html").read_text("utf-8")
    assert "Ines Marlow" in listen
    for text in (listen, (narrated.folder / "feed.xml").read_text("utf-8"), json.dumps(manifest)):
        assert "ines@example.org" not in text


def test_the_feed_lists_every_episode_by_its_items_date(narrated: Narrated) -> None:
    parsed = feedparser.parse((narrated.folder / "feed.xml").read_bytes())
    assert not parsed.bozo
    by_title = {e.title: e for e in parsed.entries}
    assert set(by_title) == {
        "Die Nachtfähre fährt wieder",
        "The Footbridge Reopens",
        "The Lighthouse Keeps Its Lamp",
    }
    lamp = by_title["The Lighthouse Keeps Its Lamp"]
    assert lamp.published == "Mon, 02 Nov 2026 10:00:00 +0000"
    # <link> is the episode's listen page; the article's own address is its source
    listen = "harbour-notes/the-lighthouse-keeps-its-lamp.listen.html"
    assert lamp.link == narrated.base_url + listen
    assert narrated.site.url("lamp.html") in lamp.description
    assert lamp.author == "Ines Marlow"
    assert lamp.enclosures[0].href.startswith(narrated.base_url + "harbour-notes/")


def test_second_update_synthesises_nothing(narrated: Narrated) -> None:
    before = cache_files(narrated.cache)
    pages = narrated.site.hits["/lamp.html"] + narrated.site.hits["/bridge.html"]
    again = run("update", str(narrated.folder), "--cache-dir", str(narrated.cache))
    assert "0 narrated" in again.stdout, again.output
    assert cache_files(narrated.cache) == before
    assert narrated.site.hits["/lamp.html"] + narrated.site.hits["/bridge.html"] == pages
    assert again.exit_code == 1  # the gone page was tried once more, and failed again
    assert "2 episodes" not in again.stdout


def test_list_shows_subscriptions_last_update_and_queue(narrated: Narrated) -> None:
    result = run("list", str(narrated.folder))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Subscriptions (2):"
    assert any(line.startswith("  Harbour Notes  [feed]  http://127.0.0.1:") for line in lines)
    assert any("last update 20" in line for line in lines)
    queue = lines[lines.index("Queue (1):") + 1]
    assert "A page that is gone" in queue
    assert "tries: " in queue
    assert "HTTP 404" in queue
    assert "3 narrated" in result.stdout


@pytest.mark.skipif(GPO is None, reason="gpo not found: install gPodder (apt-get install gpodder)")
def test_gpo_downloads_every_episode(narrated: Narrated, tmp_path: Path) -> None:
    originals = sorted(narrated.folder.rglob("*.mp3"))
    with serve_process(narrated.folder, narrated.port) as url:
        feed_url = url + "feed.xml"
        assert "Successfully added" in gpo("subscribe", feed_url, home=tmp_path)
        assert "3 new episodes" in gpo("update", home=tmp_path)
        assert "3 episodes downloaded" in gpo("download", home=tmp_path)
    downloaded = sorted(p for p in (tmp_path / "downloads").rglob("*") if p.is_file())
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in downloaded]
    assert sorted(digest) == sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in originals)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("pocket.csv", "Pocket CSV"), ("ril_export.html", "Pocket HTML"),
     ("instapaper-export.csv", "Instapaper CSV"), ("wallabag.json", "Wallabag JSON"),
     ("readeck.json", "Readeck JSON"), ("bookmarks.html", "bookmarks HTML")],
)  # fmt: skip  # a table of cases, packed several a line
def test_import_each_kind(tmp_path: Path, name: str, kind: str) -> None:
    result = run("import", str(tmp_path / "podcasts"), str(DATA / name))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{kind}: ")
    listed = run("list", str(tmp_path / "podcasts"))
    assert "Tides, moons and the harbour wall" in listed.stdout


def test_imported_articles_are_narrated_by_update(tmp_path: Path) -> None:
    folder, cache = tmp_path / "podcasts", tmp_path / "cache"
    with running_site() as site:
        site.add("market.html", page("market"))
        pocket = tmp_path / "pocket.csv"
        row = f"Saved market,{site.url('market.html')},1762502400,1,,unread"
        pocket.write_text(f"title,url,time_added,cursor,tags,status\n{row}\n", "utf-8")
        # its page is on loopback: allowed for this list (tests/core/test_reach.py: refused)
        assert run("import", str(folder), str(pocket), "--allow-private").exit_code == 0
        shutil.copy(DATA / "wallabag.json", tmp_path / "wallabag.json")
        assert run("import", str(folder), str(tmp_path / "wallabag.json")).exit_code == 0
        result = run("update", str(folder), "--cache-dir", str(cache))
    assert result.exit_code == 0, result.output
    assert "2 narrated" in result.stdout
    assert "feed.xml not written: no base URL yet" in result.stderr
    tides = json.loads((folder / "wallabag/tides-moons-and-the-harbour-wall.json").read_text())
    assert tides["byline"] == "Ines Marlow"
    assert "The harbour wall held." in " ".join(s["text"] for s in tides["segments"])
    assert (folder / "pocket/saved-market.mp3").is_file()


def test_update_takes_rate_and_pitch_over_the_settings_file(tmp_path: Path) -> None:
    folder, cache = tmp_path / "podcasts", tmp_path / "cache"
    settings = tmp_path / "narrate.toml"
    settings.write_text('voice = "clear"\nrate = 200\njobs = 1\n', "utf-8")
    with running_site() as site:
        site.add("market.html", page("market"))
        pocket = tmp_path / "pocket.csv"
        row = f"Saved market,{site.url('market.html')},1762502400,1,,unread"
        pocket.write_text(f"title,url,time_added,cursor,tags,status\n{row}\n", "utf-8")
        assert run("import", str(folder), str(pocket), "--allow-private").exit_code == 0
        args = ["--config", str(settings), "update", str(folder), "--cache-dir", str(cache)]
        result = run(*args, "--rate", "1.5x", "--pitch", "30", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # -q: nothing but errors
    voice = json.loads((folder / "pocket/saved-market.json").read_text())["reading"]
    assert (voice["profile"], voice["rate"], voice["pitch"]) == ("clear", 210, 30)  # 1.5 x 140


def test_serve_keeps_the_feed_up_to_date(tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    with running_site() as site:
        feed, _ = publish_feeds(site)
        assert run("subscribe", str(folder), feed).exit_code == 0
        with serve_process(folder, free_port(), "--update-every", "1h") as url:
            text = wait_for(url + "feed.xml", 180, contains="The Lighthouse Keeps Its Lamp")
            text = wait_for(url + "feed.xml", 60, contains="The Footbridge Reopens")
    assert text.count("<item>") == 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["update", "{folder}", "--since", "last week"], "--since takes a day as YYYY-MM-DD"),
        (["serve", "{folder}", "--update-every", "often"], "not an interval such as 1h"),
        (["subscribe", "{folder}", "nothing-here.opml"], "no such file or feed address"),
        (["import", "{folder}", "{folder}/missing.csv"], "no such file"),
        (["subscribe", "{folder}", "http://127.0.0.1:9/feed.xml"], "could not fetch"),
    ],
)
def test_bad_input_is_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    folder = tmp_path / "podcasts"
    folder.mkdir()
    result = run(*[a.format(folder=folder) for a in args])
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert "Traceback" not in result.output
