"""The text a page declares as a schema.org HowTo (its description and its steps) or
as a Recipe's instructions.

A how-to page may build its steps with JavaScript from the ld+json it declares, so its
markup shows a sliver of them (homify's DIY pages show a browser notice and the
description). The declared text is read like a declared articleBody
(`html/extract.declared_body`: only when it is three times longer than what the markup
shows). The description and each step's text are HTML fragments; each paragraph or list
entry in them becomes a line.
"""

from __future__ import annotations

from typing import Any

import lxml.html
from lxml.etree import ParserError

from narrate.text.extract.html.dom import squash

_HOWTO = "HowTo"
_RECIPE = "Recipe"
_LINES = ("p", "li", "h2", "h3", "h4")


def declared_howto(objects: list[dict[str, Any]]) -> str | None:
    """The description and the steps of the page's HowTo object (among its ld+json
    `objects`), one line a paragraph."""
    howto = _first_of_type(objects, _HOWTO)
    if howto is None:
        return None
    lines = [*_lines(howto.get("description")), *_steps(howto.get("step"))]
    return "\n".join(lines) or None


def declared_steps(objects: list[dict[str, Any]]) -> tuple[str, ...]:
    """A Recipe's instructions, one line a step: the sequence rules read a block the
    page shows outside its article element when it is one of them (`html/tidy.py`)."""
    recipe = _first_of_type(objects, _RECIPE)
    return () if recipe is None else tuple(_steps(recipe.get("recipeInstructions")))


def _first_of_type(objects: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The first object whose @type is `name`, or lists it among its types."""
    for obj in objects:
        kind = obj.get("@type", "")
        if kind == name or (isinstance(kind, list) and name in kind):
            return obj
    return None


def _steps(value: Any) -> list[str]:
    """The text of a step, a list of them, or a section (HowToSection) of them."""
    if isinstance(value, str):
        return _lines(value)
    if isinstance(value, list):
        return [line for item in value for line in _steps(item)]
    if isinstance(value, dict):
        return [*_lines(value.get("text")), *_steps(value.get("itemListElement"))]
    return []


def _lines(fragment: Any) -> list[str]:
    """An HTML fragment's paragraphs and list entries (plain text is one line)."""
    if not isinstance(fragment, str) or not fragment.strip():
        return []
    try:
        box = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return [squash(fragment)]
    parts = [squash(el.text_content()) for el in box.iter(*_LINES) if el.find("p") is None]
    parts = [p for p in parts if p]
    return parts or [squash(box.text_content())]
