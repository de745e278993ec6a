"""A page copy whose paragraphs are hard-wrapped at a fixed column (a mail archive, a
blog set in <pre>) is read as paragraphs; a table, a code listing and a list of
headlines, whose lines also run to similar lengths, are left as they are."""

from __future__ import annotations

import textwrap

from narrate.text.extract.pagecopy.lines import split_lines, unwrap
from tests.text.extract.pagecopy.copies import FOOTER, MENU, page

HEADLINE = "Retour sur quinze ans de synthèse vocale libre"
PARAGRAPHS = (
    "Le premier lecteur d'écran que nous avons écrit ne savait lire que des lignes "
    "entières, et il fallait attendre la fin de chaque phrase avant de pouvoir "
    "l'interrompre, ce qui rendait la navigation dans un long document très lente.",
    "Quelques années plus tard, une bibliothèque de conseils autour des fonctions de "
    "l'éditeur nous a permis de faire parler chaque commande sans toucher au code "
    "d'origine, et la plupart des extensions que nous utilisons encore en viennent.",
    "Aujourd'hui la voix suit le curseur, lit les caractères effacés et annonce les "
    "changements de mode, et le même mécanisme sert à des outils que personne "
    "n'imaginait quand nous avons commencé, bien loin de la simple lecture des lignes.",
)


def wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, width=68))


def test_hard_wrapped_paragraphs_are_read_whole() -> None:
    article = page(MENU, HEADLINE, *(wrapped(p) for p in PARAGRAPHS), FOOTER)
    assert [block.text for block in article.blocks] == list(PARAGRAPHS)


def test_lines_of_similar_length_that_are_no_paragraph_stay_apart() -> None:
    table = [
        "durée minimale en cave pour le vin rouge 24 mois 36 mois 60 mois",
        "dont au moins en fût de chêne pour le vin rouge 12 mois 12 mois",
        "durée minimale en cave pour le vin blanc 24 mois 24 mois 48 mois",
        "dont au moins en fût de chêne pour le vin blanc 6 mois 6 mois",
    ]
    listing = [
        "chmod 400 /usr/local/ssl/ca/private/*.pem",
        "chmod 500 /usr/local/ssl/ca/private",
        "chmod 500 /usr/local/ssl/private",
    ]
    headlines = [
        "La mairie vote le budget de la nouvelle passerelle sur la rivière",
        "Les travaux de la gare commenceront au printemps, selon la région",
        "Un nouveau marché couvert ouvrira ses portes dans le vieux quartier",
    ]
    for block in (table, listing, headlines):
        assert unwrap(block) == block
        assert [line.text for line in split_lines("\n".join(block))] == block
