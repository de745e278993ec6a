"""A closing box of links to other stories under a colon label is dropped as 'related', in
German, English, Spanish and French; an article's own closing list is read."""

from __future__ import annotations

import pytest

from narrate.core.models import Block
from narrate.text.extract.pagecopy.related import drop_ranked
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


RANKED = {
    "de": (
        "MEISTGEKLICKTE BEITRÄGE",
        "1Pudel-Hype: Vom Oma-Schoßhund zurück zum Trend-Hund in der Stadt",
        "2„Gefangen – Alltag im Knast“: Die Arbeit einer Beamtin in der JVA",
        "3Zu wenig Helfer: Grömitz verpflichtet Bürger zur Freiwilligen Feuerwehr",
        "4Immer mehr Bedürftige: Die Tafel sucht freiwillige Helfer für den Winter",
        "5„Follow the Greens“: Der Flughafen bekommt ein neues Leitverfahren",
    ),
    "ru": (
        "САМОЕ ЧИТАЕМОЕ",
        "1Мост через реку построят весной, решил городской совет после долгих споров",
        "2«Мы ждали десять лет»: жители района о решении совета построить мост",
        "3Новый парк у реки откроется летом, обещают в администрации города",
        "4Цены на жильё у реки выросли за год почти на треть, говорят агенты",
        "5Фестиваль на набережной пройдёт в июле, как и в прошлом году",
    ),
}


@pytest.mark.parametrize("language", RANKED)
def test_a_box_of_ranked_headlines_is_dropped(language: str) -> None:
    heading, *ranked = RANKED[language]
    box = f"{heading}\n\n" + "\n".join(ranked)
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, box, FOOTER)
    read = [block.text for block in article.blocks]
    assert not any(text in read for text in ranked)
    assert {d.reason for d in article.dropped if d.text in ranked} == {"related"}


def test_ranked_headlines_are_dropped_wherever_they_stand() -> None:
    blocks = [
        Block("paragraph", text) for text in (PARAGRAPHS[0], *RANKED["de"][1:], PARAGRAPHS[1])
    ]
    kept, dropped = drop_ranked(blocks)
    assert [b.text for b in kept] == [PARAGRAPHS[0], PARAGRAPHS[1]]
    assert len(dropped) == len(RANKED["de"]) - 1


@pytest.mark.parametrize(
    "entries",
    [
        ("1. Cut the apples into pieces", "2. Add a glass of water", "3. Cook them slowly"),
        ("1a etapa: 10 de março", "2a etapa: 8 de abril", "3a etapa: 22 de abril"),
        ("1 Ei", "2 Äpfel", "3 EL Zucker"),
        ("1Pudel-Hype: Vom Schoßhund zum Trend", "2Zu wenig Helfer im Dorf"),  # two are no box
        ("1G: the first phones", "2G: text messages", "3G: the mobile web"),  # codes, no words
    ],
)
def test_an_articles_own_numbered_list_is_read(entries: tuple[str, ...]) -> None:
    blocks = [Block("list_item", text) for text in entries]
    assert drop_ranked(blocks) == (blocks, [])
