"""`narrate feed`: real episodes from the real pipeline, read by feedparser, podcastparser, lxml."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import uuid
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import podcastparser
import pytest
from lxml import etree
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.ffmpeg import ffmpeg_path
from narrate.pipeline.narrator import Settings, narrate_article
from narrate.publish.feed import podcast_guid
from tests.publish.feed.samples import png_chunks

runner = CliRunner()
BASE = "http://127.0.0.1:8000/"
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
}
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Harbour Notes</title>
<meta name="author" content="Ines Marlow"><meta property="og:site_name" content="Harbour Notes">
</head><body><nav><a href="/">Home</a> <a href="/archive">Archive</a></nav>
<article><h1>{title}</h1>
<p>{first}</p>
<p>People on the quay say the change was overdue, and most of them welcome it.</p>
<h2>What comes next</h2>
<p>The council will report on the results at its meeting in the autumn.</p>
</article><footer>Sign up for our newsletter</footer></body></html>
"""
SIDECARS = (".chapters.json", ".vtt", ".srt")
ARTICLES = {
    "lighthouse": ("The Lighthouse Keeps Its Lamp", "The old lighthouse will keep its lamp lit."),
    "market": ("A Market Returns to the Square", "The Saturday market is back in the square."),
    "bridge": ("The Footbridge Reopens", "The footbridge over the river opens again on Monday."),
}


def write_page(folder: Path, key: str) -> Path:
    """A small real-shaped article page of our own."""
    title, first = ARTICLES[key]
    path = folder / f"{key}.html"
    path.write_text(PAGE.format(title=title, first=first), "utf-8")
    return path


def narrate_into(outdir: Path, key: str, voice: str | None = None) -> Path:
    """Narrate one of our pages into OUTDIR with the real pipeline; the MP3 path."""
    page = write_page(outdir.parent, key)
    return Path(narrate_article(str(page), Settings(voice=voice), out=outdir).audio_path)


def write_sidecars(mp3: Path) -> None:
    """Chapters, WebVTT and SRT sidecars beside the MP3, from its manifest, unless the
    pipeline wrote them already."""
    if all(mp3.with_suffix(s).is_file() for s in SIDECARS):
        return
    data = json.loads(mp3.with_suffix(".json").read_text("utf-8"))
    chapters = [{"startTime": c["start_ms"] / 1000, "title": c["title"]} for c in data["chapters"]]
    mp3.with_suffix(".chapters.json").write_text(
        json.dumps({"version": "1.2.0", "chapters": chapters}), "utf-8"
    )
    cues = [(s["start_ms"], s["end_ms"], s["text"]) for s in data["segments"]]
    vtt = ["WEBVTT", ""] + [f"{_ts(a, '.')} --> {_ts(b, '.')}\n{t}\n" for a, b, t in cues]
    srt = [f"{i}\n{_ts(a, ',')} --> {_ts(b, ',')}\n{t}\n" for i, (a, b, t) in enumerate(cues, 1)]
    mp3.with_suffix(".vtt").write_text("\n".join(vtt), "utf-8")
    mp3.with_suffix(".srt").write_text("\n".join(srt), "utf-8")


def _ts(ms: int, sep: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{sep}{rest % 1000:03d}"


def run_feed(outdir: Path, *options: str) -> str:
    result = runner.invoke(app, ["feed", str(outdir), *options])
    assert result.exit_code == 0, result.output
    return result.output


def items(outdir: Path) -> dict[str, dict[str, Any]]:
    """Episodes of OUTDIR/feed.xml by title: guid, pubDate, enclosure and sidecar links."""
    root = etree.parse(str(outdir / "feed.xml")).getroot()
    found = {}
    for item in root.iter("item"):
        enclosure = item.find("enclosure")
        assert enclosure is not None
        found[item.findtext("title") or ""] = {
            "guid": item.findtext("guid"),
            "pubDate": item.findtext("pubDate"),
            "url": enclosure.get("url"),
            "length": int(enclosure.get("length", "-1")),
            "type": enclosure.get("type"),
            "duration": item.findtext("itunes:duration", namespaces=NS),
            "chapters": [dict(e.attrib) for e in item.findall("podcast:chapters", NS)],
            "transcripts": [dict(e.attrib) for e in item.findall("podcast:transcript", NS)],
        }
    return found


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real episodes, one in a subfolder, one with sidecars, the other's sidecars gone
    (its manifest may still name them); the feed written by the CLI."""
    root = tmp_path_factory.mktemp("feed") / "out"
    write_sidecars(narrate_into(root, "lighthouse"))
    market = narrate_into(root / "more", "market")
    for suffix in SIDECARS:
        market.with_suffix(suffix).unlink(missing_ok=True)
    run_feed(root, "--base-url", BASE, "--title", "Harbour reads", "--author", "Ines Marlow")
    return root


def manifests(outdir: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Manifest path and content by title."""
    found = {}
    for path in outdir.rglob("*.json"):
        if not path.name.startswith(".") and not path.name.endswith(".chapters.json"):
            data = json.loads(path.read_text("utf-8"))
            found[data["title"]] = (path, data)
    return found


def test_feedparser_reads_it_without_errors(outdir: Path) -> None:
    parsed = feedparser.parse((outdir / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.namespaces["itunes"] == NS["itunes"]
    assert parsed.namespaces["podcast"] == NS["podcast"]
    assert parsed.feed.title == "Harbour reads"
    assert parsed.feed.author == "Ines Marlow"
    assert parsed.feed.language == "en"
    assert parsed.feed.link == BASE
    assert len(parsed.entries) == 2
    for entry in parsed.entries:
        assert entry.id.startswith("narrate:")
        assert entry.published_parsed is not None
        assert entry.enclosures[0]["type"] == "audio/mpeg"


def test_podcastparser_reads_every_episode_exactly(outdir: Path) -> None:
    with (outdir / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse(BASE + "feed.xml", stream)
    assert parsed["title"] == "Harbour reads"
    assert parsed["itunes_categories"] == [["News"]]
    assert parsed["explicit"] is False
    known = manifests(outdir)
    assert {e["title"] for e in parsed["episodes"]} == set(known)
    for episode in parsed["episodes"]:
        path, data = known[episode["title"]]
        audio = path.with_suffix(".mp3")
        (enclosure,) = episode["enclosures"]
        assert enclosure["file_size"] == audio.stat().st_size
        assert enclosure["mime_type"] == "audio/mpeg"
        assert enclosure["url"].startswith(BASE + audio.relative_to(outdir).as_posix() + "?v=")
        assert episode["total_time"] == round(data["duration_ms"] / 1000)
        first = next(s["text"] for s in data["segments"] if s["kind"] == "paragraph")
        assert first in episode["description"]
        assert episode["published"] > 0


def test_channel_elements(outdir: Path) -> None:
    root = etree.parse(str(outdir / "feed.xml")).getroot()
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    assert root.nsmap["itunes"] == NS["itunes"]
    assert root.nsmap["podcast"] == NS["podcast"]
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:author", namespaces=NS) == "Ines Marlow"
    category = channel.find("itunes:category", NS)
    assert category is not None
    assert category.get("text") == "News"
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    expected = str(uuid.uuid5(namespace, "127.0.0.1:8000/feed.xml"))
    assert channel.findtext("podcast:guid", namespaces=NS) == expected


def test_a_feed_without_image_gets_drawn_cover_art(outdir: Path, tmp_path: Path) -> None:
    # Apple Podcasts refuses a show without artwork of 1400 to 3000 pixels a side
    root = etree.parse(str(outdir / "feed.xml")).getroot()
    image = root.find("channel/itunes:image", NS)
    assert image is not None
    assert image.get("href") == BASE + "cover.png"
    chunks = png_chunks((outdir / "cover.png").read_bytes())  # its pixels: feed/test_cover.py
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height, depth, colour) == (1400, 1400, 8, 2)  # 8-bit RGB
    # artwork given by the user wins, and a cover put in the folder by hand is kept
    copy = tmp_path / "copy"
    shutil.copytree(outdir, copy)
    (copy / "cover.png").write_bytes(b"mine")
    run_feed(copy, "--image", "https://example.org/art.jpg")
    image = etree.parse(str(copy / "feed.xml")).getroot().find("channel/itunes:image", NS)
    assert image is not None
    assert image.get("href") == "https://example.org/art.jpg"
    assert (copy / "cover.png").read_bytes() == b"mine"


def test_podcast_guid_matches_the_spec_example() -> None:
    # The example in the Podcasting 2.0 namespace spec.
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid("http://mp3s.nashownotes.com/pc20rss.xml/") == podcast_guid(
        "https://mp3s.nashownotes.com/pc20rss.xml"
    )


def test_items_dates_durations_and_sidecars(outdir: Path) -> None:
    found = items(outdir)
    assert len({i["guid"] for i in found.values()}) == 2
    for item in found.values():
        date = parsedate_to_datetime(item["pubDate"])
        assert date.tzinfo is not None
        assert date <= datetime.now(UTC)
        assert int(item["duration"]) > 0
    lighthouse = found["The Lighthouse Keeps Its Lamp"]
    assert lighthouse["chapters"] == [
        {
            "url": BASE + "the-lighthouse-keeps-its-lamp.chapters.json",
            "type": "application/json+chapters",
        }
    ]
    kinds = {t["type"]: t["url"] for t in lighthouse["transcripts"]}
    assert kinds == {
        "text/vtt": BASE + "the-lighthouse-keeps-its-lamp.vtt",
        "application/x-subrip": BASE + "the-lighthouse-keeps-its-lamp.srt",
    }
    market = found["A Market Returns to the Square"]
    assert market["chapters"] == []
    assert market["transcripts"] == []  # sidecars that do not exist are left out
    assert market["url"].startswith(BASE + "more/a-market-returns-to-the-square.mp3?v=")


def test_explicit_flag_and_remembered_options(tmp_path: Path, outdir: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    run_feed(copy, "--explicit")
    root = etree.parse(str(copy / "feed.xml")).getroot()
    assert root.findtext("channel/itunes:explicit", namespaces=NS) == "true"
    assert root.findtext("channel/title") == "Harbour reads"  # kept from the first run
    run_feed(copy, "--no-explicit")
    root = etree.parse(str(copy / "feed.xml")).getroot()
    assert root.findtext("channel/itunes:explicit", namespaces=NS) == "false"


def test_rerun_with_an_added_article_keeps_old_episodes(tmp_path: Path, outdir: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    before = items(copy)
    narrate_into(copy, "bridge")
    run_feed(copy)
    after = items(copy)
    assert set(after) == {*before, "The Footbridge Reopens"}
    for title, item in before.items():
        assert after[title] == item  # same GUID, pubDate, enclosure URL and length
    assert len({i["guid"] for i in after.values()}) == 3
    # A feed rebuilt without the state file still gives every episode the same GUID.
    (copy / ".feed-state.json").unlink()
    run_feed(copy, "--base-url", BASE)
    assert {t: i["guid"] for t, i in items(copy).items()} == {
        t: i["guid"] for t, i in after.items()
    }


def test_renarrated_article_gets_a_new_enclosure_url(tmp_path: Path, outdir: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    title = "The Lighthouse Keeps Its Lamp"
    before = items(copy)[title]
    mp3 = narrate_into(copy, "lighthouse", voice="clear")  # same article, another voice
    run_feed(copy)
    after = items(copy)[title]
    assert after["guid"] == before["guid"]
    assert after["pubDate"] == before["pubDate"]
    assert after["url"] != before["url"]
    assert after["url"].split("?")[0] == before["url"].split("?")[0]
    assert after["length"] == mp3.stat().st_size


def test_manifest_audio_and_sidecar_keys(tmp_path: Path, outdir: Path) -> None:
    """Manifests naming their audio (M4A here) and sidecars are read; missing ones skipped."""
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    path, data = manifests(copy)["The Lighthouse Keeps Its Lamp"]
    m4a = path.with_name("lamp.m4a")
    subprocess.run(
        [
            ffmpeg_path(),
            "-v",
            "error",
            "-i",
            str(path.with_suffix(".mp3")),
            "-c:a",
            "aac",
            "-b:a",
            "48k",
            str(m4a),
        ],
        check=True,
    )
    path.with_suffix(".chapters.json").rename(path.with_name("lamp.chapters.json"))
    data.update(
        audio="lamp.m4a",
        format="m4a",
        sidecars={"chapters": "lamp.chapters.json", "vtt": "gone.vtt", "srt": path.stem + ".srt"},
    )
    path.write_text(json.dumps(data), "utf-8")
    run_feed(copy)
    item = items(copy)["The Lighthouse Keeps Its Lamp"]
    assert item["type"] == "audio/x-m4a"
    assert item["length"] == m4a.stat().st_size
    assert item["url"].startswith(BASE + "lamp.m4a?v=")
    assert item["chapters"][0]["url"] == BASE + "lamp.chapters.json"
    assert [t["type"] for t in item["transcripts"]] == ["application/x-subrip"]


def test_other_audio_formats_from_the_pipeline(tmp_path: Path) -> None:
    """M4A, M4B and Opus narrations: the manifest names the audio, the feed types it."""
    out = tmp_path / "out"
    page = write_page(tmp_path, "bridge")
    expected = {"m4a": "audio/x-m4a", "m4b": "audio/mp4", "opus": "audio/ogg"}
    for fmt in expected:
        narrate_article(str(page), Settings(format=fmt), out=out / fmt)
    run_feed(out, "--base-url", BASE)
    with (out / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse(BASE + "feed.xml", stream)
    enclosures = {
        e["enclosures"][0]["url"].split("/")[-2]: e["enclosures"][0] for e in parsed["episodes"]
    }
    assert set(enclosures) == set(expected)
    for fmt, kind in expected.items():
        audio = out / fmt / f"the-footbridge-reopens.{fmt}"
        assert enclosures[fmt]["mime_type"] == kind
        assert enclosures[fmt]["file_size"] == audio.stat().st_size


def test_missing_audio_is_skipped_with_the_reason(tmp_path: Path, outdir: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    (copy / "more" / "a-market-returns-to-the-square.mp3").unlink()
    result = runner.invoke(app, ["feed", str(copy)])
    assert result.exit_code == 0, result.output
    assert "skipped more/a-market-returns-to-the-square.json" in result.output
    assert list(items(copy)) == ["The Lighthouse Keeps Its Lamp"]
    assert sorted(p.name for p in copy.glob(".*")) == [".feed-state.json"]  # no temp files


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["feed", str(tmp_path)])
    assert result.exit_code == 2
    assert "--base-url" in result.output
    result = runner.invoke(app, ["feed", str(tmp_path / "none"), "--base-url", BASE])
    assert result.exit_code == 2
    assert "no such folder" in result.output
    result = runner.invoke(app, ["feed", str(tmp_path), "--base-url", "ftp://example.org/"])
    assert result.exit_code == 2
