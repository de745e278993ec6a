"""What kind of document a source is: by its content first, its name or media type second.

A PDF starts with `%PDF-`, an EPUB is a ZIP whose `mimetype` member says
`application/epub+zip`, an e-mail message opens with a block of RFC 5322
header lines (a `From:` with an address among them), an mbox opens with a
`From ` separator line followed by such a block. Markdown has no magic: a
file named `.md` (or served as `text/markdown`) is Markdown unless it is
markup, and a nameless text (stdin) is Markdown only when it carries several
of Markdown's own marks (ATX headings with fenced code or links), which page
copies do not (none of the 447 dev page copies is taken for Markdown).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from narrate.core.errors import InputError

BinaryKind = Literal["pdf", "epub"]
MAIL_SUFFIXES = (".eml",)
MBOX_SUFFIXES = (".mbox", ".mbx")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_MARKDOWN_TYPES = ("text/markdown", "text/x-markdown")
_PDF_MAGIC = b"%PDF-"
_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a]")
_ZIP_MAGIC = b"PK\x03\x04"
_EPUB_MIMETYPE = b"application/epub+zip"

# Header field names of RFC 5322 and MIME: protocol names, not words of a language.
_HEADER_NAMES = frozenset(
    {
        "from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
        "received", "return-path", "delivered-to", "reply-to", "sender", "list-unsubscribe",
        "content-transfer-encoding", "x-mailer", "dkim-signature", "list-id", "precedence",
    }
)  # fmt: skip  # a table, 19 entries packed several a line
_HEADER_LINE = re.compile(rb"^([!-9;-~]+):[ \t]?(.*)$")
_MBOX_SEPARATOR = re.compile(rb"^From \S+")
_ADDRESS = re.compile(rb"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(?<!\w)(?:\*\*|__)\S[^*\n]*\S(?:\*\*|__)(?!\w)")
# A book or a paper with its pictures is larger than any web page: PDF and EPUB files
# may be this large (a page's cap is `core.http.MAX_BYTES`).
BOOK_MAX_BYTES = 256 * 1024 * 1024
# A nameless text is Markdown with an ATX heading and this many marks in all.
_MARKDOWN_MARKS = 3


def is_book_sized(raw: bytes) -> bool:
    """True for bytes that may be a PDF or an EPUB, which may exceed a page's size cap."""
    return raw.startswith((_PDF_MAGIC, _ZIP_MAGIC))


def binary_kind(raw: bytes, source: str) -> BinaryKind | None:
    """ "pdf" or "epub" by the magic bytes; InputError for another ZIP archive."""
    if _is_pdf(raw):
        return "pdf"
    if not raw.startswith(_ZIP_MAGIC):
        return None
    # The EPUB spec puts an uncompressed `mimetype` member first; read it from the
    # archive's directory all the same, since some tools write it later.
    if raw[30:38] == b"mimetype" and raw[38:58] == _EPUB_MIMETYPE:
        return "epub"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if archive.read("mimetype").strip() == _EPUB_MIMETYPE:
                return "epub"
    except KeyError:
        pass
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(
            f"{source} is a damaged or truncated ZIP archive ({exc})", "download it again"
        ) from exc
    raise InputError(f"{source} is a ZIP archive, not an article or book", "unpack it first")


def _is_pdf(raw: bytes) -> bool:
    """`%PDF-` opening the file, or within its first kilobyte after junk that is no text
    (readers accept a binary prefix; a note or a page that mentions the header is text)."""
    at = raw.find(_PDF_MAGIC, 0, 1024)
    if at < 0:
        return False
    prefix = raw[:at]
    return not prefix.strip() or bool(_BINARY_BYTE.search(prefix))


def is_mbox(raw: bytes) -> bool:
    """An mbox: a `From ` separator line, then a message's header block."""
    first, _, rest = raw.lstrip(b"\r\n").partition(b"\n")
    return bool(_MBOX_SEPARATOR.match(first)) and is_mail(rest)


def is_mail(raw: bytes) -> bool:
    """An e-mail message: it opens with header lines (continuations allowed) up to a blank
    line, among them `From:` with an address and at least two other known fields."""
    names: set[str] = set()
    sender = False
    for line in raw.lstrip(b"\r\n")[:65536].splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            if not names:
                return False
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        name = match.group(1).decode("ascii").lower()
        names.add(name)
        sender = sender or (name == "from" and bool(_ADDRESS.search(match.group(2))))
    else:
        return False  # no blank line: no body after the header, or not a header at all
    return sender and len(names & _HEADER_NAMES) >= 3


def is_markdown(text: str, source: str, content_type: str | None) -> bool:
    """Markdown by media type or file name, else by its marks (see the module's docstring)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in _MARKDOWN_TYPES or source.lower().endswith(MARKDOWN_SUFFIXES):
        return True
    if kind and kind != "text/plain":
        return False
    headings = len(_ATX_HEADING.findall(text))
    if not headings:
        return False
    marks = headings + len(_FENCE.findall(text)) // 2 + len(_LINK.findall(text))
    marks += min(2, len(_EMPHASIS.findall(text)))
    return marks >= _MARKDOWN_MARKS
