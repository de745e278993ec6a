"""A cookie or consent dialog in a page copy: its lines are never the article.

A site's consent dialog is copied with the page, often as long, sentence-shaped text
(what each kind of cookie does, what 'Accept all' means) that the body rules take for
prose, and on a short page it can outweigh the article. Its shape: several lines
close together that name cookies (the one loanword every language the pages come in
uses for them: 'Cookies', 'cookies', 'Cookie-Einstellungen', 'pliki cookie', 'Cookie
设置'), with the dialog's buttons and headings between them. An article about cookies
(a recipe, a piece on the law) is the page's main text, not a small part of it: a run
holding half the page's prose or more is left alone, and so is one with running text
right above and below it (a privacy policy's section on cookies).

Kept because it lost nowhere: cross-validated phrases A 0.876 -> 0.880 (a page whose
dialog was taken for its body reads its article), B and dev unchanged; without the
running-text guard a privacy policy lost a phrase (docs/benchmarks.md, thresholds).
"""

from __future__ import annotations

import re

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line

DIALOG = "dialog"
_COOKIE = re.compile(r"cookie", re.IGNORECASE)
_GAP = 4  # lines between two cookie lines of one dialog
_MIN_COOKIE_LINES = 2  # a lone mention is a sentence about cookies, not a dialog
_MAX_PROSE_SHARE = 0.5  # a dialog is a small part of the page's prose


def consent_dialog(lines: list[Line]) -> set[int]:
    """Indexes of the lines of the page's cookie dialogs (empty when it has none)."""
    named = [line.index for line in lines if _COOKIE.search(line.text)]
    runs: list[list[int]] = []
    for index in named:
        if runs and index - runs[-1][-1] <= _GAP + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    found: set[int] = set()
    for run in runs:
        if len(run) >= _MIN_COOKIE_LINES and not _inside_text(lines, run[0], run[-1]):
            found.update(range(run[0], run[-1] + 1))
    prose = sum(line.words for line in lines if rules.is_prose(line))
    inside = sum(lines[i].words for i in found if rules.is_prose(lines[i]))
    return found if inside < _MAX_PROSE_SHARE * prose else set()


def _inside_text(lines: list[Line], first: int, last: int) -> bool:
    """Whether the run has running text right above and right below it: a passage of
    the text (a privacy policy's section on cookies), not a dialog over the page."""
    if first == 0 or last + 1 >= len(lines):
        return False
    return rules.is_prose(lines[first - 1]) and rules.is_prose(lines[last + 1])
