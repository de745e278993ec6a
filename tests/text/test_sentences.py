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


def test_german_ordinals_and_abbreviations_do_not_end_sentences() -> None:
    text = "Am 3. Oktober feiern wir, z. B. im 2. Stock. Ende 1990. Danach kam es anders."
    assert split_sentences(text, "de") == [
        "Am 3. Oktober feiern wir, z. B. im 2. Stock.",
        "Ende 1990.",
        "Danach kam es anders.",
    ]


def test_chinese_and_japanese_sentences_split_without_spaces() -> None:
    assert split_sentences("今天天气很好。我们去公园吧！北京的秋天很美。", "zh") == [
        "今天天气很好。",
        "我们去公园吧！",
        "北京的秋天很美。",
    ]
    # a quotation's full stop stays inside the sentence that goes on after it
    assert split_sentences("「ありがとう。」と彼は言った。次の文です。", "ja") == [
        "「ありがとう。」と彼は言った。",
        "次の文です。",
    ]


def test_long_chinese_sentences_are_cut_at_their_own_commas() -> None:
    clause = "这是一个很长的句子的一部分"
    sentence = "，".join([clause] * 40) + "。"
    pieces = split_sentences(sentence, "zh")
    assert len(pieces) > 1
    assert all(len(p) <= 400 for p in pieces)
    assert "".join(pieces) == sentence


def test_russian_abbreviations_do_not_end_sentences() -> None:
    text = "Он живёт на ул. Ленина, т. е. в центре. Другое предложение."
    assert split_sentences(text, "ru") == [
        "Он живёт на ул. Ленина, т. е. в центре.",
        "Другое предложение.",
    ]
