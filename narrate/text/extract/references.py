"""The apparatus of reference-heavy pages, found by shape: citation lines, and the headings
that end an article's prose (references, notes, see-also and external-link lists).

Everything here works on plain strings, so the blocks of an HTML page, the lines of a
page copy and the lines of a PDF go through the same code. How to call it:

    from narrate.text.extract.references import Unit, apparatus, is_citation

    is_citation('Doe, J. (2019). "Bees". Nature 3: 1-9. doi:10.1000/x')   # True
    reasons = apparatus([
        Unit("History", heading=True), Unit("The town grew around its harbour ..."),
        Unit("References", heading=True), Unit("^ Doe, J. (2019). Bees. Nature."),
    ])
    #   -> [None, None, "references", "references"]: drop every unit with a reason

A `Unit` is one block or line in reading order: its text, whether it is a heading, and,
when the input knows it (HTML), the share of its characters inside links. `apparatus`
gives each unit the reason it is apparatus (`references`, `link-list`) or None to read
it. No word lists: a citation is recognised by what citations are made of in every
language (years, dates, identifiers such as DOI and ISBN, URLs, page numbers, initials,
quoted titles, a back-link '^' or '↑' opening the line), a references section by the
citations under its heading, and the end of the prose by where those sections start.
The marks inside the text (citation markers, edit links, a table of contents,
coordinates) are in `marks`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrate.text.extract.words import CJK, SENTENCE_END, word_count

# A back-link opening a footnote: '^', '^ a b', '↑', '↑ a et b'.
_BACKLINK = re.compile(r"^\s*[\^↑]")
# Identifiers only references carry; the acronyms are the same in every language.
_IDENTIFIER = re.compile(
    r"\b(?:doi|isbn|issn|arxiv|pmid|pmc|oclc|bibcode|jstor|s2cid|lccn|zdb|hdl|urn:nbn)\b"
    r"\s*:?\s*[\w(]|\b10\.\d{4,9}/\S+|\b97[89][-\s]?\d{1,5}[-\s]\d+[-\s]\d+[-\s]?[\dX]\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?|ftp)://\S+|\bwww\.[\w-]+\.\S+")
_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])(?:1[5-9]\d\d|20\d\d)(?!\d|[.,]\d)")
# '(2009)', '(Nov 2008)', '(2016-02-01)', '(1998a)': an author-date citation's year.
_YEAR_IN_BRACKETS = re.compile(r"[(（](?:[^()（）]{0,20}?\s)?(?:1[5-9]\d\d|20\d\d)[a-z]?[)）]")
_ISO_DATE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d(?!\d)")
# An access date in brackets: '[引用日期2014-05-19]', '[2020-01-02]', '(consulté le 3.5.2019)'.
_BRACKETED_DATE = re.compile(
    r"[\[（(【][^\[\]()（）【】]{0,24}?(?:\d{4}[-./年]\d{1,2}[-./月]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})"
    r"日?[\]）)】]"
)
# 'S. 45', 'pp. 2579–2605', 'vol. 9', 'с. 12—15', 'Bd. 3', 'Nr. 4', '9: 2579–2605', '25 (5): 615'
# or a page count: '286 p.', '312 S.', '190 с.'
_PAGES = re.compile(
    r"(?<!\w)[^\W\d_]{1,4}\.\s?\d+(?:\s?[–—-]\s?\d+)?|\d+\s?(?:\(\d+\))?\s?:\s?\d+\s?[–—-]\s?\d+"
    r"|\b\d{2,4}\s?[^\W\d_]{1,2}\.(?=\s|$|[,;)])"
)
# Initials after or before a name: 'Hinton, G.E.', 'L. J. P.', 'Иванов И. И.'
_INITIAL = re.compile(r"(?<![\w.])([^\W\d_])\.(?=\s|,|;|\)|[^\W\d_]\.|$)")
# 'London: Example Press, 1987', 'М.: Наука, 1999', '北京: 出版社, 2005': place, publisher, year
_IMPRINT = re.compile(r"\w\.?:\s?[^,.:;]{2,40},\s?(?:1[5-9]|20)\d\d(?!\d)")
# 'Smith, John.' or 'Peter Schmidt: Title' opening the line: an author's name
_AUTHOR_OPENING = re.compile(
    r"^([^\W\d_])[\w'’-]+,\s([^\W\d_])|^([^\W\d_])[\w'’-]+(?: [\w'’-]+){0,3}:\s"
)
# A citation is a string of short parts ('Smith, John. The River Book. London: ...').
_PART = re.compile(r"[.,;:](?:\s|$)|\s[—–]\s")
_SHORT_PARTS = 4
_PART_WORDS = 4.0
_QUOTED_TITLE = re.compile(r"[\"“„«《「『][^\"“”„«»《》「」『』]{3,}[\"”“»》」』]")

# Weights of the evidence (a sum of at least _CITATION is a citation). Strong shapes only
# references have; weak ones that prose has too, but rarely several at once.
_STRONG = 2.0
_MEDIUM = 1.0
_WEAK = 0.5
_CITATION = 2.5
# Running text this long needs a back-link or an identifier and more evidence: an
# article that names a study 'published in Nature (2019)' is still prose.
_PROSE_WORDS = 20
_PROSE_CITATION = 4.0
_MAX_CITATION_WORDS = 120
# What a citation has at least one of: a year, a range of numbers (pages), a link, a
# back-link, an identifier (a quick first look before the evidence is weighed).
_ANY_NUMBER_OR_LINK = re.compile(
    r"(?:1[5-9]|20)\d\d|\d\s?[–—:-]\s?\d|\d\s?[^\W\d_]{1,2}\.|[^\W\d_]{1,4}\.\s?\d"
    r"|^\s*[\^↑]|(?:https?|ftp)://|www\.|doi|isbn|issn|arxiv",
    re.IGNORECASE,
)


def citation_evidence(text: str) -> float:
    """How much `text` is shaped like a bibliographic citation (0: not at all)."""
    score = 0.0
    bare = _URL.sub(" ", text)  # a year or a number inside an address says nothing
    if _BACKLINK.match(text):
        score += _STRONG
    if _IDENTIFIER.search(text):
        score += _STRONG
    if _BRACKETED_DATE.search(bare):
        score += _STRONG
    if _YEAR_IN_BRACKETS.search(bare):
        score += _MEDIUM + _WEAK
    elif _ISO_DATE.search(bare):
        score += _MEDIUM + _WEAK
    elif _YEAR.search(bare):
        score += _MEDIUM
    if bare != text:
        score += _MEDIUM + _WEAK
    if _PAGES.search(bare):
        score += _MEDIUM
    initials = sum(1 for m in _INITIAL.finditer(bare) if m.group(1).isupper())
    if initials >= 2:
        score += _MEDIUM
    if _QUOTED_TITLE.search(bare):
        score += _WEAK
    if _IMPRINT.search(bare):
        score += _MEDIUM
    opening = _AUTHOR_OPENING.match(bare.lstrip("^↑ "))
    if opening and all(g.isupper() for g in opening.groups() if g):
        score += _WEAK
    if _short_parts(bare):
        score += _MEDIUM
    return score


def _short_parts(text: str) -> bool:
    """Four or more parts between stops and commas, of four words or fewer on average."""
    parts = [p for p in _PART.split(text) if p.strip()]
    return len(parts) >= _SHORT_PARTS and word_count(text) / len(parts) <= _PART_WORDS


def is_citation(text: str) -> bool:
    """A bibliographic reference or a footnote: a line made of its parts, not a sentence.

    Running text (many words, mostly small ones) needs more evidence than a line of
    names, titles and numbers; a whole paragraph is never one.
    """
    return _citation_level(text) == _FULL


_FULL, _NEAR = 2, 1
# Among citations, a line with this much evidence is one too ('Paul Lenoir, Passer la
# rivière, Paris, 2011, 190 p.': no identifier, no place before a colon).
_NEAR_CITATION = 1.5


@functools.lru_cache(maxsize=4096)  # asked of the same lines by sections and by runs
def _citation_level(text: str) -> int:
    """_FULL for a citation, _NEAR for a line that is one among citations, else 0."""
    text = text.strip()
    if not _ANY_NUMBER_OR_LINK.search(text):
        return 0  # a citation without a number, a link or a back-link: not here
    if word_count(text) > _MAX_CITATION_WORDS:
        return 0
    evidence = citation_evidence(text)
    if _is_running_text(text):  # prose names its sources; only a footnote is made of them
        anchored = _BACKLINK.match(text) or _IDENTIFIER.search(text)
        return _FULL if anchored and evidence >= _PROSE_CITATION else 0
    return _FULL if evidence >= _CITATION else _NEAR if evidence >= _NEAR_CITATION else 0


# Running text: this share of its words start in lower case (German capitalises its nouns,
# and still writes about half its words small; a citation is names and titles).
_LOWER_SHARE = 0.45
_CJK_SENTENCE = re.compile(r"[\u3400-\u9fff][，。；！？]")


def _is_running_text(text: str) -> bool:
    """Long, and mostly small words: prose, even with a year and a name in it."""
    bare = _URL.sub(" ", text)
    if word_count(bare) < _PROSE_WORDS:
        return False
    if CJK.search(bare):
        return len(_CJK_SENTENCE.findall(bare)) >= 2
    tokens = bare.split()
    lower = sum(1 for t in tokens if t[:1].islower())
    return lower >= _LOWER_SHARE * len(tokens)


# --- the apparatus at the end of an article ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """One block or line in reading order.

    `links`: the share of its characters inside links, when the input knows it (HTML);
    None for plain text."""

    text: str
    heading: bool = False
    links: float | None = None


REFERENCES = "references"
LINK_LIST = "link-list"

# A line that is only a footnote's number or back-link ('1.', '^', '[3]', '↑').
_MARKER_ONLY = re.compile(r"^\s*(?:[\^↑]\s*)?(?:\[?\d{1,3}[.)\]]?|[\^↑]|[a-z][.)])\s*$")
_LINK_ITEM_WORDS = 25
_LINK_SHARE = 0.6
# a short line with a link in it: a link and what it leads to
_LINKED_SHARE = 0.25
_LINKED_WORDS = 12
_SHORT_ITEM_WORDS = 15
# A link list standing between the prose and the references ('See also') has few items.
_SEE_ALSO_ITEMS = 15
# A references section lists several; one citation-shaped line under a heading may be
# anything with a date and a link in it (a teaser card's image address and times).
_SECTION_CITATIONS = 2


def _item_kind(unit: Unit) -> str:
    """'citation', 'near' (a citation among citations), 'link', 'marker', 'short' (a
    title-like line) or 'text'."""
    text = unit.text.strip()
    if not text or _MARKER_ONLY.match(text):
        return "marker"
    level = _citation_level(text)
    if level == _FULL:
        return "citation"
    words = word_count(text)
    if _BACKLINK.match(text) and words <= _MAX_CITATION_WORDS:
        return "citation"  # a back-link opens a footnote, whatever it says
    if unit.links is not None and unit.links >= _LINK_SHARE and words <= _LINK_ITEM_WORDS:
        return "link"
    if unit.links is not None and unit.links >= _LINKED_SHARE and words <= _LINKED_WORDS:
        return "link"  # 'Faros de España, portal de la Autoridad Portuaria.
    if _URL.search(text) and word_count(_URL.sub(" ", text)) <= _SHORT_ITEM_WORDS:
        return "link"
    if level == _NEAR:
        return "near"
    if words <= _SHORT_ITEM_WORDS and not SENTENCE_END.search(text):
        return "short"
    return "text"


@dataclass(slots=True)
class _Section:
    heading: int | None  # index of its heading unit (None: the text before the first one)
    items: list[int]
    kinds: list[str]

    def verdict(self, plain: bool) -> str:
        """'references', 'links', 'empty' or 'text'."""
        kinds = [k for k in self.kinds if k != "marker"]
        if not kinds:
            return "empty"
        citations = kinds.count("citation")
        near = citations + kinds.count("near")
        if citations and near >= _SECTION_CITATIONS and near * 2 >= len(kinds):
            return REFERENCES
        # without link markup (plain text), a column of short titles is a link list
        links = kinds.count("link") + (kinds.count("short") if plain else 0)
        if links and (links + citations) * 5 >= len(kinds) * 4:
            return "links"
        return "text"


def _sections(units: Sequence[Unit], kinds: list[str]) -> list[_Section]:
    sections = [_Section(None, [], [])]
    for i, unit in enumerate(units):
        if unit.heading:
            sections.append(_Section(i, [], []))
        else:
            sections[-1].items.append(i)
            sections[-1].kinds.append(kinds[i])
    return sections


def apparatus(units: Sequence[Unit]) -> list[str | None]:
    """Per unit, why it is apparatus (`REFERENCES`, `LINK_LIST`) or None to read it.

    - A references section (a heading over citations) is dropped with its heading
      wherever it stands, and so is a run of two or more citations anywhere, or one
      opening with a back-link.
    - The article's prose ends at the first references section after which only
      references and link lists follow: those go, and a short link list right
      before it ('See also') that follows prose goes too.
    """
    reasons: list[str | None] = [None] * len(units)
    plain = all(u.links is None for u in units)
    kinds = ["heading" if unit.heading else _item_kind(unit) for unit in units]
    sections = _sections(units, kinds)
    verdicts = [s.verdict(plain) for s in sections]
    for section, verdict in zip(sections, verdicts, strict=True):
        if verdict == REFERENCES:
            _drop(section, reasons, REFERENCES)
    tail = _tail_start(sections, verdicts)
    for position in range(tail, len(sections)):
        reason = REFERENCES if verdicts[position] == REFERENCES else LINK_LIST
        _drop(sections[position], reasons, reason)
    _citation_runs(units, kinds, reasons)
    return reasons


_CITED = ("citation", "near", "marker")


def _drop(section: _Section, reasons: list[str | None], reason: str) -> None:
    """Drop a section of apparatus: whole, heading included, when it holds no prose;
    else its citations and what follows its last paragraph when citations are in it
    (a references list under a label that is no heading: 'Sources', then the list)."""
    whole = "text" not in section.kinds
    if section.heading is not None and whole:
        reasons[section.heading] = reasons[section.heading] or reason
    last_text = max((n for n, kind in enumerate(section.kinds) if kind == "text"), default=-1)
    closing = "citation" in section.kinds[last_text + 1 :]
    for n, (i, kind) in enumerate(zip(section.items, section.kinds, strict=True)):
        if whole or kind in _CITED or (closing and n > last_text):
            reasons[i] = reasons[i] or reason


def _tail_start(sections: list[_Section], verdicts: list[str]) -> int:
    """Index of the first section of the closing apparatus (len(sections): none).

    It starts at a references section after which nothing is prose (link lists, short
    lines, more references), or at a last link list; a short link list right after the
    prose and before it ('See also') goes with it. A list article's lists follow one
    another and stay.
    """
    count = len(sections)
    no_prose = [True] * (count + 1)
    for position in range(count - 1, 0, -1):
        no_prose[position] = no_prose[position + 1] and "text" not in sections[position].kinds
    first = next(
        (p for p in range(1, count) if verdicts[p] == REFERENCES and no_prose[p + 1]), count
    )
    if first == count:  # no references: a link list closing the page, after prose
        last = count - 1
        while last > 1 and verdicts[last] == "empty":
            last -= 1
        if last >= 1 and _is_see_also(sections, verdicts, last, ("link",)):
            return last
        return count
    while first > 1 and verdicts[first - 1] == "empty":
        first -= 1
    before = first - 1
    if before >= 1 and _is_see_also(sections, verdicts, before, ("link", "short")):
        return before
    return first


def _is_see_also(
    sections: list[_Section], verdicts: list[str], position: int, kinds: tuple[str, ...]
) -> bool:
    """A link list of a few items of `kinds` right after prose. Closing the page it must
    hold links; before the references, short titles will do (a page copy has no links)."""
    section = sections[position]
    return (
        verdicts[position] == "links"
        and len(section.items) <= _SEE_ALSO_ITEMS
        and any(kind in section.kinds for kind in kinds)
        and verdicts[position - 1] == "text"
    )


def _citation_runs(units: Sequence[Unit], kinds: list[str], reasons: list[str | None]) -> None:
    """Citations outside a references section: two or more in a row, or one with a back-link."""
    run: list[int] = []
    for i, kind in enumerate([*kinds, "heading"]):
        if kind == "citation" or (kind == "marker" and run):
            run.append(i)
            continue
        if kind == "marker":
            run = [i]  # '1.' above the citation it numbers
            continue
        citations = [j for j in run if kinds[j] == "citation"]
        backlinked = any(_BACKLINK.match(units[j].text) for j in citations)
        if len(citations) >= 2 or backlinked:
            for j in run:
                reasons[j] = reasons[j] or REFERENCES
        run = []
