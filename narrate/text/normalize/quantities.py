"""Amounts with a sign or unit: money, percentages, measurements and fractions."""

from __future__ import annotations

import re
from decimal import Decimal

from num2words import CONVERTER_CLASSES, num2words

from narrate.text.normalize.numwords import NumberStyle, cardinal, parse_number
from narrate.text.normalize.patterns import alternation
from narrate.text.normalize.tables import (
    CENT_WORDS,
    CURRENCY_NAMES,
    CURRENCY_SIGNS,
    FRACTIONS,
    LOCAL_CURRENCY_NAMES,
    LOCAL_SCALES,
    LOCAL_UNITS,
    RU_FEMININE,
    SCALES,
    UNITS,
    symbol_word,
)

_SIGNS = alternation(k for k in CURRENCY_SIGNS if not k.isalpha())
_CODES = alternation(k for k in CURRENCY_SIGNS if k.isalpha())
_SCALE = alternation(SCALES)
_UNIT = alternation(UNITS)
_DASH = r"\s?[-–—]\s?"


class _Patterns:
    """The amount regexes for one number style, built once per style."""

    def __init__(self, style: NumberStyle) -> None:
        num = f"(?:{style.pattern})"
        amount = rf"({num})(?:{_DASH}({num}))?(?:\s?({_SCALE})\b)?"
        self.money_before = re.compile(
            rf"(?<![\w$])(?:({_SIGNS})|\b({_CODES})\s)\s?{amount}(?![\w,.]\d)"
        )
        self.money_after = re.compile(
            rf"(?<![\w.,])({num})(?:\s?({_SCALE})\b)?\s?(?:([€₽₴])|\s({_CODES})\b)"
        )
        self.percent = re.compile(rf"(?<![\w.,])({num})(?:{_DASH}({num}))?\s?(%|per ?cent\b)")
        units = _UNIT
        if style.primary in LOCAL_UNITS:
            units = alternation({*UNITS, *LOCAL_UNITS[style.primary]})
        self.unit = re.compile(rf"(?<![\w.,])([-−]?{num})(?:{_DASH}({num}))?\s?({units})(?![\w²])")
        self.fraction = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?![\w/]|\.\d)")


_PATTERNS: dict[NumberStyle, _Patterns] = {}


def _patterns(style: NumberStyle) -> _Patterns:
    if style not in _PATTERNS:
        _PATTERNS[style] = _Patterns(style)
    return _PATTERNS[style]


def _words(raw: str, style: NumberStyle) -> str:
    value = parse_number(raw.replace("−", "-"), style)
    return (cardinal(value, style) if value is not None else None) or raw


def _span(low: str, high: str | None, style: NumberStyle) -> str:
    """'ten' or 'ten to twelve' in the text's language."""
    if high is None:
        return _words(low, style)
    word = symbol_word("range", style.primary, "-")
    return f"{_words(low, style)} {word} {_words(high, style)}"


def _is_one(raw: str, style: NumberStyle) -> bool:
    return parse_number(raw, style) == 1 and style.decimal not in raw


def _english_money(
    code: str, low: str, high: str | None, scale: str | None, style: NumberStyle
) -> str:
    one, many, cent, cents = CURRENCY_NAMES.get(code, (code, code, "cent", "cents"))
    if scale:
        return f"{_span(low, high, style)} {SCALES[scale]} {many}"
    if high is None and re.fullmatch(r"[\d,]*\.\d\d", low):
        whole, fraction = low.rsplit(".", 1)
        units, hundredths = int(whole.replace(",", "") or 0), int(fraction)
        parts = [f"{_words(whole, style)} {one if units == 1 else many}"] if units else []
        if hundredths:
            parts.append(f"{_words(fraction, style)} {cent if hundredths == 1 else cents}")
        return " and ".join(parts) or f"zero {many}"
    name = one if high is None and _is_one(low, style) else many
    return f"{_span(low, high, style)} {name}"


def _currency_name(code: str, value: Decimal, style: NumberStyle) -> str:
    """The currency's name agreeing with `value` ('Euro', 'рублей'), or its code."""
    for lang in (style.code, style.primary):
        converter = CONVERTER_CLASSES.get(lang or "")
        forms = getattr(converter, "CURRENCY_FORMS", {}).get(code)
        if converter is not None and forms:
            try:
                return str(converter.pluralize(int(value), forms[0]))
            except (AttributeError, TypeError, IndexError, ValueError):
                break
    local = LOCAL_CURRENCY_NAMES.get((style.primary, code))
    if local:
        return local[0] if value == 1 else local[1]
    return code


def _foreign_money(
    code: str, low: str, high: str | None, scale: str | None, style: NumberStyle
) -> str:
    value = parse_number(low, style)
    if value is None:
        return f"{low} {code}"
    local = (style.primary, code) in LOCAL_CURRENCY_NAMES
    if high is None and scale is None and value != int(value) and not local:
        for lang in (style.code, style.primary):
            try:
                spoken = num2words(value, lang=lang, to="currency", currency=code)
                return str(spoken).replace(",", "")
            except (NotImplementedError, TypeError, ValueError, KeyError, AttributeError):
                continue
    cents = CENT_WORDS.get(style.primary)
    if local and cents and high is None and scale is None and re.search(r"\d\d$", low):
        whole, hundredths = int(value), int((value - int(value)) * 100)
        if value != whole:  # "R$ 1.250,50": reais and centavos
            name = _currency_name(code, Decimal(whole), style)
            cent = cents[0] if hundredths == 1 else cents[1]
            and_word = symbol_word("and", style.primary, "")
            said_cents = _words(str(hundredths), style)
            return f"{_words(str(whole), style)} {name} {and_word} {said_cents} {cent}"
    counted = Decimal(5) if scale or high or value != int(value) else value
    scale_word = f" {_local_scale(scale, value, style)}" if scale else ""
    return f"{_span(low, high, style)}{scale_word} {_currency_name(code, counted, style)}"


def _local_scale(scale: str, value: Decimal, style: NumberStyle) -> str:
    """'mln' after 3 in Polish -> 'miliony'; the written word when the language is not known."""
    forms = LOCAL_SCALES.get(style.primary, {}).get(SCALES.get(scale, ""))
    return plural_form(value, forms) if forms else scale


def _feminine_count(spoken: str, noun: str, style: NumberStyle) -> str:
    """Russian numbers agree with feminine nouns: 'одна тысяча', 'две тонны'."""
    if style.primary != "ru" or noun not in RU_FEMININE:
        return spoken
    return re.sub(r"(?:один|два)$", lambda m: "одна" if m.group(0) == "один" else "две", spoken)


def _money(code: str, low: str, high: str | None, scale: str | None, style: NumberStyle) -> str:
    if style.primary == "en":
        return _english_money(code, low, high, scale, style)
    return _foreign_money(code, low, high, scale, style)


def plural_form(value: Decimal, forms: tuple[str, ...]) -> str:
    """The form a count takes: (one, many), or Slavic (one, few, many); fractions take 'few'."""
    if len(forms) == 2:
        return forms[0] if value == 1 else forms[1]
    if value != int(value):
        return forms[1]
    n = int(abs(value))
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def _unit(match: re.Match[str], style: NumberStyle) -> str:
    low, high, unit = match.groups()
    if style.primary != "en":
        forms = LOCAL_UNITS.get(style.primary, {}).get(unit)
        value = parse_number((high or low).replace("−", "-"), style)
        if forms is None or value is None:
            return f"{_span(low, high, style)} {unit}"
        counted = Decimal(5) if high is not None and len(forms) == 2 else value
        noun = plural_form(counted, forms)
        return f"{_feminine_count(_span(low, high, style), noun, style)} {noun}"
    one, many = UNITS[unit]
    single = high is None and _is_one(low, style)
    return f"{_span(low, high, style)} {one if single else many}"


def _fraction(match: re.Match[str], style: NumberStyle) -> str:
    top, bottom = int(match.group(1)), int(match.group(2))
    if style.primary == "en" and bottom in FRACTIONS and 0 < top < bottom:
        one, many = FRACTIONS[bottom]
        return f"{_words(str(top), style)} {one if top == 1 else many}"
    return f"{_words(str(top), style)} {_words(str(bottom), style)}"


def read_quantities(text: str, style: NumberStyle) -> str:
    """Money, percentages, units and fractions to words."""
    p = _patterns(style)
    text = p.money_before.sub(
        lambda m: _money(
            CURRENCY_SIGNS[m.group(1) or m.group(2)], m.group(3), m.group(4), m.group(5), style
        ),
        text,
    )
    text = p.money_after.sub(
        lambda m: _money(
            CURRENCY_SIGNS.get(m.group(3) or m.group(4), m.group(3) or m.group(4)),
            m.group(1),
            None,
            m.group(2),
            style,
        ),
        text,
    )
    percent = symbol_word("percent", style.primary, "%")
    text = p.percent.sub(lambda m: f"{_span(m.group(1), m.group(2), style)} {percent}", text)
    text = p.unit.sub(lambda m: _unit(m, style), text)
    return p.fraction.sub(lambda m: _fraction(m, style), text)
