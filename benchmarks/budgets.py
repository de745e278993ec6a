"""The measurements behind extraction's budgets (narrate/text/extract/budget.py).

    .venv/bin/python benchmarks/budgets.py [--data DIR]      (make bench-budgets)

1. The real pages we have (../shared/data: dev and dev-phrases): the largest by
   elements (after parsing), by text blocks, and the longest page copies by
   lines, each with the time its extraction takes. The budgets must leave every
   one of them whole, so their benchmark figures cannot move.
2. Growth on real markup: the page with the most elements, its body repeated
   k times, read by trafilatura (the second opinion) and by narrate without it.
3. The hostile page: a million tiny paragraphs (9 MB), `narrate script` in a
   process of its own, time and peak memory, with the budgets as shipped.

Timings depend on the machine and on what else runs on it; run it on a quiet one.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml.html import HtmlElement

from narrate.core.errors import NarrateError
from narrate.core.models import Document
from narrate.text.extract import extract
from narrate.text.extract.budget import MAX_ELEMENTS, MAX_LINES, SECOND_OPINION_ELEMENTS
from narrate.text.extract.html import second as html_second
from narrate.text.extract.html.dom import parse_html, strip_unread, walk_blocks
from narrate.text.load import decode

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def _html(path: Path) -> str:
    return decode(path.read_bytes(), None, str(path))[0]


def _extract_ms(text: str, kind: str, second: bool = True) -> float:
    html_second.ENABLED = second
    start = time.perf_counter()
    try:
        extract(Document("page", text, kind, "utf-8", None))  # type: ignore[arg-type]
    except NarrateError:
        pass
    html_second.ENABLED = True
    return (time.perf_counter() - start) * 1000


def real_pages(data: Path) -> Path | None:
    """The largest real pages; returns the one with the most elements."""
    rows = []
    for folder in ("dev", "dev-phrases"):
        for path in sorted((data / folder / "html").glob("*.html")):
            text = _html(path)
            root = parse_html(text)
            if root is None:
                continue
            elements = sum(1 for _ in root.iter())
            strip_unread(root)
            body = root.find("body")
            blocks: list[object] = []
            walk_blocks(body if body is not None else root, blocks)  # type: ignore[arg-type]
            rows.append((elements, len(blocks), len(text), folder, path))
    print(f"HTML pages: {len(rows)}; budgets: {MAX_ELEMENTS:,} elements read, "
          f"trafilatura asked up to {SECOND_OPINION_ELEMENTS:,}")  # fmt: skip
    print("  most elements        elements  blocks  characters  extract ms  (without 2nd)")
    for elements, blocks, chars, folder, path in sorted(rows, reverse=True)[:5]:
        text = _html(path)
        with_ms, alone_ms = _extract_ms(text, "html"), _extract_ms(text, "html", False)
        print(f"  {folder:>11} {path.name[:12]:12} {elements:>6,} {blocks:>7,} {chars:>11,}"
              f" {with_ms:>11.0f} {alone_ms:>12.0f}")  # fmt: skip
    most_blocks = max(rows, key=lambda r: r[1])
    print(f"  most blocks: {most_blocks[1]:,} ({most_blocks[3]} {most_blocks[4].name[:12]})")
    copies = []
    for folder in ("dev", "dev-phrases"):
        for path in sorted((data / folder / "dump").glob("*.txt")):
            text = path.read_text("utf-8", "replace")
            copies.append((text.count("\n") + 1, folder, path, text))
    print(f"page copies: {len(copies)}; budget: {MAX_LINES:,} lines read")
    for lines, folder, path, text in sorted(copies, key=lambda c: c[0], reverse=True)[:3]:
        print(f"  {folder:>11} {path.name[:12]:12} {lines:>6,} lines  "
              f"extract {_extract_ms(text, 'text'):.0f} ms")  # fmt: skip
    return max(rows, key=lambda r: r[0])[4] if rows else None


def growth(path: Path) -> None:
    """The page's body repeated: how trafilatura and narrate alone grow with elements."""
    text = _html(path)
    found = re.search(r"(?is)<body[^>]*>(.*)</body>", text)
    if found is None:
        return
    html_second.second_text(parse_html("<p>warm up: trafilatura's import</p>"), None)  # type: ignore[arg-type]
    print(f"growth: {path.name[:12]} with its body repeated")
    print("  copies  elements  trafilatura ms  narrate alone ms")
    for copies in (1, 3, 6, 12):
        page = text[: found.start(1)] + found.group(1) * copies + text[found.end(1) :]
        root = parse_html(page)
        assert isinstance(root, HtmlElement)
        elements = sum(1 for _ in root.iter())
        strip_unread(root)
        start = time.perf_counter()
        html_second.second_text(root, None)
        traf_ms = (time.perf_counter() - start) * 1000
        alone_ms = _extract_ms(page, "html", False)
        print(f"  {copies:>6} {elements:>9,} {traf_ms:>15.0f} {alone_ms:>17.0f}")


def hostile() -> None:
    """The million-paragraph page through `narrate script`, in a process of its own."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "million.html"
        head = "<html><head><title>Many</title></head><body><article><h1>Many</h1>"
        page.write_text(head + "<p>a</p>\n" * 1_000_000 + "</article></body></html>", "utf-8")
        # a parent of its own, so the peak it reports is narrate's alone: this process's
        # pages (trafilatura, the dev pages) would count in a child it forked itself
        measure = (
            "import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
            "sys.stdout.buffer.write(done.stdout)\n"
            "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        command = [sys.executable, "-m", "narrate", "script", str(page), "--show-dropped"]
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", measure, *command], capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - start
    *output, tally = done.stdout.strip().splitlines()
    code, peak_kb = map(int, tally.split())
    peak = peak_kb / 1024
    notes = [line for line in output if line.startswith("[over-budget]")]
    print(f"a million paragraphs (9 MB): exit {code}, {seconds:.1f} s, "
          f"peak {peak:.0f} MB; {notes[0] if notes else 'no budget note'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    args = parser.parse_args()
    if args.data.is_dir():
        largest = real_pages(args.data)
        if largest is not None:
            growth(largest)
    else:
        print(f"skipped the real pages: {args.data} missing")
    hostile()


if __name__ == "__main__":
    main()
