"""Plain-text page copies: body found by structure, boilerplate dropped with a reason."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from narrate.core.models import Article, Document
from narrate.text.extract import extract
from narrate.text.extract.dates import find_date
from narrate.text.extract.pagecopy.body import classify
from narrate.text.extract.pagecopy.extract import extract_text
from narrate.text.extract.pagecopy.lines import split_lines

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[4].parent / "shared"
SEED = SHARED / "data" / "seed" / "000_aa3e79220b873b39.txt"


def extract_file(name: str) -> Article:
    path = DATA / name
    return extract_text(Document(str(path), path.read_text("utf8"), "text", "utf-8"))


def extract_page(text: str) -> Article:
    return extract_text(Document("-", text, "text", "utf-8"))


def body_text(article: Article) -> str:
    return "\n".join(block.text for block in article.blocks)


def reason_for(article: Article, start: str) -> str:
    return next(d.reason for d in article.dropped if d.text.startswith(start))


# --- the seed page -------------------------------------------------------------------------


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not SEED.is_file(),
    reason=f"{SEED} is missing: shared data lives beside the checkout",
)
def test_seed_page_matches_expected_body() -> None:
    article = extract_text(Document(str(SEED), SEED.read_text("utf8"), "text", "utf-8"))
    expected = SEED.with_name(SEED.stem + ".expected.txt").read_text("utf8")
    headline = expected.splitlines()[0]
    assert article.title == headline
    assert article.byline == "Dinara Khalilova and The Kyiv Independent news desk"
    assert article.published == "2023-11-23"
    predicted = f"{article.title}\n{body_text(article)}"
    assert load_scorer().page_scores(predicted, expected)["f1"] >= 0.98
    body = body_text(article)
    for boilerplate in (
        "Getty Images",
        "created with AI",
        "involved in Russia",
        "new dynamics",
        "News Feed",
        "Editors' Picks",
        "subscribe",
        "Russ…",
    ):
        assert boilerplate not in body


# --- structure rules, on small pages of our own ----------------------------------------------


def test_headline_found_after_menus() -> None:
    article = extract_file("news_en.txt")
    assert article.title == "City council approves new river bridge after decade of debate"
    assert article.byline == "Maria Lopez and Tom Becker"
    assert article.published == "2024-03-04"
    assert reason_for(article, "Skip to content") == "before-body"


def test_paragraphs_and_subheading_kept_in_order() -> None:
    article = extract_file("news_en.txt")
    body = body_text(article)
    assert body.startswith("The city council voted 7 to 2")
    assert ("heading", "Funding and timeline") in [(b.kind, b.text) for b in article.blocks]
    assert "Residents will be able to comment" in body  # after an in-body teaser card


def test_caption_with_credit_and_header_box_dropped() -> None:
    body = body_text(extract_file("news_en.txt"))
    assert "Sam Ortiz" not in body
    assert "Listen to this article" not in body


def test_teaser_card_inside_body_dropped() -> None:
    article = extract_file("news_en.txt")
    assert "The mayor, who had opposed" not in body_text(article)
    assert reason_for(article, "Mayor backs plan") == "teaser"


def test_a_long_paragraph_under_its_subheading_in_one_block_is_read() -> None:
    # A list article: each section is a heading with its paragraph directly under it,
    # no blank line between. Shaped like a teaser card, but a card's text is short.
    sections = [
        (
            f"Label number {n} makes basics",
            f"The label number {n} was founded in a small town and makes its basics from "
            "organic cotton, sewn in a workshop that pays its staff fairly. Its shirts and "
            "trousers come in plain colours, are meant to last for years, and can be sent "
            "back for repair when a seam gives way, which few shops offer today.",
        )
        for n in range(1, 5)
    ]
    intro = (
        "Fair fashion is easy to find once you know the labels, and these four make "
        "the plain basics every wardrobe needs, from shirts to trousers."
    )
    blocks = "\n\n".join(f"{head}\n{text}" for head, text in sections)
    article = extract_page(f"Home\nNews\nShop\n\nFour fair labels\n\n{intro}\n\n{blocks}")
    body = body_text(article)
    assert all(text in body for _, text in sections)


def test_truncated_teaser_feed_and_form_dropped() -> None:
    body = body_text(extract_file("news_en.txt"))
    for dropped in (
        "Engineers say that dozens",
        "Storm knocks out power",
        "High winds",
        "Enter your email",
        "indicates required",
    ):
        assert dropped not in body


def test_non_english_page_bio_comments_and_related_dropped() -> None:
    article = extract_file("news_pt.txt")
    assert article.title == "Prefeitura anuncia reforma completa do mercado municipal"
    assert article.byline == "Carla Mendes"
    assert article.published == "2023-05-12"
    body = body_text(article)
    assert "tenda provisória na praça central" in body
    assert "doze milhões de reais" in body
    for dropped in (
        "João Pereira",
        "jornalista formada",
        "Feira de artesanato",
        "Nome *",
        "Compartilh",
    ):
        assert dropped not in body
    assert reason_for(article, "Foto: João Pereira") == "credit"


def test_list_announced_by_colon_is_kept() -> None:
    article = extract_file("list_body.txt")
    items = [b.text for b in article.blocks if b.kind == "list_item"]
    assert items[0] == "April 20 -- The Lantern, Leeds"
    assert len(items) == 4
    assert "Related stories" not in body_text(article)
    assert "Festival line-up" not in body_text(article)


def test_page_of_menus_has_no_body() -> None:
    article = extract_file("menus_only.txt")
    assert article.blocks == ()
    assert len(article.dropped) == 14


def test_empty_page() -> None:
    article = extract_page("")
    assert article.blocks == ()
    assert article.title == "Untitled"


def test_repeated_card_list_after_body_dropped() -> None:
    cards = "\n\n".join(
        f"Other story number {n} about the budget\n\nJane Roe\nTuesday March {n}, 2024\n"
        f"A teaser paragraph that reads like prose for story {n}, which is long enough to count."
        for n in range(3, 9)
    )
    body = "\n\n".join(
        f"Paragraph {n} of the article says something useful about the budget and the vote, "
        "in a sentence long enough to be read."
        for n in range(1, 6)
    )
    article = extract_page(f"Home\nNews\n\nThe budget vote\n\n{body}\n\nMore stories\n\n{cards}")
    assert len(article.blocks) == 5
    assert all(b.text.startswith("Paragraph") for b in article.blocks)


def test_cjk_lines_count_as_words() -> None:
    paragraph = (
        "市議会は月曜日の夜、川に新しい橋を架ける計画を賛成多数で可決した。"
        "工事は来年の春に始まる予定だ。"
    )
    page = (
        f"ホーム\nニュース\n\n新しい橋の計画が可決\n\n{paragraph}\n\n"
        f"{paragraph[:30]}。\n\n関連記事\nランキング\n"
    )
    article = extract_page(page)
    assert article.blocks[0].text == paragraph


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("November 23, 2023 2:02 PM", "2023-11-23"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22"),
        ("05/10/2018 - Publicado por", "2018-10-05"),
        ("Updated 2019-11-19T10:00", "2019-11-19"),
        ("no date here", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


# --- lists, end-of-article boxes and bylines ------------------------------------------------

_MENU = "Home\nNews\nSport\nWeather\nContact\n\n"


def _prose(topic: str, count: int) -> list[str]:
    return [
        f"Paragraph {n} about {topic} explains what happened, who was there, and why it "
        "matters to the people who live in the valley."
        for n in range(1, count + 1)
    ]


def test_announced_table_counts_as_body_text() -> None:
    rows = "\n".join(f"{n} Driver Number{n} {300 - n * 7} {n % 3} {n % 2}" for n in range(1, 31))
    page = (
        f"{_MENU}Final standings\n\nThis page keeps the standings up to date after each race.\n\n"
        f"The final standings after all twelve rounds of the season:\n\n{rows}\n\n"
        "* Only the top ten drivers qualified for the final round this year.\n\n"
        "Share this on WhatsApp\n\nContact\nAbout us\n"
    )
    body = body_text(extract_page(page))
    assert body.startswith("This page keeps the standings")
    assert all(f"{n} Driver Number{n} " in body for n in range(1, 31))
    assert body.endswith("qualified for the final round this year.")


def test_more_stories_heading_ends_body() -> None:
    teasers = "\n\n".join(
        f"Another message, number {n}, that reads like a long paragraph of prose, with commas, "
        "clauses and a full stop at the end, just like the article above it."
        for n in range(4)
    )
    page = (
        f"{_MENU}" + "\n\n".join(_prose("the flood", 2)) + f"\n\nYou may also like...\n\n{teasers}"
    )
    article = extract_page(page)
    assert len(article.blocks) == 2
    assert "Another message" not in body_text(article)


def test_story_cards_with_kicker_and_source_dropped() -> None:
    cards = "\n\n".join(
        f"KICKER {n}\n\nA Headline For Story Number {n}\n\n{n} likes example.com Culture\n\n"
        f"A short teaser for story {n}, enough to read like a sentence."
        for n in range(6)
    )
    page = f"{_MENU}" + "\n\n".join(_prose("the dam", 4)) + f"\n\n{cards}"
    article = extract_page(page)
    assert [b.text[:11] for b in article.blocks] == [f"Paragraph {n}" for n in range(1, 5)]


def _closed_by(tail: str) -> str:
    """A page whose article about the school ends in `tail`, then a share bar."""
    return f"{_MENU}" + "\n\n".join(_prose("the school", 4)) + f"\n\n{tail}\n\nFacebook\nTwitter\n"


def test_newsletter_pitch_and_author_box_at_end_dropped() -> None:
    page = _closed_by(
        "Get our free e-book in your email: a complete guide to reading at home, sent "
        "once a week.\n\nAbout Ana Lima\n\nMother of two, Ana Lima is a teacher and writer who "
        "has covered schools for ten years."
    )
    body = body_text(extract_page(page))
    assert body.endswith("live in the valley.")
    assert "e-book" not in body
    assert "teacher and writer" not in body


@pytest.mark.parametrize(
    "pitch",
    [
        "Get the latest news straight to your phone with the Valley Courier app.",
        "Alle Nachrichten aus dem Tal jeden Morgen auf dem Handy: Hol dir jetzt unsere App.",
    ],
)
def test_app_pitch_at_end_dropped(pitch: str) -> None:
    body = body_text(extract_page(_closed_by(pitch)))
    assert body.endswith("live in the valley.")
    assert "phone" not in body
    assert "Handy" not in body


@pytest.mark.parametrize(
    "link",
    [
        ">> Mehr lesen: Erfahrt mehr über die Therme im Tal!",
        "» Coluna de Ana Lima: a escola do vale",
        ">> Inondations : ce que l'on sait du barrage <<",
    ],
)
def test_a_marked_link_inside_the_body_is_dropped(link: str) -> None:
    first, second = _prose("the school", 3), _prose("the dam", 3)
    page = f"{_MENU}" + "\n\n".join(first) + f"\n\n{link}\n\n" + "\n\n".join(second)
    article = extract_page(page)
    assert len(article.blocks) == 6
    assert (link, "teaser") in [(d.text, d.reason) for d in article.dropped]


def test_a_quotation_in_angle_quotes_is_read() -> None:
    quote = "»Wir haben das Wasser kommen sehen, aber nicht so schnell«, sagte die Lehrerin."
    page = f"{_MENU}" + "\n\n".join(_prose("the school", 3)) + f"\n\n{quote}\n\n"
    page += "\n\n".join(_prose("the dam", 2))
    assert quote in body_text(extract_page(page))


def test_caption_inside_the_text_block_does_not_end_body() -> None:
    first, second = _prose("the laptop", 6)[:3], _prose("the battery", 2)
    page = (
        f"{_MENU}"
        + "\n".join(first)
        + "\nThe new power adapter\n"
        + "\n".join(second)
        + "\n\nFacebook\nTwitter\nEmail\n\nOther site news\n"
    )
    body = body_text(extract_page(page))
    assert "about the battery" in body
    assert "The new power adapter" not in body


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Theresa May and Jane Roe", "Theresa May and Jane Roe"),
        ("By Jane Roe November 12, 2019", "Jane Roe"),
        ("Por Ana Lima | 5 de maio de 2023", "Ana Lima"),
    ],
)
def test_byline_month_only_before_a_number(line: str, byline: str) -> None:
    page = f"{_MENU}A headline about the vote\n\n{line}\n\n" + "\n\n".join(_prose("the vote", 3))
    assert extract_page(page).byline == byline


def test_structured_list_after_subheading_kept_menu_dropped() -> None:
    entries = "\n".join(
        f"Country{n} (Group {'ABCDEFGH'[n]}): {n + 2}th appearance" for n in range(8)
    )
    page = (
        f"{_MENU}" + "\n\n".join(_prose("the draw", 3)) + f"\n\nQualified teams\n\n{entries}\n\n"
        "Home\nScores\nSchedule\nStandings\nTeams\n"
    )
    body = body_text(extract_page(page))
    assert all(f"Country{n} (Group" in body for n in range(8))
    assert "Standings" not in body


# --- rules added for pages of sites the extractor was not tuned on (issue 12) -------------------


def test_paragraph_shown_twice_is_read_once() -> None:
    lead = (
        "Die Gemeinde hat am Dienstag beschlossen, die alte Fähre über den See bis zum Jahr "
        "2030 weiter fahren zu lassen, obwohl die Reparatur des Motors teuer wird."
    )
    page = (
        "Start\nLokales\nSport\nKultur\n\nFähre bleibt bis 2030\n\n"
        f"{lead}\n\nNoch 3 freie Artikel\nJetzt Abo abschließen\n\n"
        f"{lead}\n\nIhre Zeitung\n\nMehr Infos hier"
    )
    article = extract_page(page)
    assert body_text(article) == lead
    assert "Jetzt Abo abschließen" not in body_text(article)
    assert any(d.reason == "duplicate" and d.text == lead for d in article.dropped)


def test_standfirst_shown_twice_is_read_once_with_the_body() -> None:
    standfirst = "Der Stadtrat will die Brücke über die Aare bis zum Herbst sanieren lassen."
    body = "\n\n".join(
        f"Absatz {n}: Die Arbeiten beginnen im Mai, und der Verkehr wird während dieser "
        "Zeit über die alte Umfahrung geleitet, wie die Stadt mitteilt."
        for n in range(1, 3)
    )
    page = (
        f"Start\nLokales\nSport\n\nTeilen\n\nBrücke wird saniert\n\n{standfirst}\n\n"
        f"Teilen\n\n{body}\n\nTeilen\n{standfirst}\n\nImpressum\nKontakt"
    )
    article = extract_page(page)
    assert body_text(article) == f"{standfirst}\n{body.replace(chr(10) * 2, chr(10))}"
    assert [d.reason for d in article.dropped if d.text == standfirst] == ["after-body"]
    assert all(
        d.reason in ("before-body", "repeated", "after-body")
        for d in article.dropped
        if d.text == "Teilen"
    )


def test_lead_above_a_short_link_row_is_read() -> None:
    lead = "La mairie a voté mardi la rénovation du vieux pont, fermé depuis deux ans déjà."
    body = "\n\n".join(
        f"Paragraphe {n} : les travaux commencent en mai, et la circulation passera par "
        "l'ancienne route pendant toute la durée du chantier, selon la ville."
        for n in range(1, 4)
    )
    page = f"Accueil\nRégion\n\nLe pont rouvre\n\n{lead}\n\nPhotos\nVidéo\nPartager\n\n{body}"
    article = extract_page(page)
    assert body_text(article).startswith(f"{lead}\nParagraphe 1")
    reasons = {reason_for(article, label) for label in ("Photos", "Vidéo", "Partager")}
    assert reasons <= {"menu", "subscribe"}


_GERMAN_BODY = "\n\n".join(
    f"Absatz {n}: Der Verein hat im Frühjahr neue Nistkästen am Ufer aufgehängt, und die "
    "Mitglieder zählen jede Woche, wie viele davon schon bewohnt sind."
    for n in range(1, 5)
)


def test_breadcrumb_and_dateline_are_not_the_headline() -> None:
    page = (
        "Start » Verein » Aktuelles » Nistkästen am Ufer\n\n"
        "Nistkästen am Ufer sind bewohnt\n\n"
        "Veröffentlicht am 3. Mai 2024 von Kim Berger\n\n"
        f"{_GERMAN_BODY}"
    )
    assert extract_page(page).title == "Nistkästen am Ufer sind bewohnt"
    only_crumbs = f"Start » Verein » Nistkästen am Ufer\n\n{_GERMAN_BODY}"
    assert extract_page(only_crumbs).title == "Nistkästen am Ufer"


def test_german_comment_form_after_short_article_dropped() -> None:
    page = (
        "Nistkästen am Ufer sind bewohnt\n\n"
        f"{_GERMAN_BODY}\n\n"
        "Kommentar verfassen\n\n"
        "E-Mail (erforderlich) (Adresse wird niemals veröffentlicht)\n"
        "Name (erforderlich)\n\n"
        "Du kommentierst mit Deinem Konto. ( Abmelden / Ändern )"
    )
    body = body_text(extract_page(page))
    assert "Absatz 4: Der Verein" in body
    assert "erforderlich" not in body
    assert "Du kommentierst" not in body


def test_run_on_text_without_punctuation_is_read_as_in_html() -> None:
    """20,000 characters with no stop and no comma: the HTML path reads them, so does this one."""
    words = "the harbour market opens early and the boats come in with fish and bread for the town "
    flat = (words * 300)[:20_000].strip()
    article = extract_page(f"The flat text\n\n{flat}\n")
    assert body_text(article).strip() == flat
    markup = f"<html><body><article><h1>The flat text</h1><p>{flat}</p></article></body></html>"
    html = Document("flat.html", markup, "html", "utf-8")
    assert flat in " ".join(block.text for block in extract(html).blocks)


def test_a_paragraph_that_lost_its_stop_among_paragraphs_is_read() -> None:
    # The article's paragraphs in one block, the first two without a final stop, under a
    # dateline: a long line of running text beside prose is a paragraph, not a menu, and
    # so is a shorter one between two paragraphs of the block.
    stopless = (
        "O conselho municipal aprovou na segunda-feira a nova ponte sobre o rio depois de dois "
        "anos de debate sobre o custo e o lugar dela na cidade velha"
    )
    body = (
        "As obras começam na próxima primavera e o caminho do rio fica aberto durante a "
        "construção, disse o conselho num comunicado depois da votação.",
        "Os moradores que pediam a ponte há uma década saudaram a decisão, embora alguns "
        "ainda temam o trânsito que ela pode trazer às suas ruas.",
    )
    shorter = "A ponte vai custar quatro milhões de euros ao município"  # between two
    block = "\n".join(["Redação, 8 de agosto de 2018", stopless, shorter, *body, "Tags:"])
    article = extract_page(f"Início\nNotícias\nEsporte\n\nA nova ponte do rio\n\n{block}\n")
    assert [block.text for block in article.blocks] == [stopless, shorter, *body]
    lines = split_lines(block)
    assert classify(lines[1], lines, len(lines)) == "paragraph"
    # the same line in a block of its own, among menus, is no paragraph
    lines = split_lines(f"{stopless}\nInício\nNotícias\nEsporte")
    assert classify(lines[0], lines, len(lines)) != "paragraph"


def test_a_long_title_case_line_is_still_not_a_paragraph() -> None:
    menu = " ".join(f"Section{n} News" for n in range(40))  # a menu run together: 80 words
    story = "A sentence of the story. " * 30
    article = extract_page(f"{menu}\n\nHeadline of the story\n\n{story}")
    assert menu not in body_text(article)


def test_a_short_sentence_among_labels_is_a_label() -> None:
    # A wiki's tagline shares its block with the skip links under the headline.
    tagline = "Un article de Wikipédia, l'encyclopédie libre."
    body = (
        "Le pont de Sainte-Aurélie est un pont en maçonnerie qui franchit la rivière entre "
        "deux communes, construit au milieu du XIXe siècle après la ruine d'un pont suspendu.",
        "En juin 1944, deux arches sont détruites. Le pont est réparé dès 1948, en reprenant "
        "les pierres tombées dans la rivière chaque fois que c'était possible.",
    )
    page = "\n\n".join(["Pont de Sainte-Aurélie", f"{tagline}\nAller à la navigation", *body])
    lines = split_lines(page)
    assert classify(lines[1], lines, len(lines)) == "label"
    assert [block.text for block in extract_text(Document("-", page, "text", "utf-8")).blocks] == (
        list(body)
    )
    # a short sentence in a block of sentences is text
    lines = split_lines(f"{tagline}\n{body[0]}")
    assert classify(lines[0], lines, len(lines)) == "paragraph"


@pytest.mark.parametrize(
    "value",
    [
        "Zubereitungszeit: 25 Minuten (+ 15 Minuten backen)",
        "Cooking time: 25 minutes (and 15 in the oven)",
        "Tiempo: 25 minutos (más 15 en el horno)",
    ],
)
def test_a_named_value_among_labels_is_text(value: str) -> None:
    # A recipe's times beside 'Ergibt: 40 Stück': data of the article, not a label.
    lines = split_lines(f"{value}\nErgibt: 40 Stück")
    assert classify(lines[0], lines, len(lines)) == "paragraph"
