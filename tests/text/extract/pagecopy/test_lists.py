"""Lists inside a plain-text page copy that no sentence announces: a column of
entries that open with an amount (an ingredient list) is read, a menu is not."""

from __future__ import annotations

import pytest

from narrate.core.models import Article
from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

HEADLINE = "Almond biscuits for the winter market"
INGREDIENTS = (
    "300 g flour",
    "100 g ground almonds",
    "200 g butter",
    "2 tbsp brown sugar",
    "1 pinch of salt",
)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_entries_that_open_with_an_amount_open_the_body() -> None:
    # Above the first paragraph, the list is read with the body, not left as a menu.
    article = page(MENU, HEADLINE, "\n".join(INGREDIENTS), *PARAGRAPHS, FOOTER)
    assert texts(article) == [*INGREDIENTS, *PARAGRAPHS]


def test_two_word_entries_that_open_with_an_amount_count_too() -> None:
    # '1 Ei', '2 onions': an amount and one word is an entry as well, so a list whose
    # short entries are many is still read.
    entries = ("Zutaten:", "300 g Mehl", "1 Ei", "1 Vanillezucker", "200 g Zucker", "2 Äpfel")
    article = page(MENU, HEADLINE, "\n".join(entries), *PARAGRAPHS, FOOTER)
    assert texts(article)[-3:] == list(PARAGRAPHS)
    assert "1 Vanillezucker" in texts(article)


def test_a_column_of_labels_there_is_still_a_menu() -> None:
    labels = ("Flour types", "Ground almonds", "Butter and salt", "Brown sugar", "Winter market")
    article = page(MENU, HEADLINE, "\n".join(labels), *PARAGRAPHS, FOOTER)
    assert texts(article) == list(PARAGRAPHS)


# A recipe's part, named by one word and a colon in a block of its own, over its
# ingredients (de, en, es, fr, pl).
PARTS = {
    "de": ("Belag:", "25 g Butter", "1 EL Honig", "70 g gehobelte Mandeln"),
    "en": ("Topping:", "25 g butter", "1 tbsp honey", "70 g flaked almonds"),
    "es": ("Cobertura:", "25 g de mantequilla", "1 cucharada de miel", "70 g de almendras"),
    "fr": ("Garniture :", "25 g de beurre", "1 c. à soupe de miel", "70 g d'amandes effilées"),
    "pl": ("Posypka:", "25 g masła", "1 łyżka miodu", "70 g płatków migdałów"),
}


@pytest.mark.parametrize("language", PARTS)
def test_a_one_word_label_over_its_list_inside_the_body_is_read(language: str) -> None:
    label, *entries = PARTS[language]
    first, *rest = PARAGRAPHS
    body = (first, label, "\n".join(entries), *rest)
    article = page(MENU, HEADLINE, *body, FOOTER)
    assert texts(article) == [first, label, *entries, *rest]


def test_a_lower_case_fragment_with_a_colon_is_no_label() -> None:
    first, *rest = PARAGRAPHS
    article = page(MENU, HEADLINE, first, "und:", "\n".join(INGREDIENTS), *rest, FOOTER)
    assert "und:" not in texts(article)
