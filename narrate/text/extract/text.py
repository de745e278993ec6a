"""Plain-text page copies (a whole web page selected and copied) -> Article.

The page's menus, captions, teaser cards and forms are still in such a copy, so
the body is found by structure (text_body picks the densest run of prose,
text_edges trims its ends) and the headline, byline and
date are looked for around it (see text_meta). Standard library only: the
rules are about line shapes, which no extraction library handles for text.
"""

from __future__ import annotations

from narrate.core.models import Article, Document, Dropped
from narrate.text.extract.text_body import find_body
from narrate.text.extract.text_lines import WORD, split_lines
from narrate.text.extract.text_meta import find_byline, find_published, find_title

_OPENING_WORDS = 150  # body words the headline is compared with


def extract_text(doc: Document) -> Article:
    """Extract headline, byline, date and body blocks from a plain-text page copy."""
    lines = split_lines(doc.text)
    body = find_body(lines)
    opening = " ".join(block.text for block in body.blocks)
    body_words = {w.casefold() for w in WORD.findall(opening)[:_OPENING_WORDS] if len(w) > 3}
    title = find_title(lines, body.start, body_words)
    header = lines[max(0, body.start - 15) : body.start]
    dropped = tuple(Dropped(d.text, "title") if d.text == title else d for d in body.dropped)
    return Article(
        title=title,
        blocks=body.blocks,
        byline=find_byline(header),
        source=doc.source,
        published=find_published(header),
        dropped=dropped,
    )
