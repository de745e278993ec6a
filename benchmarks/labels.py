"""Training labels both trainers take from the dev data (train_blocks.py, train_lines.py).

A unit of text (an HTML block, a line of a page copy) is labelled from the shared
data, never copied into the code: on `dev-phrases`, 1 when it holds a phrase that
must be read, 0 when it holds one that must not (neither or both: unlabelled); on
`dev`, 1 when its 4-token shingles are mostly in the true body, 0 when mostly
absent, a short unit by whether the truth says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from extraction import Page  # type: ignore[import-not-found]

TOKEN = re.compile(r"\w+")
_BODY_SHARE, _FURNITURE_SHARE = 0.6, 0.2  # shingle share in the truth for labels 1 / 0


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shingles(text: str) -> list[tuple[str, ...]]:
    toks = TOKEN.findall(text)
    if len(toks) <= 4:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]


def phrase_labels(texts: Sequence[str], page: Page) -> np.ndarray:
    """Labels by the page's phrases; `texts` as they are to be searched."""
    y = np.full(len(texts), np.nan)
    for i, text in enumerate(texts):
        body = any(norm(p) in text for p in page.with_)
        furniture = any(norm(p) in text for p in page.without)
        if body != furniture:
            y[i] = 1.0 if body else 0.0
    return y


def truth_labels(texts: Sequence[str], truth: str) -> np.ndarray:
    """Body or not by the truth's shingles; a short text by whether the truth says it."""
    true = set(shingles(truth))
    true_run = " " + " ".join(TOKEN.findall(truth)) + " "
    y = np.full(len(texts), np.nan)
    for i, text in enumerate(texts):
        own = shingles(text)
        if not own:
            continue
        if len(own) == 1:  # fewer than five tokens: no 4-shingle of its own
            y[i] = float(" " + " ".join(own[0]) + " " in true_run)
            continue
        share = sum(s in true for s in own) / len(own)
        if share >= _BODY_SHARE:
            y[i] = 1.0
        elif share <= _FURNITURE_SHARE:
            y[i] = 0.0
    return y
