"""Addresses, hashtags and handles, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import NormalizeOptions, normalize

CASES: list[tuple[str, str]] = [
    # addresses, hashtags, handles
    ("Read kyivindependent.com today", "Read kyivindependent dot com today"),
    ("See https://www.bbc.co.uk/news/world-123.", "See bbc dot co dot uk."),
    ("Mail news@example.org now", "Mail news at example dot org now"),
    ("#climate protests", "hashtag climate protests"),
    ("#StandWithUkraine", "hashtag Stand With Ukraine"),
    ("follow @nasa", "follow at nasa"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken


@pytest.mark.parametrize(
    ("urls", "spoken"),
    [("domain", "Read more at kyivindependent dot com."), ("drop", "Read more at.")],
)
def test_url_options(urls: str, spoken: str) -> None:
    options = NormalizeOptions(urls=urls)  # type: ignore[arg-type]
    assert normalize("Read more at https://kyivindependent.com/news/x.", options) == spoken


def test_url_drop_email() -> None:
    options = NormalizeOptions(urls="drop")
    assert normalize("Write to tips@example.com today", options) == "Write to today"
