"""Markdown: headings as chapters, links as their text, code as code, front matter."""

from __future__ import annotations

from pathlib import Path

from narrate.text.extract import extract
from narrate.text.load import document_from_bytes, load

NOTES = Path(__file__).resolve().parents[3] / "data" / "documents" / "field-notes.md"


def _article(text: str, name: str = "notes.md"):  # type: ignore[no-untyped-def]
    return extract(document_from_bytes(name, text.encode()))


def test_the_notes_read_as_their_structure_says() -> None:
    article = extract(load(str(NOTES)))
    assert article.title == "Field notes on a small weather station"
    assert article.byline == "Ines Aranda"
    assert article.published == "2026-10-12"
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert [t for k, t in kinds if k == "heading"] == [
        "What went into it",
        "Reading the sensors",
        "The first month",
    ]
    text = "\n".join(t for _, t in kinds)
    assert "and for the allotment society who asked how it went." in text  # link as its text
    assert "https://" not in text
    assert "[^1]" not in text
    assert "station.jpg" not in text
    assert ("list_item", "an anemometer borrowed from a friend who never used it.") in kinds
    assert kinds[-1][1].startswith("October was wetter")
    assert (
        "quote",
        "The shield matters more than the sensor. An unshaded thermometer "
        "measures the sun, not the air.",
    ) in kinds
    assert ("paragraph", "reading = station.read()") in kinds  # a listing, line by line
    assert ("paragraph", "Two 31 mm 14 °C") in kinds  # a table row
    assert "wiring diagram" not in text  # an HTML comment
    dropped = {d.reason: d.text for d in article.dropped}
    assert dropped["footnote"].startswith("They asked in September")


def test_a_first_level_heading_opening_the_text_is_the_title() -> None:
    article = _article("# Harbour walks\n\nThe first walk starts at the quay.\n\n## North\n\nUp.")
    assert article.title == "Harbour walks"
    assert [b.text for b in article.blocks] == [
        "The first walk starts at the quay.",
        "North",
        "Up.",
    ]


def test_without_a_heading_the_title_is_the_file_name() -> None:
    assert _article("Just a note about the tides.", "tide_notes.md").title == "Tide notes"


def test_a_long_listing_is_left_out() -> None:
    listing = "\n".join(f"line_{n} = {n}" for n in range(60))
    article = _article(f"# Code\n\nBefore.\n\n```\n{listing}\n```\n\nAfter.")
    assert [b.text for b in article.blocks] == ["Before.", "After."]
    assert [d.reason for d in article.dropped] == ["title", "code"]
