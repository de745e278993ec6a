"""Reference-heavy pages in six languages, as HTML and as page copies: the prose is read,
the apparatus never, each dropped with its reason, and the title is the article's name.

The pages (tests/text/extract/data/reference, written for these tests in the shape of
real ones) and their phrases are the set `benchmarks/reference_pages.py` scores.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from narrate.core.models import Article, Document, MediaType
from narrate.text.extract import extract

DATA = Path(__file__).parent / "data" / "reference"
PAGES = {page["id"]: page for page in json.loads((DATA / "index.json").read_text("utf-8"))}
KINDS: tuple[MediaType, ...] = ("html", "text")
# What page copies still miss, each a known gap of the copy path (the HTML reads them):
# (page, phrase) -> why. None today.
COPY_GAPS: dict[tuple[str, str], str] = {}


@functools.cache
def _article(pid: str, kind: MediaType) -> Article:
    suffix = ".html" if kind == "html" else ".txt"
    text = (DATA / f"{pid}{suffix}").read_text("utf-8")
    return extract(Document(f"{pid}{suffix}", text, kind, "utf-8", url=PAGES[pid]["url"]))


def _read(article: Article) -> str:
    parts = [article.title, article.byline or "", *(b.text for b in article.blocks)]
    return " ".join(" ".join(parts).split())


def _cases(field: str) -> list[object]:
    cases: list[object] = []
    for pid, page in PAGES.items():
        phrases = (
            page["with"]
            if field == "with"
            else [(kind, p) for kind, ps in page["apparatus"].items() for p in ps]
        )
        for kind in KINDS:
            for phrase in phrases:
                text = phrase if isinstance(phrase, str) else phrase[1]
                gap = COPY_GAPS.get((pid, text)) if kind == "text" else None
                marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
                cases.append(pytest.param(pid, kind, phrase, marks=marks, id=f"{pid}-{kind}"))
    return cases


@pytest.mark.parametrize(("pid", "kind", "phrase"), _cases("with"))
def test_the_prose_is_read(pid: str, kind: MediaType, phrase: str) -> None:
    assert " ".join(phrase.split()) in _read(_article(pid, kind))


@pytest.mark.parametrize(("pid", "kind", "apparatus"), _cases("apparatus"))
def test_the_apparatus_is_not_read(pid: str, kind: MediaType, apparatus: list[str]) -> None:
    what, phrase = apparatus
    assert " ".join(phrase.split()) not in _read(_article(pid, kind)), what


@pytest.mark.parametrize("pid", PAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_title_is_the_articles_name(pid: str, kind: MediaType) -> None:
    assert _article(pid, kind).title == PAGES[pid]["title"]


def _reasons(pid: str, kind: MediaType) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for dropped in _article(pid, kind).dropped:
        found.setdefault(dropped.reason, []).append(dropped.text)
    return found


WIKIS = ("en_wikipedia", "de_wikipedia", "fr_wikipedia", "es_wikipedia_list", "ru_wikipedia")


@pytest.mark.parametrize("pid", [*WIKIS, "zh_wikipedia", "fandom_wiki"])
@pytest.mark.parametrize("kind", KINDS)
def test_references_are_dropped_as_references(pid: str, kind: MediaType) -> None:
    dropped = " ".join(_reasons(pid, kind).get("references", []))
    assert PAGES[pid]["apparatus"]["references"][0] in dropped


@pytest.mark.parametrize("pid", [*WIKIS, "zh_wikipedia", "fandom_wiki"])
@pytest.mark.parametrize("kind", KINDS)
def test_edit_links_are_dropped_as_edit_links(pid: str, kind: MediaType) -> None:
    links = _reasons(pid, kind).get("edit-link", [])
    assert links
    assert all(link.startswith("[") and link.endswith("]") for link in links)


@pytest.mark.parametrize("pid", [*WIKIS, "zh_wikipedia", "baidu_baike"])
@pytest.mark.parametrize("kind", KINDS)
def test_citation_markers_are_dropped_as_markers(pid: str, kind: MediaType) -> None:
    assert "[1]" in " ".join(_reasons(pid, kind).get("citation-marker", []))


CLOSING = ("references", "link-list")


@pytest.mark.parametrize("pid", [*WIKIS, "zh_wikipedia"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_headings_that_end_the_prose_go_with_what_they_head(pid: str, kind: MediaType) -> None:
    """See also, notes, references, further reading, external links, in each language:
    in HTML dropped as references or a link list, the lists under them too. A page copy
    ends the article at the first of them; what follows is after the body."""
    reasons = _reasons(pid, kind)
    closing = [text for reason in CLOSING for text in reasons.get(reason, [])]
    after = closing + reasons.get("after-body", [])
    for heading in PAGES[pid]["apparatus"]["headings"]:
        assert heading in (closing if kind == "html" else after)
    assert any(heading in closing for heading in PAGES[pid]["apparatus"]["headings"])


@pytest.mark.parametrize("pid", ["de_wikipedia", "fr_wikipedia", "ru_wikipedia"])
def test_contents_in_a_page_copy(pid: str) -> None:
    assert len(_reasons(pid, "text").get("contents", [])) >= 3


@pytest.mark.parametrize("pid", ["en_wikipedia", "ru_wikipedia", "baidu_baike"])
def test_infoboxes(pid: str) -> None:
    assert PAGES[pid]["apparatus"]["infobox"][0] in " ".join(_reasons(pid, "html")["infobox"])


def test_the_wiki_byline_is_not_a_byline() -> None:
    for pid in WIKIS:
        assert _article(pid, "html").byline is None


def test_a_list_articles_list_is_read() -> None:
    """The Spanish list article: its table and its list of closed lighthouses are the
    article; only its references, see-also and external links go."""
    body = _read(_article("es_wikipedia_list", "html"))
    assert "Faro del Espigón Viejo Almería 1905 21 m" in body
    assert "Faro del Muelle de Levante (1872-1961)" in body
