"""Where a document's references section is, by its shape.

Kept behind one function (`references_section`) so that the reference
detection the HTML extractor gets (issue 28) can take its place: a heading
followed by a run of citation-shaped blocks (a year, and a DOI, a URL, an
ISBN, a page range, a volume(issue) or a numbered label), up to the next
heading as large or larger (an appendix after the references is read).
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b")
_CITATION_MARKS = re.compile(
    r"\bdoi\b|https?://|\bISBN\b|\b\d+\s*[–-]\s*\d+\b|\b\d+\s*\(\d+\)|^\s*(?:\[\d+\]|\d{1,3}\.\s)",
    re.I,
)
_LINK = re.compile(r"https?://\S|\bdoi:\s*10\.|\b10\.\d{4,}/", re.I)
_WORDS_PER_LINK = 40
_LABEL = re.compile(r"(?:^|\s)\[\d{1,3}\]\s")
_CITED_SHARE = 0.6  # of the blocks under the heading
_MIN_ENTRIES = 2


def is_citation(text: str) -> bool:
    """A reference list entry (or a run of them): a year and one more mark of a citation, or
    links (URLs, DOIs) with too few words around each to be a paragraph about them."""
    links = len(_LINK.findall(text))
    linked = links > 0 and len(text.split()) <= _WORDS_PER_LINK * links
    return linked or (bool(_YEAR.search(text)) and bool(_CITATION_MARKS.search(text)))


def references_section(blocks: list[tuple[str, str]]) -> tuple[int | None, int]:
    """(first, end) indexes of the references section among (kind, text) blocks; first is
    None when there is none. The last heading whose section is mostly citations wins."""
    found: tuple[int | None, int] = (None, len(blocks))
    for i, (kind, _) in enumerate(blocks):
        if kind != "heading":
            continue
        end = next((j for j in range(i + 1, len(blocks)) if blocks[j][0] == "heading"), len(blocks))
        entries = [text for _, text in blocks[i + 1 : end]]
        cited = [text for text in entries if is_citation(text)]
        # entries run together in one block when the lines sit close: count their links
        count = sum(max(1, len(_LINK.findall(text)), len(_LABEL.findall(text))) for text in cited)
        if count >= _MIN_ENTRIES and len(cited) >= _CITED_SHARE * len(entries):
            found = (i, end)
    return found
