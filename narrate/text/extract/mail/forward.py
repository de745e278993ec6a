"""A forwarded newsletter's own subject and sender, from the header lines quoted in the body.

Readers forward newsletters to their inbox: the message's Subject is then the letter's
with a prefix ('Fwd: ', 'WG: ', 'TR: ', '转发：'), and its From the reader. Mail programs
quote the letter's header above it, a line per field, labelled in the reader's language
('Subject:', 'Betreff:', 'Objet :'). The labels are not read here: the block is the one
holding a line whose value is the Subject without its prefix, and the sender is the
line of that block that holds a name and an address.
"""

from __future__ import annotations

import re
from email.utils import parseaddr

# 'Fwd: ', 'Fw: ', 'WG: ', 'TR: ', 'Doorst: ', '转发：', repeated ('Fwd: Fwd: ').
_PREFIX = re.compile(r"^(?:\s*[^\W\d_]{1,8}\s?[:：]\s*)+")
_FIELD = re.compile(r"^\s*[*>]*\s*([^\W\d_][^:：]{0,24}?)\s?[:：]\s*(.+?)\s*$")
_NAMED_ADDRESS = re.compile(
    r"^[\"']?([^<>\"'@]+?)[\"']?\s*[<\[(](?:mailto:)?[^<>@\s]+@[^<>\s]+[>\])]"
)
_BLOCK_LINES = 8  # a quoted header block is this many lines at most


def forwarded(subject: str | None, body: str) -> tuple[str, str | None] | None:
    """(the letter's subject, its sender's name) when `body` quotes the header of the
    message `subject` forwards; None when it is no forward."""
    match = _PREFIX.match(subject or "")
    if match is None:
        return None
    inner = (subject or "")[match.end() :].strip()
    lines = body.splitlines()
    fields = [_FIELD.match(line) for line in lines]
    at = next((n for n, f in enumerate(fields) if f and _same(f.group(2), inner)), None)
    if at is None:
        return None
    sender = None
    for field in fields[max(0, at - _BLOCK_LINES) : at + _BLOCK_LINES]:
        named = _NAMED_ADDRESS.match(field.group(2)) if field else None
        if named is not None:
            name, _ = parseaddr(named.group(0))
            sender = " ".join((name or named.group(1)).split()) or None
            break
    return inner, sender


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
