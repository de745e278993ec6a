"""A PDF page's line pieces -> reading order, without running headers, footers and page numbers.

Reading order: the page's gutters are the vertical white strips that lines
stand on both sides of (a few lines may cross one: a title, a full-width
caption). Lines that cross a gutter span the columns and cut the page into
bands; each band is read column by column, left to right, each column top to
bottom, and a spanning line where it stands. (A plain XY-cut, cutting at the
widest white band first, read a column's lower part after the next column
when a figure left a band of white across the page.)

Running headers and footers are lines in the top or bottom margin band of a
page that recur on other pages (digits aside: 'Page 3', 'Page 4'), and page
numbers are margin lines that are only a number (or a number with a word or
two: 'Page 3 of 12', '- 3 -').
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from narrate.core.models import Dropped
from narrate.text.extract.pdf.read import Line, Page, joined

# The top and bottom bands of a page where running heads, feet and numbers sit.
_MARGIN_SHARE = 0.09
# A line recurring (digits aside) in the margin of this many pages is running: a book's
# running head changes with each chapter, so a share of all pages would miss it.
_RUNNING_PAGES = 2
_PAGE_NUMBER = re.compile(r"^\W*(?:\w{1,10}\W+)?[\divxlc]{1,4}(?:\W+\w{1,5}\W+\d{1,4})?\W*$", re.I)
_ROMAN = re.compile(r"^\W*[ivxlc]{1,6}\W*$", re.I)
_DIGITS = re.compile(r"\d+")
_NUMBERING = re.compile(r"^(?:[\divxlcA-Z]{1,4}(?:\.\d+)*\.?\s*)+$")
_CONTENTS_PAGE = 3
_LABEL_MAX_WORDS = 4  # contents lines that make a page a table of contents
# A contents line: an entry, a dot leader, a page number ('Introduction . . . . 1').
_CONTENTS_LINE = re.compile(r"(?:\.\s?){4,}\s*[\divxlc]+(?:\s+\S{1,12})?\s*$", re.I)
# A margin line set this much smaller than the body is running, recurring or not.
_SMALL_SCALE = 0.9
# A gutter is at least this many body font sizes wide, crossed by at most this share of
# the page's lines, with this many lines on either side.
_GUTTER_EMS = 0.9
_CROSSING_SHARE = 0.05
_MIN_COLUMN_LINES = 3
# Pieces whose heights overlap by this share of the smaller are on one row.
_ROW_OVERLAP = 0.5
_ROW_HEIGHT = 0.5


def without_running(pages: tuple[Page, ...], body: float) -> tuple[list[list[Line]], list[Dropped]]:
    """Each page's lines without running headers, footers and page numbers (and those).

    A margin line that recurs is running; so is one set smaller than the `body` text
    and not bold (a journal's name on one page of two is not seen twice). A table of
    contents' lines (dot leaders to a page number) go too."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_shape(line.text) for line in page.lines if _in_margin(line, page)})
    enough = _RUNNING_PAGES
    kept_pages: list[list[Line]] = []
    dropped: list[Dropped] = []
    for page in pages:
        kept: list[Line] = []
        entries = [line for line in page.lines if _CONTENTS_LINE.search(line.text)]
        contents = len(entries)
        label = _contents_label(page, entries) if contents >= _CONTENTS_PAGE else None
        for line in page.lines:
            reason = _running_reason(line, page, seen, enough, body)
            if reason is None and _CONTENTS_LINE.search(line.text):
                reason = "contents"
            elif reason is None and contents >= _CONTENTS_PAGE and _NUMBERING.match(line.text):
                reason = "contents"  # the entries' numbers, set apart from their titles
            elif line is label:
                reason = "contents"
            if reason:
                dropped.append(Dropped(line.text, reason))
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def _contents_label(page: Page, entries: list[Line]) -> Line | None:
    """The title of a table of contents: the short line right above its first entry."""
    first = max(entries, key=lambda line: line.top)
    above = [ln for ln in page.lines if ln.bottom > first.top and ln not in entries]
    nearest = min(above, key=lambda line: line.bottom - first.top, default=None)
    if nearest is not None and len(nearest.text.split()) <= _LABEL_MAX_WORDS:
        return nearest
    return None


def _in_margin(line: Line, page: Page) -> bool:
    band = _MARGIN_SHARE * page.height
    return line.bottom >= page.height - band or line.top <= band


def _shape(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _running_reason(
    line: Line, page: Page, seen: Counter[str], enough: int, body: float
) -> str | None:
    if not _in_margin(line, page):
        return None
    numbered = any(ch.isdigit() for ch in line.text) or _ROMAN.match(line.text)
    if _PAGE_NUMBER.match(line.text) and numbered:
        return "page-number"
    small = line.size < _SMALL_SCALE * body and not line.bold
    if seen[_shape(line.text)] >= enough or small:
        return "running-header" if line.bottom >= page.height / 2 else "running-footer"
    return None


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines of one page in reading order: column by column between the lines that
    span the columns (a title block, a full-width caption), each read where it stands."""
    if len(lines) <= 1:
        return list(lines)
    gutters = find_gutters(lines, _GUTTER_EMS * median(line.size for line in lines))
    if not gutters:
        return _top_down(lines)
    spanning = _top_down([line for line in lines if _crosses(line, gutters)])
    ordered: list[Line] = []
    above = float("inf")
    for wide in [*spanning, None]:
        below = wide.top if wide is not None else float("-inf")
        band = [
            line for line in lines if not _crosses(line, gutters) and below < _middle(line) <= above
        ]
        for column in range(len(gutters) + 1):
            ordered.extend(_top_down([ln for ln in band if _column(ln, gutters) == column]))
        if wide is not None:
            ordered.append(wide)
            above = wide.bottom
    return ordered


def find_gutters(lines: list[Line], width: float) -> list[float]:
    """The x of each vertical white strip at least `width` wide that lines stand on both
    sides of; a strip crossed by a few lines (a title, a wide caption) still counts."""
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    span = int(right - left) + 1
    cover = [0] * span
    for line in lines:
        for x in range(int(line.x0 - left), min(span, int(line.x1 - left) + 1)):
            cover[x] += 1
    allowed = max(1, int(_CROSSING_SHARE * len(lines)))
    gutters: list[float] = []
    start = None
    for x in range(span + 1):
        open_ = x < span and cover[x] <= allowed
        if open_ and start is None:
            start = x
        elif not open_ and start is not None:
            if x - start >= width:
                at = left + (start + x) / 2
                sides = (sum(ln.x1 < at for ln in lines), sum(ln.x0 > at for ln in lines))
                if min(sides) >= _MIN_COLUMN_LINES:
                    gutters.append(at)
            start = None
    return gutters


def _crosses(line: Line, gutters: list[float]) -> bool:
    return any(line.x0 < at < line.x1 for at in gutters)


def _column(line: Line, gutters: list[float]) -> int:
    return sum(1 for at in gutters if line.x0 > at)


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _top_down(lines: list[Line]) -> list[Line]:
    """Lines top to bottom, the pieces of one row joined left to right into one line: a
    justified line places each word on its own with wide spaces, and the pieces' tops
    differ with their letters ('have' stands taller than 'communities'), so ordering the
    pieces by their tops read a line's words out of order."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: -line.top):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [joined(sorted(row, key=lambda line: line.x0)) for row in rows]


def _same_row(a: Line, b: Line) -> bool:
    """Whether two pieces stand on one line: their heights overlap by half the smaller
    (a box without height, as some fonts give, counts as half its font size tall)."""
    low_a, high_a = a.bottom, max(a.top, a.bottom + _ROW_HEIGHT * a.size)
    low_b, high_b = b.bottom, max(b.top, b.bottom + _ROW_HEIGHT * b.size)
    overlap = min(high_a, high_b) - max(low_a, low_b)
    return overlap >= _ROW_OVERLAP * min(high_a - low_a, high_b - low_b)
