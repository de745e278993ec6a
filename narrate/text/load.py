"""Load an article: a file path, an http(s) URL or "-" (stdin) -> Document.

Downloads go through narrate/text/fetch.py. Pages are decoded with the
charset they declare (HTTP header, BOM, <meta charset>) or, failing that, the
one charset-normalizer detects, and only then recognised as HTML by their
content, not only their extension (a UTF-16 page is markup only once decoded).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from narrate.core.errors import InputError
from narrate.core.models import Document, MediaType
from narrate.core.sources import urls_in
from narrate.core.storage import StorageOptions, is_store_url, open_store, split
from narrate.text import mbox
from narrate.text.charsets import single_byte_choice
from narrate.text.fetch import MAX_BYTES, fetch
from narrate.text.kinds import (
    BOOK_MAX_BYTES,
    binary_kind,
    is_book_sized,
    is_mail,
    is_markdown,
    is_mbox,
)

_HTML_MARKERS = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p|meta)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def load(source: str, stdin: BinaryIO | None = None, storage: StorageOptions = ()) -> Document:
    """Read `source` and decode it; raise InputError with a hint when that fails.

    A store URL (s3://bucket/page.html) is read from the store with `storage`'s options.
    """
    if source == "-":
        if stdin is None:
            raise InputError("no standard input to read", "pipe a page into `narrate ... -`")
        if stdin.isatty():  # it would wait for a page typed in, without a word
            raise InputError("- reads a page piped in", "narrate ... - < page.html")
        return _document(source, stdin.read(MAX_BYTES + 1), url=None, content_type=None)
    if is_store_url(source):
        return _document(source, read_stored(source, storage), url=None, content_type=None)
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        raw, content_type, final_url = fetch(source)
        return _document(source, raw, url=final_url, content_type=content_type)
    raw = read_source(source)
    if Path(source).suffix.lower() == ".url":
        return load(_the_url(source, raw), stdin, storage)
    return _document(source, raw, url=None, content_type=None)


def _the_url(source: str, raw: bytes) -> str:
    """The one URL a .url file (an internet shortcut, or a URL a line) holds."""
    urls = urls_in(raw, ".url") or []
    if len(urls) == 1:
        return urls[0]
    if urls:
        raise InputError(
            f"{source} lists {len(urls)} URLs", "narrate a folder of .url files with narrate batch"
        )
    raise InputError(f"{source} holds no http(s) URL", "a .url file holds URLs, one a line")


def read_source(source: str) -> bytes:
    """The bytes of a local source: a file, or one message of a mailbox named `BOX.mbox#N`."""
    named = None if Path(source).exists() else mbox.member(source)
    if named is not None:
        return mbox.message(*named)
    return read_file(Path(source))


def read_stored(source: str, storage: StorageOptions) -> bytes:
    """The bytes of a page in a store, capped as read_file caps a file's."""
    folder, name = split(source)
    store = open_store(folder, storage)
    data = store.read_bytes(name, MAX_BYTES + 1)
    if len(data) > MAX_BYTES and is_book_sized(data):
        data = store.read_bytes(name, BOOK_MAX_BYTES + 1)
    return data


def document_from_bytes(
    source: str, raw: bytes, url: str | None = None, content_type: str | None = None
) -> Document:
    """Decode a page already in memory (fetched elsewhere, or a feed item's text) as load does."""
    return _document(source, raw, url=url, content_type=content_type)


def read_file(path: Path) -> bytes:
    """The bytes of a page file (at most MAX_BYTES + 1, a PDF or EPUB up to BOOK_MAX_BYTES + 1);
    InputError with a hint if unreadable."""
    if not path.exists():
        if path.is_symlink():
            raise InputError(f"{path} is a link to nothing (a loop, or a file gone)", "check it")
        raise InputError(f"no such file: {path}", "check the path")
    if path.is_dir():
        raise InputError(f"{path} is a folder", "use `narrate batch` for folders")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES and is_book_sized(data):
                data += handle.read(BOOK_MAX_BYTES - len(data) + 1)
            return data
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "check its permissions") from exc


def _document(source: str, raw: bytes, url: str | None, content_type: str | None) -> Document:
    limit = BOOK_MAX_BYTES if is_book_sized(raw) else MAX_BYTES
    if len(raw) > limit:
        raise InputError(f"{source} is larger than {limit // 2**20} MB", "is it an article?")
    if not raw.strip():
        raise InputError(f"{source} is empty", "give a saved page, a text copy or a URL")
    kind = _bytes_kind(source, raw)
    if kind is not None:
        return Document(source, "", kind, "binary", url, raw)
    has_bom = any(raw.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and (wide := _utf16_order(raw[:8192])) is not None:
        raw, has_bom = wide + raw, True  # saved as UTF-16 without its mark: given it
    if not has_bom and _nuls(raw[:8192]):
        raise InputError(f"{source} is not text (a binary file?)", "give an HTML or text page")
    text, charset = decode(raw, content_type, source)
    if looks_binary(text):
        raise InputError(f"{source} is not text (a binary file?)", "give an HTML or text page")
    text = plain_text(text)
    return Document(source, text, detect_media_type(text, source, content_type), charset, url)


def _bytes_kind(source: str, raw: bytes) -> MediaType | None:
    """PDF and EPUB by their magic bytes, an e-mail (or an mbox of one) by its header block:
    the kinds read from bytes rather than decoded text (text/kinds.py)."""
    kind = binary_kind(raw, source)
    if kind is not None:
        return kind
    if is_mbox(raw):
        count = mbox.count_in_bytes(raw)
        if count > 1:
            hint = f"narrate each with `narrate batch`, or one as {source}#1"
            if source == "-":  # standard input has no #N
                hint = "save it as BOX.mbox, then narrate one as BOX.mbox#1, or all with batch"
            raise InputError(f"{source} is a mailbox of {count} messages", hint)
        return "email"
    return "email" if is_mail(raw) else None


def detect_media_type(text: str, source: str, content_type: str | None) -> MediaType:
    """HTML when the decoded content looks like markup, whatever the file is called;
    Markdown by its name, media type or marks (text/kinds.py); else a page copy."""
    if content_type and "html" in content_type.lower():
        return "html"
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<") and _HTML_MARKERS.search(head):
        return "html"
    if source.lower().endswith((".html", ".htm", ".xhtml")) and _HTML_MARKERS.search(text[:65536]):
        return "html"
    return "markdown" if is_markdown(text, source, content_type) else "text"


def decode(raw: bytes, content_type: str | None, source: str) -> tuple[str, str]:
    """Decode with the declared charset, else a BOM, else UTF-8, else a detected one."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace"), name
    declared = _declared_charset(raw, content_type)
    if declared:
        try:
            return raw.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"cannot tell the text encoding of {source}", "save the page as UTF-8 and try again"
        )
    encoding = single_byte_choice(raw[:200_000], best.encoding)
    return raw.decode(encoding, errors="replace"), encoding


def _declared_charset(raw: bytes, content_type: str | None) -> str | None:
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            return match.group(1).lower()
    meta = _META_CHARSET.search(raw[:8192])
    return meta.group(1).decode("ascii", "replace").lower() if meta else None


_PAGE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
# Characters a browser does not show that split words for every later step and for the
# speech engine ('Mit\xadtel\xadal\xadter'): a soft hyphen (a hyphenation hint in long
# German words), a zero-width space, a word joiner. Also removed from HTML text,
# where they come as entities (`html/dom.squash`).
INVISIBLE_CHARS = "\u00ad\u200b\u2060"
_CONTROLS = re.compile(f"[\x00-\x08\x0e-\x1f\ufffe\uffff{INVISIBLE_CHARS}]")


def without_controls(text: str) -> str:
    """Text without the control characters no page means (XML refuses them: lxml raises)
    and the invisible ones that split words (soft hyphens, zero-width spaces); vertical
    tabs and form feeds become line breaks."""
    return _CONTROLS.sub("", text.translate(_PAGE_BREAKS))


def plain_text(text: str) -> str:
    """Decoded text as every later step takes it: without controls (`without_controls`),
    its letters composed (Unicode NFC).

    Some pages store letters decomposed ('u' followed by U+0308 for 'ü', as macOS and some
    editors write them). A browser shows the same word, but a lexicon entry, a search or a
    phrase typed by a person holds the composed letter and would not match it.
    """
    text = without_controls(text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_WIDE_SHARE = 0.4  # of the high or low bytes NUL: text of mostly Latin letters in UTF-16


def _utf16_order(sample: bytes) -> bytes | None:
    """The BOM of the UTF-16 `sample` is in when it carries none (Windows' 'Unicode' text
    saved without it): one byte of each pair NUL for Latin letters, the other never."""
    low, high = sample[0::2], sample[1::2]
    if len(high) < 8:
        return None
    if high.count(0) > _WIDE_SHARE * len(high) and low.count(0) == 0:
        return codecs.BOM_UTF16_LE
    if low.count(0) > _WIDE_SHARE * len(low) and high.count(0) == 0:
        return codecs.BOM_UTF16_BE
    return None


def _nuls(sample: bytes | str) -> bool:
    """More NULs than a stray one or two: binary data (or UTF-16 without its BOM).

    A text page holds none, but one in an otherwise textual page (a bad copy) is
    removed with the other controls; random bytes have one in 256.
    """
    nul = "\x00" if isinstance(sample, str) else b"\x00"
    return sample.count(nul) > max(1, len(sample) // 1000)  # type: ignore[arg-type]


def looks_binary(text: str) -> bool:
    """True when the decoded text is mostly control characters, or has NULs in numbers."""
    sample = text[:8192]
    if _nuls(sample):
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    replaced = sample.count("\ufffd")
    return (controls + replaced) > 0.05 * max(len(sample), 1)
