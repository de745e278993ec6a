"""An e-mail message (a newsletter, usually) -> Article.

The standard library's `email` parses the message (MIME structure, transfer
encodings, charsets, encoded words in headers). The HTML part, else the plain
text part, is the page and goes through the same extractor as any page: a
newsletter's apparatus (view-in-browser link, sponsor box, share buttons,
social icons, unsubscribe footer, tracking pixel) is dropped by its shape,
with its reason. The headers give what the page does not: Subject is the
title, the sender's display name the byline (never the address: it is not
read aloud), Date the date. A short note in which the page extractor finds no
article (it refuses pages without a body of prose) is read whole, less its
apparatus.
"""

from __future__ import annotations

import dataclasses
import html
import re
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from narrate.core.errors import NoArticleError
from narrate.core.models import Article, Block, BlockKind, Document, Dropped, MediaType
from narrate.text.extract.html.dom import RawBlock, parse_html, strip_unread, walk_blocks
from narrate.text.extract.html.extract import extract_html
from narrate.text.extract.mail.apparatus import drop_apparatus, unsubscribe_links
from narrate.text.extract.mail.forward import forwarded
from narrate.text.extract.mail.plain import plain_paragraphs
from narrate.text.extract.pagecopy.extract import extract_text
from narrate.text.load import decode, plain_text

_READABLE = ("html", "plain")
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|tr|li|h\d)>", re.I)
_TAG = re.compile(r"<[^>]*>")
# A headline that opens the Subject ('Title — Letter #41') is the title, when this long.
_TITLE_PREFIX = 12


def extract_email(doc: Document) -> Article:
    """The article a message carries, titled by its Subject, signed by its sender's name."""
    message = BytesParser(policy=policy.default).parsebytes(doc.data)
    assert isinstance(message, EmailMessage)  # the default policy's message class
    found = _readable_part(message)
    if found is None:
        raise NoArticleError(
            f"{doc.source} is an e-mail with no readable part (no HTML or text in it)",
            "is the newsletter in an attachment? save that and narrate it",
        )
    message, part = found  # a letter forwarded as an attachment speaks for itself
    subtype = part.get_content_subtype()
    content, signature = _content(part), list[Dropped]()
    if subtype != "html":
        content, signature = plain_paragraphs(content)
    page = Document(doc.source, plain_text(content), _media(subtype), "utf-8")
    article = extract_html(page) if page.media_type == "html" else extract_text(page)
    if page.media_type == "html" and not article.blocks:
        article = dataclasses.replace(article, blocks=every_block(page.text), dropped=())
    subject, sender = _header(message, "subject"), _sender_name(_header(message, "from"))
    forward = forwarded(subject, _quoted_header_text(message, content))
    if forward is not None:  # forwarded inline: the letter's own subject and sender
        subject, sender = forward
    title = subject or article.title
    blocks, dropped = list(article.blocks), [*article.dropped, *signature]
    if page.media_type == "html":
        unsubscribe = unsubscribe_links(_header(message, "list-unsubscribe"))
        blocks, dropped = drop_apparatus(blocks, dropped, page.text, unsubscribe)
    while blocks and _same(blocks[0].text, title):  # the headline repeats the Subject
        dropped.insert(0, Dropped(blocks.pop(0).text, "title"))
    return dataclasses.replace(
        article,
        title=title,
        byline=sender or article.byline,
        published=_date(_header(message, "date")) or article.published,
        language=article.language or _header(message, "content-language"),
        blocks=tuple(blocks),
        dropped=tuple(dropped),
    )


def every_block(html: str) -> tuple[Block, ...]:
    """Every visible block of a message's HTML: a short note has no container of prose for
    the page extractor to find, and a message's body is the sender's text."""
    root = parse_html(html)
    if root is None:
        return ()
    strip_unread(root)
    raw: list[RawBlock] = []
    walk_blocks(root, raw)
    kinds: dict[str, BlockKind] = {"h1": "heading", "heading": "heading", "quote": "quote"}
    kinds["list_item"] = "list_item"
    return tuple(Block(kinds.get(b.kind, "paragraph"), b.text) for b in raw if b.text)


def _readable_part(message: EmailMessage) -> tuple[EmailMessage, EmailMessage] | None:
    """(the message whose header speaks for it, the HTML body, else the plain one); a
    message forwarded as an attachment is looked into when the outer message has no body
    of its own."""
    body = message.get_body(preferencelist=_READABLE)
    if isinstance(body, EmailMessage) and _content(body).strip():
        return message, body
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload(0) if part.is_multipart() else None
            if isinstance(inner, EmailMessage):
                return _readable_part(inner)
    return None


def _quoted_header_text(message: EmailMessage, content: str) -> str:
    """The text in which a forward quotes the letter's header: the plain part and the
    HTML's text with its line breaks."""
    plain = message.get_body(preferencelist=("plain",))
    text = _content(plain) if isinstance(plain, EmailMessage) else ""
    return text + "\n" + html.unescape(_TAG.sub("", _BREAK.sub("\n", content)))


def _content(part: Message) -> str:
    """The part's text, decoded as a page is (`load.decode`): its declared charset when
    that decodes it, else the page's own <meta> charset, UTF-8 or the detected one; a
    wrong or missing declaration is common in mail."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    declared = part.get("content-type")
    text, _ = decode(payload, str(declared) if declared else None, "the message")
    return text


def _media(subtype: str) -> MediaType:
    return "html" if subtype == "html" else "text"


def _header(message: EmailMessage, name: str) -> str | None:
    """A header's decoded value, whitespace squashed; None when absent or unreadable."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        return None  # a malformed header the parser could not model
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _sender_name(sender: str | None) -> str | None:
    """The display name of `Name <address>`; None when there is only an address."""
    if not sender:
        return None
    name, address = parseaddr(sender)
    name = " ".join(name.strip("\"' ").split())
    return name if name and "@" not in name and name != address else None


def _date(value: str | None) -> str | None:
    """The Date header as an ISO 8601 date and time; None when it is not a date."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _same(a: str, b: str) -> bool:
    letters = ["".join(ch for ch in s.lower() if ch.isalnum()) for s in (a, b)]
    prefix = len(letters[0]) >= _TITLE_PREFIX and letters[1].startswith(letters[0])
    return bool(letters[0]) and (letters[0] == letters[1] or prefix)
