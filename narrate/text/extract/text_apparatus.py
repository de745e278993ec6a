"""The apparatus of reference-heavy pages in a page copy: edit links after headings,
references and link lists closing the article, a table of contents, coordinates and
citation markers (the shape rules are `references` and `marks`, shared with HTML).

A copy has no markup, so a heading is what one looks like there: a short line that is
no sentence, standing alone between blank lines; the entries of a list follow each
other with no blank line between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrate.core.models import Block, Dropped
from narrate.text.extract.marks import (
    ENTRY_NUMBER,
    contents,
    edit_links,
    is_coordinates,
    strip_edit_link,
    strip_markers,
)
from narrate.text.extract.references import Unit, apparatus
from narrate.text.extract.text_lines import Line

EDIT_LINK = "edit-link"
CITATION_MARKER = "citation-marker"
CONTENTS = "contents"
COORDINATES = "coordinates"
_HEADING_WORDS = 12
_ENTRY_NUMBER = ENTRY_NUMBER


@dataclass(frozen=True, slots=True)
class Apparatus:
    """What the rules found on a page copy: line index -> why it is apparatus, and the
    lines that are headings by the page's own evidence (an edit link was after them, or
    a table of contents names them), however short."""

    reasons: dict[int, str] = field(default_factory=dict)
    headings: frozenset[int] = frozenset()


def without_edit_links(page: str) -> tuple[str, list[Dropped], frozenset[str]]:
    """The page copy with the edit links after its headings removed, those links, and
    the headings that carried one (case folded)."""
    raw = page.splitlines()
    suffixes = edit_links(raw)
    if not suffixes:
        return page, [], frozenset()
    dropped: list[Dropped] = []
    kept: list[str] = []
    headings: set[str] = set()
    for line in raw:
        text, link = strip_edit_link(line, suffixes)
        kept.append(text)
        if link is not None:
            dropped.append(Dropped(link, EDIT_LINK))
            headings.add(" ".join(text.split()).casefold())
    return "\n".join(kept), dropped, frozenset(headings)


def _looks_like_heading(line: Line) -> bool:
    return line.group_size == 1 and line.words <= _HEADING_WORDS and not line.ends_sentence


def find_apparatus(lines: list[Line], edited: frozenset[str] = frozenset()) -> Apparatus:
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
    named = {_key(lines[i].text) for i in entries}
    headings = frozenset(
        line.index
        for line in lines
        if line.group_size == 1
        and line.index not in found
        and (line.text.casefold() in edited or _named(_key(line.text), named))
    )
    return Apparatus(found, headings)


def _key(text: str) -> str:
    return " ".join(_ENTRY_NUMBER.sub("", text).casefold().split())


def _named(key: str, names: set[str]) -> bool:
    return bool(key) and any(key == name or key.endswith(name) for name in names if name)


def without_markers(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    """The blocks without their citation markers ('[1]', '[citation needed]')."""
    cleaned: list[Block] = []
    dropped: list[Dropped] = []
    for block in blocks:
        text, markers = strip_markers(block.text)
        if markers:
            dropped.append(Dropped(" ".join(markers), CITATION_MARKER))
            block = Block(block.kind, text)
        if block.text:
            cleaned.append(block)
    return cleaned, dropped
