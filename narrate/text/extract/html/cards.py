"""Galleries of link cards: a list whose items are each one link wrapping a block (a
picture and a name, a headline box) links to other pages, whatever the site.

The block model judges each item alone and may read a few of them, so the gallery is
found after it, by its shape: at least `_GALLERY` items of one list, each item's text
wholly the text of one link that holds a block-level element. A list article's items
(a linked name followed by words of its own, or a bare link) are no cards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lxml.html import HtmlElement

from narrate.text.extract.html.dom import BLOCK_LEVEL, RawBlock, squash

LINK_CARDS = "link-list"
_GALLERY = 3  # cards in one list before it is a gallery


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
