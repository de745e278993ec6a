"""The word tables read from data/*.json: each word has the forms its language's rules ask for.

The files are edited by hand; a unit given two forms in Russian, or a month missing,
would be read wrongly without any error, so the shapes are checked here.
"""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from narrate.text.normalize import tables

# Polish and Russian nouns take three forms after a number (one, few, many).
THREE_FORMS = {"pl", "ru"}


def test_every_data_file_is_read_by_the_tables() -> None:
    data = files("narrate.text.normalize").joinpath("data")
    names = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".json"))
    assert names == [
        "abbreviations.json",
        "currencies.json",
        "dates.json",
        "numbers.json",
        "scales.json",
        "symbols.json",
        "units.json",
    ]
    for name in names:
        assert json.loads(data.joinpath(name).read_text("utf-8"))


@pytest.mark.parametrize("table", [tables.LOCAL_UNITS, tables.LOCAL_SCALES])
def test_local_words_have_the_forms_of_their_language(
    table: dict[str, dict[str, tuple[str, ...]]],
) -> None:
    for lang, words in table.items():
        expected = 3 if lang in THREE_FORMS else 2
        wrong = {key: forms for key, forms in words.items() if len(forms) != expected}
        assert not wrong, f"{lang}: {wrong}"


def test_every_language_has_twelve_months() -> None:
    assert len(tables.MONTHS) == 12
    assert all(len(months) == 12 for months in tables.MONTHS_LOCAL.values())
    assert set(tables.MONTH_ABBREVIATIONS.values()) <= set(tables.MONTHS)


def test_every_currency_sign_has_a_name() -> None:
    codes = set(tables.CURRENCY_SIGNS.values())
    named = set(tables.CURRENCY_NAMES) | {code for _, code in tables.LOCAL_CURRENCY_NAMES}
    assert codes <= named
    assert set(tables.SCALES.values()) >= {
        name for words in tables.LOCAL_SCALES.values() for name in words
    }
