"""Labels an article repeats in each of its parts: a template, not page furniture.

A short line the page shows more than once is usually a menu entry, a label or a
share bar (`scores.is_repeated`), and a long one shown twice is a teaser of the
article's own text, read once. But a structured article repeats its own labels:
a plan or recipe names the same steps in every variant, a review roundup names its
sources after each quote, a spec sheet names the same fields for every model. The
shape that tells them apart: every occurrence stands alone in its own block inside
the body run (menus and share bars come in blocks of several lines, or outside the
body), and several different labels recur that way (a single recurring label is an
ad slot's or a share button's).
"""

from __future__ import annotations

from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.pagecopy.scores import is_repeated

# Distinct labels that must recur, each alone in its block and only inside the body,
# for the page to be a template (one or two are an ad label or a share link;
# docs/benchmarks.md, thresholds).
_MIN_LABELS = 3


def recurring_labels(lines: list[Line], start: int, end: int) -> frozenset[int]:
    """Indexes of the lines, inside the body run [start, end), of a recurring template:
    its short repeated labels and the longer lines it repeats with them (empty when the
    page has none)."""
    seen: dict[str, list[Line]] = {}
    for line in lines:
        if line.repeats > 1:
            seen.setdefault(line.text.casefold(), []).append(line)
    inside = {
        key: found
        for key, found in seen.items()
        if all(start <= line.index < end and line.group_size == 1 for line in found)
    }
    labels = [key for key, found in inside.items() if is_repeated(found[0])]
    if len(labels) < _MIN_LABELS:
        return frozenset()
    return frozenset(line.index for found in inside.values() for line in found)
