"""Where a page dump's article ends (and what it announces): trims after the densest run.

The densest run of prose often reaches past the article into an author box, a
newsletter pitch, a 'You may also like' box, a list of story cards or a promo
behind a share bar, and stops short of a list the article announces with a
colon. These functions move the body's edges; each works on the verdicts
pagecopy/body gave the lines (kind or drop reason by index).
"""

from __future__ import annotations

import itertools
from collections.abc import Container

from narrate.text.extract.pagecopy import model, rules
from narrate.text.extract.pagecopy.lines import Line

KEPT = ("heading", "paragraph", "quote", "list_item")
TEXT = ("paragraph", "quote", "list_item")


_GAP_BREAK = 3.0  # how much page furniture between two paragraphs marks a possible end
_TAIL_SHARE = 0.35  # ...and the text after it must be this small a share of the text before
_CAPTION_LIKE = ("short", "heading", "caption", "credit")
_LIGHT = {"heading": 0.5, "short": 1.0}  # a subheading or a label barely separates text


def tail_cut(
    lines: list[Line],
    verdicts: dict[int, str],
    kept_text: list[int],
    chances: list[float] | None = None,
) -> int:
    """Index of the body's last line: stop at a break followed by only a little text.

    Bios, promos, disclaimers and related cards follow the article after a share
    bar, a form or a link list; the article rarely ends with a short afterthought
    behind such a break, unless the line model believes the tail is article text.
    """
    total = sum(lines[i].words for i in kept_text)
    before = 0
    for here, after in itertools.pairwise(kept_text):
        before += lines[here].words
        gap = _gap_strength(lines, verdicts, range(here + 1, after))
        if gap >= _GAP_BREAK and total - before <= _TAIL_SHARE * before:
            tail = [i for i in kept_text if i > here]
            if not model.looks_like_article(chances, tail):
                return here
    return kept_text[-1]


_LEAD_SHARE = 0.2  # text before a 'more stories' heading, as a share of the text after


def more_stories_cut(lines: list[Line], kept_text: list[int]) -> int:
    """Index of the body's last line once a 'You may also like' box and what follows are cut.

    The heading ends the article unless it comes so early that it heads a box
    above the article (little text before it, much after).
    """
    words_before = 0
    total = sum(lines[i].words for i in kept_text)
    for here, after in itertools.pairwise(kept_text):
        words_before += lines[here].words
        if any(rules.is_more_stories(lines[i]) for i in range(here + 1, after)):
            if words_before >= _LEAD_SHARE * (total - words_before):
                return here
    return kept_text[-1]


def promo_cut(lines: list[Line], kept_text: list[int]) -> int:
    """Index of the body's last line once newsletter or e-book pitches at the end are cut."""
    position = len(kept_text) - 1
    while position > 0 and rules.is_pitch(lines[kept_text[position]]):
        position -= 1
    return kept_text[position]


# Only the last paragraph may be an author bio: a name over two or more paragraphs is
# the article's own section about that person (docs/benchmarks.md, thresholds).
_BIO_REACH = 1


def bio_cut(lines: list[Line], kept_text: list[int]) -> int:
    """Index of the body's last line once an author box at the end is left out.

    An author box is a name on its own line and a paragraph naming that person
    ('Jane Roe' / 'Jane Roe is a reporter...') at the very end; the article does
    not end that way.
    """
    for position in range(max(1, len(kept_text) - _BIO_REACH), len(kept_text)):
        paragraph = lines[kept_text[position]]
        label = lines[paragraph.index - 1]
        if label.index > kept_text[position - 1] and _names_in(label, paragraph):
            return kept_text[position - 1]
    return kept_text[-1]


def _names_in(label: Line, paragraph: Line) -> bool:
    """A short label of capitalised words, one of which opens or names the paragraph.

    A subheading with small words ('Faster than its rival', capitalised nouns in
    German) is no name (docs/benchmarks.md, thresholds)."""
    names = [w for w in label.text.split() if w[:1].isupper()]
    if not 2 <= len(names) <= 5 or label.words > 6 or label.ends_sentence:
        return False
    if len(names) < label.words - 1:  # a name has at most one small word ('de', 'van')
        return False
    opening = paragraph.text.split()[:12]
    return sum(name in opening for name in names) >= 1 and paragraph.words < 150


_CARD_RUN = 3  # headline + one short paragraph, this many times in a row: a card list
_CARD_WORDS = 60
# A teaser card's text is a sentence or two; a paragraph longer than this under a
# heading in one block is the article's own section (pagecopy/body's card rule), and so
# is one under a subheading alone between two paragraphs (docs/benchmarks.md,
# thresholds).
CARD_TEASER_WORDS = 45


def card_run_cut(
    lines: list[Line],
    verdicts: dict[int, str],
    kept_text: list[int],
    sections: Container[int] = frozenset(),
) -> int:
    """Index of the body's last line once a trailing list of story cards is left out.

    Related stories read as a short teaser paragraph behind a heading or a few
    labels (kicker, headline, source) each; an article's own paragraphs rarely
    are short and boxed like that many times over. A paragraph under one of the
    page's own headings (`sections`: named by its contents, or edited) is no card.
    """
    cards = weak = 0
    position = first_card = len(kept_text) - 1
    while position >= 1:
        teaser, previous = kept_text[position], kept_text[position - 1]
        gap = range(previous + 1, teaser)
        if lines[teaser].words > _CARD_WORDS or not gap:
            break
        if _is_section(lines[teaser], verdicts, gap) or any(i in sections for i in gap):
            break
        if len(gap) >= 2 or any(verdicts.get(i) == "heading" for i in gap):
            cards += 1
            first_card = position
        else:  # one label between two paragraphs: an odd card, or an ad inside an article
            weak += 1
        position -= 1
    if cards >= _CARD_RUN and cards >= 2 * weak:
        return kept_text[first_card - 1]
    return kept_text[-1]


def _is_section(paragraph: Line, verdicts: dict[int, str], gap: range) -> bool:
    """A subheading alone over a paragraph longer than a teaser: the article's own section."""
    heading = len(gap) == 1 and verdicts.get(gap.start) == "heading"
    return heading and paragraph.words > CARD_TEASER_WORDS


_LIST_LIMIT = 60  # lines an announced list may run to


def keep_announced_lists(lines: list[Line], verdicts: dict[int, str], end: int) -> int:
    """Keep the short lines a paragraph announces with a colon ('The five are:').

    Lists, tables and tour dates look like menus line by line; the colon before
    them says they belong to the text. Returns the body end, moved past a list
    that runs beyond it.
    """
    index = min(verdicts, default=end)
    while index < min(end + 1, len(lines)):
        allowed = (*TEXT, "short", "heading", "menu")
        if not _announces(lines[index]) or verdicts.get(index, "short") not in allowed:
            index += 1
            continue
        verdicts[index] = "paragraph"
        entries = _list_after(lines, index)
        for entry in entries:
            if verdicts.get(entry) not in TEXT:
                verdicts[entry] = "list_item"
        end = max(end, entries[-1] + 1 if entries else index + 1)
        index = entries[-1] + 1 if entries else index + 1
    return end


def list_labels(lines: list[Line]) -> set[int]:
    """Indexes of the lines that announce a list with a colon, the list under them."""
    return {line.index for line in lines if _announces(line) and _list_after(lines, line.index)}


# A label of one or two words ending in a colon ('Belag:', 'Topping:', 'Anne:') over text
# the body reads is the article's, though the rules take it for a menu's or a form's and
# the line model for a form's label; longer labels announce their lists themselves
# (`list_labels`). Cross-validated phrases A 0.8853 -> 0.8866 (a recipe's 'Belag:'), B and
# dev unchanged (docs/benchmarks.md, thresholds).
_SHORT_LABEL_WORDS = 2


def short_labels(lines: list[Line], verdicts: dict[int, str], start: int, end: int) -> set[int]:
    """Indexes of the one- or two-word labels ending in a colon inside the body, over text
    the body reads ('Belag:' over its ingredients, 'Anne:' over her answer)."""
    found = set()
    for index in range(start + 1, end - 1):
        line = lines[index]
        if not line.text.endswith(":") or line.words > _SHORT_LABEL_WORDS:
            continue
        if line.text[:1].islower():  # a sentence's start ('und:'), not a label
            continue
        if verdicts.get(index) in KEPT or rules.is_form_text(line):
            continue
        if verdicts.get(index + 1) in TEXT:
            found.add(index)
    return found


def announced_entries(lines: list[Line]) -> set[int]:
    """Indexes of the lines of every list a sentence announces with a colon."""
    return {entry for line in lines if _announces(line) for entry in _list_after(lines, line.index)}


def _list_after(lines: list[Line], index: int) -> list[int]:
    """The list-shaped lines announced by line `index`, up to _LIST_LIMIT of them.

    The list is the rest of the announcing line's group, or else the group after
    it (a table), or a run of one-line groups (one entry per paragraph).
    """
    if index + 1 >= len(lines):
        return []
    first = lines[index + 1]
    one_per_group = first.group_size == 1
    entries: list[int] = []
    for entry in lines[first.index : first.index + _LIST_LIMIT]:
        if entry.group != first.group and not (one_per_group and entry.group_size == 1):
            break
        if entry.text.endswith(":") or not _is_list_entry(entry):
            break
        entries.append(entry.index)
    return entries


def _announces(line: Line) -> bool:
    return line.text.endswith(":") and line.words >= 3 and not rules.is_form_text(line)


def _is_list_entry(line: Line) -> bool:
    return not (
        rules.is_prose(line)
        or rules.is_form_text(line)
        or rules.is_credit(line)
        or line.repeats > 1
        or rules.is_truncated(line)
    )


def _caption_like(line: Line, verdict: str) -> bool:
    """A caption or label, not a share bar or link row: those are all capitalised names."""
    if verdict in _CAPTION_LIKE:
        return True
    return verdict == "menu" and any(word[:1].islower() for word in line.text.split())


def _gap_strength(lines: list[Line], verdicts: dict[int, str], gap: range) -> float:
    """How strongly the lines between two paragraphs separate them, counted per group.

    One box (a caption, a teaser card, an ad label) is a pause inside an article;
    several boxes in a row (share bar, bio, link list, form) end it.
    """
    weights: dict[int, float] = {}
    for i in gap:
        line = lines[i]
        weight = _LIGHT.get(verdicts[i], 2.0) * (1.5 if line.group_size > 2 else 1.0)
        same_block = line.group == lines[gap.start - 1].group
        if same_block and _caption_like(line, verdicts[i]):  # inside the text's own block
            weight = min(weight, 1.0)
        weights[lines[i].group] = max(weights.get(lines[i].group, 0.0), weight)
    return sum(weights.values())
