"""Split a block of text into sentences, the unit of synthesis and of transcript cues.

Each sentence is synthesised on its own, so its start and end on the final
audio are known exactly (WebVTT/SRT cues need them) and an edit to one
sentence re-synthesises only that sentence. The splitter is deliberately
conservative: a wrong split costs a slightly longer pause, a missed one only
a longer cue. Abbreviations ("Nov.", "Dr.", "U.S.", "z. B.", "т. е.") and
initials do not end a sentence; CJK full stops do, even with no space after them
(Chinese and Japanese write none). In languages that write ordinals with a dot
("am 3. Oktober", "den 5. maj"), a short number's dot does not end a sentence.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before
# whitespace and the start of the next one (a capital, digit, quote or bracket).
_BOUNDARY = re.compile(r"""[.!?…]["'”’»)\]]*(\s+)(?=["'“‘«(\[]?[\d\w¿¡])""")
# After a CJK full stop (and any closing quote or bracket with whitespace after it).
_CJK_BOUNDARY = re.compile(
    r"(?<=[。！？])(?![」』）〕】”’。！？])\s*|(?<=[。！？][」』）〕】”’])\s+"
)
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|"  # initials and U.S.-style abbreviations
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Hon|No|Nos|vs|"
    r"etc|approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mon|Tue|Wed|Thu|Fri|Sat|Sun|Fig|Vol|pp|p|ca|cf|al|Sr|Sra|Dra|Av|Nr|Hr|Fr|bzw|usw|"
    r"z\.B|ul|g|d|т\.е|т\.к|г|ул)\.)$"
)
# Abbreviations of other languages that take a dot and rarely end a sentence.
_LOCAL_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "ca vgl evtl ggf inkl zzgl bspw sog Str Tel Abs Art Bd Hrsg Jh Mio Mrd".split()
    ),
    "fr": frozenset("env cf M MM Mme Mlle Dr av apr p ex éd vol chap fig n°".split()),
    "es": frozenset("Sr Sra Srta Dr Dra Ud Uds aprox núm pág etc EE UU av vol cap".split()),
    "it": frozenset("Sig Sig.ra Dott Prof ecc pag cap vol art es".split()),
    "pt": frozenset("Sr Sra Dr Dra Prof pág cap art vol aprox".split()),
    "nl": frozenset("dhr mevr drs ir prof bijv blz ca enz nl resp".split()),
    "pl": frozenset("ul pl al prof dr inż np tzw tj ok godz mln mld tys".split()),
    "ru": frozenset("г гг ул д т др пр стр см им акад проф млн млрд тыс руб".split()),
}
# Languages that write ordinal numbers with a dot: "3." is "third", not a sentence end.
_ORDINAL_DOT = frozenset("de da no nb nn fi is et lv lt cs sk sl hr sr bs hu tr pl".split())
_ORDINAL = re.compile(r"(?<!\d)\d{1,3}\.$")
_INITIAL = re.compile(r"(?:^|[^\w.])[^\W\d_]\.$")  # one letter of any script: "т. е.", "J."
MAX_SENTENCE_CHARS = 400  # very long "sentences" (lists with no stops) are cut at commas


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of `text` (in `language`, a BCP 47 tag), in order, trimmed, none empty."""
    primary = language.replace("_", "-").split("-")[0].lower()
    pieces: list[str] = []
    for part in _CJK_BOUNDARY.split(text.strip()):
        pieces.extend(_split_western(part, primary))
    result: list[str] = []
    for piece in pieces:
        result.extend(_cut_long(piece))
    return [s for s in (p.strip() for p in result) if s]


def _split_western(text: str, primary: str = "en") -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start(1)]
        last_word = candidate.split()[-1] if candidate.split() else ""
        if _no_end(last_word.strip("\"'”’»)]"), primary):
            continue
        sentences.append(candidate)
        start = match.end(1)
    sentences.append(text[start:])
    return sentences


def _no_end(word: str, primary: str) -> bool:
    """Whether the dot closing `word` belongs to the word (an abbreviation or ordinal)."""
    if _ABBREVIATION.search(word) or (primary != "en" and _INITIAL.search(word)):
        return True
    if primary in _ORDINAL_DOT and _ORDINAL.search(word):
        return True
    return word.endswith(".") and word[:-1] in _LOCAL_ABBREVIATIONS.get(primary, frozenset())


def _cut_long(sentence: str) -> list[str]:
    """Cut a run-on sentence at clause punctuation so no piece is very long."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    parts: list[str] = []
    current = ""
    # Western clauses are joined again with a space; CJK ones (full-width marks) with none.
    for clause in re.split(r"(?<=[,;:])\s+|(?<=[，；：、])", sentence):
        joiner = "" if current.endswith(("，", "；", "：", "、")) else " "
        if current and len(current) + len(clause) + 1 > MAX_SENTENCE_CHARS:
            parts.append(current)
            current = clause
        else:
            current = f"{current}{joiner}{clause}".strip()
    if current:
        parts.append(current)
    return parts
