"""Markdown -> Article: headings as chapters, links read as their text, code as code.

markdown-it-py parses CommonMark (and GFM tables) into a token stream, each
block token with its nesting, so the blocks come straight from the structure:
no boilerplate to find in one's own notes. The title is the front matter's
`title`, else a first-level heading that opens the text, else the file's name;
`author`, `date` and `lang` in the front matter give the byline, date and
language. A fenced or indented code listing is read line by line, as a
listing in a web article is, and left out past `html/second.CODE_MAX_LINES`
lines; images, raw HTML tags and footnote markers are not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml.html import HtmlElement
from markdown_it import MarkdownIt
from markdown_it.token import Token

from narrate.core.models import Article, Block, BlockKind, Document, Dropped
from narrate.text.extract.html.dom import parse_html, squash, strip_unread
from narrate.text.extract.html.second import CODE_MAX_LINES

UNTITLED = "Untitled"
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FIELD = re.compile(r"^(\w[\w-]*)\s*[:=]\s*(.+?)\s*$", re.M)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:")
_PARSER = MarkdownIt("commonmark").enable("table")


def extract_markdown(doc: Document) -> Article:
    """The title, front matter fields and body blocks of a Markdown text."""
    fields, text = front_matter(doc.text)
    blocks, dropped, opens_with_h1 = _blocks(_PARSER.parse(text))
    title = fields.get("title")
    if title is None and opens_with_h1:
        title = blocks.pop(0).text
        dropped.insert(0, Dropped(title, "title"))
    if title is None:
        title = _title_from_name(doc.source)
    return Article(
        title=title,
        blocks=tuple(blocks),
        byline=fields.get("author"),
        source=doc.source,
        published=fields.get("date"),
        language=fields.get("lang") or fields.get("language"),
        dropped=tuple(dropped),
    )


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The simple `key: value` fields of a YAML (or TOML) front matter, and the text after it."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        return {}, text
    fields = {
        key.lower(): value.strip("\"'")
        for key, value in _FIELD.findall(match.group(1))
        if value.strip("\"'")
    }
    return fields, text.lstrip("\ufeff")[match.end() :]


def _blocks(tokens: list[Token]) -> tuple[list[Block], list[Dropped], bool]:
    """Blocks in reading order (the kind of a paragraph comes from what it is inside), and
    whether the first of them is a first-level heading."""
    opens_with_h1 = bool(tokens) and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    inside: list[str] = []  # open containers: "list_item", "blockquote", "table", "heading"
    row: list[str] = []
    for token in tokens:
        kind = token.type
        if kind.endswith("_open"):
            inside.append(kind.removesuffix("_open"))
            if kind == "tr_open":
                row = []
        elif kind.endswith("_close"):
            inside.pop()
            if kind == "tr_close" and any(row):
                blocks.append(Block("paragraph", " ".join(c for c in row if c)))
        elif kind == "inline":
            text = _inline(token)
            if "th" in inside or "td" in inside:
                row.append(text)
            elif _FOOTNOTE_DEFINITION.match(token.content):
                note = _FOOTNOTE_DEFINITION.sub("", token.content)
                dropped.append(Dropped(" ".join(note.split()), "footnote"))
            elif text:
                blocks.append(Block(_kind(inside), text))
        elif kind in ("fence", "code_block"):
            _code(token.content, blocks, dropped)
        elif kind == "html_block":
            _html(token.content, blocks, _kind(inside))
    return blocks, dropped, opens_with_h1 and bool(blocks) and blocks[0].kind == "heading"


def _kind(inside: list[str]) -> BlockKind:
    if "heading" in inside:
        return "heading"
    if "list_item" in inside:
        return "list_item"
    if "blockquote" in inside:
        return "quote"
    return "paragraph"


def _inline(token: Token) -> str:
    """An inline run as read: text, code spans and link texts; no images, tags or markers."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join(_FOOTNOTE_MARK.sub("", "".join(parts)).split())


def _code(content: str, blocks: list[Block], dropped: list[Dropped]) -> None:
    """A listing read one line a block, as `html/dom.walk_blocks` reads <pre>; a long one
    is left out."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    if len(lines) > CODE_MAX_LINES:
        dropped.append(Dropped("\n".join(lines), "code"))
        return
    blocks.extend(Block("paragraph", line) for line in lines)


def _html(content: str, blocks: list[Block], kind: BlockKind) -> None:
    """Raw HTML inside Markdown: its visible text, if any (a comment or a tag alone has none)."""
    root: HtmlElement | None = parse_html(content)
    if root is not None:
        strip_unread(root)
    text = squash(root.text_content()) if root is not None else ""
    if text:
        blocks.append(Block(kind, text))


def _title_from_name(source: str) -> str:
    if source == "-" or "://" in source:
        return UNTITLED
    stem = Path(source).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else UNTITLED
