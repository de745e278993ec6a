"""Words in any script, and texts compared by their letters."""

from __future__ import annotations

from narrate.text.extract.words import letters, word_count


def test_texts_differing_in_case_spaces_and_punctuation_have_the_same_letters() -> None:
    assert letters("Chapter One: Loomings") == letters("CHAPTER ONE — loomings")
    assert letters("Straße") == letters("STRASSE")  # case folded, not only lowered
    assert letters("蔡健雅（Tanya Chua）") == "蔡健雅tanyachua"


def test_chinese_characters_count_as_half_a_word() -> None:
    assert word_count("The council voted") == 3
    assert word_count("蔡健雅善于反省") == 4
