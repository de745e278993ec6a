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
from collections.abc import Iterable, Sequence

from narrate.text.extract.references import Unit
from narrate.text.extract.text_lines import word_count

# '[1]', '[12]', '[3–5]', '[1, 4]', '[a]', '[note 2]', '[citation needed]', '[30-32]': a
# bracket glued to the word or stop before it, or a numbered one anywhere but the start;
# '[1]:23' points at a page of the source.
_MARKER = re.compile(
    r"(?<=[^\s\[])\[(?:[^\[\]\n]{1,30})\](?::\s?\d+(?:[–-]\d+)?)?"
    r"|(?<=\S)\s\[\d{1,3}(?:\s?[-–,]\s?\d{1,3})*\](?::\s?\d+(?:[–-]\d+)?)?"
)
# An editor's letters inside a quoted word: 'give[s]', 'use[d]'.
_IN_WORD = re.compile(r"^\[[a-z]{1,3}\]$")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?。，；：！？])")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)]*$")


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
        found.append(match.group(0).strip())
        return ""

    cleaned = _MARKER.sub(drop, text)
    if not found:
        return text, []
    return _SPACE_BEFORE_STOP.sub(r"\1", cleaned).strip(), found


# --- edit links on headings -------------------------------------------------------------

# '[edit]', '[Bearbeiten | Quelltext bearbeiten]', '[modifier | modifier le code]', '[编辑]'
_EDIT_SUFFIX = re.compile(r"(\s?)\[([^\[\]\d]{2,40})\]$")
_HEADING_WORDS = 12


def _edit_suffix(text: str) -> tuple[str, bool] | None:
    """The bracketed suffix of a heading-shaped line ('Details[edit]'), and whether it is
    glued to the heading, or None."""
    match = _EDIT_SUFFIX.search(text)
    if match is None:
        return None
    head = text[: match.start()].strip()
    if not head or word_count(head) > _HEADING_WORDS or _SENTENCE_END.search(head):
        return None
    return match.group(2).strip().casefold(), not match.group(1)


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


def _key(text: str) -> str:
    return " ".join(ENTRY_NUMBER.sub("", text).casefold().split())


def contents(units: Sequence[Unit]) -> set[int]:
    """Indexes of the entries of a table of contents: a run of two or more short lines,
    nearly all of which name a heading further down the page.

    A heading may carry a prefix its entry lacks (Baidu Baike puts the page's name
    before each), so an entry also matches the end of a heading."""
    headings = [(i, _key(u.text)) for i, u in enumerate(units) if u.heading]
    if len(headings) < 2:
        return set()
    found: set[int] = set()
    run: list[int] = []
    for i, unit in enumerate([*units, Unit("", heading=True)]):
        if not unit.heading and len(unit.text) < _ENTRY_CHARS:
            run.append(i)
            continue
        if len(run) >= 2:
            later = [h for at, h in headings if at > run[0]]
            named = [j for j in run if _names_heading(_key(units[j].text), later)]
            if len(named) >= 2 and len(named) >= _CONTENTS_SHARE * len(run):
                found.update(run)
        run = []
    return found


def _names_heading(key: str, headings: list[str]) -> bool:
    return bool(key) and any(h == key or h.endswith(key) for h in headings)


# --- coordinates ----------------------------------------------------------------------------

# '51°30′26″N', '0°7′39″W', '51.50722°N', '55°45′21″ с. ш.'
_COORDINATE = re.compile(
    r"\d{1,3}(?:[.,]\d+)?\s?°(?:\s?\d{1,2}(?:[.,]\d+)?\s?[′'])?(?:\s?\d{1,2}(?:[.,]\d+)?\s?[″\"])?"
)
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_COORDINATE_LABEL_WORDS = 3


def is_coordinates(text: str) -> bool:
    """A line of map coordinates ('Coordinates: 51°30′26″N 0°7′39″W / 51.507°N 0.127°W'):
    two or more of them and hardly a word besides."""
    if len(_COORDINATE.findall(text)) < 2:
        return False
    return len(_LETTERS.findall(_COORDINATE.sub(" ", text))) <= _COORDINATE_LABEL_WORDS
