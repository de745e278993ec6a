"""A page is refused as 'no article' only when it has none: short articles without
prose paragraphs are read, empty pages, link lists and login walls are refused."""

from __future__ import annotations

import pytest

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Document
from narrate.text.extract import extract

MENU = (
    '<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a>'
    "</nav></header>"
)
FOOTER = '<footer><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a></footer>'


def html_page(body: str, title: str = "Shop notice", wrapper: str = "div") -> str:
    return (
        f"<html><head><title>{title} | Corner Shop</title></head>"
        f"<body>{MENU}<{wrapper}>{body}</{wrapper}>{FOOTER}</body></html>"
    )


def extract_html(page: str) -> Article:
    return extract(Document("page.html", page, "html", "utf-8"))


def body_of(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


# --- pages with a short article: read, not refused -------------------------------------


def test_two_short_sentences_under_the_headline_are_read() -> None:
    page = html_page(
        "<h1>Shop notice</h1><p>The shop is closed today.</p><p>We open again on Monday.</p>"
    )
    article = extract_html(page)
    assert article.title == "Shop notice"
    assert body_of(article) == ["The shop is closed today.", "We open again on Monday."]


def test_a_paragraph_without_a_full_stop_is_read() -> None:
    text = "Closed on Monday 3 May for the holiday and open again on Tuesday morning as usual"
    article = extract_html(html_page(f"<h1>Shop notice</h1><p>{text}</p>"))
    assert body_of(article) == [text]


def test_a_short_article_keeps_its_subheading_and_leaves_the_menus() -> None:
    page = html_page(
        "<h1>Shop notice</h1><h2>Opening hours</h2><p>Monday to Friday, nine to five.</p>"
        "<p>Saturday, nine to one.</p><aside><p>Our newsletter: sign up for news.</p></aside>"
    )
    article = extract_html(page)
    assert body_of(article) == [
        "Opening hours",
        "Monday to Friday, nine to five.",
        "Saturday, nine to one.",
    ]
    assert "Home" not in " ".join(body_of(article))


# --- pages with no article: refused --------------------------------------------------


def refused(page: str) -> bool:
    try:
        extract_html(page)
    except NoArticleError:
        return True
    return False


def test_an_empty_page_is_refused() -> None:
    assert refused("<html><head><title>Shop</title></head><body></body></html>")


def test_a_script_shell_is_refused() -> None:
    page = (
        "<html><head><title>App</title></head><body><noscript>You need to enable "
        'JavaScript to run this app.</noscript><div id="root"></div></body></html>'
    )
    assert refused(page)


def test_a_headline_over_links_only_is_refused() -> None:
    links = "".join(
        f'<p><a href="/story/{n}">Another story number {n} with a long linked headline</a></p>'
        for n in range(8)
    )
    assert refused(html_page(f"<h1>Shop notice</h1>{links}"))


def test_a_headline_over_a_lone_label_is_refused() -> None:
    assert refused(html_page("<h1>Shop notice</h1><p>Updated today</p>"))


LOGIN = (
    "<h1>Sign in to read this notice</h1>"
    "<p>Please sign in or create a free account to keep reading our notices.</p>"
    '<form><label>Email <input type="email"></label>'
    '<label>Password <input type="password"></label><button>Sign in</button></form>'
)


@pytest.mark.parametrize("wrapper", ["div", "main"])
def test_a_login_wall_is_refused(wrapper: str) -> None:
    # <main> marks the container, so the rules find it without any prose in it.
    assert refused(html_page(LOGIN, wrapper=wrapper))


def test_a_login_box_beside_an_article_does_not_hide_it() -> None:
    prose = "".join(
        f"<p>Paragraph {n} says that the shop is closed on Monday for the holiday, "
        "and that it opens again on Tuesday morning as usual.</p>"
        for n in range(3)
    )
    login = '<aside><form><input type="password"><button>Sign in</button></form></aside>'
    article = extract_html(html_page(f"<h1>Shop notice</h1>{prose}{login}"))
    assert len(article.blocks) == 3


@pytest.mark.parametrize("text", ["", "Home\nNews\nAbout\n\nImprint\nPrivacy"])
def test_page_copies_without_text_are_refused(text: str) -> None:
    with pytest.raises(NoArticleError):
        extract(Document("page.txt", text, "text", "utf-8"))


def test_a_page_copy_that_is_a_headline_shown_twice_over_links_is_refused() -> None:
    question = "Poll: which shop in the old town has the friendliest staff this year?"
    links = "\n".join(f"Another story number {n} with a headline" for n in range(8))
    text = f"Home\nNews\nAbout\n\n{question}\n\n{question}\n\n{links}\n\nImprint\nPrivacy"
    with pytest.raises(NoArticleError):
        extract(Document("page.txt", text, "text", "utf-8"))


def test_a_page_copy_with_a_short_notice_is_read() -> None:
    text = (
        "Home\nNews\nAbout\n\nShop notice\n\nThe shop is closed today.\n\n"
        "We open again on Monday.\n\nImprint\nPrivacy"
    )
    article = extract(Document("page.txt", text, "text", "utf-8"))
    assert article.title == "Shop notice"
    assert body_of(article) == ["The shop is closed today.", "We open again on Monday."]


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Hi Anna, the meeting moved to Friday. See you there!\n", "Untitled",
         ["Hi Anna, the meeting moved to Friday. See you there!"]),
        ("Buy milk.\nCall the plumber.\n", "Untitled", ["Buy milk.", "Call the plumber."]),
        ("Einkauf\nBrot holen.\nDen Klempner anrufen.\n", "Einkauf",
         ["Brot holen.", "Den Klempner anrufen."]),
        ("会议改到星期五。请带上报告。\n", "Untitled", ["会议改到星期五。请带上报告。"]),
    ],
)  # fmt: skip  # a table of cases, packed several a line
def test_a_short_note_is_read_whole(text: str, title: str, body: list[str]) -> None:
    """A note typed by hand (a line or two of sentences, maybe a title) is no page copy."""
    article = extract(Document("-", text, "text", "utf-8"))
    assert (article.title, body_of(article)) == (title, body)


def test_a_short_list_of_links_is_no_note() -> None:
    with pytest.raises(NoArticleError):
        extract(Document("page.txt", "Home\nNews\nSport: results\nWeather\n", "text", "utf-8"))
