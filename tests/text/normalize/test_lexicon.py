"""Lexicons: loading, merging, the user's over the shipped, and broken files named by line.
A user's regex has a time limit.
"""

from __future__ import annotations

import subprocess
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
from tests.processes import NARRATE, private_env

TEXT = "Title of the page\n\n" + "Some words here and there. " * 8 + "\n\nThe word {} is odd.\n"


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
        # a respelling naming a group its pattern lacks: it crashed at the first match
        ('[regex]\n"river" = "\\\\9"\n', "line 2"),
        ('[regex]\n"(?P<name>riv)er" = "\\\\g<m>"\n', "line 2"),
        # an empty key put its respelling between every two letters
        ('[words]\n"" = "x"\n', "line 2"),
        ('[regex]\n" " = "x"\n', "line 2"),
    ],
)
def test_broken_lexicon_raises_input_error(tmp_path: Path, body: str, line: str) -> None:
    path = _write(tmp_path, "broken.toml", body)
    with pytest.raises(InputError) as caught:
        Lexicon.load(path)
    assert str(path) in str(caught.value)
    assert line in str(caught.value)


def test_missing_lexicon_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such lexicon"):
        Lexicon.load(tmp_path / "absent.toml")
    with pytest.raises(InputError, match="is a folder"):
        Lexicon.load(tmp_path)


def test_a_respelling_may_name_the_groups_its_pattern_has(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "groups.toml",
        '[regex]\n"(?P<stem>riv)er" = "\\\\g<stem>a"\n"(a)|(b)" = "\\\\2x"\n',
    )
    assert Lexicon.load(path).apply("river b a") == "riva bx x"


def test_default_lexicon_path() -> None:
    path = default_lexicon_path("en")
    assert path is not None
    assert path.name == "en.toml"
    assert default_lexicon_path("en-US") == path
    assert default_lexicon_path("xx") is None
    assert Lexicon.load(path).entries


def _lexicon(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(f'[regex]\n"{pattern}" = "x"\n', "utf-8")
    return path


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$"])
def test_a_catastrophic_regex_ends_within_its_limit(tmp_path: Path, pattern: str) -> None:
    """In a process of its own: without the limit this would run for hours, so it is bounded."""
    page = tmp_path / "page.txt"
    page.write_text(TEXT.format("a" * 40), "utf-8")
    command = [
        *NARRATE,
        "script",
        str(page),
        "--spoken",
        "--lexicon",
        str(_lexicon(tmp_path, pattern)),
    ]
    done = subprocess.run(
        command, env=private_env(tmp_path), capture_output=True, timeout=120, check=False
    )
    lines = done.stderr.decode().strip().splitlines()
    if done.returncode == 0:  # the regex engine saw through the pattern: it ended anyway
        assert "The word" in done.stdout.decode()
        return
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1
    assert pattern in lines[0]
    assert "took over" in lines[0]


def test_the_time_limit_raises_input_error(tmp_path: Path) -> None:
    lexicon = Lexicon.load(_lexicon(tmp_path, "(a|aa)+$"))
    with pytest.raises(InputError, match="simplify it"):
        lexicon.apply("The word " + "a" * 40 + " is odd.")


def test_ordinary_regexes_still_apply(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text('[regex]\n"\\\\bcolour(s?)\\\\b" = "color\\\\1"\n', "utf-8")
    assert Lexicon.load(path).apply("Two colours and one colour.") == "Two colors and one color."
