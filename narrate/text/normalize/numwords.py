"""Numbers to words in the article's language, and how each language writes numbers.

num2words is used because it covers fifty-odd languages with correct grammar
(Russian cases, Portuguese "e", German compounds), which no hand-written table
here could match. When a language is not covered, digits are left for the
speech engine, which reads them in its own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from num2words import CONVERTER_CLASSES, num2words

# Thousands separator styles: which character groups digits, which marks decimals.
_DOT_GROUPING = frozenset({"de", "pt", "id", "es", "it", "nl", "tr", "da", "el", "ro", "sl", "hr"})
_SPACE_GROUPING = frozenset(
    {"fr", "ru", "uk", "pl", "cs", "sk", "sv", "fi", "no", "nb", "hu", "lt", "lv", "be", "kz"}
)
_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How one language writes numbers, and the num2words code that reads them."""

    primary: str  # primary language subtag, e.g. "pt"
    code: str | None  # num2words language code, None when not covered
    group: str  # characters that separate thousands
    decimal: str  # decimal mark

    @property
    def pattern(self) -> str:
        """A regex (no groups) for one unsigned number written in this style."""
        group = "[" + re.escape(self.group) + "]"
        dec = re.escape(self.decimal)
        return rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?"


@lru_cache(maxsize=64)
def number_style(lang: str) -> NumberStyle:
    """The number style for a BCP 47 tag ('en', 'pt-BR', 'ru')."""
    parts = lang.replace("_", "-").split("-")
    primary = parts[0].lower() or "en"
    full = primary + ("_" + parts[1].upper() if len(parts) > 1 else "")
    code = full if full in CONVERTER_CLASSES else primary if primary in CONVERTER_CLASSES else None
    if primary in _DOT_GROUPING:
        return NumberStyle(primary, code, ".", ",")
    if primary in _SPACE_GROUPING:
        return NumberStyle(primary, code, _SPACES, ",")
    return NumberStyle(primary, code, ",", ".")


def parse_number(raw: str, style: NumberStyle) -> Decimal | None:
    """The value of a number written in `style` ('1,000.5' in English), or None."""
    text = raw
    for char in style.group:
        text = text.replace(char, "")
    text = text.replace(style.decimal, ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _words(
    value: int | Decimal, style: NumberStyle, to: str = "cardinal", **forms: object
) -> str | None:
    if style.code is None:
        return None
    try:
        words = str(num2words(value, lang=style.code, to=to, **forms))
    except (NotImplementedError, TypeError, ValueError, OverflowError, AttributeError):
        return None
    # num2words puts commas inside long numbers; spoken, they would be pauses.
    return words.replace(",", "")


def cardinal(value: int | Decimal, style: NumberStyle) -> str | None:
    """'twenty-one', 'one point five'; None when the language is not covered."""
    if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in str(value):
        value = int(value)
    return _words(value, style)


def cardinal_text(raw: str, style: NumberStyle) -> str:
    """Words for a written number, or the number unchanged when it cannot be read."""
    value = parse_number(raw, style)
    words = cardinal(value, style) if value is not None else None
    return words if words is not None else raw


def ordinal(value: int, style: NumberStyle, **forms: object) -> str | None:
    """'twenty-first'; None when the language is not covered.

    `forms` are num2words' grammatical options where a language has them
    (Russian: case='genitive', gender='n', plural=True).
    """
    return _words(value, style, "ordinal", **forms)


def year(value: int, style: NumberStyle) -> str | None:
    """'nineteen ninety-nine' in English; a cardinal where a language has no year form."""
    return _words(value, style, "year") or _words(value, style)


def digits(raw: str, style: NumberStyle) -> str:
    """Each digit on its own ('zero two zero'), for phone numbers and codes."""
    words = [cardinal(int(ch), style) or ch for ch in raw if ch.isdigit()]
    return " ".join(words)
