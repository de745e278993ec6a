"""Pronunciation lexicons: whole words or regexes mapped to respellings, read from TOML.

tomllib (standard library) parses the files; errors are turned into InputError
naming the file and line so a user can fix their lexicon without a traceback.
A user's regex runs on the `regex` module with a time limit: a pattern such
as `(a+)+$` backtracks for ever on some text, and Python's `re` cannot be stopped.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from narrate.core.errors import InputError

_SECTIONS = ("words", "regex")
REGEX_TIMEOUT_S = 1.0  # per block of text; a sound pattern takes microseconds


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One respelling: a whole word (case-sensitive) or a Python regex, and what to say."""

    pattern: str
    replacement: str
    is_regex: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An ordered set of respellings; when two entries share a pattern the later wins."""

    entries: tuple[LexiconEntry, ...]

    @classmethod
    def load(cls, *paths: Path) -> Lexicon:
        """Read lexicon TOML files in order (later files win); InputError when one is broken."""
        entries: list[LexiconEntry] = []
        for path in paths:
            entries.extend(_read_file(Path(path)))
        return cls(tuple(entries))

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon followed by `other`, whose entries win."""
        return Lexicon(self.entries + other.entries)

    def apply(self, text: str) -> str:
        """Text with every entry applied; a later entry's respelling is safe from earlier ones."""
        if not self.entries:
            return text
        said: list[str] = []

        def hold(spoken: str) -> str:
            # A private-use placeholder keeps the respelling out of reach of the next layers.
            said.append(spoken)
            return _HOLD + chr(_HOLD_BASE + len(said) - 1)

        for pattern, respell in _compiled(self.entries):
            text = pattern.sub(lambda m, respell=respell: hold(respell(m)), text)  # type: ignore[misc]
        return re.sub(_HOLD + "(.)", lambda m: said[ord(m.group(1)) - _HOLD_BASE], text)

    def knows(self, word: str) -> bool:
        """Whether a whole-word entry covers `word` (used by lint)."""
        return word in _word_table([e for e in self.entries if not e.is_regex])


_HOLD = "\ue000"
_HOLD_BASE = 0xE100
_Respell = Callable[[re.Match[str]], str]


def _word_table(entries: list[LexiconEntry]) -> dict[str, str]:
    table = {entry.pattern: entry.replacement for entry in entries}
    for word, said in list(table.items()):
        # All-caps entries also cover their plural: "NGO" -> "NGOs".
        if word.isupper() and word.isalpha() and word + "s" not in table:
            table[word + "s"] = said + "s"
    return table


def _word_layer(entries: list[LexiconEntry]) -> _Layer:
    table = _word_table(entries)
    alternatives = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w$]|\.\w)")
    return pattern, lambda m: table[m.group(0)]


class _BoundedRegex:
    """A user's pattern whose `sub` gives up after REGEX_TIMEOUT_S with InputError."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = regex.compile(pattern)

    def sub(self, respell: _Respell, text: str) -> str:
        try:
            result: str = self._compiled.sub(respell, text, timeout=REGEX_TIMEOUT_S)
        except TimeoutError as exc:
            raise InputError(
                f"lexicon regex {self.pattern!r} took over {REGEX_TIMEOUT_S:g} s on one paragraph",
                "simplify it: nested repeats such as (a+)+ backtrack for ever",
            ) from exc
        return result


_Layer = tuple[re.Pattern[str] | _BoundedRegex, _Respell]


def _regex_layer(entry: LexiconEntry) -> tuple[_BoundedRegex, _Respell]:
    return _BoundedRegex(entry.pattern), lambda m: m.expand(entry.replacement)


@lru_cache(maxsize=16)
def _compiled(entries: tuple[LexiconEntry, ...]) -> tuple[_Layer, ...]:
    """Layers to apply in order: the last entries first, runs of words as one pattern."""
    layers: list[_Layer] = []
    run: list[LexiconEntry] = []
    for entry in reversed(entries):
        if not entry.is_regex:
            run.insert(0, entry)
            continue
        if run:
            layers.append(_word_layer(run))
            run = []
        layers.append(_regex_layer(entry))
    if run:
        layers.append(_word_layer(run))
    return tuple(layers)


def _read_file(path: Path) -> list[LexiconEntry]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"no such lexicon {path}", "check the path (--lexicon, or the profile's lexicon)"
        ) from None
    except IsADirectoryError:
        raise InputError(f"lexicon {path} is a folder", "name a lexicon's .toml file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read lexicon {path}: {exc}") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"broken lexicon {path}: {exc}", "fix the TOML at that line") from exc
    except RecursionError:
        raise InputError(f"broken lexicon {path}: nested too deeply", "fix the TOML") from None
    entries: list[LexiconEntry] = []
    for section, table in data.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise _entry_error(path, raw, section, "only [words] and [regex] tables are allowed")
        for key, value in table.items():
            if not isinstance(value, str):
                raise _entry_error(path, raw, key, "the respelling must be a string")
            if not key.strip():  # an empty word, or a pattern matching everywhere
                raise _entry_error(path, raw, f'"{key}"', "an entry needs a word or a pattern")
            if section == "regex":
                _check_regex(path, raw, key, value)
            entries.append(LexiconEntry(key, value, is_regex=section == "regex"))
    return entries


def _check_regex(path: Path, raw: str, pattern: str, replacement: str) -> None:
    """The pattern compiles and its respelling names only groups it has: a respelling is
    expanded only when the pattern matches, so it is tried on a match of the pattern or
    of nothing (`|` adds the empty match, and keeps the pattern's groups)."""
    try:
        match = regex.compile(pattern + "|").match("")
        if match is not None:
            match.expand(replacement)
    except (regex.error, re.error, IndexError) as exc:
        raise _entry_error(path, raw, pattern, f"bad regex: {exc}") from exc


def _entry_error(path: Path, raw: str, key: str, reason: str) -> InputError:
    line = next((n for n, text in enumerate(raw.splitlines(), 1) if key in text), 0)
    where = f"{path} line {line}" if line else str(path)
    return InputError(f"broken lexicon {where}: {key!r}: {reason}", "fix or remove that entry")
