"""Dates, years, decades and times of day, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # years and decades
    ("in 1999", "in nineteen ninety-nine"),
    ("In 2023, prices rose.", "In twenty twenty-three, prices rose."),
    ("since 1991", "since nineteen ninety-one"),
    ("in 2005", "in two thousand and five"),
    ("the 1990s", "the nineteen nineties"),
    ("the 1900s", "the nineteen hundreds"),
    ("the 2010s", "the twenty tens"),
    ("the '80s", "the eighties"),
    ("people in their 30s", "people in their thirties"),
    ("from 2014-2022", "from twenty fourteen to twenty twenty-two"),
    ("the 1939–45 war", "the nineteen thirty-nine to nineteen forty-five war"),
    ("It was 2022.", "It was twenty twenty-two."),
    # dates
    ("Reuters reported on Nov. 23.", "Reuters reported on November twenty-third."),
    ("on Nov. 21 it launched", "on November twenty-first it launched"),
    ("on 23 November 2023", "on the twenty-third of November twenty twenty-three"),
    ("on 2023-11-23", "on November twenty-third, twenty twenty-three"),
    ("on November 23, 2023, he", "on November twenty-third, twenty twenty-three, he"),
    ("by Sept. 30", "by September thirtieth"),
    ("on Feb 24 2022", "on February twenty-fourth twenty twenty-two"),
    ("in March 2022", "in March twenty twenty-two"),
    ("on 11/23/2023", "on November twenty-third, twenty twenty-three"),
    ("the 24th of February", "the twenty-fourth of February"),
    ("on Jan. 1, 2000", "on January first, two thousand"),
    ("On 5 Dec. 2023", "On the fifth of December twenty twenty-three"),
    # times
    ("at 4:32 PM", "at four thirty-two P M"),
    ("at 16:30", "at sixteen thirty"),
    ("at 16:00", "at sixteen hundred"),
    ("at 9:05 a.m. local time", "at nine oh five Eh M local time"),
    ("at 4 p.m. Then it ended.", "at four P M. Then it ended."),
    ("at 10am", "at ten Eh M"),
    ("at 7:00 pm", "at seven P M"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
