"""Dates and clock times, read the way a newsreader says them.

English dates get month names and ordinal days ("November twenty-third"); other
languages get their own month names and word order where local.py knows them
("am dritten Oktober"), else their numbers read by num2words.
"""

from __future__ import annotations

import re

from narrate.text.normalize.local import local_date
from narrate.text.normalize.numwords import NumberStyle, cardinal, ordinal, year
from narrate.text.normalize.patterns import SENTENCE_END
from narrate.text.normalize.tables import MONTHS

_MONTH = "|".join(MONTHS)
_ISO = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_SLASHED = re.compile(r"(?<![\w/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\w/])")
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:(,?\s+)(\d{{4}}))?(?![\d:,.]\d)\b"
)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?:(,?\s+)(\d{{4}})\b)?"
)
_CLOCK = re.compile(
    r"(?<![\w:.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d|:\d)"
    r"(?:\s*([AaPp])\.?\s?[Mm]\b\.?)?"
)
_HOUR_MERIDIEM = re.compile(r"(?<![\w:.])(\d{1,2})\s*([AaPp])\.?\s?[Mm](?:\b\.?|\.)")


def _say(value: int, style: NumberStyle) -> str:
    return cardinal(value, style) or str(value)


def _day(day: int, style: NumberStyle) -> str:
    return (ordinal(day, style) if style.primary == "en" else None) or _say(day, style)


def _year(value: int, style: NumberStyle) -> str:
    return year(value, style) or str(value)


def _full_date(y: int, m: int, d: int, style: NumberStyle, before: str = "") -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if style.primary == "en":
        return f"{MONTHS[m - 1]} {_day(d, style)}, {_year(y, style)}"
    local = local_date(d, m, y, style, before)
    return local or f"{_say(d, style)} {_say(m, style)} {_year(y, style)}"


def _word_before(match: re.Match[str]) -> str:
    words = match.string[max(0, match.start() - 30) : match.start()].split()
    return words[-1].lower() if words else ""


def _iso(match: re.Match[str], style: NumberStyle) -> str:
    y, m, d = (int(g) for g in match.groups())
    return _full_date(y, m, d, style, _word_before(match)) or match.group(0)


def _slashed(match: re.Match[str], style: NumberStyle) -> str:
    first, _, second, y = match.groups()
    # Americans write month/day; most others (and dotted dates) day/month.
    us_order = style.primary == "en" and match.group(2) == "/" and int(first) <= 12
    m, d = (int(first), int(second)) if us_order else (int(second), int(first))
    return _full_date(int(y), m, d, style, _word_before(match)) or match.group(0)


def _month_day_year(match: re.Match[str], style: NumberStyle) -> str:
    month, day, sep, y = match.groups()
    spoken = f"{month} {_day(int(day), style)}"
    return spoken + (f"{sep}{_year(int(y), style)}" if y else "")


def _day_month_year(match: re.Match[str], style: NumberStyle) -> str:
    day, month, sep, y = match.groups()
    already = match.string[: match.start()].lower().endswith("the ")
    spoken = f"{'' if already else 'the '}{_day(int(day), style)} of {month}"
    return spoken + (f"{sep}{_year(int(y), style)}" if y else "")


def _meridiem(letter: str, match: re.Match[str]) -> str:
    spoken = "A M" if letter.lower() == "a" else "P M"
    ends_with_dot = match.group(0).endswith(".")
    if ends_with_dot and SENTENCE_END.match(match.string, match.end()):
        spoken += "."
    return spoken


def _clock(match: re.Match[str], style: NumberStyle) -> str:
    hour, minute, second, meridiem = match.groups()
    h, m = int(hour), int(minute)
    if h > 24 or m > 59:
        return match.group(0)
    words = [_say(h, style)]
    if style.primary != "en":
        words += [_say(m, style)] if m else []
    elif m == 0:
        words += [] if meridiem or h == 0 else ["hundred"]
    else:
        words += [("oh " if m < 10 else "") + _say(m, style)]
    if second and int(second):
        words += [_say(int(second), style)]
    if meridiem:
        words.append(_meridiem(meridiem, match))
    return " ".join(words)


def read_dates(text: str, style: NumberStyle) -> str:
    """Dates and times to words; other numbers are left for the number rules."""
    text = _ISO.sub(lambda m: _iso(m, style), text)
    text = _SLASHED.sub(lambda m: _slashed(m, style), text)
    text = _CLOCK.sub(lambda m: _clock(m, style), text)
    if style.primary != "en":
        return text
    text = _HOUR_MERIDIEM.sub(
        lambda m: f"{_say(int(m.group(1)), style)} {_meridiem(m.group(2), m)}", text
    )
    text = _MONTH_DAY_YEAR.sub(lambda m: _month_day_year(m, style), text)
    return _DAY_MONTH.sub(lambda m: _day_month_year(m, style), text)
