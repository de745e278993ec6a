"""The page-furniture rules' guards, line by line: what each leaves to be read (a tags
label's neighbours, a sentence about a file, a source note, a word pair with a slash)."""

from __future__ import annotations

import pytest

from narrate.text.extract.pagecopy.furniture import (
    is_credited_caption,
    is_file_link,
    is_sign_up_box,
    is_tag_list,
)
from narrate.text.extract.pagecopy.lines import Line, split_lines


def line_of(text: str) -> Line:
    return split_lines(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "The report (PDF, 2 MB) is online.",  # a sentence about the file
        "Samsung Galaxy S24 Ultra (256 GB)",  # a product's size, no file's format
        "Der Bericht liegt als PDF vor, sagte die Sprecherin, und er ist lang",  # no end
    ],
)
def test_a_line_about_a_file_is_no_file_link(text: str) -> None:
    assert not is_file_link(line_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "The vote was close, she said. (Associated Press)",
        "Die Stadt plant weiter, sagte der Sprecher. (Deutsche Presse-Agentur)",
        "Is the bridge worth its price? Yes/No",
        "Gesucht werden neue Mitarbeiter. Ärzte/Ärztinnen",
        "The bridge will open in spring. (It had been due in winter.)",
    ],
)
def test_a_source_note_or_a_word_pair_is_no_credit(text: str) -> None:
    assert not is_credited_caption(line_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Wer mitmachen will, kann sich auf der Seite des Vereins anmelden",  # German verb last
        "Readers who walk the path every day, the council said, should sign up",  # a clause
    ],
)
def test_a_paragraph_that_lost_its_stop_is_no_sign_up_box(text: str) -> None:
    assert not is_sign_up_box(line_of(text))


def test_only_the_first_line_of_a_block_under_a_lone_tags_label_is_the_tags() -> None:
    lines = split_lines("Tags\n\nBrücke Fluss Stadtrat\nDer Stadtrat tagt am Montag wieder.")
    assert is_tag_list(lines[1], lines)
    assert not is_tag_list(lines[2], lines)  # the block's next line is not


@pytest.mark.parametrize(
    "page",
    [
        "Mehr zum Thema\nTags\n\nBrücke Fluss Stadtrat",  # the label shares its block
        "Stichwort\n\nEin Stichwort erklärt hier, was eine Fußgängerbrücke ist.",  # glossary
        "Tags\n\nDer Stadtrat tagt am Montag wieder und entscheidet dann.",  # a sentence
    ],
)
def test_a_line_under_no_lone_tags_label_is_read(page: str) -> None:
    lines = split_lines(page)
    assert not is_tag_list(lines[-1], lines)
