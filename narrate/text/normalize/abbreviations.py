"""English abbreviations read from their context: titles, streets, Latin, states, months."""

from __future__ import annotations

import re

from narrate.text.normalize.numwords import digits, number_style
from narrate.text.normalize.patterns import SENTENCE_END, alternation
from narrate.text.normalize.tables import (
    AP_STATES,
    BEFORE_NUMBER,
    MONTH_ABBREVIATIONS,
    PLAIN_ABBREVIATIONS,
    POSTAL_STATES,
    STREET_WORDS,
    TITLES,
)

_NAME = r"[A-Z][\w'’-]*"
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?\s+|\n\s*)[\"“‘'(]?$")


# Titles written without a dot in British style; the rest need their dot ("Gen Z").
_UNDOTTED_TITLES = ("Mr", "Mrs", "Ms", "Dr")
_TITLE = re.compile(
    rf"\b(?:({alternation(TITLES)})\.|({alternation(_UNDOTTED_TITLES)})\b)(?=\s+{_NAME})"
)
_SAINT_OR_STREET = re.compile(r"\b(St|Dr)\.")
_AFTER_WORD = re.compile(rf"(?<=[A-Za-z0-9] )({alternation(STREET_WORDS)})\.(?!\w)")
_PLAIN = re.compile(rf"(?<![\w.])({alternation(PLAIN_ABBREVIATIONS)})(?!\w)")
_BEFORE_NUMBER = re.compile(rf"\b(?:({alternation(BEFORE_NUMBER)})\.|(No))\s*#?(?=\d)")
_MONTH = re.compile(
    rf"\b({alternation(MONTH_ABBREVIATIONS)})\b\.?(?=\s+\d{{1,4}}\b)"
    rf"|(?<=\d )({alternation(MONTH_ABBREVIATIONS)})\b\.?"
)
_ZIP = r"(?:\s+(\d{5})(?:-(\d{4}))?\b)?"
_AP_STATE = re.compile(rf"(\b{_NAME}, )({alternation(AP_STATES)})(?![\w.]){_ZIP}")
_POSTAL_STATE = re.compile(
    rf"(\b{_NAME}, )({alternation(POSTAL_STATES)})\b{_ZIP}(?=\s*[.,;:)—–-]|\s*$|(?<=\d)\b)"
)
_EN = number_style("en")
_CAN_END = frozenset({"etc.", "est.", "Est.", "Ph.D.", "a.k.a."})


def _ends_sentence(match: re.Match[str]) -> bool:
    return SENTENCE_END.match(match.string, match.end()) is not None


def _with_period(word: str, match: re.Match[str]) -> str:
    """The expansion, plus a period when the abbreviation's dot also ended the sentence."""
    return word + "." if _ends_sentence(match) else word


def _plain(match: re.Match[str]) -> str:
    spoken = PLAIN_ABBREVIATIONS[match.group(1)]
    # Only list-closing abbreviations end sentences; "vs." and "e.g." lead into more words.
    return _with_period(spoken, match) if match.group(1) in _CAN_END else spoken


def _state(table: dict[str, str], match: re.Match[str]) -> str:
    spoken = match.group(1) + table[match.group(2)]
    if match.group(3):
        spoken += " " + digits(match.group(3), _EN)
        if match.group(4):
            spoken += ", " + digits(match.group(4), _EN)
    elif match.group(2).endswith("."):
        return _with_period(spoken, match)
    return spoken


def _saint_or_street(match: re.Match[str]) -> str:
    """'St. Louis' -> Saint, 'Main St.' -> Street; 'Dr. Kim' -> Doctor, 'Elm Dr.' -> Drive."""
    before = match.string[: match.start()]
    after_name = re.search(rf"\b{_NAME} $", before) is not None
    if after_name:
        word_start = before.rstrip().rsplit(None, 1)[-1]
        after_name = not _SENTENCE_START.search(before[: len(before.rstrip()) - len(word_start)])
    before_name = re.match(rf"\s+{_NAME}", match.string[match.end() :]) is not None
    abbreviation = match.group(1)
    if before_name and not after_name:
        return "Saint" if abbreviation == "St" else "Doctor"
    return _with_period(STREET_WORDS[abbreviation], match)


def expand_abbreviations(text: str) -> str:
    """Expand abbreviations whose reading the neighbouring words make clear."""
    text = _MONTH.sub(lambda m: MONTH_ABBREVIATIONS[m.group(1) or m.group(2)], text)
    text = _AP_STATE.sub(lambda m: _state(AP_STATES, m), text)
    text = _POSTAL_STATE.sub(lambda m: _state(POSTAL_STATES, m), text)
    text = _BEFORE_NUMBER.sub(lambda m: BEFORE_NUMBER[m.group(1) or m.group(2)] + " ", text)
    text = _SAINT_OR_STREET.sub(_saint_or_street, text)
    text = _TITLE.sub(lambda m: TITLES[m.group(1) or m.group(2)], text)
    text = _AFTER_WORD.sub(lambda m: _with_period(STREET_WORDS[m.group(1)], m), text)
    return _PLAIN.sub(lambda m: _plain(m), text)
