"""Bare numbers: phone-like strings, decades, ordinals, ranges, years and cardinals.

Runs after dates and quantities, so what is left is a number on its own or
glued to letters ("F-16", "G7").
"""

from __future__ import annotations

import re

from narrate.text.normalize.numwords import NumberStyle, cardinal_text, digits, ordinal, year
from narrate.text.normalize.tables import MONTHS, symbol_word

_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])-?(?=\d)|(?<=\d)(?=[A-Za-z])(?!(?:st|nd|rd|th|s)\b)")
_PHONE = re.compile(
    r"(?<![\w.,+-])(?<!\d[ \u00a0\u202f])(\+\d{1,3}[\s.-]?)?(\(\d{1,4}\)[\s.-]?)?"
    r"(\d{2,4}(?:[\s.-]\d{2,4}){1,4})(?![\w-]|[.,]\d)"
)
_LONG_DIGITS = re.compile(r"(?<![\w.,])(?<!\d[ \u00a0\u202f])(?:0\d{2,}|\d{9,})(?![\w]|[.,]\d)")
_FULL_DECADE = re.compile(r"(?<![\w.,])(1\d|20)(\d)0s\b")
_SHORT_DECADE = re.compile(r"(?<![\w.,])['’]?([2-9])0s\b")
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)\b")
_PT_ORDINAL = re.compile(r"(?<![\w.,])(\d+)[ºª°](?!\w)")
_YEAR = re.compile(r"(?<![\w.,$£€-])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_YEAR_CUE = re.compile(
    rf"(?:['’]s|\b(?:the|this|that|last|next))\s+$|"
    rf"\b(?:in|since|by|from|until|till|of|to|and|before|after|year|early|late|mid|around|"
    rf"circa|c\.|{'|'.join(MONTHS)})\s+$|[(,–—-]\s*$",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(
    r"(?<![\w.,$£€-])(1[1-9]\d\d|20\d\d)[-–](1[1-9]\d\d|20\d\d|\d\d)(?![\w%]|[.,]\d)"
)
# Verbs that follow a year used as a subject ("1999 was ...").
_YEAR_SUBJECT = re.compile(
    r"\s(?:was|is|were|saw|marked|brought|began|ended|will|would|has|had|became)\b"
)
_PLURAL_NUMBER = re.compile(r"(?<![\w.,])(\d+)['’]?s\b")
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)")
_NUMBER_SIGN = re.compile(r"#(?=\d)")


def _plural(words: str) -> str:
    """'nineteen ninety' -> 'nineteen nineties'."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _phone(match: re.Match[str], style: NumberStyle) -> str:
    country, area, body = match.groups()
    groups = [g for g in re.split(r"[\s.-]", body) if g]
    lengths = [len(g) for g in groups]
    total = sum(lengths) + len(re.sub(r"\D", "", (country or "") + (area or "")))
    grouped = all(n == 3 for n in lengths[1:])
    separators = set(re.findall(r"[\s.-]", body))
    plausible = country or area or (len(groups) == 2 and lengths == [3, 4]) or len(groups) >= 3
    if total < 7 or not plausible or (grouped and separators <= set(style.group)):
        return match.group(0)
    plus = symbol_word("plus", style.primary, "+")
    spoken = [f"{plus} {digits(country, style)}"] if country else []
    spoken += [digits(area, style)] if area else []
    spoken += [digits(g, style) for g in groups]
    return ", ".join(spoken)


def _version(raw: str, style: NumberStyle) -> str:
    """'2.0.1' (versions, IP addresses) -> 'two point zero point one'."""
    point = "point" if style.primary == "en" else "."
    return f" {point} ".join(cardinal_text(part, style) for part in raw.split("."))


def _year_or_number(match: re.Match[str], style: NumberStyle) -> str:
    before = match.string[max(0, match.start() - 20) : match.start()]
    value = int(match.group(1))
    after = match.string[match.end() : match.end() + 12]
    looks_like_year = (
        _YEAR_CUE.search(before) or _YEAR_SUBJECT.match(after) or not re.match(r"\s[a-z]", after)
    )
    if looks_like_year:
        return year(value, style) or match.group(1)
    return cardinal_text(match.group(1), style)


def _year_range(match: re.Match[str], style: NumberStyle) -> str:
    first, last = match.groups()
    end = int(first[:2] + last) if len(last) == 2 else int(last)
    word = symbol_word("range", style.primary, "-")
    return f"{year(int(first), style) or first} {word} {year(end, style) or last}"


def _range_or_minus(style: NumberStyle) -> re.Pattern[str]:
    num = f"(?:{style.pattern})"
    return re.compile(rf"(?<![\w.,])(?:([-−])(?=\d))?({num})(?:\s?[-–]\s?({num}))?(?![\w])")


def _number(match: re.Match[str], style: NumberStyle) -> str:
    minus, low, high = match.groups()
    spoken = cardinal_text(("-" if minus else "") + low, style)
    if high:
        spoken += f" {symbol_word('range', style.primary, '-')} {cardinal_text(high, style)}"
    return spoken


def read_numbers(text: str, style: NumberStyle) -> str:
    """Every number left in the text, to words (unchanged when the language is unknown)."""
    if style.code is None:
        return text
    text = _LETTER_DIGIT.sub(" ", text)
    text = _PHONE.sub(lambda m: _phone(m, style), text)
    text = _VERSION.sub(lambda m: _version(m.group(0), style), text)
    text = _LONG_DIGITS.sub(lambda m: digits(m.group(0), style), text)
    if style.primary == "en":
        text = _NUMBER_SIGN.sub("number ", text)
        text = _FULL_DECADE.sub(
            lambda m: _plural(year(int(m.group(1) + m.group(2) + "0"), style) or m.group(0)), text
        )
        text = _SHORT_DECADE.sub(lambda m: _plural(cardinal_text(m.group(1) + "0", style)), text)
        text = _PLURAL_NUMBER.sub(lambda m: _plural(cardinal_text(m.group(1), style)), text)
        text = _ORDINAL.sub(lambda m: ordinal(int(m.group(1)), style) or m.group(0), text)
    if style.primary == "pt":
        text = _PT_ORDINAL.sub(lambda m: ordinal(int(m.group(1)), style) or m.group(0), text)
    text = _YEAR_RANGE.sub(lambda m: _year_range(m, style), text)
    text = _YEAR.sub(lambda m: _year_or_number(m, style), text)
    return _range_or_minus(style).sub(lambda m: _number(m, style), text)
