"""Structural features of the lines of a page copy, for the learned line model.

Every feature is about shape, never wording: a line's length and punctuation,
what the line rules say of it, where it sits on the page, and how much prose
is around it. `pagecopy/model` weighs them with weights learned from pages
(benchmarks/train_lines.py); the order of FEATURES is the order of the weights.
"""

from __future__ import annotations

import math

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import LIST_MARKER, Line

FEATURES = (
    "log_words",
    "ends_sentence",
    "has_clause",
    "prose",
    "repeated",
    "form_text",
    "timestamp",
    "credit",
    "truncated",
    "digits",
    "list_marker",
    "ends_colon",
    "listed",
    "position",
    "position_sq",
    "last_tenth",
    "prose_before_share",
    "prose_near",
    "prose_prev",
    "prose_next",
    "group_prose_share",
)

_NEAR = 4  # lines either side counted for the prose around a line
_NEAR_WORDS = 200.0


def line_features(lines: list[Line], listed: set[int]) -> list[list[float]]:
    """One row of FEATURES per line."""
    prose = [rules.is_prose(line) for line in lines]
    prose_words = [line.words if p else 0 for line, p in zip(lines, prose, strict=True)]
    total = float(sum(prose_words)) or 1.0
    group_share = _group_prose_share(lines, prose)
    rows: list[list[float]] = []
    before = 0.0
    count = max(1, len(lines) - 1)
    for line in lines:
        i = line.index
        position = i / count
        near = sum(prose_words[max(0, i - _NEAR) : i + _NEAR + 1]) - prose_words[i]
        rows.append(
            [
                math.log1p(line.words) / 5.0,
                float(line.ends_sentence),
                float(line.has_clause),
                float(prose[i]),
                float(line.repeats > 1),
                float(rules.is_form_text(line)),
                float(rules.is_timestamp(line)),
                float(rules.is_credit(line)),
                float(rules.is_truncated(line)),
                line.digits,
                float(bool(LIST_MARKER.match(line.text))),
                float(line.text.endswith(":")),
                float(i in listed),
                position,
                position * position,
                float(position > 0.9),
                before / total,
                min(near / _NEAR_WORDS, 1.0),
                float(i > 0 and prose[i - 1]),
                float(i + 1 < len(lines) and prose[i + 1]),
                group_share[line.group],
            ]
        )
        before += prose_words[i]
    return rows


def _group_prose_share(lines: list[Line], prose: list[bool]) -> dict[int, float]:
    """Share of each group's lines that are prose (a paragraph box or a menu box)."""
    counts: dict[int, list[int]] = {}
    for line, is_prose in zip(lines, prose, strict=True):
        tally = counts.setdefault(line.group, [0, 0])
        tally[0] += is_prose
        tally[1] += 1
    return {group: p / n for group, (p, n) in counts.items()}
