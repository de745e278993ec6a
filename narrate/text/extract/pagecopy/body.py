"""Find the article body in a page dump: the densest run of prose, then line rules.

The body is the maximum-sum run of line scores (`pagecopy/scores`), widened to a forum
thread's or a slideshow's numbered parts where the page has them (`pagecopy/numbered`),
whose numbers then say where it ends. Inside that run each line is kept as a paragraph,
heading, list item or table row, or dropped with a reason (caption, teaser card, form
text, truncated, references, page furniture: `pagecopy/furniture`...).
The line model (pagecopy/model) reads likely lines just past the body's end and drops
kept paragraphs it is sure are not article ("unlike-article").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.core.models import Block, BlockKind, Dropped
from narrate.text.extract.pagecopy import edges, furniture, model, rules
from narrate.text.extract.pagecopy import weights as text_weights
from narrate.text.extract.pagecopy.apparatus import CONTENTS, find_apparatus
from narrate.text.extract.pagecopy.contents import lead_above, named_sections_end
from narrate.text.extract.pagecopy.headings import is_heading
from narrate.text.extract.pagecopy.lines import BULLET, LIST_MARKER, Line
from narrate.text.extract.pagecopy.numbered import Parts, find_parts
from narrate.text.extract.pagecopy.paragraphs import (
    closing_lines,
    is_run_on,
    is_sign_off,
    sign_off_end,
)
from narrate.text.extract.pagecopy.recurring import recurring_labels
from narrate.text.extract.pagecopy.scores import (
    densest_run,
    is_repeated,
    line_scores,
    listed_lines,
    with_model,
)


@dataclass(frozen=True, slots=True)
class Body:
    """The body's blocks, what was dropped, and where the body starts in the page."""

    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...]
    start: int  # index of the first body line (len(lines) when none)
    chances: tuple[float, ...] | None = None  # the line model's, per line (None when off)


# A teaser card's text is a sentence or two; a paragraph longer than this under a
# heading in one block is the article's own section (docs/benchmarks.md, thresholds).
_CARD_TEASER_WORDS = edges.CARD_TEASER_WORDS


def classify(
    line: Line, lines: list[Line], end: int, boxes: dict[int, bool] | None = None
) -> BlockKind | str:
    """A block kind for a line inside the body run, or the reason to drop it.

    `boxes` remembers, per run of lines, whether it is a link box: asked once per run,
    not once per line (a run of thousands of lines made that quadratic).
    """
    if rules.is_credit(line):
        return "credit"
    if rules.is_timestamp(line):
        return "timestamp"
    if rules.is_byline(line):
        return "byline"
    if (rules.is_form_text(line) and not rules.is_prose(line)) or furniture.is_sign_up_box(line):
        return "subscribe"
    if rules.is_button(line, lines):
        return "buttons"
    if is_repeated(line):
        return "repeated"
    if _in_card(line, lines):
        return "teaser"
    if rules.is_shouted(line):
        return "promo"
    if furniture.is_marked_link(line):
        return "teaser"
    if furniture.is_tag_list(line, lines):
        return "tags"
    if furniture.is_file_link(line):
        return "download"
    if furniture.is_credited_caption(line):
        return "caption"
    if _in_link_box(line, lines, {} if boxes is None else boxes):
        return "menu"
    if _in_label_box(line, lines):
        return "label"
    if rules.is_truncated(line) and (line.index == end - 1 or line.group_size > 1):
        return "truncated"
    if LIST_MARKER.match(line.text):
        return "list_item"
    if rules.is_prose(line) or rules.is_table_row(line) or is_run_on(line, lines):
        return "paragraph"
    if is_heading(line, lines, end):
        return "heading"
    return "menu" if line.group_size > 2 else "short"


def _in_card(line: Line, lines: list[Line]) -> bool:
    """A related-article card: a headline line with its teaser directly under it."""
    if line.group_size < 2 or line.group_size > 4:
        return False
    first = line.index - line.group_pos
    group = lines[first : first + line.group_size]
    head = group[0]
    if not rules.is_headline_like(head) or rules.is_prose(head) or LIST_MARKER.match(head.text):
        return False
    teaser = group[1:]
    if any(ln.words > _CARD_TEASER_WORDS for ln in teaser):
        return False  # a subheading over its section's paragraph, no blank line between
    return all(rules.is_prose(ln) or rules.is_truncated(ln) for ln in teaser)


def _in_link_box(line: Line, lines: list[Line], boxes: dict[int, bool]) -> bool:
    """A line in a titled box of mostly short lines ('Related links:'): part of the box."""
    if line.group_size < 3 or line.words >= 40:
        return False
    first = line.index - line.group_pos
    if first not in boxes:
        group = lines[first : first + line.group_size]
        boxed = any(rules.is_form_text(ln) and ln.text.endswith(":") for ln in group)
        boxes[first] = boxed and sum(rules.is_prose(ln) for ln in group) * 2 < len(group)
    return boxes[first]


_LABEL_WORDS = 8  # a sentence this short among labels is one of them
# 'Zubereitungszeit: 25 Minuten (+ 15 Minuten backen)' beside 'Ergibt: 40 Stück': a
# named value (a recipe's times, an event's host) is the article's data, not a label
# (docs/benchmarks.md, thresholds).
_KEY_VALUE = re.compile(r"^[^\W\d_][\w-]*\s?:\s")


def _in_label_box(line: Line, lines: list[Line]) -> bool:
    """A short sentence sharing its block only with lines that are no sentences: a wiki's
    tagline over its skip links ('Un article de Wikipédia, l'encyclopédie libre.'), a
    caption under its label, a site's motto in its header; not a named value ('Zeit: …')."""
    if not 2 <= line.group_size <= 3 or line.words > _LABEL_WORDS or not rules.is_prose(line):
        return False
    if _KEY_VALUE.match(line.text):
        return False
    group = lines[line.index - line.group_pos :][: line.group_size]
    return not any(rules.is_prose(other) for other in group if other is not line)


_KEPT = edges.KEPT
_TEXT = edges.TEXT
_MARKS_HEADER = ("credit", "timestamp", "byline")


def find_body(lines: list[Line], edited: frozenset[int] = frozenset()) -> Body:
    """Pick the body run and sort its lines into blocks and dropped lines.

    `edited`: the headings that carried an edit link (`pagecopy/apparatus`)."""
    listed = listed_lines(lines)
    found = find_apparatus(lines, edited)
    marked = found.reasons
    toc = {i for i, reason in marked.items() if reason == CONTENTS}
    chances = model.chances_or_none(lines, listed)
    rule_scores = line_scores(lines, listed, apparatus=marked, neutral=toc)
    start, end = densest_run(with_model(lines, rule_scores, listed, chances, marked, toc))
    if chances is not None and text_weights.UNION:
        rule_start, rule_end = densest_run(rule_scores)
        if rule_start < end and start < rule_end:  # the same article: the edge rules decide
            start, end = min(start, rule_start), max(end, rule_end)
    parts = _parts_of(lines, start, end)
    if parts is not None:
        start, end = min(start, parts.start), max(end, parts.end)
    boxes: dict[int, bool] = {}
    template = recurring_labels(lines, start, end)
    verdicts = {
        line.index: marked.get(line.index)
        or _headed(line, found.headings, end)
        or _recurring(line, template)
        or classify(line, lines, end, boxes)
        for line in lines[start:end]
    }
    for index in listed.intersection(verdicts):
        if verdicts[index] in ("menu", "short"):
            verdicts[index] = "list_item"
    slides = range(parts.start, parts.end) if parts and parts.kind == "slides" else range(0)
    _drop_tainted_groups(lines, verdicts, slides)  # a slide's text sits with its credit
    end = edges.keep_announced_lists(lines, verdicts, end)
    kept_text = [i for i, v in verdicts.items() if v in _TEXT]
    if kept_text and parts is not None:  # their numbers say where they end, not breaks
        kept_text = [i for i in kept_text if i < parts.end] or kept_text
        start, end = kept_text[0], kept_text[-1] + 1
    elif kept_text:  # the body starts and ends with text, not with a heading
        last = edges.tail_cut(lines, verdicts, kept_text, chances)
        last = edges.more_stories_cut(lines, [i for i in kept_text if i <= last])
        kept = [i for i in kept_text if i <= last]
        last = edges.card_run_cut(lines, verdicts, kept, found.headings)
        last = edges.bio_cut(lines, [i for i in kept_text if i <= last])
        last = edges.promo_cut(lines, [i for i in kept_text if i <= last])
        start, end = kept_text[0], last + 1
    ends = {i for i, reason in marked.items() if reason != CONTENTS}
    sections_end = named_sections_end(lines, edited & found.named, ends, end)
    for line in lines[end:sections_end]:  # the rest of the sections the page marks
        verdicts[line.index] = (
            marked.get(line.index)
            or _headed(line, found.headings, sections_end)
            or classify(line, lines, sections_end)
        )
    end = sign_off_end(lines, verdicts, closing_lines(lines, verdicts, sections_end, marked))
    closing = frozenset(range(sections_end, end))
    if start - 1 in found.headings and start - 1 not in marked:
        start -= 1  # the page's own heading over the body's first paragraph
        verdicts[start] = "heading"
    lead = set(lead_above(lines, toc, start))
    tables = _table_rows(lines)
    # A label announcing a list ('Zutaten für den Teig:', 'Lue aiheesta lisää:') stays the
    # rules' call, as its entries do: the model takes a line ending in ':' for a form's
    # label. Kept with the related-links box (`pagecopy/related`), which then sees a box's
    # label: cross-validated phrases A 0.8843 -> 0.8853, B and dev unchanged
    # (docs/benchmarks.md, thresholds).
    labels = edges.list_labels(lines)
    short = edges.short_labels(lines, verdicts, start, end)
    verdicts.update(dict.fromkeys(short, "paragraph"))
    labels |= short
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    reach = model.extension(lines, chances, end)
    kept_at: list[int] = []
    for line in lines:
        if line.index in lead:
            verdict = "paragraph"
        elif start <= line.index < end:
            verdict = verdicts[line.index]
            sure = (found.headings, tables, template, closing, labels)
            if not any(line.index in known for known in sure):
                verdict = model.second_look(line, verdict, chances)  # its evidence stays
        else:
            reached = line.index in reach and line.index not in marked
            # apparatus outside the body is named as what it is
            verdict = marked.get(line.index) or _outside(line, lines, reached, start)
        repeat = line.repeats > 1 and line.index not in template  # a template's are read
        if verdict in _KEPT and repeat and line.text.casefold() in seen:
            dropped.append(Dropped(line.text, "duplicate"))
        elif verdict in _KEPT:
            seen.add(line.text.casefold())
            text = BULLET.sub("", line.text) if verdict == "list_item" else line.text
            blocks.append(Block(verdict, text))  # type: ignore[arg-type]
            kept_at.append(line.index)
        else:
            dropped.append(Dropped(line.text, verdict))
    if len(blocks) > 1 and _closing_label(lines[kept_at[-1]], lines[kept_at[-2]]):
        dropped.append(Dropped(blocks.pop().text, "label"))
    return Body(
        tuple(blocks),
        tuple(dropped),
        min([start, *lead]) if blocks else len(lines),
        None if chances is None else tuple(chances),
    )


_LABEL_WORDS_AT_END = 6


def _closing_label(line: Line, before: Line) -> bool:
    """The body's last line, a few words alone in their block and no sentence: the label of
    the share buttons, newsletter box or links after it ('Diese Seite', 'Sie wollen mehr
    von uns?'); not an entry of a list the line `before` announces (`pagecopy/related`
    judges those), nor a writer's sign-off."""
    text = line.text.rstrip()
    return (
        line.group_size == 1
        and not is_sign_off(line)
        and not before.text.rstrip().endswith(":")
        and line.words <= _LABEL_WORDS_AT_END
        and not text.endswith((".", "!", "…", '"', "”", "“", "»", ")", "]", "。", "！"))
    )


_TABLE_ROWS = 3  # rows of cells with numbers in one block: a table


def _table_rows(lines: list[Line]) -> set[int]:
    """The rows of tables: runs of lines of cells with numbers in one block (a list
    article's table, a results table), which the line model takes for menus."""
    rows = [line for line in lines if rules.is_table_row(line) and not rules.is_prose(line)]
    found: set[int] = set()
    run: list[int] = []
    for line in rows:
        if run and (line.index != run[-1] + 1 or line.group != lines[run[-1]].group):
            found.update(run if len(run) >= _TABLE_ROWS else ())
            run = []
        run.append(line.index)
    found.update(run if len(run) >= _TABLE_ROWS else ())
    return found


def _parts_of(lines: list[Line], start: int, end: int) -> Parts | None:
    """The page's numbered posts or slides (`pagecopy/numbered`) when the body run
    overlaps them."""
    parts = find_parts(lines)
    if parts is None or not (parts.start < end and start < parts.end):
        return None
    return parts


def _headed(line: Line, headings: frozenset[int], end: int) -> str | None:
    """'heading' for a line the page marks as one, when text follows it in the body."""
    if line.index not in headings or line.index + 1 >= end:
        return None
    return "heading" if rules.is_headline_like(line) else None


def _recurring(line: Line, template: frozenset[int]) -> str | None:
    """The kind of a short label of the article's recurring template (`recurring`), read
    where the rules would drop it as a repeated line; None for other lines."""
    if line.index not in template or not is_repeated(line):
        return None
    return "heading" if rules.is_headline_like(line) else "paragraph"


def _outside(line: Line, lines: list[Line], reached: bool, start: int) -> str:
    """A line outside the body run: read when the line model reaches it from the body's
    edge and the rules see text in it, else dropped as before or after the body."""
    if reached and (verdict := classify(line, lines, len(lines))) in _TEXT:
        return verdict
    return "before-body" if line.index < start else "after-body"


# A caption is a sentence or two; a longer paragraph sharing its block with a picture
# credit is the article's own, the picture set after it with no blank line between
# (docs/benchmarks.md, thresholds).
_CAPTION_MAX_WORDS = 40


def _drop_tainted_groups(
    lines: list[Line], verdicts: dict[int, str], slides: range = range(0)
) -> None:
    """Lines sharing a group with a credit, byline or time are a caption or header box,
    unless they are longer than a caption or are a slideshow's `slides`."""
    for index, verdict in verdicts.items():
        line = lines[index]
        if verdict not in _MARKS_HEADER or line.group_size < 2 or index in slides:
            continue
        first = index - line.group_pos
        for other in range(first, first + line.group_size):
            short = lines[other].words <= _CAPTION_MAX_WORDS
            if verdicts.get(other) in _KEPT and short:
                verdicts[other] = "caption"
