"""Regular-expression pieces the normalisation rules share, written once.

A table's words become one alternation, longest first, so that "km/h" is read before
"km" and "Sept" before "Sep"; and every rule that reads an abbreviation's period asks
the same question of what follows it: did the period also end the sentence?
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """`words` as a regex alternation, each escaped, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# What follows a period that also ended the sentence: the text's end, or a capital.
SENTENCE_END = re.compile(r"\s*$|\s+[\"“‘'(]?[A-Z]")
