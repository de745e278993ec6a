"""The block model's closing doubts: boxes about the site at the article's end that the
model doubts and the second opinion leaves out are not read."""

from __future__ import annotations

import numpy as np
import pytest

from narrate.text.extract.html.dom import RawBlock, parse_html, walk_blocks
from narrate.text.extract.html.features import JudgedPage, Verdict
from narrate.text.extract.html.model import _closing_doubts

CLOSING = {
    "de": ("2023 nichts mehr versäumen!", "Unser kostenloser Kalender hilft Ihnen dabei."),
    "en": ("Never miss a story", "Our free calendar helps you keep every date."),
    "fr": ("Ne manquez plus rien", "Notre calendrier gratuit vous aide à tout suivre."),
}
TEXT = "The council voted on Tuesday to keep the old ferry that links the harbour to the town."


def _page(heading: str, closing: str) -> JudgedPage:
    html = (
        f"<html><body><article><p>{TEXT}</p><p>{TEXT} Again.</p>"
        f"<h2>{heading}</h2><p>{closing}</p></article></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    blocks: list[RawBlock] = []
    walk_blocks(root.find("body"), blocks)
    verdicts = [Verdict(True, None) for _ in blocks]
    return JudgedPage(blocks, verdicts, root.find("body"), [1.0, 1.0, 0.0, 0.0])


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_a_closing_box_the_model_doubts_and_the_second_opinion_lacks_is_dropped(
    lang: str,
) -> None:
    page = _page(*CLOSING[lang])
    reasons = _closing_doubts(page, np.array([0.99, 0.98, 0.25, 0.36]), [None] * 4)
    # the paragraph goes; its heading is left with nothing under it (`tidy` drops it)
    assert reasons == [None, None, None, "second-opinion-disagrees"]


def test_a_closing_paragraph_either_believes_is_read() -> None:
    page = _page(*CLOSING["en"])
    assert _closing_doubts(page, np.array([0.99, 0.98, 0.25, 0.55]), [None] * 4) == [None] * 4
    believed = JudgedPage(page.blocks, page.verdicts, page.container, [1.0, 1.0, 0.0, 0.6])
    assert _closing_doubts(believed, np.array([0.99, 0.98, 0.25, 0.36]), [None] * 4) == [None] * 4


def test_doubts_under_a_believed_heading_are_its_section_and_are_read() -> None:
    """A blog's last section set as a heading ('Gestalte ein Plakat ...') over a cookie
    notice: dropping the notice would leave the heading empty, so nothing goes."""
    page = _page(*CLOSING["de"])
    page = JudgedPage(page.blocks, page.verdicts, page.container, [1.0, 1.0, 1.0, 0.0])
    assert _closing_doubts(page, np.array([0.99, 0.98, 0.99, 0.36]), [None] * 4) == [None] * 4


def test_without_a_second_opinion_nothing_changes() -> None:
    page = _page(*CLOSING["en"])
    alone = JudgedPage(page.blocks, page.verdicts, page.container, None)
    assert _closing_doubts(alone, np.array([0.99, 0.98, 0.25, 0.36]), [None] * 4) == [None] * 4
