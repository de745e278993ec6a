"""A PDF page's footnotes and the markers that call them: not read.

A footnote is set smaller than the body, under the text of its column (usually below a
rule), and opens with its number or a symbol ('1 The ledgers ...', '* Deceased'). Its
marker in the text is a number or symbol set smaller and raised above the line it
follows. Left in, the note was read between two sentences of the text, and the marker,
a line of another size, cut its paragraph in two. Shapes only: sizes, places, digits.
"""

from __future__ import annotations

import re

from narrate.core.models import Dropped
from narrate.text.extract.pdf.read import Line

_NOTE_SCALE = 0.9  # a footnote is set this much smaller than the body, or more
_BODY_SCALE = 0.95  # lines this large are the text the notes stand under
_MARKER_SCALE = 0.85  # a marker is this much smaller than the line it stands on
_MARKER_RAISE = 0.2  # ... and its foot this many of that line's sizes above its foot
_MARKER_GAP = 1.0  # ... within this many of its sizes of that line's end or start
_OPENS_NOTE = re.compile(r"^\s*(?:\d{1,3}|[*†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})(?:\s|[.)]|$)")
_MARKER = re.compile(r"^\s*(?:\d{1,3}|[*†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*$")


def without_notes(pages: list[list[Line]], body: float) -> tuple[list[list[Line]], list[Dropped]]:
    """Each page's lines without its footnotes and note markers (and those, with why)."""
    kept_pages: list[list[Line]] = []
    dropped: list[Dropped] = []
    for lines in pages:
        reasons = _footnotes(lines, body)
        for line in lines:
            if id(line) not in reasons and _is_marker(line, lines):
                reasons[id(line)] = "note-marker"
        dropped.extend(Dropped(ln.text, reasons[id(ln)]) for ln in lines if id(ln) in reasons)
        kept_pages.append([ln for ln in lines if id(ln) not in reasons])
    return kept_pages, dropped


def _footnotes(lines: list[Line], body: float) -> dict[int, str]:
    """The small lines under all the text of their column, from the first that opens with a
    note's number or symbol down."""
    text = [ln for ln in lines if ln.size >= _BODY_SCALE * body]
    below = [
        ln
        for ln in lines
        if ln.size < _NOTE_SCALE * body and not ln.bold and _under_the_text(ln, text)
    ]
    found: dict[int, str] = {}
    opened = False
    for line in sorted(below, key=lambda ln: -ln.top):
        opened = opened or _OPENS_NOTE.match(line.text) is not None
        if opened:
            found[id(line)] = "footnote"
    return found


def _under_the_text(line: Line, text: list[Line]) -> bool:
    """Below every text line it shares a column with (there being some)."""
    above = [t for t in text if t.x0 < line.x1 and line.x0 < t.x1]
    return bool(above) and all(t.bottom > line.top for t in above)


def _is_marker(line: Line, lines: list[Line]) -> bool:
    """A number or symbol set small and raised, right after or before a line of text."""
    if _MARKER.match(line.text) is None:
        return False
    for other in lines:
        if other is line or line.size >= _MARKER_SCALE * other.size:
            continue
        raised = line.bottom - other.bottom >= _MARKER_RAISE * other.size
        on_it = line.bottom < other.top
        gap = _MARKER_GAP * other.size
        beside = -gap <= line.x0 - other.x1 <= gap or -gap <= other.x0 - line.x1 <= gap
        if raised and on_it and beside:
            return True
    return False
