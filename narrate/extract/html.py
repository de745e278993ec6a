"""HTML pages -> Article. (Minimal first version; to be replaced by the full extractor.)"""

from __future__ import annotations

import trafilatura

from narrate.models import Article, Block, Document


def extract_html(doc: Document) -> Article:
    """Extract title and paragraphs with trafilatura."""
    meta = trafilatura.extract_metadata(doc.text)
    body = trafilatura.extract(doc.text, include_comments=False, include_tables=False) or ""
    blocks = tuple(Block("paragraph", p.strip()) for p in body.split("\n") if p.strip())
    return Article(
        title=(meta.title if meta and meta.title else "Untitled"),
        byline=meta.author if meta else None,
        site=meta.sitename if meta else None,
        source=doc.source,
        published=meta.date if meta else None,
        blocks=blocks,
    )
