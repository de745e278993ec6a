"""The line model: a learned second opinion on which lines of a page copy are article.

A logistic regression over `pagecopy/features.FEATURES` gives each line the chance
that it is article text. That chance moves the line's score before the body
run is chosen (pagecopy/scores.line_scores): a line the model believes in gains, in
proportion to its length, and one it doubts loses. So a short article is not
beaten by a longer run of comments or footer notices that only the rules liked.
The weights live in `pagecopy/weights` (numbers only), written by
`benchmarks/train_lines.py`, which reports the site-disjoint cross-validation
that justified them.
"""

from __future__ import annotations

import math

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy import weights as text_weights
from narrate.text.extract.pagecopy.features import FEATURES, line_features
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.trained import names_digest

_WORDS_CAP = 60  # a long line counts this many words at most, as in the rule score


def probabilities(lines: list[Line], listed: set[int]) -> list[float]:
    """The chance, per line, that it is article text."""
    weights = text_weights.WEIGHTS
    if len(weights) != len(FEATURES) or text_weights.FEATURES_DIGEST != names_digest(FEATURES):
        raise ValueError("pagecopy/weights.py does not match features.py: retrain the line model")
    chances = []
    for row in line_features(lines, listed):
        z = text_weights.BIAS + sum(w * x for w, x in zip(weights, row, strict=True))
        chances.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return chances


def chances_or_none(lines: list[Line], listed: set[int]) -> list[float] | None:
    """The model's chances when it is switched on and there are lines, else None."""
    if not text_weights.ENABLED or not lines:
        return None
    return probabilities(lines, listed)


def adjustments(lines: list[Line], chances: list[float] | None) -> list[float]:
    """What the model adds to each line's score (all zero when it is switched off)."""
    if chances is None:
        return [0.0] * len(lines)
    return [
        text_weights.MIX * (chance - text_weights.CENTER) * min(max(line.words, 1), _WORDS_CAP)
        for line, chance in zip(lines, chances, strict=True)
    ]


def looks_like_article(chances: list[float] | None, indexes: list[int]) -> bool:
    """Whether the model believes these lines are article text (never, when it is off)."""
    if chances is None or not indexes:
        return False
    return sum(chances[i] for i in indexes) / len(indexes) >= text_weights.TAIL_KEEP


UNLIKE_ARTICLE = "unlike-article"
# A list's entries are short and plain by nature; their shape is the rules' evidence.
_DROPPABLE = ("paragraph", "quote")


def second_look(line: Line, verdict: str, chances: list[float] | None) -> str:
    """A line the rules kept (not a list entry, nor a sentence ending the page), dropped
    when the model is sure it is not article; a heading only when it is surer still."""
    if chances is None:
        return verdict
    if verdict == "heading":  # a chapter mark: dropped only when far surer
        below = text_weights.HEADING_BELOW
    elif verdict in _DROPPABLE and (line.index < len(chances) - 1 or not rules.is_prose(line)):
        # A sentence-shaped last line of the page stays: in a clean copy of an article
        # alone its short last sentence looks like a footer to the model. Elsewhere a
        # sentence the model is sure of is a share prompt, a comment form's notice or a
        # newsletter pitch: dropping them read 8 fewer such phrases (both halves gain,
        # no phrase lost, dev copies unchanged); dev truths read as copies lose 0.001-0.002
        # (a few label-like sentences: 'Thunder: Host the Lakers on Friday.').
        below = text_weights.DROP_BELOW
    else:
        return verdict
    return UNLIKE_ARTICLE if chances[line.index] < below else verdict


def extension(lines: list[Line], chances: list[float] | None, end: int) -> set[int]:
    """Lines past the body's end the model may add: a chain of likely lines from the
    edge, with at most REACH_GAP unlikely lines between two links (an article's tail
    behind a share bar or an ad), never an island far from the body. A box of other
    stories or a line the page repeats (a share bar under every teaser) ends the chain.
    (Above the body the same chain found nothing on either half: not done.)"""
    found: set[int] = set()
    if chances is None:
        return found
    gap = 0
    for index in range(end, len(lines)):
        line = lines[index]
        if rules.is_more_stories(line) or line.repeats > 1:
            break
        if chances[index] >= text_weights.KEEP_ABOVE:
            found.add(index)
            gap = 0
        else:
            gap += 1
            if gap > text_weights.REACH_GAP:
                break
    return found
