"""Pronunciation lexicons: whole words or regexes mapped to respellings, read from TOML.

tomllib (standard library) parses the files; errors are turned into InputError
naming the file and line so a user can fix their lexicon without a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrate.errors import InputError

_SECTIONS = ("words", "regex")


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
        """Text with every regex entry, then every word entry, replaced."""
        if not self.entries:
            return text
        regexes, words = _compiled(self.entries)
        for pattern, replacement in regexes:
            text = pattern.sub(replacement, text)
        if words is not None:
            word_pattern, table = words
            text = word_pattern.sub(lambda m: table[m.group(0)], text)
        return text

    def knows(self, word: str) -> bool:
        """Whether a whole-word entry covers `word` (used by lint)."""
        _, words = _compiled(self.entries)
        return words is not None and word in words[1]


_Compiled = tuple[
    tuple[tuple[re.Pattern[str], str], ...], tuple[re.Pattern[str], dict[str, str]] | None
]


@lru_cache(maxsize=16)
def _compiled(entries: tuple[LexiconEntry, ...]) -> _Compiled:
    regex_table: dict[str, str] = {}
    word_table: dict[str, str] = {}
    for entry in entries:
        table = regex_table if entry.is_regex else word_table
        table.pop(entry.pattern, None)  # re-insert so a later entry also comes later
        table[entry.pattern] = entry.replacement
    for word, said in list(word_table.items()):
        # All-caps entries also cover their plural: "NGO" -> "NGOs".
        if word.isupper() and word.isalpha() and word + "s" not in word_table:
            word_table[word + "s"] = said + "s"
    regexes = tuple((re.compile(p), r) for p, r in regex_table.items())
    if not word_table:
        return regexes, None
    alternatives = "|".join(re.escape(w) for w in sorted(word_table, key=len, reverse=True))
    word_pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w]|\.\w)")
    return regexes, (word_pattern, word_table)


def _read_file(path: Path) -> list[LexiconEntry]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read lexicon {path}: {exc}") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"broken lexicon {path}: {exc}", "fix the TOML at that line") from exc
    entries: list[LexiconEntry] = []
    for section, table in data.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise _entry_error(path, raw, section, "only [words] and [regex] tables are allowed")
        for key, value in table.items():
            if not isinstance(value, str):
                raise _entry_error(path, raw, key, "the respelling must be a string")
            if section == "regex":
                _check_regex(path, raw, key, value)
            entries.append(LexiconEntry(key, value, is_regex=section == "regex"))
    return entries


def _check_regex(path: Path, raw: str, pattern: str, replacement: str) -> None:
    try:
        re.compile(pattern).sub(replacement, "")
    except (re.error, IndexError) as exc:
        raise _entry_error(path, raw, pattern, f"bad regex: {exc}") from exc


def _entry_error(path: Path, raw: str, key: str, reason: str) -> InputError:
    line = next((n for n, text in enumerate(raw.splitlines(), 1) if key in text), 0)
    where = f"{path} line {line}" if line else str(path)
    return InputError(f"broken lexicon {where}: {key!r}: {reason}", "fix or remove that entry")
