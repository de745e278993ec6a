"""Symbols to words, and punctuation turned into the pauses espeak-ng makes.

espeak-ng pauses on commas and periods but reads or skips other marks
inconsistently, so dashes, ellipses and brackets become commas or periods here.
"""

from __future__ import annotations

import re

from narrate.text.normalize.tables import symbol_word

_SYMBOL_WORDS: dict[str, str] = {
    "=": "equals", "±": "plus or minus", "×": "times", "~": "about", "≈": "about",
    "<": "less than", ">": "more than", "≤": "at most", "≥": "at least", "§": "section",
    "°": "degrees", "%": "percent", "@": "at", "#": "number", "№": "number",
}  # fmt: skip  # a table, 15 entries packed several a line
_SILENT = "©®™*^_|•·¶†‡"
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…|\. \. \.)\s*")
_DASH = re.compile(r"\s+[-–—]{1,2}\s+|\s*[—―]\s*|\s*--\s*|\s+–|–\s+")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_SQUARE = re.compile(r"\[(?:sic|sic!)\]\s*|\[([^\[\]]*)\]")
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")


def _pause_before(match: re.Match[str]) -> str:
    """A period when a new sentence follows, else a comma."""
    rest = match.string[match.end() :]
    return ". " if re.match(r"[\"“‘']?[A-Z]", rest) or not rest.strip() else ", "


def read_symbols(text: str, lang: str) -> str:
    """Symbols that have a reading become words; decorative ones go."""
    words = dict(_SYMBOL_WORDS)
    if lang != "en":
        words = {k: v for k, v in words.items() if k in "@#"}  # only where the word is English
    words["&"] = symbol_word("and", lang, "&")
    words["+"] = symbol_word("plus", lang, "+")
    text = _SLASH.sub(" ", text)
    text = re.sub("|".join(re.escape(s) for s in words), lambda m: f" {words[m.group(0)]} ", text)
    return text.translate({ord(ch): " " for ch in _SILENT})


def read_pauses(text: str) -> str:
    """Ellipses and dashes to pauses; brackets set off with commas."""
    text = _SQUARE.sub(lambda m: m.group(1) or "", text)
    text = _PAREN.sub(lambda m: f", {m.group(1).strip()}," if m.group(1).strip() else "", text)
    text = _ELLIPSIS.sub(_pause_before, text)
    return _DASH.sub(_pause_before, text)


def tidy(text: str) -> str:
    """Collapse the spaces and doubled punctuation that the rewriting leaves."""
    text = re.sub(r"[ \t\u00a0\u202f\u2009]+", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r",(?:\s*,)+", ",", text)
    text = re.sub(r",\s*([.;:!?])", r"\1", text)
    text = re.sub(r"([.;:!?])\s*,", r"\1", text)
    text = re.sub(r"\.(?:\s*\.)+", ".", text)
    text = re.sub(r"([,;:])(?=[^\s\d\"”’)])", r"\1 ", text)
    text = re.sub(r"^\s*[,;:]\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"([\"“(])\s*,\s*", r"\1", text)
    text = re.sub(r"\s*,\s*$", "", text, flags=re.MULTILINE)
    return text.strip()
