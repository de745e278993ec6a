"""Labels a structured article repeats in each of its parts (a plan's days, a roundup's
sources) are read every time, in a plain-text page copy; a single label repeated inside
the article (an ad slot's) and the page's menu shown twice are still dropped."""

from __future__ import annotations

from narrate.core.models import Article
from tests.text.extract.pagecopy.copies import FOOTER, MENU, page

HEADLINE = "Ein Wochenplan für den Winter: drei Tage, drei Mahlzeiten"
INTRO = (
    "Wer im Winter regelmäßig und warm essen will, plant am besten die ganze Woche im "
    "Voraus, kauft einmal ein und kocht an zwei Abenden für mehrere Tage vor."
)
LABELS = ("Frühstück", "Mittagessen", "Abendessen")
SHARED = "Dazu passt: ein Glas Wasser, ein Apfel, eine Handvoll Nüsse."


def day(n: int) -> list[str]:
    """One day of the plan: each meal's label on its own, then what to cook."""
    parts = []
    for label in LABELS:
        parts += [
            label,
            f"Am Tag {n} gibt es zum {label} eine Schüssel Haferbrei mit Zimt, Birnen und "
            "Walnüssen, die man am Vorabend einweichen kann.",
            SHARED,
        ]
    return parts


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_labels_recurring_in_every_part_are_read_each_time() -> None:
    article = page(MENU, HEADLINE, INTRO, *day(1), *day(2), *day(3), FOOTER, MENU)
    read = texts(article)
    for label in LABELS:
        assert read.count(label) == 3
    assert read.count(SHARED) == 9  # the template's longer lines too, not read once
    assert "Home" not in read  # the menu shown twice, outside the body, stays out


def test_one_label_repeated_inside_the_article_is_still_dropped() -> None:
    slot = "Werbefläche"
    paragraphs = [t for t in day(1) if t not in LABELS and t != SHARED]
    parts = [part for text in paragraphs for part in (text, slot)]
    article = page(MENU, HEADLINE, INTRO, *parts, FOOTER)
    assert slot not in texts(article)
    assert texts(article)[-1] == paragraphs[-1]
    assert ("repeated", slot) in {(d.reason, d.text) for d in article.dropped}
