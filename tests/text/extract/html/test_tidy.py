"""HTML extraction's last pass: link-list labels and a standfirst boxed as a teaser."""

from __future__ import annotations

import json

import pytest

from narrate.core.models import Document
from narrate.text.extract.html.dom import RawBlock, parse_html, walk_blocks
from narrate.text.extract.html.extract import extract_html
from narrate.text.extract.html.meta import PageMeta, read_meta
from narrate.text.extract.html.tidy import tidy

PROSE = (
    "The valley's orchards were planted by monks in the twelfth century, and the same "
    "walls still shelter the oldest pear trees from the cold wind that comes down the hills."
)

PAGE = f"""<!doctype html>
<html lang="de"><head><title>Die Obstgärten im Tal</title></head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/themen">Themen</a></li></ul></nav>
<main><article>
<h1>Die Obstgärten im Tal</h1>
<p>{PROSE}</p>
<h2>Die alten Mauern</h2>
<p>{PROSE.replace("pear", "apple")}</p>
<h2>Schlagworte</h2>
<div class="related-tags"><ul>
<li><a href="/tag/obst">Obstbau</a></li>
<li><a href="/tag/kloster">Klöster</a></li>
<li><a href="/tag/tal">Talgeschichte</a></li>
</ul></div>
</article></main>
<footer><p>Impressum</p></footer>
</body></html>"""


def test_heading_over_a_dropped_link_list_is_dropped_as_its_label() -> None:
    article = extract_html(Document("p.html", PAGE, "html", "utf-8"))
    read = [block.text for block in article.blocks]
    assert "Die alten Mauern" in read  # a chapter heading over prose stays
    assert "Schlagworte" not in read
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Schlagworte"] == "list-heading"
    assert reasons["Obstbau"] in {"related", "nav"}


def test_one_word_paragraph_over_a_table_of_contents_is_its_label() -> None:
    """A plug-in's table of contents: its title set as a paragraph, its entries a nav."""
    contents = (
        '<p class="toc-title">Inhaltsverzeichnis</p><nav><ul>'
        '<li><a href="#mauern">Die alten Mauern</a></li><li><a href="#tal">Das Tal</a></li>'
        "</ul></nav>"
    )
    page = PAGE.replace("<h2>Die alten Mauern</h2>", contents + "<h2>Die alten Mauern</h2>")
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    assert "Inhaltsverzeichnis" not in [block.text for block in article.blocks]
    assert {d.text: d.reason for d in article.dropped}["Inhaltsverzeichnis"] == "list-heading"
    # a two-word line over links ('Euer HansEhrlich', a signature) is not taken for one
    signed = PAGE.replace("<h2>Schlagworte</h2>", "<p>Euer Hans</p>")
    assert "Euer Hans" in [
        b.text for b in extract_html(Document("p.html", signed, "html", "utf-8")).blocks
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Schon gelesen?",
        "Mehr zum Thema Obstbau:",
        "À lire aussi :",
        "¿Te interesa?",
        "相关阅读：",
        "Read next:",
    ],
)
def test_a_paragraph_announcing_a_dropped_link_list_is_its_label(label: str) -> None:
    for tag in ("p", "li"):
        line = f"<{tag}>{label}</{tag}>" if tag == "p" else f"<ul><li>{label}</li></ul>"
        page = PAGE.replace("<h2>Schlagworte</h2>", line)
        article = extract_html(Document("p.html", page, "html", "utf-8"))
        assert label not in [block.text for block in article.blocks]
        assert {d.text: d.reason for d in article.dropped}[label] == "list-heading"


@pytest.mark.parametrize(
    "line", ["Zum Newsletter anmelden", "Inscrivez-vous à la lettre", "Suscríbete al boletín"]
)
def test_a_short_line_between_two_link_lists_is_dropped_with_them(line: str) -> None:
    links = (
        '<div class="related-books"><ul><li><a href="/a">Leseprobe</a></li>'
        '<li><a href="/b">Zur Autorin</a></li><li><a href="/c">Mehr zum Buch</a></li></ul></div>'
    )
    page = PAGE.replace("<h2>Schlagworte</h2>", f"{links}<p>{line}</p>")
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    assert line not in [block.text for block in article.blocks]
    assert {d.text: d.reason for d in article.dropped}[line] == "list-heading"
    # with prose after it, or ending as a sentence, it is the article's own
    for kept, after in ((line, f"<p>{PROSE}</p>"), (line + ".", "")):
        page = PAGE.replace("<h2>Schlagworte</h2>", f"{links}<p>{kept}</p>{after}")
        if after:
            page = page.replace('<div class="related-tags">', '<div class="x">', 1)
        read = [b.text for b in extract_html(Document("p.html", page, "html", "utf-8")).blocks]
        assert kept in read, kept


def test_a_question_over_prose_is_read() -> None:
    """A question of the article's own, with its answer under it, stays."""
    page = PAGE.replace("<h2>Die alten Mauern</h2>", "<p>Und die Mauern?</p>")
    read = [b.text for b in extract_html(Document("p.html", page, "html", "utf-8")).blocks]
    assert "Und die Mauern?" in read


LEAD = (
    "Die Stadt hat am Dienstag beschlossen, die alte Fähre zu behalten, die seit 1952 "
    "den Hafen mit dem Festland verbindet, statt sie durch eine Buslinie zu ersetzen."
)


def _teaser_page(lead: str) -> str:
    """A page whose standfirst sits in a box classed as a teaser, above the body."""
    return f"""<!doctype html>
<html lang="de"><head><title>Die Fähre bleibt</title>
<meta name="description" content="{LEAD[:150]} …"></head><body>
<main><article>
<h1>Die Fähre bleibt</h1>
<div class="teaser-text"><p>{lead}</p></div>
<p>{PROSE}</p>
<p>{PROSE.replace("pear", "plum")}</p>
</article></main>
</body></html>"""


def test_teaser_box_opening_with_the_pages_description_is_read_as_its_standfirst() -> None:
    article = extract_html(Document("p.html", _teaser_page(LEAD), "html", "utf-8"))
    assert article.blocks[0].text == LEAD


def test_teaser_box_with_another_summary_is_still_dropped() -> None:
    other = LEAD.replace("Die Stadt hat am Dienstag", "Der Nachbarort hat im Mai")
    article = extract_html(Document("p.html", _teaser_page(other), "html", "utf-8"))
    assert other not in [block.text for block in article.blocks]
    assert {d.text: d.reason for d in article.dropped}[other] == "related"


@pytest.mark.parametrize("reason", ["unlike-article", "second-opinion-disagrees"])
def test_a_lead_the_block_model_dropped_that_opens_with_the_description_is_read(
    reason: str,
) -> None:
    """The rules read the standfirst; the block model took it for a teaser (short, a
    question). The page describes itself with it, so it stays."""
    more = "".join(f"<p>{PROSE.replace('pear', fruit)}</p>" for fruit in ("fig", "quince"))
    html = _teaser_page(LEAD).replace('<div class="teaser-text">', "<div>")
    root = parse_html(html.replace("</article>", more + "</article>"))
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root.find("body"), blocks)
    judged = [(b, reason if b.text == LEAD else None) for b in blocks if b.kind == "paragraph"]
    meta = PageMeta("Die Fähre bleibt", None, None, None, "de", None, description=LEAD[:150])
    kept, _ = tidy(judged, meta, read_tables=False)
    assert kept[0].text == LEAD
    # further down the same summary is a teaser for this very page: not read there
    late = judged[1:] + judged[:1]
    kept, dropped = tidy(late, meta, read_tables=False)
    assert LEAD not in [b.text for b in kept]
    assert {d.text: d.reason for d in dropped}[LEAD] == reason


DESCRIBED = {
    "de": (
        "Wie lange dürfen Mitarbeiter zu Hause bleiben, wenn ihr Kind krank ist?",
        "Wie viele Tage im Jahr dürfen Mitarbeiter zu Hause bleiben, wenn ihr Kind krank "
        "ist? Und muss der Arbeitgeber dann weiter den Lohn zahlen?",
    ),
    "en": (
        "The city voted on Tuesday to keep the old ferry that has linked the harbour to the "
        "mainland since 1952.",
        "19.10.2019, 15:30 The city voted on Tuesday to keep the old ferry that has linked "
        "the harbour to the mainland since 1952, instead of a bus.",
    ),
    "es": (
        "La ciudad decidió el martes conservar el viejo transbordador que une el puerto con "
        "el continente…",
        "Actualizado 12:40 | La ciudad decidió el martes conservar el viejo transbordador que "
        "une el puerto con el continente desde 1952.",
    ),
}


@pytest.mark.parametrize("lang", ["de", "en", "es"])
def test_a_teaser_box_holding_nearly_every_word_of_the_description_is_its_standfirst(
    lang: str,
) -> None:
    """Behind a dateline, or reworded a little, the lead still says what the page says
    of itself."""
    description, lead = DESCRIBED[lang]
    page = _teaser_page(lead).replace(f"{LEAD[:150]} …", description)
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    assert article.blocks[0].text == lead


def test_a_teaser_sharing_a_few_words_with_the_description_is_still_dropped() -> None:
    description = "Wie lange dürfen Mitarbeiter zu Hause bleiben, wenn ihr Kind krank ist?"
    other = (
        "Wie viele Urlaubstage stehen Mitarbeitern zu, wenn sie in Teilzeit arbeiten? "
        "Was Arbeitgeber über den Anspruch wissen müssen."
    )
    page = _teaser_page(other).replace(f"{LEAD[:150]} …", description)
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    assert other not in [block.text for block in article.blocks]


RECIPE_STEPS = {
    "de": [
        "Die Haferflocken mit der Milch aufkochen und zwei Minuten köcheln lassen.",
        "Die Äpfel würfeln und mit den gerösteten Nüssen über den Brei geben.",
    ],
    "en": [
        "Bring the oats and the milk to the boil and let them simmer for two minutes.",
        "Dice the apples and scatter them over the porridge with the toasted nuts.",
    ],
    "es": [
        "Hierve la avena con la leche y déjala cocer a fuego lento dos minutos.",
        "Corta las manzanas en dados y ponlas sobre las gachas con las nueces.",
    ],
}


@pytest.mark.parametrize("lang", ["de", "en", "es"])
def test_the_steps_of_a_declared_recipe_are_read_beside_the_article(lang: str) -> None:
    """A recipe page sets its steps apart from the story above them, outside the element
    that holds the story; the page declares them as its Recipe's instructions."""
    steps = RECIPE_STEPS[lang]
    recipe = {
        "@type": "Recipe",
        "name": "Porridge",
        "recipeInstructions": [{"@type": "HowToStep", "text": f"{t}\r\n"} for t in steps],
    }
    shown = "".join(f"<div><span>{n}.</span><p>{t}</p></div>" for n, t in enumerate(steps, 1))
    html = f"""<html><head><script type="application/ld+json">{json.dumps(recipe)}</script>
    </head><body><article><p>{PROSE}</p></article><div>{shown}</div>
    <div><p>Weitere Rezepte aus unserer Küche finden Sie im Kochbuch.</p></div></body></html>"""
    root = parse_html(html)
    assert root is not None
    meta = read_meta(root, None)
    assert meta.steps == tuple(steps)
    blocks: list[RawBlock] = []
    walk_blocks(root.find("body"), blocks)
    judged = [(b, None if b.text == PROSE else "outside-article") for b in blocks]
    kept, dropped = tidy(judged, meta, read_tables=False)
    assert [b.text for b in kept] == [PROSE, *steps]
    assert "1." in [d.text for d in dropped]


def test_a_ticker_entry_holding_the_description_is_not_the_standfirst() -> None:
    """A 'breaking news' ticker lists this very page, its headline before its lead: a
    list entry, not the standfirst (an Indian news site's dev page)."""
    description, lead = DESCRIBED["en"]
    entry = f"Ferry stays {lead}"
    html = f"<html><body><ul><li>{entry}</li></ul><article><p>{PROSE}</p></article></body></html>"
    root = parse_html(html)
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root.find("body"), blocks)
    judged = [(b, None if b.text == PROSE else "outside-article") for b in blocks]
    meta = PageMeta("Ferry stays", None, None, None, "en", None, description=description)
    kept, _ = tidy(judged, meta, read_tables=False)
    assert [b.text for b in kept] == [PROSE]
    # the same text set as a paragraph above the article is its standfirst
    root2 = parse_html(html.replace("<ul><li>", "<div><p>").replace("</li></ul>", "</p></div>"))
    assert root2 is not None
    blocks2: list[RawBlock] = []
    walk_blocks(root2.find("body"), blocks2)
    judged2 = [(b, None if b.text == PROSE else "outside-article") for b in blocks2]
    kept2, _ = tidy(judged2, meta, read_tables=False)
    assert [b.text for b in kept2] == [entry, PROSE]


@pytest.mark.parametrize(
    "date",
    ["Veröffentlichung: 2. Februar 2022", "Publié le 3 mars 2021", "Publicado: 12 de mayo de 2020"],
)
def test_a_date_line_right_above_the_headline_is_dropped_below_the_chrome(date: str) -> None:
    """The rules read the page's chrome above the headline (a portal's menu lines in its
    table), so the date line is not among the first blocks read: by the headline, it goes."""
    chrome = "".join(
        f"<p>{line}</p>"
        for line in ("Unsere Umfrage", "Insgesamt online: 1", "Benutzer: 0", "Archiv der Einträge")
    )
    page = PAGE.replace("<h1>", f"{chrome}<p>{date}</p><h1>")
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    read = [block.text for block in article.blocks]
    assert "Benutzer: 0" in read  # the chrome is read: the date line is not among the first three
    assert date not in read
    assert {d.text: d.reason for d in article.dropped}[date] == "byline"
    # further down, away from the headline, a date line is a timeline's entry and stays
    apple = PROSE.replace("pear", "apple")
    later = PAGE.replace(apple, f"{apple}</p><p>{date}</p><p>{PROSE.replace('pear', 'plum')}")
    read = [b.text for b in extract_html(Document("p.html", later, "html", "utf-8")).blocks]
    assert date in read


@pytest.mark.parametrize(
    ("title", "date"),
    [
        ("Briefe - 26 Oktober 2010 - Blog", "3:59 PM"),
        ("Lettres | Le blog de Paul", "Publié le 3 mars 2021"),
        ("Cartas – El blog de Ana", "Publicado: 12 de mayo de 2020"),
    ],
)
def test_a_date_line_above_a_headline_named_by_the_titles_first_part_is_dropped(
    title: str, date: str
) -> None:
    """No <h1>: the headline is a line giving the title's first part, before its site's."""
    chrome = "".join(
        f"<p>{line}</p>"
        for line in ("Unsere Umfrage", "Insgesamt online: 1", "Benutzer: 0", "Archiv der Einträge")
    )
    name = title.split()[0]
    page = PAGE.replace("<title>Die Obstgärten im Tal</title>", f"<title>{title}</title>")
    page = page.replace("<h1>Die Obstgärten im Tal</h1>", f"{chrome}<p>{date}</p><div>{name}</div>")
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    read = [block.text for block in article.blocks]
    assert "Benutzer: 0" in read
    assert name in read
    assert date not in read
    assert {d.text: d.reason for d in article.dropped}[date] == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "Informationsschreiben an die Verbände PDF | 38 KB | Datei ist nicht barrierefrei",
        "Rapport annuel du conseil (PDF, 1,2 Mo)",
        "Informe anual (PDF, 2.4 MB)",
        "Download: mp3 (30 MB) m4a (24 MB)",
    ],
)
def test_a_short_line_giving_a_files_size_is_a_download_link(line: str) -> None:
    # the file's name a link, its type and size beside it (a line all link is a link list's)
    name, rest = line.split(" ", 1)
    page = PAGE.replace("<h2>Die alten Mauern</h2>", f'<p><a href="/f.pdf">{name}</a> {rest}</p>')
    article = extract_html(Document("p.html", page, "html", "utf-8"))
    assert line not in [block.text for block in article.blocks]
    assert {d.text: d.reason for d in article.dropped}[line] == "download"


def test_a_sentence_speaking_of_a_size_is_read() -> None:
    for said in (
        "The new build cut the app's memory from 5 GB to 50 MB, and the old phones kept up.",
        "Eubank Jr. (31-2-0, 23 Ko’s) steigt wieder in den Ring.",
        "Samsung Galaxy S24 Ultra (256 GB)",  # a product's size: no file's format beside it
    ):
        page = PAGE.replace("<h2>Die alten Mauern</h2>", f"<p>{said}</p>")
        read = [b.text for b in extract_html(Document("p.html", page, "html", "utf-8")).blocks]
        assert said in read
