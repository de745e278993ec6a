"""A closing box of links to other stories under a colon label is dropped as 'related', in
German, English, Spanish and French; an article's own closing list is read."""

from __future__ import annotations

import pytest

from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

BOXES = {
    "de": (
        "Mehr zum Thema auf Beispiel.de:",
        "Alternativen zum Kükentöten",
        "Wie viel Huhn ist Bio?",
    ),
    "en": ("More on this topic:", "Why the old bridge has to go", "A river path for everyone"),
    "es": ("Lee también sobre el tema:", "El puente que nadie quería", "Un paseo junto al río"),
    "fr": ("À lire aussi sur le sujet :", "Le pont de la discorde", "Une passerelle pour tous"),
}


@pytest.mark.parametrize("language", BOXES)
def test_a_closing_box_of_headlines_under_a_label_is_dropped(language: str) -> None:
    label, *headlines = BOXES[language]
    box = f"{label}\n\n" + "\n\n".join(headlines)
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, box, FOOTER)
    assert [block.text for block in article.blocks] == list(PARAGRAPHS)
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons[label] == "related"
    assert reasons[headlines[0]] == "related"


CLOSING_LISTS = {
    "dates": (
        "The council will meet again on:",
        "12 March at the town hall",
        "9 April at the school",
    ),
    "sentences": (
        "The council lists its reasons:",
        "The old bridge is no longer safe for bicycles.",
        "A new one costs less than two more years of repairs.",
    ),
    "long entries": (
        "The footbridge will have:",
        "A lane for bicycles and one for people on foot, apart from each other",
        "Lights along its whole length that are dimmed after midnight for the bats",
    ),
}


@pytest.mark.parametrize("shape", CLOSING_LISTS)
def test_an_articles_own_closing_list_is_read(shape: str) -> None:
    label, *entries = CLOSING_LISTS[shape]
    box = f"{label}\n" + "\n".join(entries)
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, box, FOOTER)
    assert [block.text for block in article.blocks][: len(PARAGRAPHS)] == list(PARAGRAPHS)
    assert not any(d.reason == "related" for d in article.dropped)


def test_the_label_of_an_articles_own_list_is_read() -> None:
    label, *entries = CLOSING_LISTS["long entries"]
    box = f"{label}\n" + "\n".join(entries)
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, box, FOOTER)
    assert [block.text for block in article.blocks] == [*PARAGRAPHS, label, *entries]
