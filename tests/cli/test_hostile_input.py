"""Feeds, exports, settings and pages made to break a run: extreme dates, deep nesting, NULs,
odd flags and URLs. Each through the real CLI: one readable line or the right result,
never a traceback."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from tests.publish.subscriptions.samples import opml, page, rss
from tests.publish.subscriptions.site import Site, running_site
from tests.publish.test_serve import free_port

runner = CliRunner()
DEEP = 100_000  # levels of nesting: far past any parser's recursion limit
PAGE = (
    "<html lang='en'><head><title>Harbour</title></head><body><article><h1>Harbour news</h1>"
    "<p>The ferry left the harbour at noon, and the people on the quay waved until it was "
    "gone.</p></article></body></html>"
)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env=env)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _one_line(result: Result) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_feed_dates_past_9999_are_no_dates(tmp_path: Path, site: Site) -> None:
    site.add("lamp.html", page("lamp"))
    items = [
        {
            "title": "Late",
            "link": site.url("lamp.html"),
            "guid": "late",
            "date": "Fri, 31 Dec 9999 23:59:59 -1400",
        }
    ]
    feed = site.add("feed.xml", rss(site.base, items), "application/rss+xml")
    atom = site.add(
        "atom.xml",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Far</title>'
        "<id>urn:far</id><updated>9999-12-31T23:59:59-14:00</updated><entry><title>Late"
        f'</title><id>urn:late</id><link href="{site.url("lamp.html")}"/>'
        "<updated>9999-12-31T23:59:59-14:00</updated></entry></feed>",
        "application/atom+xml",
    )
    for url in (feed, atom):
        result = run("subscribe", str(tmp_path / "podcasts"), url)
        assert result.exit_code == 0, result.output  # the Atom one was a traceback
        assert "(1 article listed)" in result.stdout


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pocket.csv", "title,url,time_added,tags,status\nA,https://example.org/a,"
                       "99999999999999999,,unread\n"),
        ("pocket.html", '<html><head><title>Pocket Export</title></head><body><h1>Unread</h1>'
                        '<ul><li><a href="https://example.org/a" time_added="99999999999999999">'
                        "A</a></li></ul></body></html>"),
        ("wallabag.json", json.dumps([{"url": "https://example.org/a", "title": "A",
                                       "created_at": "0001-01-01T00:00:00+1400",
                                       "domain_name": "example.org", "is_archived": 0}])),
        ("readeck.json", json.dumps([{"href": "x", "url": "https://example.org/a", "title": "A",
                                      "site_name": "e", "created": "9999-12-31T23:59:59-14:00"}])),
    ],
)  # fmt: skip  # a table of cases, packed several a line
def test_export_dates_out_of_range_are_no_dates(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, "utf-8")
    result = run("import", str(tmp_path / "podcasts"), str(tmp_path / name))
    assert result.exit_code == 0, result.output  # each was a traceback
    assert "1 new articles queued" in result.stdout
    listed = run("list", str(tmp_path / "podcasts"))
    assert re.search(r"^ {14}A  \[", listed.stdout, re.M)  # queued, with no date


def test_a_json_export_nested_200000_deep_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    result = run("import", str(tmp_path / "podcasts"), str(tmp_path / "deep.json"))
    assert result.exit_code == 2
    assert "deep.json is nested too deeply to be an export" in _one_line(result)


def test_wallabag_is_archived_as_a_string(tmp_path: Path) -> None:
    entries = [
        {
            "url": f"https://example.org/{flag}",
            "title": flag,
            "is_archived": flag,
            "domain_name": "example.org",
        }
        for flag in ("0", "1")
    ]
    (tmp_path / "wallabag.json").write_text(json.dumps(entries))
    result = run("import", str(tmp_path / "podcasts"), str(tmp_path / "wallabag.json"))
    assert "1 new articles queued (1 listed); 1 archived left out" in result.stdout  # was 0, 2


def test_nul_characters_leave_imported_titles_and_urls(tmp_path: Path, site: Site) -> None:
    site.add("lamp.html", page("lamp"))
    url = site.url("lamp.html")
    (tmp_path / "pocket.csv").write_text(
        f"title,url,time_added,tags,status\nThe\x00lamp,{url[:12]}\x00{url[12:]},1700000000,,unread\n"
    )
    folder = tmp_path / "podcasts"
    assert (
        run("import", str(folder), str(tmp_path / "pocket.csv"), "--allow-private").exit_code == 0
    )
    result = run("update", str(folder))
    assert result.exit_code == 0, result.output
    assert "1 narrated" in result.stdout  # the URL is whole again
    assert (folder / "pocket" / "the-lamp.mp3").is_file()
    assert json.loads((folder / "pocket" / "the-lamp.json").read_text())["title"] == "The lamp"


def _deep_toml() -> str:
    return "a = " + "[" * DEEP + "]" * DEEP + "\n"


def test_settings_and_lexicon_nested_deeply_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "deep.toml").write_text(_deep_toml())
    settings = run("--config", str(tmp_path / "deep.toml"), "script", str(tmp_path / "page.html"))
    assert settings.exit_code == 2
    assert "deep.toml: not TOML: nested too deeply" in _one_line(settings)
    lexicon = run("script", str(tmp_path / "page.html"), "--lexicon", str(tmp_path / "deep.toml"))
    assert lexicon.exit_code == 2
    assert "broken lexicon" in _one_line(lexicon)


def test_one_bad_profile_does_not_hide_the_others(tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "deep.toml").write_text(_deep_toml())
    (voices / "typo.toml").write_text('[engine]\nespaek = "gmw/en"\n')
    (voices / "mine.toml").write_text('description = "my own"\nrate = 150\n')
    result = run("voices", env={"NARRATE_VOICES": str(voices)})
    assert result.exit_code == 0, result.output  # was a traceback (deep) or exit 2 (typo)
    assert re.search(r"^  mine +en +150 wpm .* my own", result.stdout, re.M)
    assert re.search(r"^  default ", result.stdout, re.M)
    assert "deep.toml is broken: nested too deeply" in result.stderr
    assert "typo.toml is broken: [engine] has an unknown key 'espaek' (did you mean " in (
        result.stderr
    )
    used = run(
        "script", str(tmp_path / "x.html"), "--voice", "typo", env={"NARRATE_VOICES": str(voices)}
    )
    assert used.exit_code == 2
    assert "unknown key 'espaek'" in _one_line(used)


def test_a_table_where_a_setting_takes_a_value(tmp_path: Path) -> None:
    (tmp_path / "narrate.toml").write_text('[voice]\nname = "clear"\n')
    result = run("--config", str(tmp_path / "narrate.toml"), "config")
    assert result.exit_code == 2
    message = _one_line(result)
    assert 'line 1: voice takes a value, not a table (e.g. voice = "clear")' in message
    assert "unknown table" not in message  # it said "unknown table [voice] (did you mean 'voice'?)"


def test_an_opml_file_feed_is_reported_and_a_long_list_ends_with_a_tally(
    tmp_path: Path, site: Site
) -> None:
    site.add("lamp.html", page("lamp"))
    items = [
        {
            "title": "Lamp",
            "link": site.url("lamp.html"),
            "guid": "l",
            "date": "Mon, 02 Nov 2026 10:00:00 +0000",
        }
    ]
    feed = site.add("feed.xml", rss(site.base, items), "application/rss+xml")
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: refused at once
    feeds = [("Local", "file:///etc/passwd"), ("Harbour", feed)]
    feeds += [(f"Gone {n}", f"{closed}/{n}.xml") for n in range(10_000)]
    (tmp_path / "subs.opml").write_text(opml(feeds), "utf-8")
    result = run("subscribe", str(tmp_path / "podcasts"), str(tmp_path / "subs.opml"))
    assert result.exit_code == 1
    assert "failed: file:///etc/passwd: not an http(s) web address" in result.stderr  # was silent
    last = result.stdout.strip().splitlines()[-1]
    assert last == "10002 feeds: 1 subscribed, 0 subscribed already, 10001 failed"


def test_one_nul_byte_does_not_make_a_page_binary(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGE.replace("noon", "no\x00on").encode())
    result = run("script", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output  # was "is not text (a binary file?)"
    assert "left the harbour at noon" in result.stdout
    (tmp_path / "binary.html").write_bytes(b"\x00\x01" * 4000)
    assert run("script", str(tmp_path / "binary.html")).exit_code == 2


def test_a_page_with_ld_json_nested_deeply_is_read(tmp_path: Path) -> None:
    deep = "[" * DEEP + "]" * DEEP
    page_html = PAGE.replace(
        "</head>", f'<script type="application/ld+json">{deep}</script></head>'
    )
    (tmp_path / "page.html").write_text(page_html)
    result = run("script", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    assert "Harbour news" in result.stdout


def test_a_base_url_with_a_space_is_percent_encoded(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE)
    out = tmp_path / "podcasts"
    assert run("article", str(tmp_path / "page.html"), "-o", str(out), "-q").exit_code == 0
    result = run("feed", str(out), "--base-url", "http://example.org/my podcasts/")
    assert result.exit_code == 0, result.output
    xml = (out / "feed.xml").read_text("utf-8")
    enclosures = re.findall(r'<enclosure url="([^"]+)"', xml)
    assert enclosures
    assert enclosures[0].startswith("http://example.org/my%20podcasts/harbour-news.mp3")


def test_a_url_file_that_lists_no_url_fails_in_a_batch_and_is_counted(tmp_path: Path) -> None:
    # such files were passed over without a word: 'no articles in FOLDER' for a folder of them
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "bad.url").write_text("garbage\n", "utf-8")
    (folder / "empty.url").write_text("", "utf-8")
    (folder / "cut.url").write_text("[InternetShortcut]\nURL=http://[::1\n", "utf-8")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "0 done, 0 skipped, 3 failed" in result.stdout  # 'http://[::1': a traceback
    assert (
        f"failed: {folder / 'bad.url'}: {folder / 'bad.url'} holds no http(s) URL" in result.stderr
    )


@pytest.mark.parametrize("out", [".", ".."])
def test_a_batch_into_its_own_folder_or_around_it_is_one_line(tmp_path: Path, out: str) -> None:
    # every article was taken for an output of the batch: 'no articles in FOLDER'
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, "utf-8")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(folder / out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: the output folder {folder / out} holds the articles' folder {folder} "
        "(give -o a folder of its own: a batch never reads its own output)"
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["page.html"]


def test_a_batch_of_a_file_says_it_is_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    result = runner.invoke(app, ["batch", str(page)])
    assert result.exit_code == 2
    assert f"narrate: {page} is a file (narrate one article with narrate article)" in result.stderr


def _wrong_inputs(tmp: Path) -> list[tuple[list[str], str]]:
    page = tmp / "page.html"
    page.write_text(PAGE, "utf-8")
    (tmp / "loop1").symlink_to(tmp / "loop2")
    (tmp / "loop2").symlink_to(tmp / "loop1")
    return [
        (["script", "http://127.0.0.1:9/sh ort.html"], "holds a space or a control character"),
        (["script", "http://127.0.0.1:99999/x"], "names no port there can be"),
        (["script", "http://[::1"], "is no web address"),
        (["script", "http://user:pw@127.0.0.1:9/x"], "holds a user name or password"),
        (["article", "-", "--title", "   ", "-o", f"{tmp}/out/"], "--title is blank"),
        (["batch", str(tmp), "-o", str(tmp / "out"), "--cluster", "local:0"], "1 or more"),
        (["--config", str(tmp), "config"], f"the settings file {tmp} is a folder"),
        (["feed", str(page), "--base-url", "http://127.0.0.1:8000/"], f"{page} is a file"),
        (["script", str(tmp / "loop1")], "is a link to nothing (a loop, or a file gone)"),
        (["article", str(page), "--cover", str(tmp), "-o", f"{tmp}/out/"], "is a folder"),
        (["article", "-", "-", "-o", f"{tmp}/out/"], "- is given twice"),  # was: '- is empty'
    ]


@pytest.mark.parametrize("case", range(11))
def test_a_wrong_input_is_said_for_what_it_is(tmp_path: Path, case: int) -> None:
    # each was said as something else: a server's bad HTTP for a space, 'Connection refused'
    # for port 99999, 'not a whole number' for 0, '[Errno 21]', 'Not a directory (check its
    # permissions)', 'no such file' for a loop, 'no such cover image' for a folder
    args, said = _wrong_inputs(tmp_path)[case]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert said in line
    assert not (tmp_path / "out").exists()


def test_show_dropped_lists_what_a_page_with_no_article_held(tmp_path: Path) -> None:
    # the hint sends the user to --show-dropped, which listed nothing for such a page
    page = tmp_path / "table.html"
    page.write_text(
        "<html><body><table><tr><td>Tide</td><td>High</td></tr></table>"
        "<nav><a href='/'>Home</a></nav></body></html>",
        "utf-8",
    )
    result = runner.invoke(app, ["script", str(page), "--show-dropped"])
    assert result.exit_code == 2
    assert "--- dropped ---" in result.stdout
    assert "Home" in result.stdout
    assert "no article text found" in result.stderr


@pytest.mark.parametrize(
    "meta",
    [
        '<meta http-equiv="refresh" content="0; url=/story.html">',
        "<meta content='5;URL=/story.html' http-equiv='Refresh'>",
    ],
)
def test_a_page_that_only_sends_a_browser_on_says_where(tmp_path: Path, meta: str) -> None:
    # it was 'no article text found', with no word of the address the page names
    page = tmp_path / "moved.html"
    page.write_text(f"<html><head>{meta}</head><body></body></html>", "utf-8")
    result = runner.invoke(app, ["script", str(page)])
    assert result.exit_code == 2
    assert "(the page sends a browser on to /story.html: narrate that)" in result.stderr
