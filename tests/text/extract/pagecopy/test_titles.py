"""Headlines of plain-text page copies: found by shape and position, never 'Untitled'
when the page has one, and never a menu entry or a label."""

from __future__ import annotations

import pytest

from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page


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


@pytest.mark.parametrize(
    "headline",
    [
        "Council approves the new river footbridge after two years",
        # three of its ten words are the body's: a fifth is enough for a headline
        "Despite everything, river crossing plans finally move ahead after vote",
    ],
)
def test_headline_above_its_deck_wins_over_the_deck(headline: str) -> None:
    # The standfirst repeats more of the body's words than the headline above it.
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


def test_a_kicker_sharing_more_of_the_body_than_its_headline_is_not_the_title() -> None:
    # 'River footbridge' names the section and repeats the body's words more often than
    # the headline under it does.
    headline = "Why the old town finally gets its crossing"
    article = page(MENU, "River footbridge", headline, *PARAGRAPHS, FOOTER)
    assert article.title == headline


def test_a_tagline_under_a_short_title_is_not_the_headline() -> None:
    # A line in lower case under the page's name is its tagline, not a headline.
    article = page(MENU, "River footbridge", "at work since 1994", *PARAGRAPHS)
    assert article.title == "River footbridge"


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


def _sidebar(entries: int) -> str:
    """A navigation box of short entries, as an encyclopedia shows beside its lead."""
    return "\n".join(f"Related topic {n}" for n in range(entries))


def test_the_name_the_lead_opens_with_is_the_title_however_far_above() -> None:
    # A sidebar of 60 entries stands between the name and the lead that restates it.
    lead = (
        "Harbour footbridge (also the Old Town bridge) is a footbridge over the river, "
        "built after two years of debate about its cost and its place in the old town."
    )
    article = page("Harbour footbridge", "From the encyclopedia", _sidebar(60), lead, *PARAGRAPHS)
    assert article.title == "Harbour footbridge"


def test_a_word_may_stand_before_the_name_in_the_lead() -> None:
    lead = (
        "Captain Mirella Voss is the commander of the survey ship and the main character "
        "of the first two seasons, known for taking her crew into uncharted space."
    )
    infobox = 'Born\n2371\nRank\nCaptain\nFirst appearance\n"The Ember Gate"'
    article = page(MENU, "Mirella Voss", infobox, lead, *PARAGRAPHS)
    assert article.title == "Mirella Voss"


def test_a_name_written_without_spaces_opens_the_lead() -> None:
    lead = (
        "白沙湾（Baisha Bay），位于东海之滨，是一处以白色沙滩和古渔村闻名的海湾，湾口宽约三公里。"
    )
    body = (
        "湾内冬暖夏凉，年平均气温约十七摄氏度，台风季节常有渔船进湾避风，自古便是渔船避风的港湾。"
    )
    article = page("百度首页\n新闻\n贴吧", "白沙湾", _sidebar(45), lead, body)
    assert article.title == "白沙湾"


def test_a_headline_holding_the_menu_entry_the_body_opens_with_stays_the_title() -> None:
    # 'Old town festival' is a menu entry, and the first paragraph opens with it too.
    headline = "No street party at the old town festival"
    opening = (
        "Old town festival 2017 will go without its street party, the council said on "
        "Monday night after two years of debate about its cost."
    )
    article = page(MENU + "\nOld town festival", headline, opening, *PARAGRAPHS)
    assert article.title == headline
