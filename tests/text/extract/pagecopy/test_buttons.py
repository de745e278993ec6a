"""A row of buttons copied with a blog post (each line ending in the same note in brackets,
'(Opens in new window)') is dropped as 'buttons', in English, German, Spanish and French;
an article's own lines ending in brackets are read."""

from __future__ import annotations

import pytest

from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

ROWS = {
    "en": (
        "Click to share on Facebook (Opens in new window)",
        "Click to share on LinkedIn (Opens in new window)",
        "Click to print (Opens in new window)",
    ),
    "de": (
        "Klick, um über Twitter zu teilen (Wird in neuem Fenster geöffnet)",
        "Klicken zum Ausdrucken (Wird in neuem Fenster geöffnet)",
        "Klicken, um dies einem Freund per E-Mail zu senden (Wird in neuem Fenster geöffnet)",
    ),
    "es": (
        "Haz clic para compartir en Facebook (Se abre en una ventana nueva)",
        "Haz clic para imprimir (Se abre en una ventana nueva)",
        "Haz clic para enviar por correo a un amigo (Se abre en una ventana nueva)",
    ),
    "fr": (
        "Cliquez pour partager sur Facebook (ouvre dans une nouvelle fenêtre)",
        "Cliquer pour imprimer (ouvre dans une nouvelle fenêtre)",
        "Cliquer pour envoyer un lien par e-mail à un ami (ouvre dans une nouvelle fenêtre)",
    ),
}


@pytest.mark.parametrize("language", ROWS)
def test_a_row_of_buttons_is_dropped(language: str) -> None:
    row = "\n".join(ROWS[language])  # a share box between the post's paragraphs
    first, *rest = PARAGRAPHS
    article = page(MENU, "Footbridge approved", first, row, *rest, FOOTER)
    assert [block.text for block in article.blocks] == list(PARAGRAPHS)
    reasons = {d.text: d.reason for d in article.dropped}
    assert all(reasons[line] == "buttons" for line in ROWS[language])


def test_an_articles_own_lines_in_brackets_are_read() -> None:
    notes = (
        "The first vote was lost by two votes (a recount was refused).",
        "The second was won by five (the mayor abstained).",
        "The third made the plan final (no one spoke against it).",
    )
    article = page(MENU, "Footbridge approved", *PARAGRAPHS, "\n".join(notes), FOOTER)
    assert [block.text for block in article.blocks][-3:] == list(notes)
