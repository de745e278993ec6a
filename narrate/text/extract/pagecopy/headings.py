"""Subheadings in a plain-text page copy: which short lines inside the body head a
section of the article, rather than label a box, a picture or an advertisement."""

from __future__ import annotations

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.edges import CARD_TEASER_WORDS
from narrate.text.extract.pagecopy.lines import Line


def is_heading(line: Line, lines: list[Line], end: int) -> bool:
    """A subheading: a short label on its own, followed by body text, or the first of
    two lines in a block whose second is a paragraph longer than a teaser card's."""
    if not rules.is_headline_like(line):
        return False
    following = lines[line.index + 1 : end]
    if not following or not rules.is_prose(following[0]):
        return False
    if line.words < 2:
        return _between_paragraphs(line, lines, following[0])
    return line.group_size == 1 or _over_its_section(line, following[0])


# A one-word label ('Summary', 'Fazit') is a subheading when it stands alone between two
# paragraphs of this many words; shorter text around it leaves it a label
# (docs/benchmarks.md, thresholds).
_ONE_WORD_HEADING_CONTEXT = 20


def _between_paragraphs(line: Line, lines: list[Line], following: Line) -> bool:
    """A one-word line on its own between two long paragraphs; not '(Photo)' or '+'."""
    if line.group_size > 1 or line.index == 0 or not line.text[:1].isalnum():
        return False
    previous = lines[line.index - 1]
    around = (previous.words, following.words)
    return rules.is_prose(previous) and min(around) >= _ONE_WORD_HEADING_CONTEXT


def _over_its_section(line: Line, paragraph: Line) -> bool:
    """A label over its own paragraph with no blank line between, in a block of two
    lines (blocks of three or more held link lists; docs/benchmarks.md, thresholds)."""
    pair = line.group_size == 2 and line.group_pos == 0
    return pair and paragraph.words > CARD_TEASER_WORDS
