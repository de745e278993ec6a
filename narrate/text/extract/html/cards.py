"""Galleries of link cards, and a closing call to action: links to other pages, whatever
the site.

A gallery is a list whose items are each one link wrapping a block (a picture and a
name, a headline box).

The block model judges each item alone and may read a few of them, so the gallery is
found after it, by its shape: at least `_GALLERY` items of one list, each item's text
wholly the text of one link that holds a block-level element. A list article's items
(a linked name followed by words of its own, or a bare link) are no cards.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from lxml.html import HtmlElement

from narrate.text.extract.html.dom import BLOCK_LEVEL, RawBlock, squash
from narrate.text.extract.words import SENTENCE_END, word_count

LINK_CARDS = "link-list"
PROMO = "promo"
_GALLERY = 3  # cards in one list before it is a gallery
# A link whose text ends in an arrow points on to somewhere else ('立即前往>>', 'Jetzt
# testen →', 'Lire la suite »'); '»' that closes a '«' is a quotation, not an arrow.
# Or a link of a few words standing as a sentence of its own after a short block's
# last stop: an invitation, not the end of the article's own sentence.
_ONWARDS_LINK_WORDS = 4
_ONWARDS_BLOCK_WORDS = 20
_ARROW = re.compile(r"(?:>>|»|›|→|⟶|➔|➜)\s*$")


def card_reasons(blocks: Sequence[RawBlock], reasons: list[str | None]) -> list[str | None]:
    """The reasons with the items of every gallery of link cards dropped."""
    cards = [_is_card(b) for b in blocks]
    per_list = Counter(b.element.getparent() for b, card in zip(blocks, cards, strict=True) if card)
    return [
        LINK_CARDS
        if reason is None and card and per_list[b.element.getparent()] >= _GALLERY
        else reason
        for b, card, reason in zip(blocks, cards, reasons, strict=True)
    ]


def _is_card(block: RawBlock) -> bool:
    """A list item whose whole text is one link's, and that link wraps a block."""
    item = block.element
    if block.kind != "list_item" or item.tag != "li" or not block.text:
        return False
    links = list(item.iter("a"))
    return (
        len(links) == 1
        and squash(links[0].text_content()) == squash(item.text_content())
        and _holds_block(links[0])
    )


def _holds_block(link: HtmlElement) -> bool:
    return any(isinstance(el.tag, str) and el.tag in BLOCK_LEVEL for el in link.iterdescendants())


def promo_reasons(blocks: Sequence[RawBlock], reasons: list[str | None]) -> list[str | None]:
    """The reasons with a closing call to action dropped: the last blocks read, when each
    ends in a link whose text ends in an arrow. Baidu Baike closes its articles with
    an editing-service notice ending in '立即前往>>' ('go there now'); a paragraph of
    the article ends in its own words, not in a link onwards (figures: docs/benchmarks.md,
    thresholds)."""
    out = list(reasons)
    for i in reversed(range(len(blocks))):
        if out[i] is not None or not blocks[i].text.strip():
            continue
        if not _ends_in_arrow_link(blocks[i]):
            break
        out[i] = PROMO
    return out


def _ends_in_arrow_link(block: RawBlock) -> bool:
    """The block's text ends with a link's, and the link's text ends in an arrow, or
    the link is a short sentence of its own after the block's last stop ('Do you want
    to be informed of our actions? Sign up here')."""
    links = list(block.element.iter("a"))
    if not links or block.kind in ("heading", "h1", "code", "table"):
        return False
    text = squash(links[-1].text_content())
    whole = squash(block.text)
    if not text or not whole.endswith(text):
        return False
    if _ARROW.search(text) and not ("«" in text and text.endswith("»")):
        return True
    before = whole[: -len(text)].rstrip()
    return (
        word_count(text) <= _ONWARDS_LINK_WORDS
        and word_count(whole) <= _ONWARDS_BLOCK_WORDS
        and bool(SENTENCE_END.search(before))
    )


# A list the rules dropped whole as other pages' links ('related', 'nav'): the block model
# judges each item alone and may read one or two (a dated headline looks like a sentence);
# when it reads no more than half of them, the list stays dropped as a whole.
_LIST_DROPPED = frozenset({"related", "nav"})


def list_reasons(
    blocks: Sequence[RawBlock], rules: Sequence[str | None], reasons: list[str | None]
) -> list[str | None]:
    """The reasons with the items the model read of a link list the rules dropped whole
    given back the rules' reason (figures: docs/benchmarks.md, thresholds)."""
    lists: dict[HtmlElement, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.kind == "list_item" and block.element.tag == "li":
            lists.setdefault(block.element.getparent(), []).append(i)
    out = list(reasons)
    for items in lists.values():
        if len(items) < 2 or any(rules[i] not in _LIST_DROPPED for i in items):
            continue
        read = [i for i in items if reasons[i] is None]
        if 2 * len(read) <= len(items):
            for i in read:
                out[i] = rules[i]
    return out
