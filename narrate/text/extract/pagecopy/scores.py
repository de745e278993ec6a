"""Scores of the lines of a page copy, and the densest run of them: where the body is.

Every line gets a score (long, sentence-shaped lines for; short, repeated,
menu-like lines against; the entries of a list, announced with a colon or
shaped as one, slightly for; apparatus such as references against, whatever its
shape; a table of contents neither) and the body is the maximum-sum run of lines.
The line model (pagecopy/model) adds its learned opinion to every score.
"""

from __future__ import annotations

from collections.abc import Container

from narrate.text.extract.pagecopy import edges, model, rules
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.pagecopy.lists import structured_lists

# Weights, in words of prose: what crossing one line of each kind costs.
_PROSE_CAP = 120  # one very long paragraph should not pull in a whole sidebar
_TIME_COST = 30.0
_FURNITURE_COST = 2.0
_SHORT_COST = 1.0
_MAX_RUN = 5  # the escalation stops here: a long list in a body is not a hard break
_LIST_ENTRY_SCORE = 1.0  # an announced list entry: a little for, like a short sentence
# A repeated short line is a menu entry or label shown twice; a repeated sentence
# this long is the article's own text shown twice (a standfirst also used as its
# teaser, a lead above a paywall): read once, where it first appears. Labels and
# share prompts shown twice stay under 8 words (docs/benchmarks.md, thresholds).
_REPEAT_MAX_WORDS = 8


def is_repeated(line: Line) -> bool:
    """A short line the page shows more than once (menus, labels, share bars)."""
    return line.repeats > 1 and line.words < _REPEAT_MAX_WORDS


def line_score(line: Line) -> float:
    """How much a line looks like article text (positive) or page furniture (negative)."""
    if rules.is_prose(line) and not (
        is_repeated(line) or rules.is_form_text(line) or rules.is_truncated(line)
    ):
        return float(min(line.words, _PROSE_CAP))
    return -furniture_weight(line)


def furniture_weight(line: Line) -> float:
    """The cost of crossing one non-prose line; feed times and menus cost most."""
    if rules.is_timestamp(line):
        return _TIME_COST  # times and dates sit above an article or on feed items, not inside
    if is_repeated(line) or rules.is_credit(line) or rules.is_form_text(line):
        return _FURNITURE_COST
    if rules.is_truncated(line):
        return _FURNITURE_COST
    if line.words >= 10:
        return -line.words / 4  # long but not sentence-shaped: slightly for
    if line.group_size >= 3:  # a run of short lines with no blank between: a menu
        return _FURNITURE_COST
    return _SHORT_COST  # a short block of its own: subheading, list entry, label


def line_scores(
    lines: list[Line],
    listed: set[int] | None = None,
    chances: list[float] | None = None,
    apparatus: Container[int] = frozenset(),
    neutral: Container[int] = frozenset(),
) -> list[float]:
    """Scores where each further non-prose line in a row costs more than the last.

    A body is interrupted by a heading, a caption or an ad slot; a long stretch
    of short lines between two paragraphs means the page has moved on. The
    entries of a list a sentence announces with a colon are text, not a menu;
    references and the like (`apparatus`) are not, however sentence-shaped; a table
    of contents (`neutral`) neither counts for nor against.
    With the line model's `chances`, its opinion is added (`with_model`).
    """
    announced = listed_lines(lines) if listed is None else listed
    scores: list[float] = []
    run = 0
    for line in lines:
        if line.index in neutral:  # the article's own table of contents: no break
            scores.append(0.0)
            continue
        if line.index in apparatus:
            score = -_FURNITURE_COST
        else:
            score = _LIST_ENTRY_SCORE if line.index in announced else line_score(line)
        run = run + 1 if score < 0 else 0
        scores.append(score * min(run, _MAX_RUN) if score < 0 else score)
    return with_model(lines, scores, announced, chances, apparatus, neutral)


def with_model(
    lines: list[Line],
    scores: list[float],
    listed: set[int],
    chances: list[float] | None,
    apparatus: Container[int] = frozenset(),
    neutral: Container[int] = frozenset(),
) -> list[float]:
    """The rules' scores with the line model's adjustment added (unchanged without it).

    A list entry's score is never lowered: its shape is the rules' own evidence;
    nor is apparatus's raised: a citation looks like a sentence to the model."""
    if chances is None:
        return scores
    adjust = model.adjustments(lines, chances)
    return [
        score if i in neutral else score + _learned(learned, i in listed, i in apparatus)
        for i, (score, learned) in enumerate(zip(scores, adjust, strict=True))
    ]


def _learned(learned: float, listed: bool, apparatus: bool) -> float:
    return max(learned, 0.0) if listed else min(learned, 0.0) if apparatus else learned


def listed_lines(lines: list[Line]) -> set[int]:
    """Lines that are entries of a list: announced with a colon, or shaped as one."""
    return edges.announced_entries(lines) | structured_lists(lines)


def densest_run(scores: list[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the maximum-sum run; (0, 0) when nothing scores."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span
