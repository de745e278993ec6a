"""The article's language: the declaration when the text agrees, else detection; --lang wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.core.models import Article, Block
from narrate.text.extract import extract
from narrate.text.language import decide_language, detect_language, primary, standard_tag
from narrate.text.load import load

PAGES = Path(__file__).resolve().parents[1] / "data" / "languages"


def _article(source: Path) -> Article:
    return extract(load(str(source)))


@pytest.mark.parametrize(
    ("page", "language"),
    [
        ("fr.html", "fr"),
        ("es.html", "es"),
        ("en.html", "en"),
        ("zh.html", "zh-CN"),
        ("tl.html", "tl"),
        ("de-quote.html", "de"),
    ],
)
def test_a_declaration_the_text_agrees_with_is_kept(page: str, language: str) -> None:
    decision = decide_language(_article(PAGES / page))
    assert (decision.tag, decision.source) == (language, "declared")
    assert decision.detected == primary(language)


def test_a_wrong_english_template_over_a_german_article_does_not_win() -> None:
    article = _article(PAGES / "de-wrong-template.html")
    assert article.language == "en"  # what the page's template says
    decision = decide_language(article)
    assert (decision.tag, decision.source, decision.declared) == ("de", "detected", "en")
    assert decision.confidence >= 0.9


def test_a_page_copy_without_declaration_is_detected_from_its_text() -> None:
    article = _article(PAGES / "ru-copy.txt")
    assert article.language is None
    decision = decide_language(article)
    assert (decision.tag, decision.source) == ("ru", "detected")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Zug fährt heute später ab, weil die Strecke gesperrt ist und repariert wird.", "de"),
        ("Le train part plus tard aujourd'hui parce que la voie est fermée pour travaux.", "fr"),
        ("El tren sale más tarde hoy porque la vía está cerrada por obras de reparación.", "es"),
        ("Поезд сегодня отправляется позже, потому что путь закрыт на ремонт.", "ru"),
        ("今天的火车晚点出发，因为铁路正在维修，所以大家需要多等一会儿。", "zh"),
        ("今日の電車は線路の工事のために遅れて出発しますので、ご注意ください。", "ja"),
    ],
)
def test_detection_on_text_alone(text: str, language: str) -> None:
    found = detect_language(text)
    assert found is not None
    assert found[0] == language


def test_too_little_text_keeps_the_declaration_or_the_default() -> None:
    short = Article("Hallo", (Block("paragraph", "Ja."),), language="de")
    assert decide_language(short).tag == "de"
    undeclared = Article("OK", (Block("paragraph", "Yes."),))
    assert decide_language(undeclared, default="pt-BR") == decide_language(
        undeclared, default="pt-BR"
    )
    assert decide_language(undeclared, default="pt-BR").source == "default"


def test_the_option_overrides_page_and_text() -> None:
    article = _article(PAGES / "de-wrong-template.html")
    decision = decide_language(article, override="nl")
    assert (decision.tag, decision.source) == ("nl", "option")


def test_tags_are_spelled_one_way_and_bad_ones_refused() -> None:
    assert standard_tag("pt_br") == "pt-BR"
    assert standard_tag("EN-us") == "en-US"
    assert standard_tag("tl") == "tl"  # Tagalog stays Tagalog
    with pytest.raises(InputError, match="not a language tag"):
        standard_tag("not a tag!")
