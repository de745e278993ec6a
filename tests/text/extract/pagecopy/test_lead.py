"""The standfirst of a plain-text page copy: the deck between the headline and the
body is read first, the byline, dateline and credits beside it are not."""

from __future__ import annotations

import pytest

from narrate.core.models import Article
from narrate.text.extract.pagecopy import model
from narrate.text.extract.pagecopy.lead import lead_lines
from narrate.text.extract.pagecopy.lines import Line, split_lines
from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

HEADLINE = "Council approves the river footbridge"
# A deck without a final stop: not sentence-shaped, so the body run starts below it.
DECK = (
    "After two years of debate the old town gets its crossing, and the river path "
    "stays open while it is built"
)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_the_deck_under_the_headline_opens_the_body() -> None:
    article = page(MENU, HEADLINE, DECK, "By Jane Roe", "12 May 2024", *PARAGRAPHS, FOOTER)
    assert article.title == HEADLINE
    assert texts(article) == [DECK, *PARAGRAPHS]
    assert all(d.text != DECK for d in article.dropped)


def test_datelines_bylines_and_credits_under_the_headline_are_not_a_lead() -> None:
    # Even where the line model believes in every line, their shape rules them out.
    others = [
        "Monday, May 13, 2024, 04:05 pm PT (07:05 pm ET) and a two minute read",
        "Nov 18, 2019 at 9:24 pm ET • 2 min read for subscribers and guests",
        "The new footbridge as the architects drew it (Photo: Jane Roe / City Council)",
        "by Jane Roe and the city desk of the Riverside Courier, 2 min read",
        "The footbridge as the architects drew it, seen from the old town © City Council",
    ]
    lines = split_lines("\n\n".join([HEADLINE, *others, DECK, *PARAGRAPHS]))
    sure = [0.9] * len(lines)
    body_start = len(others) + 2
    assert lead_lines(lines, 0, body_start, sure) == [len(others) + 1]
    assert lead_lines(lines, 0, body_start, [0.4] * len(lines)) == []  # the model doubts


def test_a_line_far_above_the_body_is_not_its_lead() -> None:
    # A sidebar's sentence under the headline, many labels above the article: no deck.
    labels = "\n\n".join(f"Section {n}" for n in range(10))
    article = page(MENU, HEADLINE, DECK, labels, *PARAGRAPHS, FOOTER)
    assert DECK not in texts(article)


TAGS = "\n".join(f"#{tag}" for tag in ("council", "river", "bridge", "budget", "oldtown"))
HEADER = ("© Photo: City Council", "By Jane Roe", "12 May 2024", "4 min read", TAGS)
STANDFIRST = (
    "The council has approved the footbridge over the river after two years of debate, "
    "and building work on the crossing starts next spring."
)


def test_a_standfirst_above_the_header_block_opens_the_body() -> None:
    article = page(MENU, HEADLINE, STANDFIRST, *HEADER, *PARAGRAPHS, FOOTER)
    assert article.title == HEADLINE
    assert texts(article) == [STANDFIRST, *PARAGRAPHS]


def test_a_notice_above_the_header_block_is_not_a_standfirst() -> None:
    # Nothing in it is in the headline: a site's notice, not the article's lead.
    notice = (
        "We use cookies to give you the best experience of our website, and you can "
        "change your settings at any time you wish."
    )
    article = page(MENU, HEADLINE, notice, *HEADER, *PARAGRAPHS, FOOTER)
    assert texts(article) == list(PARAGRAPHS)


def doubt(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """The line model gives the line `text` a chance of 0.2, the others their own."""
    real = model.probabilities

    def doubting(lines: list[Line], listed: set[int]) -> list[float]:
        chances = real(lines, listed)
        return [0.2 if line.text == text else c for line, c in zip(lines, chances, strict=True)]

    monkeypatch.setattr(model, "probabilities", doubting)


def test_a_lone_deck_between_headline_and_body_is_read_whatever_the_model_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """dev-phrases t0533: 'Seit November ausgefallener Sender wieder aktiv – Erfreuliche
    Flugdaten …' stood alone between its headline and the body; the line model, which
    doubts a line without its stop, gave it 0.28 and it was not read."""
    headline = "The council approves the footbridge over the river at last"
    deck = "After two years of debate the old town gets its crossing over the river"
    doubt(monkeypatch, deck)
    article = page(MENU, headline, deck, *PARAGRAPHS, FOOTER)
    assert article.title == headline
    assert texts(article)[0] == deck


@pytest.mark.parametrize(
    "line",
    [
        "05/10/2018 - Publicado por: Clara Exemplo - Categoria: Saúde - Tags: cidade ponte",
        "Ab-initio-Ausbildung-Bremen Airport-Flugschule-Simulator GmbH-Training-Centre-Luftwaffe",
    ],
)
def test_a_byline_with_a_date_or_a_tag_list_alone_under_the_headline_is_no_deck(
    monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    doubt(monkeypatch, line)
    article = page(MENU, HEADLINE, line, *PARAGRAPHS, FOOTER)
    assert line not in texts(article)
