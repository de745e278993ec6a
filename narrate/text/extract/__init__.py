"""Extraction: a loaded Document -> the Article a listener should hear.

HTML pages go to `html.extract_html`, plain-text page copies to
`text.extract_text`. Both return the title, byline and body blocks in reading
order, plus every dropped block with its reason.
"""

from __future__ import annotations

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Document
from narrate.text.extract.html import extract_html
from narrate.text.extract.text import extract_text


def extract(doc: Document) -> Article:
    """Extract the article from a page; raise NoArticleError when there is none."""
    article = extract_html(doc) if doc.media_type == "html" else extract_text(doc)
    if not article.blocks:
        raise NoArticleError(
            f"no article text found in {doc.source}",
            "is this an article page? `narrate script --show-dropped` shows what was skipped",
        )
    return article
