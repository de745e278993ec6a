"""The apparatus of reference-heavy pages in a page copy: edit links after headings,
references and link lists closing the article, a table of contents, coordinates and
citation markers (the shape rules are `references` and `marks`, shared with HTML), and
a cookie dialog copied with the page (`pagecopy/dialog`).

A copy has no markup, so a heading is what one looks like there: a short line that is
no sentence, standing alone between blank lines; the entries of a list follow each
other with no blank line between.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from narrate.core.models import Block, Dropped
from narrate.text.extract.marks import (
    ENTRY_NUMBER,
    contents,
    edit_links,
    is_bracketed,
    is_coordinates,
    strip_edit_link,
    strip_markers,
)
from narrate.text.extract.pagecopy.dialog import DIALOG, consent_dialog
from narrate.text.extract.pagecopy.lines import Line, normalise
from narrate.text.extract.references import Unit, apparatus
from narrate.text.extract.words import word_count

EDIT_LINK = "edit-link"
CITATION_MARKER = "citation-marker"
CONTENTS = "contents"
COORDINATES = "coordinates"
_HEADING_WORDS = 12
_DIGIT = re.compile(r"\d")
_STOP = re.compile(r"[.!?。！？:：]$")
_ENTRY_NUMBER = ENTRY_NUMBER


@dataclass(frozen=True, slots=True)
class Apparatus:
    """What the rules found on a page copy: line index -> why it is apparatus, and the
    lines that are headings by the page's own evidence (an edit link was after them, or
    a table of contents names them), however short."""

    reasons: dict[int, str] = field(default_factory=dict)
    headings: frozenset[int] = frozenset()
    named: frozenset[int] = frozenset()  # the headings the contents name


@dataclass(frozen=True, slots=True)
class CleanCopy:
    """A page copy without its edit links and citation markers, and what they were."""

    page: str
    edit_links: list[Dropped]
    edited: frozenset[int]  # the lines (`Line.index`) that carried an edit link: headings
    markers: dict[str, list[str]]  # a line's text (spaces collapsed) -> its markers


def clean_copy(page: str) -> CleanCopy:
    """Take the edit links off headings and the citation markers out of the text before
    the lines are judged: '[1]' ends a sentence as ']' does a label."""
    raw = page.splitlines()
    texts = [normalise(line) for line in raw]
    suffixes = edit_links(text for text in texts if _may_end_in_link(text))
    dropped: list[Dropped] = []
    kept: list[str] = []
    headings: set[int] = set()
    markers: dict[str, list[str]] = {}
    index = 0  # the line's index among the lines that are not blank (`split_lines`)
    links_alone = _edit_lines(texts)
    for position, line in enumerate(raw):
        if position in links_alone:
            dropped.append(Dropped(texts[position], EDIT_LINK))
            kept.append("")
            if index:  # the line above carried it: a heading
                headings.add(index - 1)
            continue
        text, link = (
            strip_edit_link(line, suffixes)
            if suffixes and _may_end_in_link(texts[position])
            else (line, None)
        )
        if link is not None:
            dropped.append(Dropped(link, EDIT_LINK))
            if is_bracketed(link):  # a wiki's: the line is a heading
                headings.add(index)
        text, found = strip_markers(text) if "[" in text else (text, [])
        if found:
            markers[" ".join(text.split())] = found
        kept.append(text)
        index += bool(normalise(text) if link or found else texts[position])
    return CleanCopy("\n".join(kept), dropped, frozenset(headings), markers)


_EDIT_LINE_WORDS = 3
_PLAIN_ENDS = frozenset(".,;:!?\"')…»”’。！？，")


def _may_end_in_link(text: str) -> bool:
    """Whether the line ends as an edit link may ('[edit]', a '¶'): a quick first look."""
    last = text[-1:]
    return last == "]" or (bool(last) and not last.isalnum() and last not in _PLAIN_ENDS)


_PARAGRAPH_WORDS = 10
_EDIT_LINE_REPEATS = 3


def _edit_lines(texts: list[str]) -> set[int]:
    """Positions of an edit link on a line of its own under each heading (Baidu Baike's
    '编辑'): a short line the page repeats, each time between a short line standing
    alone between blank lines and a paragraph (a teaser card's author or section
    label is followed by a date or a headline); a section may open with a subheading.
    `texts`: the page's lines, normalised."""
    counts = Counter(texts)
    filled = [i for i, text in enumerate(texts) if text]
    around: dict[str, list[tuple[int, int]]] = {}
    for before, here, after in zip(filled, filled[1:], filled[2:], strict=False):
        text = texts[here]
        if counts[text] < _EDIT_LINE_REPEATS:
            continue
        if word_count(text) <= _EDIT_LINE_WORDS and not _STOP.search(text):
            around.setdefault(text, []).append((before, after))
    found: set[int] = set()
    for text, places in around.items():
        if (
            counts[text] >= _EDIT_LINE_REPEATS
            and len(places) == counts[text]
            and not _DIGIT.search(text)
        ):
            if all(_alone_heading(texts, a) for a, _ in places) and _opens_sections(texts, places):
                found.update(i for i in filled if texts[i] == text)
    return found


def _opens_sections(texts: list[str], places: list[tuple[int, int]]) -> bool:
    """Under each heading, a paragraph or a subheading (a section opening with another
    heading), and a paragraph under at least half of them."""
    paragraphs = sum(_paragraph(texts[after]) for _, after in places)
    subheadings = sum(_alone_heading(texts, after) for _, after in places)
    return 2 * paragraphs >= len(places) and paragraphs + subheadings >= len(places)


def _paragraph(text: str) -> bool:
    """Running text: a sentence of ten words or more, or twenty words whatever ends them."""
    words = word_count(text)
    return words >= _PARAGRAPH_WORDS * 2 or (words >= _PARAGRAPH_WORDS and bool(_STOP.search(text)))


def _alone_heading(texts: list[str], i: int) -> bool:
    """A short line that is no sentence, between blank lines (or the page's edges)."""
    above = i == 0 or not texts[i - 1]
    below = i + 1 >= len(texts) or not texts[i + 1]
    text = texts[i]
    return above and below and word_count(text) <= _HEADING_WORDS and not _STOP.search(text)


def _looks_like_heading(line: Line) -> bool:
    return line.group_size == 1 and line.words <= _HEADING_WORDS and not line.ends_sentence


def find_apparatus(lines: list[Line], edited: frozenset[int] = frozenset()) -> Apparatus:
    """References and the link lists around them, a table of contents, coordinates; and
    the headings the page marks (`edited`: the headings that carried an edit link)."""
    units = [Unit(line.text, heading=_looks_like_heading(line)) for line in lines]
    found = {i: reason for i, reason in enumerate(apparatus(units)) if reason is not None}
    entries = contents(units)
    for i in entries:
        found.setdefault(i, CONTENTS)
    for line in lines:
        if is_coordinates(line.text):
            found.setdefault(line.index, COORDINATES)
    for index in consent_dialog(lines):
        found.setdefault(index, DIALOG)
    names = {_key(lines[i].text) for i in entries}
    alone = [line for line in lines if line.group_size == 1 and line.index not in found]
    named = frozenset(line.index for line in alone if _named(_key(line.text), names))
    headings = named | {line.index for line in alone if line.index in edited}
    return Apparatus(found, frozenset(headings), named)


def _key(text: str) -> str:
    return " ".join(_ENTRY_NUMBER.sub("", text).casefold().split())


def _named(key: str, names: set[str]) -> bool:
    return bool(key) and any(key == name or key.endswith(name) for name in names if name)


def markers_read(blocks: list[Block], markers: dict[str, list[str]]) -> list[Dropped]:
    """The citation markers taken out of the lines that are read (`clean_copy`)."""
    found = (markers.get(" ".join(block.text.split())) for block in blocks)
    return [Dropped(" ".join(m), CITATION_MARKER) for m in found if m]
