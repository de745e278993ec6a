"""HTML pages -> Article: metadata, then the article body as ordered blocks.

Why our own extractor rather than trafilatura: on the dev set (63 pages, 42 sites,
scored on body blocks), trafilatura 2.3.1 gives mean F1 0.923 (0.79 of pages
>= 0.9), 0.941 / 0.89 with favor_precision, and misses bodies split over sibling
containers (WIRED: half the article), reads title/date lines and inline hover
cards, and cannot tell us *why* it dropped something. Our steps, each in its own
module: parse and strip unread markup (`html_dom`), read metadata (`html_meta`),
choose the container by prose-minus-furniture score and judge each block by its
markup (`html_body`, `html_rules`), then tidy the edges (`html_tidy`). Figures and
speed are in benchmarks/extraction.py (run it to see the current numbers).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from narrate.extract.html_body import (
    choose_container,
    furniture_reason,
    judge,
    mark_furniture,
    prose_by_element,
)
from narrate.extract.html_dom import RawBlock, parse_html, strip_unread, walk_blocks
from narrate.extract.html_meta import PageMeta, read_meta
from narrate.extract.html_tidy import tidy
from narrate.models import Article, Block, Document, Dropped

UNTITLED = "Untitled"


def extract_html(doc: Document) -> Article:
    """Extract headline, byline, metadata and the body blocks of an HTML page."""
    root = parse_html(doc.text)
    if root is None:
        return Article(title=UNTITLED, blocks=(), source=doc.source)
    meta = read_meta(root, doc.url)
    strip_unread(root)
    body = root.find("body")
    raw: list[RawBlock] = []
    walk_blocks(body if body is not None else root, raw)
    kept, dropped = _body_blocks(root, raw, meta)
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


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _body_blocks(
    root: HtmlElement, raw: list[RawBlock], meta: PageMeta
) -> tuple[list[Block], list[Dropped]]:
    """Judge every block of the chosen container; everything outside it is dropped."""
    marks = mark_furniture(root)
    container = choose_container(raw, marks)
    if container is None:
        return [], [Dropped(b.text, "boilerplate") for b in raw]
    prose = prose_by_element(raw)
    judged: list[tuple[RawBlock, str | None]] = []
    dropped: list[Dropped] = []
    for block in raw:
        if _inside(block.element, container):
            judged.append((block, judge(block, container, prose, meta.title or "", marks)))
        else:
            reason = furniture_reason(block, prose, prose.get(container, 0), marks)
            dropped.append(Dropped(block.text, reason or "outside-article"))
    kept, tidied_out = tidy(judged, meta)
    return kept, dropped + tidied_out
