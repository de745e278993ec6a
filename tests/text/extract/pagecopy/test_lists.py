"""Lists inside a plain-text page copy that no sentence announces: a column of
entries that open with an amount (an ingredient list) is read, a menu is not."""

from __future__ import annotations

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


def test_a_column_of_labels_there_is_still_a_menu() -> None:
    labels = ("Flour types", "Ground almonds", "Butter and salt", "Brown sugar", "Winter market")
    article = page(MENU, HEADLINE, "\n".join(labels), *PARAGRAPHS, FOOTER)
    assert texts(article) == list(PARAGRAPHS)
