"""The line model for page copies: trained weights, its chances, and how it moves the body."""

from __future__ import annotations

import pytest

from narrate.core.models import Document
from narrate.text.extract.pagecopy import model as text_model
from narrate.text.extract.pagecopy import weights as text_weights
from narrate.text.extract.pagecopy.extract import extract_text
from narrate.text.extract.pagecopy.features import FEATURES, line_features
from narrate.text.extract.pagecopy.lines import split_lines
from narrate.text.extract.pagecopy.scores import listed_lines
from narrate.text.extract.trained import names_digest

MENU = "\n".join(["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Reise"])
FOOTER = "\n".join(["Impressum", "Datenschutz", "Kontakt", "AGB"])
PARAGRAPHS = [
    f"Im Abschnitt {n} des Berichts schreibt die Verwaltung, dass der Umbau der Brücke "
    f"rund {n} Millionen Euro kostet und bis zum Herbst dauert."
    for n in range(2, 9)
]
COMMENT = (
    "Ein Leser schreibt, er finde die Brücke eigentlich schön und habe keine Lust "
    "auf den Umweg über die Straße."
)


def page_copy() -> str:
    """A German page copy: menu, headline, article with a caption, share bar, comment, footer."""
    return "\n\n".join(
        [
            MENU,
            "Neue Brücke für die Altstadt",
            *PARAGRAPHS[:4],
            "Foto: Stadt",
            *PARAGRAPHS[4:],
            "\n".join(["Teilen", "Facebook", "Twitter", "E-Mail"]),
            "Kommentare",
            COMMENT,
            "Antworten",
            FOOTER,
            "Alle Rechte vorbehalten",
        ]
    )


def test_weights_match_the_features() -> None:
    assert text_weights.ENABLED
    assert text_weights.FEATURES_DIGEST == names_digest(FEATURES)
    assert len(text_weights.WEIGHTS) == len(FEATURES)
    lines = split_lines(page_copy())
    assert all(len(row) == len(FEATURES) for row in line_features(lines, listed_lines(lines)))


def test_article_lines_are_likelier_than_menu_footer_and_comment() -> None:
    lines = split_lines(page_copy())
    chances = text_model.probabilities(lines, listed_lines(lines))
    by_text = {line.text: chance for line, chance in zip(lines, chances, strict=True)}
    article = [by_text[p] for p in PARAGRAPHS]
    furniture = [
        by_text[t] for t in ("Startseite", "Impressum", "Teilen", "Alle Rechte vorbehalten")
    ]
    assert min(article) > 0.5 > max(furniture)
    assert by_text[COMMENT] < min(article)


def test_the_model_reads_the_article_not_the_comment() -> None:
    article = extract_text(Document("-", page_copy(), "text", "utf-8"))
    body = "\n".join(block.text for block in article.blocks)
    assert all(p in body for p in PARAGRAPHS)
    assert COMMENT not in body
    assert "Foto: Stadt" not in body


def test_extension_is_a_chain_from_the_body_edges() -> None:
    gap = text_weights.REACH_GAP
    count = gap + 5
    lines = split_lines("\n\n".join(f"line {n} text" for n in range(count)))
    sure, unsure = 0.99, 0.01
    # the body is lines 1-2; line 3 + gap is reached across `gap` unlikely lines
    chances = [unsure, sure, sure, *([unsure] * gap), sure, unsure][:count]
    reach = text_model.extension(lines, chances, 3)
    assert 3 + gap in reach
    assert 0 not in reach  # nothing is added above the body
    # one unlikely line more, and the likely lines after them are an island
    far = [sure, sure, *([unsure] * (gap + 1)), sure, sure][:count]
    assert text_model.extension(lines, far, 2) == set()
    assert text_model.extension(lines, None, 3) == set()


def test_extension_stops_at_a_more_stories_box_and_a_repeated_line() -> None:
    sure = 0.99
    for stop in ("You may also like", "Teilen"):
        text = "\n\n".join(["Body text here.", stop, "A teaser that reads well.", "Teilen"])
        lines = split_lines(text)
        assert text_model.extension(lines, [sure] * len(lines), 1) == set()


def test_second_look_drops_only_sure_furniture() -> None:
    lines = split_lines("Erster Absatz des Artikels, lang genug.\n\nZweiter Absatz.")
    first, second = lines
    doubt = (text_weights.HEADING_BELOW + text_weights.DROP_BELOW) / 2  # between the two
    chances = [0.9, doubt]
    assert text_model.second_look(first, "paragraph", chances) == "paragraph"
    assert text_model.second_look(second, "paragraph", chances) == text_model.UNLIKE_ARTICLE
    # a heading is a chapter mark: the model must be surer to drop it
    assert text_model.second_look(second, "heading", chances) == "heading"
    sure = [0.9, text_weights.HEADING_BELOW / 2]
    assert text_model.second_look(second, "heading", sure) == text_model.UNLIKE_ARTICLE
    # list entries and the rules' own drop reasons are left alone
    assert text_model.second_look(second, "list_item", sure) == "list_item"
    assert text_model.second_look(second, "caption", [0.9, 0.99]) == "caption"
    assert text_model.second_look(second, "paragraph", None) == "paragraph"


def test_switched_off_the_model_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = split_lines(page_copy())
    monkeypatch.setattr(text_weights, "ENABLED", False)
    assert text_model.chances_or_none(lines, listed_lines(lines)) is None
    assert text_model.adjustments(lines, None) == [0.0] * len(lines)


def test_a_clean_article_keeps_its_short_last_sentence() -> None:
    """A .txt holding only the article: the model must not take its last line for a footer."""
    ending = "The word example is odd."
    page = "Title of the page\n\n" + "Some words here and there. " * 8 + f"\n\n{ending}\n"
    article = extract_text(Document("-", page, "text", "utf-8"))
    assert article.blocks[-1].text == ending


def test_a_prompt_sentence_the_model_is_sure_of_is_dropped() -> None:
    """A share prompt between paragraphs is a sentence, yet not article."""
    prompt = "Möchten Sie den Artikel teilen?"
    page = "\n\n".join(
        [MENU, "Neue Brücke für die Altstadt", *PARAGRAPHS[:4], prompt, *PARAGRAPHS[4:], FOOTER]
    )
    article = extract_text(Document("-", page, "text", "utf-8"))
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert any(d.text == prompt and d.reason == "unlike-article" for d in article.dropped)


def test_a_tables_rows_stay_whatever_the_model_thinks_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rows of cells with numbers look like a menu to the model; three in one block are a
    table (a list article's), read though no sentence announces it with a colon."""
    monkeypatch.setattr(text_weights, "DROP_BELOW", 1.01)  # a model that doubts every line
    rows = [
        "Pegel Neustadt Elbe 1891 412 cm",
        "Pegel Altdorf Saale 1903 287 cm",
        "Pegel Brückenau Mulde 1911 198 cm",
        "Pegel Seewalde Havel 1924 143 cm",
    ]
    table = "\n".join(["Pegel Fluss Seit Höchststand", *rows])
    intro = "Die folgende Tabelle nennt die Pegel des Landes mit ihrem höchsten Stand."
    page = "\n\n".join([MENU, "Pegel in Sachsen", *PARAGRAPHS[:3], intro, table, *PARAGRAPHS[3:]])
    article = extract_text(Document("-", page, "text", "utf-8"))
    texts = [block.text for block in article.blocks]
    assert all(row in texts for row in rows)
