"""A forum thread or a slideshow in a plain-text page copy: every post or slide is read,
from the first to the last, and the authors' boxes between posts, the pictures' credits
and what follows the last part are not; numbers that do not count up one by one make
neither."""

from __future__ import annotations

from narrate.core.models import Article
from narrate.text.extract.pagecopy.lines import split_lines
from narrate.text.extract.pagecopy.numbered import find_parts
from tests.text.extract.pagecopy.copies import FOOTER, MENU, page

TITLE = "Unser Kater bringt jede Nacht Erde mit ins Bett"
POSTS = (
    (
        "Seit ein paar Tagen liegt morgens feiner Dreck auf der Decke, auf der unser Kater "
        "schläft. Tagsüber ist er sauber, nur nachts kommt etwas aus seinem Fell.",
        "Hat jemand von euch das auch schon erlebt? Wir wissen nicht, ob wir uns Sorgen "
        "machen müssen oder ob er einfach draußen in der Erde wühlt.",
    ),
    (
        "Mach den Dreck einmal mit einem nassen Tuch feucht. Färbt er sich rot, ist es "
        "Flohkot, und dann hilft nur ein Mittel vom Tierarzt.",
    ),
    (
        "Bei unseren beiden Freigängern ist das im Herbst ganz normal, sie bringen Samen, "
        "Moos und kleine Steine mit, vor allem der Langhaarige.",
    ),
    (
        "Danke euch! Der Dreck ist rot geworden, es waren also wirklich Flöhe, und wir "
        "waren heute mit ihm beim Tierarzt.",
        "Jetzt hat er ein Mittel bekommen und schläft seit zwei Nächten wieder sauber.",
    ),
)
AUTHORS = ("Pepemaus", "yellowkitty", "MoeC", "Pepemaus")


def author_box(name: str, number: int) -> str:
    """What forum software prints over a post: name, rank, joined, posts, place, date."""
    return "\n\n".join(
        (
            name,
            "Erfahrener Benutzer",
            "Mitglied seit\n12. Juni 2017",
            "Beiträge\n1.158",
            "Ort\nNiedersachsen",
            f"{27 + number}. September 2018",
            f"#{number}",
        )
    )


SIMILAR = "Ähnliche Themen\n\nSind das wirklich Katzenflöhe?\nMika2017\n5. September 2018"


def thread_page(numbers: tuple[int, ...] = (1, 2, 3, 4), after: str = SIMILAR) -> Article:
    posts = [
        part
        for number, name, post in zip(numbers, AUTHORS, POSTS, strict=True)
        for part in (author_box(name, number), *post)
    ]
    return page(MENU, "Katzen Forum\nAllgemeines Forum", TITLE, *posts, after, FOOTER)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_every_post_of_a_thread_is_read() -> None:
    read = texts(thread_page())
    for post in POSTS:
        for paragraph in post:
            assert paragraph in read
    assert read[-1] == POSTS[-1][-1]  # the similar threads after the last post are not


def test_the_text_after_the_last_post_is_not_read_even_as_sentences() -> None:
    teasers = (
        "Unser Kater frisst seit Tagen nicht mehr richtig, was können wir nur tun? Wir "
        "waren schon zweimal beim Tierarzt, aber der fand bei ihm bisher gar nichts.",
        "Seit dem Umzug in die neue Wohnung versteckt sich unsere Katze den ganzen Tag "
        "unter dem Bett und kommt nur nachts heraus, um zu fressen und zu trinken.",
        "Welches Katzenklo nehmt ihr für zwei Kater, die sich nicht leiden können? Wir "
        "haben schon drei ausprobiert, und jedes Mal gab es Streit um den Platz.",
        "Darf eine Wohnungskatze im Sommer auf den Balkon, wenn er mit einem Netz gesichert "
        "ist? Unsere Nachbarn meinen, das sei zu gefährlich für so ein junges Tier.",
    )
    after = "Ähnliche Themen\n\n" + "\n\n".join(teasers)
    assert texts(thread_page(after=after))[-1] == POSTS[-1][-1]


def test_the_authors_boxes_between_posts_are_not_read() -> None:
    read = " ".join(texts(thread_page()))
    for furniture in ("Mitglied seit", "Erfahrener Benutzer", "yellowkitty", "#2", "1.158"):
        assert furniture not in read


def test_a_later_page_of_a_thread_counts_on_from_its_first_number() -> None:
    read = texts(thread_page((661, 662, 663, 664)))
    assert POSTS[0][0] in read
    assert POSTS[-1][-1] in read


def test_a_posts_text_in_its_numbers_block_is_its_text() -> None:
    lines = split_lines(
        "\n\n".join(
            (
                "#1\nErster Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "#2\nZweiter Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "#3\nDritter Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "Ähnliche Themen",
                "Ein anderer Beitrag, auch ein ganzer Satz mit einigen Wörtern.",
            )
        )
    )
    parts = find_parts(lines)
    assert parts is not None
    assert lines[parts.end - 1].text.startswith("Dritter Beitrag")


def test_a_posts_text_is_looked_for_a_few_blocks_after_its_number_only() -> None:
    furniture = "\n\n".join(f"Zeile {n}" for n in range(12))
    lines = split_lines(
        "\n\n".join(
            (
                "#1\n\nErster Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "#2\n\nZweiter Beitrag, ein ganzer Satz mit einigen Wörtern.",
                f"#3\n\n{furniture}\n\nEin Satz weit unten, der nicht mehr dazugehört.",
            )
        )
    )
    parts = find_parts(lines)
    assert parts is not None
    assert lines[parts.end - 1].text == "#3"


def test_numbers_that_do_not_count_up_make_no_thread() -> None:
    text = "\n\n".join(f"#{n}\n\nEin Satz, der hier steht." for n in (1, 5, 9, 2))
    assert find_parts(split_lines(text)) is None


def test_two_numbered_lines_make_no_thread() -> None:
    text = "\n\n".join(f"#{n}\n\nEin Satz, der hier steht." for n in (1, 2))
    assert find_parts(split_lines(text)) is None


def test_a_thread_runs_from_its_first_number_to_the_end_of_its_last_post() -> None:
    lines = split_lines(
        "\n\n".join(
            (
                "#7\n\nErster Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "#8\n\nZweiter Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "#9\n\nName\n\nDritter Beitrag, ein ganzer Satz mit einigen Wörtern.",
                "Ähnliche Themen",
            )
        )
    )
    parts = find_parts(lines)
    assert parts is not None
    assert parts.kind == "posts"
    assert lines[parts.start].text == "#7"
    assert lines[parts.end - 1].text.startswith("Dritter Beitrag")


SLIDES = (
    (
        "Not a flagship",
        "The new phone is not what you would expect from the company: it "
        "looks like the model of three years ago, with a home button and thick borders.",
    ),
    (
        "Pocket friendly",
        "Its screen is small by today's measure, which makes it easy to use "
        "with one hand and to carry in a jacket pocket all day.",
    ),
    (
        "Powerful package",
        "Inside, though, it has the same chip as this year's flagships, so "
        "apps open as fast and games run as smoothly as on phones twice its price.",
    ),
    (
        "Cheaper than the rest",
        "All of this comes at less than half the price of the "
        "flagships, which is why shops expect it to sell well this summer.",
    ),
)


def slideshow_page() -> Article:
    slides = [
        f"{n}/{len(SLIDES)}\n\n{title}\n\n{text}\nImage credit: www.example.com\nAgencies"
        for n, (title, text) in enumerate(SLIDES, start=1)
    ]
    title = "The new phone is here: all we know"
    popular = "Popular Slideshows\n\nTen cars that changed the way we drive\nBest budget laptops"
    return page(MENU, title, "Online desk | 09 Jun 2020, 02:32 PM", *slides, popular, FOOTER)


def test_every_slide_of_a_slideshow_is_read_not_taken_for_a_caption() -> None:
    article = slideshow_page()
    read = texts(article)
    for _, text in SLIDES:
        assert text in read
    assert not any("Image credit" in text for text in read)  # the pictures' credits are not
    assert "Ten cars that changed the way we drive" not in read


def test_slide_numbers_under_different_totals_make_no_slideshow() -> None:
    text = "\n\n".join(
        f"{n}/{total}\n\nEin Satz, der hier steht." for n, total in ((1, 3), (2, 4), (3, 5))
    )
    assert find_parts(split_lines(text)) is None


def test_three_slides_counting_up_are_a_slideshow() -> None:
    text = "\n\n".join(
        f"{n}/3\n\nEin ganzer Satz, der hier unter dem Bild steht." for n in (1, 2, 3)
    )
    parts = find_parts(split_lines(text))
    assert parts is not None
    assert parts.kind == "slides"
