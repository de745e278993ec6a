"""An author's biography closing an HTML article, found by the byline's name (dev-phrases
t0668: 'Jossi Loibl (Jahrgang 1962) schreibt seit mehr als 25 Jahren …')."""

from __future__ import annotations

from narrate.core.models import Document
from narrate.text.extract.html.extract import extract_html

PROSE = "".join(
    f"<p>Paragraph {n} of the article says that the council approved the footbridge, "
    "in a sentence long enough to be read aloud.</p>"
    for n in range(1, 6)
)
BIO = "Jane Roe (born 1962) has written about rivers and bridges for twenty-five years."


def test_a_closing_paragraph_opening_with_the_authors_name_is_not_read() -> None:
    html = (
        '<html><head><meta name="author" content="Jane Roe"></head><body><article>'
        f"<h1>Footbridge approved</h1>{PROSE}<p>{BIO}</p></article></body></html>"
    )
    article = extract_html(Document("-", html, "html", "utf-8"))
    assert article.byline == "Jane Roe"
    assert BIO not in [block.text for block in article.blocks]
    assert ("author-bio", BIO) in [(d.reason, d.text) for d in article.dropped]
