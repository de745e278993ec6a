"""Titles, abbreviations, US states and datelines, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # titles and abbreviations
    ("Mr. Smith arrived", "Mister Smith arrived"),
    ("Mrs. Smith arrived", "Missus Smith arrived"),
    ("Dr. Jones said", "Doctor Jones said"),
    ("said Dr. Kim", "said Doctor Kim"),
    ("Mulholland Dr. is long", "Mulholland Drive is long"),
    ("in St. Louis", "in Saint Louis"),
    ("St. Petersburg", "Saint Petersburg"),
    ("on Main St. in town", "on Main Street in town"),
    ("He lives on Main St. Then he left.", "He lives on Main Street. Then he left."),
    ("Gen. Valerii Zaluzhnyi", "General Valerii Zaluzhnyi"),
    ("Sen. Warren", "Senator Warren"),
    ("Rep. Ocasio-Cortez", "Representative Ocasio-Cortez"),
    ("Gov. Hochul", "Governor Hochul"),
    ("Lt. Col. Smith", "Lieutenant Colonel Smith"),
    ("Prof. Ng", "Professor Ng"),
    ("Ukraine vs. Russia", "Ukraine versus Russia"),
    ("fruit, e.g. apples", "fruit, for example apples"),
    ("the capital, i.e. Kyiv", "the capital, that is Keev"),
    ("tanks, guns, etc. The war", "tanks, guns, et cetera. The war"),
    ("tanks, guns, etc., were sent", "tanks, guns, et cetera, were sent"),
    ("approx. 300 troops", "approximately three hundred troops"),
    ("Martin Luther King Jr. said", "Martin Luther King Junior said"),
    ("Apple Inc. said", "Apple Incorporated said"),
    ("Gen Z voters", "Gen Z voters"),
    # US states and datelines
    ("SPRINGFIELD, Ill. (AP) — The", "SPRINGFIELD, Illinois. Eh P. The"),
    ("in Portland, Ore., on Monday", "in Portland, Oregon, on Monday"),
    ("Austin, TX 78701", "Austin, Texas seven eight seven zero one"),
    ("from Dover, Del., said", "from Dover, Delaware, said"),
    ("Washington, D.C., is", "Washington, D C, is"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
