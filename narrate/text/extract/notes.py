"""Lines about the article rather than of it, left in its body by the page.

Three kinds, each found by its shape, after the other rules have run, on HTML
pages and page copies alike:

- a photo credit set as a paragraph beside the picture ('(Credit: A / Grist)',
  'Caption text. | © Agency/Getty Images', 'Fot. Name / Agencja Gazeta');
- a press release's contact block at the very end: short lines with an e-mail
  address or a phone number, and the label above them ('Kontakt:');
- a closing 'last modified' line: a short line with a date in it, and no sentence,
  as the last block (the top of an HTML article has its own date-line rule in
  `html_tidy`).

Measured on dev-phrases (issue 12; the rules have no fitted parameters and were
kept because both site halves gained and no dev page lost more than 0.001):
HTML, leaked phrases 65 -> 57 (credits 3, contacts 3, closing dates 3, one page
twice), no phrase to be read lost; page copies, phrase F1 0.893 -> 0.894.
"""

from __future__ import annotations

import re

from narrate.core.models import Block, Dropped
from narrate.text.extract.text_rules import CREDIT

_CREDIT_MAX_WORDS = 30
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number after its label, or in international form.
_PHONE = re.compile(
    r"\b(?:t[eé]l[eé]?(?:fon|phone|fono|fone)?|phone|fon|fax|mobile?)\b\.?\s*:?\s*\+?\(?\d"
    r"|\+\d{1,3}[\s(/-]*\d[\d\s()/.-]{5,}\d",
    re.IGNORECASE,
)
# Contact lines are short and not sentences; a block this long is text.
_CONTACT_MAX_WORDS = 25
_CONTACT_MAX_LINES = 8
_LABEL_MAX_WORDS = 4
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b")
_DATELINE_MAX_WORDS = 14
# Chinese and Japanese write without spaces: a whole sentence is one 'word', so
# their characters are counted, about two to a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = (".", "。", "！", "？", "!", "?")


def drop_notes(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    """The article without its credit lines, closing contact block and closing date line."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for block in blocks:
        if is_credit(block):
            dropped.append(Dropped(block.text, "caption"))
        else:
            kept.append(block)
    cut = _contact_start(kept)
    dropped.extend(Dropped(b.text, "contact") for b in kept[cut:])
    kept = kept[:cut]
    while len(kept) > 1 and kept[-1].kind == "paragraph" and is_dateline(kept[-1].text):
        dropped.append(Dropped(kept.pop().text, "byline"))
    return kept, dropped


def is_credit(block: Block) -> bool:
    """A photo credit: a short paragraph with the shape of one (`text_rules.CREDIT`)."""
    text = block.text.strip()
    if block.kind != "paragraph" or _words(text) > _CREDIT_MAX_WORDS:
        return False
    return bool(CREDIT.search(text))


def is_dateline(text: str) -> bool:
    """A short line with a date or time and no sentence in it ('Letzte Änderung 14.02.2019')."""
    return (
        _words(text) <= _DATELINE_MAX_WORDS
        and bool(_TIME.search(text))
        and not text.rstrip().endswith(_SENTENCE_END)
    )


def _words(text: str) -> int:
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _is_contact_line(block: Block) -> bool:
    text = block.text.rstrip()
    return (
        block.kind == "paragraph"
        and _words(text) <= _CONTACT_MAX_WORDS
        and not text.endswith(_SENTENCE_END)
    )


def _contact_start(blocks: list[Block]) -> int:
    """Where the closing contact block starts (len(blocks) when there is none).

    The last few short lines (names, addresses, numbers) count when one of them
    holds an e-mail address or a phone number; a short label ending in ':' right
    above them goes with them.
    Something must be left above: an article that is all contact lines stays.
    """
    start = len(blocks)
    while (
        start > 0
        and len(blocks) - start < _CONTACT_MAX_LINES
        and _is_contact_line(blocks[start - 1])
    ):
        start -= 1
    tail = blocks[start:]
    if not any(_EMAIL.search(b.text) or _PHONE.search(b.text) for b in tail):
        return len(blocks)
    if start > 0 and _is_label(blocks[start - 1]):
        start -= 1
    return start if start > 0 else len(blocks)


def _is_label(block: Block) -> bool:
    text = block.text.strip()
    return text.endswith(":") and len(text.split()) <= _LABEL_MAX_WORDS
