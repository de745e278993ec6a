"""Numbers the way other languages write them: ordinals, dates, clock times and years in context.

English has its own rules (dates.py, numbers.py); these cover how German,
French, Spanish, Italian, Portuguese, Dutch, Polish and Russian mark ordinals
("3.", "1er", "1º", "2e", "1-й"), say dates ("am dritten Oktober",
"третьего октября две тысячи двадцать четвёртого года") and times
("vierzehn Uhr dreißig", "quatorze heures trente"). Grammar comes from
num2words where it has it (Russian cases); German endings and Polish
genitives follow the word before the number. Runs before the generic
date, quantity and number rules, which then leave these words alone.
"""

from __future__ import annotations

import re

from narrate.text.normalize.numwords import NumberStyle, cardinal, ordinal, year
from narrate.text.normalize.tables import (
    DATE_PATTERN,
    DEFAULT_DATE_PATTERN,
    HOUR_WORDS,
    MONTHS_LOCAL,
)

# Languages that mark an ordinal with a dot after the digits ("3. Oktober", "3. maj").
ORDINAL_DOT = frozenset("de da no nb nn fi is et lv lt cs sk sl hr sr bs hu tr".split())
# German: after these words an ordinal takes -en ("am dritten", "seit dem zweiten").
_DE_WEAK_EN = frozenset(
    "am im vom zum zur beim dem den des einem einen eines einer seit ab bis vor nach von "
    "mit zu an in auf bei für über unter".split()
)
_DE_WEAK_E = frozenset("der die das jeder jede jedes".split())
_PREVIOUS_WORD = re.compile(r"(\w+)\s*$")


def _previous_word(text: str, start: int) -> str:
    match = _PREVIOUS_WORD.search(text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _month_names(style: NumberStyle) -> tuple[str, ...] | None:
    return MONTHS_LOCAL.get(style.primary)


# --- German (and other ordinal-dot languages) ------------------------------------------------


def _german_ordinal(value: int, style: NumberStyle, before: str, month_follows: bool) -> str:
    """'dritte' with the ending the words around it ask for: dritten, dritte, dritter."""
    base = ordinal(value, style) or str(value)
    if before in _DE_WEAK_EN:
        return base + "n"
    if before in _DE_WEAK_E:
        return base
    return base + "r" if month_follows else base


def _dot_ordinals(text: str, style: NumberStyle) -> str:
    """'am 3. Oktober' -> 'am dritten Oktober'; '2. Weltkrieg' -> 'zweite Weltkrieg'."""
    months = _month_names(style) or ()
    pattern = re.compile(r"(?<![\w.,])(\d{1,3})\.(?=[ \u00a0]+(\w+))(?!\d)")

    def spoken(match: re.Match[str]) -> str:
        value = int(match.group(1))
        following = match.group(2)
        if following[0].isdigit():
            return match.group(0)  # "3. 4." is a list or a date of another kind
        if style.primary != "de":
            return ordinal(value, style) or match.group(0)
        before = _previous_word(match.string, match.start())
        return _german_ordinal(value, style, before, following in months)

    return pattern.sub(spoken, text)


def _german_clock(text: str, style: NumberStyle) -> str:
    """'14:30 Uhr' -> 'vierzehn Uhr dreißig'; '9 Uhr' stays for the number rules."""
    pattern = re.compile(r"(?<![\w:.])(\d{1,2})[:.](\d{2})(?:\s*Uhr)\b")

    def spoken(match: re.Match[str]) -> str:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 24 or minute > 59:
            return match.group(0)
        words = f"{cardinal(hour, style) or hour} Uhr"
        return f"{words} {cardinal(minute, style) or minute}" if minute else words

    return pattern.sub(spoken, text)


# --- Romance languages and Dutch ----------------------------------------------------------------


def _feminine(words: str) -> str:
    """'primero' -> 'primera', 'vigésimo primeiro' -> 'vigésima primeira'."""
    return " ".join(w[:-1] + "a" if w.endswith("o") else w for w in words.split())


def _marked_ordinals(text: str, style: NumberStyle) -> str:
    """Ordinals written with a letter: 1er, 2e, XXe (fr); 1º, 1.ª (es, it, pt); 1e, 2de (nl)."""
    if style.primary == "fr":
        pattern = re.compile(r"(?<![\w.,])(\d+)(er|re|ère|e|è|ème|eme)\b")
        text = re.sub(  # "XXe siècle"; a lone L, C, D or M before "e" is a word ("Le", "Ce")
            r"\b([IVX]|[IVXLC]{2,})(?:e|ème)\b",
            lambda m: _roman_ordinal(m.group(1), style) or m.group(0),
            text,
        )
    elif style.primary in ("es", "it", "pt"):
        pattern = re.compile(r"(?<![\w.,])(\d+)\.?([ºª°])(?!\w)")
    elif style.primary == "nl":
        pattern = re.compile(r"(?<![\w.,])(\d+)(e|ste|de)\b")
    else:
        return text

    def spoken(match: re.Match[str]) -> str:
        words = ordinal(int(match.group(1)), style)
        if words is None:
            return match.group(0)
        if match.group(2) in ("ª",):
            return _feminine(words)
        if match.group(2) in ("re", "ère") and words == "premier":
            return "première"
        return words

    return pattern.sub(spoken, text)


def _roman_ordinal(numeral: str, style: NumberStyle) -> str | None:
    from narrate.text.normalize.roman import roman_value

    if not re.fullmatch(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", numeral):
        return None
    return ordinal(roman_value(numeral), style)


def _hour_clock(text: str, style: NumberStyle) -> str:
    """'14h30', '14 h 30' -> 'quatorze heures trente' (fr, pt, es, it)."""
    words = HOUR_WORDS.get(style.primary)
    if words is None:
        return text
    pattern = re.compile(r"(?<![\w.,:])(\d{1,2})\s?h\s?(\d{2})?(?!\w)")

    def spoken(match: re.Match[str]) -> str:
        hour = int(match.group(1))
        minute = int(match.group(2) or 0)
        if hour > 24 or minute > 59:
            return match.group(0)
        said = f"{cardinal(hour, style) or hour} {words[0] if hour == 1 else words[1]}"
        return f"{said} {cardinal(minute, style) or minute}" if minute else said

    return pattern.sub(spoken, text)


# --- Slavic languages: cases ------------------------------------------------------------------

# Russian ordinal endings ("1-й", "2-го", "1990-х") -> num2words case, gender, plural.
_RU_ENDINGS: dict[str, tuple[str, str, bool]] = {
    "й": ("nominative", "m", False), "ый": ("nominative", "m", False),
    "ий": ("nominative", "m", False), "ой": ("nominative", "m", False),
    "го": ("genitive", "m", False), "ого": ("genitive", "m", False),
    "его": ("genitive", "m", False), "му": ("dative", "m", False),
    "ому": ("dative", "m", False), "м": ("prepositional", "m", False),
    "ом": ("prepositional", "m", False), "ым": ("instrumental", "m", False),
    "я": ("nominative", "f", False), "ая": ("nominative", "f", False),
    "ю": ("accusative", "f", False), "ую": ("accusative", "f", False),
    "е": ("nominative", "n", False), "ое": ("nominative", "n", False),
    "х": ("genitive", "m", True), "ых": ("genitive", "m", True),
    "ми": ("instrumental", "m", True), "ыми": ("instrumental", "m", True),
}  # fmt: skip  # a table, 22 entries packed several a line
_RU_YEAR_NOUN = {
    "года": "genitive",
    "году": "prepositional",
    "годом": "instrumental",
    "год": "nominative",
    "г.": "genitive",
}


def _ru_ordinal(
    value: int, style: NumberStyle, case: str, gender: str = "m", plural: bool = False
) -> str | None:
    return ordinal(value, style, case=case, gender=gender, plural=plural)


def _russian(text: str, style: NumberStyle) -> str:
    """'1-й' -> 'первый'; '3 октября' -> 'третьего октября'; '2024 года': an ordinal, genitive."""
    endings = "|".join(sorted(_RU_ENDINGS, key=len, reverse=True))

    def suffixed(match: re.Match[str]) -> str:
        case, gender, plural = _RU_ENDINGS[match.group(2)]
        return _ru_ordinal(int(match.group(1)), style, case, gender, plural) or match.group(0)

    text = re.sub(rf"(?<![\w.,])(\d+)-({endings})\b", suffixed, text)
    months = "|".join(MONTHS_LOCAL["ru"])
    text = re.sub(
        rf"(?<![\w.,])(\d{{1,2}})(?=\s+(?:{months})\b)",
        lambda m: _ru_ordinal(int(m.group(1)), style, "genitive", "n") or m.group(0),
        text,
    )

    def year_noun(match: re.Match[str]) -> str:
        noun = match.group(2)
        words = _ru_ordinal(int(match.group(1)), style, _RU_YEAR_NOUN[noun])
        return f"{words} {'года' if noun == 'г.' else noun}" if words else match.group(0)

    return re.sub(r"(?<![\w.,])(\d{4})\s*(года|году|годом|год|г\.)(?!\w)", year_noun, text)


def _polish_case(words: str, locative: bool) -> str:
    """A nominative Polish ordinal in the genitive ('trzeci' -> 'trzeciego') or locative."""
    cardinals = {"dwa", "trzy", "cztery"}
    ending = {"y": "ym" if locative else "ego", "i": "im" if locative else "iego"}
    return " ".join(
        w[:-1] + ending[w[-1]] if w[-1] in ending and w not in cardinals else w
        for w in words.split()
    )


def _polish(text: str, style: NumberStyle) -> str:
    """'3 października' -> 'trzeciego października'; 'w 2024 r.' -> 'w ... czwartym roku'."""
    months = "|".join(MONTHS_LOCAL["pl"])

    def day(match: re.Match[str]) -> str:
        words = ordinal(int(match.group(1)), style)
        return _polish_case(words, locative=False) if words else match.group(0)

    text = re.sub(rf"(?<![\w.,])(\d{{1,2}})(?=\s+(?:{months})\b)", day, text)

    def year_noun(match: re.Match[str]) -> str:
        words = ordinal(int(match.group(1)), style)
        if words is None:
            return match.group(0)
        locative = _previous_word(match.string, match.start()) == "w"
        return f"{_polish_case(words, locative)} roku"

    return re.sub(r"(?<![\w.,])(\d{4})\s*(?:roku|r\.)(?!\w)", year_noun, text)


# --- Dates given as numbers ---------------------------------------------------------------------


def local_date(
    day: int, month: int, year_value: int, style: NumberStyle, before: str
) -> str | None:
    """A full date in the language's own words, or None when it has no month table here."""
    months = _month_names(style)
    if months is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    lang = style.primary
    if lang == "de":
        day_words = _german_ordinal(day, style, before, month_follows=True)
    elif lang == "ru":
        day_words = _ru_ordinal(day, style, "genitive", "n") or str(day)
    elif lang == "pl":
        day_words = _polish_case(ordinal(day, style) or str(day), locative=False)
    elif day == 1 and lang in ("fr", "it", "pt"):
        day_words = ordinal(1, style) or "1"
    else:
        day_words = cardinal(day, style) or str(day)
    if lang == "ru":
        year_words = _ru_ordinal(year_value, style, "genitive") or str(year_value)
    elif lang == "pl":
        year_words = _polish_case(ordinal(year_value, style) or str(year_value), locative=False)
    else:
        year_words = year(year_value, style) or str(year_value)
    pattern = DATE_PATTERN.get(lang, DEFAULT_DATE_PATTERN)
    return pattern.format(day=day_words, month=months[month - 1], year=year_words)


def _first_of_month(text: str, style: NumberStyle) -> str:
    """'1 octobre' -> 'premier octobre', '1 maggio' -> 'primo maggio' (fr, it, pt say the first)."""
    months = _month_names(style)
    if months is None or style.primary not in ("fr", "it", "pt"):
        return text
    alternatives = "|".join(months)
    first = ordinal(1, style)
    if first is None:
        return text
    return re.sub(rf"(?<![\w.,])1(?=\s+(?:de\s+)?(?:{alternatives})\b)", first, text)


def read_local_numbers(text: str, style: NumberStyle) -> str:
    """Ordinals, dates, clock times and years in context, for languages other than English."""
    if style.code is None or style.primary == "en":
        return text
    if style.primary in ORDINAL_DOT:
        text = _german_clock(text, style) if style.primary == "de" else text
        text = _dot_ordinals(text, style)
    text = _marked_ordinals(text, style)
    text = _hour_clock(text, style)
    text = _first_of_month(text, style)
    if style.primary in ("ru", "uk"):
        text = _russian(text, style) if style.primary == "ru" else text
    if style.primary == "pl":
        text = _polish(text, style)
    return text
