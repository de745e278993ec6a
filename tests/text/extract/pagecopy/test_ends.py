"""Where a plain-text page copy's article ends, and its sections: an author box after
the text is left out, while the article's own sections (under a name, under
subheadings, with or without a blank line below the subheading) are read."""

from __future__ import annotations

import pytest

from narrate.core.models import Article
from tests.text.extract.pagecopy.copies import FOOTER, MENU, PARAGRAPHS, page

HEADLINE = "Council approves the river footbridge"
BIO = "Jane Roe covers local government and transport for the Riverside Courier."
# A section about a person, headed by the name: two paragraphs, so no author box.
SECTION = (
    "Mara Lindqvist led the residents' campaign for the footbridge for ten years, "
    "writing to the council before every budget and collecting signatures at the market.",
    "She said on Monday that the vote was a relief, and that the campaign would now watch "
    "the building work as closely as it had watched the debate.",
)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def with_line(line: str) -> Article:
    """The test article with `line` between its second and third paragraphs."""
    return page(MENU, HEADLINE, *PARAGRAPHS[:2], line, PARAGRAPHS[2], FOOTER)


def test_an_author_box_after_the_article_is_dropped() -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, "Jane Roe", BIO, FOOTER)
    assert texts(article) == list(PARAGRAPHS)


def test_a_last_section_headed_by_a_name_is_read() -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, "Mara Lindqvist", *SECTION, FOOTER)
    assert texts(article)[-2:] == list(SECTION)


def section(n: int) -> str:
    """A paragraph of about fifty words: longer than a teaser card's sentence or two."""
    return (
        f"Stage {n} of the building work closes one part of the river path for a few weeks, "
        "and the council has promised a signed detour through the park, a ferry on market "
        "days, and a weekly note to every household on the streets nearest to the works "
        "until the path opens again."
    )


def test_sections_under_subheadings_are_not_a_card_list() -> None:
    parts = [f"Stage {n}: the works\n\n{section(n)}" for n in (1, 2, 3)]
    article = page(MENU, HEADLINE, PARAGRAPHS[0], *parts, FOOTER)
    assert [t for t in texts(article) if t.startswith("Stage")] == [
        text for n in (1, 2, 3) for text in (f"Stage {n}: the works", section(n))
    ]


def test_a_subheading_naming_someone_is_not_an_author_box() -> None:
    # Capitalised words in a subheading, one of them in the paragraph: no name label.
    closing = (
        "Riverside is smaller than the city across the river, but the council says its "
        "footbridge will be the first of three new crossings built over the next decade."
    )
    article = page(MENU, HEADLINE, *PARAGRAPHS, "Growing faster than Riverside", closing, FOOTER)
    assert texts(article)[-1] == closing


def test_a_subheading_over_its_paragraph_in_one_block_is_read() -> None:
    # No blank line between the subheading and its paragraph, which is no teaser.
    parts = [f"Stage {n}: the works\n{section(n)}" for n in (1, 2)]
    article = page(MENU, HEADLINE, *PARAGRAPHS, *parts, FOOTER)
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Stage 1: the works", "Stage 2: the works"]


def test_a_one_word_subheading_between_paragraphs_is_read() -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, section(1), "Summary", section(2), FOOTER)
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Summary"]


def test_a_one_word_label_by_short_lines_or_in_brackets_is_not() -> None:
    short = "In the end, the vote was close."
    beside_short = page(MENU, HEADLINE, *PARAGRAPHS, short, "Summary", section(2), FOOTER)
    assert "Summary" not in texts(beside_short)
    bracketed = page(MENU, HEADLINE, *PARAGRAPHS, section(1), "(Photo)", section(2), FOOTER)
    assert "(Photo)" not in texts(bracketed)


def test_a_paragraph_over_its_picture_credit_is_read_a_caption_is_not() -> None:
    # The picture is set right after the paragraph, no blank line: one block.
    caption = "The new footbridge as the architects drew it."
    pictured = page(
        MENU,
        HEADLINE,
        PARAGRAPHS[0],
        f"{section(1)}\nPhoto: Jane Roe / City Council",
        f"{caption}\nPhoto: Jane Roe / City Council",
        *PARAGRAPHS[1:],
        FOOTER,
    )
    assert section(1) in texts(pictured)
    assert caption not in texts(pictured)


def test_the_lines_closing_the_last_paragraphs_block_are_read() -> None:
    # A last sentence that lost its stop and a sign-off, with no blank line between them
    # and the text, close the article; the share row after them in the block does not.
    closing = ("Eines Tages wird die Brücke uns allen gehören", "Eure Redaktion")
    share = "Facebook Twitter Whatsapp"
    block = "\n".join([PARAGRAPHS[-1], *closing, share])
    article = page(MENU, HEADLINE, *PARAGRAPHS[:-1], block, FOOTER)
    assert texts(article) == [*PARAGRAPHS, *closing]


def test_a_label_announcing_what_follows_does_not_close_the_article() -> None:
    block = "\n".join([PARAGRAPHS[-1], "Tags:", "Council River Footbridge"])
    article = page(MENU, HEADLINE, *PARAGRAPHS[:-1], block, FOOTER)
    assert texts(article) == list(PARAGRAPHS)


META = "Erstveröffentlichung\n31.10.2023"  # a box of dates after the article


@pytest.mark.parametrize(
    "label",
    ["Sie wollen mehr von uns?", "Vous voulez en savoir plus ?", "Do you want more from us?"],
)
def test_a_few_words_closing_the_body_alone_are_a_label_not_read(label: str) -> None:
    """dev-phrases t0900, t0389: the label over a newsletter box or share buttons, read as
    the article's last line (the line model reaches it past the body's end)."""
    article = page(MENU, HEADLINE, *PARAGRAPHS, label, META, "Letzte Aktualisierung", FOOTER)
    assert texts(article) == list(PARAGRAPHS)
    assert ("label", label) in [(d.reason, d.text) for d in article.dropped]


@pytest.mark.parametrize(
    "last",
    [
        "Danke fürs Lesen und bis bald!",  # a sentence
        "„Wir bleiben hier“, sagt sie.",
        "[Quelle: Stadtverwaltung Bremen, S. 41]",  # a source note in brackets
    ],
)
def test_a_short_last_line_that_is_a_sentence_or_a_source_is_read(last: str) -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, last, META, "Letzte Aktualisierung", FOOTER)
    assert texts(article)[-1] == last


@pytest.mark.parametrize(
    ("byline", "bio"),
    [
        ("By Jane Roe", "Jane Roe is a professor of law and the author of a book on rivers."),
        ("Von Jana Beispiel", "Jana Beispiel schreibt seit zwanzig Jahren über Brücken und Wege."),
        ("Por Ana Ejemplo", "Ana Ejemplo es periodista y vive junto al río desde hace años."),
    ],
)
def test_a_last_paragraph_opening_with_the_bylines_name_is_the_authors_bio(
    byline: str, bio: str
) -> None:
    """dev-phrases t0271: 'Ganesh Sitaraman is a professor at …' closed the article read."""
    article = page(MENU, HEADLINE, byline, *PARAGRAPHS, bio, FOOTER)
    assert texts(article) == list(PARAGRAPHS)
    assert ("author-bio", bio) in [(d.reason, d.text) for d in article.dropped]


def test_a_paragraph_naming_the_author_inside_the_article_is_read() -> None:
    middle = "Jane Roe is one of the residents who asked for the bridge, and she spoke first."
    article = page(MENU, HEADLINE, "By Jane Roe", PARAGRAPHS[0], middle, *PARAGRAPHS[1:], FOOTER)
    assert middle in texts(article)


TAGS = {
    "en": ("Tags", "Footbridge River Council Old Town (Riverside)"),
    "de": ("Schlagwörter", "Brücke Fluss Stadtrat Altstadt Essen (Stadt)"),
    "es": ("Etiquetas:", "Puente Río Ayuntamiento Casco antiguo"),
}


@pytest.mark.parametrize("language", TAGS)
def test_the_line_under_a_tags_label_is_not_read(language: str) -> None:
    label, tags = TAGS[language]  # inside the body: a page may set its tags above a part
    article = with_line(f"{label}\n\n{tags}")
    assert texts(article) == list(PARAGRAPHS)
    assert ("tags", tags) in {(d.reason, d.text) for d in article.dropped}


def test_a_line_under_a_topics_heading_is_read() -> None:
    section = "Themen"  # sites head sections and menus with it, not only their tags
    text = "Der Stadtrat will die Brücke im Frühjahr bauen, sagte die Bürgermeisterin am Montag."
    article = page(MENU, HEADLINE, *PARAGRAPHS, section, text, PARAGRAPHS[0][:60] + ".", FOOTER)
    assert text in texts(article)


SIGN_OFFS = {
    "de": ("Viel Glück!", "Euer Hans"),
    "en": ("Happy reading!", "XOXO, Ana"),
    "es": ("¡Hasta pronto!", "Un abrazo, Lucía"),
    "team": ("XX, Die Redaktion",),
    "name below": ("Herzlichst", "Martina"),
}


@pytest.mark.parametrize("shape", SIGN_OFFS)
def test_a_writers_sign_off_under_the_last_paragraph_is_read(shape: str) -> None:
    sign_off = SIGN_OFFS[shape]
    parts = sign_off if shape != "name below" else ("\n".join(sign_off),)
    article = page(MENU, HEADLINE, *PARAGRAPHS, *parts, "Related Posts", FOOTER)
    assert texts(article) == [*PARAGRAPHS, *sign_off]


def test_only_a_name_in_the_greetings_block_is_read_with_it() -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, "Herzlichst", "Jetzt teilen!", FOOTER)
    assert texts(article) == [*PARAGRAPHS, "Herzlichst"]


@pytest.mark.parametrize(
    "label", ["Dein Name", "Euer Kommentar", "Best of 2016", "Eure Meinung?", "Love Island"]
)
def test_a_form_label_or_a_box_heading_after_the_text_is_no_sign_off(label: str) -> None:
    article = page(MENU, HEADLINE, *PARAGRAPHS, label, FOOTER)
    assert texts(article) == list(PARAGRAPHS)


# A file link, a caption or a newsletter box between two paragraphs, and why it is
# dropped: a file's size or format; a name after the caption's last sentence (in
# brackets, after 'By' or 'Foto', with an agency's); a pitch ending on its button.
DROPPED_BETWEEN = [
    ("download", "Messengerdienste sind kein rechtsfreier Raum (PDF, 298KB)"),
    ("download", "Pressemitteilung als PDF"),
    ("download", "Download: mp3 (30 MB) m4a (24 MB) opus (16 MB)"),
    ("download", "The council's decision as PDF"),
    ("caption", "Ada Álvarez anticipó que renunciará a la presidencia. (Teresa Canino)"),
    ("caption", "The mayor opens the old footbridge to walkers on Sunday. (Jane Roe Smith)"),
    ("caption", "Agents found the boat at the ramp. By U.S. CUSTOMS AND BORDER PROTECTION"),
    ("caption", "Photo illustration by Slate. Photo by David Dyer-Bennet."),
    ("caption", "Traders work on the floor of the exchange, November 18. REUTERS/Brendan McDermid"),
    ("caption", "Die Präsidentin nach der Wahl mit dem Wahlleiter Max Muster.DCV / Oppitz"),
    (
        "subscribe",
        "Get the Courier's Daily Edition by email and never miss our top stories Free Sign Up",
    ),
    ("subscribe", "Die wichtigsten Nachrichten aus der Stadt jeden Morgen per Mail Jetzt anmelden"),
    ("subscribe", "Recibe cada mañana las noticias de tu ciudad en tu correo Suscríbete"),
]


@pytest.mark.parametrize(("reason", "line"), DROPPED_BETWEEN)
def test_a_file_link_a_credited_caption_or_a_newsletter_box_is_not_read(
    reason: str, line: str
) -> None:
    article = with_line(line)
    assert texts(article) == list(PARAGRAPHS)
    assert (reason, line) in {(d.reason, d.text) for d in article.dropped}


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge will cost four million euros, the council said. (It had said three.)",
        "The report lists the costs in a table (PDF) on page twelve of the annex.",
        "Work starts in spring, the council said. (The vote was 31 to 12.)",
        "Die Ermittlungen zum Fall in Trittenheim gehen weiter. (Quelle: SWR)",
        "The bridge was designed by Jane Roe, who also built the one upstream in 1998.",
        "Die Brücke wurde schon 1998 geplant. Von Anfang an war sie umstritten.",
        "The river path will stay open, the council said. Cyclists and walkers/runners too.",
        "The council asked everyone who walks on the river path every day to sign up.",
    ],
)
def test_a_sentence_with_brackets_is_read(sentence: str) -> None:
    article = with_line(sentence)
    assert sentence in texts(article)


def test_a_credited_caption_under_the_headline_is_no_standfirst() -> None:
    caption = (
        "Agents found the boat at the ramp in Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION"
    )
    article = page(MENU, HEADLINE, "Staff | May 10, 2022 01:52 PM", caption, *PARAGRAPHS, FOOTER)
    assert texts(article) == list(PARAGRAPHS)
