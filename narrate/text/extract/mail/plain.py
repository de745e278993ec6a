"""A message's plain-text body as paragraphs: its hard line breaks undone, its signature off.

Mail is written with lines broken at about 72 characters (RFC 5322 asks for at most
78), so a paragraph arrives as a run of lines of nearly one width; the page-copy
extractor takes each line for a block of its own (a menu item, a title) and dropped
most of such a letter. Lines as long as the text's width, or ending in a space (the
soft breaks of `format=flowed`, RFC 3676), are joined to the next line of their
paragraph. The signature after the `-- ` line (RFC 3676, section 4.3) is not read.
"""

from __future__ import annotations

from narrate.core.models import Dropped

_SIGNATURE = "-- "
# Mail is broken at 66 to 80 characters; a longer line is an address or a paragraph
# written on one line, which says nothing about the width.
_MIN_WIDTH, _MAX_WIDTH = 60, 100
# A line this much shorter than the width may still be a broken one: the next word did
# not fit.
_SLACK = 15


def plain_paragraphs(text: str) -> tuple[str, list[Dropped]]:
    """The body with each paragraph on one line, and its signature (dropped)."""
    lines = text.splitlines()
    dropped: list[Dropped] = []
    if _SIGNATURE in lines:
        cut = len(lines) - 1 - lines[::-1].index(_SIGNATURE)
        signature = " ".join(" ".join(lines[cut + 1 :]).split())
        if signature:
            dropped.append(Dropped(signature, "signature"))
        lines = lines[:cut]
    return "\n".join(_unwrapped(lines)), dropped


def _unwrapped(lines: list[str]) -> list[str]:
    width = max((len(line) for line in lines if len(line) <= _MAX_WIDTH), default=0)
    wrapped = width >= _MIN_WIDTH
    out: list[str] = []
    joins = False
    for line in lines:
        if joins and line.strip():
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        soft = line.endswith(" ") and bool(line.strip())
        joins = soft or (wrapped and len(line.rstrip()) >= width - _SLACK)
    return out
