"""PDF reading: order across columns and speed, narrate (pypdfium2) against pdfminer.six.

    .venv/bin/python benchmarks/pdf_reading.py        (make bench-pdf)

The papers are made by tests/documents.py with reportlab (the dev extra): two
columns drawn row by row across the page (so the file's order is not the
reading order), a figure leaving a white band across one page, running
headers and page numbers, captions and references. Every paragraph opens
with 'Paragraph N of section S', so the order read can be checked exactly:
the score is the share of paragraphs read in their place (the longest run
in order over all of them), and the apparatus leaked is counted.

Readers compared: PDFium's own text order (pypdfium2 `get_text_range`, the
file's order), pdfminer.six's `extract_text` (its layout analysis, default
LAParams; only when installed: pip install pdfminer.six), and narrate's
PDF extractor (pypdfium2 characters, narrate/text/extract/pdf/layout.py).
Time is per paper, best of three, on this machine as it is.
"""

from __future__ import annotations

import bisect
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrate.text.extract import extract
from narrate.text.load import load
from tests.documents import PAPER_SECTIONS, make_paper

LABEL = re.compile(r"Paragraph (\d+) of section (\d+)")
APPARATUS = ("Journal of Coastal Notes", "Figure 1", "Table 1", "Okafor", "Nilsen")


def _pdfium_order(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    finally:
        document.close()


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def _narrate(path: Path) -> str:
    return "\n".join(b.text for b in extract(load(str(path))).blocks)


def _in_order(found: list[tuple[int, int]], expected: list[tuple[int, int]]) -> float:
    """The longest increasing run of expected positions among those found, over all."""
    rank = {label: i for i, label in enumerate(expected)}
    tails: list[int] = []
    seen: set[tuple[int, int]] = set()
    for label in found:
        if label in rank and label not in seen:
            seen.add(label)
            at = bisect.bisect_left(tails, rank[label])
            tails[at : at + 1] = [rank[label]]
    return len(tails) / len(expected)


def _papers(folder: Path) -> list[tuple[str, Path, list[tuple[int, int]]]]:
    long_sections = tuple((f"{n} Part", 5) for n in range(1, 31))
    made = []
    for name, kwargs, sections in (
        ("2 pages", {}, PAPER_SECTIONS),
        ("figure band", {"short": True}, tuple((h, 1) for h, _ in PAPER_SECTIONS)),
        ("long (~12 pages)", {"sections": long_sections}, long_sections),
    ):
        path = make_paper(folder / f"{len(made)}.pdf", **kwargs)  # type: ignore[arg-type]
        expected = [(n + 1, s + 1) for s, (_, count) in enumerate(sections) for n in range(count)]
        made.append((name, path, expected))
    return made


def main() -> None:
    readers: list[tuple[str, Callable[[Path], str]]] = [
        ("pdfium text order", _pdfium_order),
        ("narrate (pypdfium2)", _narrate),
    ]
    try:
        import pdfminer  # noqa: F401

        readers.insert(1, ("pdfminer.six", _pdfminer))
    except ImportError:
        print("pdfminer.six is not installed: pip install pdfminer.six to compare it\n")
    with tempfile.TemporaryDirectory() as folder:
        papers = _papers(Path(folder))
        print(f"{'paper':18} {'reader':22} {'in order':>9} {'leaked':>7} {'ms':>8}")
        for name, path, expected in papers:
            for reader, read in readers:
                times = []
                for _ in range(3):
                    start = time.perf_counter()
                    text = read(path)
                    times.append(time.perf_counter() - start)
                found = [(int(n), int(s)) for n, s in LABEL.findall(text)]
                leaked = sum(text.count(a) for a in APPARATUS)
                score = _in_order(found, expected)
                print(f"{name:18} {reader:22} {score:9.3f} {leaked:7d} {1000 * min(times):8.0f}")


if __name__ == "__main__":
    main()
