"""Which Western or Central European code page an undeclared page is in.

charset_normalizer (load.py) is sure of long texts but guesses among the
one-byte code pages on short ones: 'crème' read as cp1250 is 'crčme', and a
German paragraph in cp1252 came out as mac_iceland. The code pages differ only
in their accented letters, and every language writes with its own few: the
page's language (language.py; the words without an accent read the same in
every code page) picks the reading whose accented letters are that language's.
windows-1252 comes first on a tie: it is what a browser assumes for an
undeclared page in most of the world.
"""

from __future__ import annotations

from narrate.text.language import identify

CANDIDATES = ("cp1252", "cp1250")  # Western and Central European Windows, the common ones
SAMPLE_WORDS = 400  # enough to tell the language, fast to identify
_LOANS = "àâäçéèêëïîôöûüñ"  # what English, and most languages, borrow with the words
# The letters beyond a-z each language writes with (its alphabet's, lower case).
ALPHABETS = {
    "en": "", "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíóúñü", "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóù", "ca": "àçèéíïòóúü", "nl": "áéëïèóöü", "sv": "åäöé", "da": "æøåé",
    "no": "æøåé", "nb": "æøåé", "fi": "äöå", "is": "áðéíóúýþæö", "et": "äöõüšž",
    "ga": "áéíóú", "hr": "čćđšž", "bs": "čćđšž", "sr": "čćđšž", "sh": "čćđšž", "sl": "čšž",
    "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű", "ro": "ăâîșțşţ", "tr": "çğıöşüâî", "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšū", "sq": "çë", "eu": "ñ", "gl": "áéíóúñ", "lb": "äéë", "mt": "ċġħż",
}  # fmt: skip  # a table, 35 entries packed several a line


def single_byte_choice(raw: bytes, detected: str) -> str:
    """`detected`, or the candidate code page whose accented letters are those of the
    page's language; a multi-byte encoding (CJK, UTF-16) is kept as detected."""
    try:
        text = raw.decode(detected)
    except (LookupError, UnicodeDecodeError):
        return detected
    if len(text) != len(raw):
        return detected
    found = identify(" ".join(text.split()[:SAMPLE_WORDS]))
    if found is None or found[0] not in ALPHABETS:
        return detected
    letters = set(ALPHABETS[found[0]] + _LOANS)
    best, best_share = detected, -1.0
    for encoding in dict.fromkeys(["cp1252", detected, *CANDIDATES]):
        share = _share_in(raw, encoding, letters)
        if share > best_share:
            best, best_share = encoding, share
    return best


def _share_in(raw: bytes, encoding: str, letters: set[str]) -> float:
    """The share of the non-ASCII letters of `raw` read in `encoding` that are `letters`
    (-1 when the bytes are not text in it, 1 when it has none)."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return -1.0
    accented = [ch for ch in text.casefold() if not ch.isascii() and ch.isalpha()]
    return sum(ch in letters for ch in accented) / len(accented) if accented else 1.0
