"""Text normalisation: a segment's `text` becomes `spoken`, what the speech engine reads.

Every engine then reads numbers, dates, money, abbreviations, acronyms, Roman
numerals, web addresses and symbols the same way. Pure functions over tables;
the input string is never changed. English is handled in full; German, French,
Spanish, Italian, Portuguese, Dutch, Polish and Russian get their ordinals,
dates, clock times, units and money in their own words (local.py, the
word tables of data/*.json) and their abbreviations from their lexicon; every language
num2words knows gets its numbers read (numwords.py), and all get the
language-neutral rules (addresses, acronyms, pauses).

Lexicon files (TOML) respell words before any other rule runs::

    [words]          # whole word, case-sensitive -> respelling
    NATO = "Nato"
    UNSCRs = "U N S C Rs"
    [regex]          # Python regex -> replacement (re.sub syntax, \\1 for groups)
    '\\bKyiv\\b' = "Keev"

An all-caps word entry also covers its plural ("NGO" covers "NGOs"). The
lexicon shipped for the language (voices/lexicon/<lang>.toml) is always applied,
with `options.lexicon` after it, so a user's entries win.

Order matters and is fixed: footnotes, addresses, lexicon, abbreviations (English)
or local numbers (other languages), dates, quantities, Roman numerals, numbers,
acronyms, pauses, symbols, tidy. Spelled
letters are written the way espeak-ng says letters ("U N S C R's", "Eh P").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from narrate.core.profiles import VOICES_DIR
from narrate.text.normalize.abbreviations import expand_abbreviations
from narrate.text.normalize.acronyms import read_acronyms, say_letters_clearly
from narrate.text.normalize.dates import read_dates
from narrate.text.normalize.lexicon import Lexicon, LexiconEntry
from narrate.text.normalize.lint import LintIssue, find_issues
from narrate.text.normalize.local import read_local_numbers
from narrate.text.normalize.numbers import read_numbers
from narrate.text.normalize.numwords import number_style
from narrate.text.normalize.punctuation import read_pauses, read_symbols, tidy
from narrate.text.normalize.quantities import read_quantities
from narrate.text.normalize.roman import read_roman_numerals
from narrate.text.normalize.web import read_addresses, remove_footnotes

__all__ = [
    "Lexicon",
    "LexiconEntry",
    "LintIssue",
    "NormalizeOptions",
    "default_lexicon_path",
    "lint",
    "normalize",
]

_NO_LEXICON = Lexicon(())
_LEXICON_DIR = VOICES_DIR / "lexicon"


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """How to normalise: the text's language, what to do with URLs, extra respellings."""

    lang: str = "en"  # BCP 47 tag: 'en', 'pt-BR', 'ru', ...
    urls: Literal["domain", "drop"] = "domain"
    lexicon: Lexicon = _NO_LEXICON


def default_lexicon_path(lang: str) -> Path | None:
    """voices/lexicon/<lang>.toml shipped in the repo ('pt-BR', then 'pt'), if there is one."""
    tag = lang.replace("_", "-")
    for name in (tag, tag.split("-")[0].lower()):
        path = _LEXICON_DIR / f"{name}.toml"
        if name and path.is_file():
            return path
    return None


@lru_cache(maxsize=16)
def _shipped_lexicon(lang: str) -> Lexicon:
    path = default_lexicon_path(lang)
    return Lexicon.load(path) if path else Lexicon(())


def _lexicon(options: NormalizeOptions) -> Lexicon:
    return _shipped_lexicon(options.lang).merged(options.lexicon)


def normalize(text: str, options: NormalizeOptions = NormalizeOptions()) -> str:
    """The spoken form of `text`: every number, abbreviation and symbol as words."""
    style = number_style(options.lang)
    english = style.primary == "en"
    spoken = remove_footnotes(text)
    spoken = read_addresses(spoken, options.urls, style.primary)
    spoken = _lexicon(options).apply(spoken)
    if english:
        spoken = expand_abbreviations(spoken)
    else:
        spoken = read_local_numbers(spoken, style)
    spoken = read_dates(spoken, style)
    spoken = read_quantities(spoken, style)
    spoken = read_roman_numerals(spoken, style)
    spoken = read_numbers(spoken, style)
    spoken = read_acronyms(spoken)
    if english:
        spoken = say_letters_clearly(spoken)  # the respellings are English ("Eh")
    spoken = read_pauses(spoken)
    spoken = read_symbols(spoken, style.primary)
    return tidy(spoken)


def lint(text: str, options: NormalizeOptions = NormalizeOptions()) -> list[LintIssue]:
    """Tokens read by guesswork (unknown acronyms, odd symbols, mixed letters and digits)."""
    spoken = normalize(text, options)
    return find_issues(
        text, spoken, _lexicon(options), lambda token: normalize(token, options), options.lang
    )
