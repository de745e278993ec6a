"""A newsletter's own apparatus that the page extractor may still read, found by its shape.

Two shapes the HTML rules do not know, both common to mailing tools whatever
the language: the footer around the unsubscribe link (the link the message's
`List-Unsubscribe` header names, RFC 2369, which bulk senders must give), and a
boxed promotion inside the letter (a region with its own background or border
holding a call-to-action button: a sponsor, a paid upgrade, a referral offer).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from narrate.core.models import Block, Dropped
from narrate.text.extract.html.dom import RawBlock, parse_html, squash, strip_unread, walk_blocks

_ANGLED = re.compile(r"<([^>]+)>")
# A footer or a promotion box is short: a larger region is the letter itself.
_REGION_MAX_CHARS = 700
_REGION_MAX_SHARE = 0.5
# A region set apart: a background that is not white or none, or a drawn border.
_BOX_STYLE = re.compile(
    r"background(?:-color)?\s*:\s*(?!transparent|none|#?f{3}(?:f{3})?\b|white)|border\s*:\s*\d",
    re.I,
)
_BUTTON_STYLE = re.compile(r"background|border-radius|padding", re.I)
_BUTTON_MAX_WORDS = 6


def unsubscribe_links(header: str | None) -> frozenset[str]:
    """The http(s) URLs of a List-Unsubscribe header (`<https://...>, <mailto:...>`)."""
    urls = _ANGLED.findall(header or "")
    return frozenset(_bare(u) for u in urls if u.lower().startswith(("http://", "https://")))


def drop_apparatus(
    blocks: list[Block], dropped: list[Dropped], html: str, unsubscribe: frozenset[str]
) -> tuple[list[Block], list[Dropped]]:
    """The kept blocks without the unsubscribe footer and promotion boxes; the dropped ones
    with those reasons where they apply (a sponsor box the rules dropped as a table)."""
    root = parse_html(html)
    if root is None:
        return blocks, dropped
    strip_unread(root)
    reasons: dict[str, str] = {}
    # a region is never half the letter or more: a short letter may hold its own
    # unsubscribe link or button beside its text
    limit = min(_REGION_MAX_CHARS, _REGION_MAX_SHARE * sum(len(b.text) for b in blocks))
    for link in root.iter("a"):
        href = _bare(link.get("href") or "")
        if href and href in unsubscribe:
            _mark(_region(link, _anything, limit), "unsubscribe", reasons)
        elif _is_button(link):
            _mark(_region(link, _is_box, limit), "promotion", reasons)
    kept = [b for b in blocks if b.text not in reasons]
    relabelled = [Dropped(d.text, reasons.get(d.text, d.reason)) for d in dropped]
    cut = [Dropped(b.text, reasons[b.text]) for b in blocks if b.text in reasons]
    return kept, relabelled + cut


def _bare(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _is_button(link: HtmlElement) -> bool:
    """A call to action: a short link drawn as a button (its own background, rounded,
    padded), or alone in a cell that has a background."""
    words = len(squash(link.text_content()).split())
    if not 0 < words <= _BUTTON_MAX_WORDS:
        return False
    if _BUTTON_STYLE.search(link.get("style") or ""):
        return True
    cell = link.getparent()
    return (
        cell is not None
        and cell.tag == "td"
        and bool(_BOX_STYLE.search(cell.get("style") or ""))
        and squash(cell.text_content()) == squash(link.text_content())
    )


def _is_box(el: HtmlElement) -> bool:
    return el.tag in ("table", "div", "td") and bool(_BOX_STYLE.search(el.get("style") or ""))


def _anything(el: HtmlElement) -> bool:
    return True


def _region(
    link: HtmlElement, wanted: Callable[[HtmlElement], bool], limit: float
) -> HtmlElement | None:
    """The largest ancestor of `link` that `wanted` accepts and whose text is under `limit`."""
    best = None
    for el in link.iterancestors():
        if el.tag in ("body", "html") or len(squash(el.text_content())) > limit:
            break
        if wanted(el):
            best = el
    return best


def _mark(region: HtmlElement | None, reason: str, reasons: dict[str, str]) -> None:
    if region is None:
        return
    found: list[RawBlock] = []
    walk_blocks(region, found)
    for block in found:
        reasons.setdefault(block.text, reason)
