"""Dates written out on a page dump: 'November 23, 2023', '23 de outubro de 2010', '2023-11-23'.

Used both to find the publication date and to recognise date lines (which mark
headers and feed items, not body text). Month names cover the languages seen
most; numeric dates are read day-first unless that cannot be.
"""

from __future__ import annotations

import re

MONTHS = {
    # English, Portuguese/Spanish, Indonesian, German, Italian, French: month name -> number
    **dict.fromkeys(
        ("jan", "january", "janeiro", "enero", "januari", "januar", "gennaio", "janvier"), 1
    ),
    **dict.fromkeys(
        ("feb", "february", "fevereiro", "febrero", "februari", "februar", "febbraio", "février"), 2
    ),
    **dict.fromkeys(("mar", "march", "março", "marzo", "maret", "märz", "mars"), 3),
    **dict.fromkeys(("apr", "april", "abril", "aprile", "avril"), 4),
    **dict.fromkeys(("may", "maio", "mayo", "mei", "mai", "maggio"), 5),
    **dict.fromkeys(("jun", "june", "junho", "junio", "juni", "giugno", "juin"), 6),
    **dict.fromkeys(("jul", "july", "julho", "julio", "juli", "luglio", "juillet"), 7),
    **dict.fromkeys(("aug", "august", "agosto", "agustus", "août"), 8),
    **dict.fromkeys(
        ("sep", "sept", "september", "setembro", "septiembre", "settembre", "septembre"), 9
    ),
    **dict.fromkeys(("oct", "october", "outubro", "octubre", "oktober", "ottobre", "octobre"), 10),
    **dict.fromkeys(("nov", "november", "novembro", "noviembre", "novembre"), 11),
    **dict.fromkeys(
        (
            "dec",
            "december",
            "dezembro",
            "diciembre",
            "desember",
            "dezember",
            "dicembre",
            "décembre",
        ),
        12,
    ),
}
_MONTH = r"([^\W\d_]{3,10})\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(\d{{4}})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def find_date(text: str) -> str | None:
    """The first date written in `text` as an ISO date, or None."""
    if m := _ISO.search(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if (m := _MONTH_DAY_YEAR.search(text)) and m[1].casefold() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[1].casefold()], int(m[2]))
    if (m := _DAY_MONTH_YEAR.search(text)) and m[2].casefold() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[2].casefold()], int(m[1]))
    if m := _NUMERIC.search(text):
        first, second = int(m[1]), int(m[2])
        # day first unless that cannot be (most of the world writes d/m/y)
        return _iso(int(m[3]), first, second) if second > 12 else _iso(int(m[3]), second, first)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def has_date(text: str) -> bool:
    """Whether a full date (day, month and year) is written somewhere in `text`."""
    return find_date(text) is not None
