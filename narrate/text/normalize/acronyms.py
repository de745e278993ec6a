"""Acronyms: spelled letter by letter when they are spelled, left whole when they are words.

The lexicon (applied earlier) decides for known acronyms; what reaches this
module is unknown, and a rule guesses: spell it when it has no vowel or is
short, leave it when it looks pronounceable. lint() reports the guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?=(\s*)(\S?))")
_CAPS = re.compile(r"(?<![\w.-])([A-Z][A-Z&]*[A-Z])(s?)(?![\w&])")
_SHOUTING = re.compile(r"\b[A-Z]{2,}\b(?:\W+\b[A-Z]{2,}\b){2,}")
# Short capitalised words that are words, not acronyms, when they appear in caps.
CAPS_WORDS = frozenset(
    "A AN AND ARE AS AT BE BUT BY DO FOR GO HE HIS IF IN IS IT ME MY NO NOT OF ON OR OUR "
    "SO THE TO UP WE YES YOU ALL ANY CAN HAS HAD HER NEW NOW OUT SEE SHE WAS WHY WAR OK".split()
)
SPELL_MAX_LENGTH = 3


@dataclass(frozen=True, slots=True)
class AcronymGuess:
    """How an unknown all-caps token will be read, and whether that is a guess."""

    token: str
    spoken: str
    sure: bool


def spell(letters: str) -> str:
    """'FBI' -> 'F B I'."""
    return " ".join(letters)


def guess(token: str) -> AcronymGuess:
    """Read an unknown all-caps token (with an optional plural 's')."""
    stem, plural = (
        (token[:-1], "s") if token.endswith("s") and token[:-1].isupper() else (token, "")
    )
    letters = stem.replace("&", "")
    if stem in CAPS_WORDS:
        return AcronymGuess(token, token, sure=False)
    has_vowel = re.search(r"[AEIOUY]", letters) is not None
    if not has_vowel:
        return AcronymGuess(token, spell(stem).replace("&", "and") + plural, sure=True)
    if len(letters) <= SPELL_MAX_LENGTH:
        return AcronymGuess(token, spell(stem).replace("&", "and") + plural, sure=False)
    return AcronymGuess(token, token, sure=False)


_LETTER_A = re.compile(r"\bA\b(?= [A-Z]\b)|(?<=\b[A-Z] )A\b")
_LETTER_PLURAL = re.compile(r"(?<=\b[A-Z] )([A-Z])s\b")


def say_letters_clearly(text: str) -> str:
    """Write spelled letters so espeak-ng says them as letters.

    espeak-ng reads a lone "A" before a word as the article ("uh") and "Rs" as
    "R S", so "U A E" becomes "U Eh E" and "U N S C Rs" becomes "U N S C R's".
    """
    text = _LETTER_A.sub("Eh", text)
    return _LETTER_PLURAL.sub(r"\1's", text)


def _dotted(match: re.Match[str]) -> str:
    letters = match.group(1).replace(".", "").upper()
    spaces, following = match.group(2), match.group(3)
    # The last dot ended the sentence too when nothing or a capital follows a line end.
    ends = following == "" or ("\n" in spaces)
    return spell(letters) + ("." if ends else "")


def read_acronyms(text: str) -> str:
    """Spell dotted initialisms ('U.S.') and unknown short or vowelless capitals ('FBI')."""
    text = _DOTTED.sub(_dotted, text)
    shouted = [(m.start(), m.end()) for m in _SHOUTING.finditer(text)]

    def caps(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in shouted):
            return match.group(0)
        return guess(match.group(0)).spoken

    return _CAPS.sub(caps, text)
