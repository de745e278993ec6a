"""EPUB: spine order, a chapter per contents entry, front and back matter out, the cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.text.extract import extract
from narrate.text.load import load
from tests.documents import BOOK_AUTHOR, BOOK_TITLE, BOOK_TOC, make_epub

CHAPTERS = [label for label, _, _ in BOOK_TOC]


@pytest.mark.parametrize("epub2", [False, True], ids=["nav", "ncx"])
def test_the_book_reads_its_chapters_in_order(tmp_path: Path, epub2: bool) -> None:
    article = extract(load(str(make_epub(tmp_path / "book.epub", epub2=epub2))))
    assert article.title == BOOK_TITLE
    assert article.byline == BOOK_AUTHOR
    assert article.language == "en"
    assert article.published == "2026-03-01"
    assert article.cover is not None
    assert article.cover.startswith(b"\x89PNG")
    assert [b.text for b in article.blocks if b.kind == "heading"] == CHAPTERS
    assert article.blocks[0].text == CHAPTERS[0]
    assert article.blocks[1].text.startswith("The lamp room sat at the top")
    assert (
        article.blocks[-1].text
        == "Nobody has explained the change of hand, and the book does not say."
    )
    text = "\n".join(b.text for b in article.blocks)
    assert "\n1\n" not in text
    assert "11 years.1" not in text
    assert "14" not in text
    assert "Copyright" not in text
    assert "ISBN" not in text
    assert "apples, 3" not in text
    assert ("paragraph", "The logbook") in [(b.kind, b.text) for b in article.blocks]
    reasons = [d.reason for d in article.dropped]
    for reason in ("cover", "title-page", "copyright-page", "index", "note", "caption"):
        assert reason in reasons


def test_a_drm_protected_book_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="DRM-protected"):
        extract(load(str(make_epub(tmp_path / "locked.epub", drm=True))))


def test_a_truncated_book_is_refused(tmp_path: Path) -> None:
    book = make_epub(tmp_path / "book.epub")
    cut = tmp_path / "cut.epub"
    cut.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    with pytest.raises(InputError, match="damaged or truncated EPUB"):
        extract(load(str(cut)))
