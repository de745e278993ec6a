"""Headlines of plain-text page copies: found by shape and position, never 'Untitled'
when the page has one, and never a menu entry or a label."""

from __future__ import annotations

from tests.text.extract.copies import FOOTER, MENU, PARAGRAPHS, page


def test_question_headline_at_the_body_start_is_the_title_and_read_once() -> None:
    # A headline ending in '?' with a comma reads like a sentence, so the body run
    # may start at it; it is still the headline, and is not read a second time.
    headline = "Footbridge, tunnel or ferry: what will the council build over the river?"
    article = page(MENU, headline, *PARAGRAPHS, FOOTER)
    assert article.title == headline
    assert all(block.text != headline for block in article.blocks)
    assert [block.text for block in article.blocks] == list(PARAGRAPHS)
    assert any(d.text == headline and d.reason == "title" for d in article.dropped)


def test_two_word_headline_on_its_own_line_is_found() -> None:
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, FOOTER)
    assert article.title == "Footbridge approved"


def test_two_word_menu_entry_is_not_a_title() -> None:
    menu = "Home\nLocal news\nOld town\nContact"
    article = page(menu, *PARAGRAPHS, FOOTER)
    assert article.title not in menu.splitlines()


def test_label_announcing_what_follows_is_not_the_title() -> None:
    headline = "Council approves the river footbridge"
    article = page(MENU, headline, "You are here: News", "Read the council decision:", *PARAGRAPHS)
    assert article.title == headline


def test_headline_is_not_a_sentence_of_a_teaser_above_it() -> None:
    # Another story's one-line teaser sits between the menu and the headline.
    teaser = "Opera house reopens after five years of repairs"
    headline = "Council approves the river footbridge"
    article = page(MENU, teaser, headline, *PARAGRAPHS, FOOTER)
    assert article.title == headline


def test_a_page_whose_body_is_only_its_headline_has_no_article() -> None:
    # A poll question over links: the headline is all the page says, nothing to narrate.
    line = "Footbridge, tunnel or ferry: what will the council build over the river and when?"
    article = page(MENU, line, FOOTER)
    assert article.title == line
    assert article.blocks == ()


def test_headline_above_its_deck_wins_over_the_deck() -> None:
    # The standfirst repeats more of the body's words than the headline above it.
    headline = "Council approves the new river footbridge after two years"
    deck = (
        "The footbridge over the river will be built next spring, the council said "
        "after the vote on Monday night"
    )
    article = page(MENU, headline, deck, *PARAGRAPHS, FOOTER)
    assert article.title == headline


def test_a_short_kicker_above_the_headline_is_not_the_title() -> None:
    headline = "The council votes to build a footbridge over the river"
    article = page(MENU, "Old town", headline, *PARAGRAPHS, FOOTER)
    assert article.title == headline


def test_headline_under_a_short_notice_at_the_body_start() -> None:
    # An affiliate notice reads as a sentence, so the body run starts at it.
    notice = "We may earn a commission when you buy through links on our site."
    headline = "Council approves the river footbridge"
    article = page(MENU, notice, headline, *PARAGRAPHS, FOOTER)
    assert article.title == headline
    assert all(block.text != headline for block in article.blocks)


def test_subheading_after_the_first_paragraph_is_not_the_title() -> None:
    headline = "Council approves the river footbridge"
    article = page(MENU, headline, PARAGRAPHS[0], "Work starts next spring", *PARAGRAPHS[1:])
    assert article.title == headline
