"""The apparatus of reference-heavy HTML pages: what wikis and reference works add to
an article's text, found by markup and shape (the shape rules are shared with page copies
and PDFs in `references` and `marks`).

Two steps. `drop_marks` takes the marks inside blocks out of the tree before the blocks
are read: citation markers (a `<sup>` holding '[1]', '[citation needed]', '[30-32]' or
only links to notes on the page) and edit links after headings ('[edit]', or the same
trailing link on every heading). `apparatus_reasons` then judges the blocks the rules
and the block model kept, in order: references sections and the apparatus closing the
article (`references.apparatus`), a table of contents, coordinates, the wiki's tagline
above the text ('From Wikipedia, the free encyclopedia'). It runs after the
block model, so nothing it drops is read again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from narrate.core.models import Dropped
from narrate.text.extract.html_dom import HEADINGS, RawBlock, squash
from narrate.text.extract.html_titles import names_site
from narrate.text.extract.marks import contents, is_coordinates
from narrate.text.extract.references import Unit, apparatus
from narrate.text.extract.text_lines import word_count

CITATION_MARKER = "citation-marker"
EDIT_LINK = "edit-link"
CONTENTS = "contents"
COORDINATES = "coordinates"
TAGLINE = "tagline"

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
    return dropped


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


def apparatus_reasons(
    blocks: Sequence[RawBlock], reasons: list[str | None], site: tuple[str, ...] = ()
) -> list[str | None]:
    """The reasons after the apparatus is found among the blocks still read.

    `site`: the names the page gives its site (`PageMeta.site_names`), for its tagline."""
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
    for i in _taglines(blocks, kept, site):
        out[i] = TAGLINE
    return out


_TAGLINE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)]*$")


def _taglines(blocks: Sequence[RawBlock], kept: list[int], site: tuple[str, ...]) -> list[int]:
    """Short lines above the first paragraph that name the site ('From Wikipedia, the
    free encyclopedia', 'Материал из Википедии — свободной энциклопедии')."""
    found: list[int] = []
    for i in kept:
        block = blocks[i]
        text = block.text
        if block.kind == "paragraph" and _SENTENCE_END.search(text):
            break
        if word_count(text) <= _TAGLINE_WORDS and not _SENTENCE_END.search(text):
            if block.kind != "heading" and names_site(text, site):
                found.append(i)
    return found
