"""What the block model sees of each HTML block: structural, language-independent numbers.

One row per block, in `FEATURES` order. The rules' own verdict is part of it
(kept, or the reason it was dropped), together with where the block sits
relative to the chosen container, how link-heavy and sentence-shaped its text
is, and what its neighbours were judged. No words of any language and no site
names: the same numbers describe a German blog and a Brazilian news page.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from lxml.html import HtmlElement

from narrate.text.extract.html.body import lead_link_words, marks_body, prose_chars
from narrate.text.extract.html.dom import RawBlock

# Reasons the rules give, grouped the way they behave on pages.
REASON_GROUPS: dict[str, str] = {
    "outside-article": "outside",
    "nav": "nav",
    "footer": "footer",
    "related": "related",
    "comments": "comments",
    "share": "share",
    "newsletter": "share",
    "advertisement": "ads",
    "byline": "byline",
    "author-bio": "byline",
    "caption": "caption",
    "boilerplate": "boilerplate",
    "pullquote": "caption",
    "table": "table",
    "code": "table",
}
_GROUPS = (
    "outside",
    "nav",
    "footer",
    "related",
    "comments",
    "share",
    "ads",
    "byline",
    "caption",
    "boilerplate",
    "table",
)
_KINDS = ("paragraph", "list_item", "quote", "heading", "table", "code")
_CLIMB_CAP = 4
_LINKED_HEADLINE_WORDS = 3  # a block opening with a link this long: a teaser card

FEATURES: tuple[str, ...] = (
    *(f"kind_{k}" for k in _KINDS),
    "rule_kept",
    *(f"reason_{g}" for g in _GROUPS),
    "climb_1",
    "climb_2",
    "climb_far",
    "log_chars",
    "link_density",
    "is_prose",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "punct_per_word",
    "digit_share",
    "marked_body",
    "before_container",
    "after_container",
    "block_gap_log",
    "prev_kept",
    "next_kept",
    "parent_kept_share",
    "short_and_last",
    "kept_share_of_page",
    "starts_with_link",
    "list_size_log",
    "same_shape_as_kept",
    "second_has",
    "second_lacks",
    "second_has_outside",
    "second_lacks_kept",
    "second_page_agree",
)

_AT_LINK = FEATURES.index("starts_with_link")
_AT_SECOND = FEATURES.index("second_has")
_SENTENCE_END = re.compile(r"[.!?。！？»\"”’)]\s*$")
_PUNCT = re.compile(r"[.,;:!?。！？、，]")
_WORDS = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The rules' view of one block: inside the container or not, and why dropped."""

    inside: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class JudgedPage:
    """A page as the rules judged it, what the block model looks at: its blocks, each
    block's verdict, the container the rules found the article in, and each block's share
    in the second opinion (`html/second`; None, or None for a block: no opinion)."""

    blocks: Sequence[RawBlock]
    verdicts: Sequence[Verdict]
    container: HtmlElement
    second: Sequence[float | None] | None = None


def _climb(el: HtmlElement, levels: dict[HtmlElement, int]) -> int:
    """Levels above the container to the first ancestor that also holds this block."""
    for node in (el, *el.iterancestors()):
        level = levels.get(node)
        if level is not None:
            return level
    return _CLIMB_CAP


def features(page: JudgedPage) -> np.ndarray:
    """The feature matrix (blocks x FEATURES) the block model scores.

    A block without a second opinion has both of its features at zero.
    """
    blocks, verdicts, container, second = page.blocks, page.verdicts, page.container, page.second
    levels: dict[HtmlElement, int] = {container: 0}
    for level, node in enumerate(container.iterancestors(), start=1):
        levels[node] = min(level, _CLIMB_CAP)
    kept = [v.reason is None for v in verdicts]
    inside_at = [i for i, v in enumerate(verdicts) if v.inside]
    first, last = (inside_at[0], inside_at[-1]) if inside_at else (len(blocks), -1)
    kept_at = [i for i, k in enumerate(kept) if k]
    last_kept = kept_at[-1] if kept_at else -1
    parent_kept: dict[HtmlElement, list[int]] = {}
    for block, k in zip(blocks, kept, strict=True):
        counts = parent_kept.setdefault(_parent(block.element), [0, 0])
        counts[0] += k
        counts[1] += 1
    shapes_kept = {_shape(b.element) for b, k in zip(blocks, kept, strict=True) if k}
    page_kept = sum(len(b.text) for b, k in zip(blocks, kept, strict=True) if k)
    page_all = sum(len(b.text) for b in blocks) or 1
    marked_memo: dict[HtmlElement, bool] = {}
    agree = _agreement(blocks, kept, second)
    rows = np.zeros((len(blocks), len(FEATURES)), dtype=np.float64)
    for i, (block, verdict) in enumerate(zip(blocks, verdicts, strict=True)):
        rows[i] = _row(
            block,
            verdict,
            climb=0 if verdict.inside else _climb(block.element, levels),
            position=(i < first, i > last),
            gap=_gap(i, kept_at),
            neighbours=(i > 0 and kept[i - 1], i + 1 < len(kept) and kept[i + 1]),
            parent=parent_kept[_parent(block.element)],
            last_kept=i >= last_kept,
            page_share=page_kept / page_all,
            marked=_marked(block.element, marked_memo),
        )
        parent = _parent(block.element)
        rows[i, _AT_LINK] = float(lead_link_words(block.element) >= _LINKED_HEADLINE_WORDS)
        rows[i, _AT_LINK + 1] = (
            math.log1p(parent_kept[parent][1]) / 4 if block.kind == "list_item" else 0.0
        )
        rows[i, _AT_LINK + 2] = float(_shape(block.element) in shapes_kept)
        share = second[i] if second is not None else None
        if share is not None:
            rows[i, _AT_SECOND] = share
            rows[i, _AT_SECOND + 1] = 1.0 - share
            rows[i, _AT_SECOND + 2] = share * (not verdict.inside)
            rows[i, _AT_SECOND + 3] = (1.0 - share) * kept[i]
            rows[i, _AT_SECOND + 4] = agree
    return rows


def _agreement(
    blocks: Sequence[RawBlock], kept: list[bool], second: Sequence[float | None] | None
) -> float:
    """How much of what the rules keep the second opinion keeps too (chars-weighted)."""
    if second is None:
        return 0.0
    ours = [(len(b.text), s) for b, k, s in zip(blocks, kept, second, strict=True) if k]
    total = sum(n for n, s in ours if s is not None)
    return sum(n * s for n, s in ours if s is not None) / total if total else 0.0


def _marked(el: HtmlElement, memo: dict[HtmlElement, bool]) -> bool:
    """`marks_body` on the element or an ancestor, remembered per element (a hot path)."""
    path: list[HtmlElement] = []
    node: HtmlElement | None = el
    found = False
    while node is not None:
        if node in memo:
            found = memo[node]
            break
        path.append(node)
        if marks_body(node):
            found = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = found
    return found


def _shape(el: HtmlElement) -> tuple[str, str, str]:
    """Tag, parent tag and parent class: blocks of one article share their shape."""
    parent = _parent(el)
    return (str(el.tag), str(parent.tag), parent.get("class") or "")


def _parent(el: HtmlElement) -> HtmlElement:
    parent = el.getparent()
    return parent if parent is not None else el


def _gap(i: int, kept_at: list[int]) -> float:
    """log(1 + blocks to the nearest block the rules kept)."""
    if not kept_at:
        return math.log1p(50)
    at = bisect.bisect_left(kept_at, i)
    return math.log1p(min(abs(i - k) for k in kept_at[max(0, at - 1) : at + 1]))


def _row(
    block: RawBlock,
    verdict: Verdict,
    climb: int,
    position: tuple[bool, bool],
    gap: float,
    neighbours: tuple[bool, bool],
    parent: list[int],
    last_kept: bool,
    page_share: float,
    marked: bool,
) -> list[float]:
    text = block.text
    words = max(1, len(_WORDS.findall(text)))
    group = REASON_GROUPS.get(verdict.reason or "", "")
    stripped = text.rstrip()
    return [
        *(float(block.kind == k) for k in _KINDS),
        float(verdict.reason is None),
        *(float(group == g) for g in _GROUPS),
        float(climb == 1),
        float(climb == 2),
        float(climb >= 3),
        math.log1p(len(text)) / 8,
        block.link_density,
        float(prose_chars(block) > 0),
        float(bool(_SENTENCE_END.search(stripped))),
        float(stripped.endswith(":")),
        float(stripped.endswith(("...", "…"))),
        min(1.0, len(_PUNCT.findall(text)) / words),
        len(_DIGIT.findall(text)) / max(1, len(text)),
        float(marked),
        float(position[0]),
        float(position[1]),
        gap / 4,
        float(neighbours[0]),
        float(neighbours[1]),
        parent[0] / parent[1],
        float(last_kept and words <= 6),
        page_share,
        # starts_with_link, list_size_log, same_shape_as_kept, second_*: set by `features`
        *(0.0 for _ in range(len(FEATURES) - _AT_LINK)),
    ]
