"""Make the plain-text page copy of an HTML page, the way the shared data's copies are made.

    .venv/bin/python benchmarks/page_copy.py PAGE.html [...]   # writes PAGE.txt beside each

What a person gets by selecting a whole rendered page and copying it: the visible text
(scripts, styles, form fields, images and `hidden` / `display:none` parts left out),
navigation, captions, footers and related links kept, block elements on their own lines
and a blank line between paragraph-level blocks (as ../shared/data/dev/README.md
describes its copies). Used for the reference pages in tests/text/extract/data/reference.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

_UNSEEN = frozenset(
    {"script", "style", "noscript", "template", "head", "img", "input", "select", "textarea"}
)
# a blank line around these; a line break around other blocks
_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "hr"}
)
_LINES = frozenset(
    {"div", "li", "tr", "dt", "dd", "figcaption", "caption", "main", "body", "ul", "ol", "dl"}
    | {"table", "section", "article", "header", "footer", "nav", "aside", "form"}
)
_CELLS = frozenset({"td", "th"})
_LINE, _PARAGRAPH = "\x1e", "\x1d"  # stand-ins for a line break and a blank line


def _hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style


def _text(text: str | None, pre: bool) -> str:
    """Text as a browser lays it out: runs of white space are one space, except in <pre>."""
    if not text:
        return ""
    return text.replace("\n", _LINE) if pre else re.sub(r"\s+", " ", text)


def _walk(el: HtmlElement, out: list[str], pre: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in _UNSEEN or _hidden(el):
        out.append(_text(el.tail, pre))
        return
    inside = pre or tag == "pre"
    mark = _PARAGRAPH if tag in _PARAGRAPHS else _LINE if tag in _LINES else ""
    if tag == "br":
        out.append(_LINE)
    out.append(mark)
    out.append(_text(el.text, inside))
    for child in el:
        _walk(child, out, inside)
        if isinstance(child.tag, str) and child.tag in _CELLS:
            out.append(" ")
    out.append(mark)
    out.append(_text(el.tail, pre))


def page_copy(html: str) -> str:
    """The page copy of an HTML page."""
    root = lxml.html.document_fromstring(html.encode("utf-8"))
    out: list[str] = []
    body = root.find("body")
    _walk(body if body is not None else root, out)
    text = " ".join("".join(out).split(" "))
    # a run of breaks is a blank line when one of them is a paragraph's, else a line break
    text = re.sub(
        rf"[\s{_LINE}{_PARAGRAPH}]*[{_LINE}{_PARAGRAPH}][\s{_LINE}{_PARAGRAPH}]*", _join, text
    )
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip() + "\n"


def _join(match: re.Match[str]) -> str:
    return "\n\n" if _PARAGRAPH in match.group(0) else "\n"


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        path.with_suffix(".txt").write_text(page_copy(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
