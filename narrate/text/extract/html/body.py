"""Find the article's container in the page and judge each block inside it.

The container is the element whose subtree holds the most prose and the least
furniture: score(E) = sum of prose characters under E - sum of furniture
characters under E. This picks an article split over several sibling
containers (their common parent wins) and stops before a page-wide wrapper
(which also holds the menus, teasers and footer). Blocks inside the container
are then kept or dropped by what their markup says they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from lxml.html import HtmlElement

from narrate.text.extract.html.dom import RawBlock
from narrate.text.extract.html.rules import element_reason, is_content_class, is_stock_phrase
from narrate.text.extract.words import letters

Marks = dict[HtmlElement, str]  # element -> why its markup says it is furniture

_SENTENCE_END = re.compile(r"[.!?。！？…:;»\"”’)]\s*$|[.!?。！？]\s")
_PROSE_MIN_CHARS = 60
# Chinese, Japanese and Korean say as much in about a third of the characters.
_PROSE_MIN_CHARS_CJK = 25
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MAX_PROSE_LINKS = 0.5
# Preference for an element the page itself marks as the article (<article>,
# itemprop=articleBody, class "entry-content"): teaser lists elsewhere on the page
# can hold more prose than a short article.
_MARKED_BONUS = 2.0  # on a plateau of dev F1 (docs/benchmarks.md: thresholds)
# A '…'-cut snippet opening with a linked headline this long is a teaser.
_TEASER_HEADLINE_WORDS = 4
# An element with a furniture class that still holds this share of the page's
# prose is the article itself (WordPress tags the <article> "category-news tag-x").
_WRAPPER_SHARE = 0.4
_LISTS = frozenset({"ol", "ul", "dl"})


def prose_chars(block: RawBlock) -> int:
    """How much readable prose a block holds (0 for headings, links, fragments)."""
    if block.kind not in ("paragraph", "quote", "list_item"):
        return 0
    text = block.text
    min_chars = _PROSE_MIN_CHARS_CJK if _CJK.search(text) else _PROSE_MIN_CHARS
    if len(text) < min_chars or block.link_density > _MAX_PROSE_LINKS:
        return 0
    if not _SENTENCE_END.search(text) and text.count(",") < 2:
        return 0
    return int(len(text) * (1 - block.link_density))


def _ancestors(el: HtmlElement) -> Iterable[HtmlElement]:
    yield el
    yield from el.iterancestors()


def prose_by_element(blocks: list[RawBlock]) -> dict[HtmlElement, int]:
    """Prose characters under each element (summed over its blocks)."""
    totals: dict[HtmlElement, int] = defaultdict(int)
    for block in blocks:
        chars = prose_chars(block)
        if chars:
            for el in _ancestors(block.element):
                totals[el] += chars
    return totals


def mark_furniture(root: HtmlElement) -> Marks:
    """Every element whose tag, role or class marks it as furniture, with the reason."""
    marks: Marks = {}
    for el in root.iter():
        reason = element_reason(el) if isinstance(el.tag, str) else None
        if reason:
            marks[el] = reason
    return marks


def furniture_reason(
    block: RawBlock,
    prose: dict[HtmlElement, int],
    total: int,
    marks: Marks,
    stop: HtmlElement | None = None,
) -> str | None:
    """The reason the nearest marked ancestor (below `stop`) gives for skipping a block."""
    for el in _ancestors(block.element):
        if el is stop:
            return None
        reason = marks.get(el)
        if reason and prose.get(el, 0) < _WRAPPER_SHARE * total:
            return reason
    return None


def _gain(block: RawBlock) -> int:
    """What a block adds to the score of an element it is in: prose counts for,
    link lists against, and short unlinked text (dates, labels) not at all."""
    if block.link_density > _MAX_PROSE_LINKS or is_teaser(block):
        return -len(block.text)
    prose = prose_chars(block)
    if prose:
        return prose
    if marked_as_body(block.element):
        return int(len(block.text) * (1 - block.link_density))
    return 0


def marks_body(el: HtmlElement) -> bool:
    """True when the page marks the element as the article (tag, itemprop, class)."""
    return (
        el.tag in ("article", "main")
        or el.get("itemprop") in ("articleBody", "text")
        or is_content_class(el)
    )


def marked_as_body(el: HtmlElement) -> bool:
    """True inside an element the page marks as the article body."""
    return any(marks_body(node) for node in _ancestors(el))


def _is_furniture(el: HtmlElement, prose: dict[HtmlElement, int], total: int, marks: Marks) -> bool:
    return el in marks and prose.get(el, 0) < _WRAPPER_SHARE * total


def choose_container(blocks: list[RawBlock], marks: Marks) -> HtmlElement | None:
    """The element with the most prose and least furniture under it.

    A block counts for an element when no furniture element lies between them,
    and against it otherwise, so an <aside> or a nested teaser <article> can
    still win as its own container but weighs against every element above it.
    """
    prose = prose_by_element(blocks)
    total = max(prose.values(), default=0)
    if not total:
        # No prose anywhere: a table or list article, found only by its marking.
        marked = (el for b in blocks for el in _ancestors(b.element) if marks_body(el))
        return next(marked, None)
    score: dict[HtmlElement, int] = defaultdict(int)
    for block in blocks:
        if block.kind in ("table", "code"):
            continue
        good = _gain(block)
        furniture_below = False
        for el in _ancestors(block.element):
            score[el] += good if not furniture_below else -len(block.text)
            if not furniture_below and _is_furniture(el, prose, total, marks):
                furniture_below = True
    candidates = [el for el in prose if prose[el] > 0]
    best = max(candidates, key=lambda el: score[el] * (_MARKED_BONUS if marks_body(el) else 1))
    parent = best.getparent()
    if best.tag in _LISTS and parent is not None and parent.tag not in ("body", "html"):
        return parent  # a list is never the whole article: its intro and ingredients sit beside it
    return best


def judge(
    block: RawBlock,
    container: HtmlElement,
    prose: dict[HtmlElement, int],
    title: str,
    marks: Marks,
) -> str | None:
    """Why a block inside the container is not read, or None to read it."""
    total = prose.get(container, 0)
    reason = furniture_reason(block, prose, total, marks, stop=container)
    if reason:
        return reason
    if block.kind in ("table", "code"):
        return block.kind
    text = block.text
    if block.kind == "h1" or _same_text(text, title):
        return "title"
    if is_stock_phrase(text):
        return "boilerplate"
    if block.link_density > 0.6 and block.kind != "heading":
        return "related"
    if is_teaser(block):
        return "related"
    return None


def is_teaser(block: RawBlock) -> bool:
    """A snippet cut off with '…' that opens with a linked headline: a teaser."""
    if block.kind not in ("list_item", "paragraph") or block.link_density > _MAX_PROSE_LINKS:
        return False
    if not block.text.rstrip().endswith(("...", "…")):
        return False  # digest articles also open items with a linked headline
    return lead_link_words(block.element) >= _TEASER_HEADLINE_WORDS


def lead_link_words(el: HtmlElement) -> int:
    """Words of the link the element's text starts with (0 if it starts with plain text)."""
    for node in el.iter():
        if node.tag == "a":
            return len(node.text_content().split())
        if node.text and node.text.strip():
            return 0
    return 0


def _same_text(a: str, b: str) -> bool:
    return bool(b) and letters(a) == letters(b)
