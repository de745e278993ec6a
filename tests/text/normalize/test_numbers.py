"""Numbers: cardinals, decimals, ranges, ordinals, fractions, digit strings, as spoken."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # cardinals, decimals, separators, negatives, ranges
    ("There were 5 cars.", "There were five cars."),
    ("He counted 1,000 birds.", "He counted one thousand birds."),
    (
        "About 1,234,567 people",
        "About one million two hundred and thirty-four thousand"
        " five hundred and sixty-seven people",
    ),
    ("It rose 3.5 points", "It rose three point five points"),
    ("Temperatures fell to -5 overnight", "Temperatures fell to minus five overnight"),
    ("Between 10-12 people", "Between ten to twelve people"),
    ("about 10–12 drones", "about ten to twelve drones"),
    ("0.5 of it", "zero point five of it"),
    ("a 42-year-old man", "a forty-two-year-old man"),
    ("100 soldiers", "one hundred soldiers"),
    ("1500 people came", "one thousand five hundred people came"),
    ("1999 was a good year", "nineteen ninety-nine was a good year"),
    ("Score: 7", "Score: seven"),
    # ordinals
    ("the 21st century", "the twenty-first century"),
    ("his 2nd term", "his second term"),
    ("the 3rd brigade", "the third brigade"),
    ("the 47th Mechanized Brigade", "the forty-seventh Mechanized Brigade"),
    ("the 100th day", "the one hundredth day"),
    # fractions and phone-like numbers
    ("1/2 of it", "one half of it"),
    ("3/4 of them", "three quarters of them"),
    ("2/3 majority", "two thirds majority"),
    ("open 24/7", "open twenty-four seven"),
    ("Call 555-123-4567.", "Call five five five, one two three, four five six seven."),
    ("Call +1 (555) 123-4567", "Call plus one, five five five, one two three, four five six seven"),
    ("dial 020 7946 0958", "dial zero two zero, seven nine four six, zero nine five eight"),
    ("code 0800123456", "code zero eight zero zero one two three four five six"),
    ("No. 5", "number five"),
    ("the #1 seller", "the number one seller"),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
