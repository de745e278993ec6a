"""The last look before a page is refused as 'no article': a short article under its <h1>.

The container rules need prose: paragraphs of 60+ characters ending in a full
stop. A notice of two short sentences, a poem in lines without stops or a
one-paragraph note has none, so the rules find no container and the page
would be refused although it shows an article. Pages that truly have none
have no text under their headline either: an empty page or a script shell
(no <h1> and no text), a page of links (every block under the <h1> is a link),
a login wall (a password field; what it shows is a form, not an article).

So when the rules find no container, the headline's section is read: the
lowest element around the page's <h1> that holds, after the <h1> and outside
any menu, footer, form or aside, unlinked text of at least a sentence's length.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from narrate.core.models import Block, Dropped
from narrate.text.extract.html.body import mark_furniture
from narrate.text.extract.html.dom import RawBlock
from narrate.text.extract.html.meta import PageMeta
from narrate.text.extract.html.rules import is_stock_phrase
from narrate.text.extract.html.tidy import tidy

_TEXT_KINDS = frozenset({"paragraph", "quote", "list_item"})
_MAX_LINKS = 0.5  # a block more linked than this is a link, not text
# Words of unlinked text under the headline that make an article: one short
# sentence ('Closed on Monday, 3 May, for the holiday.'), not a lone label.
_MIN_WORDS = 8


def has_login_form(root: HtmlElement) -> bool:
    """A password field: the page asks the reader to log in (read before controls are stripped)."""
    return any(str(el.get("type") or "").lower() == "password" for el in root.iter("input"))


def short_article(
    root: HtmlElement, raw: list[RawBlock], meta: PageMeta
) -> tuple[list[Block], list[Dropped]]:
    """The blocks under the page's <h1> when they make a short article, else nothing read."""
    refused = [Dropped(b.text, "boilerplate") for b in raw]
    head = next((i for i, b in enumerate(raw) if b.kind == "h1"), None)
    if head is None:
        return [], refused
    marks = mark_furniture(root)
    for section in raw[head].element.iterancestors():
        readable = [i for i in range(head + 1, len(raw)) if _readable(raw[i], section, marks)]
        words = sum(len(raw[i].text.split()) for i in readable if raw[i].kind in _TEXT_KINDS)
        if words >= _MIN_WORDS:
            chosen = set(readable)
            judged = [
                (block, None if i in chosen else "title" if i == head else "outside-article")
                for i, block in enumerate(raw)
            ]
            return tidy(judged, meta, read_tables=False)
    return [], refused


def _readable(block: RawBlock, section: HtmlElement, marks: dict[HtmlElement, str]) -> bool:
    """Text or a subheading inside `section`, with no menu, footer or form around it."""
    if block.kind not in _TEXT_KINDS and block.kind != "heading":
        return False
    if block.link_density > _MAX_LINKS or is_stock_phrase(block.text):
        return False
    for el in (block.element, *block.element.iterancestors()):
        if el is section:
            return True
        if el in marks:
            return False
    return False
