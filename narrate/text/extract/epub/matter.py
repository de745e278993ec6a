"""A book's front and back matter, and the notes inside its chapters: what is not read.

The book says what a file is (`epub:type` on its body or first section, its
landmarks, the EPUB 2 guide); those names are the EPUB vocabulary, not words
of a language. Where it says nothing, the shape decides: a file with no text
(a cover picture), a file that is mostly links (a contents page), a short
file with a copyright sign or an ISBN (a copyright page), a long run of short
entries ending in page numbers (an index). Inside a chapter, note references,
page-break markers and the notes themselves (`<aside epub:type="footnote">`)
are taken out before the text is read.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from narrate.core.models import Dropped
from narrate.text.extract.epub.book import Book
from narrate.text.extract.html.dom import RawBlock, squash

_TYPE = "epub:type"
# The EPUB structural vocabulary's names for matter that is not read -> the reason shown.
_MATTER: dict[str, str] = {
    "cover": "cover", "titlepage": "title-page", "title-page": "title-page",
    "halftitlepage": "title-page", "seriespage": "title-page",
    "copyright-page": "copyright-page", "copyright": "copyright-page", "imprint": "copyright-page",
    "colophon": "colophon", "imprimatur": "colophon", "other-credits": "colophon",
    "toc": "contents", "loi": "contents", "lot": "contents", "page-list": "contents",
    "landmarks": "contents", "index": "index", "endnotes": "notes", "rearnotes": "notes",
    "footnotes": "notes", "errata": "errata",
}  # fmt: skip  # a table, 21 entries packed several a line
_NOTES = frozenset({"footnote", "endnote", "rearnote", "note"})
_MARKERS = frozenset({"noteref", "pagebreak"})
_ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*[\dX][\d\s-]{8,16}[\dX]\b", re.I)
_COPYRIGHT_MAX_WORDS = 300
_LINKED_SHARE = 0.6
_INDEX_MIN_ENTRIES = 20
_INDEX_SHARE = 0.6
_INDEX_ENTRY = re.compile(r"[\d\divx]+(?:\s*[–-]\s*\d+)?\.?\s*$", re.I)
_INDEX_ENTRY_MAX_WORDS = 12


def types(el: HtmlElement) -> set[str]:
    """The `epub:type` names (or DPUB-ARIA roles, `doc-index`) an element carries."""
    names = set((el.get(_TYPE) or "").lower().split())
    names |= {r.removeprefix("doc-") for r in (el.get("role") or "").lower().split()}
    return names


def matter_reason(path: str, body: HtmlElement, raw: list[RawBlock], book: Book) -> str | None:
    """Why a spine file is not read (front or back matter, by name or shape), or None."""
    if path == book.nav_path:
        return "contents"
    declared = types(body) | book_types(path, book)
    first = next((c for c in body if isinstance(c.tag, str)), None)
    if first is not None and first.tag in ("section", "div", "nav"):
        declared |= types(first)
    for name in sorted(declared):
        if name in _MATTER:
            return _MATTER[name]
    if any(name in ("chapter", "bodymatter", "part", "preface", "foreword") for name in declared):
        return None
    return _shape_reason(raw)


def book_types(path: str, book: Book) -> set[str]:
    return set(book.landmarks.get(path, "").split())


def _shape_reason(raw: list[RawBlock]) -> str | None:
    text = " ".join(b.text for b in raw)
    words = len(text.split())
    if not words:
        return "no-text"
    links = sum(b.link_chars for b in raw)
    if links > _LINKED_SHARE * len(text):
        return "contents"
    if words <= _COPYRIGHT_MAX_WORDS and ("©" in text or _ISBN.search(text)):
        return "copyright-page"
    entries = [b.text for b in raw if len(b.text.split()) <= _INDEX_ENTRY_MAX_WORDS]
    numbered = sum(1 for t in entries if _INDEX_ENTRY.search(t))
    if numbered >= _INDEX_MIN_ENTRIES and numbered > _INDEX_SHARE * len(raw):
        return "index"
    return None


def dropped_inline(body: HtmlElement) -> list[Dropped]:
    """Take note references, page-break markers and notes out of a chapter; the notes'
    texts come back, to be listed as dropped."""
    dropped: list[Dropped] = []
    doomed: list[HtmlElement] = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        names = types(el)
        if names & _MARKERS:
            doomed.append(el)
        elif names & _NOTES or (el.tag == "aside" and names):
            dropped.append(Dropped(squash(el.text_content()), "note"))
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return [d for d in dropped if d.text]
