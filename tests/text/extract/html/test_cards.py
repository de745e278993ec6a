"""Galleries of link cards (a picture and a name in one link) are never read; a list
article's linked items are."""

from __future__ import annotations

import pytest

from narrate.core.models import Document
from narrate.text.extract.html.cards import card_reasons, list_reasons, promo_reasons
from narrate.text.extract.html.dom import RawBlock, parse_html, walk_blocks
from narrate.text.extract.html.extract import extract_html

PROSE = {
    "en": (
        "The harbour lights came on at six, one after another, from the breakwater to the "
        "old customs house, and the fishermen say the new lamps are brighter than the old."
    ),
    "de": (
        "Die Hafenlichter gingen um sechs Uhr an, eines nach dem anderen, vom Wellenbrecher "
        "bis zum alten Zollhaus, und die Fischer sagen, die neuen Lampen seien heller."
    ),
    "zh": (
        "港口的灯在六点钟一盏接一盏地亮起来，从防波堤一直到旧海关大楼，渔民们说新灯比旧灯亮得多，"
        "晚上出海的船也更安全了。"
    ),
}
NAMES = {
    "en": ["Low Tide", "The Pier", "Night Boats", "Lanterns"],
    "de": ["Ebbe", "Der Steg", "Nachtboote", "Laternen"],
    "zh": ["陌生的港口", "呼吸", "夜航", "灯塔"],
}


def _card(name: str, number: int) -> str:
    return (
        f'<li><a href="/item/{number}"><img src="/p/{number}.jpg">'
        f'<div class="name">{name}</div></a></li>'
    )


def _page(lang: str, gallery: str) -> str:
    paragraphs = "".join(f"<p>{PROSE[lang]} ({n})</p>" for n in range(4))
    return (
        f'<html lang="{lang}"><head><title>Harbour</title></head><body><article>'
        f"<h1>Harbour</h1><p>{PROSE[lang]}</p>{gallery}{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_a_gallery_of_link_cards_is_not_read(lang: str) -> None:
    gallery = "<ul>" + "".join(_card(n, i) for i, n in enumerate(NAMES[lang])) + "</ul>"
    article = extract_html(Document("page.html", _page(lang, gallery), "html", "utf-8"))
    read = [block.text for block in article.blocks]
    assert not set(NAMES[lang]) & set(read)
    assert sum(PROSE[lang] in text for text in read) == 5
    dropped = {d.text: d.reason for d in article.dropped}
    assert all(dropped.get(name) in ("link-list", "related") for name in NAMES[lang])


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_cards_the_block_model_kept_are_dropped_after_it(lang: str) -> None:
    """On a Baidu Baike page the block model reads some cards of a gallery and not others:
    the gallery is found after it, as a whole."""
    gallery = "<ul>" + "".join(_card(n, i) for i, n in enumerate(NAMES[lang])) + "</ul>"
    root = parse_html(_page(lang, gallery))
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root, blocks)
    reasons = card_reasons(blocks, [None] * len(blocks))
    dropped = {b.text for b, reason in zip(blocks, reasons, strict=True) if reason == "link-list"}
    assert dropped == set(NAMES[lang])


def test_two_cards_are_no_gallery() -> None:
    root = parse_html(_page("en", "<ul>" + _card("Low Tide", 1) + _card("Lanterns", 2) + "</ul>"))
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root, blocks)
    assert card_reasons(blocks, [None] * len(blocks)) == [None] * len(blocks)


def test_a_list_articles_linked_items_are_read() -> None:
    items = "".join(
        f'<li><a href="/wiki/{n}">{n}</a>, a harbour town of {1000 * (i + 2)} people on the '
        "northern coast, known for its lighthouse.</li>"
        for i, n in enumerate(["Aberdour", "Buckhaven", "Crail", "Dysart"])
    )
    page = _page("en", f"<ul>{items}</ul>")
    read = [block.text for block in extract_html(Document("p.html", page, "html", "utf-8")).blocks]
    assert sum(text.startswith(("Aberdour", "Buckhaven", "Crail", "Dysart")) for text in read) == 4


def _promos(html: str) -> tuple[list[RawBlock], list[str | None]]:
    """The page's blocks in reading order and the promo rule's reasons for them."""
    root = parse_html(html)
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root, blocks)
    return blocks, promo_reasons(blocks, [None] * len(blocks))


ONWARDS = {
    "zh": ("本站内容由网友共同编辑，欢迎使用词条编辑服务参与修正。", "立即前往>>"),
    "de": ("Alle Beiträge dieser Reihe finden Sie in unserem Archiv.", "Jetzt ansehen →"),
    "en": ("Our newsletter brings the week's harbour news to your inbox.", "Sign up »"),
}


@pytest.mark.parametrize("lang", ["zh", "de", "en"])
def test_a_closing_block_ending_in_a_link_onwards_is_a_promo(lang: str) -> None:
    """Baidu Baike closes with an editing-service notice ending in '立即前往>>'."""
    notice, link = ONWARDS[lang]
    promo = f'<div class="box">{notice}<a href="/service">{link}</a></div>'
    html = _page(lang, "").replace("</article>", promo + "</article>")
    read = [b.text for b in extract_html(Document("page.html", html, "html", "utf-8")).blocks]
    assert not any(notice in text for text in read)
    assert sum(PROSE[lang] in text for text in read) == 5
    blocks, reasons = _promos(html)
    assert [b.text for b, r in zip(blocks, reasons, strict=True) if r] == [f"{notice}{link}"]
    assert reasons[-1] == "promo"


def test_a_closing_quotation_in_a_link_and_a_link_inside_the_text_are_read() -> None:
    quoted = 'Sie las zuletzt <a href="/buch">«Die Hafenlichter»</a>'
    inside = f'{PROSE["de"]} Mehr im <a href="/archiv">Archiv »</a> und in der Chronik.'
    html = _page("de", "").replace("</article>", f"<p>{inside}</p><p>{quoted}</p></article>")
    read = [b.text for b in extract_html(Document("p.html", html, "html", "utf-8")).blocks]
    assert read[-1] == "Sie las zuletzt «Die Hafenlichter»"
    assert any(text.endswith("in der Chronik.") for text in read)


INVITATIONS = {
    "en": ("Do you want to hear about our next events?", "Sign up here"),
    "de": ("Sie möchten keinen Beitrag verpassen?", "Hier abonnieren"),
    "es": ("¿Quieres recibir nuestras noticias?", "Suscríbete"),
}


@pytest.mark.parametrize("lang", ["en", "de", "es"])
def test_a_closing_invitation_whose_link_is_a_sentence_of_its_own_is_a_promo(lang: str) -> None:
    question, link = INVITATIONS[lang]
    closing = f'<p><i>{question} <a href="/newsletter">{link}</a></i></p>'
    html = _page("de" if lang == "de" else "en", "").replace("</article>", closing + "</article>")
    blocks, reasons = _promos(html)
    assert [b.text for b, r in zip(blocks, reasons, strict=True) if r] == [f"{question} {link}"]


def test_a_closing_source_link_and_a_long_paragraph_ending_in_a_link_are_read() -> None:
    """'... via netzpolitik.org' ends the article's own sentence; a paragraph of prose
    keeps its last link."""
    source = 'Studie zweifelt an der Presseförderung via <a href="https://n.org/">n.org</a>'
    long = f'{PROSE["de"]} <a href="/mehr">Mehr dazu</a>'
    for closing in (f"<p>{source}</p>", f"<p>{long}</p>"):
        html = _page("de", "").replace("</article>", closing + "</article>")
        blocks, reasons = _promos(html)
        assert reasons == [None] * len(blocks)


def _list_blocks(items: list[str]) -> list[RawBlock]:
    body = "".join(f'<li><a href="/{n}">{item}</a></li>' for n, item in enumerate(items))
    root = parse_html(_page("de", f'<ul class="related">{body}</ul>'))
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root, blocks)
    return blocks


def test_items_the_model_read_of_a_link_list_the_rules_dropped_whole_stay_dropped() -> None:
    """uepo.de: the block model read one dated headline of a two-item 'more on this' list."""
    items = ["2019-01-14: Auftakt des Zentrums für Lexikographie", "2018-01-06: Langer Abend"]
    blocks = _list_blocks(items)
    rules = ["related" if b.text in items else None for b in blocks]
    model = [None if b.text == items[0] else r for b, r in zip(blocks, rules, strict=True)]
    assert list_reasons(blocks, rules, model) == rules


def test_a_link_list_the_model_reads_mostly_is_read() -> None:
    """A list article's list the rules took for links: the model's reading stands."""
    items = ["Aberdour", "Buckhaven", "Crail"]
    blocks = _list_blocks(items)
    rules = ["related" if b.text in items else None for b in blocks]
    model = [None if b.text in items[:2] else r for b, r in zip(blocks, rules, strict=True)]
    assert list_reasons(blocks, rules, model) == model
