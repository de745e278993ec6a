"""Sentence splitting: abbreviations and initials stay, quotes stay with their sentence."""

from __future__ import annotations

import pytest

from narrate.text.sentences import MAX_SENTENCE_CHARS, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Reuters reported on Nov. 23. Then more.", ["Reuters reported on Nov. 23.", "Then more."]),
        ('Mr. Kim said "yes." The U.S. agreed!', ['Mr. Kim said "yes."', "The U.S. agreed!"]),
        (
            "J. R. R. Tolkien wrote it. Dr. Who? No.",
            ["J. R. R. Tolkien wrote it.", "Dr. Who?", "No."],
        ),
        ("It rose 4.5 percent. Good.", ["It rose 4.5 percent.", "Good."]),
        ("Он сказал это. Потом ушёл.", ["Он сказал это.", "Потом ушёл."]),
        ("これは文です。これも文です。", ["これは文です。", "これも文です。"]),
        ("A heading without a stop", ["A heading without a stop"]),
        ("  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_run_on_sentences_are_cut_at_commas() -> None:
    text = ", ".join(["a list item with a few words"] * 40) + "."
    parts = split_sentences(text)
    assert len(parts) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert " ".join(parts) == text
