"""Read-it-later exports, each made by us in its service's documented format (data/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.publish.subscriptions.imports import read_export

DATA = Path(__file__).parent / "data"
TIDES = "https://example.org/tides"


def test_pocket_csv_keeps_unread_and_dates_them_by_when_they_were_saved() -> None:
    export = read_export(DATA / "pocket.csv")
    assert export.kind == "Pocket CSV"
    assert [e.link for e in export.entries] == [
        TIDES,
        "https://example.de/faehre",
        "https://www.youtube.com/watch?v=abc123",
    ]
    tides = export.entries[0]
    assert tides.title == "Tides, moons and the harbour wall"
    assert tides.date == "2025-11-07T08:00:00+00:00"
    assert export.entries[2].skip == "a video"
    assert export.archived == 1


def test_archived_articles_come_when_asked_for() -> None:
    export = read_export(DATA / "pocket.csv", include_archived=True)
    assert "https://example.org/old" in [e.link for e in export.entries]
    assert export.archived == 0


def test_pocket_html_export() -> None:
    export = read_export(DATA / "ril_export.html")
    assert export.kind == "Pocket HTML"
    assert [(e.link, e.title) for e in export.entries] == [
        (TIDES, "Tides, moons and the harbour wall"),
        ("https://example.fr/marche", "Le marché revient sur la place"),
    ]
    assert export.archived == 1


def test_instapaper_csv_leaves_out_the_archive_folder_only() -> None:
    export = read_export(DATA / "instapaper-export.csv")
    assert export.kind == "Instapaper CSV"
    assert [e.link for e in export.entries] == [TIDES, "https://example.org/essays/slow"]
    assert export.entries[1].date == "2025-11-08T08:00:00+00:00"
    assert export.archived == 1


def test_wallabag_json_carries_the_article_text() -> None:
    export = read_export(DATA / "wallabag.json")
    assert export.kind == "Wallabag JSON"
    (tides,) = export.entries
    assert tides.content is not None
    assert "The harbour wall held." in tides.content
    assert tides.author == "Ines Marlow"
    assert tides.language == "en"
    assert tides.date == "2026-11-07T08:00:00+00:00"  # +0100 read as such
    assert export.archived == 1


def test_readeck_json_skips_videos() -> None:
    export = read_export(DATA / "readeck.json")
    assert export.kind == "Readeck JSON"
    assert [(e.link, e.skip) for e in export.entries] == [
        (TIDES, None),
        ("https://vimeo.com/123456", "a video"),
    ]
    assert export.entries[0].author == "Ines Marlow"
    assert export.archived == 1


def test_browser_bookmarks_keep_every_web_link_in_any_script() -> None:
    export = read_export(DATA / "bookmarks.html")
    assert export.kind == "bookmarks HTML"
    assert [(e.link, e.title) for e in export.entries] == [
        (TIDES, "Tides, moons and the harbour wall"),
        ("https://example.jp/minato", "港の朝"),
    ]  # the place: link is not a web page
    assert export.archived == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.csv", "a,b\n1,2\n"),
        ("other.json", '{"foo": 1}'),
        ("empty.html", "<html><body><p>No links</p></body></html>"),
        ("bad.json", "[{"),
    ],
)
def test_unknown_files_are_refused_with_one_line(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(InputError) as caught:
        read_export(path)
    assert "\n" not in str(caught.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_export(tmp_path / "nothing.csv")


def test_a_row_without_a_web_address_is_left_out_and_counted(tmp_path: Path) -> None:
    # it was queued, then skipped by update as 'no article (neither a link nor the text)'
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp\n"
        "not a url,x,,Unread,1700000000\n"
        "https://example.org/harbour,Harbour,,Unread,1700000000\n",
        "utf-8",
    )
    found = read_export(export)
    assert [e.link for e in found.entries] == ["https://example.org/harbour"]
    assert found.unreadable == 1


def test_a_row_whose_address_is_cut_short_is_left_out(tmp_path: Path) -> None:
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp\nhttp://[::1,x,,Unread,1700000000\n", "utf-8"
    )
    assert read_export(export).unreadable == 1  # was: ValueError: Invalid IPv6 URL
