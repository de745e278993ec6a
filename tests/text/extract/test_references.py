"""Citation-shaped lines and the apparatus closing an article, in several languages."""

from __future__ import annotations

import pytest

from narrate.text.extract.references import LINK_LIST, REFERENCES, Unit, apparatus, is_citation

CITATIONS = [
    # English Wikipedia, with its back-link
    '^ a b van der Maaten, L.J.P.; Hinton, G.E. (Nov 2008). "Visualizing Data Using t-SNE"'
    " (PDF). Journal of Machine Learning Research. 9: 2579–2605.",
    '^ "Harbour ferry timetable". Port Authority. Retrieved 2018-04-16.',
    "Smith, John. The River Book. London: Example Press, 1987.",
    # German: Einzelnachweise and Literatur
    "↑ Hans Müller: Die Geschichte der Stadt. Verlag Beispiel, Berlin 1998, ISBN 3-123-45678-9,"
    " S. 45–47.",
    "Peter Schmidt: Der Fluss und die Stadt. In: Zeitschrift für Heimatkunde. Band 12, 2004,"
    " S. 33–41.",
    # French
    "↑ Jean Dupont, Histoire de la ville, Paris, Éditions Exemple, 2003, 312 p."
    " (ISBN 978-2-1234-5678-9), p. 45.",
    # Spanish
    "García, Ana (2010). «Título del artículo». Revista de Ejemplo 12 (3): 45-67."
    " Consultado el 5 de mayo de 2015.",
    # Russian
    "Иванов И. И. Название книги. — М.: Наука, 1999. — С. 12—15.",
    # Chinese: a book, a web page with its access date, Baidu Baike's shape
    "张三. 书名. 北京: 出版社, 2005: 12–15.",
    "李四. 文章标题. 新华网. 2019-05-01 [2020-01-02].",
    "第十七届金曲奖完全入围名单 ．新浪[引用日期2014-05-19]",
    # an identifier alone says it
    "Doe, J. Tidal bores of the north. doi:10.1000/182",
]

PROSE = [
    "The study, published in Nature (2019), found that 40 of the 1,200 colonies had died"
    " over the winter, far more than the beekeepers had expected.",
    "Die Anträge auf Auszahlung müssen bis zum 30. April 2022 bei der zuständigen unteren"
    " Behörde eingereicht werden. Nur vollständige Anträge können bearbeitet werden."
    " https://example.org/antrag.pdf",
    "Karlsruhe, (12.11.2021). Traditionell gedenken die Christen am Ewigkeitssonntag ihrer"
    " verstorbenen Angehörigen und Freunde in den Gottesdiensten der Gemeinden.",
    "En 1998, la ville a ouvert un nouveau port de plaisance, qui accueille aujourd'hui près"
    " de 400 bateaux pendant l'été.",
    "В 1999 году город получил статус исторического поселения, и с тех пор его центр"
    " охраняется государством.",
    "2009年移居台湾；8月19日发行专辑，凭此专辑入围第21届金曲奖最佳作曲人。",
    "Contents",
    "Official website",
    "The Harbour (1952)",
]


@pytest.mark.parametrize("line", CITATIONS)
def test_citations_are_recognised(line: str) -> None:
    assert is_citation(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_and_titles_are_not_citations(line: str) -> None:
    assert not is_citation(line)


PARAGRAPH = (
    "The harbour was built in the twelfth century and has been rebuilt three times since,"
    " most recently after the great storm that destroyed its western wall."
)


def _reasons(*units: Unit) -> list[str | None]:
    return apparatus(list(units))


def test_references_section_closing_the_article_goes_with_its_heading() -> None:
    reasons = _reasons(
        Unit(PARAGRAPH),
        Unit("History", heading=True),
        Unit(PARAGRAPH),
        Unit("Einzelnachweise", heading=True),
        Unit(CITATIONS[3]),
        Unit(CITATIONS[4]),
        Unit("Weblinks", heading=True),
        Unit("Offizielle Website der Stadt", links=1.0),
    )
    assert reasons == [None, None, None, REFERENCES, REFERENCES, REFERENCES, LINK_LIST, LINK_LIST]


def test_see_also_between_prose_and_references_goes_too() -> None:
    reasons = _reasons(
        Unit(PARAGRAPH, links=0.1),
        Unit("Voir aussi", heading=True),
        Unit("Port de plaisance", links=1.0),
        Unit("Liste des phares de France", links=1.0),
        Unit("Notes et références", heading=True),
        Unit(CITATIONS[5], links=0.0),
        Unit(CITATIONS[0], links=0.2),
    )
    assert reasons[0] is None
    assert reasons[1:4] == [LINK_LIST] * 3
    assert reasons[4:] == [REFERENCES] * 3


def test_a_list_articles_lists_stay_before_its_references() -> None:
    """A list article's lists follow one another; only the references go."""
    units = [Unit(PARAGRAPH, links=0.1)]
    for heading in ("North", "South"):
        units.append(Unit(heading, heading=True))
        units += [Unit(f"{heading} lighthouse {n}", links=1.0) for n in range(5)]
    units += [Unit("References", heading=True), Unit(CITATIONS[0]), Unit(CITATIONS[1])]
    reasons = apparatus(units)
    assert reasons[:-3] == [None] * (len(units) - 3)
    assert reasons[-3:] == [REFERENCES] * 3


def test_prose_after_the_references_keeps_them_in_place() -> None:
    """References in the middle go, and the prose after them stays."""
    reasons = _reasons(
        Unit(PARAGRAPH),
        Unit("Литература", heading=True),
        Unit(CITATIONS[7]),
        Unit("Иванов И. И. Другая книга. — М.: Наука, 2001. — С. 3—9."),
        Unit("Память", heading=True),
        Unit(PARAGRAPH),
    )
    assert reasons == [None, REFERENCES, REFERENCES, REFERENCES, None, None]


def test_a_list_under_a_label_that_is_no_heading() -> None:
    """Baidu Baike's '参考资料' is a label, not a heading: the list after the last
    paragraph goes, the paragraph stays."""
    reasons = _reasons(
        Unit("人物评价", heading=True),
        Unit(
            "作为创作人，她善于反省，善于学习，写歌很随性，生活中的点滴感触都会用歌的方式表现出来。"
        ),
        Unit("参考资料"),
        Unit("1."),
        Unit(CITATIONS[10]),
        Unit("第17届金曲奖昨晚揭晓 ．网易[引用日期2014-05-19]"),
    )
    assert reasons == [None, None, REFERENCES, REFERENCES, REFERENCES, REFERENCES]


def test_a_run_of_citations_without_a_heading() -> None:
    reasons = _reasons(Unit(PARAGRAPH), Unit(CITATIONS[2]), Unit(CITATIONS[9]))
    assert reasons == [None, REFERENCES, REFERENCES]


def test_one_citation_in_the_text_stays_unless_it_is_a_footnote() -> None:
    assert _reasons(Unit(PARAGRAPH), Unit(CITATIONS[2]), Unit(PARAGRAPH)) == [None] * 3
    note = "^ The harbour master's own count, which the council disputes."
    assert _reasons(Unit(PARAGRAPH), Unit(note)) == [None, REFERENCES]


def test_a_closing_link_list_after_prose_needs_links() -> None:
    links = [Unit(PARAGRAPH, links=0.0), Unit("See also", heading=True)]
    links += [Unit("Lighthouse", links=1.0), Unit("Breakwater", links=1.0)]
    assert apparatus(links)[1:] == [LINK_LIST] * 3
    # in plain text two short lines closing an article are no link list
    plain = [Unit(PARAGRAPH), Unit("Tour dates", heading=True), Unit("Leeds"), Unit("York")]
    assert apparatus(plain) == [None] * 4


def test_an_ftp_address_is_a_link_like_an_http_one() -> None:
    """A PDF's references entry holding an ftp:// link was read (the shared-mime-info
    specification's last entry): its line counted as prose."""
    units = [Unit(PARAGRAPH), Unit("References", heading=True)]
    ftp = "ftp://ftp.ietf.org/internet-drafts/draft-ietf-acap-mediatype-01.txt"
    units += [
        Unit("BaseDir XDG Base Directory Specification"),
        Unit("http://www.freedesktop.org/standards/basedir/basedir-spec.html"),
        Unit(f"ACAP ACAP Media Type Dataset Class {ftp}"),
    ]
    assert apparatus(units) == [None] + [LINK_LIST] * 4
