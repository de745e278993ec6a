"""How much of a page extraction reads: an element budget for HTML, a line budget for text.

A page of a million tiny paragraphs fits under the download's size cap, yet
parsing it whole took 1.7 GB and a single uninterruptible C call of many
seconds, and trafilatura's second opinion grows faster than the page (it ran
for more than ten minutes). So a large page is parsed in slices (lxml's pull
parser gives the same tree as parsing it whole) and parsing stops once the page
has `MAX_ELEMENTS` elements; the rest of the page is not read, and the reader is
told (a dropped entry, `over-budget`, in `narrate script --show-dropped`). A
page with more than `SECOND_OPINION_ELEMENTS` elements is judged without
trafilatura's vote (`second-opinion-skipped`), by the weights fitted for that
case. A page copy is read up to `MAX_LINES` lines.

The budgets come from the longest real pages we have, with room for a book:
`benchmarks/budgets.py` measures them (`make bench-budgets`). The longest dev
pages are far inside them, so their figures do not move.
"""

from __future__ import annotations

import threading

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from narrate.core.models import Dropped

MAX_ELEMENTS = 50_000  # elements of an HTML page that are read
SECOND_OPINION_ELEMENTS = 10_000  # past this, trafilatura's vote is not asked for
MAX_LINES = 20_000  # lines of a page copy that are read
WHOLE_PARSE_BYTES = 1024 * 1024  # larger pages are parsed in slices (the largest dev page: 1.07 MB)
_SLICE = 64 * 1024  # bytes fed to the parser at a time: each call is short
_LOOKUP = lxml.html.HtmlElementClassLookup()
_local = threading.local()


def parse_html_within(data: bytes) -> tuple[HtmlElement | None, Dropped | None]:
    """The page's tree up to MAX_ELEMENTS; a note when the page went on past it. The tree
    is None when the bytes hold no document.

    A page of up to WHOLE_PARSE_BYTES is parsed whole (the fastest way: at worst a
    third of a million elements, well under a second); a larger one slice by slice,
    stopping once it has more than MAX_ELEMENTS. Either way the tree is cut exactly
    after MAX_ELEMENTS, so where the slices ended changes nothing.
    """
    if not data.strip():
        return None, None
    root: HtmlElement | None
    try:
        if len(data) <= WHOLE_PARSE_BYTES:
            root = lxml.html.document_fromstring(data, parser=_whole_parser())
        else:
            root = _parse_sliced(data)
    except (etree.LxmlError, ValueError):
        return None, None
    if root is None:
        return None, None
    if sum(1 for _ in root.iter()) <= MAX_ELEMENTS:
        return root, None
    cut_after(root, MAX_ELEMENTS)
    note = Dropped(
        f"(the page goes on past its first {MAX_ELEMENTS:,} elements; the rest was not read)",
        "over-budget",
    )
    return root, note


def _whole_parser() -> lxml.html.HTMLParser:
    """One parser per thread (an lxml parser is not to be shared between threads)."""
    parser: lxml.html.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        _local.parser = parser
    return parser


def _parse_sliced(data: bytes) -> HtmlElement | None:
    """lxml's pull parser fed 64 KB at a time (the same tree as a whole parse on every dev
    page), stopped once the elements pass MAX_ELEMENTS: no call is long, memory stays small."""
    parser = etree.HTMLPullParser(
        events=("start",), encoding="utf-8", remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(_LOOKUP)
    seen = 0
    for at in range(0, len(data), _SLICE):
        parser.feed(data[at : at + _SLICE])
        seen += sum(1 for _ in parser.read_events())
        if seen > MAX_ELEMENTS:
            break
    root: HtmlElement | None = parser.close()
    return root


def cut_after(root: HtmlElement, count: int) -> None:
    """Remove every element after the first `count` (in document order), so the result does
    not depend on where the parser's slices ended."""
    last = None
    for number, element in enumerate(root.iter()):
        if number == count:
            last = element
            break
    if last is None:
        return
    element = last
    while (parent := element.getparent()) is not None:
        for later in list(element.itersiblings()):
            parent.remove(later)
        element = parent
    doomed = last.getparent()
    if doomed is not None:
        doomed.remove(last)


def second_opinion_note(root: HtmlElement) -> Dropped | None:
    """Why trafilatura is not asked about this page, or None when it is."""
    count = sum(1 for _ in root.iter())
    if count <= SECOND_OPINION_ELEMENTS:
        return None
    return Dropped(
        f"(trafilatura's second opinion not asked: {count:,} elements, "
        f"more than its budget of {SECOND_OPINION_ELEMENTS:,})",
        "second-opinion-skipped",
    )


def lines_within(text: str) -> tuple[str, Dropped | None]:
    """A page copy's first MAX_LINES lines; a note when it went on past them."""
    at = -1
    for _ in range(MAX_LINES):
        at = text.find("\n", at + 1)
        if at < 0:
            return text, None
    rest = text[at + 1 :]
    if not rest.strip():
        return text, None
    note = Dropped(
        f"(the page goes on past its first {MAX_LINES:,} lines; "
        f"the last {len(rest):,} characters were not read)",
        "over-budget",
    )
    return text[: at + 1], note
