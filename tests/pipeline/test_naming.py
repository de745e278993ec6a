"""Where an episode goes: file names from titles in any script, -o as a file or a folder,
another article's episode never replaced, a page being read never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrate.core.errors import OutputError
from narrate.core.formats import FORMATS
from narrate.pipeline.naming import (
    UNKNOWN,
    destination,
    owner,
    remove_episode,
    slugify,
    source_identity,
)

MP3 = FORMATS["mp3"]


def episode(audio: Path, identity: str = "", source: str = "page.html", digest: str = "") -> Path:
    """An episode's audio and manifest as the narrator leaves them (the fields naming reads)."""
    audio.write_bytes(b"ID3")
    manifest = {
        "title": "T",
        "source": source,
        "audio": audio.name,
        "duration_ms": 1000,
        "identity": identity,
        "sidecars": {"listen": audio.stem + ".listen.html"},
        "input_digest": digest,
    }
    audio.with_suffix(".json").write_text(json.dumps(manifest), "utf-8")
    audio.with_suffix(".listen.html").write_text("<p>listen</p>", "utf-8")
    return audio


def test_slugs_keep_every_script() -> None:
    assert slugify("The Library That Lends Seeds!") == "the-library-that-lends-seeds"
    assert slugify("Über den Fluss: ein Bericht") == "über-den-fluss-ein-bericht"
    assert slugify("Москва — новости") == "москва-новости"
    assert slugify("北京新闻") == "北京新闻"
    assert slugify("???") == "article"
    assert len(slugify("word " * 100)) <= 80


def test_output_is_a_file_or_a_folder(tmp_path: Path) -> None:
    assert destination(tmp_path / "x.mp3", MP3).choose("T", ".mp3") == tmp_path / "x.mp3"
    assert destination(tmp_path, MP3).choose("A Title", ".mp3") == tmp_path / "a-title.mp3"
    opus = destination(None, FORMATS["opus"]).choose("A Title", ".opus")
    assert opus == Path("output") / "a-title.opus"


def test_identities() -> None:
    assert source_identity("https://a.example/x#part") == "https://a.example/x"
    assert source_identity("page.html") == str(Path("page.html").resolve())
    assert source_identity("-", "one note") != source_identity("-", "another note")
    assert source_identity("-", "one note") == source_identity("-", "one note")


def test_same_source_keeps_its_name_another_gets_the_next(tmp_path: Path) -> None:
    episode(tmp_path / "notes.mp3", "stdin:aaaa")
    mine = destination(tmp_path, MP3, "stdin:aaaa")
    assert mine.own("Notes", ".mp3") == tmp_path / "notes.mp3"
    assert mine.choose("Notes", ".mp3") == tmp_path / "notes.mp3"
    other = destination(tmp_path, MP3, "stdin:bbbb")
    assert other.own("Notes", ".mp3") is None
    assert other.choose("Notes", ".mp3") == tmp_path / "notes-2.mp3"
    episode(tmp_path / "notes-2.mp3", "stdin:bbbb")
    third = destination(tmp_path, MP3, "stdin:cccc")
    assert third.choose("Notes", ".mp3") == tmp_path / "notes-3.mp3"
    assert other.own("Notes", ".mp3") == tmp_path / "notes-2.mp3"


def test_files_narrate_cannot_vouch_for_are_never_taken(tmp_path: Path) -> None:
    (tmp_path / "notes.mp3").write_bytes(b"someone's own recording")
    assert owner(tmp_path / "notes.mp3") == (UNKNOWN, "")
    assert destination(tmp_path, MP3, "x").choose("Notes", ".mp3") == tmp_path / "notes-2.mp3"
    episode(tmp_path / "old.mp3", "", source="-")  # an old manifest of a note from stdin
    assert owner(tmp_path / "old.mp3") == (UNKNOWN, "")
    episode(tmp_path / "older.mp3", "", source=str(tmp_path / "page.html"))
    assert owner(tmp_path / "older.mp3") == (str(tmp_path / "page.html"), "")


def test_a_page_being_read_is_never_overwritten(tmp_path: Path) -> None:
    page = tmp_path / "story.listen.html"  # a page saved under a listen page's name
    page.write_text("<p>the article</p>", "utf-8")
    place = destination(tmp_path, MP3, "id", (str(page),))
    assert place.choose("Story", ".mp3") == tmp_path / "story-2.mp3"
    named = destination(tmp_path / "story.mp3", MP3, "id", (str(page),))
    with pytest.raises(OutputError, match="would be overwritten"):
        named.choose("Story", ".mp3")


def test_remove_episode_removes_all_its_files(tmp_path: Path) -> None:
    audio = episode(tmp_path / "lamp.mp3", "x")
    (tmp_path / "lamp.vtt").write_text("WEBVTT\n", "utf-8")
    (tmp_path / "lamp.html").write_text("<p>the saved page, not ours</p>", "utf-8")
    remove_episode(audio)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lamp.html"]


def test_the_very_same_text_from_elsewhere_is_the_same_episode(tmp_path: Path) -> None:
    episode(tmp_path / "lamp.mp3", "/saved/lamp.html", digest="d1")
    copy = destination(tmp_path, MP3, "/downloads/lamp.html", digest="d1")
    assert copy.choose("Lamp", ".mp3") == tmp_path / "lamp.mp3"
    other = destination(tmp_path, MP3, "/downloads/lamp.html", digest="d2")
    assert other.choose("Lamp", ".mp3") == tmp_path / "lamp-2.mp3"


def test_a_cached_script_names_the_page_it_was_read_from_now(tmp_path: Path) -> None:
    """The script cache is keyed by the page's text: a copy of a page read elsewhere (another
    folder, a bucket) got the first copy's source in its manifest and feed item."""
    from narrate.core.cache import AudioCache
    from narrate.core.settings import Settings
    from narrate.pipeline.scripts import prepare_script, script_profile

    page = "<html><body><article><h1>Copies</h1><p>One page, read twice.</p></article></body>"
    first, second = tmp_path / "a" / "page.html", tmp_path / "b" / "page.html"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(page, "utf-8")
    settings = Settings(jobs=1)
    cache = AudioCache(tmp_path / "cache", 2**30)
    profile = script_profile(settings)
    assert prepare_script(str(first), settings, profile, None, cache).article.source == str(first)
    again = prepare_script(str(second), settings, profile, None, cache)
    assert again.article.source == str(second)
