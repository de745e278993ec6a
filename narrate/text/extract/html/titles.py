"""The article's name among what a page says about itself, and the names of its site.

Pure functions over strings (`html/meta` reads them from the page): the declared titles
(og:title, the ld+json headline), the <title>, the <h1>s. A page's <title> is usually
'Name | Site'; its <h1> the name alone; what it declares, the name or (Wikipedia's
ld+json) a description. Where they disagree, their agreement decides.
"""

from __future__ import annotations

import re

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s+::\s+")
# '蔡健雅_百度百科', 'Name｜Site': joined without spaces, split only where a part is the <h1>
_TIGHT_SEPARATORS = re.compile(r"\s*[_|｜－–—:·•»]\s*|\s+-\s+")
_WORD = re.compile(r"\w+")
# A URL slug ('kindersitztest-herbst-2018'): words in lower case joined by hyphens or
# underscores, no space. Some CMSs fill og:title with the page's internal name.
_SLUG = re.compile(r"[^\W_]+(?:[-_][^\W_]+){2,}")


def choose_title(declared: list[str], title: str, h1s: list[str], site: str | None) -> str | None:
    """The article's name: the first declared title, unless it is a URL slug or a description
    sharing no word with the <title> its <h1> agrees with; then the <h1> that shares a word with the
    <title>; then the <title>. A site's part is left out, and where the chosen text is an
    <h1> joined to more ('Name_Site'), it is the <h1>."""
    for candidate in declared:
        if candidate and not _is_slug(candidate) and not _describes(candidate, title, h1s):
            return _named_part(_strip_site(candidate, site), h1s)
    h1 = _headline_h1(h1s, title)
    if h1:
        return h1
    return _named_part(_strip_site(title, site), h1s) if title else None


def _is_slug(text: str) -> bool:
    return text == text.lower() and _SLUG.fullmatch(text) is not None


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


# A declared title sharing less than this share of its words with the <title> says
# something else than the name the <title> and the <h1> agree on.
_SHARED_WITH_TITLE = 0.5


def _describes(candidate: str, title: str, h1s: list[str]) -> bool:
    """A declared title that is a description of the page, not its name: the <title> and
    an <h1> agree on the name (every word of the <h1> is in the <title>), and most of its
    words are not in the <title> (Wikipedia's ld+json headline, the article's short
    description: 'lighthouse on the coast of North Yorkshire')."""
    title_words = _words(title)
    agreed = any(_words(h1) and _words(h1) <= title_words for h1 in h1s)
    words = _words(candidate)
    return agreed and len(words & title_words) < _SHARED_WITH_TITLE * len(words)


def _headline_h1(h1s: list[str], title: str) -> str | None:
    """The first <h1> sharing a word with the <title> (the first <h1> when there is no
    <title>): pages also put 'Menu', 'Sections' or the logo in an <h1>."""
    words = _words(title)
    return next((h1 for h1 in h1s if not words or words & _words(h1)), None)


def _named_part(text: str, h1s: list[str]) -> str:
    """The <h1> when the text is it joined to a site's name or a section's."""
    names = {_key(h1): h1 for h1 in h1s}
    if _key(text) in names:
        return text
    for part in _TIGHT_SEPARATORS.split(text):
        if _key(part) and _key(part) in names:
            return names[_key(part)]
    return text


def _strip_site(title: str, site: str | None) -> str:
    """Drop a ' | Site Name' part: the part naming the site, else the shorter end part."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        kept = [p for p in parts if p.lower() != site.lower()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    if len(parts[-1]) < len(parts[0]) / 2 and len(parts[-1]) <= 30:
        return " - ".join(parts[:-1])
    return title


_SEPARATOR_CHARS = " -–—|_:·•»｜"


def title_remainder(whole: str, name: str | None) -> list[str]:
    """What a <title> adds to the article's name after a separator: 'Wikipedia' in
    'Hafenstadt – Wikipedia', 'Dr. Oetker' in 'Muffins Rezept | Dr. Oetker' (a word
    joined to the name, 'Rezept', is the title's own)."""
    if not name or whole == name or name not in whole:
        return []
    parts: list[str] = []
    for piece in whole.split(name):
        pieces = _TIGHT_SEPARATORS.split(piece)
        if piece.lstrip()[:1] not in _SEPARATOR_CHARS:
            pieces = pieces[1:]  # joined to the name
        parts += [rest for p in pieces if (rest := p.strip(_SEPARATOR_CHARS))]
    return parts


_STEM_MIN = 5
_STEM_SHARE = 0.75
_WHOLE_NAME_MIN = 2


def names_site(text: str, site: tuple[str, ...]) -> bool:
    """Whether `text` names the site: one of its words (of five letters or more) is one of
    the site's names' words, give or take an ending ('Википедии', 'Википедия')."""
    if any(len(name) >= _WHOLE_NAME_MIN and name.casefold() in text.casefold() for name in site):
        return True  # written whole ('维基百科，自由的百科全书', a script without spaces)
    ours = [w for w in _WORD.findall(text.casefold()) if len(w) >= _STEM_MIN]
    theirs = [w for name in site for w in _WORD.findall(name.casefold()) if len(w) >= _STEM_MIN]
    return any(_same_stem(a, b) for a in ours for b in theirs)


def _same_stem(a: str, b: str) -> bool:
    common = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return common >= _STEM_MIN and common >= _STEM_SHARE * min(len(a), len(b))
