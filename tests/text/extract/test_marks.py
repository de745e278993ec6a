"""Citation markers, edit links, tables of contents and coordinates, in several languages."""

from __future__ import annotations

import pytest

from narrate.text.extract.marks import (
    contents,
    edit_links,
    is_coordinates,
    strip_edit_link,
    strip_markers,
)
from narrate.text.extract.references import Unit


@pytest.mark.parametrize(
    ("text", "cleaned", "markers"),
    [
        (
            "It closed at nine.[1] It rained.[citation needed]",
            "It closed at nine. It rained.",
            ["[1]", "[citation needed]"],
        ),
        (
            "Die Brücke wurde 1902 eröffnet.[3][4]",
            "Die Brücke wurde 1902 eröffnet.",
            ["[3]", "[4]"],
        ),
        (
            "Le port date du XIIe siècle[réf. nécessaire].",
            "Le port date du XIIe siècle.",
            ["[réf. nécessaire]"],
        ),
        (
            "El puerto se amplió en 1950,[2]​ según el censo.",
            "El puerto se amplió en 1950,​ según el censo.",
            ["[2]"],
        ),
        ("Город основан в 1147 году[5]:12.", "Город основан в 1147 году.", ["[5]:12"]),
        ("2008年于香港举办演唱会 [30-32] 。", "2008年于香港举办演唱会。", ["[30-32]"]),
    ],
)
def test_markers_are_removed(text: str, cleaned: str, markers: list[str]) -> None:
    assert strip_markers(text) == (cleaned, markers)


@pytest.mark.parametrize(
    "text",
    [
        "[1] The count was confirmed by the returning officer.",  # a footnote's own number
        "The mayor said he [the harbour master] had warned them.",  # an editor's words
        "It will “give[s] us hope”, she said.",  # an editor's letters in a quoted word
    ],
)
def test_brackets_that_are_text_stay(text: str) -> None:
    assert strip_markers(text) == (text, [])


def test_edit_links_by_shape_and_repetition() -> None:
    lines = [
        "Geschichte[Bearbeiten | Quelltext bearbeiten]",
        "Die Stadt wurde 1147 gegründet.",
        "Lage[Bearbeiten | Quelltext bearbeiten]",
        "Histoire[modifier | modifier le code]",
        "Results [draft]",
        "Details[edit]",
    ]
    links = edit_links(lines)
    assert strip_edit_link(lines[0], links) == ("Geschichte", "[Bearbeiten | Quelltext bearbeiten]")
    assert strip_edit_link(lines[3], links) == ("Histoire", "[modifier | modifier le code]")
    assert strip_edit_link(lines[5], links) == ("Details", "[edit]")
    # a heading's own brackets, once and after a space, stay
    assert strip_edit_link(lines[4], links) == ("Results [draft]", None)
    assert strip_edit_link(lines[1], links) == (lines[1], None)


def test_an_edit_link_is_never_cut_from_a_sentence() -> None:
    line = "The harbour closed in 1952, after the storm.[edit]"
    assert strip_edit_link(line, edit_links([line, line])) == (line, None)


def test_a_table_of_contents_names_the_headings_below_it() -> None:
    units = [
        Unit("Inhaltsverzeichnis", heading=True),
        Unit("1 Geschichte"),
        Unit("2 Lage"),
        Unit("2.1 Klima"),
        Unit("3 Einzelnachweise"),
        Unit("Geschichte", heading=True),
        Unit("Die Stadt wurde 1147 gegründet und wuchs um ihren Hafen."),
        Unit("Lage", heading=True),
        Unit("Klima", heading=True),
        Unit("Einzelnachweise", heading=True),
    ]
    assert contents(units) == {1, 2, 3, 4}


def test_contents_entries_match_headings_with_a_prefix() -> None:
    """Baidu Baike puts the page's name before each heading: '蔡健雅早年经历'."""
    units = [
        Unit("1 早年经历"),
        Unit("2 演艺经历"),
        Unit("▪ 环球时代"),
        Unit("某某早年经历", heading=True),
        Unit("某某演艺经历", heading=True),
        Unit("某某环球时代", heading=True),
    ]
    assert contents(units) == {0, 1, 2}


def test_a_list_that_names_no_heading_is_no_contents() -> None:
    units = [
        Unit("Ingredients", heading=True),
        Unit("2 eggs"),
        Unit("1 cup of flour"),
        Unit("Method", heading=True),
        Unit("Beat the eggs, then fold in the flour."),
    ]
    assert contents(units) == set()


@pytest.mark.parametrize(
    "line",
    [
        "Coordinates: 51°30′26″N 0°7′39″W / 51.50722°N 0.12750°W",
        "Koordinaten: 52° 31′ N, 13° 24′ O",
        "Координаты: 55°45′21″ с. ш. 37°37′04″ в. д.",
        "坐标：39°54′N 116°23′E",
    ],
)
def test_coordinates(line: str) -> None:
    assert is_coordinates(line)


def test_a_sentence_with_coordinates_is_text() -> None:
    line = "The wreck lies at 51°30′N 0°7′W, two miles off the harbour mouth, in deep water."
    assert not is_coordinates(line)
