"""An EPUB -> Article: the spine in order, a chapter per table-of-contents entry.

The book's structure comes from `epub_book`; each spine file is XHTML and is
read into blocks by the HTML extractor's own reader (`html/dom`: parsing,
what is never read, blocks in document order, footnote markers), without the
web page's boilerplate judgement: a book has no menus or teasers, and every
paragraph of a chapter is the book's. Front and back matter (cover, title page,
copyright page, contents, index, colophon, notes) are dropped, by what the book
says they are (`epub:type`, landmarks, guide) or, where it says nothing, by
their shape (`epub_matter`). Each table-of-contents entry opens a chapter,
named as the contents name it; a heading the contents do not list is read as a
paragraph, so chapters are the book's own.
"""

from __future__ import annotations

import zipfile

from lxml.html import HtmlElement

from narrate.core.models import Article, Block, Document, Dropped
from narrate.text.extract.epub.book import Book, TocEntry, open_book, read_member
from narrate.text.extract.epub.matter import dropped_inline, matter_reason
from narrate.text.extract.html.dom import RawBlock, parse_html, strip_unread, walk_blocks
from narrate.text.extract.html.second import CODE_MAX_LINES
from narrate.text.extract.words import letters
from narrate.text.load import decode, plain_text

UNTITLED = "Untitled"
_TITLE_MATCH_MIN = 3


def extract_epub(doc: Document) -> Article:
    """The book's text in spine order, chapters at its table-of-contents entries."""
    archive, book = open_book(doc.data, doc.source)
    with archive:
        blocks: list[Block] = []
        dropped: list[Dropped] = []
        for item in book.spine:
            if not item.linear:
                dropped.append(Dropped(item.path, "non-linear"))
                continue
            _read_item(archive, book, item.path, doc.source, blocks, dropped)
    return Article(
        title=book.title or UNTITLED,
        blocks=tuple(blocks),
        byline=", ".join(book.creators) or None,
        source=doc.source,
        published=book.date,
        language=book.language,
        cover=book.cover,
        dropped=tuple(dropped),
    )


def _read_item(
    archive: zipfile.ZipFile,
    book: Book,
    path: str,
    source: str,
    blocks: list[Block],
    dropped: list[Dropped],
) -> None:
    """One spine file's blocks, with a chapter heading where each contents entry points."""
    text, _ = decode(read_member(archive, path, source), None, path)
    root = parse_html(plain_text(text))
    if root is None:
        dropped.append(Dropped(path, "empty"))
        return
    body = root.find("body")
    body = root if body is None else body
    dropped.extend(dropped_inline(body))
    strip_unread(root)
    raw: list[RawBlock] = []
    walk_blocks(body, raw)
    reason = matter_reason(path, body, raw, book)
    if reason is not None:
        dropped.append(Dropped(_summary(path, raw), reason))
        return
    starts = _entry_starts(root, raw, [e for e in book.toc if e.path == path])
    for i, block in enumerate(raw):
        for entry in starts.get(i, []):
            blocks.append(Block("heading", entry.label))
        _add(block, blocks, dropped, bool(book.toc))


def _add(block: RawBlock, blocks: list[Block], dropped: list[Dropped], by_toc: bool) -> None:
    """A block as the book reads it: the chapter's own heading once (the contents named it),
    other headings as paragraphs (as chapters when the book has no contents), figure
    captions and long listings left out."""
    if block.kind in ("h1", "heading"):
        if by_toc and blocks and blocks[-1].kind == "heading":  # right under its entry
            if _names_the_chapter(block.text, blocks[-1].text):
                dropped.append(Dropped(block.text, "chapter-title"))
                return
        blocks.append(Block("paragraph" if by_toc else "heading", block.text))
    elif block.kind == "code" and len(block.text.splitlines()) > CODE_MAX_LINES:
        dropped.append(Dropped(block.text, "code"))
    elif _in_caption(block.element):
        dropped.append(Dropped(block.text, "caption"))
    elif block.kind == "quote":
        blocks.append(Block("quote", block.text))
    elif block.kind == "list_item":
        blocks.append(Block("list_item", block.text))
    else:
        blocks.append(Block("paragraph", block.text))


def _names_the_chapter(heading: str, label: str) -> bool:
    """A heading saying what the contents entry says (or part of it: 'Chapter One', 'Loomings'
    under 'Chapter One: Loomings')."""
    a, b = (letters(heading), letters(label))
    return len(a) >= _TITLE_MATCH_MIN and (a in b or b in a)


def _in_caption(el: HtmlElement) -> bool:
    return any(a.tag in ("figcaption", "figure") for a in (el, *el.iterancestors()))


def _entry_starts(
    root: HtmlElement, raw: list[RawBlock], entries: list[TocEntry]
) -> dict[int, list[TocEntry]]:
    """For each contents entry pointing into this file, the block it opens at."""
    order = {el: i for i, el in enumerate(root.iter())}
    starts: dict[int, list[TocEntry]] = {}
    for entry in entries:
        at = 0
        if entry.fragment:
            target = _target(root, entry.fragment)
            if target is None:
                at = 0
            else:
                ancestors = set(target.iterancestors())
                position = order.get(target, 0)
                at = next(
                    (
                        i
                        for i, b in enumerate(raw)
                        if b.element in ancestors or order.get(b.element, 0) >= position
                    ),
                    len(raw),
                )
        if at < len(raw):
            starts.setdefault(at, []).append(entry)
    return starts


def _target(root: HtmlElement, fragment: str) -> HtmlElement | None:
    for el in root.iter():
        if el.get("id") == fragment or (el.tag == "a" and el.get("name") == fragment):
            return el
    return None


def _summary(path: str, raw: list[RawBlock]) -> str:
    """What a dropped file said, shortly, for --show-dropped."""
    text = " ".join(b.text for b in raw)
    return f"{path}: {text[:120]}{'…' if len(text) > 120 else ''}" if text else path
