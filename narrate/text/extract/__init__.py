"""Extraction: a loaded Document -> the Article a listener should hear.

HTML pages go to `html.extract_html`, plain-text page copies to
`text.extract_text`; Markdown, e-mail, PDF and EPUB to their own modules,
which reuse those where the content is a page (an e-mail's HTML part, an
EPUB's XHTML chapters). All return the title, byline and body blocks in
reading order, plus every dropped block with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Document, MediaType


def extract(doc: Document) -> Article:
    """Extract the article from a page; raise NoArticleError when there is none."""
    article = _extractor(doc.media_type)(doc)
    if not article.blocks:
        moved = _refreshed_to(doc) if doc.media_type == "html" else None
        error = NoArticleError(
            f"no article text found in {doc.source}",
            f"the page sends a browser on to {moved}: narrate that"
            if moved
            else "is this an article page? `narrate script --show-dropped` shows what was skipped",
        )
        error.dropped = article.dropped
        raise error
    return article


# <meta http-equiv="refresh" content="0; url=/story">: a page that only sends a browser on
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_REFRESH = re.compile(r"http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)
_CONTENT = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_TARGET = re.compile(r"url\s*=\s*['\"]?([^'\"\s]+)", re.IGNORECASE)


def _refreshed_to(doc: Document) -> str | None:
    """Where a page with no article of its own sends a browser (absolute when it can be)."""
    for tag in _META.findall(doc.text[:65536]):
        content = _CONTENT.search(tag) if _REFRESH.search(tag) else None
        target = _TARGET.search(content[1] or content[2] or "") if content else None
        if target is not None:
            found: str = target[1]
            try:
                return urljoin(doc.url or "", found)
            except ValueError:
                return found
    return None


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
