"""text/kinds: what a source is, by content first; load hands each kind to its extractor."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.text.kinds import binary_kind, is_mail, is_markdown, is_mbox
from narrate.text.load import load
from tests.conftest import SHARED, require_shared
from tests.documents import make_epub, make_paper

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
NEWSLETTER = DOCUMENTS / "newsletter.eml"
NOTES = DOCUMENTS / "field-notes.md"


def test_pdf_and_epub_are_known_by_their_bytes_whatever_the_name(tmp_path: Path) -> None:
    paper = make_paper(tmp_path / "paper.bin")
    book = make_epub(tmp_path / "book.zip")
    assert binary_kind(paper.read_bytes(), "x") == "pdf"
    assert binary_kind(book.read_bytes(), "x") == "epub"
    assert load(str(paper)).media_type == "pdf"
    assert load(str(book)).media_type == "epub"
    assert load(str(book)).text == ""
    assert load(str(book)).data == book.read_bytes()


def test_another_zip_archive_is_refused_with_its_kind(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a book")
    with pytest.raises(InputError, match="ZIP archive, not an article"):
        binary_kind(buffer.getvalue(), "x.zip")


def test_an_email_is_known_by_its_header_block_on_stdin() -> None:
    raw = NEWSLETTER.read_bytes()
    assert is_mail(raw)
    assert load("-", io.BytesIO(raw)).media_type == "email"


@pytest.mark.parametrize(
    "text",
    [
        "From: the editor\nSubject: hello\nDate: today\n\nA page copy, not a message.",
        "From: a@b.example\n\nOnly one header.",
        "Subject: x\nTo: y@z.example\nFrom: y@z.example\nno blank line after the header",
        "<html><body><p>From: a@b.example</p></body></html>",
    ],
)
def test_text_shaped_like_a_header_is_not_a_message(text: str) -> None:
    assert not is_mail(text.encode())


def test_an_mbox_is_known_and_one_of_many_messages_must_be_named(tmp_path: Path) -> None:
    message = NEWSLETTER.read_bytes()
    box = tmp_path / "letters.mbox"
    box.write_bytes(
        b"From marta@x Thu Nov  5 07:30:00 2026\n"
        + message
        + b"\n"
        + b"From marta@x Thu Nov 12 07:30:00 2026\n"
        + message
        + b"\n"
    )
    assert is_mbox(box.read_bytes())
    with pytest.raises(InputError, match="mailbox of 2 messages"):
        load(str(box))
    assert load(f"{box}#2").media_type == "email"
    with pytest.raises(InputError, match="holds 2 messages, not 3"):
        load(f"{box}#3")
    with pytest.raises(InputError, match="holds 2 messages, not 0"):  # was: 'no such file'
        load(f"{box}#0")


def test_markdown_by_name_by_media_type_and_by_its_marks() -> None:
    text = NOTES.read_text("utf-8")
    assert is_markdown("plain words", "notes.md", None)
    assert is_markdown("plain words", "-", "text/markdown; charset=utf-8")
    assert is_markdown(text, "-", None)
    assert load(str(NOTES)).media_type == "markdown"
    assert not is_markdown("# not a heading alone\n\nand some text", "-", None)
    assert not is_markdown(text, "-", "text/html")


def test_no_dev_page_copy_or_page_is_taken_for_another_kind() -> None:
    data = require_shared(SHARED / "data")
    copies = list(data.rglob("*.txt"))
    pages = list(data.rglob("*.html"))
    assert copies
    assert pages
    for path in copies:
        raw = path.read_bytes()
        text = raw.decode("utf-8", "replace")
        assert not is_markdown(text, "-", None), path
        assert not is_mail(raw), path
        assert not is_mbox(raw), path
    for path in pages:
        raw = path.read_bytes()
        assert not is_mail(raw), path
        assert not is_mbox(raw), path


def test_a_text_that_mentions_the_pdf_header_is_not_a_pdf(tmp_path: Path) -> None:
    """'%PDF-' anywhere in the first kilobyte made a PDF: a note about the format was
    refused as a damaged PDF. Junk before a real header (no text) still passes."""
    note = tmp_path / "pdf-format.md"
    note.write_text(
        "# How PDF files begin\n\nEvery PDF opens with a line such as `%PDF-1.7`, "
        "then a comment of bytes above 127.\n\n## The trailer\n\nReaders start "
        "at the end of the file.\n"
    )
    assert binary_kind(note.read_bytes(), "x") is None
    assert load(str(note)).media_type == "markdown"
    page = b"<html><body><p>A PDF starts with %PDF-1.4 and ends with %%EOF.</p></body></html>"
    assert binary_kind(page, "x") is None
    assert binary_kind(b"\r\n \x00\x01\x02\x81%PDF-1.4\n%\xe2\xe3\n1 0 obj", "x") == "pdf"
