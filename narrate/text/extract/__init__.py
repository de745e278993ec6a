"""Extraction: a loaded Document -> the Article a listener should hear.

HTML pages go to `html.extract_html`, plain-text page copies to
`text.extract_text`; Markdown, e-mail, PDF and EPUB to their own modules,
which reuse those where the content is a page (an e-mail's HTML part, an
EPUB's XHTML chapters). All return the title, byline and body blocks in
reading order, plus every dropped block with its reason.
"""

from __future__ import annotations

from collections.abc import Callable

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Document, MediaType


def extract(doc: Document) -> Article:
    """Extract the article from a page; raise NoArticleError when there is none."""
    article = _extractor(doc.media_type)(doc)
    if not article.blocks:
        error = NoArticleError(
            f"no article text found in {doc.source}",
            "is this an article page? `narrate script --show-dropped` shows what was skipped",
        )
        error.dropped = article.dropped
        raise error
    return article


def _extractor(kind: MediaType) -> Callable[[Document], Article]:
    """The extractor of one kind of source, imported when first needed."""
    if kind == "html":
        from narrate.text.extract.html.extract import extract_html

        return extract_html
    if kind == "markdown":
        from narrate.text.extract.markdown.extract import extract_markdown

        return extract_markdown
    if kind == "email":
        from narrate.text.extract.mail.extract import extract_email

        return extract_email
    if kind == "pdf":
        from narrate.text.extract.pdf.extract import extract_pdf

        return extract_pdf
    if kind == "epub":
        from narrate.text.extract.epub.extract import extract_epub

        return extract_epub
    from narrate.text.extract.pagecopy.extract import extract_text

    return extract_text
