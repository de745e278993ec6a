"""The reference-heavy pages: encyclopedias, wikis and documentation, HTML and page copies.

    .venv/bin/python benchmarks/reference_pages.py [--show]

Nine pages written for the tests in the shape of real ones (tests/text/extract/data/
reference: English, German, French, Spanish (a list article), Russian and Chinese
Wikipedia; a Fandom-style wiki; a Baidu-Baike-like page; a documentation page), each as
HTML and as the page copy benchmarks/page_copy.py makes of it. index.json lists for each
the title, phrases of the prose that must be read, and, by kind, phrases of the apparatus
that must not (references, 'Retrieved' lines, bibliographies, see-also and external
links, edit links, citation markers, contents, navigation boxes, coordinates, infoboxes,
taglines, bylines, the headings over them). Printed: phrase F1 as score_phrases.py
computes it (title included in what is read), the pages with every phrase right, the
titles right, and every apparatus phrase read, by kind. `make bench-extract` prints it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from narrate.core.errors import NarrateError
from narrate.core.models import Document, MediaType
from narrate.text.extract import extract

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "text" / "extract" / "data" / "reference"


@dataclass(frozen=True, slots=True)
class ReferencePage:
    pid: str
    url: str
    kind: str
    title: str
    with_: tuple[str, ...]
    apparatus: dict[str, tuple[str, ...]]

    @property
    def without(self) -> tuple[str, ...]:
        return tuple(p for phrases in self.apparatus.values() for p in phrases)


def load_pages(folder: Path = PAGES) -> list[ReferencePage]:
    index = json.loads((folder / "index.json").read_text("utf-8"))
    return [
        ReferencePage(
            r["id"],
            r["url"],
            r["kind"],
            r["title"],
            tuple(r["with"]),
            {k: tuple(v) for k, v in r["apparatus"].items()},
        )
        for r in index
    ]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Reading:
    title: str
    text: str  # what is read: the title and the body, one block a line


def read(page: ReferencePage, kind: MediaType, folder: Path = PAGES) -> Reading:
    suffix = ".html" if kind == "html" else ".txt"
    text = (folder / f"{page.pid}{suffix}").read_text("utf-8")
    doc = Document(f"{page.pid}{suffix}", text, kind, "utf-8", url=page.url)
    try:
        article = extract(doc)
    except NarrateError:
        return Reading("", "")
    byline = [article.byline] if article.byline else []
    parts = [article.title, *byline, *(block.text for block in article.blocks)]
    return Reading(article.title, "\n".join(parts))


def report(kind: MediaType, show: bool = False, folder: Path = PAGES) -> str:
    """One line of figures for the pages read as `kind`, and the misses when `show`."""
    tp = fn = fp = right = titles = 0
    leaks: dict[str, int] = {}
    misses: list[str] = []
    pages = load_pages(folder)
    for page in pages:
        reading = read(page, kind, folder)
        flat = norm(reading.text)
        missed = [p for p in page.with_ if norm(p) not in flat]
        leaked = [(k, p) for k, ps in page.apparatus.items() for p in ps if norm(p) in flat]
        tp, fn, fp = tp + len(page.with_) - len(missed), fn + len(missed), fp + len(leaked)
        right += not missed and not leaked
        titles += norm(reading.title) == norm(page.title)
        for apparatus_kind, _ in leaked:
            leaks[apparatus_kind] = leaks.get(apparatus_kind, 0) + 1
        if show:
            misses += [f"    {page.pid}: missed {p!r}" for p in missed]
            misses += [f"    {page.pid}: read {k} {p!r}" for k, p in leaked]
            if norm(reading.title) != norm(page.title):
                misses.append(f"    {page.pid}: title {reading.title!r}")
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * p * r / max(p + r, 1e-9)
    read_kinds = ", ".join(f"{k} {n}" for k, n in sorted(leaks.items())) or "none"
    line = (
        f"  {kind:5} F1 {f1:.3f} (P {p:.3f} R {r:.3f}) / all right {right}/{len(pages)};"
        f" titles {titles}/{len(pages)}; apparatus read: {read_kinds}"
    )
    return "\n".join([line, *misses])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    pages = load_pages()
    print(f"[reference pages] {len(pages)} pages ({PAGES.relative_to(REPO)})")
    for kind in ("html", "text"):
        print(report(kind, args.show))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
