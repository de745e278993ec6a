"""HTML text -> a cleaned lxml tree -> the page's text blocks in reading order.

Every paragraph-like piece of the page becomes a `RawBlock` that remembers the
element it came from, so later steps can judge it by where it sits in the page.
lxml is used because it parses broken real-world HTML quickly (a few ms a page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from narrate.text.extract.html.rules import INVISIBLE_TAGS, element_reason, is_hidden
from narrate.text.load import INVISIBLE_CHARS

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements read as one block each: their inline content is one paragraph.
LEAF_BLOCKS = frozenset({"p", "pre", "table", "dt", "dd", "figcaption", "address", "summary"})
# Leaf blocks that may hold lists or paragraphs of their own (a <dd> around a list of
# references): read as containers when they do.
_WRAPPERS = frozenset({"dd", "dt", "address", "summary"})
# Elements that start a new block; anything else is inline.
BLOCK_LEVEL = (
    LEAF_BLOCKS
    | HEADINGS
    | frozenset(
        {
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "nav",
            "aside",
            "ul",
            "ol",
            "li",
            "dl",
            "blockquote",
            "figure",
            "form",
            "hr",
            "details",
            "fieldset",
            "center",
            "tr",
            "td",
            "th",
            "tbody",
            "thead",
            "tfoot",
            "body",
            "html",
            "menu",
            "hgroup",
        }
    )
)
# Inline furniture skipped inside a paragraph (a share button, an ad slot, sr-only text).
_INLINE_SKIP_REASONS = frozenset({"advertisement", "share", "caption", "boilerplate", "related"})
_FOOTNOTE = re.compile(r"^\s*\[?\s*(?:\d{1,3}|[a-z]|[ivx]{1,4}|\*|†)\s*\]?\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class RawBlock:
    """One block of page text before it is judged: its kind, text and element."""

    kind: str  # "heading", "paragraph", "quote", "list_item", "table", "code", "h1"
    text: str
    element: HtmlElement
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def parse_html(text: str) -> HtmlElement | None:
    """Parse a page; None when it is not HTML at all."""
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (ParserError, ValueError):
        return None


def strip_unread(root: HtmlElement) -> None:
    """Remove what is never read: scripts, styles, media, form controls, hidden parts."""
    doomed = [
        el
        for el in root.iter()
        if not isinstance(el.tag, str)
        or el.tag in INVISIBLE_TAGS
        or (el.tag not in ("html", "body") and is_hidden(el))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # lxml.html keeps the element's tail text


def _tag(el: HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


# What a browser does not show (`load.INVISIBLE_CHARS`, here often written as `&shy;` or
# `&#8203;`), and a stray BOM.
_INVISIBLE = str.maketrans("", "", INVISIBLE_CHARS + "\ufeff")


def squash(text: str | None) -> str:
    """Text as a browser shows it: no invisible characters, whitespace runs as one space."""
    return " ".join((text or "").translate(_INVISIBLE).split())


def _inline_text(
    el: HtmlElement, parts: list[str], links: list[int], in_link: bool, is_root: bool = False
) -> None:
    """Append the visible inline text of `el` (not its tail), skipping furniture."""
    tag = _tag(el)
    if tag == "br":
        parts.append("\n")
        return
    if tag == "sup" and _FOOTNOTE.match(el.text_content() or ""):
        return  # footnote markers like [1] are noise when read aloud
    if not is_root and tag != "a" and element_reason(el) in _INLINE_SKIP_REASONS:
        return
    in_link = in_link or tag == "a"
    if el.text:
        parts.append(el.text)
        if in_link:
            links.append(len(el.text.strip()))
    for child in el:
        if isinstance(child.tag, str):
            _inline_text(child, parts, links, in_link)
        if child.tail:
            parts.append(child.tail)
            if in_link:
                links.append(len(child.tail.strip()))


def _blocks_from_text(raw: str, kind: str, el: HtmlElement, link_chars: int) -> list[RawBlock]:
    """Split inline text at blank lines (double <br>) into blocks of one kind."""
    pieces = [squash(p) for p in _PARAGRAPH_BREAK.split(raw)]
    pieces = [p for p in pieces if p]
    total = sum(len(p) for p in pieces) or 1
    return [RawBlock(kind, p, el, link_chars * len(p) // total) for p in pieces]


def _table_rows(table: HtmlElement) -> str:
    """A table as text, one row a line, cells separated by spaces."""
    rows = []
    for tr in table.iter("tr"):
        cells = [squash(cell.text_content()) for cell in tr if _tag(cell) in ("td", "th")]
        if any(cells):
            rows.append(" ".join(c for c in cells if c))
    return "\n\n".join(rows)


def _is_layout_table(table: HtmlElement) -> bool:
    """Tables holding paragraphs, lists or other tables lay out a page; they hold no data."""
    return any(
        _tag(el) in ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "blockquote")
        for el in table.iterdescendants()
    )


def _leaf_kind(tag: str, parent_kind: str) -> str:
    if tag in HEADINGS:
        return "h1" if tag == "h1" else "heading"
    if tag == "pre":
        return "code"
    if tag == "table":
        return "table"
    return parent_kind


def block_holders(root: HtmlElement) -> set[HtmlElement]:
    """Elements with a block-level element inside them, whatever their own tag.

    Pages built with web components wrap the article in tags HTML does not know
    (`<app>`, `<article-body>`, `<paragraph>`); read as inline text they would
    run the whole page into one block. A link stays inline even around blocks:
    its text is a teaser card's, and counts as linked.
    """
    holders: set[HtmlElement] = set()
    for el in root.iter():
        if _tag(el) in BLOCK_LEVEL:
            for ancestor in el.iterancestors():
                if ancestor in holders:
                    break
                holders.add(ancestor)
    return holders


def walk_blocks(
    el: HtmlElement,
    out: list[RawBlock],
    kind: str = "paragraph",
    holders: set[HtmlElement] | None = None,
) -> None:
    """Collect the blocks under `el` in document order."""
    if holders is None:
        holders = block_holders(el)
    tag = _tag(el)
    if tag == "blockquote":
        kind = "quote"
    elif tag == "li":
        kind = "list_item"
    if tag == "table" and _is_layout_table(el):
        tag = "tbody"  # a table used for page layout: read its cells as containers
    if (tag in LEAF_BLOCKS or tag in HEADINGS) and not (tag in _WRAPPERS and el in holders):
        leaf_kind = _leaf_kind(tag, kind)
        if leaf_kind == "table":
            out.extend(_blocks_from_text(_table_rows(el), "table", el, 0))
            return
        parts: list[str] = []
        links: list[int] = []
        _inline_text(el, parts, links, False, is_root=True)
        text = "".join(parts)
        if leaf_kind in ("heading", "h1"):
            text = text.replace("\n", " ")
        elif leaf_kind == "code":
            # a listing is read line by line, each line a sentence of its own
            text = re.sub(r"\n\s*", "\n\n", text.strip())
        out.extend(_blocks_from_text(text, leaf_kind, el, sum(links)))
        return
    run: list[str] = []
    run_links: list[int] = []

    def flush() -> None:
        if run:
            out.extend(_blocks_from_text("".join(run), kind, el, sum(run_links)))
            run.clear()
            run_links.clear()

    if el.text:
        run.append(el.text)
    for child in el:
        child_tag = _tag(child)
        if child_tag in BLOCK_LEVEL or (child_tag != "a" and child in holders):
            flush()
            walk_blocks(child, out, kind, holders)
        elif child_tag:
            _inline_text(child, run, run_links, False)
        if child.tail:
            run.append(child.tail)
    flush()
