"""E-mail messages: the newsletter's text through the page extractor, its apparatus out."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from narrate.core.errors import NoArticleError
from narrate.text.extract import extract
from narrate.text.load import document_from_bytes, load

NEWSLETTER = Path(__file__).resolve().parents[3] / "data" / "documents" / "newsletter.eml"
PARAGRAPH = (
    "The ledgers sit in a cold room above the old customs house. They record every vessel "
    "that tied up, what it carried, and how much it paid for the privilege."
)


def _message(**parts: str) -> bytes:
    message = EmailMessage()
    message["From"] = parts.pop("sender", "Jan Nowak <jan@letters.example>")
    message["To"] = "reader@example.org"
    message["Subject"] = parts.pop("subject", "A short letter")
    message["Date"] = "Mon, 02 Nov 2026 06:00:00 +0100"
    if "plain" in parts:
        message.set_content(parts["plain"])
    if "html" in parts:
        if message.get_content_type() == "text/plain" and "plain" in parts:
            message.add_alternative(parts["html"], subtype="html")
        else:
            message.set_content(parts["html"], subtype="html")
    if "attachment" in parts:
        message.add_attachment(
            b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="chart.png"
        )
    return bytes(message)


def test_the_newsletter_reads_its_letter_and_not_its_apparatus() -> None:
    article = extract(load(str(NEWSLETTER)))
    assert article.title == "What the harbour ledger remembers — Tidewater Letters #41"
    assert article.byline == "Marta Kowalczyk"
    assert article.published == "2026-11-05T07:30:00+00:00"
    text = "\n".join(b.text for b in article.blocks)
    assert article.blocks[0].text.startswith("Issue 41")
    assert PARAGRAPH in text
    assert article.blocks[-1].text == "Marta"
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "The winter of the missing ferry",
        "A letter from a reader",
    ]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["View this email in your browser"] == "outside-article"
    assert reasons["What the harbour ledger remembers"] == "title"
    assert reasons["Shop the notebooks"] == "promotion"
    assert reasons["Update your preferences · Unsubscribe"] == "unsubscribe"
    assert (
        reasons["You are receiving this email because you signed up at tidewater-letters.example."]
        == "unsubscribe"
    )
    for apparatus in ("Saltmarsh", "Unsubscribe", "Copyright", "Quay Street", "Mastodon"):
        assert apparatus not in text
    assert "@" not in (article.byline or "")


def test_a_plain_text_message_is_read_as_a_page_copy() -> None:
    body = "\n\n".join([PARAGRAPH] * 3 + ["Write back if you know more about the ledgers."])
    article = extract(document_from_bytes("letter.eml", _message(plain=body)))
    assert article.title == "A short letter"
    assert article.byline == "Jan Nowak"
    assert PARAGRAPH in article.blocks[0].text


def test_an_address_alone_is_never_the_byline() -> None:
    raw = _message(sender="jan@letters.example", html=f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>")
    article = extract(document_from_bytes("letter.eml", raw))
    assert article.byline is None


def test_a_message_with_no_readable_part_is_refused() -> None:
    raw = _message(attachment="yes")
    with pytest.raises(NoArticleError, match="e-mail with no readable part"):
        extract(document_from_bytes("empty.eml", raw))


def test_a_newsletter_forwarded_as_an_attachment_is_read() -> None:
    outer = EmailMessage()
    outer["From"] = "Reader <reader@example.org>"
    outer["To"] = "narrate@example.org"
    outer["Subject"] = "Fwd: the ledger"
    outer["Date"] = "Fri, 06 Nov 2026 10:00:00 +0000"
    inner = BytesParser(policy=policy.default).parsebytes(NEWSLETTER.read_bytes())
    outer.add_attachment(inner)
    article = extract(document_from_bytes("fwd.eml", bytes(outer)))
    assert PARAGRAPH in "\n".join(b.text for b in article.blocks)


HAFENBRIEF = """<html><body><div class="email-body" style="max-width:560px;margin:auto">
<div class="preheader" style="display:none">Neues vom Hafen</div>
<p style="font-size:12px"><a href="https://hafenbrief.example/p/7">Im Browser lesen</a></p>
<div class="post">
<h1>Der Kran am Nordkai</h1>
<p>Seit dem Frühjahr steht am Nordkai wieder ein Kran, und mit ihm ist ein Geräusch in den
Hafen zurückgekehrt, das viele vergessen hatten: das Klirren der Ketten am frühen Morgen.</p>
<p>Der Kran wurde in einer Werft im Süden überholt und kam im März auf einem Ponton zurück.
Drei Wochen dauerte es, bis er wieder aufgebaut war, und noch einmal zwei, bis die Prüfer
zufrieden waren.</p>
<h2>Wer ihn fährt</h2>
<p>Gefahren wird er von Hanne Brodersen, die schon den alten Kran bedient hat. Sie sagt, der
neue sei leiser, aber langsamer, und dass man sich an beides gewöhne.</p>
<p>Bis nächste Woche, euer Hafenbrief.</p>
</div>
<div style="background:#f4f4f4;border:1px solid #ddd;padding:16px">
<p><b>Anzeige</b></p><p>Segelkurse für Anfänger an der Förde, jeden Samstag ab Mai.</p>
<a href="https://segeln.example/kurse" style="background:#0a5;color:#fff;padding:8px
14px;border-radius:4px">Jetzt buchen</a>
</div>
<div class="footer" style="font-size:11px;color:#999">
<p>Du bekommst diese E-Mail, weil du den Hafenbrief abonniert hast.</p>
<p><a href="https://hafenbrief.example/abmelden?u=1">Abmelden</a> · <a
href="https://hafenbrief.example/einstellungen">Einstellungen</a></p>
<p>Hafenbrief GmbH, Kaistraße 3, 24103 Kiel</p>
</div></div><img src="https://t.hafenbrief.example/o.gif" width="1" height="1"></body></html>"""


def test_a_german_newsletter_without_an_unsubscribe_header_drops_its_apparatus() -> None:
    """Another sender's layout (divs, no tables), another language, no List-Unsubscribe."""
    raw = _message(
        sender="Hafenbrief <post@hafenbrief.example>",
        subject="Der Kran am Nordkai",
        html=HAFENBRIEF,
    )
    article = extract(document_from_bytes("hafenbrief.eml", raw))
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("Seit dem Frühjahr steht am Nordkai")
    assert texts[-1] == "Bis nächste Woche, euer Hafenbrief."
    assert "Wer ihn fährt" in texts
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Jetzt buchen"] == "promotion"
    assert reasons["Segelkurse für Anfänger an der Förde, jeden Samstag ab Mai."] == "promotion"
    assert reasons["Abmelden · Einstellungen"] == "footer"
    assert reasons["Im Browser lesen"] == "outside-article"


def test_a_short_letter_beside_its_unsubscribe_link_is_read() -> None:
    """The footer region never takes half the letter: a short note shares its cell with it."""
    html = (
        "<table><tr><td><p>The ferry runs again from Monday, every evening at six.</p>"
        "<p>Tickets are sold on board.</p>"
        '<p><a href="https://ferry.example/unsubscribe?u=2">Unsubscribe</a></p></td></tr></table>'
    )
    message = EmailMessage()
    message["From"] = "Ferry Office <office@ferry.example>"
    message["To"] = "reader@example.org"
    message["Subject"] = "Ferry news"
    message["Date"] = "Mon, 02 Nov 2026 06:00:00 +0100"
    message["List-Unsubscribe"] = "<https://ferry.example/unsubscribe?u=2>"
    message.set_content(html, subtype="html")
    article = extract(document_from_bytes("ferry.eml", bytes(message)))
    texts = [b.text for b in article.blocks]
    assert "The ferry runs again from Monday, every evening at six." in texts
    assert "Unsubscribe" not in texts


GERMAN = (
    "Die Stadtwerke haben am Montag mitgeteilt, dass die Brücke über die Saale ab Mai für "
    "drei Monate gesperrt wird. Der Umweg über Köthen verlängert die Fahrt um zwanzig Minuten."
)


@pytest.mark.parametrize(
    "declared",
    ["", "; charset=utf-8", "; charset=x-unknown-42"],
    ids=["none-but-meta", "wrong", "unknown"],
)
def test_a_part_in_another_charset_than_declared_is_decoded(declared: str) -> None:
    """A Windows-1252 part declared wrongly, or not at all (its page's <meta> says it), was
    read with replacement characters ('Br�cke'): it is decoded as any page is."""
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    html = f"<html><head>{meta}</head><body><p>{GERMAN}</p><p>{GERMAN}</p></body></html>"
    head = (
        "From: Stadt <info@stadt.example>\r\nTo: a@b.example\r\nSubject: Sperrung\r\n"
        "Date: Mon, 10 Mar 2025 12:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/html{declared}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    raw = head.encode("ascii") + html.encode("cp1252")
    article = extract(document_from_bytes("sperrung.eml", raw))
    assert article.blocks[0].text == GERMAN


LETTER = [
    "This week I spent three days in the archive of the old harbour office, reading the "
    "ledgers that the port kept between 1880 and 1914. The ink has faded to the colour of "
    "weak tea, but most entries can still be read with a lamp held at an angle.",
    "What struck me most was how often the same ships came back. The Margarethe, a small "
    "brig out of Flensburg, called eleven times in four years, always with timber.",
    "There is also a gap in the ledgers for the winter of 1895, when the harbour froze, "
    "and the first entry after the thaw is a list of repairs to the quay.",
]


@pytest.mark.parametrize("flowed", [False, True], ids=["hard-wrapped", "format-flowed"])
def test_a_plain_text_letter_broken_at_72_columns_is_read_whole(flowed: bool) -> None:
    """Mail breaks its lines at about 72 characters: each line was taken for a block of a
    page copy, and most of the letter was dropped (as a title, a menu, before the body)."""
    import textwrap

    end = " \n" if flowed else "\n"
    paragraphs = [end.join(textwrap.wrap(p, 72)) for p in LETTER]
    signature = "-- \nMarta Lindqvist\nThe Ledger Letter, https://ledger.example/"
    body = "\n\n".join(["Hello friends,", *paragraphs, "Thanks for reading,\nMarta", signature])
    article = extract(document_from_bytes("letter.eml", _message(plain=body + "\n")))
    assert [b.text for b in article.blocks] == LETTER
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Marta Lindqvist The Ledger Letter, https://ledger.example/"] == "signature"


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [("Fwd", ("From", "Date", "Subject", "To")), ("WG", ("Von", "Gesendet", "Betreff", "An"))],
    ids=["gmail-en", "outlook-de"],
)
def test_a_newsletter_forwarded_inline_keeps_its_own_subject_and_sender(
    prefix: str, labels: tuple[str, ...]
) -> None:
    """Forwarded to the inbox, a letter was titled 'Fwd: ...' and signed by the reader who
    forwarded it; the header quoted above the letter names its subject and sender."""
    sender, date, subject, to = labels
    quoted = (
        f"{sender}: Marta Kowalczyk <marta@tidewater-letters.example>\n"
        f"{date}: Thu, 5 Nov 2026 at 07:30\n{subject}: The harbour ledger\n"
        f"{to}: <reader@example.org>"
    )
    body = "\n\n".join(
        [
            "Worth a listen.",
            "---------- Forwarded message ---------\n" + quoted,
            PARAGRAPH,
            PARAGRAPH + " Again.",
            PARAGRAPH + " Once more.",
        ]
    )
    raw = _message(
        sender="Sam Reader <sam@example.org>", subject=f"{prefix}: The harbour ledger", plain=body
    )
    article = extract(document_from_bytes("fwd.eml", raw))
    assert article.title == "The harbour ledger"
    assert article.byline == "Marta Kowalczyk"
    assert PARAGRAPH in [b.text for b in article.blocks]


def test_a_letter_forwarded_as_an_attachment_keeps_its_own_header() -> None:
    outer = EmailMessage()
    outer["From"] = "Reader <reader@example.org>"
    outer["To"] = "narrate@example.org"
    outer["Subject"] = "Fwd: the ledger"
    outer.add_attachment(BytesParser(policy=policy.default).parsebytes(NEWSLETTER.read_bytes()))
    article = extract(document_from_bytes("fwd.eml", bytes(outer)))
    assert article.title.startswith("What the harbour ledger remembers")
    assert article.byline == "Marta Kowalczyk"
