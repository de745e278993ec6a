"""Figures no markup names: a box of a picture and one short line about it is a caption."""

from __future__ import annotations

import pytest

from narrate.core.models import Document
from narrate.text.extract.html.extract import extract_html


def prose(part: str) -> str:
    return "".join(
        f"<p>Paragraph {n} of the {part} says how the snow cover is mapped from satellite "
        "images every morning, in a sentence long enough to be read.</p>"
        for n in range(1, 5)
    )


def read_and_dropped(middle: str) -> tuple[str, dict[str, str]]:
    body = prose("report") + middle + prose("study")
    html = f"<html><body><article><h1>Snow maps</h1>{body}</article></body></html>"
    article = extract_html(Document("-", html, "html", "utf-8"))
    read = " ".join(block.text for block in article.blocks)
    return read, {d.text: d.reason for d in article.dropped}


@pytest.mark.parametrize(
    "caption",
    [
        "Abbildung: Vergleich auf dem Aletschgletscher (links) und die Schneehöhe (rechts)",
        "Figure 2: the snow mask over St. Moritz on 31 May",
        "Рисунок 3. Снежный покров над Альпами",
        "图 1：阿尔卑斯山的积雪覆盖",
    ],
)
def test_a_picture_and_one_line_in_a_box_is_a_caption(caption: str) -> None:
    """dev-phrases t0565: `<div><img><span>Abbildung: …</span></div>`, no figure markup."""
    box = f'<div class="imginline"><img src="a.png"><span>{caption}</span></div>'
    read, dropped = read_and_dropped(box)
    assert caption not in read
    assert dropped[caption] == "caption"


def test_the_picture_may_be_inside_a_link() -> None:
    box = '<p><a href="big.png"><img src="a.png"></a><em>Photo: the glacier in June</em></p>'
    read, dropped = read_and_dropped(box)
    assert "the glacier in June" not in read
    assert dropped["Photo: the glacier in June"] == "caption"


LONG = "The maps are updated every morning. " * 10


@pytest.mark.parametrize(
    ("box", "text"),
    [
        # a paragraph around an inline picture: its text is the box's own
        (
            '<p><img src="a.png"> The maps are updated every morning from new data.</p>',
            "The maps are updated every morning from new data.",
        ),
        # a heading with an icon in front
        ('<h2><img src="i.png"><span>The snow mask</span></h2>', "The snow mask"),
        # an icon beside a line (its size says so)
        (
            '<div><img src="i.png" width="16" height="16"><span>Updated daily</span></div>',
            "Updated daily",
        ),
        # a long text beside a picture is a paragraph with an illustration
        (f'<div><img src="a.png"><p>{LONG}</p></div>', LONG.strip()),
    ],
)
def test_text_beside_a_picture_that_is_not_a_caption_is_not_one(box: str, text: str) -> None:
    read, dropped = read_and_dropped(box)
    assert text in read or dropped[text] != "caption"
