"""PDF pages set by a typesetter: justified lines, a footnote and its marker, CJK lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.text.extract import extract
from narrate.text.load import load
from tests.documents_report import (
    REPORT_FOOTNOTE,
    REPORT_SECTIONS,
    REPORT_TEXT,
    fonts_for,
    make_report,
)

pytest.importorskip("reportlab", reason="the dev extra's reportlab makes the test PDFs")


def _needs_font(lang: str) -> None:
    if fonts_for(lang) is None:
        pytest.skip(f"no font for {lang} here (Debian: fonts-dejavu-core, fonts-wqy-microhei)")


@pytest.mark.parametrize(("lang", "columns"), [("en", 1), ("en", 2), ("de", 2)])
def test_justified_paragraphs_read_whole_and_in_order(
    tmp_path: Path, lang: str, columns: int
) -> None:
    """Justified lines place each word alone with wide spaces: the words of one line were
    pieces put in order by their tops ('Coastal have always communities') and each line
    was a paragraph of its own."""
    _needs_font(lang)
    article = extract(load(str(make_report(tmp_path / "r.pdf", lang, columns=columns))))
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    expected = [f"({s + 1}.{n + 1}) {REPORT_TEXT[lang]}" for s in range(3) for n in range(2)]
    assert paragraphs == expected
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == [f"{s + 1}. {name}" for s, name in enumerate(REPORT_SECTIONS[lang])]


def test_a_footnote_and_its_marker_are_not_read(tmp_path: Path) -> None:
    """The note at the foot of the page was read between two paragraphs, and its
    superscript marker cut the paragraph it stands in."""
    _needs_font("en")
    article = extract(load(str(make_report(tmp_path / "r.pdf", "en", justified=False))))
    text = "\n".join(b.text for b in article.blocks)
    assert REPORT_FOOTNOTE not in text
    assert f"(1.1) {REPORT_TEXT['en']}" in [b.text for b in article.blocks]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons[f"1 {REPORT_FOOTNOTE}"] == "footnote"
    assert reasons["1"] == "note-marker"


def test_chinese_lines_join_without_a_space(tmp_path: Path) -> None:
    _needs_font("zh")
    article = extract(load(str(make_report(tmp_path / "r.pdf", "zh", columns=2))))
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert paragraphs[0] == f"(1.1) {REPORT_TEXT['zh']}"
