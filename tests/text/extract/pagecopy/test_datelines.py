"""Date lines of a page copy: a line that is mostly dates and times is a timestamp, however
long, in any language the month names are known in; a byline or a sentence with a date is not."""

from __future__ import annotations

import pytest

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import split_lines
from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page


def line(text: str) -> rules.Line:
    return split_lines(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        # dev-phrases t0184
        "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02",
        "postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50",
        "November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm",
        "08.03.2016 | 15:30 Uhr 08.03.2016 um 15:30 Uhr",
    ],
)
def test_a_long_line_of_dates_and_times_is_a_timestamp(text: str) -> None:
    assert rules.is_timestamp(line(text))


@pytest.mark.parametrize(
    "text",
    [
        "By Emily Example 8 January 2020, 3:51 pm 11 Edit",  # a byline: t0200's standfirst above
        "Der Rat hat am 19. Februar 2020 den Bau der Brücke über den Fluss beschlossen.",
        "Die Preise steigen ab 1. Januar 2022 für Zigaretten und ab 1. Januar 2023 für Tabak",
    ],
)
def test_a_byline_or_a_sentence_with_dates_is_not_a_long_timestamp(text: str) -> None:
    assert not rules.is_timestamp(line(text))


def test_a_date_line_inside_the_body_is_not_read() -> None:
    dates = "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02"
    article = page(
        MENU, "Council approves the footbridge", PARAGRAPHS[0], dates, *PARAGRAPHS[1:], FOOTER
    )
    assert [b.text for b in article.blocks] == list(PARAGRAPHS)
