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

NEWSLETTER = Path(__file__).resolve().parents[2] / "data" / "documents" / "newsletter.eml"
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
        message.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png",
                               filename="chart.png")  # fmt: skip
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
