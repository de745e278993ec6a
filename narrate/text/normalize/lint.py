"""Find what normalisation could not read with confidence, so a person can add it to a lexicon."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from narrate.text.normalize.acronyms import CAPS_WORDS, guess
from narrate.text.normalize.lexicon import Lexicon

_CAPS_TOKEN = re.compile(r"(?<![\w.&-])[A-Z][A-Z&]*[A-Z]s?(?![\w&])")
_MIXED = re.compile(r"(?<![\w.])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])\w+(?:-\w+)*")
_READ_MIXED = re.compile(
    r"\d+(?:st|nd|rd|th|s|km|kg|cm|mm|m|g|mi|mph|am|pm|lb|lbs|ft|k|m|bn|GB|MB|TB)", re.IGNORECASE
)
_ODD = re.compile(r"[^\w\s.,;:!?'\"’‘“”()\-–—]")
# A short word with a dot and more words after it in the same sentence: an abbreviation.
_DOTTED_WORD = re.compile(r"(?<![\w.])([^\W\d_]{1,5}\.(?:\s?[^\W\d_]{1,3}\.)*)(?=\s+[^\W\d_])")


@dataclass(frozen=True, slots=True)
class LintIssue:
    """A token read by guesswork: why it is doubtful and what it will be read as."""

    token: str
    reason: str
    suggestion: str


def _unknown_acronyms(
    text: str, lexicon: Lexicon, normalize: Callable[[str], str]
) -> Iterator[LintIssue]:
    for match in _CAPS_TOKEN.finditer(text):
        token = match.group(0)
        if lexicon.knows(token) or token.rstrip("s") in CAPS_WORDS:
            continue
        reading = guess(token)
        if not reading.sure:
            how = "spelled as letters" if reading.spoken != token else "read as a word"
            yield LintIssue(token, f"unknown acronym, {how}", normalize(token))


def _mixed_tokens(text: str, normalize: Callable[[str], str]) -> Iterator[LintIssue]:
    for match in _MIXED.finditer(text):
        token = match.group(0)
        if not _READ_MIXED.fullmatch(token):
            yield LintIssue(token, "letters and digits mixed", normalize(token))


def _leftovers(spoken: str) -> Iterator[LintIssue]:
    for match in re.finditer(r"\d+", spoken):
        yield LintIssue(match.group(0), "number left as digits", "add a lexicon entry")
    for match in _ODD.finditer(spoken):
        yield LintIssue(match.group(0), "symbol the engine may skip or misread", "")


def _abbreviations(text: str, spoken: str, lexicon: Lexicon) -> Iterator[LintIssue]:
    """Dotted abbreviations mid-sentence that neither a rule nor the lexicon expanded.

    Other languages' abbreviations ("bzw.", "т. е.") live in their lexicons, so one
    left in the spoken text is read letter by letter or as a word, by guesswork.
    """
    for match in _DOTTED_WORD.finditer(text):
        token = match.group(1)
        word = token.split(".")[0]
        if lexicon.knows(token) or (len(word) < 2 and " " not in token):
            continue
        if re.search(rf"(?<![\w.]){re.escape(token)}(?=\s)", spoken):
            yield LintIssue(token, "abbreviation not in the lexicon", "add it to the lexicon")


def find_issues(
    text: str,
    spoken: str,
    lexicon: Lexicon,
    normalize: Callable[[str], str],
    language: str = "en",
) -> list[LintIssue]:
    """Doubtful tokens in `text` (and what `spoken` still holds), each reported once.

    English abbreviations have rules of their own; in other languages a dotted
    abbreviation the lexicon lacks is reported too.
    """
    issues = [
        *_unknown_acronyms(text, lexicon, normalize),
        *_mixed_tokens(text, normalize),
        *_leftovers(spoken),
    ]
    if not language.lower().startswith("en"):
        issues.extend(_abbreviations(text, spoken, lexicon))
    return list(dict.fromkeys(issues))
