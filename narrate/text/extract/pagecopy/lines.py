"""A plain-text page copy split into lines with the features the rules need.

A page dump keeps the page's layout only as line breaks: paragraph-level blocks
are separated by blank lines, while the items of a menu, a card or a caption box
follow each other directly. So each line records its *group* (the run of
non-blank lines it belongs to) as well as its own length and punctuation. A paragraph
hard-wrapped at a fixed column (a mail archive, a <pre> page) is joined again first.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from narrate.text.extract.words import word_count

_SENTENCE_END = re.compile(r"[.!?。！？…»\"”’)\]:;»]$")
_SENTENCE_INSIDE = re.compile(r"\w[.!?。！？][\"”’»)]?\s+\S|[,;，、]")
LIST_MARKER = re.compile(r"^(?:[-–•·*▪►◦]\s+|\d{1,2}[.)]\s+(?=\D))")
BULLET = re.compile(r"^[-–•·*▪►◦]\s+")  # stripped before reading; numbers are kept


@dataclass(slots=True)
class Line:
    """One non-blank line of the page and what the rules measure on it."""

    index: int  # position among the non-blank lines
    text: str
    group: int  # id of its run of non-blank lines (blank lines separate runs)
    group_size: int
    group_pos: int  # position inside the run
    words: int  # length in words (characters / 2 for CJK scripts)
    ends_sentence: bool
    has_clause: bool  # inner sentence break or comma: prose, not a label
    repeats: int  # how many times the same text occurs on the page
    digits: float  # share of characters that are digits


def normalise(text: str) -> str:
    """Collapse spaces and odd characters (zero-width spaces, BOM) that dumps leave in."""
    if not text.isascii():  # ASCII has no format characters and is already composed
        text = unicodedata.normalize("NFC", text)
        astral = len(text.encode("utf-16-le")) > 2 * len(text)  # beyond U+FFFF: two units
        text = _format_chars(astral).sub("", text)
    return " ".join(text.split())


@functools.cache
def _format_chars(astral: bool) -> re.Pattern[str]:
    """Unicode's format characters (category Cf: soft hyphen, zero-width space, BOM, bidi
    marks; with `astral`, those beyond the first 65,536 too, such as tags), as one
    character class, built on first use from this Python's tables (a class with
    characters beyond U+FFFF is matched several times slower)."""
    planes: Iterable[int] = range(0x80, 0x10000)
    if astral:
        planes = itertools.chain(planes, range(0x10000, 0x20000), range(0xE0000, 0xE0080))
    found = [cp for cp in planes if unicodedata.category(chr(cp)) == "Cf"]
    ranges: list[list[int]] = []
    for cp in found:  # as ranges: a long class of single characters is slow to match
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    spans = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(spans) + "]")


def split_lines(page: str) -> list[Line]:
    """Split a page dump into non-blank lines with group ids and per-line features."""
    raw_groups: list[list[str]] = [[]]
    for raw in page.splitlines():
        text = normalise(raw)
        if text:
            raw_groups[-1].append(text)
        elif raw_groups[-1]:
            raw_groups.append([])
    raw_groups = [unwrap(group) for group in raw_groups]
    counts = Counter(text.casefold() for group in raw_groups for text in group)
    lines: list[Line] = []
    for gid, group in enumerate(g for g in raw_groups if g):
        for pos, text in enumerate(group):
            lines.append(
                Line(
                    index=len(lines),
                    text=text,
                    group=gid,
                    group_size=len(group),
                    group_pos=pos,
                    words=word_count(text),
                    ends_sentence=bool(_SENTENCE_END.search(text)),
                    has_clause=bool(_SENTENCE_INSIDE.search(text)),
                    repeats=counts[text.casefold()],
                    digits=sum(ch.isdigit() for ch in text) / len(text),
                )
            )
    return lines


# A hard-wrapped block (text set in a fixed column, as in a mail archive or a <pre>
# page): most of its lines run close to its longest, and most breaks fall inside a
# sentence, the next line going on in lower case. A list of headlines or a table has
# lines of any length, breaks after whole items and capitals or digits after them; a
# table's rows hold numbers, and a code listing's lines few words (docs/benchmarks.md,
# thresholds).
_WRAP_MIN_LINES = 3
_WRAP_COLUMNS = (40, 100)  # the longest line of a wrapped block
_WRAP_FULL = 0.75  # a line this close to the longest was wrapped, not ended
_WRAP_SHARE = 0.6  # share of the block's lines that run full
_WRAP_INSIDE = 0.5  # share of its breaks that fall inside a sentence
_WRAP_NUMBERED = 1 / 3  # a table's rows or a listing's lines mostly hold numbers
_WRAP_WORDS = 6  # a full line of wrapped prose holds words, not a command or a cell


def unwrap(group: list[str]) -> list[str]:
    """The lines of a block, with the lines of a hard-wrapped paragraph joined again."""
    if len(group) < _WRAP_MIN_LINES:
        return group
    longest = max(len(text) for text in group)
    if not _WRAP_COLUMNS[0] <= longest <= _WRAP_COLUMNS[1]:
        return group
    full = [len(text) >= _WRAP_FULL * longest for text in group[:-1]]
    inside = [
        not _SENTENCE_END.search(text) and after[:1].islower()
        for text, after in itertools.pairwise(group)
    ]
    if sum(full) < _WRAP_SHARE * len(full) or sum(inside) < _WRAP_INSIDE * len(inside):
        return group
    numbered = sum(any(ch.isdigit() for ch in text) for text in group)
    few_words = any(
        len(text.split()) < _WRAP_WORDS
        for text, was_full in zip(group[:-1], full, strict=True)
        if was_full
    )
    if numbered > _WRAP_NUMBERED * len(group) or few_words:
        return group
    joined = [group[0]]
    for text, was_full in zip(group[1:], full, strict=True):
        if was_full:
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined
