"""Documents the tests make: an EPUB with a nav document and a cover, and its bad copies.

Written here rather than kept as files: no third-party book is in the
repository, and each test can make the variant it needs (DRM, truncated, EPUB 2).
`python -m tests.documents OUTDIR` writes the samples for a look by hand.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from narrate.publish.feed.cover import write_default_cover

BOOK_TITLE = "The Keeper of the Northern Light"
BOOK_AUTHOR = "Eleni Marsh"
# (contents label, file, fragment): the chapters the audio must have, in order.
BOOK_TOC = (
    ("Chapter One: The Lamp Room", "ch1.xhtml", ""),
    ("Chapter Two: Winter Stores", "ch2.xhtml", ""),
    ("The Supply Boat", "ch2.xhtml", "boat"),
    ("Chapter Three: The Last Log", "ch3.xhtml", ""),
)

_CHAPTERS = {
    "ch1.xhtml": """<section epub:type="chapter">
<h1>Chapter One</h1><h2>The Lamp Room</h2>
<p>The lamp room sat at the top of one hundred and twelve steps, and Ada climbed them
twice a night for eleven years.<a epub:type="noteref" href="#n1">1</a> She knew each step by
the sound it made under her boots.</p>
<p>On clear nights the beam reached the fishing grounds beyond the point, and the boats
set their course by it without a thought for who had trimmed the wick.</p>
<h3>The logbook</h3>
<p>Every evening she wrote the weather, the state of the sea and the hour the lamp was lit
in a book with a cracked green spine.</p>
<aside epub:type="footnote" id="n1"><p>The steps were counted again in the survey of the
following spring, which found one hundred and thirteen.</p></aside>
</section>""",
    "ch2.xhtml": """<section epub:type="chapter">
<h1>Chapter Two: Winter Stores</h1>
<p>By November the storeroom held oil for the lamp, flour, salt fish and a barrel of
apples that had to last until the thaw.</p>
<p>Ada counted the candles twice, because the second count was always one fewer.</p>
<span epub:type="pagebreak" id="p14" title="14">14</span>
<h2 id="boat">The Supply Boat</h2>
<p>The supply boat came on the first calm day of each month, if there was one. In the
hard winter it did not come at all, and the apples ran out in February.</p>
<figure><img src="boat.png" alt="A boat"/><figcaption>The supply boat at the landing
stage.</figcaption></figure>
</section>""",
    "ch3.xhtml": """<section epub:type="chapter">
<h1>Chapter Three: The Last Log</h1>
<p>The last entry in the green book is in another hand. It gives the weather as fair,
the sea as slight, and the lamp as lit at a quarter past four.</p>
<p>Nobody has explained the change of hand, and the book does not say.</p>
</section>""",
}
_COPYRIGHT = """<p>Copyright © 2026 Eleni Marsh. All rights reserved.</p>
<p>ISBN 978-0-00-000000-2</p><p>First published as an electronic book.</p>"""
_INDEX_ENTRIES = "".join(
    f"<p>{word}, {n}, {n + 7}</p>"
    for n, word in enumerate(
        "apples barrel beam boat boots candles counting fish flour green handwriting "
        "keeper lamp landing log oil point salt sea steps storeroom survey thaw wick "
        "winter".split(),
        start=3,
    )
)


def _page(body: str, title: str, body_type: str = "") -> str:
    typed = f' epub:type="{body_type}"' if body_type else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="en"><head><title>{title}</title></head><body{typed}>{body}</body></html>'
    )


def _nav() -> str:
    items = []
    for label, href, fragment in BOOK_TOC:
        target = f"{href}#{fragment}" if fragment else href
        items.append(f'<li><a href="{target}">{label}</a></li>')
    toc = f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{"".join(items)}</ol></nav>'
    landmarks = (
        '<nav epub:type="landmarks" hidden=""><ol>'
        '<li><a epub:type="cover" href="cover.xhtml">Cover</a></li>'
        '<li><a epub:type="bodymatter" href="ch1.xhtml">Start</a></li></ol></nav>'
    )
    return _page(toc + landmarks, "Contents")


def _opf(epub2: bool) -> str:
    files = [
        ("cover", "cover.xhtml"), ("title", "title.xhtml"), ("copyright", "copyright.xhtml"),
        ("nav", "nav.xhtml"), ("ch1", "ch1.xhtml"), ("ch2", "ch2.xhtml"), ("ch3", "ch3.xhtml"),
        ("index", "index.xhtml"),
    ]  # fmt: skip  # a table of cases, packed several a line
    items = [
        f'<item id="{i}" href="{h}" media-type="application/xhtml+xml"'
        + (' properties="nav"' if i == "nav" and not epub2 else "")
        + "/>"
        for i, h in files
    ]
    cover_props = "" if epub2 else ' properties="cover-image"'
    items.append(
        f'<item id="cover-image" href="images/cover.png" media-type="image/png"{cover_props}/>'
    )
    items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    spine = "".join(f'<itemref idref="{i}"/>' for i, _ in files if i != "nav")
    guide = '<guide><reference type="cover" href="cover.xhtml"/></guide>' if epub2 else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{"2.0" if epub2 else "3.0"}"
 unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:7d1c2f0e-0000-4000-8000-000000000030</dc:identifier>
<dc:title>{BOOK_TITLE}</dc:title><dc:creator>{BOOK_AUTHOR}</dc:creator>
<dc:language>en</dc:language><dc:date>2026-03-01</dc:date>
<meta name="cover" content="cover-image"/>
</metadata>
<manifest>{"".join(items)}</manifest>
<spine toc="ncx">{spine}</spine>{guide}
</package>"""


def _ncx() -> str:
    points = "".join(
        f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{label}</text></navLabel>'
        f'<content src="{href}{"#" + fragment if fragment else ""}"/></navPoint>'
        for n, (label, href, fragment) in enumerate(BOOK_TOC, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f"<head/><docTitle><text>{BOOK_TITLE}</text></docTitle><navMap>{points}</navMap></ncx>"
    )


def make_epub(path: Path, *, epub2: bool = False, drm: bool = False) -> Path:
    """An EPUB 3 book (EPUB 2 with an NCX only, if asked) with cover, front and back matter."""
    cover = path.with_suffix(".cover.png")
    write_default_cover(cover, BOOK_TITLE)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        if drm:
            book.writestr("META-INF/encryption.xml", _ENCRYPTION)
        book.writestr("OEBPS/content.opf", _opf(epub2))
        book.writestr("OEBPS/toc.ncx", _ncx())
        book.writestr("OEBPS/nav.xhtml", _nav())
        book.writestr("OEBPS/images/cover.png", cover.read_bytes())
        book.writestr(
            "OEBPS/cover.xhtml", _page('<img src="images/cover.png" alt="Cover"/>', "Cover")
        )
        book.writestr(
            "OEBPS/title.xhtml",
            _page(f"<h1>{BOOK_TITLE}</h1><p>{BOOK_AUTHOR}</p>", "Title", "titlepage"),
        )
        book.writestr("OEBPS/copyright.xhtml", _page(_COPYRIGHT, "Copyright"))
        for name, body in _CHAPTERS.items():
            book.writestr(f"OEBPS/{name}", _page(body, name))
        book.writestr("OEBPS/index.xhtml", _page(f"<h1>Index</h1>{_INDEX_ENTRIES}", "Index"))
    cover.unlink()
    return path


_ENCRYPTION = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<ds:KeyInfo><ds:RetrievalMethod URI="license.lcpl#/encryption/content_key"/></ds:KeyInfo>
<enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData>
</enc:EncryptedData></encryption>"""


# A two-column paper: the sections the audio must have as chapters, in order.
PAPER_TITLE = "Tide Gauges Kept by Hand: Two Centuries of Harbour Records"
PAPER_AUTHORS = "Ana Ferreira and Tomasz Wójcik"
PAPER_SECTIONS = (
    ("Abstract", 1),
    ("1 Introduction", 4),
    ("2 Sources and Methods", 5),
    ("3 Results", 5),
    ("4 Discussion", 4),
)
PAPER_REFERENCES = (
    "[1] M. Okafor. Harbour ledgers as climate archives. Journal of Coastal Notes, "
    "12(3):45–67, 2019. doi:10.1000/jcn.2019.045",
    "[2] L. Berg and P. Sato. Reading sea level from customs books. In Proceedings of the "
    "Maritime History Workshop, pages 101–118, 2021.",
    "[3] R. Duarte. The Porthmore Harbour Commission, 1790–1990. Porthmore Historical "
    "Society, 2008. ISBN 978-0-00-000000-1.",
    "[4] K. Nilsen, A. Ferreira, and J. Roy. Gauges, ice and missing ferries. Coastal "
    "Archives Review, 4:1–19, 2024. https://example.org/car/4/1",
)


def _paper_paragraph(section: int, n: int) -> str:
    """Text of our own, long enough to fill columns; each paragraph says where it is."""
    return (
        f"Paragraph {n + 1} of section {section + 1} begins here. The harbourmasters wrote "
        "the height of the water at the quay twice a day, and their measurements survive "
        "in bound volumes that were never meant as a scientific record. Our transcription "
        "compares these observations with the modern gauge at the same quay, corrects for "
        "the settling of the stone, and asks how far a careful clerk can stand in for an "
        f"instrument. The answer, for section {section + 1}, depends on the season and on "
        "the clerk."
    )


def make_paper(
    path: Path,
    *,
    encrypt: bool = False,
    scanned: bool = False,
    short: bool = False,
    sections: tuple[tuple[str, int], ...] = PAPER_SECTIONS,
) -> Path:
    """A two-column PDF paper (reportlab): title and authors across the page, sections in
    bold, running header and page numbers, hyphenated line ends, a figure and a table
    caption, and a references section. Each page's lines are drawn row by row across
    both columns, as some producers write them, so the order in the file is not the
    reading order. `scanned`: a page that is a picture only, no text layer; `short`: one
    paragraph a section (one page, still two columns), for narrating to audio."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    margin, gap, body, leading = 56.0, 18.0, 10.0, 12.5
    column = (width - 2 * margin - gap) / 2
    top = height - 64
    kwargs: dict[str, object] = {}
    if encrypt:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption("reader-secret", canPrint=0)
    canvas = Canvas(str(path), pagesize=A4, **kwargs)  # type: ignore[arg-type]
    canvas.setTitle(PAPER_TITLE)
    canvas.setAuthor(PAPER_AUTHORS)
    ops: list[tuple[float, float, str, float, str]] = []  # y, x, font, size, text
    state = {"page": 1.0, "col": 0.0, "y": height - 140}
    first_top = height - 140

    def flush() -> None:
        for y, x, font, size, text in sorted(ops, key=lambda o: (-round(o[0]), o[1])):
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        ops.clear()
        canvas.setFont("Helvetica", 8)
        if state["page"] > 1:
            canvas.drawCentredString(width / 2, height - 36, "Journal of Coastal Notes · Vol. 7")
        canvas.drawCentredString(width / 2, 30, str(int(state["page"])))
        canvas.showPage()

    def need(space: float) -> None:
        if state["y"] - space < 56:
            if state["col"] == 0:
                state["col"], state["y"] = 1, first_top if state["page"] == 1 else top
            else:
                flush()
                state["page"] += 1
                state["col"], state["y"] = 0, top

    def x0() -> float:
        return margin + state["col"] * (column + gap)

    def lines_of(text: str, font: str, size: float) -> list[str]:
        out, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) <= column:
                line = trial
                continue
            letters = word.strip(".,:;")
            if len(letters) >= 9 and letters.isalpha():  # break it with a hyphen
                for cut in range(len(letters) - 3, 3, -1):
                    head = f"{line} {word[:cut]}-".strip()
                    if stringWidth(head, font, size) <= column:
                        out.append(head)
                        line = word[cut:]
                        break
                else:
                    out.append(line)
                    line = word
                continue
            out.append(line)
            line = word
        return [*out, line] if line else out

    def write(text: str, font: str, size: float, after: float = 4.0) -> None:
        for line in lines_of(text, font, size):
            need(leading)
            ops.append((state["y"] - size, x0(), font, size, line))
            state["y"] -= leading if size <= body else size * 1.3
        state["y"] -= after

    ops.append((height - 90, margin, "Helvetica-Bold", 17, PAPER_TITLE))
    ops.append((height - 110, margin, "Helvetica", 11, PAPER_AUTHORS))
    for s, (heading, paragraphs) in enumerate(sections):
        need(40)
        write(heading, "Times-Bold", 12, after=2)
        for n in range(1 if short else paragraphs):
            write(_paper_paragraph(s, n), "Times-Roman", body)
        if s == 2:  # a figure with its caption, and a table caption
            need(90)
            canvas.rect(x0() + 10, state["y"] - 60, column - 20, 55)
            state["y"] -= 66
            write(
                "Figure 1: Daily high water at the quay, ledger against gauge, 1850–1870.",
                "Times-Italic",
                8.5,
                after=8,
            )
            write(
                "Table 1: Mean differences by decade and season, in centimetres.",
                "Times-Italic",
                8.5,
                after=8,
            )
    need(40)
    write("References", "Times-Bold", 12, after=2)
    for entry in PAPER_REFERENCES:
        write(entry, "Times-Roman", 8.5, after=3)
    flush()
    canvas.save()
    if scanned:
        _as_scan(path)
    return path


def _as_scan(path: Path) -> None:
    """The paper's first page as a picture only, as a scanner makes it (no text layer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    picture = path.with_suffix(".png")
    write_default_cover(picture, PAPER_TITLE)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(str(picture)), 40, 200, 500, 500)
    canvas.showPage()
    canvas.save()
    picture.unlink()


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    print(make_epub(out / "keeper.epub"))
    print(make_paper(out / "tide-gauges.pdf"))
