"""Find the article body in a page dump: the densest run of prose, then line rules.

Every line gets a score (long, sentence-shaped lines for; short, repeated,
menu-like lines against) and the body is the maximum-sum run of lines. Inside
that run each line is then kept as a paragraph, heading, list item or table row,
or dropped with a reason (caption, teaser card, form text, truncated...).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from narrate.extract import text_rules as rules
from narrate.extract.text_lines import BULLET, LIST_MARKER, Line
from narrate.models import Block, BlockKind, Dropped


@dataclass(frozen=True, slots=True)
class Body:
    """The body's blocks, what was dropped, and where the body starts in the page."""

    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...]
    start: int  # index of the first body line (len(lines) when none)


# Weights, in words of prose: what crossing one line of each kind costs.
_PROSE_CAP = 80  # one very long paragraph should not pull in a whole sidebar
_TIME_COST = 30.0
_FURNITURE_COST = 3.0
_SHORT_COST = 1.0
_MAX_RUN = 5  # the escalation stops here: a long list in a body is not a hard break


def line_score(line: Line) -> float:
    """How much a line looks like article text (positive) or page furniture (negative)."""
    if rules.is_prose(line) and not (
        line.repeats > 1 or rules.is_form_text(line) or rules.is_truncated(line)
    ):
        return float(min(line.words, _PROSE_CAP))
    return -furniture_weight(line)


def furniture_weight(line: Line) -> float:
    """The cost of crossing one non-prose line; feed times and menus cost most."""
    if rules.is_timestamp(line):
        return _TIME_COST  # times and dates sit above an article or on feed items, not inside
    if line.repeats > 1 or rules.is_credit(line) or rules.is_form_text(line):
        return _FURNITURE_COST
    if rules.is_truncated(line):
        return _FURNITURE_COST
    if line.words >= 10:
        return -line.words / 4  # long but not sentence-shaped: slightly for
    if line.group_size >= 3:  # a run of short lines with no blank between: a menu
        return _FURNITURE_COST
    return _SHORT_COST  # a short block of its own: subheading, list entry, label


def line_scores(lines: list[Line]) -> list[float]:
    """Scores where each further non-prose line in a row costs more than the last.

    A body is interrupted by a heading, a caption or an ad slot; a long stretch
    of short lines between two paragraphs means the page has moved on.
    """
    scores: list[float] = []
    run = 0
    for line in lines:
        score = line_score(line)
        run = run + 1 if score < 0 else 0
        scores.append(score * min(run, _MAX_RUN) if score < 0 else score)
    return scores


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


def classify(line: Line, lines: list[Line], end: int) -> BlockKind | str:
    """A block kind for a line inside the body run, or the reason to drop it."""
    if rules.is_credit(line):
        return "credit"
    if rules.is_timestamp(line):
        return "timestamp"
    if rules.is_byline(line):
        return "byline"
    if rules.is_form_text(line) and not rules.is_prose(line):
        return "subscribe"
    if line.repeats > 1 and line.words < 25:
        return "repeated"
    if _in_card(line, lines):
        return "teaser"
    if rules.is_shouted(line):
        return "promo"
    if rules.is_truncated(line) and (line.index == end - 1 or line.group_size > 1):
        return "truncated"
    if LIST_MARKER.match(line.text):
        return "list_item"
    if rules.is_prose(line) or rules.is_table_row(line):
        return "paragraph"
    if _is_heading(line, lines, end):
        return "heading"
    return "menu" if line.group_size > 2 else "short"


def _in_card(line: Line, lines: list[Line]) -> bool:
    """A related-article card: a headline line with its teaser directly under it."""
    if line.group_size < 2 or line.group_size > 4:
        return False
    group = [ln for ln in lines[line.index - line.group_pos :][: line.group_size]]
    head = group[0]
    if not rules.is_headline_like(head) or rules.is_prose(head) or LIST_MARKER.match(head.text):
        return False
    return all(rules.is_prose(ln) or rules.is_truncated(ln) for ln in group[1:])


def _is_heading(line: Line, lines: list[Line], end: int) -> bool:
    """A subheading: a short label on its own, followed by body text."""
    if line.group_size > 1 or not rules.is_headline_like(line) or line.words < 2:
        return False
    following = lines[line.index + 1 : end]
    return bool(following) and rules.is_prose(following[0])


_KEPT = ("heading", "paragraph", "quote", "list_item")
_TEXT = ("paragraph", "quote", "list_item")
_GAP_BREAK = 3.0  # how much page furniture between two paragraphs marks a possible end
_TAIL_SHARE = 0.35  # ...and the text after it must be this small a share of the text before
_LIGHT = {"heading": 0.5, "short": 1.0}  # a subheading or a label barely separates text
_MARKS_HEADER = ("credit", "timestamp", "byline")


def find_body(lines: list[Line]) -> Body:
    """Pick the body run and sort its lines into blocks and dropped lines."""
    start, end = densest_run(line_scores(lines))
    verdicts = {line.index: classify(line, lines, end) for line in lines[start:end]}
    _drop_tainted_groups(lines, verdicts)
    end = _keep_announced_lists(lines, verdicts, end)
    kept_text = [i for i, v in verdicts.items() if v in _TEXT]
    if kept_text:  # the body starts and ends with text, not with a heading
        last = _tail_cut(lines, verdicts, kept_text)
        start, end = kept_text[0], _bio_cut(lines, [i for i in kept_text if i <= last]) + 1
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    for line in lines:
        if line.index < start:
            dropped.append(Dropped(line.text, "before-body"))
        elif line.index >= end:
            dropped.append(Dropped(line.text, "after-body"))
        elif (verdict := verdicts[line.index]) in _KEPT:
            text = BULLET.sub("", line.text) if verdict == "list_item" else line.text
            blocks.append(Block(verdict, text))  # type: ignore[arg-type]
        else:
            dropped.append(Dropped(line.text, verdict))
    return Body(tuple(blocks), tuple(dropped), start if blocks else len(lines))


def _tail_cut(lines: list[Line], verdicts: dict[int, str], kept_text: list[int]) -> int:
    """Index of the body's last line: stop at a break followed by only a little text.

    Bios, promos, disclaimers and related cards follow the article after a share
    bar, a form or a link list; the article rarely ends with a short afterthought
    behind such a break.
    """
    total = sum(lines[i].words for i in kept_text)
    before = 0
    for here, after in itertools.pairwise(kept_text):
        before += lines[here].words
        gap = _gap_strength(lines, verdicts, range(here + 1, after))
        if gap >= _GAP_BREAK and total - before <= _TAIL_SHARE * before:
            return here
    return kept_text[-1]


_BIO_REACH = 3  # how many of the last paragraphs may be an author bio


def _bio_cut(lines: list[Line], kept_text: list[int]) -> int:
    """Index of the body's last line once an author box at the end is left out.

    An author box is a name on its own line and a paragraph naming that person
    ('Jane Roe' / 'Jane Roe is a reporter...'); the article does not end that way.
    """
    for position in range(max(1, len(kept_text) - _BIO_REACH), len(kept_text)):
        paragraph = lines[kept_text[position]]
        label = lines[paragraph.index - 1]
        if label.index > kept_text[position - 1] and _names_in(label, paragraph):
            return kept_text[position - 1]
    return kept_text[-1]


def _names_in(label: Line, paragraph: Line) -> bool:
    """A short label of capitalised words, one of which opens or names the paragraph."""
    names = [w for w in label.text.split() if w[:1].isupper()]
    if not 2 <= len(names) <= 5 or label.words > 6 or label.ends_sentence:
        return False
    opening = paragraph.text.split()[:12]
    return sum(name in opening for name in names) >= 1 and paragraph.words < 80


_LIST_LIMIT = 60  # lines an announced list may run to


def _keep_announced_lists(lines: list[Line], verdicts: dict[int, str], end: int) -> int:
    """Keep the short lines a paragraph announces with a colon ('The five are:').

    Lists, tables and tour dates look like menus line by line; the colon before
    them says they belong to the text. Returns the body end, moved past a list
    that runs beyond it.
    """
    index = min(verdicts, default=end)
    while index < min(end + 1, len(lines)):
        line = lines[index]
        announces = line.text.endswith(":") and line.words >= 3 and not rules.is_form_text(line)
        if not announces or verdicts.get(index, "short") not in (*_TEXT, "short", "heading"):
            index += 1
            continue
        verdicts[index] = "paragraph"
        following = index + 1
        while following < len(lines) and following - index <= _LIST_LIMIT:
            if verdicts.get(following) in _TEXT or not _is_list_entry(lines[following]):
                break
            verdicts[following] = "list_item"
            following += 1
        end = max(end, following)
        index = following
    return end


def _is_list_entry(line: Line) -> bool:
    return not (
        rules.is_prose(line)
        or rules.is_form_text(line)
        or rules.is_credit(line)
        or line.repeats > 1
        or rules.is_truncated(line)
    )


def _gap_strength(lines: list[Line], verdicts: dict[int, str], gap: range) -> float:
    """How strongly the lines between two paragraphs separate them, counted per group.

    One box (a caption, a teaser card, an ad label) is a pause inside an article;
    several boxes in a row (share bar, bio, link list, form) end it.
    """
    weights: dict[int, float] = {}
    for i in gap:
        weight = _LIGHT.get(verdicts[i], 2.0) * (1.5 if lines[i].group_size > 2 else 1.0)
        weights[lines[i].group] = max(weights.get(lines[i].group, 0.0), weight)
    return sum(weights.values())


def _drop_tainted_groups(lines: list[Line], verdicts: dict[int, str]) -> None:
    """Lines sharing a group with a credit, byline or time are a caption or header box."""
    for index, verdict in verdicts.items():
        line = lines[index]
        if verdict not in _MARKS_HEADER or line.group_size < 2:
            continue
        first = index - line.group_pos
        for other in range(first, first + line.group_size):
            if verdicts.get(other) in _KEPT:
                verdicts[other] = "caption"
