"""Roman numerals: regnal numbers, centuries, chapters, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # Roman numerals
    ("World War II", "World War two"),
    ("Queen Elizabeth II died", "Queen Elizabeth the Second died"),
    ("Chapter IV", "Chapter four"),
    ("Pope John Paul II", "Pope John Paul the Second"),
    ("Super Bowl LVII", "Super Bowl fifty-seven"),
    ("Henry VIII", "Henry the Eighth"),
    ("Louis XIV", "Louis the Fourteenth"),
    ("World War I began", "World War one began"),
    ("I think so", "I think so"),
    ("NEW MIX OUT NOW", "NEW MIX OUT NOW"),
    ("CIVIL WAR STORIES", "CIVIL WAR STORIES"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
