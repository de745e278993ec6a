"""A PDF page's line pieces -> reading order, without running headers, footers and page numbers.

Reading order by recursive XY-cut: a region whose lines leave a vertical strip
of white from top to bottom (a gutter) is read column by column, left to
right; otherwise it is cut across at its widest horizontal white band and read
top to bottom, each part cut again. Gutters are tried first, so two columns
whose paragraph breaks happen to line up are not read across; the widest band
first, so a title block or a full-width figure caption above the columns is a
band of its own.

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
from narrate.text.extract.pdf_read import Line, Page

# The top and bottom bands of a page where running heads, feet and numbers sit.
_MARGIN_SHARE = 0.09
# A line recurring (digits aside) in the margin of this share of the pages is running.
_RUNNING_SHARE = 0.5
_PAGE_NUMBER = re.compile(r"^\W*(?:\w{1,10}\W+)?[\divxlc]{1,4}(?:\W+\w{1,5}\W+\d{1,4})?\W*$", re.I)
_DIGITS = re.compile(r"\d+")
# A margin line set this much smaller than the body is running, recurring or not.
_SMALL_SCALE = 0.9
# A gutter is at least this many body font sizes wide.
_GUTTER_EMS = 0.9


def without_running(pages: tuple[Page, ...], body: float) -> tuple[list[list[Line]], list[Dropped]]:
    """Each page's lines without running headers, footers and page numbers (and those).

    A margin line that recurs is running; so is one set smaller than the `body` text
    and not bold (a journal's name on one page of two is not seen twice)."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_shape(line.text) for line in page.lines if _in_margin(line, page)})
    enough = max(2, round(_RUNNING_SHARE * len(pages)))
    kept_pages: list[list[Line]] = []
    dropped: list[Dropped] = []
    for page in pages:
        kept: list[Line] = []
        for line in page.lines:
            reason = _running_reason(line, page, seen, enough, body)
            if reason:
                dropped.append(Dropped(line.text, reason))
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


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
    if _PAGE_NUMBER.match(line.text) and any(ch.isdigit() for ch in line.text):
        return "page-number"
    small = line.size < _SMALL_SCALE * body and not line.bold
    if seen[_shape(line.text)] >= enough or small:
        return "running-header" if line.bottom >= page.height / 2 else "running-footer"
    return None


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines of one page in reading order (recursive XY-cut, gutters first)."""
    if len(lines) <= 1:
        return list(lines)
    size = median(line.size for line in lines)
    columns = _split_columns(lines, _GUTTER_EMS * size)
    if len(columns) > 1:
        return [line for column in columns for line in reading_order(column)]
    bands = _split_bands(lines)
    if len(bands) > 1:
        return [line for band in bands for line in reading_order(band)]
    return sorted(lines, key=lambda line: (-line.top, line.x0))


def _split_columns(lines: list[Line], gutter: float) -> list[list[Line]]:
    """Lines grouped by the vertical white strips between them, left to right."""
    spans = sorted((line.x0, line.x1) for line in lines)
    cuts: list[float] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= gutter:
            cuts.append((x0 + reach) / 2)
        reach = max(reach, x1)
    if not cuts:
        return [lines]
    groups: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        groups[sum(1 for cut in cuts if line.x0 > cut)].append(line)
    return [g for g in groups if g]


def _split_bands(lines: list[Line]) -> list[list[Line]]:
    """Lines cut in two at the widest horizontal white band, top part first."""
    spans = sorted(((line.top, line.bottom) for line in lines), reverse=True)
    best_gap, best_cut = 0.0, None
    low = spans[0][1]
    for top, bottom in spans[1:]:
        if low - top > best_gap:
            best_gap, best_cut = low - top, (low + top) / 2
        low = min(low, bottom)
    if best_cut is None:
        return [lines]
    above = [line for line in lines if line.bottom >= best_cut]
    below = [line for line in lines if line.bottom < best_cut]
    return [above, below] if above and below else [lines]
