"""Lines about the article left in its container: credits, a closing contact block, a date."""

from __future__ import annotations

import pytest

from narrate.core.models import Block, Document
from narrate.text.extract.html.extract import extract_html
from narrate.text.extract.notes import drop_notes, is_credit
from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

TEXT = (
    "Die Gemeinde hat am Dienstag beschlossen, die alte Brücke über den Fluss im Sommer"
    " zu sanieren, statt sie abzureißen und durch einen Neubau zu ersetzen.",
    "Die Arbeiten sollen im Juni beginnen und bis zum Herbst dauern; in dieser Zeit fährt"
    " eine Fähre, damit die Schulkinder nicht den langen Umweg nehmen müssen.",
)


def _paragraphs(*texts: str) -> list[Block]:
    return [Block("paragraph", t) for t in texts]


@pytest.mark.parametrize(
    "line",
    [
        "(Credit: Clayton Aldern / Grist)",
        "Lee Elder war beim Masters 1975 der Zuschauermagnet. | © Augusta National/Getty Images",
        "Fot. Łukasz Nowak / Agencja Gazeta",
        "Foto: dpa",
        "Crédito: Agencia EFE",
        # a caption closed by its picture's credit
        "In Gottesdiensten gilt FFP2-Maskenpflicht. Foto: Anna Beispiel/cc by sa 2.0",
        "La concentración frente al Palacio de Justicia. Imagen: Agencia Sur",
        "Union Station, Chicago, 1960. Photo: Example Archive/Getty",
        "Des manifestants devant la mairie de Lyon. Crédit: Jean Exemple",
        # a figure's caption, opened by its label (dev-phrases t0565, t0482)
        "Abbildung: Vergleich der Schneehöhen auf dem Gletscher (links) und im Tal (rechts).",
        "Figure 2: Changing the font size of all text elements.",
        "Рис. 3 — Снежный покров над Альпами в мае.",
        "图1：阿尔卑斯山的积雪覆盖。",
        # a stock picture's credit, named by its site (dev-phrases t0730)
        "Bild von Anna Beispiel auf Pixabay",
        "Photo by Jane Example on Unsplash",
        "Imagen de Pexels",
    ],
)
def test_photo_credit_is_dropped_as_a_caption(line: str) -> None:
    kept, dropped = drop_notes(_paragraphs(TEXT[0], line, TEXT[1]))
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [(line, "caption")]


@pytest.mark.parametrize(
    "line",
    [
        "Das Zeichen © steht für das Urheberrecht, das in Deutschland ohne Anmeldung gilt.",
        "Photographers say the new rules leave them with less work than before.",
        "Bildung ist der Schlüssel: Wer früh lesen lernt, hat es in der Schule leichter.",
        "李明说，©符号在中国也很常见。但是大家都不太注意它的含义。",
        "Pixabay hat im Mai die Lizenz für alle Bilder geändert.",
        "Figure skating: the judges gave her the highest score of the night.",
        "Fig. 3 shows how the snow cover shrinks in spring.",
    ],
)
def test_sentences_mentioning_credits_or_photos_are_read(line: str) -> None:
    assert not is_credit(Block("paragraph", line))


@pytest.mark.parametrize(
    "line",
    [
        "Das Gericht urteilte, dass KI-Bilder kein Copyright genießen.",
        "Getty Images hat im Jahr 2022 rund 900 Millionen Dollar umgesetzt.",
        "Picture this: a city where nobody needs a car anymore.",
        "Die Marke Lego© feiert ihren Geburtstag mit einer großen Ausstellung in Billund",
        "Dank an die Tierpfleger (mit freundlicher Unterstützung von Kidogo Gepard)",
        # a label after a sentence, followed by more than a credit's few words
        "Er zeigte uns ein altes Bild: Die Brücke im Winter 1950 mit dem Fährmann am Ufer.",
        "She opened the album. Photo: a small girl on a beach, laughing at the camera again.",
    ],
)
def test_sentences_with_a_credits_words_are_read(line: str) -> None:
    kept, dropped = drop_notes(_paragraphs(TEXT[0], line, TEXT[1]))
    assert [b.text for b in kept] == [TEXT[0], line, TEXT[1]]
    assert dropped == []


def test_a_page_whose_only_text_is_a_copyright_notice_has_no_article() -> None:
    notice = "© Frankfurter Zeitung GmbH 2001–2020 Alle Rechte vorbehalten."
    kept, dropped = drop_notes(_paragraphs(notice))
    assert kept == []
    assert [(d.text, d.reason) for d in dropped] == [(notice, "caption")]


def test_an_article_of_one_credit_shaped_paragraph_is_read() -> None:
    only = "Getty Images verkauft seine Videosparte an einen Finanzinvestor"
    kept, _ = drop_notes(_paragraphs(only))
    assert [b.text for b in kept] == [only]


def test_closing_contact_block_and_its_label_are_dropped() -> None:
    contact = ("Kontakt:", "Dr. Anna Berg, Stadtwerke", "E-Mail: presse@example.org")
    kept, dropped = drop_notes(_paragraphs(*TEXT, *contact))
    assert [b.text for b in kept] == list(TEXT)
    assert [d.text for d in dropped] == list(contact)
    assert {d.reason for d in dropped} == {"contact"}


def test_phone_number_marks_a_contact_block_too() -> None:
    kept, _ = drop_notes(_paragraphs(*TEXT, "Felix Losada", "Telefon: +49 - (40) - 300 30 - 1141"))
    assert [b.text for b in kept] == list(TEXT)


def test_a_contact_block_set_as_list_entries_is_dropped_too() -> None:
    # A page copy's lines under 'Kontakt' read as a list: the block is the same.
    contact = ("Naher Osten, Nordafrika", "Leiterin: Anna Berg", "E-Mail: berg@example.org")
    blocks = [*_paragraphs(*TEXT), *(Block("list_item", t) for t in contact)]
    kept, dropped = drop_notes(blocks)
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [(t, "contact") for t in contact]
    # a closing list with no address or number in it is the article's own
    items = ("Brückenbau im Sommer", "Fähre für die Schulkinder", "Eröffnung im Herbst")
    blocks = [*_paragraphs(*TEXT), *(Block("list_item", t) for t in items)]
    assert drop_notes(blocks) == (blocks, [])


def test_short_closing_lines_without_an_address_or_number_are_read() -> None:
    closing = ("Mit herzlichen Grüßen", "Ihre Anna")
    kept, dropped = drop_notes(_paragraphs(*TEXT, *closing))
    assert [b.text for b in kept] == [*TEXT, *closing]
    assert dropped == []


def test_closing_chinese_paragraphs_with_a_phone_number_are_read() -> None:
    zh = (
        "市政府周二决定在夏天修复这座老桥，而不是拆除它并建造一座新桥。",
        "工程将于六月开始，持续到秋天；在此期间将有渡轮运行。",
        "如有疑问，请致电市民服务热线：+86 10 1234 5678。",
    )
    first = zh[0] * 6  # a long paragraph, then three short ones, as Chinese news goes
    kept, dropped = drop_notes(_paragraphs(first, *zh))
    assert [b.text for b in kept] == [first, *zh]
    assert dropped == []


@pytest.mark.parametrize(
    "last",
    [
        "We want to hear what you think about this article. Submit a letter to the editor or"
        " write to letters@example.com.",
        "Email the author at anna.berg@example.com or follow her on social media.",
        "Haben Sie Fragen zum Thema? Schreiben Sie uns an leserbriefe@example.de.",
        "¿Tienes una historia que contar? Escríbenos a redaccion@example.es.",
    ],
)
def test_a_closing_short_block_giving_an_e_mail_address_is_dropped(last: str) -> None:
    """The page asking its readers to write, even as a sentence, is no part of the story."""
    kept, dropped = drop_notes(_paragraphs(*TEXT, last))
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [(last, "contact")]


def test_a_long_closing_paragraph_with_an_address_is_read() -> None:
    last = TEXT[1] + " Hinweise nimmt die Gemeinde unter bruecke@example.de entgegen."
    kept, _ = drop_notes(_paragraphs(TEXT[0], last))
    assert [b.text for b in kept] == [TEXT[0], last]


def test_contact_line_inside_the_text_is_read() -> None:
    middle = "Fragen beantwortet das Bürgerbüro: buergerbuero@example.org"
    kept, _ = drop_notes(_paragraphs(TEXT[0], middle, TEXT[1]))
    assert [b.text for b in kept] == [TEXT[0], middle, TEXT[1]]


def test_article_of_contact_lines_only_is_left_whole() -> None:
    lines = ("Presse", "E-Mail: presse@example.org")
    kept, _ = drop_notes(_paragraphs(*lines))
    assert [b.text for b in kept] == list(lines)


def test_closing_last_modified_line_is_dropped_as_a_byline() -> None:
    kept, dropped = drop_notes(_paragraphs(*TEXT, "Letzte Änderung 14.02.2019"))
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [("Letzte Änderung 14.02.2019", "byline")]


@pytest.mark.parametrize("sign", ["aja/PAP", "dpa/lno", "mb/epd", "iStock/cjp"])
def test_a_closing_agency_sign_is_dropped_as_a_byline(sign: str) -> None:
    kept, dropped = drop_notes(_paragraphs(*TEXT, sign))
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [(sign, "byline")]


def test_a_slash_inside_the_text_or_a_closing_word_pair_of_a_list_is_read() -> None:
    middle = "aja/PAP"
    kept, _ = drop_notes(_paragraphs(TEXT[0], middle, TEXT[1]))
    assert [b.text for b in kept] == [TEXT[0], middle, TEXT[1]]
    items = [*_paragraphs(*TEXT), Block("list_item", "Leiharbeit / Werkverträge")]
    assert drop_notes(items) == (items, [])


def test_closing_quotation_above_a_phone_line_is_read() -> None:
    quote = "Der Bürgermeister sagte: „Das ist erst der Anfang für unsere Stadt.“"
    kept, _ = drop_notes(_paragraphs(*TEXT, quote, "Infos: Tel. 0800 123 456"))
    assert quote in [b.text for b in kept]


def test_fixed_lines_are_never_notes() -> None:
    # a tutorial ending with its commands (`fixed`: a code listing's lines)
    lines = (
        'git config --global user.name "Max Mustermann"',
        'git config --global user.email "max@example.com"',
        "docker run -d -p 80:80 nginx",
    )
    blocks = _paragraphs(*TEXT, *lines)
    kept, dropped = drop_notes(blocks, frozenset({2, 3, 4}))
    assert [b.text for b in kept] == [*TEXT, *lines]
    assert dropped == []


@pytest.mark.parametrize(
    "last",
    [
        "Die Brücke wurde 1927 gebaut und ist seitdem nie ganz gesperrt worden.",
        # a number that is no phone
        "Fonds 3000 Euro",
        "Telefonisch 2 Mal erreichbar",
        # no spaces, or no full stop
        "这座桥建于一九二七年，在洪水中受损，市政府决定在今年夏天进行全面修复（2019）",
        "Was hat sich seit 2019 geändert?",
        # a year, but no date line
        "Sein Fazit: „Bis 2030 schaffen wir das.“",
        "Die Bauarbeiten sollen im Herbst 2026 beginnen (sofern der Stadtrat zustimmt)",
        "هل ستنجح الخطة بحلول عام 2030؟",
    ],
)
def test_closing_line_that_is_text_is_read(last: str) -> None:
    kept, _ = drop_notes(_paragraphs(*TEXT, last))
    assert kept[-1].text == last


def test_page_with_a_contact_block_reads_without_it_and_says_why() -> None:
    body = "".join(f"<p>{t}</p>" for t in TEXT)
    page = (
        "<html lang='de'><body><nav><a href='/'>Start</a></nav><article><h1>Die Brücke bleibt</h1>"
        f"{body}<p>Kontakt:</p><p>E-Mail: presse@example.org</p></article></body></html>"
    )
    doc = Document(source="p.html", text=page, media_type="html", charset="utf-8")
    article = extract_html(doc)
    assert [b.text for b in article.blocks] == list(TEXT)
    assert ("E-Mail: presse@example.org", "contact") in [
        (d.text, d.reason) for d in article.dropped
    ]


def test_page_copy_with_a_contact_block_reads_without_it() -> None:
    article = page(
        MENU, "Footbridge approved", *PARAGRAPHS, "Press contact:", "press@example.org", FOOTER
    )
    body = [b.text for b in article.blocks]
    assert body[-1] == PARAGRAPHS[-1]
    assert "press@example.org" not in " ".join(body)


@pytest.mark.parametrize(
    "posted",
    [
        "This entry was posted in News and tagged bridge, council by Ana Lima. "
        "Bookmark the permalink.",
        "Dieser Eintrag wurde veröffentlicht in Podcast und verschlagwortet mit berlin von "
        "Simon. Permanentlink.",
        "Ce billet a été publié dans Actualités, avec le mot-clé pont, par Ana.",
    ],
)
def test_a_blogs_closing_post_line_ends_the_article(posted: str) -> None:
    # The author's box and what follows the post's line belong to the blog, not the post.
    after = ("Über Ana Lima", "Ana schreibt seit zehn Jahren über die Stadt und ihre Brücken.")
    kept, dropped = drop_notes(_paragraphs(*TEXT, posted, *after))
    assert [b.text for b in kept] == list(TEXT)
    assert [(d.text, d.reason) for d in dropped] == [(t, "post-meta") for t in (posted, *after)]


def test_a_sentence_about_a_permalink_inside_the_text_is_read() -> None:
    line = "The council's page gives each decision a permalink, so that it can be cited."
    kept, dropped = drop_notes(_paragraphs(TEXT[0], line, *TEXT[1:]))
    assert [b.text for b in kept] == [TEXT[0], line, *TEXT[1:]]
    assert dropped == []


def test_page_copy_ending_with_a_post_line_reads_without_it() -> None:
    posted = "This entry was posted in News by Ana Lima. Bookmark the permalink."
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, posted, FOOTER)
    assert [b.text for b in article.blocks] == list(PARAGRAPHS)
