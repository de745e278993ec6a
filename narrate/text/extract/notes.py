"""Lines about the article rather than of it, left in its body by the page.

Four kinds, each found by its shape, after the other rules have run, on HTML
pages and page copies alike:

- a photo credit set as a paragraph beside the picture ('(Credit: A / Grist)',
  'Caption text. | © Agency/Getty Images', 'Fot. Name / Agencja Gazeta'), or a figure's
  caption opened by its label ('Abbildung: …', 'Figure 2. …');
- a press release's contact block at the very end: short lines (paragraphs or list
  entries) with an e-mail address or a phone number, and the label above them
  ('Kontakt:'); a last short block giving an e-mail address, even as a sentence;
- a closing 'last modified' line: a short line with a date in it, and no sentence,
  or an agency's sign ('aja/PAP'), as the last block (the top of an HTML article has
  its own date-line rule in `html/tidy.py`); then a last paragraph opening with the
  byline's name, the author's biography;
- a blog's closing line about the post ('This entry was posted in …', 'Dieser Eintrag
  wurde veröffentlicht in …'), and the author's box and comments after it.

Shape rules with no fitted parameters, kept only because neither site half of
either data set lost by them (figures: docs/benchmarks.md, "Extraction rules and
thresholds").
"""

from __future__ import annotations

import re

from narrate.core.models import Block, Dropped
from narrate.text.extract.dates import has_date
from narrate.text.extract.words import CJK, word_count

# '(Jane Roe / AFP via Getty Images)', 'Photo: Jane Roe', 'Foto: ...', '© Reuters', 'Credit: ...',
# 'Fot. Jan Nowak / Agencja Gazeta', 'A caption. | © Agency' (a credit of up to six words
# closing the line; 'Lego© feiert ... in Billund' is a sentence), 'A caption. Foto: Name/dpa'
# (a label and up to six words after a sentence's end: a caption closed by its credit;
# page copies' cross-validated phrases A 0.8803 -> 0.8823, B and dev unchanged, HTML
# unchanged; docs/benchmarks.md, thresholds).
# Page copies' line rules (`pagecopy/rules.py`) ask it of every line too. Stock picture
# sites name themselves in their credits in every language ('Bild von … auf Pixabay').
CREDIT = re.compile(
    r"\((?:[^()]{2,60}/[^()]{2,60}|[^()]*(?:getty|reuters|\bafp\b|\bap\b|\bepa\b|shutterstock|"
    r"istock|foto|photo|image|imagem|credit)[^()]*)\)\s*$"
    r"|^(?:photo|foto|image|imagem|imagen|picture|credit|crédit|crédito|fonte|source|bild|사진|写真"
    r"|фото)s?(?:\s+\w+)?\s*[:|]"
    r"|(?:^\.|[.!?…])\s*(?:photo|foto|image|imagem|imagen|picture|credit|crédit|crédito|bild"
    r"|사진|写真|фото)s?\s*:\s*\S+(?:\s+\S+){0,5}$"
    r"|^fot\.\s"
    r"|^©|\bcopyright\b|\(©|©\s*[^\s.!?。！？]+(?:\s+[^\s.!?。！？]+){0,5}\s*$"
    r"|\b(?:getty images|shutterstock|istockphoto|pixabay|unsplash|pexels|adobe stock"
    r"|depositphotos|dreamstime|123rf|fotolia|alamy)\b"
    r"|^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b",
    re.IGNORECASE,
)
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
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
_DATELINE_MAX_WORDS = 14
# A sentence ends with a full stop of any script, maybe inside closing quotes or
# brackets, or with a closing quotation ('... sagte sie: „Wir bleiben.“').
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'“”‘’»«」』)\]]*\s*$|[\"“”»«」』]\s*$")


def drop_notes(
    blocks: list[Block], fixed: frozenset[int] = frozenset(), byline: str | None = None
) -> tuple[list[Block], list[Dropped]]:
    """The article without its credit lines, closing contact block, closing date line and,
    with the page's `byline`, a closing biography of its author (`is_author_bio`); a
    blog's closing post line and all after it first (`is_post_meta`).

    `fixed`: indexes of blocks that are never notes (a code listing's lines); a
    closing run of contact or date lines stops at them.
    """
    end = _post_meta_start(blocks, fixed)
    after = [Dropped(b.text, POST_META) for b in blocks[end:]]
    blocks = blocks[:end]
    credits = {i for i, b in enumerate(blocks) if i not in fixed and is_credit(b)}
    if len(credits) == len(blocks) and not all(_is_notice(blocks[i].text) for i in credits):
        credits = set()  # an article is never only credits: a short one reads as one
    kept = [(b, i in fixed) for i, b in enumerate(blocks) if i not in credits]
    dropped = [Dropped(blocks[i].text, "caption") for i in sorted(credits)]
    cut = _contact_start(kept)
    dropped.extend(Dropped(b.text, "contact") for b, _ in kept[cut:])
    kept = kept[:cut]
    while len(kept) > 1 and not kept[-1][1] and _is_closing_byline(kept[-1][0]):
        dropped.append(Dropped(kept.pop()[0].text, "byline"))
    if len(kept) > 1 and is_author_bio(kept[-1][0], byline):
        dropped.append(Dropped(kept.pop()[0].text, "author-bio"))
    return [b for b, _ in kept], dropped + after


POST_META = "post-meta"
# A blog's closing line about the post, in the words its software writes in each language
# ('This entry was posted in News and tagged … by Ana. Bookmark the permalink.', 'Dieser
# Eintrag wurde veröffentlicht in …'): the end of the post; what follows it is the
# author's box and the comments. Phrases: copies B 0.931 -> 0.933, HTML B 0.948 -> 0.949,
# A and dev unchanged (docs/benchmarks.md, thresholds).
_POSTED = re.compile(
    r"^(?:this entry was posted|dieser eintrag wurde (?:ver[öo]ffentlicht|geschrieben)"
    r"|ce billet a été publié|cette entrée a été publiée|esta entrada fue publicada"
    r"|questa voce è stata pubblicata|este post foi publicado|esta entrada foi publicada"
    r"|deze (?:post|entry|bericht) (?:is|werd) geplaatst)\b"
    r"|\b(?:permalink|permanentlink|permalien|enlace permanente)\.?\s*$",
    re.IGNORECASE,
)


_POST_META_MAX_WORDS = 60


def is_post_meta(block: Block) -> bool:
    """A blog's 'This entry was posted in …' line (`_POSTED`)."""
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and _words(text) <= _POST_META_MAX_WORDS
        and bool(_POSTED.search(text))
    )


def _post_meta_start(blocks: list[Block], fixed: frozenset[int]) -> int:
    """Where the blog's closing post line is (never the first block), else the end."""
    found = (i for i, b in enumerate(blocks) if i > 0 and i not in fixed and is_post_meta(b))
    return next(found, len(blocks))


def is_credit(block: Block) -> bool:
    """A photo credit: a short paragraph with the shape of one (`CREDIT`) that is not a
    sentence ('Getty Images sold its video arm.' is news, not a credit); or a figure's
    caption opened by its label (`_FIGURE_LABEL`), sentence or not."""
    text = block.text.strip()
    if block.kind != "paragraph" or _words(text) > _CREDIT_MAX_WORDS:
        return False
    if _is_notice(text) or _FIGURE_LABEL.match(text):
        return True
    return bool(CREDIT.search(text)) and not _SENTENCE_END.search(text)


# A figure's caption opens with the figure's label, its number, and a colon or stop
# ('Abbildung: Vergleich …', 'Figure 2. The snow mask …', 'Рис. 3 —'), sentence or not.
_FIGURE_LABEL = re.compile(
    r"^(?:abbildung|abb|figure|fig|figura|afbeelding|rycina|ryc|рисунок|рис|图|圖)\.?\s*"
    r"(?:\d+[a-z]?\s*[:.|—–\-：．]|[:|—–\-：])\s*\S",  # 'Fig. 3 shows ...' is a sentence
    re.IGNORECASE,
)


def _is_notice(text: str) -> bool:
    """A copyright notice ('© Zeitung GmbH 2020. Alle Rechte vorbehalten.'), sentence or not."""
    return text.lstrip().startswith("©")


def is_dateline(text: str) -> bool:
    """A short line with a date, a time or a year and no sentence in it ('22/10/2010 às 20:13')."""
    return (
        _words(text) <= _DATELINE_MAX_WORDS
        and bool(_TIME.search(text))
        and not _SENTENCE_END.search(text)
    )


# An agency's and an editor's initials closing a news item ('aja/PAP', 'dpa/lno',
# 'iStock/cjp'): words of letters joined by slashes, nothing else (docs/benchmarks.md).
_SIGN = re.compile(r"^\(?[^\W\d_]{1,12}(?:\s?/\s?[^\W\d_]{1,12}){1,3}\)?$")


def _is_closing_byline(block: Block) -> bool:
    """A closing date line, or an agency's sign."""
    return is_closing_date(block) or (
        block.kind == "paragraph" and bool(_SIGN.match(block.text.strip()))
    )


def is_closing_date(block: Block) -> bool:
    """A date line closing the article ('Letzte Änderung 14.02.2019'): a whole date or a
    time, not a year alone ('Die Arbeiten beginnen im Herbst 2026 (wenn ...)' is text)."""
    text = block.text
    return (
        block.kind == "paragraph"
        and is_dateline(text)
        and (has_date(text) or bool(_CLOCK.search(text)))
    )


# A download link's label: a short line giving a file's size, in units that hold in every
# language ('38 KB', '2,5 MB', '300 Ko'), with the file's format or a download word beside
# it ('Informationsschreiben vom 14. Oktober 2021PDF | 38 KB', 'Download: mp3 (30 MB)',
# '(PDF, 298KB)'); a product's size alone ('Galaxy S24 Ultra (256 GB)') is no file. HTML
# pages and page copies ask it (phrases A 0.949 -> 0.950, CV A 0.942 -> 0.943, B and dev
# held; docs/benchmarks.md, thresholds).
_DOWNLOAD_MAX_WORDS = 15
_FILE_SIZE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:[kKMG]i?B|[KMG]o)(?![\w’'])")
_DOCUMENTS = ("pdf", "docx?", "xlsx?", "pptx?", "odt", "ods", "epub", "zip")
_RECORDINGS = ("mp3", "mp4", "m4a", "opus", "ogg")
_DOWNLOADS = (
    r"download\w*",
    "herunterladen",
    "télécharger",
    "descargar",
    "scarica",
    "baixar",
    "pobierz",
)
_FILE_FORMATS = (*_DOCUMENTS, *_RECORDINGS, *_DOWNLOADS)
_FILE_FORMAT = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(_FILE_FORMATS)})(?![^\W\d_])", re.I)


def is_download(text: str) -> bool:
    """A download link's label: short, with a file's size and its format (`_FILE_SIZE`)."""
    if word_count(text) > _DOWNLOAD_MAX_WORDS or not _FILE_SIZE.search(text):
        return False
    return bool(_FILE_FORMAT.search(text))


def _words(text: str) -> int:
    """Words between spaces; Chinese and Japanese write without them (a whole sentence
    is one 'word'), so their characters count, about two to a word.

    Not words.word_count: that splits '17.08.2007' and 'page.html' into several words,
    and a date line or a post's meta line is mostly such tokens. The bounds here were
    measured with this count; with word_count two dev-phrases pages read such a line."""
    return len(text.split()) + len(CJK.findall(text)) // 2


def _is_contact_line(block: Block, fixed: bool) -> bool:
    text = block.text.rstrip()
    return (
        not fixed
        and block.kind in ("paragraph", "list_item")
        and _words(text) <= _CONTACT_MAX_WORDS
        and not _SENTENCE_END.search(text)
    )


def _contact_start(blocks: list[tuple[Block, bool]]) -> int:
    """Where the closing contact block starts (len(blocks) when there is none).

    The last few short lines (names, addresses, numbers) count when one of them
    holds an e-mail address or a phone number; a short label ending in ':' right
    above them goes with them.
    Something must be left above: an article that is all contact lines stays.
    """
    start = len(blocks)
    if start > 1 and _is_closing_address(*blocks[-1]):
        start -= 1
    while (
        start > 0
        and len(blocks) - start < _CONTACT_MAX_LINES
        and _is_contact_line(*blocks[start - 1])
    ):
        start -= 1
    tail = [b for b, _ in blocks[start:]]
    if not any(_EMAIL.search(b.text) or _PHONE.search(b.text) for b in tail):
        return len(blocks)
    if start > 0 and _is_label(*blocks[start - 1]):
        start -= 1
    return start if start > 0 else len(blocks)


def _is_closing_address(block: Block, fixed: bool) -> bool:
    """The article's last block, short and giving an e-mail address, sentence or not:
    the page asking its readers to write ('Submit a letter to the editor or write to
    letters@example.com.', 'Email the author at ...'); the story's own sentences about
    an address come before its end (docs/benchmarks.md, thresholds)."""
    text = block.text.strip()
    return (
        not fixed
        and block.kind in ("paragraph", "list_item")
        and _words(text) <= _CONTACT_MAX_WORDS
        and bool(_EMAIL.search(text))
    )


def _is_label(block: Block, fixed: bool) -> bool:
    text = block.text.strip()
    return not fixed and text.endswith(":") and len(text.split()) <= _LABEL_MAX_WORDS


_BIO_MAX_WORDS = 80


def is_author_bio(block: Block, byline: str | None) -> bool:
    """A paragraph opening with the byline's name, as the last one: the author's biography
    ('Jane Roe is a professor at …'), in any language the byline is found in."""
    if not byline or block.kind != "paragraph" or _words(block.text) > _BIO_MAX_WORDS:
        return False
    return block.text.casefold().startswith(byline.casefold() + " ")
