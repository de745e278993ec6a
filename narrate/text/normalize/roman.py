"""Roman numerals, read only where the words before them say they are numbers.

"World War II" and "Chapter IV" are counted ("two", "four"); "Elizabeth II" and
"Pope John Paul II" are regnal ("the Second"); "I", "MIX" or "CIVIL" are left alone.
"""

from __future__ import annotations

import re

from narrate.text.normalize.numwords import NumberStyle, cardinal, ordinal

_ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}

# Words after which a numeral is a count ("World War II", "Super Bowl LVII").
COUNTING_WORDS = (
    "War", "Chapter", "Part", "Volume", "Vol.", "Book", "Act", "Scene", "Phase", "Bowl",
    "Title", "Article", "Section", "Class", "Type", "Stage", "Level", "Round", "Season",
    "Episode", "Appendix", "Grade", "Category", "Vatican", "Schedule", "Division", "Mark",
    "Apollo", "Olympiad", "Amendment", "Corps", "Rocky", "Star Wars", "Final Fantasy",
)  # fmt: skip  # a table, 34 entries packed several a line
# Names that take regnal numbers ("Henry VIII", "Louis XIV", "Pope John Paul II").
REGNAL_NAMES = (
    "Elizabeth", "Henry", "George", "Charles", "Edward", "William", "James", "Richard",
    "Louis", "Philip", "Mary", "Victoria", "Anne", "John", "Paul", "John Paul", "Benedict",
    "Pius", "Leo", "Gregory", "Innocent", "Clement", "Francis", "Nicholas", "Alexander",
    "Peter", "Catherine", "Ivan", "Frederick", "Wilhelm", "Ludwig", "Napoleon", "Constantine",
    "Otto", "Carl", "Gustav", "Harald", "Olav", "Haakon", "Juan Carlos", "Felipe", "Ferdinand",
    "Isabella", "Rama", "Akihito", "Mohammed", "Abdullah", "Hussein", "Faisal", "Selim",
    "Mehmed", "Suleiman", "Boris", "Vasili", "Casimir", "Sigismund", "Stephen", "Malcolm",
    "David", "Robert", "Matthias", "Rudolf", "Leopold", "Joseph", "Franz", "Hirohito",
)  # fmt: skip  # a table, 66 entries packed several a line
# Surname suffixes: a name then II or III is almost always "the second/third".
_SUFFIXES = frozenset({"II", "III", "IV"})

_COUNTING = re.compile(rf"\b({'|'.join(map(re.escape, COUNTING_WORDS))}) ({_ROMAN})\b(?!['’]?\w)")
_REGNAL = re.compile(rf"\b({'|'.join(REGNAL_NAMES)}) ({_ROMAN})\b(?!['’]?\w)")
_AFTER_NAME = re.compile(r"\b([A-Z][a-z]+) (II|III|IV)\b(?!['’]?\w)")


def roman_value(numeral: str) -> int:
    """The value of a valid Roman numeral ('LVII' -> 57)."""
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[char]
        total += -value if following and _VALUES[following] > value else value
    return total


def _count(match: re.Match[str], style: NumberStyle) -> str:
    value = roman_value(match.group(2))
    return f"{match.group(1)} {cardinal(value, style) or value}"


def _regnal(match: re.Match[str], style: NumberStyle) -> str:
    value = roman_value(match.group(2))
    words = ordinal(value, style) if style.primary == "en" else None
    if words is None:
        return f"{match.group(1)} {cardinal(value, style) or value}"
    return f"{match.group(1)} the {words.title()}"


def read_roman_numerals(text: str, style: NumberStyle) -> str:
    """Roman numerals after counting words or regnal names, to words."""
    text = _COUNTING.sub(lambda m: _count(m, style), text)
    if style.primary != "en":
        return text
    text = _REGNAL.sub(lambda m: _regnal(m, style), text)
    return _AFTER_NAME.sub(lambda m: _regnal(m, style), text)
