"""Paragraphs without a paragraph's usual shape in a page copy, read all the same.

The line rules take a sentence-shaped line for text and a short line without a stop
for a label or a menu entry. Some article text has neither shape: running text with no
stop at all (a transcript), a paragraph that lost its full stop among others of its
block, and the short lines that close the article's last block (a last sentence without
its stop, a sign-off, a source note). What tells them apart is the block around them:
a page copy keeps an article's paragraphs in blocks, and menus in blocks of their own.
A writer's sign-off in blocks of its own under the text is told by its greeting.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.edges import TEXT
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.pagecopy.scores import is_repeated

_RUN_ON_WORDS = 60  # a line this long is text even without a full stop or a comma
_STOPLESS_WORDS = 20  # ...and one this long beside a paragraph in the same block
_STOPLESS_MIN_WORDS = 8  # ...and one this long between two such lines of its block
# (docs/benchmarks.md, thresholds)


def is_run_on(line: Line, lines: list[Line]) -> bool:
    """Running text without stops (a transcript, a poem's prose, a paragraph that lost its
    full stop among others): long, and not Title Case like a menu or a tag list run
    together. The HTML path reads such a paragraph too."""
    if line.words < _RUN_ON_WORDS and not _stopless_paragraph(line, lines):
        return False
    words = line.text.split()
    return sum(word[:1].isupper() for word in words) * 2 < len(words)


def _stopless_paragraph(line: Line, lines: list[Line]) -> bool:
    """A paragraph that lost its stop: a long line in a block (no blank line between)
    with prose, or a shorter one between two such lines of its block; a menu entry or
    a teaser's headline stands among labels or alone."""
    if line.words < _STOPLESS_MIN_WORDS:
        return False
    first = line.index - line.group_pos
    group = lines[first : first + line.group_size]
    if line.words >= _STOPLESS_WORDS:
        return any(rules.is_prose(other) for other in group if other is not line)
    if not 0 < line.group_pos < line.group_size - 1:
        return False
    return all(
        rules.is_prose(other) or other.words >= _STOPLESS_WORDS
        for other in (lines[line.index - 1], lines[line.index + 1])
    )


# A row of this many capitalised words and nothing else is a row of links (a share
# bar set in the article's block), not its closing line (docs/benchmarks.md, thresholds).
_LINK_ROW = 3


def closing_lines(
    lines: list[Line], verdicts: dict[int, str], end: int, apparatus: Container[int]
) -> int:
    """The body's end once the lines closing its last paragraph's block are read (marked
    'paragraph' in `verdicts`): the block has no blank line between them and the text,
    so they are the article's own (a last sentence without its stop, a sign-off, a
    source note), up to the first that is page furniture by its shape. A block that
    goes on into `apparatus` (references) holds its labels, not the article's close:
    none is read."""
    if not 0 < end < len(lines) or verdicts.get(end - 1) not in TEXT:
        return end
    block = lines[end - 1]
    rest = range(end, block.index - block.group_pos + block.group_size)
    if any(index in apparatus for index in rest):
        return end
    last = end
    while last in rest and _closes(lines[last]):
        verdicts[last] = "paragraph"
        last += 1
    return last


def _closes(line: Line) -> bool:
    """A line that may close an article: no form text, credit, time, repeated label,
    announcement (':'), 'more stories' heading, cut teaser or row of links."""
    words = line.text.split()
    return not (
        (len(words) >= _LINK_ROW and all(word[:1].isupper() for word in words))
        or rules.is_form_text(line)
        or rules.is_credit(line)
        or rules.is_timestamp(line)
        or is_repeated(line)
        or line.text.endswith(":")
        or rules.is_more_stories(line)
        or rules.is_truncated(line)
    )


# A writer's sign-off under the last paragraph, in blocks of its own ('Euer HansEhrlich',
# 'XX, Die Redaktion', 'Herzlichst' / 'Martina'): the greeting words that open one. Not
# words that open other things too: 'Best', 'Thanks' ('Best of 2016', 'Thanks to our
# sponsors' head boxes), 'Dein' ('Dein Name', 'Deine Nachricht' label a form), 'Love',
# 'Cheers' ('Love Island'); and not a question ('Eure Meinung?' asks for comments).
_SIGN_OFF = re.compile(
    r"^(?:euer|eure|yours|xx+|xoxo|herzlichst|liebe grüße|viele grüße|herzliche grüße"
    r"|bisous|bises|besos|un abrazo|baci|beijos|abraços|groetjes|pozdrawiam)\b",
    re.IGNORECASE,
)
_SIGN_OFF_WORDS = 3  # a sign-off, or a short line between it and the text ('Viel Glück!')
_SIGN_OFF_REACH = 2  # lines after the text that may be the sign-off
_NAME_WORDS = 3  # the name under a greeting alone, in its block ('Eure' / 'Martina')


def sign_off_end(lines: list[Line], verdicts: dict[int, str], end: int) -> int:
    """The body's end once a sign-off under its last paragraph is read (marked
    'paragraph' in `verdicts`): within two short lines after the text, a line opening
    with a greeting ('Euer HansEhrlich'), the short lines above it, and the name under
    a greeting alone in its block."""
    if not 0 < end < len(lines) or verdicts.get(end - 1) not in TEXT:
        return end
    reach = itertools.takewhile(_alone_and_short, lines[end : end + _SIGN_OFF_REACH])
    sign = next((line for line in reach if is_sign_off(line)), None)
    if sign is None:
        return end
    last = sign.index + 1
    name = lines[last] if last < len(lines) else None
    greeting_only = not _SIGN_OFF.sub("", sign.text, count=1).strip(" ,.!")
    if greeting_only and name is not None and _is_name_under(name, sign):
        last += 1
    for index in range(end, last):
        verdicts[index] = "paragraph"
    return last


def is_sign_off(line: Line) -> bool:
    """A short line opening with a writer's greeting ('Euer HansEhrlich', 'XX, Die Redaktion')."""
    if line.words > _SIGN_OFF_WORDS or rules.is_form_text(line):  # 'Euer Kommentar'
        return False
    if line.text.rstrip().endswith("?"):
        return False
    return bool(_SIGN_OFF.match(line.text))


def _is_name_under(line: Line, sign: Line) -> bool:
    """A name under a greeting alone, in the greeting's block ('Herzlichst' / 'Martina')."""
    return line.group == sign.group and line.words <= _NAME_WORDS


def _alone_and_short(line: Line) -> bool:
    """A short line opening a block of its own."""
    return line.words <= _SIGN_OFF_WORDS and line.group_pos == 0
