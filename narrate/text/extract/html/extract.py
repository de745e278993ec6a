"""HTML pages -> Article: metadata, then the article body as ordered blocks.

Our own steps on lxml (a fast, tolerant parser) rather than a general extractor, because
`--show-dropped` needs a reason for every block left out and because a general extractor
keeps title and date lines, hover cards and teaser lists and loses bodies split over sibling
containers. One module a step: parse and strip unread markup (`html/dom.py`), read the
metadata (`html/meta.py`, `html/titles.py`), choose the container by prose minus furniture,
preferring what the page marks as the article, and judge each block by its markup
(`html/body.py`, `html/rules.py`); then the block model's second look (`html/model.py` over
`html/features.py`: a logistic regression over structural features, no words and no site
names, that reads a dropped block or drops a kept one only when sure), weighing
trafilatura's reading of the same tree as a vote (`html/second.py`); then the rules over
the sequence (`html/tidy.py`), galleries of link cards (`html/cards.py`), the apparatus of
reference pages (`html/apparatus.py`) and the last look before refusing a page
(`html/short.py`). Rules are structural (tags, roles, class names, link density, '…'-cut
teasers); phrase lists are short and multilingual.

A list is never the whole article (its parent is the container), and a page whose ld+json
articleBody is three times longer than its shown text is read from the declared body.
How the design was chosen, with the figures: docs/benchmarks.md ("How the HTML extractor
was chosen"); `make bench-extract` measures it again.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from narrate.core.models import UNTITLED, Article, Block, Document, Dropped
from narrate.text.extract.budget import parse_html_within, second_opinion_note
from narrate.text.extract.html.apparatus import apparatus_reasons, drop_marks
from narrate.text.extract.html.body import (
    choose_container,
    furniture_reason,
    judge,
    mark_furniture,
    prose_by_element,
    prose_chars,
)
from narrate.text.extract.html.cards import card_reasons, list_reasons, promo_reasons
from narrate.text.extract.html.dom import RawBlock, strip_unread, walk_blocks
from narrate.text.extract.html.features import JudgedPage, Verdict
from narrate.text.extract.html.figures import mark_figures
from narrate.text.extract.html.meta import PageMeta, read_meta
from narrate.text.extract.html.model import reconsider
from narrate.text.extract.html.second import coverage, read_agreed, second_text
from narrate.text.extract.html.short import has_login_form, short_article
from narrate.text.extract.html.tidy import reads_tables, tidy


def extract_html(doc: Document) -> Article:
    """Extract headline, byline, metadata and the body blocks of an HTML page."""
    root, over_budget = parse_html_within(doc.text.encode("utf-8"))
    if root is None:
        return Article(title=UNTITLED, blocks=(), source=doc.source)
    marks = drop_marks(root)  # before the headline is read: a heading's '¶' link goes
    meta = read_meta(root, doc.url)
    login_wall = has_login_form(root)
    mark_figures(root)  # before the pictures go with strip_unread
    strip_unread(root)
    body = root.find("body")
    raw: list[RawBlock] = []
    walk_blocks(body if body is not None else root, raw)
    kept, dropped = _body_blocks(root, raw, meta, login_wall, doc.url)
    kept, dropped = declared_body(kept, dropped + marks, meta.body)
    if over_budget is not None:
        dropped = [*dropped, over_budget]
    return Article(
        title=meta.title or UNTITLED,
        blocks=tuple(kept),
        byline=meta.byline,
        site=meta.site,
        source=doc.source,
        published=meta.published,
        language=meta.language,
        image=meta.image,
        dropped=tuple(dropped),
    )


# A page whose declared articleBody is this many times longer than what its markup
# shows builds the article with JavaScript: read the declared text instead.
_DECLARED_BODY_RATIO = 3.0
_DECLARED_BODY_MIN_CHARS = 500


def declared_body(
    kept: list[Block], dropped: list[Dropped], body: str | None
) -> tuple[list[Block], list[Dropped]]:
    """The ld+json articleBody's paragraphs when the markup shows only a sliver of it."""
    shown = sum(len(b.text) for b in kept)
    if not body or len(body) < max(_DECLARED_BODY_MIN_CHARS, _DECLARED_BODY_RATIO * shown):
        return kept, dropped
    paragraphs = [" ".join(p.split()) for p in body.splitlines()]
    declared = [Block("paragraph", p) for p in paragraphs if p]
    return declared, dropped + [Dropped(b.text, "shorter-than-declared") for b in kept]


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def rule_verdicts(
    root: HtmlElement, raw: list[RawBlock], meta: PageMeta
) -> tuple[HtmlElement | None, list[Verdict]]:
    """The rules' container and their verdict on every block (inside it or not, and why)."""
    marks = mark_furniture(root)
    container = choose_container(raw, marks)
    if container is None:
        return None, [Verdict(False, "boilerplate") for _ in raw]
    prose = prose_by_element(raw)
    total = prose.get(container, 0)
    verdicts: list[Verdict] = []
    for block in raw:
        if _inside(block.element, container):
            reason = judge(block, container, prose, meta.title or "", marks)
            verdicts.append(Verdict(True, reason))
        else:
            reason = furniture_reason(block, prose, total, marks)
            # a table outside the container is never the table article `tidy` reads
            outside = reason if reason and reason != "table" else "outside-article"
            verdicts.append(Verdict(False, outside))
    return container, verdicts


# A page with a password field and less prose than this is a login wall: it says a
# sentence or two ('sign in to keep reading'), whatever element it marks as its main
# part. The dev pages with a login box beside their article have 480+ characters.
_LOGIN_WALL_PROSE = 200


def _body_blocks(
    root: HtmlElement,
    raw: list[RawBlock],
    meta: PageMeta,
    login_wall: bool,
    url: str | None,
) -> tuple[list[Block], list[Dropped]]:
    """The rules' verdicts, the block model's second look, then the sequence rules."""
    if login_wall and sum(prose_chars(b) for b in raw) < _LOGIN_WALL_PROSE:
        return [], [Dropped(b.text, "login") for b in raw]
    container, verdicts = rule_verdicts(root, raw, meta)
    if container is None:  # no prose: a short article under its <h1>, or no article
        return short_article(root, raw, meta)
    unasked = second_opinion_note(root)  # a page too large for it: the weights without it
    second = coverage(raw, second_text(root, url) if unasked is None else None)
    reasons = read_agreed(raw, reconsider(JudgedPage(raw, verdicts, container, second)), second)
    kept, dropped = after_model(raw, verdicts, reasons, meta)
    return kept, dropped + ([unasked] if unasked is not None else [])


def after_model(
    raw: list[RawBlock], verdicts: list[Verdict], reasons: list[str | None], meta: PageMeta
) -> tuple[list[Block], list[Dropped]]:
    """The steps after the block model: the apparatus, galleries of cards, the sequence
    rules (`benchmarks/train_blocks.py` scores its cross-validation through this too)."""
    reasons = list_reasons(raw, [v.reason for v in verdicts], reasons)
    reasons = promo_reasons(raw, card_reasons(raw, apparatus_reasons(raw, reasons)))
    read_tables = reads_tables(
        [(b, v.reason) for b, v in zip(raw, verdicts, strict=True) if v.inside]
    )
    return tidy(list(zip(raw, reasons, strict=True)), meta, read_tables)
