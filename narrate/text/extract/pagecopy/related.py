"""Boxes of links to the site's other stories: a closing list under a label ending in a
colon, and a most-read box with its ranks.

An article often ends with a short label and a few headlines of the site's other
stories ('Mehr zum Thema:', 'Lue aiheesta lisää:', 'Read more:'), which the page copy
keeps as an announced list. The shape: the body's last blocks are a short label
ending in ':' and, under it, only headlines (short lines with no full stop, a
question or an exclamation at most), as many as a box of links holds. An article's
own closing list reads otherwise: its entries are sentences, open with a number (a
date, an amount, a rank) or are rows of figures, or the label is a sentence of its own.
A box may follow another ('Related:' and its headlines, then 'Previous post:' and one).
Kept because it lost nowhere: cross-validated phrases A 0.8823 -> 0.8843, B 0.9275 and dev
unchanged (full: A 0.885 -> 0.887, B 0.928 -> 0.929); a headline's length is ten words
plain or sixteen with a subtitle: sixteen plain took in a dev page's closing list of a
product's features, dev A 0.952 -> 0.942 (docs/benchmarks.md, thresholds).

A box of the site's most read stories, wherever it stands, is told by its ranks: the
badge each headline sits on is copied glued to it ('1Pudel-Hype: …', '2„Gefangen …'),
which a list of the article's own never is (its numbers stand apart: '1. ', '1 ').
"""

from __future__ import annotations

import re

from narrate.core.models import Block, Dropped
from narrate.text.extract.words import word_count

RELATED = "related"
_LABEL_WORDS = 8  # a label, not a sentence announcing a list
_ENTRY_WORDS = (1, 16)  # a headline's length
_PLAIN_HEADLINE_WORDS = 10  # longer, a headline has a title and a subtitle
_TITLE_BREAK = re.compile(r"\s[–—-]\s|\w[:?!]\s")
_DIGITS = 0.1  # a headline has a year or a number in it at most
_ADDRESS = re.compile(r"://|\bwww\.")


def drop_related(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    """The blocks without the related-links boxes closing them, and the boxes' lines.

    The close is the longest run of labels and headlines at the end (a box may follow
    another: 'Related:' and its headlines, then 'Previous post:' and one more); it is
    dropped from its first label on, when a headline follows that label."""
    start = len(blocks)
    while start > 1 and (_is_label(blocks[start - 1]) or _is_headline(blocks[start - 1])):
        start -= 1
    first = next((i for i in range(start, len(blocks)) if _is_label(blocks[i])), None)
    if first is None or first == 0 or not any(_is_headline(b) for b in blocks[first + 1 :]):
        return blocks, []
    return blocks[:first], [Dropped(b.text, RELATED) for b in blocks[first:]]


# Ranks glued to headlines it takes to be a most-read box: a lone '3D' or '1A' opens text
# (docs/benchmarks.md, thresholds).
_RANKED = 3
_RANK = re.compile(r"^(\d{1,2})(\S)(\S?)")
_OPENING_QUOTES = "\"'„“«‚‘"


def drop_ranked(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    """The blocks without a box of ranked headlines (three or more blocks in a row, each
    opening with its rank, counting up from 1, glued to a capital or a quote), and the
    box's lines."""
    ranked: set[int] = set()
    run: list[int] = []
    for index, block in enumerate(blocks):
        rank = _rank(block.text)
        if rank is not None and rank == len(run) + 1:
            run.append(index)
        else:
            run = [index] if rank == 1 else []
        if len(run) >= _RANKED:
            ranked.update(run)
    kept = [b for i, b in enumerate(blocks) if i not in ranked]
    return kept, [Dropped(blocks[i].text, RELATED) for i in sorted(ranked)]


def _rank(text: str) -> int | None:
    """The rank a headline's text opens with, glued to a quote or a capitalised word
    ('2„Gefangen …' -> 2, '3Zu wenig …' -> 3; not '4G: …'), or None."""
    found = _RANK.match(text)
    if found is None:
        return None
    word = found[2].isupper() and found[3].islower()  # 'Pudel', 'Zu'; not '4G', '3D'
    return int(found[1]) if word or found[2] in _OPENING_QUOTES else None


def _is_label(block: Block) -> bool:
    text = block.text
    return text.endswith(":") and word_count(text) <= _LABEL_WORDS


def _is_headline(block: Block) -> bool:
    """A headline: short, or a title and its subtitle ('Name – what happened', 'Why? ...'),
    with no full stop at its end; a list's own entries are longer plain phrases."""
    text = block.text.rstrip("*")
    words = word_count(text)
    low, high = _ENTRY_WORDS
    if block.kind not in ("paragraph", "list_item", "heading") or not low <= words <= high:
        return False
    if text.endswith((".", ":", ";", ",")) or _ADDRESS.search(text):
        return False  # a sentence, a label, or a source's address
    if text[:1].isdigit() or sum(ch.isdigit() for ch in text) > _DIGITS * len(text):
        return False  # a date, an amount, a rank, or a row of a table of figures
    return words <= _PLAIN_HEADLINE_WORDS or bool(_TITLE_BREAK.search(text))
