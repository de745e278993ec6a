"""Numbered parts: a forum thread's posts, a slideshow's slides. They are the text, from
the first to the last.

Forum software numbers a thread's posts on a line of their own ('#1', '#2', ...
or '#661', '#662' on a later page), each under its author's box (name, rank, date);
a slideshow numbers its slides ('1/5', '2/5', ...), each a picture with its text and
a picture credit. Those boxes and credits break the prose every few lines, so the
densest run of prose holds one or two parts, and the edges that end an article at
such a break would end it there; a slide's text, in a block with its picture's
credit, looks like a caption. The numbers, counting up one by one, say where the
parts run: from the first number to the end of the last part's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line

_POST_NUMBER = re.compile(r"^#(\d{1,6})$")
_SLIDE_NUMBER = re.compile(r"^(\d{1,3}) ?/ ?(\d{1,3})$")
# Numbers counting up it takes to call a page a thread or a slideshow: a '#1' or two
# alone is a hashtag or a ranking, a '1/2' a fraction or a page count
# (docs/benchmarks.md, thresholds).
_MIN_PARTS = 3
_BETWEEN = 8  # blocks between a part's number and its text, at the most


@dataclass(frozen=True, slots=True)
class Parts:
    """Where a page's numbered parts run, [start, end) in line indexes, and what they are."""

    start: int  # the first part's number line
    end: int  # just past the last part's text
    kind: Literal["posts", "slides"]


def find_parts(lines: list[Line]) -> Parts | None:
    """The thread's posts or the slideshow's slides on the page, or None."""
    posts = _longest_run(
        [
            (line.index, int(found[1]), 0)
            for line in lines
            if (found := _POST_NUMBER.match(line.text))
        ]
    )
    slides = _longest_run(
        [
            (line.index, int(found[1]), int(found[2]))
            for line in lines
            if (found := _SLIDE_NUMBER.match(line.text)) and int(found[1]) <= int(found[2])
        ]
    )
    if len(posts) >= max(len(slides), _MIN_PARTS):
        return Parts(start=posts[0], end=_part_end(lines, posts[-1]), kind="posts")
    if len(slides) >= _MIN_PARTS:
        return Parts(start=slides[0], end=_part_end(lines, slides[-1]), kind="slides")
    return None


def _longest_run(numbers: list[tuple[int, int, int]]) -> list[int]:
    """The line indexes of the longest run of (index, number, total) whose numbers count
    up by one under the same total (0 where there is none)."""
    best: list[int] = []
    run: list[int] = []
    previous: tuple[int, int] | None = None
    for index, number, total in numbers:
        run = [*run, index] if previous == (total, number - 1) else [index]
        previous = (total, number)
        if len(run) > len(best):
            best = run
    return best


def _part_end(lines: list[Line], mark: int) -> int:
    """Just past the text of the part numbered at `mark`: its blocks that hold prose,
    from the first such block (the rest of the number's own block, or one within a few
    blocks of it: a quote's header or a slide's title comes between) to the last of
    those that follow each other directly."""
    end = mark + 1
    for skipped, block in enumerate(_blocks_after(lines, mark)):
        if any(rules.is_prose(line) for line in block):
            end = block[-1].index + 1
        elif end > mark + 1 or skipped >= _BETWEEN:
            break
    return end


def _blocks_after(lines: list[Line], mark: int) -> list[list[Line]]:
    """The blocks (blank-line groups) after line `mark`, the rest of its own first."""
    blocks: list[list[Line]] = []
    for line in lines[mark + 1 :]:
        if line.group_pos == 0 or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return blocks
