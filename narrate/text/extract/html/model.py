"""The block model: a second look at each block the rules judged, learned from pages.

A logistic regression over `html/features.FEATURES` gives each block the
chance that it is article text. It overrides the rules only when sure: a block
the rules kept is dropped ("unlike-article") below `DROP_BELOW`, a block they
dropped is read above `KEEP_ABOVE`. Headlines (h1, the title) stay dropped.
With a second opinion on the page (`html/second`: how much of each block
trafilatura reads too) the model weighs it like any other feature; a kept block
it drops where trafilatura left it out as well is "second-opinion-disagrees", and so are
the closing blocks it doubts (below 0.5) that trafilatura left out too.
Without one (trafilatura missing, failed or found nothing) the weights fitted
without it (`ALONE_WEIGHTS`) decide, as before it existed.
The weights live in `html/weights` (numbers only), written by
`benchmarks/train_blocks.py`, which also reports the site-disjoint
cross-validation that justified them.
"""

from __future__ import annotations

import numpy as np

from narrate.text.extract.html import weights as html_weights
from narrate.text.extract.html.features import FEATURES, JudgedPage, features
from narrate.text.extract.trained import names_digest

UNLIKE_ARTICLE = "unlike-article"
# Dropped by the model where the second opinion (`html/second`) left the block out too.
SECOND_OPINION = "second-opinion-disagrees"
_SECOND_LACKS = 0.5
_NEVER_READ = frozenset({"title"})
# Headlines, and tables and code, which the sequence rules read whole or not at all.
RULES_ONLY = frozenset({"h1", "table", "code"})


def probabilities(matrix: np.ndarray, alone: bool = False) -> np.ndarray:
    """The chance, per row, that the block is article text.

    `alone`: there is no second opinion on this page; the weights fitted without one.
    """
    chosen = html_weights.ALONE_WEIGHTS if alone else html_weights.WEIGHTS
    weights = np.asarray(chosen, dtype=np.float64)
    if weights.shape != (len(FEATURES),) or html_weights.FEATURES_DIGEST != names_digest(FEATURES):
        raise ValueError("html/weights.py does not match features.py: retrain the block model")
    z = matrix @ weights + (html_weights.ALONE_BIAS if alone else html_weights.BIAS)
    result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return result


def reconsider(page: JudgedPage) -> list[str | None]:
    """The reason each block is not read, after the model's second look (None: read it)."""
    blocks, second = page.blocks, page.second
    reasons = [v.reason for v in page.verdicts]
    if not blocks or not html_weights.ENABLED:
        return reasons
    alone = second is None or all(share is None for share in second)
    chance = probabilities(features(page), alone)
    for i, block in enumerate(blocks):
        if block.kind in RULES_ONLY or reasons[i] in _NEVER_READ:
            continue
        # the rules keep the headings that make chapters; the model may only add one
        if reasons[i] is None and block.kind != "heading" and chance[i] < html_weights.DROP_BELOW:
            share = second[i] if second is not None else None
            lacks = share is not None and share < _SECOND_LACKS
            reasons[i] = SECOND_OPINION if lacks else UNLIKE_ARTICLE
        elif reasons[i] is not None and chance[i] > html_weights.KEEP_ABOVE:
            reasons[i] = None
    return _closing_doubts(page, chance, reasons)


# The article's closing blocks are where boxes about the site sit ('2023 nichts mehr
# versäumen!', a blog's disclaimer widget, a prompt for reviews): a kept block there that
# the model doubts (below this chance) and the second opinion leaves out is dropped, up to
# the first block either believes (docs/benchmarks.md, thresholds).
_CLOSING_DOUBT = 0.5


def _closing_doubts(
    page: JudgedPage, chance: np.ndarray, reasons: list[str | None]
) -> list[str | None]:
    second = page.second
    if second is None:
        return reasons
    doubted: list[int] = []
    for i in reversed(range(len(page.blocks))):
        block = page.blocks[i]
        if reasons[i] is not None or not block.text.strip():
            continue
        share = second[i]
        believed = share is None or share >= _SECOND_LACKS or chance[i] >= _CLOSING_DOUBT
        if block.kind == "heading":
            if believed:  # its section would be left empty: the doubts were its text
                return reasons
            continue  # a doubted heading goes with its section (`tidy`: empty-heading)
        if block.kind in RULES_ONLY or believed:
            break
        doubted.append(i)
    for i in doubted:
        reasons[i] = SECOND_OPINION
    return reasons
