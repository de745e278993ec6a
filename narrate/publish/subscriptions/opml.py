"""OPML subscription lists (what feed readers export) -> the feeds they name.

Every `<outline xmlUrl=...>` at any depth is a feed (folders are outlines
without one); one that is not http(s) (a file:// URL) is listed too, for
`subscribe` to refuse by name. Parsed with lxml without entities or network access: an OPML
file comes from elsewhere and must not make narrate read local files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from narrate.core.errors import InputError


@dataclass(frozen=True, slots=True)
class Outline:
    url: str
    title: str | None


def looks_like_opml(path: Path) -> bool:
    """True for a file that claims to be OPML (by name, or its root element)."""
    if path.suffix.lower() == ".opml":
        return True
    try:
        head = path.read_bytes()[:2048].lower()
    except OSError:
        return False
    return b"<opml" in head


def read_opml(path: Path) -> list[Outline]:
    """The feeds an OPML file lists, in order, each once; InputError when it is not OPML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as exc:
        raise InputError(f"cannot read {path}", "check the path") from exc
    except etree.XMLSyntaxError as exc:
        reason = " ".join(str(exc).split())  # lxml's message may span lines
        raise InputError(f"{path} is not well-formed OPML: {reason}", "export it again") from exc
    if etree.QName(root).localname.lower() != "opml":
        raise InputError(f"{path} is not an OPML file", "export the subscriptions as OPML")
    found: dict[str, Outline] = {}
    for outline in root.iter("{*}outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in found:  # subscribe() refuses what is not http(s), and says so
            title = outline.get("title") or outline.get("text")
            found[url] = Outline(url, title.strip() if title else None)
    return list(found.values())
