"""Headlines of HTML pages without og:title or ld+json: the <h1> that is the headline."""

from __future__ import annotations

from narrate.core.models import Document
from narrate.text.extract.html.extract import extract_html

BODY = "".join(
    f"<p>Paragraph {n} of the article says that the council approved the footbridge, "
    "in a sentence long enough to be read.</p>"
    for n in range(1, 5)
)


def title_of(head: str, body: str) -> str:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return extract_html(Document("-", html, "html", "utf-8")).title


def test_menu_h1_is_passed_over_for_the_h1_the_title_names() -> None:
    head = "<title>Council approves footbridge | Town Gazette</title>"
    body = f"<nav><h1>Menu</h1></nav><article><h1>Council approves footbridge</h1>{BODY}</article>"
    assert title_of(head, body) == "Council approves footbridge"


def test_no_h1_shares_a_word_with_the_title_so_the_title_is_read() -> None:
    head = "<title>Council approves the river footbridge - Town Gazette</title>"
    body = f"<nav><h1>Sections</h1></nav><article>{BODY}</article>"
    assert title_of(head, body) == "Council approves the river footbridge"


def test_without_a_title_the_first_h1_is_the_headline() -> None:
    body = f"<article><h1>Footbridge approved</h1>{BODY}</article>"
    assert title_of("", body) == "Footbridge approved"


def test_a_slug_declared_as_og_title_is_not_the_name() -> None:
    """dev-phrases t0041: og:title was the CMS's page name 'adac-kindersitztest-herbst-2018'."""
    head = (
        '<title>Kindersitz-Test 2018 | Autoclub</title><meta property="og:title" '
        'content="kindersitztest-herbst-2018">'
    )
    body = f"<article><h1>18 Kindersitze im Test: vier fallen durch</h1>{BODY}</article>"
    assert title_of(head, body) == "18 Kindersitze im Test: vier fallen durch"


def test_a_hyphenated_name_with_capitals_or_spaces_is_still_a_title() -> None:
    head = '<meta property="og:title" content="Covid-19-Impfung: was jetzt gilt">'
    assert title_of(head, f"<article>{BODY}</article>") == "Covid-19-Impfung: was jetzt gilt"
