"""A cookie or consent dialog copied with the page is dropped as 'dialog', in German, French
and Polish; a passage about cookies inside a text, and an article about cookies, are read."""

from __future__ import annotations

import pytest

from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

DIALOGS = {
    "de": (
        "Diese Webseite verwendet Cookies. Indem Sie weiter die Seite besuchen, stimmen Sie der "
        "Verwendung von Cookies zu.\nOK\nMehr erfahren\n\nNotwendige Cookies\nDiese Cookies "
        "sind notwendig, damit die Grundfunktionen der Seite genutzt werden können, und sie "
        "lassen sich nicht abschalten.\nMarketing-Cookies\nDiese Cookies helfen uns, Ihnen auf "
        "anderen Plattformen Inhalte zu zeigen, die zu Ihren Interessen passen.\nBestätigen"
    ),
    "fr": (
        "Soucieux de la protection de vos données personnelles, nous vous informons que ce site "
        "et des tiers utilisent des cookies et autres traceurs pour mesurer l'audience.\n"
        "En cliquant sur « Tout accepter », vous acceptez que le site et les tiers utilisent "
        "des cookies pour les finalités détaillées ci-dessus.\nParamétrer mes choix\n"
        "Tout refuser\nTout accepter"
    ),
    "pl": (
        "Ta strona korzysta z plików cookie, aby zapewnić najlepszą jakość korzystania z "
        "serwisu i dopasować treści do Twoich zainteresowań.\nUstawienia\nAkceptuję\n\n"
        "Pliki cookie niezbędne pozwalają na działanie podstawowych funkcji strony i nie "
        "mogą zostać wyłączone w naszych systemach."
    ),
}


@pytest.mark.parametrize("language", DIALOGS)
def test_a_consent_dialog_after_the_article_is_dropped_as_dialog(language: str) -> None:
    dialog = DIALOGS[language]
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, FOOTER, dialog)
    read = [block.text for block in article.blocks]
    assert read == list(PARAGRAPHS)
    reasons = {d.text: d.reason for d in article.dropped}
    cookie_lines = [line for line in dialog.splitlines() if "cookie" in line.lower()]
    assert all(reasons[line] == "dialog" for line in cookie_lines)


def test_a_dialog_above_the_article_is_dropped_too() -> None:
    article = page(DIALOGS["fr"], MENU, "Footbridge approved", *PARAGRAPHS, FOOTER)
    assert [block.text for block in article.blocks] == list(PARAGRAPHS)


POLICY = (
    "We collect the address you give us when you write to us, and nothing else.",
    "Do we use cookies? We use cookies to remember what is in your basket between visits.",
    "You can turn cookies off in your browser, and the site will still work without them.",
    "We keep the addresses we collect for a year and then delete them from our servers.",
)


def test_a_passage_about_cookies_between_paragraphs_is_read() -> None:
    article = page(MENU, "Privacy", "\n".join(POLICY), FOOTER)
    assert [block.text for block in article.blocks] == list(POLICY)


RECIPE = (
    "Diese Cookies mit Haferflocken sind in zwanzig Minuten gebacken und bleiben in einer "
    "Dose eine Woche lang weich.",
    "Für die Cookies zuerst die Butter mit dem Zucker schaumig rühren, dann das Ei und die "
    "Haferflocken unterheben.",
    "Die Cookies mit etwas Abstand auf das Blech setzen und zwölf Minuten backen, bis die "
    "Ränder goldbraun sind.",
)


def test_an_article_about_cookies_is_read() -> None:
    article = page(MENU, "Hafer-Cookies", *RECIPE, FOOTER)
    assert [block.text for block in article.blocks] == list(RECIPE)
