"""A second opinion on which blocks are article text: trafilatura's reading of the page.

trafilatura (a well-kept extractor with its own rules and fallbacks) reads the
same cleaned tree once per page; each of our blocks then gets the share of its
4-token shingles found in trafilatura's text. The block model weighs that share
with its other features (`html/features`): it is a vote, never a verdict, and
trafilatura cannot add text of its own, only agree or disagree with ours.
When trafilatura is missing, raises or finds nothing, every block's share is
`None` and the model uses its weights fitted without a second opinion.

Why a runtime dependency: on pages of sites never tuned on, the vote raised
phrase F1 in site-disjoint cross-validation on both halves at no cost on the dev
pages (the figures and the options rejected: docs/benchmarks.md, "How the HTML
extractor was chosen"). It needs `lxml_html_clean` with lxml >= 5.2. Cost: one
`extract` call per HTML page on the tree we already parsed (trafilatura copies
it, no second parse), about as long as our own extraction, and an import on the
first HTML page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from narrate.text.extract.html.dom import RawBlock

# Off only to measure the extractor without it (benchmarks/extraction.py, "narrate alone").
ENABLED = True
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_LOG = logging.getLogger("trafilatura")
# trafilatura logs a warning for every page it finds nothing on; that is an answer here.
_LOG.addHandler(logging.NullHandler())
_LOG.propagate = False


def second_text(root: HtmlElement, url: str | None) -> str | None:
    """trafilatura's article text for the (already cleaned) tree, or None."""
    if not ENABLED:
        return None
    try:
        import trafilatura  # imported on first use: 0.3 s, only for HTML pages
    except ImportError:
        return None
    try:
        # it copies the tree before it cleans it: ours stays as it is
        text = trafilatura.extract(
            root, url=url, include_comments=False, include_tables=True, fast=False
        )
    except Exception:
        return None
    return text or None


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _shingles(tokens: list[str]) -> list[tuple[str, ...]]:
    if len(tokens) < _SHINGLE:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)]


def coverage(blocks: Sequence[RawBlock], text: str | None) -> list[float | None]:
    """Per block, the share of its shingles in the second opinion's text (None: no opinion)."""
    if text is None:
        return [None] * len(blocks)
    tokens = _tokens(text)
    known = set(_shingles(tokens))
    # every run of fewer words than a shingle, so a short block is looked up, not searched for
    # (a search through the whole text per block grew with the square of the page)
    runs = {tuple(tokens[i : i + n]) for n in range(1, _SHINGLE) for i in range(len(tokens))}
    shares: list[float | None] = []
    for block in blocks:
        words = _tokens(block.text)
        if len(words) < _SHINGLE:  # too short for a shingle: the words in a row
            shares.append(float(tuple(words) in runs) if words else 0.0)
            continue
        own = _shingles(words)
        shares.append(sum(s in known for s in own) / len(own))
    return shares


_AGREED_SHARE = 0.9  # set beforehand, not fitted: trafilatura reads nearly all of it
# Kinds the block model leaves to the rules, dropped under their own name.
_AGREED_KINDS = frozenset({"table", "code"})
# A listing longer than this is reference to look at, not text to listen to: minutes
# of symbols read aloud. The ones read on the dev pages have 1 to 33 lines.
CODE_MAX_LINES = 40


def read_agreed(
    blocks: Sequence[RawBlock], reasons: list[str | None], second: Sequence[float | None]
) -> list[str | None]:
    """Read a table or a code listing inside the article that trafilatura reads too.

    The rules drop both under their own name, and the block model leaves them alone:
    a table is read when it is the article (`html/tidy.reads_tables`), code never.
    A data table in the text (prices, results) or the article's own code (a
    tutorial's commands) that trafilatura reads, nearly all of it, is read; decided
    per element, so no half tables; a long listing stays out (its gain on both site
    halves: docs/benchmarks.md, "Extraction rules and thresholds").
    """
    parts: dict[HtmlElement, list[int]] = {}
    for i, (block, reason) in enumerate(zip(blocks, reasons, strict=True)):
        if block.kind in _AGREED_KINDS and reason == block.kind:
            parts.setdefault(block.element, []).append(i)
    out = list(reasons)
    for at in parts.values():
        if blocks[at[0]].kind == "code" and len(at) > CODE_MAX_LINES:
            continue  # one block a line (`html/dom.walk_blocks`)
        shares = [second[i] for i in at]
        sizes = [len(blocks[i].text) for i in at]
        if any(s is None for s in shares) or not sum(sizes):
            continue
        agreed = sum(n * (s or 0.0) for n, s in zip(sizes, shares, strict=True)) / sum(sizes)
        if agreed >= _AGREED_SHARE:
            for i in at:
                out[i] = None
    return out
