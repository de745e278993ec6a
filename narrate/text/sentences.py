"""Split a block of text into sentences, the unit of synthesis and of transcript cues.

Each sentence is synthesised on its own, so its start and end on the final
audio are known exactly (WebVTT/SRT cues need them) and an edit to one
sentence re-synthesises only that sentence. The splitter is deliberately
conservative: a wrong split costs a slightly longer pause, a missed one only
a longer cue. Abbreviations ("Nov.", "Dr.", "U.S.") and initials do not end a
sentence; CJK full stops do.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before
# whitespace and the start of the next one (a capital, digit, quote or bracket).
_BOUNDARY = re.compile(r"""[.!?…]["'”’»)\]]*(\s+)(?=["'“‘«(\[]?[\d\w¿¡])""")
_CJK_BOUNDARY = re.compile(r"(?<=[。！？])\s*")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|"  # initials and U.S.-style abbreviations
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Hon|No|Nos|vs|"
    r"etc|approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mon|Tue|Wed|Thu|Fri|Sat|Sun|Fig|Vol|pp|p|ca|cf|al|Sr|Sra|Dra|Av|Nr|Hr|Fr|bzw|usw|"
    r"z\.B|ul|g|d|т\.е|т\.к|г|ул)\.)$"
)
MAX_SENTENCE_CHARS = 400  # very long "sentences" (lists with no stops) are cut at commas


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, whitespace-trimmed, none empty."""
    pieces: list[str] = []
    for part in _CJK_BOUNDARY.split(text.strip()):
        pieces.extend(_split_western(part))
    result: list[str] = []
    for piece in pieces:
        result.extend(_cut_long(piece))
    return [s for s in (p.strip() for p in result) if s]


def _split_western(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start(1)]
        last_word = candidate.split()[-1] if candidate.split() else ""
        if _ABBREVIATION.search(last_word.strip("\"'”’»)]")):
            continue
        sentences.append(candidate)
        start = match.end(1)
    sentences.append(text[start:])
    return sentences


def _cut_long(sentence: str) -> list[str]:
    """Cut a run-on sentence at clause punctuation so no piece is very long."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    parts: list[str] = []
    current = ""
    for clause in re.split(r"(?<=[,;:])\s+", sentence):
        if current and len(current) + len(clause) + 1 > MAX_SENTENCE_CHARS:
            parts.append(current)
            current = clause
        else:
            current = f"{current} {clause}".strip()
    if current:
        parts.append(current)
    return parts
