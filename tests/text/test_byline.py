"""Bylines are names to read: RFC 822 authors give their name, an address is never read."""

from __future__ import annotations

import pytest

from narrate.text.byline import clean_byline


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("maya@example.org (Maya Okafor)", "Maya Okafor"),
        ("Maya Okafor <maya@example.org>", "Maya Okafor"),
        ("maya@example.org", None),
        ("mailto:maya@example.org", None),
        ("Maya Okafor", "Maya Okafor"),
        ("Okafor, Maya", "Okafor, Maya"),
        ("By Maya Okafor, maya@example.org", "By Maya Okafor"),
        ("Von Jan Kühn (jan.kuehn@zeitung.de)", "Von Jan Kühn"),
        (None, None),
    ],
)
def test_clean_byline(given: str | None, read: str | None) -> None:
    assert clean_byline(given) == read
