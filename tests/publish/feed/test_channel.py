"""The feed as a whole (publish/feed/__init__.py): the channel's options, kept between runs,
and OUTDIR/feed.xml written from every episode, or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from narrate.core.errors import InputError, OutputError
from narrate.publish.feed import (
    Channel,
    ChannelOptions,
    channel_options,
    normalize_base_url,
    refresh_feed,
    remember_published,
    stored_channel,
    write_feed,
)
from narrate.publish.feed.episodes import STATE_NAME
from tests.publish.feed.samples import BASE, episode, paragraph


def titles(outdir: Path) -> list[str]:
    root = etree.parse(str(outdir / "feed.xml")).getroot()
    return [item.findtext("title") or "" for item in root.iter("item")]


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("  https://example.org/pod//  ", "https://example.org/pod/"),
        ("https://example.org/podcasts/harbour/", "https://example.org/podcasts/harbour/"),
    ],
)
def test_base_urls_end_in_one_slash(given: str, normal: str) -> None:
    assert normalize_base_url(given) == normal


@pytest.mark.parametrize(
    "bad", ["", "example.org", "ftp://example.org/", "file:///srv/pod", "http://"]
)
def test_a_base_url_that_is_not_http_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="base URL") as caught:
        normalize_base_url(bad)
    assert "\n" not in str(caught.value)


def test_options_given_then_stored_then_defaults(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="base URL"):
        channel_options(tmp_path, ChannelOptions())
    episode(tmp_path, "lamp")
    write_feed(tmp_path, channel_options(tmp_path, ChannelOptions(BASE, title="Harbour reads")))
    assert stored_channel(tmp_path).title == "Harbour reads"
    later = channel_options(tmp_path, ChannelOptions(author="Ines Marlow", title=None))
    assert later == Channel(BASE, title="Harbour reads", author="Ines Marlow")
    # a stored language or image of None stays automatic
    assert later.language is None
    assert later.image is None


def test_refresh_keeps_the_stored_base_url(tmp_path: Path) -> None:
    episode(tmp_path, "lamp")
    assert refresh_feed(tmp_path, BASE).episodes == 1
    write_feed(tmp_path, channel_options(tmp_path, ChannelOptions("https://pod.example.org/")))
    refresh_feed(tmp_path, BASE)  # the fallback is for a feed never written
    root = etree.parse(str(tmp_path / "feed.xml")).getroot()
    assert root.findtext("channel/link") == "https://pod.example.org/"


def test_episodes_newest_first_with_the_common_language(tmp_path: Path) -> None:
    dates = {"old": datetime(2024, 1, 1, tzinfo=UTC), "new": datetime(2026, 1, 1, tzinfo=UTC)}
    languages = {"old": "de-AT", "mid": "de", "new": "fr"}
    for name, language in languages.items():
        path = episode(tmp_path, name, title=name, language=language)
        if name in dates:
            remember_published(tmp_path, path, dates[name])
    os.utime(tmp_path / "mid.json", (datetime(2025, 1, 1).timestamp(),) * 2)
    result = write_feed(tmp_path, Channel(BASE))
    assert (result.episodes, result.skipped) == (3, ())
    assert titles(tmp_path) == ["new", "mid", "old"]
    root = etree.parse(str(tmp_path / "feed.xml")).getroot()
    assert root.findtext("channel/language") == "de"  # de-AT counts as de
    assert write_feed(tmp_path, Channel(BASE, language="pt-BR")).episodes == 3
    root = etree.parse(str(tmp_path / "feed.xml")).getroot()
    assert root.findtext("channel/language") == "pt-BR"  # given: as given


def test_an_empty_folder_gives_an_empty_valid_feed(tmp_path: Path) -> None:
    result = write_feed(tmp_path, Channel(BASE, title="Nothing yet"))
    assert (result.episodes, result.skipped) == (0, ())
    parsed = feedparser.parse(result.path.read_bytes())
    assert not parsed.bozo
    assert parsed.feed.title == "Nothing yet"
    assert parsed.feed.language == "en"
    assert (tmp_path / "cover.png").is_file()


def test_broken_manifests_and_missing_audio_do_not_stop_the_others(tmp_path: Path) -> None:
    episode(tmp_path, "lamp", title="Kept")
    episode(tmp_path, "gone", title="Gone")
    (tmp_path / "gone.mp3").unlink()
    (tmp_path / "broken.json").write_text('{"title": "Half', "utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"title": "Not ours", "size": 3}))
    result = write_feed(tmp_path, Channel(BASE))
    assert titles(tmp_path) == ["Kept"]
    (reason,) = result.skipped
    assert reason.startswith("gone.json: ")
    assert "No such file" in reason


def test_no_folder_and_an_unwritable_folder_are_narrate_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        write_feed(tmp_path / "none", Channel(BASE))
    episode(tmp_path, "lamp")
    (tmp_path / "feed.xml").mkdir()  # the feed's name is taken by a folder
    with pytest.raises(OutputError) as caught:
        write_feed(tmp_path, Channel(BASE))
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_non_english_episodes_read_by_feed_parsers(tmp_path: Path) -> None:
    episode(
        tmp_path,
        "moskva",
        title="Москва — столица",
        byline="Анна Иванова",
        language="ru",
        segments=(paragraph("Москва — столица России.", 0, "ru"),),
    )
    episode(
        tmp_path,
        "gangkou",
        title="港口的早晨",
        byline=None,
        language="zh",
        segments=(paragraph("渡轮七点出发。", 0, "zh"),),
    )
    write_feed(tmp_path, Channel(BASE, title="Чтения & 读物"))
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Чтения & 读物"
    assert {e.title for e in parsed.entries} == {"Москва — столица", "港口的早晨"}
    assert any("Москва — столица России." in e.description for e in parsed.entries)


def test_stored_options_of_the_wrong_kind_fall_back_to_the_defaults(tmp_path: Path) -> None:
    # a hand-edited state file; a title of 5 crashed the cover drawing with AttributeError
    episode(tmp_path, "lamp")
    channel = {"base_url": BASE, "title": 5, "explicit": "no", "image": 3, "language": ["en"]}
    (tmp_path / STATE_NAME).write_text(json.dumps({"episodes": {}, "channel": channel}))
    assert stored_channel(tmp_path) == ChannelOptions(base_url=BASE)
    result = refresh_feed(tmp_path, "http://elsewhere.invalid/")
    assert result.episodes == 1
    parsed = feedparser.parse(result.path.read_bytes())
    assert not parsed.bozo
    assert parsed.feed.title == "Narrated articles"
    assert parsed.feed.link == BASE
    assert parsed.feed.language == "en"
    root = etree.parse(str(result.path)).getroot()
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert root.findtext("channel/itunes:explicit", namespaces=ns) == "false"
    # given options still replace stored ones
    assert channel_options(tmp_path, ChannelOptions(title="Given")).title == "Given"


def test_a_manifest_whose_file_name_is_not_utf8_is_skipped(tmp_path: Path) -> None:
    # a file copied from a Latin-1 disk or a zip: its name reaches Python with surrogate
    # escapes, which the state file cannot hold; saving the state crashed the feed
    episode(tmp_path, "kept", title="Kept")
    episode(tmp_path, "latin", title="Café")
    os.rename(tmp_path / "latin.json", os.fsencode(tmp_path) + b"/caf\xe9.json")
    result = write_feed(tmp_path, Channel(BASE))
    assert titles(tmp_path) == ["Kept"]
    (reason,) = result.skipped
    assert "UTF-8" in reason
    assert list(json.loads((tmp_path / STATE_NAME).read_text("utf-8"))["episodes"]) == ["kept.json"]


def test_an_option_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    # `--title` typed in a Latin-1 terminal reaches Python with surrogate escapes; the
    # cover drawing, then the state file, crashed on it with UnicodeEncodeError
    latin = os.fsdecode(b"Caf\xe9")
    with pytest.raises(InputError, match="UTF-8") as caught:
        channel_options(tmp_path, ChannelOptions(BASE, title=latin))
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []
    assert channel_options(tmp_path, ChannelOptions(BASE, title="Café")).title == "Café"
    with pytest.raises(InputError, match="base url is not UTF-8"):
        channel_options(tmp_path, ChannelOptions(BASE + latin))


def test_the_cli_reports_a_skipped_episode_in_one_line(tmp_path: Path) -> None:
    # the reason came twice on stderr: the library's log warning, then the CLI's line
    episode(tmp_path, "lamp", title="Kept")
    episode(tmp_path, "gone", title="Gone")
    (tmp_path / "gone.mp3").unlink()
    done = subprocess.run(
        [sys.executable, "-m", "narrate", "feed", str(tmp_path), "--base-url", BASE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("narrate: skipped gone.json: ")
    assert titles(tmp_path) == ["Kept"]


def test_a_missing_folder_is_named_in_the_error(tmp_path: Path) -> None:
    # the message named the store object: 'no such folder: <...LocalStore object at 0x...>'
    missing = tmp_path / "nopod"
    with pytest.raises(InputError) as caught:
        write_feed(missing, Channel(BASE))
    assert caught.value.message == f"no such folder: {missing}"


def test_a_damaged_manifest_beside_its_audio_is_said_and_other_json_is_not(
    tmp_path: Path,
) -> None:
    # an episode whose manifest was damaged vanished from the feed without a word
    episode(tmp_path, "kept", title="Kept")
    damaged = episode(tmp_path, "damaged", title="Damaged")
    data = json.loads(damaged.read_text("utf-8"))
    data["chapters"] = "oops"
    damaged.write_text(json.dumps(data), "utf-8")
    (tmp_path / "notes.json").write_text('{"mine": true}', "utf-8")  # the user's own JSON
    result = write_feed(tmp_path, Channel(BASE))
    assert titles(tmp_path) == ["Kept"]
    (reason,) = result.skipped
    assert reason.startswith("damaged.json: ")


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        (["--image", "nothere.png"], "narrate: --image nothere.png: no such file in OUTDIR"),
        (["--image", "lamp.json"], "narrate: --image lamp.json: not a PNG or JPEG image"),
        (["--language", "klingonese"], "narrate: 'klingonese' is not a language tag"),
    ],
)
def test_a_cover_or_language_no_app_could_use_is_refused(
    tmp_path: Path, flag: list[str], said: str
) -> None:
    # each was written into feed.xml and kept for later runs: exit 0
    from typer.testing import CliRunner

    from narrate.cli.app import app

    episode(tmp_path, "lamp")
    result = CliRunner().invoke(app, ["feed", str(tmp_path), "--base-url", BASE, *flag])
    assert result.exit_code == 2
    assert result.stderr.startswith(said)
    assert not (tmp_path / "feed.xml").exists()
    assert not (tmp_path / STATE_NAME).exists()


def test_a_stored_cover_gone_since_gives_the_drawn_one(tmp_path: Path) -> None:
    episode(tmp_path, "lamp")
    (tmp_path / "mine.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_feed(tmp_path, channel_options(tmp_path, ChannelOptions(BASE, image="mine.png")))
    (tmp_path / "mine.png").unlink()
    refresh_feed(tmp_path, BASE)
    root = etree.parse(str(tmp_path / "feed.xml")).getroot()
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert root.find("channel/itunes:image", ns).get("href") == BASE + "cover.png"
    assert stored_channel(tmp_path).image is None  # said once, not at every refresh
