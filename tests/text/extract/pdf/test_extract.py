"""PDF: reading order across columns, headings as chapters, the apparatus out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrate.core.errors import InputError, NoArticleError
from narrate.text.extract import extract
from narrate.text.extract.pdf.blocks import join_lines
from narrate.text.load import load
from tests.documents import PAPER_AUTHORS, PAPER_SECTIONS, PAPER_TITLE, make_paper

pytest.importorskip("reportlab", reason="the dev extra's reportlab makes the test PDFs")


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_paper(tmp_path_factory.mktemp("pdf") / "paper.pdf")


@pytest.mark.parametrize("short", [False, True], ids=["two-pages", "figure-band"])
def test_the_paper_reads_in_column_order_with_its_sections(tmp_path: Path, short: bool) -> None:
    """Two pages drawn row by row across the columns; one page where the figure leaves a
    white band across the page (a plain XY-cut read the column's end after the next)."""
    article = extract(load(str(make_paper(tmp_path / "paper.pdf", short=short))))
    assert article.title == PAPER_TITLE
    assert article.byline == PAPER_AUTHORS
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == [name for name, _ in PAPER_SECTIONS]
    labels = [
        m.groups()
        for b in article.blocks
        for m in [re.match(r"Paragraph (\d+) of section (\d+)", b.text)]
        if m
    ]
    expected = [
        (str(n + 1), str(s + 1))
        for s, (_, count) in enumerate(PAPER_SECTIONS)
        for n in range(1 if short else count)
    ]
    assert labels == expected  # every paragraph once, in reading order across the columns
    text = "\n".join(b.text for b in article.blocks)
    assert "- " not in text
    assert "instrument." in text
    for apparatus in (
        "Journal of Coastal Notes · Vol. 7",
        "Figure 1",
        "Table 1",
        "Okafor",
        "References",
    ):
        assert apparatus not in text
    reasons = {d.reason for d in article.dropped}
    assert {"page-number", "caption", "references", "title", "byline"} <= reasons
    assert short or "running-header" in reasons  # the journal's name, on page 2


def test_a_word_written_with_a_hyphen_elsewhere_keeps_it() -> None:
    vocabulary = {"sea-level": 2}
    from collections import Counter

    assert join_lines(["the sea-", "level rose"], Counter(vocabulary)) == "the sea-level rose"
    assert join_lines(["the measure-", "ments"], Counter()) == "the measurements"
    assert join_lines(["fish and chips -", "Chips"], Counter()) == "fish and chips - Chips"


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="encrypted PDF"):
        extract(load(str(make_paper(tmp_path / "locked.pdf", encrypt=True))))


def test_a_scanned_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoArticleError, match="no text layer"):
        extract(load(str(make_paper(tmp_path / "scan.pdf", scanned=True))))


def test_a_truncated_pdf_is_refused(paper: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(paper.read_bytes()[: paper.stat().st_size // 2])
    with pytest.raises(InputError, match="damaged or truncated PDF"):
        extract(load(str(cut)))


def test_a_one_column_report_reads_top_down(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "report.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 760, "Annual report of the ferry committee")
    lines = [
        "The committee met four times this year and agreed on a new timetable for the",
        "winter crossings, which starts in November.",
        "",
        "Finances",
        "The accounts show a small surplus, kept for repairs to the slipway.",
    ]
    y = 730.0
    for text in lines:
        canvas.setFont("Helvetica-Bold" if text == "Finances" else "Helvetica", 11)
        canvas.drawString(72, y, text)
        y -= 14 if text else 10
    canvas.showPage()
    canvas.save()
    article = extract(load(str(path)))
    assert article.title == "Annual report of the ferry committee"
    assert [(b.kind, b.text) for b in article.blocks] == [
        (
            "paragraph",
            "The committee met four times this year and agreed on a new timetable "
            "for the winter crossings, which starts in November.",
        ),
        ("heading", "Finances"),
        ("paragraph", "The accounts show a small surplus, kept for repairs to the slipway."),
    ]


def _manual(path: Path) -> Path:
    """A three-page manual: a table of contents (titles, dot leaders, numbers set apart),
    a roman page number, a chapter's running head on two pages, bullets, a heading with
    nothing under it, and a references section of links without years."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))

    def text(x: float, y: float, line: str, font: str = "Helvetica", size: float = 10) -> None:
        canvas.setFont(font, size)
        canvas.drawString(x, y, line)

    text(72, 760, "Tide Table Handbook", "Helvetica-Bold", 20)
    text(72, 700, "Contents", "Helvetica-Bold", 14)
    for n, (number, entry) in enumerate(
        [("1", "Reading a table"), ("1.1", "Heights"), ("2", "Corrections"), ("3", "Sources")]
    ):
        text(72, 670 - 16 * n, number)
        text(100, 670 - 16 * n, entry + " " + ". " * 30 + str(n + 2))
    text(300, 40, "ii")
    canvas.showPage()
    for page in (1, 2):
        text(72, 800, "Chapter 1: Reading a table", "Helvetica", 8)
        text(300, 40, str(page))
        y = 740.0
        if page == 1:
            text(72, y, "1 Reading a table", "Helvetica-Bold", 14)
            y -= 24
            text(72, y, "A tide table gives the time and height of each high and low water.")
            y -= 14
            for item in ("the time, in local time;", "the height, above chart datum."):
                text(72, y, "• " + item)
                y -= 14
        else:
            text(72, y, "2 Corrections", "Helvetica-Bold", 14)
            y -= 24
            text(72, y, "Heights are corrected for the pressure of the air on the day.")
            y -= 30
            text(72, y, "3 Sources", "Helvetica-Bold", 14)
            y -= 30
            text(72, y, "References", "Helvetica-Bold", 14)
            y -= 20
            text(72, y, "Harbour Commission tables, https://tides.example/tables")
            y -= 14
            text(72, y, "National Survey datum notes, https://survey.example/datum")
        canvas.showPage()
    canvas.save()
    return path


def test_a_manual_drops_its_contents_running_heads_and_empty_headings(tmp_path: Path) -> None:
    article = extract(load(str(_manual(tmp_path / "manual.pdf"))))
    assert article.title == "Tide Table Handbook"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "1 Reading a table"),
        ("paragraph", "A tide table gives the time and height of each high and low water."),
        ("list_item", "the time, in local time;"),
        ("list_item", "the height, above chart datum."),
        ("heading", "2 Corrections"),
        ("paragraph", "Heights are corrected for the pressure of the air on the day."),
    ]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Contents"] == "contents"
    assert reasons["1.1"] == "contents"
    assert reasons["ii"] == "page-number"
    assert reasons["Chapter 1: Reading a table"] == "running-header"
    assert reasons["3 Sources"] == "empty-heading"
    assert reasons["References"] == "link-list"  # links, no citations: a closing link list


def test_a_ligatures_letters_sharing_one_box_stay_one_word() -> None:
    from narrate.text.extract.pdf.read import _Char, _continues

    f = _Char("f", 339.7, 347.5, 707.8, 718.3, 14.3, "helvetica", False)
    i = _Char("i", 339.7, 347.5, 707.8, 718.3, 14.3, "helvetica", False)
    assert _continues(f, i)  # 'specif' 'ication' were two pieces, read with a space


def test_a_placeholder_author_is_no_byline(tmp_path: Path) -> None:
    # reportlab writes Author 'anonymous' when none is set: it was read as 'By anonymous'
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "note.pdf"
    canvas = Canvas(str(path), pagesize=A4)  # its Author: 'anonymous'
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 760, "The harbour at night")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 730, "The lamps on the quay come on one by one after the last ferry.")
    canvas.showPage()
    canvas.save()
    article = extract(load(str(path)))
    assert article.byline is None
