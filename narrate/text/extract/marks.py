"""Marks that wikis and reference works put in and around their text, found by shape:
citation markers ('[1]', '[citation needed]'), edit links after headings ('[edit]',
'[Bearbeiten | Quelltext bearbeiten]'), a table of contents, and coordinates.

Plain strings in, plain strings out, like `references`: HTML blocks and the lines of
a page copy are cleaned with the same calls.

    strip_markers("It closed at nine.[1] It rained.[citation needed]")
    #   -> ("It closed at nine. It rained.", ["[1]", "[citation needed]"])
    links = edit_links(lines)                  # the page's edit-link suffixes
    strip_edit_link("Details[edit]", links)    # -> ("Details", "[edit]")
    contents([Unit("1 Details"), Unit("2 Use"), ..., Unit("Details", heading=True)])
    is_coordinates("Coordinates: 51°30′26″N 0°7′39″W")  # True
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from narrate.text.extract.references import Unit
from narrate.text.extract.words import SENTENCE_END, word_count

# '[1]', '[12]', '[3–5]', '[1, 4]', '[a]', '[note 2]', '[citation needed]', '[30-32]': a
# bracket glued to the word or stop before it, or a numbered one anywhere but the start;
# '[1]:23' points at a page of the source.
_MARKER = re.compile(
    r"(?<=[^\s\[])\[(?:[^\[\]\n]{1,30})\](?::\s?\d+(?:[–-]\d+)?)?"
    r"|(?<=\S)\s\[\d{1,3}(?:\s?[-–,]\s?\d{1,3})*\](?::\s?\d+(?:[–-]\d+)?)?"
)
_DATE = re.compile(r"\d{4}[-./年]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}")
# An editor's letters inside a quoted word: 'give[s]', 'use[d]'.
_IN_WORD = re.compile(r"^\[[a-z]{1,3}\]$")
# A space left before a Chinese or Japanese stop where a marker was taken out of the page.
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[。，；：！？、）」』])")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?。，；：！？])")


def strip_markers(text: str) -> tuple[str, list[str]]:
    """The text without its citation markers, and the markers removed.

    A bracket glued to the word or stop before it ('research,[2]', 'needed.[citation
    needed]') or a number in brackets after a space (' [30-32] ') points at a footnote;
    a bracket opening the line is the footnote's own number and stays, as does a
    bracket after a space holding words ('he [the mayor] said') and letters completing
    a quoted word ('give[s]').
    """
    found: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if _IN_WORD.match(match.group(0)) and text[match.start() - 1 : match.start()].isalpha():
            return match.group(0)
        if _DATE.search(match.group(0)):
            return match.group(0)  # an access date is part of its citation
        found.append(match.group(0).strip())
        return ""

    cleaned = _CJK_SPACE.sub("", _MARKER.sub(drop, text))
    if not found:
        return cleaned, []
    return _SPACE_BEFORE_STOP.sub(r"\1", cleaned).strip(), found


# --- edit links on headings -------------------------------------------------------------

# '[edit]', '[Bearbeiten | Quelltext bearbeiten]', '[modifier | modifier le code]', '[编辑]';
# or a permalink's symbol glued to every heading ('Installation¶', 'Usage 🔗')
_EDIT_SUFFIX = re.compile(r"(\s?)\[([^\[\]\d]{2,40})\]$|(\s?)(\S)$")
_LINK_SYMBOLS = "¶†‡"
_NOT_LINKS = "°"  # a unit
_HEADING_WORDS = 12


def _edit_suffix(text: str) -> tuple[str, bool] | None:
    """The suffix of a heading-shaped line that may be an edit or permalink ('Details[edit]',
    'Usage¶'), and whether it is glued to the heading, or None. A symbol must recur on
    several headings to count (`edit_links`): it is reported as not glued."""
    match = _EDIT_SUFFIX.search(text)
    if match is None:
        return None
    symbol = match.group(4)
    if symbol is not None and not _is_link_symbol(symbol):
        return None
    head = text[: match.start()].strip()
    if not head or word_count(head) > _HEADING_WORDS or SENTENCE_END.search(head):
        return None
    if symbol is not None:
        return symbol, False
    return match.group(2).strip().casefold(), not match.group(1)


def _is_link_symbol(char: str) -> bool:
    return char in _LINK_SYMBOLS or (unicodedata.category(char) == "So" and char not in _NOT_LINKS)


def edit_links(texts: Iterable[str]) -> frozenset[str]:
    """The bracketed suffixes that are edit links on this page ('edit', 'bearbeiten | ...').

    A wiki puts the same bracketed link after every heading; a heading of an article
    may end in brackets too ('Results [draft]'), but not glued to its last word and
    not the same on several headings. Returns the suffixes (case folded) to strip.
    """
    seen: dict[str, int] = {}
    glued: set[str] = set()
    for text in texts:
        found = _edit_suffix(text)
        if found is not None:
            seen[found[0]] = seen.get(found[0], 0) + 1
            if found[1]:
                glued.add(found[0])
    return frozenset(s for s, n in seen.items() if n >= 2 or s in glued)


def is_bracketed(link: str) -> bool:
    """An edit link in brackets ('[edit]'), which only wikis put after headings."""
    return link.startswith("[")


def strip_edit_link(text: str, suffixes: frozenset[str]) -> tuple[str, str | None]:
    """The heading without its edit link, and the link removed (None when it has none)."""
    found = _edit_suffix(text) if suffixes else None
    if found is None or found[0] not in suffixes:
        return text, None
    match = _EDIT_SUFFIX.search(text)
    assert match is not None
    return text[: match.start()].rstrip(), match.group(0).strip()


# --- a table of contents ------------------------------------------------------------------

# '1 Details', '2.1 Early life', '3. Works', '▪ 环球时代': a contents entry's number or bullet
ENTRY_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[▪•·◦–-])\s*")
_ENTRY_CHARS = 80  # a contents entry is a heading's words, and its number
_CONTENTS_SHARE = 0.8
_CONTENTS_LINKS = 0.5  # where links are known, a contents entry is one
_NAMED_TIMES = 3
_CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)  # the heading, its entry in the contents, and one in a side menu


def _key(text: str) -> str:
    return " ".join(ENTRY_NUMBER.sub("", text).casefold().split())


def contents(units: Sequence[Unit]) -> set[int]:
    """Indexes of the entries of a table of contents: a run of two or more short lines,
    nearly all of which name a heading further down the page.

    A heading may carry a prefix its entry lacks (Baidu Baike puts the page's name
    before each), so an entry also matches the end of a heading. In a page copy an
    entry can look like a heading itself; it is the heading below that it names."""
    keys = [_key(u.text) for u in units]
    # a share bar under every teaser repeats too: a heading is named once or twice
    seen = Counter(keys)
    last = _last_named(
        [(i, keys[i]) for i, u in enumerate(units) if u.heading and seen[keys[i]] <= _NAMED_TIMES]
    )
    if not last:
        return set()
    found: set[int] = set()
    run: list[int] = []
    for i, unit in enumerate([*units, Unit("")]):
        entry = i < len(units) and 0 < len(unit.text) < _ENTRY_CHARS
        if entry and not (unit.heading and last.get(keys[i], -1) <= i):
            run.append(i)
            continue
        entries, entry_keys = [units[j] for j in run], [keys[j] for j in run]
        if len(run) >= 2 and _is_contents(entries, entry_keys, run[-1], last):
            found.update(run)
        run = []
    return found


def _last_named(headings: list[tuple[int, str]]) -> dict[str, int]:
    """For every text an entry may name a heading by (the heading's key, or an end of it),
    the position of the last heading it names."""
    last: dict[str, int] = {}
    for at, key in headings:
        for start in range(len(key)):
            if start == 0 or not key[start - 1].isalnum() or _CJK_CHAR.match(key[start]):
                last[key[start:]] = at
    return last


def _is_contents(entries: list[Unit], keys: list[str], at: int, last: dict[str, int]) -> bool:
    """Entries that name the headings below `at`, each once, linked where links are known;
    a list a sentence announces ('... in four fields:') is the article's own."""
    named = [k for k in keys if k and last.get(k, -1) > at]
    if len(named) < 2 or len(named) < _CONTENTS_SHARE * len(entries):
        return False
    if len(set(keys)) < len(keys) or any(u.text.rstrip().endswith(":") for u in entries):
        return False
    links = [u.links for u in entries if u.links is not None]
    return not links or sum(links) >= _CONTENTS_LINKS * len(links)


# --- coordinates ----------------------------------------------------------------------------

# '51°30′26″N', '0°7′39″W', '51.50722°N', '55°45′21″ с. ш.'
# (a degree alone, '65°', is an angle, '20°C' a temperature: a coordinate has minutes
# or a hemisphere's letter)
_COORDINATE = re.compile(
    r"\d{1,3}(?:[.,]\d+)?\s?°\s?(?:\d{1,2}(?:[.,]\d+)?\s?[′'](?:\s?\d{1,2}(?:[.,]\d+)?\s?[″\"])?"
    r"|(?=[^\W\d_])(?![CFK]\b))"
)
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_COORDINATE_LABEL_WORDS = 3


def is_coordinates(text: str) -> bool:
    """A line of map coordinates ('Coordinates: 51°30′26″N 0°7′39″W / 51.507°N 0.127°W'):
    two or more of them and hardly a word besides."""
    if len(_COORDINATE.findall(text)) < 2:
        return False
    return len(_LETTERS.findall(_COORDINATE.sub(" ", text))) <= _COORDINATE_LABEL_WORDS
