"""A PDF (a paper, a report) -> Article: reading order, headings as chapters, apparatus out.

`pdf_read` gives each page's line pieces with their fonts, `pdf_layout` puts
them in reading order without running headers, footers and page numbers,
`pdf_blocks` makes headings and paragraphs (hyphenation undone, captions
out), and the references section is dropped with the shared reference
detection. The title is the document's own (its metadata's Title when that
is a title, not a file name), else its first, largest heading. A PDF with no
text layer (a scan) is refused: narrate does no OCR.
"""

from __future__ import annotations

import re

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Block, Document, Dropped
from narrate.text.extract.pdf.blocks import PdfBlock, body_size, build_blocks, caption_drops
from narrate.text.extract.pdf.layout import reading_order, without_running
from narrate.text.extract.pdf.notes import without_notes
from narrate.text.extract.pdf.read import read_pdf
from narrate.text.extract.references import Unit, apparatus

UNTITLED = "Untitled"
# A Title that is a file name or a producer's placeholder says nothing.
_NOT_A_TITLE = re.compile(r"\.(?:docx?|odt|pdf|tex|indd|rtf|pages|qxp)\s*$|^untitled\b", re.I)
_MIN_TEXT_CHARS = 40
_BYLINE_MAX_WORDS = 12  # names and an affiliation, not a subtitle
_SENTENCE = re.compile(r"[.!?…。！？]\s*$")


def extract_pdf(doc: Document) -> Article:
    """The article in a PDF's text layer."""
    text = read_pdf(doc.data, doc.source)
    every = [line for page in text.pages for line in page.lines]
    pages, dropped = without_running(text.pages, body_size(every))
    pages, notes = without_notes(pages, body_size(every))
    dropped.extend(notes)
    ordered = [line for page in pages for line in reading_order(page)]
    if sum(len(line.text) for line in ordered) < _MIN_TEXT_CHARS:
        raise NoArticleError(
            f"{doc.source} has no text layer (a scanned PDF?)",
            "narrate reads the text a PDF carries and does no OCR",
        )
    blocks = build_blocks(ordered)
    dropped.extend(caption_drops(blocks))
    blocks = [b for b in blocks if b.kind != "caption"]
    title, blocks, title_drops = _title(text.title, blocks, body_size(ordered))
    dropped.extend(title_drops)
    byline, blocks, byline_drops = _byline(text.author, blocks)
    dropped.extend(byline_drops)
    blocks, empty = _without_empty_headings(blocks)
    dropped.extend(empty)
    reasons = _apparatus(blocks)
    dropped.extend(Dropped(b.text, r) for b, r in zip(blocks, reasons, strict=True) if r)
    blocks = [b for b, r in zip(blocks, reasons, strict=True) if r is None]
    blocks, empty = _without_empty_headings(blocks)  # what headed only apparatus
    dropped.extend(empty)
    return Article(
        title=title,
        blocks=tuple(_block(b) for b in blocks),
        byline=byline,
        source=doc.source,
        language=text.language,
        dropped=tuple(dropped),
    )


def _block(block: PdfBlock) -> Block:
    if block.kind == "heading":
        return Block("heading", block.text)
    return Block("list_item" if block.kind == "list_item" else "paragraph", block.text)


def _apparatus(blocks: list[PdfBlock]) -> list[str | None]:
    """Per block, the shared detection's reason (references, link lists) or None.

    It is asked twice: with the blocks (an entry over two lines is one citation), and
    with the lines (entries set close together run into one block, and a block of
    several is no citation: then a block goes when most of its lines do). A heading
    with a heading right under it (a chapter's over its first section) is left out of
    both: it heads no text of its own, and would hide the prose before a list."""
    considered = [
        n
        for n, block in enumerate(blocks)
        if block.kind != "heading" or n + 1 == len(blocks) or blocks[n + 1].kind != "heading"
    ]
    chosen = [blocks[n] for n in considered]
    whole = apparatus([Unit(b.text, heading=b.kind == "heading") for b in chosen])
    units: list[Unit] = []
    owners: list[int] = []
    for n, block in enumerate(chosen):
        texts = [block.text] if block.kind == "heading" else [ln.text for ln in block.lines]
        units.extend(Unit(text, heading=block.kind == "heading") for text in texts)
        owners.extend([n] * len(texts))
    verdicts: list[list[str | None]] = [[] for _ in chosen]
    for owner, reason in zip(owners, apparatus(units), strict=True):
        verdicts[owner].append(reason)
    out: list[str | None] = [None] * len(blocks)
    for n, reason, lines in zip(considered, whole, verdicts, strict=True):
        found = [r for r in lines if r]
        by_lines = max(set(found), key=found.count) if len(found) * 2 >= len(lines) else None
        out[n] = reason or by_lines
    return out


def _without_empty_headings(blocks: list[PdfBlock]) -> tuple[list[PdfBlock], list[Dropped]]:
    """Headings with no text under them (the next block a heading as large, or the end): a
    chapter of nothing is not made."""
    kept: list[PdfBlock] = []
    dropped: list[Dropped] = []
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "heading" and (
            after is None or (after.kind == "heading" and after.size >= block.size)
        ):
            dropped.append(Dropped(block.text, "empty-heading"))
            continue
        kept.append(block)
    return kept, dropped


def _title(
    declared: str | None, blocks: list[PdfBlock], body: float
) -> tuple[str, list[PdfBlock], list[Dropped]]:
    """The title, and the blocks without the title (and anything above it on the first page:
    a journal's name, a preprint number)."""
    meta = " ".join((declared or "").split())
    first_page = [b for b in blocks if b.lines[0].page == blocks[0].lines[0].page] if blocks else []
    headings = [b for b in first_page if b.kind == "heading"]
    largest = max(headings, key=lambda b: b.size, default=None)
    if largest is not None and largest.size > body:
        at = blocks.index(largest)
        dropped = [Dropped(b.text, "before-title") for b in blocks[:at]]
        dropped.append(Dropped(largest.text, "title"))
        title = meta if meta and not _NOT_A_TITLE.search(meta) else largest.text
        return title, blocks[at + 1 :], dropped
    if meta and not _NOT_A_TITLE.search(meta):
        return meta, blocks, []
    return UNTITLED, blocks, []


# What PDF makers write as Author when nobody is named (reportlab: 'anonymous').
_NO_AUTHOR = frozenset({"anonymous", "unknown", "unspecified", "author", "none", "n/a"})


def _byline(
    author: str | None, blocks: list[PdfBlock]
) -> tuple[str | None, list[PdfBlock], list[Dropped]]:
    """The authors: the metadata's Author, else the short lines under the title before the
    first heading (names, affiliations: no sentence), which are not read as text."""
    name = " ".join((author or "").split())
    placeholder = name.strip("()[]").casefold() in _NO_AUTHOR
    declared = name if name and "@" not in name and not placeholder else None
    under: list[PdfBlock] = []
    for block in blocks:
        if block.kind != "paragraph" or len(block.text.split()) > _BYLINE_MAX_WORDS:
            break
        if _SENTENCE.search(block.text) or block.lines[0].page != blocks[0].lines[0].page:
            break
        under.append(block)
    if not any(b.kind == "heading" for b in blocks[len(under) :]):
        under = []  # no heading follows: these are the text's own first lines
    found = under[0].text if under and "@" not in under[0].text else None
    dropped = [Dropped(b.text, "byline") for b in under]
    return declared or found, blocks[len(under) :], dropped
