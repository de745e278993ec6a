"""A forum thread: its posts are the text, from the first to the last.

Forum software numbers a thread's posts on a line of their own ('#1', '#2', ...
or '#661', '#662' on a later page), each over its author's box (name, rank, date)
and under it the post. Those boxes break the prose every few lines, so the densest
run of prose holds one or two posts, and the edges that end an article at such a
break would end the thread there. The numbers, consecutive, say where the thread
runs: from the first post to the end of the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line

_POST_NUMBER = re.compile(r"^#(\d{1,6})$")
# Consecutive post numbers it takes to call a page a thread: a '#1' or two alone is a
# hashtag, a ranking or a footnote (docs/benchmarks.md, thresholds).
_MIN_POSTS = 3
_AUTHOR_BOX = 8  # blocks between a post's number and its text, at the most


@dataclass(frozen=True, slots=True)
class Thread:
    """Where a thread's posts run: [start, end) in line indexes."""

    start: int  # the first post's number line
    end: int  # just past the last post's text


def find_thread(lines: list[Line]) -> Thread | None:
    """The thread on the page, or None when it has no run of numbered posts."""
    run = _longest_run(
        [(line.index, int(found[1])) for line in lines if (found := _POST_NUMBER.match(line.text))]
    )
    if len(run) < _MIN_POSTS:
        return None
    return Thread(start=run[0], end=_post_end(lines, run[-1]))


def _longest_run(numbers: list[tuple[int, int]]) -> list[int]:
    """The line indexes of the longest run of post numbers that count up by one."""
    best: list[int] = []
    run: list[int] = []
    previous = None
    for index, number in numbers:
        run = [*run, index] if previous is not None and number == previous + 1 else [index]
        previous = number
        if len(run) > len(best):
            best = run
    return best


def _post_end(lines: list[Line], mark: int) -> int:
    """Just past the text of the post numbered at `mark`: its blocks (blank-line groups)
    that hold prose, from the first such block, within a few blocks of the number (the
    author's box comes between), to the last of those that follow each other directly."""
    end = mark + 1
    groups = 0
    for line in lines[mark + 1 :]:
        if line.group_pos > 0:
            continue
        group = lines[line.index : line.index + line.group_size]
        if any(rules.is_prose(member) for member in group):
            end = group[-1].index + 1
        elif end > mark + 1 or groups >= _AUTHOR_BOX:
            break
        groups += 1
    return end
