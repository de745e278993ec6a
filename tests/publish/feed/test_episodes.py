"""Episodes for the feed (publish/feed/episodes.py): manifests found, read into items, and the
lasting state (GUIDs, first dates, audio hashes) kept across runs."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from narrate.core.storage import open_store
from narrate.publish.feed.episodes import (
    STATE_NAME,
    find_manifests,
    list_files,
    load_state,
    manifest_candidates,
    read_item,
    remember_published,
    save_state,
)
from tests.publish.feed.samples import BASE, episode, paragraph


def fresh() -> dict[str, Any]:
    return {"episodes": {}}


def test_manifests_are_found_in_subfolders_and_everything_else_left_out(tmp_path: Path) -> None:
    kept = [episode(tmp_path, "lamp"), episode(tmp_path / "more" / "deeper", "market")]
    episode(tmp_path / ".hidden", "secret")
    (tmp_path / "lamp.chapters.json").write_text('{"version": "1.2.0", "chapters": []}')
    (tmp_path / ".feed-state.json").write_text("{}")
    (tmp_path / "broken.json").write_text('{"title": "Half a manif')
    (tmp_path / "other.json").write_text('{"name": "some other program\'s file"}')
    (tmp_path / "list.json").write_text("[1, 2, 3]")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    store = open_store(tmp_path)
    candidates = manifest_candidates(list_files(store))
    assert ".hidden/secret.json" not in candidates
    assert "lamp.chapters.json" not in candidates
    found = find_manifests(store, list_files(store))
    assert [key for key, _ in found] == sorted(p.relative_to(tmp_path).as_posix() for p in kept)
    assert [manifest.title for _, manifest in found] == [
        "The Lighthouse Keeps Its Lamp", "The Lighthouse Keeps Its Lamp"
    ]


def test_an_item_from_its_manifest_and_audio(tmp_path: Path) -> None:
    path = episode(tmp_path / "more", "lamp", duration_ms=61_600)
    audio = tmp_path / "more" / "lamp.mp3"
    item = read_item(tmp_path, path, BASE, fresh())
    assert item.title == "The Lighthouse Keeps Its Lamp"
    assert item.author == "Ines Marlow"
    assert item.length == audio.stat().st_size > 0
    assert item.audio_type == "audio/mpeg"
    sha = hashlib.sha256(audio.read_bytes()).hexdigest()
    assert item.audio_url == f"{BASE}more/lamp.mp3?v={sha[:12]}"
    assert item.duration_s == 62
    assert item.link == "https://example.org/lighthouse"
    assert item.language == "en"
    assert item.published.tzinfo is not None
    assert item.guid.startswith("narrate:")


@pytest.mark.parametrize(
    ("duration_ms", "seconds"), [(0, 1), (400, 1), (1_499, 1), (3_600_000, 3600)]
)
def test_duration_is_whole_seconds_and_never_zero(
    tmp_path: Path, duration_ms: int, seconds: int
) -> None:
    path = episode(tmp_path, "lamp", duration_ms=duration_ms)
    assert read_item(tmp_path, path, BASE, fresh()).duration_s == seconds


def test_non_ascii_and_spaced_file_names_become_valid_urls(tmp_path: Path) -> None:
    path = episode(tmp_path / "Été 2026", "Grüße aus Köln & mehr", title="Grüße aus Köln")
    item = read_item(tmp_path, path, BASE, fresh())
    url = item.audio_url.split("?")[0]
    assert url.isascii()
    assert " " not in url
    assert "&" not in url  # an unescaped & would end the path in some players' parsers
    assert unquote(url) == BASE + "Été 2026/Grüße aus Köln & mehr.mp3"


def test_description_escapes_text_and_names_languages_and_source(tmp_path: Path) -> None:
    path = episode(
        tmp_path,
        "lamp",
        source="https://example.org/a?x=1&y=<2>",
        segments=(
            paragraph("Fish & chips <b>tonight</b>", 0, "en"),
            paragraph("Fisch & Pommes heute", 1, "de"),
        ),
    )
    description = read_item(tmp_path, path, BASE, fresh()).description
    assert "<p>Fish &amp; chips &lt;b&gt;tonight&lt;/b&gt;</p>" in description
    assert "Language: en, de" in description
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in description


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("/home/ines/Downloads/private/lamp.html", "Source: lamp.html"),  # not the whole path
        ("-", None),  # standard input: nothing to name
        ("", None),
    ],
)
def test_a_local_source_is_named_by_its_file_only(
    tmp_path: Path, source: str, shown: str | None
) -> None:
    path = episode(tmp_path, "lamp", source=source)
    item = read_item(tmp_path, path, BASE, fresh())
    assert item.link is None
    assert "/home/ines" not in item.description
    assert ("Source:" in item.description) == (shown is not None)
    if shown:
        assert shown in item.description


def test_sidecars_by_convention_by_name_and_missing(tmp_path: Path) -> None:
    path = episode(
        tmp_path, "lamp", sidecars={"chapters": "named.chapters.json", "vtt": "gone.vtt"}
    )
    (tmp_path / "named.chapters.json").write_text("{}")
    (tmp_path / "lamp.chapters.json").write_text("{}")  # the manifest's own name wins
    (tmp_path / "lamp.srt").write_text("1\n")  # not named: found by convention
    (tmp_path / "lamp.html").write_text("<p>the saved article, not a listen page</p>")
    item = read_item(tmp_path, path, BASE, fresh())
    assert item.chapters_url == BASE + "named.chapters.json"
    assert item.transcripts == ((BASE + "lamp.srt", "application/x-subrip"),)
    assert item.link == "https://example.org/lighthouse"  # an unnamed HTML file is not linked


def test_a_named_listen_page_is_the_link(tmp_path: Path) -> None:
    path = episode(tmp_path, "lamp", sidecars={"listen": "lamp.html"})
    (tmp_path / "lamp.html").write_text("<p>listen</p>")
    assert read_item(tmp_path, path, BASE, fresh()).link == BASE + "lamp.html"
    (tmp_path / "lamp.html").unlink()
    assert read_item(tmp_path, path, BASE, fresh()).link == "https://example.org/lighthouse"


def test_missing_audio_is_an_os_error_the_feed_can_report(tmp_path: Path) -> None:
    path = episode(tmp_path, "lamp")
    (tmp_path / "lamp.mp3").unlink()
    with pytest.raises(FileNotFoundError):
        read_item(tmp_path, path, BASE, fresh())


def test_guid_and_first_date_last_and_the_hash_follows_the_audio(tmp_path: Path) -> None:
    path = episode(tmp_path, "lamp")
    state = fresh()
    first = read_item(tmp_path, path, BASE, state)
    save_state(tmp_path, state)
    # re-narrated later: new audio, a newer manifest
    later = path.stat().st_mtime + 3600
    (tmp_path / "lamp.mp3").write_bytes(b"\xff\xf3" + b"\x01" * 4000)
    os.utime(path, (later, later))
    again = read_item(tmp_path, path, BASE, load_state(tmp_path))
    assert (again.guid, again.published) == (first.guid, first.published)
    assert again.audio_url != first.audio_url
    assert again.length == 4002
    # a lost state file: the same GUID, derived from the manifest's place
    assert read_item(tmp_path, path, BASE, fresh()).guid == first.guid
    other = episode(tmp_path / "more", "lamp")
    assert read_item(tmp_path, other, BASE, fresh()).guid != first.guid


def test_the_hash_is_not_read_again_for_unchanged_audio(tmp_path: Path) -> None:
    path = episode(tmp_path, "lamp")
    state = fresh()
    read_item(tmp_path, path, BASE, state)
    state["episodes"]["lamp.json"]["sha256"] = "f" * 64  # as if computed before
    assert read_item(tmp_path, path, BASE, state).audio_url.endswith("?v=ffffffffffff")


def test_remembered_dates_are_aware_and_whole_seconds(tmp_path: Path) -> None:
    path = episode(tmp_path, "lamp")
    remember_published(tmp_path, path, datetime(2025, 5, 6, 7, 8, 9, 123456))
    item = read_item(tmp_path, path, BASE, load_state(tmp_path))
    assert item.published == datetime(2025, 5, 6, 7, 8, 9, tzinfo=UTC)
    east = timezone(timedelta(hours=9))
    remember_published(tmp_path, path, datetime(2025, 5, 6, 7, 8, 9, tzinfo=east))
    item = read_item(tmp_path, path, BASE, load_state(tmp_path))
    assert item.published == datetime(2025, 5, 6, 7, 8, 9, tzinfo=east)


@pytest.mark.parametrize(
    "content", [b"", b"not json", b"[1, 2]", b'{"episodes": []}', b"\xff\xfe\x00", b"null"]
)
def test_an_unreadable_state_file_starts_afresh(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / STATE_NAME).write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert load_state(tmp_path) == fresh()


def test_state_is_saved_as_json(tmp_path: Path) -> None:
    save_state(tmp_path, {"episodes": {"a.json": {"guid": "narrate:x"}}})
    assert json.loads((tmp_path / STATE_NAME).read_text("utf-8"))["episodes"]["a.json"] == {
        "guid": "narrate:x"
    }
    assert load_state(tmp_path)["episodes"]["a.json"]["guid"] == "narrate:x"


@pytest.mark.parametrize(
    "damaged",
    [
        "not a record",
        None,
        ["a", "list"],
        {"published": "yesterday"},
        {"published": 20240101},
        {"published": None, "guid": None},
        {"guid": "", "sha256": 5, "fingerprint": None},
        {"guid": 7},
    ],
)
def test_a_damaged_state_record_is_derived_afresh(tmp_path: Path, damaged: object) -> None:
    # a hand-edited or foreign state file: the episode must stay in the feed, with the
    # GUID and date a lost state file would give it (a record that is not an object
    # crashed the whole feed; a bad date dropped the episode)
    path = episode(tmp_path, "lamp")
    expected = read_item(tmp_path, path, BASE, fresh())
    state = {"episodes": {"lamp.json": damaged}}
    item = read_item(tmp_path, path, BASE, state)
    assert (item.guid, item.published, item.audio_url) == (
        expected.guid,
        expected.published,
        expected.audio_url,
    )
    save_state(tmp_path, state)
    remember_published(tmp_path, path, datetime(2025, 1, 2, tzinfo=UTC))
    assert read_item(tmp_path, path, BASE, load_state(tmp_path)).published == datetime(
        2025, 1, 2, tzinfo=UTC
    )


def test_a_stored_date_without_offset_is_utc(tmp_path: Path) -> None:
    # naive and aware dates cannot be compared: the feed's sort raised a TypeError
    path = episode(tmp_path, "lamp")
    state = {"episodes": {"lamp.json": {"published": "2024-01-01T08:00:00"}}}
    item = read_item(tmp_path, path, BASE, state)
    assert item.published == datetime(2024, 1, 1, 8, tzinfo=UTC)


def test_files_named_outside_the_folder_are_not_published(tmp_path: Path) -> None:
    # a hand-edited manifest naming '../x.mp3' gave the enclosure BASE + '../x.mp3',
    # a URL outside the feed's folder, and read a file from outside it
    outdir = tmp_path / "out"
    (tmp_path / "elsewhere.mp3").write_bytes(b"\xff\xf3 not in the feed's folder")
    (tmp_path / "notes.vtt").write_text("WEBVTT\n")
    escaping = episode(outdir, "escape", audio="../elsewhere.mp3")
    with pytest.raises(ValueError, match="outside"):
        read_item(outdir, escaping, BASE, fresh())
    sidecars = {"vtt": "../notes.vtt", "listen": "../../etc/hostname", "srt": "sub/../lamp.srt"}
    path = episode(outdir, "lamp", sidecars=sidecars)
    (outdir / "lamp.srt").write_text("1\n")
    item = read_item(outdir, path, BASE, fresh())
    assert item.transcripts == ((BASE + "lamp.srt", "application/x-subrip"),)
    assert item.link == "https://example.org/lighthouse"
    assert ".." not in item.audio_url
    # an OUTDIR given with '..' of its own is still the same folder
    roundabout = tmp_path / "elsewhere" / ".." / "out"
    (tmp_path / "elsewhere").mkdir()
    item = read_item(roundabout, roundabout / "lamp.json", BASE, fresh())
    assert item.audio_url.startswith(BASE + "lamp.mp3?v=")
