"""The apparatus of a wiki page in HTML: markers, edit links, references, contents."""

from __future__ import annotations

from narrate.core.models import Article, Document
from narrate.text.extract.html.extract import extract_html

PARAGRAPHS = (
    "Die Stadt liegt an der Mündung des Flusses in die Ostsee und wurde im zwölften"
    " Jahrhundert als Fischerdorf gegründet, lange bevor der Hafen gebaut wurde.",
    "Im neunzehnten Jahrhundert wuchs der Hafen schnell, als die Eisenbahn die Stadt mit"
    " dem Hinterland verband und die Werften Hunderte von Arbeitern anzogen.",
    "Heute leben vor allem Pendler und Familien in der Altstadt, deren Häuser nach dem"
    " großen Brand von 1911 in Backstein wieder aufgebaut worden sind.",
)


def _edit(section: int) -> str:
    return (
        '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
        f'<a href="/w/index.php?title=Hafenstadt&action=edit&section={section}">Bearbeiten</a>'
        '<span class="mw-editsection-divider"> | </span>'
        f'<a href="/w/index.php?title=Hafenstadt&action=edit&section={section}">'
        'Quelltext bearbeiten</a><span class="mw-editsection-bracket">]</span></span>'
    )


SECTIONS = ("Geschichte", "Gegenwart", "Einzelnachweise")


def _entry(number: int, name: str) -> str:
    return (
        f'<li><a href="#{name}"><span class="tocnumber">{number}</span>'
        f' <span class="toctext">{name}</span></a></li>'
    )


WIKI_PAGE = f"""<!doctype html><html lang="de"><head><title>Hafenstadt – Wikipedia</title></head>
<body><div id="content" class="mw-body" role="main"><h1 id="firstHeading">Hafenstadt</h1>
<div id="bodyContent" class="vector-body">
<div id="siteSub" class="noprint">Aus Wikipedia, der freien Enzyklopädie</div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-parser-output">
<p><span id="coordinates">Koordinaten: 54° 5′ N, 12° 8′ O</span></p>
<p>{PARAGRAPHS[0]}<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<div id="toc" class="toc"><div class="toctitle"><h2>Inhaltsverzeichnis</h2></div><ul>
{"".join(_entry(n, name) for n, name in enumerate(SECTIONS, 1))}
</ul></div>
<h2><span class="mw-headline" id="Geschichte">Geschichte</span>{_edit(1)}</h2>
<p>{PARAGRAPHS[1]}<sup class="noprint"><a href="/wiki/Hilfe:Belege">[Beleg fehlt]</a></sup></p>
<h2><span class="mw-headline" id="Gegenwart">Gegenwart</span>{_edit(2)}</h2>
<p>{PARAGRAPHS[2]}<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>
<h2><span class="mw-headline" id="Einzelnachweise">Einzelnachweise</span>{_edit(3)}</h2>
<ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span>
<span class="reference-text">Hans Beispiel: <i>Die Geschichte der Hafenstadt.</i> Verlag am Meer,
Rostock 1998, ISBN 3-123-45678-9, S. 45–47.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><a href="#cite_ref-2">↑</a></span>
<span class="reference-text"><a class="external" href="https://example.org/statistik">Einwohner
nach Stadtteilen.</a> Statistisches Amt, 2020, abgerufen am 3. Mai 2021.</span></li>
</ol></div></div></div></div></body></html>
"""


def _article() -> Article:
    return extract_html(Document("hafen.html", WIKI_PAGE, "html", "utf-8"))


def _dropped(article: Article, reason: str) -> list[str]:
    return [d.text for d in article.dropped if d.reason == reason]


def test_the_prose_is_read_whole_and_in_order() -> None:
    texts = [b.text for b in _article().blocks]
    assert texts == [
        PARAGRAPHS[0],
        "Geschichte",
        PARAGRAPHS[1],
        "Gegenwart",
        PARAGRAPHS[2],
    ]


def test_each_kind_of_apparatus_is_dropped_with_its_reason() -> None:
    article = _article()
    assert _dropped(article, "citation-marker") == ["[1]", "[Beleg fehlt]", "[2]"]
    assert _dropped(article, "edit-link") == ["[Bearbeiten | Quelltext bearbeiten]"] * 3
    references = _dropped(article, "references")
    assert references[0] == "Einzelnachweise"
    assert any("ISBN 3-123-45678-9" in text for text in references)
    assert any("Statistisches Amt, 2020" in text for text in references)
    assert _dropped(article, "coordinates") == ["Koordinaten: 54° 5′ N, 12° 8′ O"]
