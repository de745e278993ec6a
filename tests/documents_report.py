"""A report laid out by a real typesetter (reportlab's platypus), as word processors and TeX
set them: justified paragraphs (each word placed on its own, the spaces stretched), a
footnote under a rule at the foot of the page with its superscript marker in the text, a
running header and page numbers, one or two columns, in several scripts.

The canvas-drawn paper of `tests/documents.py` sets ragged lines whose words touch; these
pages are the other common shape. Written by the tests: no third-party document.
"""

from __future__ import annotations

from pathlib import Path

REPORT_TITLE = {
    "en": "The Tides of Memory",
    "de": "Die Gezeiten der Erinnerung",
    "zh": "记忆的潮汐",
}
REPORT_SECTIONS = {
    "en": ("Introduction", "Method", "Results"),
    "de": ("Einleitung", "Methode", "Ergebnisse"),
    "zh": ("引言", "方法", "结果"),
}
# One paragraph's text per language; each paragraph is numbered '(section.n)' before it.
REPORT_TEXT = {
    "en": (
        "Coastal communities have always measured time by the sea, and their records of "
        "high water reach back further than most written histories of the towns themselves. "
        "In this paper we compare three such records, kept by harbourmasters, and ask how "
        "well they agree with one another and with modern reconstructions of sea level. "
        "Their disagreements turn out to be as informative as their agreements."
    ),
    "de": (
        "Küstengemeinden haben die Zeit schon immer am Meer gemessen, und ihre "
        "Aufzeichnungen über das Hochwasser reichen weiter zurück als die meisten "
        "geschriebenen Geschichten der Städte selbst. Wir vergleichen drei solcher "
        "Aufzeichnungen und fragen, wie gut sie miteinander übereinstimmen. Ihre "
        "Abweichungen sind ebenso aufschlussreich wie ihre Übereinstimmungen."
    ),
    "zh": (
        "沿海社区一直以海洋来衡量时间，他们关于高潮水位的记录比大多数城镇自身的书面历史还要久远。"
        "在本文中，我们比较了港务长保存的三份此类记录，并探讨它们彼此之间以及与现代海平面重建结果之间的"
        "吻合程度。它们之间的分歧与一致同样具有启发意义。"
    ),
}
REPORT_FOOTNOTE = "The ledgers are kept in the county archive, shelf mark HX/12/4."
_FONTS = {
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "serif-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "cjk": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}


def fonts_for(lang: str) -> tuple[str, str] | None:
    """The (regular, bold) font names registered with reportlab for `lang`, or None when
    this machine has no font for its script (Debian's fonts-dejavu-core, fonts-wqy-microhei)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    wanted = ("cjk", "cjk") if lang == "zh" else ("serif", "serif-bold")
    if not all(Path(_FONTS[name]).exists() for name in wanted):
        return None
    for name in wanted:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, _FONTS[name], subfontIndex=0))
    return wanted


def make_report(path: Path, lang: str = "en", *, columns: int = 1, justified: bool = True) -> Path:
    """Three sections of two paragraphs each, the first with a footnote marker; the note at
    the foot of page 1. Needs `fonts_for(lang)`."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    found = fonts_for(lang)
    assert found is not None, f"no font for {lang}"
    regular, bold = found
    body = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=10,
        leading=12.5,
        spaceAfter=6,
        alignment=TA_JUSTIFY if justified else TA_LEFT,
        wordWrap="CJK" if lang == "zh" else None,
    )
    heading = ParagraphStyle(
        "h", parent=body, fontName=bold, fontSize=12.5, leading=15, alignment=TA_LEFT, spaceBefore=8
    )
    title = ParagraphStyle("t", parent=heading, fontSize=18, leading=22, alignment=TA_CENTER)
    width, height = A4
    margin, foot = 56.0, 100.0

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(margin, height - 34, REPORT_TITLE[lang])
        canvas.drawRightString(width - margin, 34, str(doc.page))
        if doc.page == 1:
            canvas.line(margin, foot - 10, margin + 140, foot - 10)
            canvas.setFont(regular, 7.5)
            canvas.drawString(margin, foot - 22, f"1 {REPORT_FOOTNOTE}")
        canvas.restoreState()

    gap = 18.0
    column = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [
        Frame(margin + n * (column + gap), foot, column, height - margin - foot - 60)
        for n in range(columns)
    ]
    header = Frame(margin, height - margin - 60, width - 2 * margin, 60)
    doc = BaseDocTemplate(str(path), pagesize=A4, title=REPORT_TITLE[lang], author="Ana Ruiz")
    doc.addPageTemplates([PageTemplate("page", [header, *frames], onPage=decorate)])
    from reportlab.platypus import FrameBreak

    story: list[object] = [Paragraph(REPORT_TITLE[lang], title), FrameBreak()]
    for s, name in enumerate(REPORT_SECTIONS[lang]):
        story.append(Paragraph(f"{s + 1}. {name}", heading))
        for n in range(2):
            marker = "<super>1</super>" if s == 0 and n == 0 else ""
            story.append(Paragraph(f"({s + 1}.{n + 1}) {REPORT_TEXT[lang]}{marker}", body))
    doc.build(story)  # type: ignore[arg-type]
    return path
