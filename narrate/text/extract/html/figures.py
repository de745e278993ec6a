"""Figures a page did not mark as figures: a box holding a picture and one line about it.

Many sites write `<div><img ...><span>Figure: what the picture shows</span></div>` with
no <figure>, no <figcaption> and no class naming a caption. Its shape says what it is,
in any language: the box's only content is the picture (perhaps inside a link) and one
short text element. Such a box gets `role="figure"` before the pictures are stripped,
and the rules drop it as a `caption` like a marked one.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from narrate.text.extract.words import word_count

# Boxes a picture and its caption come in; a heading or a list item with an icon in
# front of its text is not a figure.
_BOXES = frozenset({"div", "span", "p", "a"})
_PICTURES = frozenset({"img", "picture"})
# A caption says what the picture shows in a sentence or two; a longer text beside a
# picture is a paragraph with an illustration.
_CAPTION_WORDS = 40
# An image drawn smaller than this (in pixels, as its attributes say) is an icon.
_ICON_PIXELS = 64


def mark_figures(root: HtmlElement) -> None:
    """Give `role="figure"` to each box that holds only a picture and one short caption."""
    for picture in list(root.iter(*_PICTURES)):
        box = _box_of(picture)
        if box is not None and _is_figure(box, picture):
            box.set("role", "figure")


def _box_of(picture: HtmlElement) -> HtmlElement | None:
    """The box around the picture, past a link wrapping the picture alone."""
    parent = picture.getparent()
    if parent is not None and parent.tag == "a" and len(parent) == 1:
        parent = parent.getparent()
    return parent if parent is not None and parent.tag in _BOXES else None


def _is_figure(box: HtmlElement, picture: HtmlElement) -> bool:
    if box.get("role") or _is_icon(picture):
        return False
    children = list(box)
    if len(children) != 2 or _own_text(box):
        return False
    texts = [c for c in children if c is not picture and picture not in c.iterdescendants()]
    if len(texts) != 1 or not isinstance(texts[0].tag, str):
        return False
    text = texts[0].text_content()
    return texts[0].tag not in _PICTURES and 0 < word_count(text) <= _CAPTION_WORDS


def _own_text(box: HtmlElement) -> bool:
    """Text of the box's own, beside its children's (a paragraph around an inline image)."""
    return bool((box.text or "").strip()) or any((c.tail or "").strip() for c in box)


def _is_icon(picture: HtmlElement) -> bool:
    sizes = [picture.get("width", ""), picture.get("height", "")]
    numbers = [int(s) for s in sizes if s.strip().isdigit()]
    return any(n < _ICON_PIXELS for n in numbers)
