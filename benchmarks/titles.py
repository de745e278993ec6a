"""Titles: how many pages come out 'Untitled', how many titles match the page's headline.

    .venv/bin/python benchmarks/titles.py [--data DIR] [--only dev|phrases]
        [--kind html|text] [--show N]

The reference headline of a page is read from its HTML only here, never in
narrate: og:title / twitter:title, the ld+json headline, the <title> and every
<h1> that shares a word with those, each whole and also its longest part (of
two words or more) when cut at ' | ', ' - ', ' : '
(a <title> is usually 'Headline | Site'; the shorter part, the site's name, is
not a headline). A title *matches* when, normalised (case folded, words only),
it equals one of these. *Near* counts titles that are not a match
but share at least 60 % of their words with one (a shortened or longer form of
the headline); *Untitled* counts pages whose title is the placeholder.
*The <h1> the <title> agrees with* counts, among the pages whose <h1> has all its
words in the <title>, the titles that are that <h1>: a stricter reference, since a
page's declared headline can be a description (Wikipedia's) or carry the site's name.
Figures are given for all pages and the two site halves of extraction.py.
Pages whose reference headline is nowhere in the page copy are counted apart:
no rule on the copy can find them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml.html import HtmlElement, fromstring

from benchmarks.extraction import DEFAULT_DATA, Page, dev_pages, phrase_pages, read_page
from narrate.core.errors import NarrateError
from narrate.core.models import Document, MediaType
from narrate.text.extract import extract

UNTITLED = "Untitled"
_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]\s+|\s+::\s+")
_WORD = re.compile(r"[^\W_]+")  # 'Name_Site' is two words


def norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _texts(root: HtmlElement) -> Iterable[str]:
    for xpath in (
        ".//meta[@property='og:title']",
        ".//meta[@name='og:title']",
        ".//meta[@name='twitter:title']",
        ".//meta[@property='twitter:title']",
    ):
        for el in root.iterfind(xpath):
            yield str(el.get("content") or "")
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        for match in re.finditer(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', script.text or ""):
            try:
                yield str(json.loads(f'"{match.group(1)}"'))
            except ValueError:
                continue
    for el in root.iterfind(".//title"):
        yield el.text_content()


def _headings(root: HtmlElement, declared: set[str]) -> Iterable[str]:
    """The <h1>s that share a word with the declared titles (all when none is declared):
    an <h1> reading 'Menu' or 'Sections' is no headline."""
    words = {w for text in declared for w in text.split()}
    for el in root.iterfind(".//h1"):
        text = el.text_content()
        if not words or words & set(norm(text).split()):
            yield text


def references(html: str) -> set[str]:
    """Every normalised headline the page's HTML declares, whole and cut into parts."""
    try:
        root = fromstring(html)
    except (ValueError, TypeError):
        return set()
    declared = _with_parts(_texts(root))
    found = declared | _with_parts(_headings(root, declared))
    found.discard("")
    return found


def _with_parts(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        text = " ".join(text.split())
        found.add(norm(text))
        longest = max(_SEPARATORS.split(text), key=len)
        if len(_WORD.findall(longest)) >= 2:
            found.add(norm(longest))
    return found


@dataclass(slots=True)
class Tally:
    pages: int = 0
    untitled: int = 0
    match: int = 0
    near: int = 0
    refused: int = 0
    unreachable: int = 0  # no reference headline on any line of the page copy
    named: int = 0  # pages whose <h1> and <title> agree on a name
    name_match: int = 0  # ...and the title is that name

    def row(self) -> str:
        return (
            f"{self.pages:3} pages: untitled {self.untitled:3}  match {self.match:3}"
            f"  near {self.near:3}  refused {self.refused:2}  (headline not in copy"
            f" {self.unreachable}); the <h1> the <title> agrees with:"
            f" {self.name_match}/{self.named}"
        )


def agreed_name(html: str) -> str | None:
    """The page's name where its <h1> and <title> agree (every word of the <h1> is in
    the <title>): stricter than `references`, which also takes what the page declares
    (og:title, the ld+json headline; on Wikipedia the latter is a short description)."""
    try:
        root = fromstring(html)
    except (ValueError, TypeError):
        return None
    title = " ".join(el.text_content() for el in root.iterfind(".//title"))
    words = set(norm(title).split())
    for el in root.iterfind(".//h1"):
        name = norm(el.text_content())
        if name and set(name.split()) <= words:
            return name
    return None


def _near(title: str, refs: set[str]) -> bool:
    words = set(title.split())
    return any(len(words & set(r.split())) >= 0.6 * max(len(words), len(r.split())) for r in refs)


def judge(
    title: str | None, refs: set[str], copy: str | None, tally: Tally, name: str | None = None
) -> str:
    tally.pages += 1
    if name is not None:
        tally.named += 1
        tally.name_match += title is not None and norm(title) == name
    if copy is not None:
        lines = {norm(line) for line in copy.splitlines()}
        if not refs & lines:
            tally.unreachable += 1
    if title is None:
        tally.refused += 1
        return "refused"
    if title == UNTITLED:
        tally.untitled += 1
        return "untitled"
    if norm(title) in refs:
        tally.match += 1
        return "match"
    if _near(norm(title), refs):
        tally.near += 1
        return "near"
    return "other"


def title_of(text: str, kind: MediaType, page: Page) -> str | None:
    doc = Document(source=page.pid, text=text, media_type=kind, charset="utf-8", url=page.url)
    try:
        return extract(doc).title
    except NarrateError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--only", choices=["dev", "phrases"], help="only this data set")
    parser.add_argument("--kind", choices=["html", "text"], help="only this input kind")
    parser.add_argument("--show", type=int, default=0, help="list N wrong titles per set")
    args = parser.parse_args(argv)
    sets = {"dev": ("dev", dev_pages), "phrases": ("dev-phrases", phrase_pages)}
    for name, (folder, pages_of) in sets.items():
        if args.only and name != args.only:
            continue
        if not (args.data / folder / "index.json").is_file():
            print(f"[{name}] skipped: {args.data / folder} missing")
            continue
        pages = pages_of(args.data)
        for kind, sub, suffix in (("html", "html", ".html"), ("text", "dump", ".txt")):
            if args.kind and kind != args.kind:
                continue
            tallies = {h: Tally() for h in ("all", "A", "B")}
            wrong: list[str] = []
            for page in pages:
                html = read_page(args.data / folder / "html" / f"{page.pid}.html")
                refs = references(html)
                text = read_page(args.data / folder / sub / f"{page.pid}{suffix}")
                title = title_of(text, kind, page)  # type: ignore[arg-type]
                copy = text if kind == "text" else None
                agreed = agreed_name(html)
                verdict = judge(title, refs, copy, tallies["all"], agreed)
                judge(title, refs, copy, tallies[page.half], agreed)
                if verdict in ("untitled", "other", "refused"):
                    wrong.append(f"    {verdict:8} {page.half} {page.pid[:12]:12} {title!r}")
            print(f"[{name} {kind}]")
            for half, tally in tallies.items():
                print(f"  {half:3} {tally.row()}")
            for line in wrong[: args.show]:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
