"""Every kind of document through the real CLI: audio whose chapters follow the source.

An e-mail newsletter, Markdown notes, an EPUB (as an M4B audiobook with its
cover) and a two-column PDF are narrated with the real engine and ffmpeg; the
chapters in the audio are read back and compared with the source's structure.
Bad documents end with one line and exit 2, leaving nothing behind; a batch
reads an mbox as an episode per message; `update` narrates a feed item's PDF.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from mutagen.mp4 import MP4
from typer.testing import CliRunner, Result

from narrate.cli.app import app
from tests.conftest import probe_chapters
from tests.documents import BOOK_TITLE, BOOK_TOC, PAPER_SECTIONS, PAPER_TITLE, make_epub, make_paper
from tests.publish.subscriptions.samples import rss
from tests.publish.subscriptions.site import running_site

pytest.importorskip("reportlab", reason="the dev extra's reportlab makes the test PDFs")

runner = CliRunner()
DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
NEWSLETTER = DOCUMENTS / "newsletter.eml"
NOTES = DOCUMENTS / "field-notes.md"
SUBJECT = "What the harbour ledger remembers — Tidewater Letters #41"


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def narrate(source: Path, out: Path, *flags: str) -> tuple[Path, dict[str, Any]]:
    result = run("article", str(source), "-o", str(out), "-q", *flags)
    assert result.exit_code == 0, result.output
    audio = next(p for p in out.iterdir() if p.suffix in (".mp3", ".m4b"))
    manifest = json.loads(audio.with_suffix(".json").read_text("utf-8"))
    return audio, manifest


def chapter_titles(audio: Path, manifest: dict[str, Any]) -> list[str]:
    """The chapters as the audio file carries them, checked against the manifest's."""
    probed = probe_chapters(audio)
    titles = [title for title, _, _ in probed]
    assert titles == [c["title"] for c in manifest["chapters"]]
    for (_, start, end), chapter in zip(probed, manifest["chapters"], strict=True):
        assert abs(start - chapter["start_ms"]) <= 60
        assert start < end
    return titles


@pytest.mark.slow
def test_a_newsletter_email_becomes_an_episode_by_its_sections(tmp_path: Path) -> None:
    audio, manifest = narrate(NEWSLETTER, tmp_path)
    assert manifest["title"] == SUBJECT
    assert manifest["byline"] == "Marta Kowalczyk"
    assert chapter_titles(audio, manifest) == [
        SUBJECT,
        "The winter of the missing ferry",
        "A letter from a reader",
    ]
    spoken = " ".join(s["text"] for s in manifest["segments"])
    assert "Saltmarsh" not in spoken
    assert "Unsubscribe" not in spoken


@pytest.mark.slow
def test_markdown_notes_become_an_episode_by_their_headings(tmp_path: Path) -> None:
    audio, manifest = narrate(NOTES, tmp_path)
    assert chapter_titles(audio, manifest) == [
        "Field notes on a small weather station",
        "What went into it",
        "Reading the sensors",
        "The first month",
    ]


@pytest.mark.slow
def test_an_epub_becomes_an_audiobook_with_its_chapters_and_cover(tmp_path: Path) -> None:
    book = make_epub(tmp_path / "book.epub")
    audio, manifest = narrate(book, tmp_path / "out", "-f", "m4b")
    assert audio.suffix == ".m4b"
    assert chapter_titles(audio, manifest) == [BOOK_TITLE, *(label for label, _, _ in BOOK_TOC)]
    covers = MP4(str(audio)).tags.get("covr")  # type: ignore[union-attr]
    assert covers
    assert bytes(covers[0]).startswith(b"\x89PNG")


@pytest.mark.slow
def test_a_two_column_pdf_becomes_an_episode_by_its_sections(tmp_path: Path) -> None:
    paper = make_paper(tmp_path / "paper.pdf", short=True)
    audio, manifest = narrate(paper, tmp_path / "out")
    assert chapter_titles(audio, manifest) == [PAPER_TITLE, *(name for name, _ in PAPER_SECTIONS)]


def _bad_documents(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    book = make_epub(tmp_path / "book.epub")
    cut_book = tmp_path / "cut.epub"
    cut_book.write_bytes(book.read_bytes()[:3000])
    paper = make_paper(tmp_path / "paper.pdf", short=True)
    cut_paper = tmp_path / "cut.pdf"
    cut_paper.write_bytes(paper.read_bytes()[: paper.stat().st_size // 2])
    no_part = tmp_path / "attachment-only.eml"
    no_part.write_bytes(
        b"From: A <a@b.example>\nTo: c@d.example\nSubject: chart\nDate: Mon, 2 Nov 2026 "
        b"10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: image/png\n"
        b"Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
    )
    return {
        "encrypted pdf": (make_paper(tmp_path / "locked.pdf", encrypt=True), "encrypted PDF"),
        "scanned pdf": (make_paper(tmp_path / "scan.pdf", scanned=True), "no text layer"),
        "truncated pdf": (cut_paper, "damaged or truncated PDF"),
        "drm epub": (make_epub(tmp_path / "locked.epub", drm=True), "DRM-protected"),
        "truncated epub": (cut_book, "damaged or truncated EPUB"),
        "email without a readable part": (no_part, "no readable part"),
    }


def test_bad_documents_end_with_one_line_and_leave_nothing(tmp_path: Path) -> None:
    for name, (path, fragment) in _bad_documents(tmp_path).items():
        out = tmp_path / "out" / name.replace(" ", "-")
        result = run("article", str(path), "-o", str(out), "-q")
        assert result.exit_code == 2, (name, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert lines[0].startswith("narrate: "), (name, result.stderr)
        assert fragment in lines[0], (name, lines[0])
        assert "Traceback" not in result.output
        assert not out.exists() or not any(out.iterdir()), name


@pytest.mark.slow
def test_batch_reads_an_mbox_as_an_episode_per_message(tmp_path: Path) -> None:
    letter = NEWSLETTER.read_bytes()
    second = letter.replace(
        b"Subject: What the harbour ledger remembers", b"Subject: Second letter"
    )
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "letters.mbox").write_bytes(
        b"From marta@x Thu Nov  5 07:30:00 2026\n" + letter + b"\n"
        b"From marta@x Thu Nov 12 07:30:00 2026\n" + second + b"\n"
    )
    make_epub(inbox / "locked.epub", drm=True)  # one bad article: the batch goes on
    out = tmp_path / "out"
    result = run("batch", str(inbox), "-o", str(out), "-q")
    assert result.exit_code == 1, result.output  # the DRM book failed, the rest was done
    episodes = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.mp3"))
    assert episodes == [
        "letters/second-letter-tidewater-letters-41.mp3",
        "letters/what-the-harbour-ledger-remembers-tidewater-letters-41.mp3",
    ]  # named after their titles, as any article
    assert "DRM-protected" in result.output


@pytest.mark.slow
def test_update_narrates_a_feed_items_pdf_enclosure(tmp_path: Path) -> None:
    paper = make_paper(tmp_path / "paper.pdf", short=True).read_bytes()
    with running_site() as site:
        site.add("paper.pdf", paper, "application/pdf")
        site.add("abstract.html", "<html><body><p>An abstract page.</p></body></html>")
        size = len(paper)
        item = {
            "title": PAPER_TITLE,
            "link": site.url("abstract.html"),
            "guid": "paper-1",
            "date": "Mon, 02 Nov 2026 10:00:00 +0000",
            "extra": f'<enclosure url="{site.url("paper.pdf")}" length="{size}" '
            'type="application/pdf"/>',
        }
        feed = site.add("feed.xml", rss(site.base, [item]), "application/rss+xml")
        folder = tmp_path / "podcasts"
        assert run("subscribe", str(folder), feed).exit_code == 0
        result = run("update", str(folder), "--base-url", "http://127.0.0.1:1/")
    assert result.exit_code == 0, result.output
    manifests = [
        p
        for p in folder.rglob("*.json")
        if p.name != "chapters.json" and not p.name.endswith(".chapters.json")
    ]
    titles = [json.loads(p.read_text("utf-8")).get("chapters") for p in manifests]
    chapters = [[c["title"] for c in t] for t in titles if t]
    assert chapters == [[PAPER_TITLE, *(name for name, _ in PAPER_SECTIONS)]]


@pytest.mark.slow
def test_the_inbox_narrates_dropped_documents(tmp_path: Path) -> None:
    from narrate.core.settings import Settings
    from narrate.pipeline.narrator import narrate_article
    from narrate.publish.inbox import Inbox

    out, inbox_dir = tmp_path / "out", tmp_path / "inbox"
    inbox_dir.mkdir()

    def narrate_one(source: str) -> object:
        return narrate_article(source, Settings(), out=out)

    inbox = Inbox(inbox_dir, narrate_one, lambda: None)
    shutil.copyfile(NEWSLETTER, inbox_dir / "letter.eml")
    make_epub(inbox_dir / "locked.epub", drm=True)
    assert inbox.poll() == []  # first sighting: not settled yet
    assert len(inbox.poll()) == 2
    assert (out / "what-the-harbour-ledger-remembers-tidewater-letters-41.mp3").is_file()
    assert [p.name for p in (inbox_dir / ".done").iterdir()] == ["letter.eml"]
    assert [p.name for p in (inbox_dir / ".failed").iterdir()] == ["locked.epub"]
