"""Lists inside an article that are not announced with a colon, found by their entries' shape.

A page dump shows a menu and an article's list alike: a column of short lines.
The difference is in the entries: a menu's are bare labels, a list's have a
colon, a bracket, a dash or commas inside ('Spain (Group F): 11th appearance')
or open with an amount ('250 g flour').
"""

from __future__ import annotations

import re

from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line

# 'Spain (Group F): 11th', 'June 9 -- Arena, Tampa', 'Eggs, spinach, milk': entries, not labels
_STRUCTURED = re.compile(r"\w[:(,]\s*\w|\w\s[–-]+\s\w|\(\w")
# '250 g flour', '2 cloves of garlic', '2008 tour 3': an entry that opens with an amount
# (an ingredient list, a table of figures; docs/benchmarks.md, thresholds).
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?\s+\w")
_URL = re.compile(r"https?://|www\.|\.com\b", re.IGNORECASE)


def structured_lists(lines: list[Line]) -> set[int]:
    """Lines of a box of three or more short entries that mostly have inner structure.

    A menu is a column of bare labels; a list in an article has entries with a
    colon, a bracket, a dash or commas inside, or entries that open with an amount.
    """
    found: set[int] = set()
    for line in lines:
        if line.group_pos != 0 or line.group_size < 3:
            continue
        group = lines[line.index : line.index + line.group_size]
        if sum(_is_structured_entry(ln) for ln in group) * 4 >= len(group) * 3:
            found.update(ln.index for ln in group if not rules.is_prose(ln))
    return found


# An entry opening with an amount may be two words ('1 Ei', '2 onions'); one with inner
# structure needs three (docs/benchmarks.md, thresholds).
_STRUCTURED_WORDS = 3
_QUANTITY_WORDS = 2


def _is_structured_entry(line: Line) -> bool:
    structured = line.words >= _STRUCTURED_WORDS and bool(_STRUCTURED.search(line.text))
    quantity = line.words >= _QUANTITY_WORDS and bool(_QUANTITY.match(line.text))
    return (
        (structured or quantity)
        and line.repeats == 1
        and not _URL.search(line.text)
        and not rules.is_prose(line)
        and not (rules.is_timestamp(line) or rules.is_form_text(line))
    )
