"""Acronyms: spelled as letters or read as words, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # acronyms
    ("U.S. military", "U S military"),
    ("sent to the U.S.", "sent to the U S."),
    ("the U.K. and U.N. said", "the U K and U N said"),
    ("the UN said", "the U N said"),
    ("the FBI raid", "the F B I raid"),
    ("resolutions (UNSCRs)", "resolutions, U N S C R's"),
    ("NATO allies", "Nato allies"),
    ("NASA launched", "Nasa launched"),
    ("UNESCO sites", "Unesco sites"),
    ("NATO's summit", "Nato's summit"),
    ("the CEOs met", "the C E O's met"),
    ("the NGOs", "the N G O's"),
    ("the XYZ group", "the X Y Z group"),
    ("the PFLP said", "the P F L P said"),
    ("the BREAKING NEWS TODAY banner", "the BREAKING NEWS TODAY banner"),
    ("AT&T", "Eh T and T"),
    ("the F-16 jets", "the F sixteen jets"),
    ("the G7 summit", "the G seven summit"),
    ("flight MH17", "flight M H seventeen"),
    ("COVID-19 cases", "Covid nineteen cases"),
    ("5G networks", "five G networks"),
    ("two Su-25s", "two Su twenty-fives"),
    ("The S&P 500 rose", "The S and P five hundred rose"),
    ("Version 2.0.1 is out", "Version two point zero point one is out"),
    ("Russia's 2022 full-scale invasion", "Russia's twenty twenty-two full-scale invasion"),
    ("the 2024 presidential race", "the twenty twenty-four presidential race"),
    ("the 9/11 attacks", "the nine eleven attacks"),
    ("The U.S.-led coalition", "The U S-led coalition"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
