"""Symbols and pauses, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # symbols and pauses
    ("Tom & Jerry", "Tom and Jerry"),
    ("2 + 2 = 4", "two plus two equals four"),
    ("and/or", "and or"),
    ("Israel/Gaza war", "Israel Gaza war"),
    ("He paused... then spoke", "He paused, then spoke"),
    ("It ended… Then silence.", "It ended. Then silence."),
    ("the war — and the peace", "the war, and the peace"),
    ("the war -- and peace", "the war, and peace"),
    ("They (the agency) were", "They, the agency, were"),
    ("as noted.[1] Then", "as noted. Then"),
    ("it rose[12] sharply", "it rose sharply"),
    ("a claim[citation needed] here", "a claim here"),
    ("Acme™ and Foo®", "Acme and Foo"),
    ("he said [sic] it", "he said it"),
    ("~300 troops", "about three hundred troops"),
    ("long-range missiles", "long-range missiles"),
    ("two-way street", "two-way street"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
