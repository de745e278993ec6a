"""What a page copy's table of contents says about where its article is.

A table of contents names the article's own headings, so it marks the article even
where the body run cannot reach: an encyclopedia puts its lead summary above the
contents and an infobox (Baidu Baike: a list of the person's works, one of their
friends, the contents and some thirty label and value lines between the lead and the
first section), and the sections the contents name go on past lists and tables the
run does not cross (a discography, a list of awards) up to the references.
"""

from __future__ import annotations

from collections.abc import Container

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line

# How many short lines (a list of works, a label over the contents) may stand between
# the lead's last paragraph and the contents.
_LEAD_GAP = 30


def lead_above(lines: list[Line], contents: Container[int], start: int) -> list[int]:
    """The lead: the paragraphs right above a table of contents that stands above the
    body (`start`), with only short lines between them and it. Empty when there is none."""
    first = next((line.index for line in lines[:start] if line.index in contents), None)
    if first is None:
        return []
    above = first - 1
    while above >= 0 and first - above <= _LEAD_GAP and not rules.is_prose(lines[above]):
        above -= 1
    found: list[int] = []
    while above >= 0 and rules.is_prose(lines[above]):
        found.insert(0, above)
        above -= 1
    return found if found and first - found[-1] <= _LEAD_GAP else []


def named_sections_end(
    lines: list[Line], headings: Container[int], ends: Container[int], end: int
) -> int:
    """Where the sections the contents name end, when they go on past the body (`end`):
    after the last of them that holds a paragraph, before the first apparatus line (the
    references). A section of short lines alone ('See also') does not carry the body on.
    `headings`: the lines the contents name; `ends`: the apparatus lines that end an
    article (not its table of contents)."""
    reach = end
    heading: int | None = None
    prose = False
    for line in lines[end:]:
        if line.index in ends:
            break
        if line.index in headings:
            heading, prose = line.index, False
        elif heading is not None and not prose and rules.is_prose(line):
            prose = True
        if prose:
            reach = line.index + 1
    return _section_end(lines, reach, headings, ends) if reach > end else end


def _section_end(
    lines: list[Line], reach: int, headings: Container[int], ends: Container[int]
) -> int:
    """The end of the section holding line `reach - 1`: the next named heading or
    apparatus line."""
    for line in lines[reach:]:
        if line.index in headings or line.index in ends:
            return line.index
    return len(lines)
