"""The apparatus of reference-heavy HTML pages: what wikis and reference works add to
an article's text, found by markup and shape (the shape rules are shared with page copies
and PDFs in `references` and `marks`).

Two steps. `drop_marks` takes the marks inside blocks out of the tree before the blocks
are read: citation markers (a `<sup>` holding '[1]', '[citation needed]', '[30-32]' or
only links to notes on the page), edit links after headings ('[edit]', or the same
trailing link on every heading), and empty anchors marking a note's place.
`apparatus_reasons` then judges the blocks the rules and the block model kept, in
order: references sections and the apparatus closing the article
(`references.apparatus`), a table of contents, coordinates and an infobox at the top.
It runs after the block model, so nothing it drops is read again. (A wiki's tagline,
'From Wikipedia, the free encyclopedia', sits outside the element that holds the
article, and is dropped with the page's other furniture.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from narrate.core.models import Dropped
from narrate.text.extract.html.dom import HEADINGS, RawBlock, squash
from narrate.text.extract.marks import contents, is_coordinates
from narrate.text.extract.references import Unit, apparatus
from narrate.text.extract.words import SENTENCE_END, word_count

CITATION_MARKER = "citation-marker"
EDIT_LINK = "edit-link"
CONTENTS = "contents"
COORDINATES = "coordinates"
INFOBOX = "infobox"
_PAIR_SHARE = 0.6
_VALUE_WORDS = 12

_BRACKETED = re.compile(r"^\[[^\[\]]{1,40}\]$")
_NOTE_MARK_CHARS = 12
# A trailing link on this many headings, the same each time, is an edit link.
_REPEATED_LINK = 2
_EDIT_LINK_WORDS = 4


def drop_marks(root: HtmlElement) -> list[Dropped]:
    """Remove citation markers and edit links from the tree; what was removed, and why."""
    dropped: list[Dropped] = []
    for sup in [el for el in root.iter("sup") if _is_note_marker(el)]:
        dropped.append(Dropped(squash(sup.text_content()), CITATION_MARKER))
        sup.drop_tree()  # lxml keeps the tail text
    for link in _edit_links(root):
        dropped.append(Dropped(squash(link.text_content()), EDIT_LINK))
        link.drop_tree()
    for anchor in [a for a in root.iter("a") if _is_place_mark(a)]:
        anchor.drop_tree()
    return dropped


def _is_place_mark(anchor: HtmlElement) -> bool:
    """An empty anchor that only marks a place for links to jump to ('ref_[1]', a
    section's name): nothing to read, and trafilatura drops the paragraph around it."""
    return anchor.get("href") is None and not squash(anchor.text_content())


def _is_note_marker(sup: HtmlElement) -> bool:
    """'[1]', '[a]', '[citation needed]', '[30-32]', or a short mark linking to a note."""
    text = squash(sup.text_content())
    if _BRACKETED.match(text):
        return True
    links = list(sup.iter("a"))
    return (
        bool(links)
        and 0 < len(text) <= _NOTE_MARK_CHARS
        and all(str(a.get("href") or "").startswith("#") for a in links)
    )


def _edit_links(root: HtmlElement) -> list[HtmlElement]:
    """The edit link of every heading: a bracketed part holding a link ('[edit]',
    '[Bearbeiten | Quelltext bearbeiten]'), or a trailing link the same on several headings."""
    found: list[HtmlElement] = []
    trailing: dict[str, list[HtmlElement]] = {}
    for heading in (el for el in root.iter() if el.tag in HEADINGS):
        for part in heading.iterdescendants():
            if part.find(".//a") is None and part.tag != "a":
                continue
            text = squash(part.text_content())
            if _BRACKETED.match(text) and squash(heading.text_content()) != text:
                found.append(part)
                break
        else:
            last = _trailing_link(heading)
            if last is not None:
                trailing.setdefault(squash(last.text_content()).casefold(), []).append(last)
    for links in trailing.values():
        if len(links) >= _REPEATED_LINK:
            found.extend(links)
    return found


def _trailing_link(heading: HtmlElement) -> HtmlElement | None:
    """The heading's last link when text of the heading's own comes before it."""
    links = list(heading.iter("a"))
    if not links:
        return None
    last = links[-1]
    text = squash(last.text_content())
    whole = squash(heading.text_content())
    if not text or len(text.split()) > _EDIT_LINK_WORDS or not whole.endswith(text):
        return None
    return last if whole[: -len(text)].strip() else None


def apparatus_reasons(blocks: Sequence[RawBlock], reasons: list[str | None]) -> list[str | None]:
    """The reasons after the apparatus is found among the blocks still read."""
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    units = [
        Unit(blocks[i].text, blocks[i].kind in ("heading", "h1"), blocks[i].link_density)
        for i in kept
    ]
    found = apparatus(units)
    toc = contents(units)
    out = list(reasons)
    for position, i in enumerate(kept):
        if found[position] is not None:
            out[i] = found[position]
        elif position in toc:
            out[i] = CONTENTS
        elif is_coordinates(blocks[i].text):
            out[i] = COORDINATES
    for i in _infoboxes(blocks, kept):
        out[i] = INFOBOX
    return out


def _infoboxes(blocks: Sequence[RawBlock], kept: list[int]) -> list[int]:
    """A box of labels and values at the top: a wiki's infobox ('Location | Harrowgate',
    'Constructed | 1854'), a summary to look at. A table of them above the first
    paragraph; a list of terms and their short values above the first heading."""
    found: list[int] = []
    prose = False
    for i in kept:
        block = blocks[i]
        if block.kind == "heading":
            break
        prose = prose or (block.kind == "paragraph" and bool(SENTENCE_END.search(block.text)))
        if block.kind == "table" and not prose and _label_value_rows(block.element):
            found.append(i)
        elif block.element.tag in ("dt", "dd") and _label_value_terms(block.element.getparent()):
            found.append(i)
    return found


def _label_value_terms(box: HtmlElement | None) -> bool:
    """A <dl> of two or more terms, each with one short value."""
    if box is None or box.tag != "dl":
        return False
    terms = [el for el in box if el.tag == "dt"]
    values = [el for el in box if el.tag == "dd"]
    return (
        len(terms) >= 2
        and len(terms) == len(values)
        and all(word_count(squash(v.text_content())) <= _VALUE_WORDS for v in values)
    )


def _label_value_rows(table: HtmlElement) -> bool:
    """Most rows of the table are a label and its value (two cells, or one spanning both)."""
    rows = [[c for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")]
    rows = [cells for cells in rows if cells]
    pairs = sum(len(cells) == 2 for cells in rows)
    return pairs >= 2 and pairs >= _PAIR_SHARE * len(rows)
