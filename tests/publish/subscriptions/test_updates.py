"""`update` against feeds on a real loopback server, with a narrator that records what it is given.

The narrating function is the seam publishing hands out (the pipeline sits
behind it); recording what crosses it shows which article was narrated from
what. tests/cli/test_subscribe.py runs the same updates with the real pipeline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from narrate.core.errors import EngineError, InputError, NoArticleError, SentenceError
from narrate.publish.subscriptions import (
    MAX_ATTEMPTS,
    Page,
    UpdateOptions,
    import_export,
    listing,
    subscribe,
    update,
)
from narrate.publish.subscriptions.feeds import FeedError
from narrate.publish.subscriptions.fetching import Fetcher
from narrate.publish.subscriptions.state import State
from tests.publish.subscriptions.samples import atom, page, rss
from tests.publish.subscriptions.site import Site

DATES = [
    "Mon, 02 Nov 2026 10:00:00 +0000",
    "Tue, 03 Nov 2026 10:00:00 +0000",
    "Wed, 04 Nov 2026 10:00:00 +0000",
]


class Recorder:
    """Stands in for the pipeline: keeps each page and answers with the manifest's path."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.pages: list[tuple[Page, Path]] = []
        self.fail_on = fail_on

    def __call__(self, page: Page, episode: Path, by_title: bool = False) -> Path:
        if self.fail_on and self.fail_on in page.body.decode("utf-8", "replace"):
            raise NoArticleError(f"no article text found in {page.url}", "")
        if by_title:  # named after the page's own title, as the pipeline would
            episode = episode / "the-page-s-own-title"
        self.pages.append((page, episode))
        return episode.with_name(episode.name + ".json")

    @property
    def titles(self) -> list[str | None]:
        return [p.title for p, _ in self.pages]


def harbour_feed(site: Site, keys: list[str], etag: str | None = '"1"') -> str:
    items = []
    for number, key in enumerate(keys):
        site.add(f"{key}.html", page(key))
        items.append(
            {
                "title": page(key).split("<h1>")[1].split("</h1>")[0],
                "link": site.url(f"{key}.html"),
                "guid": f"guid-{key}",
                "date": DATES[number % 3],
                "author": "Ines Marlow",
            }
        )
    return site.add("feed.xml", rss(site.base, items), "application/rss+xml", etag=etag)


def test_first_update_narrates_newest_first_from_the_pages(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    result = subscribe(folder, harbour_feed(site, ["lamp", "market", "bridge"]))
    assert [(s.title, n) for s, n in result.added] == [("Harbour Notes", 3)]
    recorder = Recorder()
    summary = update(folder, recorder)
    assert summary.failed == []
    assert recorder.titles == [
        "The Footbridge Reopens",
        "A Market Returns to the Square",
        "The Lighthouse Keeps Its Lamp",
    ]
    first, episode = recorder.pages[0]
    assert first.url == site.url("bridge.html")
    assert b"The footbridge over the river" in first.body  # the page itself
    assert (first.author, first.date) == ("Ines Marlow", "2026-11-04T10:00:00+00:00")
    assert episode == folder / "harbour-notes" / "the-footbridge-reopens"
    assert site.headers_of("feed.xml")[-1]["if-none-match"] == '"1"'


def test_second_update_narrates_nothing_and_fetches_only_the_feed(
    site: Site, tmp_path: Path
) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market"]))
    update(folder, Recorder())
    pages_fetched = site.hits["/lamp.html"] + site.hits["/market.html"]
    again = Recorder()
    summary = update(folder, again)
    assert again.pages == []
    assert summary.narrated == []
    assert site.hits["/lamp.html"] + site.hits["/market.html"] == pages_fetched
    (sub,) = listing(folder).subscriptions
    assert sub.result == "not modified"  # the 304


def test_a_feed_without_validators_still_narrates_nothing_twice(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market"], etag=None))
    update(folder, Recorder())
    again = Recorder()
    update(folder, again)
    assert again.pages == []
    assert listing(folder).subscriptions[0].result == "0 new of 2"


def test_new_items_are_narrated_on_the_next_update(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp"]))
    update(folder, Recorder())
    harbour_feed(site, ["lamp", "ferry"], etag='"2"')
    recorder = Recorder()
    update(folder, recorder)
    assert recorder.titles == ["The Night Ferry Sails Again"]


def test_full_content_is_narrated_from_the_feed_without_fetching_the_page(
    site: Site, tmp_path: Path
) -> None:
    text = "<p>Die Fähre fährt wieder jeden Abend.</p><p>Der Hafen freut sich darüber.</p>"
    url = site.add(
        "atom.xml",
        atom(
            site.base,
            [
                {
                    "title": "Die Fähre fährt wieder",
                    "id": "urn:e1",
                    "link": site.url("faehre.html"),
                    "date": "2026-11-20T08:00:00Z",
                    "author": "Jonas Weber",
                    "content": text,
                },
            ],
        ),
        "application/atom+xml",
    )
    folder = tmp_path / "podcasts"
    subscribe(folder, url)
    recorder = Recorder()
    update(folder, recorder)
    ((narrated, episode),) = recorder.pages
    assert site.hits["/faehre.html"] == 0
    body = narrated.body.decode("utf-8")
    assert "Der Hafen freut sich darüber." in body
    assert '<html lang="de">' in body
    assert narrated.url == site.url("faehre.html")  # the link, for the episode
    assert (narrated.title, narrated.author, narrated.language) == (
        "Die Fähre fährt wieder",
        "Jonas Weber",
        "de",
    )
    assert episode.parent.name == "hafenblatt"


def test_max_new_holds_back_the_rest_for_later(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market", "bridge"]))
    recorder = Recorder()
    summary = update(folder, recorder, UpdateOptions(max_new=1))
    assert recorder.titles == ["The Footbridge Reopens"]
    assert summary.held_back == 2
    queue = listing(folder).queue
    assert [a.reason for a in queue] == ["held back by --max-new 1"] * 2
    later = Recorder()
    update(folder, later, UpdateOptions(max_new=0))
    assert later.titles == ["A Market Returns to the Square", "The Lighthouse Keeps Its Lamp"]


def test_since_skips_older_articles_for_good(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market", "bridge"]))
    recorder = Recorder()
    summary = update(folder, recorder, UpdateOptions(since=date(2026, 11, 3)))
    assert recorder.titles == ["The Footbridge Reopens", "A Market Returns to the Square"]
    assert summary.skipped == [
        ("The Lighthouse Keeps Its Lamp", "dated before 2026-11-03 (--since)")
    ]
    assert listing(folder).queue == ()


def test_a_missing_page_fails_and_is_retried_up_to_the_limit(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    url = harbour_feed(site, ["lamp", "market"])
    del site.routes["/market.html"]  # the page is a 404
    subscribe(folder, url)
    for _ in range(MAX_ATTEMPTS):
        summary = update(folder, Recorder())
        assert [name for name, _ in summary.failed] == ["A Market Returns to the Square"]
        assert "HTTP 404" in summary.failed[0][1]
    assert site.hits["/market.html"] == MAX_ATTEMPTS
    found = listing(folder)
    assert found.queue == ()
    (given_up,) = found.given_up
    assert given_up.reason is not None
    assert given_up.reason.startswith(f"gave up after {MAX_ATTEMPTS} attempts: ")
    update(folder, Recorder())
    assert site.hits["/market.html"] == MAX_ATTEMPTS  # not tried again


def test_a_page_coming_back_is_narrated_on_retry(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    url = harbour_feed(site, ["lamp"])
    site.routes["/lamp.html"].status = 503
    subscribe(folder, url)
    assert update(folder, Recorder()).failed
    site.routes["/lamp.html"].status = 200
    recorder = Recorder()
    assert update(folder, recorder).failed == []
    assert recorder.titles == ["The Lighthouse Keeps Its Lamp"]


def test_broken_and_slow_feeds_are_reported_and_the_others_go_on(
    site: Site, tmp_path: Path
) -> None:
    folder = tmp_path / "podcasts"
    good = harbour_feed(site, ["lamp"])
    broken = site.add("broken.xml", rss(site.base, [], "Broken"), "application/rss+xml")
    slow = site.add("slow.xml", rss(site.base, [], "Slow"), "application/rss+xml")
    for url in (broken, slow, good):
        subscribe(folder, url)
    site.add(
        "broken.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Oops',
        "application/rss+xml",
    )
    site.add("slow.xml", rss(site.base, [], "Slow"), "application/rss+xml", delay_s=3)
    recorder = Recorder()
    summary = update(folder, recorder, fetcher=Fetcher(timeout_s=0.5))
    assert recorder.titles == ["The Lighthouse Keeps Its Lamp"]
    failed = dict(summary.failed)
    assert "not a well-formed feed" in failed["Broken"]
    assert "did not answer within 0.5 s" in failed["Slow"]
    results = {s.title: s.result for s in listing(folder).subscriptions}
    assert results["Broken"].startswith("failed: ")
    assert results["Harbour Notes"] == "not modified"  # its article was listed at subscribe


def test_not_articles_are_skipped_with_their_reason(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    site.add("empty.html", "<html><body><nav>Home</nav>NOARTICLE</body></html>")
    site.add("ep.mp3", b"ID3", "audio/mpeg")
    items = [
        {"title": "Episode 3", "link": site.url("ep"), "guid": "ep3", "date": DATES[0],
         "extra": f'<enclosure url="{site.url("ep.mp3")}" type="audio/mpeg" length="3"/>'},
        {"title": "Nothing here", "link": site.url("empty.html"), "guid": "e", "date": DATES[1]},
        {"title": "A sound", "link": site.url("ep.mp3"), "guid": "s", "date": DATES[2]},
    ]  # fmt: skip  # a table of cases, packed several a line
    subscribe(folder, site.add("feed.xml", rss(site.base, items), "application/rss+xml"))
    summary = update(folder, Recorder(fail_on="NOARTICLE"))
    reasons = dict(summary.skipped)
    assert reasons["A sound"] == "not an article page (audio/mpeg)"
    assert reasons["Nothing here"].startswith("no article on the page")
    with State(folder) as state:
        stored = {a.title: (a.status, a.reason) for a in state.articles()}
    assert stored["Episode 3"] == ("skipped", "a podcast episode (it carries its own audio)")
    assert summary.failed == []


def test_an_engine_failure_stops_the_update_and_keeps_the_article_queued(
    site: Site, tmp_path: Path
) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market"]))

    def broken_engine(page: Page, episode: Path, by_title: bool = False) -> Path:
        raise EngineError("the speech engine failed", "")

    with pytest.raises(EngineError):
        update(folder, broken_engine)
    assert len(listing(folder).queue) == 2  # nothing counted against the articles
    recorder = Recorder()
    update(folder, recorder)
    assert len(recorder.pages) == 2


def test_a_sentence_the_engine_cannot_say_fails_its_article_and_the_queue_goes_on(
    site: Site, tmp_path: Path
) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market"]))
    recorder = Recorder()

    def unsayable_lamp(page: Page, episode: Path, by_title: bool = False) -> Path:
        if page.title and "Lamp" in page.title:
            raise SentenceError("a sentence failed after 4 attempts: '.'", "")
        return recorder(page, episode, by_title)

    for _ in range(MAX_ATTEMPTS):
        summary = update(folder, unsayable_lamp)
        assert [name for name, _ in summary.failed] == ["The Lighthouse Keeps Its Lamp"]
        assert recorder.titles == ["A Market Returns to the Square"]  # narrated on the first run
    assert [a.title for a in listing(folder).given_up] == ["The Lighthouse Keeps Its Lamp"]
    assert update(folder, unsayable_lamp).failed == []  # given up: not tried a fourth time


def test_a_killed_update_resumes_where_it_stopped(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp", "market", "bridge"]))
    done: list[str | None] = []

    def killed_after_one(page: Page, episode: Path, by_title: bool = False) -> Path:
        if done:
            raise KeyboardInterrupt  # what Ctrl-C or a kill does mid-run
        done.append(page.title)
        return episode.with_name(episode.name + ".json")

    with pytest.raises(KeyboardInterrupt):
        update(folder, killed_after_one)
    recorder = Recorder()
    update(folder, recorder)
    assert done == ["The Footbridge Reopens"]
    assert recorder.titles == ["A Market Returns to the Square", "The Lighthouse Keeps Its Lamp"]
    # The interrupted one lands on the same episode it was given before.
    assert recorder.pages[0][1].name == "a-market-returns-to-the-square"


def test_the_same_article_from_two_sources_is_narrated_once(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp"]))
    update(folder, Recorder())
    export = tmp_path / "pocket.csv"
    export.write_text(
        "title,url,time_added,cursor,tags,status\n"
        f"Lamp,{site.url('lamp.html')},1762502400,1,,unread\n",
        "utf-8",
    )
    _, added, _ = import_export(folder, export)
    assert added == 1
    recorder = Recorder()
    summary = update(folder, recorder)
    assert recorder.pages == []
    assert summary.skipped == [
        ("Lamp", "narrated already (as harbour-notes/the-lighthouse-keeps-its-lamp)")
    ]


def test_two_articles_with_one_title_get_two_episodes(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "podcasts"
    site.add("a.html", page("lamp"))
    site.add("b.html", page("market"))
    items = [
        {"title": "Weekly notes", "link": site.url(p), "guid": p, "date": d}
        for p, d in (("a.html", DATES[0]), ("b.html", DATES[1]))
    ]
    subscribe(folder, site.add("feed.xml", rss(site.base, items), "application/rss+xml"))
    recorder = Recorder()
    update(folder, recorder)
    assert sorted(e.name for _, e in recorder.pages) == ["weekly-notes", "weekly-notes-2"]


def test_subscribe_finds_the_feed_a_page_names(site: Site, tmp_path: Path) -> None:
    feed = harbour_feed(site, ["lamp"])
    announce = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    home = site.add("index.html", f"<html><head>{announce}</head><body>Hi</body></html>")
    result = subscribe(tmp_path / "podcasts", home)
    assert [s.url for s, _ in result.added] == [feed]
    again = subscribe(tmp_path / "podcasts", home)
    assert [s.url for s in again.known] == [feed]


def test_one_update_of_a_folder_at_a_time(site: Site, tmp_path: Path) -> None:
    from narrate.core.errors import InputError
    from narrate.publish.subscriptions.state import update_lock

    folder = tmp_path / "podcasts"
    subscribe(folder, harbour_feed(site, ["lamp"]))
    with update_lock(folder), pytest.raises(InputError, match="another update"):
        update(folder, Recorder())
    recorder = Recorder()
    update(folder, recorder)  # the lock went with its holder
    assert recorder.titles == ["The Lighthouse Keeps Its Lamp"]


def test_a_failed_subscription_and_a_listing_leave_no_state_behind(
    site: Site, tmp_path: Path
) -> None:
    # a page that is no feed left .subscriptions.db behind, and so did listing an empty folder
    home = site.add("index.html", "<html><body><p>No feed here.</p></body></html>")
    folder = tmp_path / "podcasts"
    with pytest.raises(FeedError):
        subscribe(folder, home)
    assert not folder.exists()
    folder.mkdir()
    with pytest.raises(FeedError):
        subscribe(folder, home)
    assert listing(folder).subscriptions == ()
    assert list(folder.iterdir()) == []


def test_a_file_is_no_folder_of_subscriptions(site: Site, tmp_path: Path) -> None:
    # it was 'cannot open .../.subscriptions.db: [Errno 17] File exists'
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine", "utf-8")
    with pytest.raises(InputError, match="is a file"):
        subscribe(not_a_folder, harbour_feed(site, ["lamp"]))
    assert not_a_folder.read_text("utf-8") == "mine"
