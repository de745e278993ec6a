"""The standfirst: article text between the headline and the body's first paragraph.

A page shows the headline, then a deck or lead paragraph, then the byline,
date, share bar or picture credit, then the body. Those labels cost the body
run more than the lead brings, and a deck often lacks a full stop, so the run
starts below it. Found here once the headline is known: a long line the line
model believes in, close under the headline, that is no label, credit or form (a
line alone between the headline and the body needs no belief: it is the deck);
or, failing that, such a line above the byline and date that shares a word with
the headline.
"""

from __future__ import annotations

from narrate.text.extract.dates import has_date
from narrate.text.extract.pagecopy import furniture, rules
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.words import WORD

# Measured on both data sets' halves: a reach of 12 or 25 lines read datelines and
# captions of dev pages (half A lost 0.006 at 25); a chance of 0.5 rather than 0.6
# won one dev page of half A and changed nothing else, 0.3 lost one.
_REACH = 8  # the body starts at most this many lines under the headline
_MIN_WORDS = 10  # a deck is a phrase; shorter lines are kickers, labels, names
_MIN_CHANCE = 0.5  # the line model's chance that the line is article text
_MAX_DIGITS = 0.1  # a dateline or a score line is mostly digits; a lead is words


def lead_lines(
    lines: list[Line], title_at: int | None, body_start: int, chances: list[float] | None
) -> list[int]:
    """Indexes of the lead lines between the headline at `title_at` and the body."""
    if title_at is None or chances is None or not title_at < body_start <= title_at + _REACH:
        return []
    between = lines[title_at + 1 : body_start]
    # headline, deck, body: the deck is the lead, whatever the model makes of a line
    # without its stop
    deck = len(between) == 1 and _is_deck(between[0])
    return [line.index for line in between if _is_lead(line, 1.0 if deck else chances[line.index])]


_SPACED_SHARE = 0.7  # a deck's words stand apart; a tag list's are glued by hyphens


def _is_deck(line: Line) -> bool:
    """A phrase under the headline: no date (a byline's line has one), words set apart by
    spaces ('Ab-initio-Ausbildung-Bremen Airport-CAE-…' is a list of tags)."""
    spaced = len(line.text.split())
    return not has_date(line.text) and spaced >= _SPACED_SHARE * line.words


def _is_lead(line: Line, chance: float) -> bool:
    if line.words < _MIN_WORDS or chance < _MIN_CHANCE or "©" in line.text:
        return False
    return not (
        rules.is_credit(line)
        or furniture.is_credited_caption(line)
        or rules.is_timestamp(line)
        or line.digits > _MAX_DIGITS
        or rules.BYLINE.match(line.text) is not None
        or rules.is_form_text(line)
        or rules.is_truncated(line)
        or line.repeats > 1
    )


# A standfirst can also stand above the header block (picture and credit, byline,
# date, rating, tag list) rather than directly under the headline. Such a line is
# read when it is the first lead-shaped line above the body, within this reach, the
# line model is surer of it, and it shares a word with the headline, as a lead
# does and a notice or a breadcrumb seldom does (docs/benchmarks.md, thresholds).
_ABOVE_REACH = 25
_ABOVE_CHANCE = 0.8


def lead_above(
    lines: list[Line], title_at: int | None, body_start: int, chances: list[float] | None
) -> list[int]:
    """The index of a standfirst shown above the byline, date and picture, if any."""
    if title_at is None or chances is None:
        return []
    title = _long_words(lines[title_at])
    for line in reversed(lines[max(0, body_start - _ABOVE_REACH) : body_start]):
        chance = chances[line.index]
        if line.index == title_at or line.words < _MIN_WORDS or chance < _MIN_CHANCE:
            continue
        sure = chance >= _ABOVE_CHANCE and _is_lead(line, chance)
        return [line.index] if sure and bool(_long_words(line) & title) else []
    return []


def _long_words(line: Line) -> set[str]:
    return {word.casefold() for word in WORD.findall(line.text) if len(word) > 3}
