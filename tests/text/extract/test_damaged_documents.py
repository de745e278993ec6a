"""Damaged documents: truncated or corrupted e-mail, PDF, EPUB and Markdown never raise
anything but a NarrateError (one line from the CLI), whatever byte is wrong."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from narrate.core.errors import NarrateError
from narrate.text.extract import extract
from narrate.text.load import document_from_bytes
from tests.documents import make_epub, make_paper

DOCUMENTS = Path(__file__).resolve().parents[2] / "data" / "documents"
CUTS = 40
FLIPS = 40


def _cases(data: bytes, seed: int) -> list[bytes]:
    """The document cut at CUTS places, and FLIPS copies with 1 to 20 random bytes changed."""
    rng = random.Random(seed)
    cases = [data[:at] for at in range(1, len(data), max(1, len(data) // CUTS))]
    for _ in range(FLIPS):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cases.append(bytes(damaged))
    return cases


@pytest.mark.parametrize("kind", ["eml", "md", "epub", "pdf"])
def test_damaged_documents_fail_only_with_narrate_errors(tmp_path: Path, kind: str) -> None:
    if kind == "eml":
        data = (DOCUMENTS / "newsletter.eml").read_bytes()
    elif kind == "md":
        data = (DOCUMENTS / "field-notes.md").read_bytes()
    elif kind == "epub":
        data = make_epub(tmp_path / "book.epub").read_bytes()
    else:
        pytest.importorskip("reportlab", reason="the dev extra's reportlab makes the test PDFs")
        data = make_paper(tmp_path / "paper.pdf", short=True).read_bytes()
    assert extract(document_from_bytes(f"whole.{kind}", data)).blocks
    messages: list[str] = []
    for number, case in enumerate(_cases(data, seed=30)):
        try:
            extract(document_from_bytes(f"case-{number}.{kind}", case))
        except NarrateError as exc:  # anything else fails the test with its traceback
            messages.append(str(exc))
    assert messages  # the first cuts hold no article
    assert all(m.strip() and "\n" not in m for m in messages)  # the CLI's one line each
