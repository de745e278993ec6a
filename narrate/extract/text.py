"""Plain-text page copies -> Article. (Minimal first version; to be replaced.)"""

from __future__ import annotations

from narrate.models import Article, Block, Document


def extract_text(doc: Document) -> Article:
    """Keep long lines as paragraphs; the first of them is the title."""
    lines = [line.strip() for line in doc.text.splitlines() if len(line.split()) >= 6]
    title = lines[0] if lines else "Untitled"
    return Article(
        title=title,
        source=doc.source,
        blocks=tuple(Block("paragraph", line) for line in lines[1:]),
    )
