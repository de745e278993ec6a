"""Which Western or Central European code page an undeclared page is in.

charset_normalizer (load.py) is sure of long texts but guesses among the
one-byte code pages on short ones: 'crème' read as cp1250 is 'crčme', and a
German paragraph in cp1252 came out as mac_iceland. The code pages differ only
in their accented letters, so the words that hold one are decoded each way and
the language identifier (language.py) says which reading is more surely a
language. windows-1252 comes first on a tie: it is what a browser assumes for an
undeclared page in most of the world.
"""

from __future__ import annotations

from narrate.text.language import identify

CANDIDATES = ("cp1252", "cp1250")  # Western and Central European Windows, the common ones
SAMPLE_WORDS = 300  # words with an accented letter: enough to tell, fast to identify


def single_byte_choice(raw: bytes, detected: str) -> str:
    """`detected`, or the candidate code page whose reading of `raw` is more surely a
    language; a multi-byte encoding (CJK, UTF-16) is kept as detected."""
    try:
        if len(raw.decode(detected)) != len(raw):
            return detected
    except (LookupError, UnicodeDecodeError):
        return detected
    best, best_score = detected, -1.0
    for encoding in dict.fromkeys([*CANDIDATES, detected]):
        score = _sureness(raw, encoding)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _sureness(raw: bytes, encoding: str) -> float:
    """How surely the words with a non-ASCII letter, read in `encoding`, are a language
    (-1 when the bytes are not text in it)."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return -1.0
    words = [word for word in text.split() if not word.isascii()][:SAMPLE_WORDS]
    found = identify(" ".join(words)) if words else None
    return found[1] if found else 0.0
