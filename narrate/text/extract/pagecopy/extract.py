"""Plain-text page copies (a whole web page selected and copied) -> Article.

The page's menus, captions, teaser cards and forms are still in such a copy, so
the body is found by structure (pagecopy/body picks the densest run of prose,
pagecopy/edges trims its ends, pagecopy/model adds a learned line model's opinion) and
the headline, byline and date are looked for around it (see pagecopy/meta).
Standard library only: the rules are about line shapes, which no extraction
library handles for text.
"""

from __future__ import annotations

from narrate.core.models import UNTITLED, Article, Block, Document, Dropped
from narrate.text.extract.budget import lines_within
from narrate.text.extract.notes import drop_notes
from narrate.text.extract.pagecopy.apparatus import clean_copy, markers_read
from narrate.text.extract.pagecopy.body import find_body
from narrate.text.extract.pagecopy.lead import lead_above, lead_lines
from narrate.text.extract.pagecopy.lines import Line, split_lines
from narrate.text.extract.pagecopy.meta import find_byline, find_published, find_title
from narrate.text.extract.pagecopy.related import drop_ranked, drop_related


def extract_text(doc: Document) -> Article:
    """Extract headline, byline, date and body blocks from a plain-text page copy."""
    text, over_budget = lines_within(doc.text)
    copy = clean_copy(text)
    lines = split_lines(copy.page)
    body = find_body(lines, copy.edited)
    title, at = find_title(lines, body.start)
    header = lines[max(0, body.start - 15) : body.start]
    dropped = [Dropped(d.text, "title") if d.text == title else d for d in body.dropped]
    blocks = list(body.blocks)
    chances = None if body.chances is None else list(body.chances)
    found = lead_lines(lines, at, body.start, chances) or lead_above(lines, at, body.start, chances)
    lead = [lines[i].text for i in found] if blocks else []
    if lead:  # the standfirst under the headline opens the body
        blocks[:0] = [Block("paragraph", text) for text in lead]
        dropped = [d for d in dropped if not (d.reason == "before-body" and d.text in lead)]
    # The headline inside the body (the run began at it, or it is shown twice) is read
    # once, as the title; a body that is only its headline is no article.
    heading = next((b for b in blocks if b.text == title), None) if at is not None else None
    if heading is not None:
        blocks.remove(heading)
        dropped.insert(0, Dropped(title, "title"))
    blocks, related = drop_related(blocks)
    blocks, ranked = drop_ranked(blocks)
    dropped += related + ranked
    byline = find_byline(header)
    blocks, notes = drop_notes(blocks, byline=byline)
    markers = markers_read(blocks, copy.markers)
    if not blocks and (note := short_note(lines)) is not None:
        title, blocks = note
        dropped, notes, markers = [], [], []
    return Article(
        title=title,
        blocks=tuple(blocks),
        byline=byline,
        source=doc.source,
        published=find_published(header),
        dropped=tuple(
            dropped + notes + copy.edit_links + markers + ([over_budget] if over_budget else [])
        ),
    )


NOTE_MAX_LINES = 12  # a note typed or pasted by hand, not a page
NOTE_MAX_WORDS = 250


def short_note(lines: list[Line]) -> tuple[str, list[Block]] | None:
    """A short note that is no page copy, read whole: a few lines, most of them sentences.

    The page-copy rules look for a run of prose among menus and cards, and a note of
    a line or two has none (its one line is taken for a headline, or its short lines
    for the page's edges). Menus, link lists and bylines are not sentences, so a copy
    made of them stays refused. A first line that is no sentence, above others, is
    the note's title.
    """
    words = sum(line.words for line in lines)
    if not lines or len(lines) > NOTE_MAX_LINES or words > NOTE_MAX_WORDS:
        return None
    if 2 * sum(line.ends_sentence for line in lines) < len(lines):
        return None
    titled = len(lines) > 1 and not lines[0].ends_sentence
    body = lines[1:] if titled else lines
    return (lines[0].text if titled else UNTITLED), [Block("paragraph", line.text) for line in body]
