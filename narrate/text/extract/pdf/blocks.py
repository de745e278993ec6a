"""Lines of a PDF in reading order -> headings and paragraphs, by size, weight and spacing.

The body's font size is the one most characters have. A line set larger than
the body, or in bold at the body's size and standing alone (short, no full
stop, white above it), is a heading. A paragraph ends where the white between
lines grows past the usual leading, where the font changes, or after a short
line that ends a sentence. A word broken at a line end ('measure-' 'ments') is
joined: without the hyphen, unless the document writes the word with one
elsewhere. A caption (a small or italic block opening with a label and its
number: 'Figure 3:', 'Tab. 2.', 'Abb. 4') is not read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from narrate.core.models import Dropped
from narrate.text.extract.pdf.read import Line, join_text

_HEADING_SCALE = 1.15  # larger than the body by this much: a heading
_HEADING_MAX_WORDS = 16
_PARAGRAPH_GAP = 1.5  # white between lines, in median leadings, that ends a paragraph
_SHORT_LINE = 0.8  # a line shorter than this share of the column ends its paragraph...
_SENTENCE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*$")  # ...when it ends a sentence
_CAPTION = re.compile(r"^\w{2,12}\.?\s*(?:\d+|[IVX]+)(?:\.\d+)*\s*[.:|—–-]\s*\S")
_CAPTION_SCALE = 0.95
_BULLET = re.compile(r"^[•◦▪▫■□●○‣⁃∙·*–-]\s+")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+\S")
_LABELLED = re.compile(r"^\[\d{1,3}\]\s+\S")  # '[12] A. Author ...': a numbered entry
_BROKEN = re.compile(r"(\w+)-$")
_WORDS = re.compile(r"\w+(?:-\w+)*")


@dataclass(slots=True)
class PdfBlock:
    kind: str  # "heading", "paragraph", "caption"
    lines: list[Line]
    text: str = ""

    @property
    def size(self) -> float:
        return self.lines[0].size


def body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def build_blocks(lines: list[Line]) -> list[PdfBlock]:
    """Headings, paragraphs and captions in reading order, their words joined."""
    body = body_size(lines)
    leading = _leading(lines, body)
    blocks: list[PdfBlock] = []
    for i, line in enumerate(lines):
        kind = _kind(line, lines[i - 1] if i else None, body)
        last = blocks[-1] if blocks else None
        item = kind == "paragraph" and _opens_item(line, last)
        if last is not None and not item and _continues(last, kind, line, leading):
            last.lines.append(line)
            continue
        blocks.append(PdfBlock("list_item" if item else kind, [line]))
    vocabulary = Counter(w.lower() for line in lines for w in _WORDS.findall(line.text))
    for block in blocks:
        block.text = join_lines([line.text for line in block.lines], vocabulary)
        if block.kind == "list_item":
            block.text = _BULLET.sub("", block.text)
        if block.kind == "paragraph" and _is_caption(block, body):
            block.kind = "caption"
    return blocks


def _leading(lines: list[Line], body: float) -> float:
    """The usual distance between baselines of body lines in a column."""
    steps = Counter(
        round(a.bottom - b.bottom, 1)
        for a, b in pairwise(lines)
        if a.page == b.page and a.size == body == b.size and 0 < a.bottom - b.bottom < 3 * body
    )
    return steps.most_common(1)[0][0] if steps else 1.2 * body


def _opens_item(line: Line, last: PdfBlock | None) -> bool:
    """A list entry: a line opening with a bullet or a bracketed number ('[3]'), or with a
    number ('2.', '3)') after a line that ended a sentence or introduced the list."""
    if _BULLET.match(line.text) or _LABELLED.match(line.text):
        return True
    after = last is None or _SENTENCE_END.search(last.lines[-1].text) is not None
    return after and _NUMBERED.match(line.text) is not None


def _continues(last: PdfBlock, kind: str, line: Line, leading: float) -> bool:
    """Whether `line` goes on the block before it (a list entry goes on with its lines)."""
    same = last.kind == kind or (last.kind == "list_item" and kind == "paragraph")
    return same and not _breaks(last.lines[-1], line, leading)


def _kind(line: Line, previous: Line | None, body: float) -> str:
    words = len(line.text.split())
    if words > _HEADING_MAX_WORDS or not any(ch.isalpha() for ch in line.text):
        return "paragraph"
    if line.size >= _HEADING_SCALE * body:
        return "heading"
    alone = (
        previous is None or previous.page != line.page or previous.bottom - line.top > 0.3 * body
    )
    if line.bold and line.size >= body * 0.98 and alone and not line.text.endswith("."):
        return "heading"
    return "paragraph"


def _breaks(previous: Line, line: Line, leading: float) -> bool:
    """Whether `line` starts a new block after `previous` (same kind)."""
    if previous.size != line.size or previous.bold != line.bold:
        return True
    if previous.page != line.page or line.top > previous.bottom + 2 * leading:
        return _SENTENCE_END.search(previous.text) is not None  # a new column or page
    if previous.bottom - line.bottom > _PARAGRAPH_GAP * leading:
        return True
    if line.x1 < previous.x0:  # a new column on the same page
        return _SENTENCE_END.search(previous.text) is not None
    width = max(previous.x1, line.x1) - min(previous.x0, line.x0)
    short = previous.x1 - previous.x0 < _SHORT_LINE * width
    return short and _SENTENCE_END.search(previous.text) is not None


def join_lines(texts: list[str], vocabulary: Counter[str]) -> str:
    """Lines as one text; a word broken by a hyphen at a line end made whole again."""
    out = ""
    for text in texts:
        broken = _BROKEN.search(out)
        if broken and text[:1].islower():
            head, tail = broken.group(1), _WORDS.match(text)
            word = tail.group(0) if tail else ""
            hyphenated, whole = f"{head}-{word}".lower(), (head + word).lower()
            keep = vocabulary[hyphenated] > 0 and not vocabulary[whole]
            out = out[: broken.start()] + head + ("-" if keep else "") + text
        else:
            out = join_text(out, text)
    return " ".join(out.split())


def _is_caption(block: PdfBlock, body: float) -> bool:
    first = block.lines[0]
    smaller = first.size < _CAPTION_SCALE * body or first.italic
    return smaller and _CAPTION.match(block.text) is not None


def caption_drops(blocks: list[PdfBlock]) -> list[Dropped]:
    return [Dropped(b.text, "caption") for b in blocks if b.kind == "caption"]
