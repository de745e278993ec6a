"""Pages and names that once broke a run: '.' and '..' titles, names that are not UTF-8,
links out of a batch's folder. Each through the real CLI and the real engine."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.pipeline.naming import slugify
from narrate.publish.subscriptions.updates import slug

runner = CliRunner()
BODY = (
    "<p>The ferry left the harbour at noon, and the people on the quay waved until it was gone.</p>"
)


def _page(title: str, heading: str = "Harbour news", body: str = BODY) -> str:
    return (
        f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}<h2>{heading}</h2><p>Nobody on the quay said a word until the ferry was out "
        "of sight behind the point.</p></article></body></html>"
    )


@pytest.mark.parametrize("title", [".", ".."])
def test_names_from_a_title_of_dots_are_plain_names(title: str) -> None:
    assert slugify(title) == "article"
    assert slug(title) == "article"


@pytest.mark.parametrize("title", [".", ".."])
def test_a_title_and_heading_of_dots_are_not_read_and_the_rest_is(
    tmp_path: Path, title: str
) -> None:
    page = tmp_path / "dots.html"
    page.write_text(_page(title, heading=title), "utf-8")
    result = runner.invoke(app, ["article", str(page), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output  # was exit 3: the engine said nothing for '.'
    manifest = json.loads((tmp_path / "out" / "article.json").read_text("utf-8"))
    assert manifest["title"] == title
    assert [c["title"] for c in manifest["chapters"]] == [title]  # no chapter for the '.'
    assert (tmp_path / "out" / "article.mp3").stat().st_size > 1000


def _not_utf8(folder: Path, name: bytes) -> Path:
    """A path in `folder` whose last part is `name`, bytes that are not UTF-8."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def test_an_article_whose_file_name_is_not_utf8(tmp_path: Path) -> None:
    page = _not_utf8(tmp_path, b"caf\xe9.html")
    page.write_text(_page("Harbour"), "utf-8")
    result = runner.invoke(app, ["article", str(page), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output  # was a traceback writing the manifest
    manifest = json.loads((tmp_path / "out" / "harbour.json").read_text("utf-8"))
    assert manifest["source"].endswith("café.html")  # the stray byte read as Windows-1252
    assert "harbour.mp3" in (tmp_path / "out" / "harbour.listen.html").read_text("utf-8")


def test_an_output_name_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page("Harbour"), "utf-8")
    out = _not_utf8(tmp_path, b"out\xe9.mp3")
    result = runner.invoke(app, ["article", str(page), "-o", str(out), "-q"])
    assert result.exit_code == 2, result.output  # was a traceback in the listen page
    assert result.stderr.count("\n") == 1
    assert "'outé.mp3' is not valid UTF-8" in result.stderr
    assert not list(tmp_path.glob("*.mp3"))


def test_a_batch_with_names_that_are_not_utf8_goes_on_and_counts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    sub = _not_utf8(folder, b"d\xfcnen")
    sub.mkdir(parents=True)
    _not_utf8(sub, b"caf\xe9.html").write_text(_page("Harbour"), "utf-8")
    (folder / "good.html").write_text(_page("Quay"), "utf-8")
    out = tmp_path / "out"
    args = ["batch", str(folder), "-o", str(out), "--recursive", "--jobs", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output  # was a traceback ending the run, no tally
    assert "2 done, 0 skipped, 0 failed" in result.stdout
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.mp3"))
    assert made == ["dünen/harbour.mp3", "quay.mp3"]  # UTF-8 folders, named after titles
    # the progress line names the page as its folder reads (it said 'd\udcfcnen/caf\udce9')
    assert "dünen/café.html" in result.stderr


def test_batch_does_not_follow_a_link_out_of_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "inside.html").write_text(_page("Inside"), "utf-8")
    (tmp_path / "secret.html").write_text(_page("Private notes"), "utf-8")
    (folder / "link.html").symlink_to(tmp_path / "secret.html")
    (folder / "alias.html").symlink_to(folder / "inside.html")  # a link inside is followed
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # the link inside is the same article: one episode, named after its title
    assert sorted(p.name for p in out.glob("*.mp3")) == ["inside.mp3"]
    assert "link.html  a link to" in result.stderr
    assert "not followed" in result.stderr
    # three files, each in the tally (it said 2 done, 0 skipped): the link out skipped; the
    # alias is narrated into the same episode, or found up to date if the page came first
    tally = re.search(r"(\d+) done, (\d+) skipped, (\d+) failed", result.stdout)
    assert tally is not None, result.stdout
    done, skipped, failed = map(int, tally.groups())
    assert (done + skipped, failed) == (3, 0)
    assert 1 <= done <= 2


def test_an_update_with_an_item_titled_dots_narrates_it_and_the_next(tmp_path: Path) -> None:
    from tests.publish.subscriptions.samples import rss
    from tests.publish.subscriptions.site import running_site

    folder = tmp_path / "podcasts"
    with running_site() as site:
        site.add("dots.html", _page(".."))
        site.add("quay.html", _page("Quay"))
        items = [
            {"title": "..", "link": site.url("dots.html"), "guid": "dots",
             "date": "Tue, 03 Nov 2026 10:00:00 +0000"},
            {"title": "Quay", "link": site.url("quay.html"), "guid": "quay",
             "date": "Mon, 02 Nov 2026 10:00:00 +0000"},
        ]  # fmt: skip  # a table of cases, packed several a line
        feed = site.add("feed.xml", rss(site.base, items), "application/rss+xml")
        assert runner.invoke(app, ["subscribe", str(folder), feed]).exit_code == 0
        result = runner.invoke(app, ["update", str(folder)])
    assert result.exit_code == 0, result.output  # was exit 3, and every later run stopped there
    assert "1 feeds checked; 2 narrated, 0 skipped, 0 failed" in result.stdout
    names = sorted(p.name for p in folder.rglob("*.mp3"))
    assert names == ["article.mp3", "quay.mp3"]


def test_an_output_name_longer_than_the_file_system_takes_is_one_line(tmp_path: Path) -> None:
    # looking at such a path raises ENAMETOOLONG wherever it is looked at (here the check
    # of whether -o names a folder): a traceback, until every command said it in a line
    page = tmp_path / "page.html"
    page.write_text(_page("Harbour"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    name = "a" * 300 + ".mp3"
    result = runner.invoke(app, ["article", str(page), "-o", str(out / name), "-q"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"narrate: a file name is too long ({'a' * 40}…, 304 bytes) "
        "(give a shorter name: 255 bytes at most)"
    ]
    assert list(out.iterdir()) == []


def test_a_too_long_folder_name_is_the_part_named(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page("Harbour"), "utf-8")
    deep = tmp_path / ("b" * 300) / "x.html"
    result = runner.invoke(app, ["script", str(deep)])
    assert result.exit_code == 2
    assert f"({'b' * 40}…, 300 bytes)" in result.stderr


@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".chapters.json", ".listen.html"])
def test_a_file_of_the_users_under_a_sidecars_name_is_kept(tmp_path: Path, suffix: str) -> None:
    # only an audio file or a manifest moved the episode to '-2'; a user's own
    # subtitles or page under the episode's name were overwritten
    page = tmp_path / "page.html"
    page.write_text(_page("Harbour"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"harbour{suffix}"
    mine.write_text("mine", "utf-8")
    result = runner.invoke(app, ["article", str(page), "-o", f"{out}/", "-q"])
    assert result.exit_code == 0, result.output
    assert mine.read_text("utf-8") == "mine"
    assert (out / "harbour-2.mp3").is_file()


def test_a_broken_image_saved_beside_the_page_is_left_out(tmp_path: Path) -> None:
    # a truncated og:image failed the run after synthesis: 'ffmpeg failed while writing
    # the MP3 tag', exit 3
    folder = tmp_path / "saved"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page_files" / "hero.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 52)
    page = folder / "page.html"
    head = '<html lang=\'en\'><head><meta property="og:image" content="page_files/hero.png">'
    page.write_text(_page("Harbour").replace("<html lang='en'><head>", head), "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["article", str(page), "-o", f"{out}/", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "harbour.mp3").stat().st_size > 1000
