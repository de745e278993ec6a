"""Lexicons: loading, merging, the user's over the shipped, and broken files named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.text.normalize import (
    Lexicon,
    LexiconEntry,
    NormalizeOptions,
    default_lexicon_path,
    normalize,
)


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_lexicon_loading(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "mine.toml",
        '[words]\nZSU = "Zed Es U"\nKyiv = "Kiev"\n[regex]\n\'\\bOdesa\\b\' = "Odessa"\n',
    )
    lexicon = Lexicon.load(path)
    assert LexiconEntry("ZSU", "Zed Es U") in lexicon.entries
    options = NormalizeOptions(lexicon=lexicon)
    spoken = normalize("The ZSU left Odesa for Kyiv.", options)
    assert spoken == "The Zed Es U left Odessa for Kiev."


def test_lexicon_later_entries_win(tmp_path: Path) -> None:
    first = Lexicon.load(_write(tmp_path, "a.toml", '[words]\nFOO = "one"\n'))
    second = Lexicon.load(_write(tmp_path, "b.toml", '[words]\nFOO = "two"\n'))
    assert normalize("FOO", NormalizeOptions(lexicon=first.merged(second))) == "two"
    assert normalize("FOO", NormalizeOptions(lexicon=second.merged(first))) == "one"
    both = Lexicon.load(tmp_path / "a.toml", tmp_path / "b.toml")
    assert normalize("FOOs", NormalizeOptions(lexicon=both)) == "twos"


def test_user_lexicon_overrides_shipped(tmp_path: Path) -> None:
    mine = Lexicon.load(_write(tmp_path, "nato.toml", '[words]\nNATO = "N A T O"\n'))
    assert normalize("NATO met", NormalizeOptions(lexicon=mine)) == "N Eh T O met"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('[words]\nOK = "fine"\nBAD = \n', "line 3"),
        ("[words]\nNUM = 5\n", "line 2"),
        ("[regex]\n'(unclosed' = \"x\"\n", "line 2"),
        ('[other]\nX = "y"\n', "line 1"),
    ],
)
def test_broken_lexicon_raises_input_error(tmp_path: Path, body: str, line: str) -> None:
    path = _write(tmp_path, "broken.toml", body)
    with pytest.raises(InputError) as caught:
        Lexicon.load(path)
    assert str(path) in str(caught.value)
    assert line in str(caught.value)


def test_missing_lexicon_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        Lexicon.load(tmp_path / "absent.toml")


def test_default_lexicon_path() -> None:
    path = default_lexicon_path("en")
    assert path is not None
    assert path.name == "en.toml"
    assert default_lexicon_path("en-US") == path
    assert default_lexicon_path("xx") is None
    assert Lexicon.load(path).entries
