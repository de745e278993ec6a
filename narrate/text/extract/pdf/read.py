"""A PDF's text layer -> lines with their place, size and weight, page by page.

pypdfium2 (PDFium, the PDF engine of Chromium; Apache-2.0/BSD-3, one wheel, no
dependencies) gives every character with its box, font size and font name, in
the order the file draws them. That order is not the reading order (a
two-column page may be drawn row by row across both columns), so characters
are only joined into line pieces here: same baseline, next to each other. The
pieces are put in reading order by `pdf_layout`. pdfminer.six (MIT) gives the
same facts with its own layout analysis, slower (its text alone takes about
twice narrate's whole extraction) and with the `cryptography` package (16 MB)
beside it: `benchmarks/pdf_reading.py` measures both.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from narrate.core.errors import InputError
from narrate.text.extract.words import CJK

# A gap wider than this many font sizes between two characters on one baseline is a
# gutter between columns or table cells, not a space between words.
_GAP_EMS = 0.8
_BOLD_WEIGHT = 600
_FORCE_BOLD_FLAG = 1 << 18
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_ITALIC_NAMES = ("italic", "oblique")
# FPDFText_GetTextObject answering a plain address (pypdfium2's binding answers a
# pointer object, which costs a cast per character to compare).
_TEXT_OBJECT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
)
# PDFium reports a hyphen it thinks soft (a break inside a word) as U+0002.
_SOFT_HYPHENS = {0x02: "-", 0xAD: "-"}


@dataclass(frozen=True, slots=True)
class Line:
    """A run of characters on one baseline: text and where it sits (PDF points, y up)."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size most of its characters have
    bold: bool
    italic: bool


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class PdfText:
    pages: tuple[Page, ...]
    title: str | None  # the document information's Title
    author: str | None
    language: str | None


def read_pdf(data: bytes, source: str) -> PdfText:
    """Every page's line pieces; InputError for an encrypted or damaged file."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                f"{source} is an encrypted PDF (it needs a password)",
                "save a copy without the password and narrate that",
            ) from exc
        raise InputError(
            f"{source} is a damaged or truncated PDF ({exc})", "download it again"
        ) from exc
    try:
        pages = tuple(_page(document, n) for n in range(len(document)))
        meta = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{source} is a damaged PDF ({exc})", "download it again") from exc
    finally:
        document.close()
    return PdfText(pages, meta.get("Title"), meta.get("Author"), None)


def _page(document: pdfium.PdfDocument, number: int) -> Page:
    page = document[number]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage.raw, number)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(number, width, height, tuple(lines))


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    font: str
    bold: bool


def _lines(textpage: pdfium_c.FPDF_TEXTPAGE, page: int) -> list[Line]:
    """Characters in drawing order, joined into pieces that share a baseline and touch.

    The font is asked for once per text object (the characters of one object share
    it), which halves the time of a page."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pieces: list[list[_Char]] = []
    current: list[_Char] = []
    fonts = _Fonts(textpage)
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code in (0x0A, 0x0D) or code == 0xFFFE:
            continue  # PDFium's own line breaks: the boxes decide
        pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        size, font, bold = fonts.at(i)
        text = _SOFT_HYPHENS.get(code, chr(code) if code >= 0x20 else "")
        char = _Char(text, left.value, right.value, bottom.value, top.value, size, font, bold)
        if code == 0x20 and current:  # a space: keep it, its box is often empty
            char.x0 = char.x1 = current[-1].x1
        if current and not _continues(current[-1], char):
            pieces.append(current)
            current = []
        if char.text:
            current.append(char)
    if current:
        pieces.append(current)
    return [line for chars in pieces if (line := _line(chars, page)) is not None]


class _Fonts:
    """Each character's font size, font name and boldness, read once per text object."""

    def __init__(self, textpage: pdfium_c.FPDF_TEXTPAGE) -> None:
        self.textpage = textpage
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.last: tuple[int | None, tuple[float, str, bool]] = (None, (0.0, "", False))

    def at(self, i: int) -> tuple[float, str, bool]:
        owner = _TEXT_OBJECT(self.textpage, i)
        if owner is not None and owner == self.last[0]:
            return self.last[1]
        size = pdfium_c.FPDFText_GetFontSize(self.textpage, i)
        pdfium_c.FPDFText_GetFontInfo(self.textpage, i, self.name, len(self.name), self.flags)
        font = self.name.value.decode("latin-1").lower()
        weight = pdfium_c.FPDFText_GetFontWeight(self.textpage, i)
        bold = (
            weight >= _BOLD_WEIGHT
            or bool(self.flags.value & _FORCE_BOLD_FLAG)
            or any(b in font for b in _BOLD_NAMES)
        )
        self.last = (owner, (size, font, bold))
        return size, font, bold


def _continues(previous: _Char, char: _Char) -> bool:
    """Whether `char` is the next character of `previous`'s line piece."""
    size = max(previous.size, char.size, 1.0)
    if char.text == " ":
        return True
    baseline = abs(char.bottom - previous.bottom) <= 0.5 * size or (
        previous.text == " " and abs(char.bottom - previous.bottom) <= 0.6 * size
    )
    # A ligature's letters share one box ('fi'): the next letter may start where the last
    # one started, not where it ended.
    gap = char.x0 - previous.x1
    return baseline and char.x0 >= previous.x0 - 0.1 * size and gap <= _GAP_EMS * size


def _line(chars: list[_Char], page: int) -> Line | None:
    text = " ".join("".join(c.text for c in chars).split())
    if not text:
        return None
    visible = [c for c in chars if c.text.strip()]
    sizes = [c.size for c in visible]
    fonts = [c.font for c in visible]
    bold = sum(c.bold for c in visible)
    slanted = {f for f in set(fonts) if any(n in f for n in _ITALIC_NAMES)}
    italic = sum(1 for f in fonts if f in slanted)
    return Line(
        text=text,
        page=page,
        x0=min(c.x0 for c in visible),
        x1=max(c.x1 for c in visible),
        top=max(c.top for c in visible),
        bottom=min(c.bottom for c in visible),
        size=round(median(sizes), 1),
        bold=bold * 2 > len(visible),
        italic=italic * 2 > len(visible),
    )


def joined(pieces: list[Line]) -> Line:
    """Pieces of one row, left to right, as one line: its size, boldness and slant those of
    most of its characters."""
    if len(pieces) == 1:
        return pieces[0]
    text = ""
    for piece in pieces:
        text = join_text(text, piece.text)
    weights = [len(piece.text) for piece in pieces]
    main = max(pieces, key=lambda piece: len(piece.text))
    half = sum(weights) / 2
    return Line(
        text=text,
        page=main.page,
        x0=min(piece.x0 for piece in pieces),
        x1=max(piece.x1 for piece in pieces),
        top=max(piece.top for piece in pieces),
        bottom=min(piece.bottom for piece in pieces),
        size=main.size,
        bold=sum(w for w, piece in zip(weights, pieces, strict=True) if piece.bold) > half,
        italic=sum(w for w, piece in zip(weights, pieces, strict=True) if piece.italic) > half,
    )


# Chinese and Japanese put no space between words, nor where a line breaks.
_CJK_PUNCTUATION = "，。、；：！？）」』】》〉”’（「『【《〈“‘"


def join_text(left: str, right: str) -> str:
    """Two runs of text as one: a space between them, but not between CJK characters."""
    if not left or not right:
        return left or right
    cjk = (CJK.match(left[-1]) or left[-1] in _CJK_PUNCTUATION) and (
        CJK.match(right[0]) or right[0] in _CJK_PUNCTUATION
    )
    return left + right if cjk else f"{left} {right}"
