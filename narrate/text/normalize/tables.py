"""The word tables of normalisation, read once from the JSON files in data/.

Words are data, not rules: a month, a title, a unit or a currency is added or
corrected in a file of data/ without reading Python, and the rules (abbreviations.py,
dates.py, local.py, quantities.py, ...) hold only how the words are used. The files
ship inside the package, where importlib.resources finds them in a checkout and in
an installed wheel alike. Language keys are primary subtags ("en" is English, the
table read wherever a language has no words of its own); a word's forms are
(one, many), or (one, few, many) for Polish and Russian ("километр", "километра",
"километров").

- abbreviations.json: English titles, street words, plain abbreviations, words read
  before a number, AP and postal state abbreviations.
- dates.json: month names by language (Polish and Russian in the genitive, as dates
  put them: "3 października"), English month abbreviations, how a full date is said,
  the hour word of a clock time.
- units.json: language -> unit symbol -> forms.
- scales.json: `signs`, a scale word or abbreviation after an amount -> the English
  scale's name; `local`, language -> that name -> forms.
- currencies.json: `signs`, a currency sign or code -> its ISO code; `names`, ISO code ->
  English (one, many, cent, cents); `local_names`, language -> ISO code -> (one, many)
  where num2words lacks them; `local_cents`, language -> (cent, cents).
- symbols.json: the word a language says for a range, %, a dot, @, #, & and +.
- numbers.json: English fractions by denominator; the Russian feminine nouns among
  the units ("одна тысяча", "две тонны").
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, Final, Literal


def _read(name: str) -> Any:
    """The JSON file `name` of data/, as parsed; each table below gives it its type."""
    return json.loads(files(__package__).joinpath("data", name).read_text("utf-8"))


def _words(table: dict[str, str]) -> dict[str, str]:
    return {key: str(word) for key, word in table.items()}


def _forms(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(words) for key, words in table.items()}


def _pairs(table: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    return {key: (one, many) for key, (one, many) in table.items()}


def _others(table: dict[str, Any]) -> dict[str, Any]:
    """The languages other than English of a table by language."""
    return {lang: words for lang, words in table.items() if lang != "en"}


_ABBREVIATIONS: Final = _read("abbreviations.json")
_DATES: Final = _read("dates.json")
_UNITS: Final = _read("units.json")
_SCALES: Final = _read("scales.json")
_CURRENCIES: Final = _read("currencies.json")
_SYMBOLS: Final = _read("symbols.json")
_NUMBERS: Final = _read("numbers.json")

# Titles read as a word only before a capitalised name ("Gen. Smith").
TITLES: Final = _words(_ABBREVIATIONS["titles"])
# Words after a capitalised name ("Main St.", "Elm Ave.").
STREET_WORDS: Final = _words(_ABBREVIATIONS["street_words"])
# Abbreviations whose reading does not depend on their neighbours.
PLAIN_ABBREVIATIONS: Final = _words(_ABBREVIATIONS["plain"])
# Read as "number", "page", ... only before a digit ("No. 5", "p. 12").
BEFORE_NUMBER: Final = _words(_ABBREVIATIONS["before_number"])
# AP-style state abbreviations, read only after "City, " (addresses, datelines).
AP_STATES: Final = _words(_ABBREVIATIONS["ap_states"])
POSTAL_STATES: Final = _words(_ABBREVIATIONS["postal_states"])

MONTHS: Final[tuple[str, ...]] = tuple(_DATES["months"]["en"])
MONTHS_LOCAL: Final = _forms(_others(_DATES["months"]))
# Abbreviated month -> full name; read only next to a day number or year.
MONTH_ABBREVIATIONS: Final = _words(_DATES["month_abbreviations"])
# How a full date is said: "{day} {month} {year}" with the words each language puts between.
DATE_PATTERN: Final = _words(_DATES["date_patterns"])
DEFAULT_DATE_PATTERN: Final = str(_DATES["default_date_pattern"])
# The hour word of a clock time ("14 h 30", "14h30"): one, many.
HOUR_WORDS: Final = _pairs(_DATES["hour_words"])

# Unit after a number -> (singular, plural), English.
UNITS: Final = _pairs(_UNITS["en"])
# Unit symbol -> spoken forms, per other language.
LOCAL_UNITS: Final = {lang: _forms(table) for lang, table in _others(_UNITS).items()}
# Scale words written after an amount ("$5m", "€1.2 billion") -> the English scale's name.
SCALES: Final = _words(_SCALES["signs"])
# The English scale's name -> the language's forms ("€3m", "3 mln zł").
LOCAL_SCALES: Final = {lang: _forms(table) for lang, table in _SCALES["local"].items()}

# Currency sign or code -> ISO code.
CURRENCY_SIGNS: Final = _words(_CURRENCIES["signs"])
# ISO code -> English (singular, plural, cent singular, cent plural).
CURRENCY_NAMES: Final[dict[str, tuple[str, str, str, str]]] = {
    code: (one, many, cent, cents)
    for code, (one, many, cent, cents) in _CURRENCIES["names"].items()
}
# Currency names num2words lacks: (language, code) -> (singular, plural).
LOCAL_CURRENCY_NAMES: Final = {
    (lang, code): forms
    for lang, table in _CURRENCIES["local_names"].items()
    for code, forms in _pairs(table).items()
}
# A language's words for the cents of its currency: (one, many).
CENT_WORDS: Final = _pairs(_CURRENCIES["local_cents"])

# The word each language says for a symbol around numbers and in web text (symbol ->
# primary subtag -> word); symbol_word reads it.
Symbol = Literal["range", "percent", "dot", "at", "hashtag", "and", "plus"]
SYMBOL_WORDS: Final = {symbol: _words(words) for symbol, words in _SYMBOLS.items()}


def symbol_word(symbol: Symbol, lang: str, otherwise: str) -> str:
    """What `lang` says for `symbol` ("range": "to" in English, "bis" in German), else
    `otherwise`."""
    return SYMBOL_WORDS[symbol].get(lang, otherwise)


# Denominator -> English (one, many); JSON keys are strings.
FRACTIONS: Final = {int(below): forms for below, forms in _pairs(_NUMBERS["fractions"]).items()}
# Russian nouns of feminine gender among the units: "одна тысяча", "две тонны".
RU_FEMININE: Final = frozenset(str(word) for word in _NUMBERS["ru_feminine"])
