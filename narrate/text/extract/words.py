"""Words in any script: how long a line or a block is, which characters are CJK, where a
sentence ends, and whether two texts say the same in other case and punctuation.

Every input kind measures and compares text the same way (the rules of HTML pages,
page copies, PDFs and EPUBs, and the reference and note detection they share), so
the count and the comparison live here.
"""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"\w+")
# Scripts written without spaces between words: count characters, not runs of \w.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A text that ends a sentence: its stop, then any closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)]*$")


@functools.lru_cache(maxsize=8192)  # the rules ask it of the same lines many times
def word_count(text: str) -> int:
    """Words in `text`; CJK characters count as half a word each, as they carry no spaces."""
    cjk = len(CJK.findall(text))
    if cjk == 0:
        return len(WORD.findall(text))
    return len(WORD.findall(CJK.sub(" ", text))) + (cjk + 1) // 2


def letters(text: str) -> str:
    """The text's letters and digits, case folded: two texts that differ only in spaces,
    punctuation and case ('Chapter One:' and 'CHAPTER ONE') give the same."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
