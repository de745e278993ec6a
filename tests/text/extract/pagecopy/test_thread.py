"""A forum thread in a plain-text page copy: every post is read, from the first to the
last, and the authors' boxes between them and the similar threads after them are not;
post numbers that do not count up one by one make no thread."""

from __future__ import annotations

from narrate.core.models import Article
from narrate.text.extract.pagecopy.lines import split_lines
from narrate.text.extract.pagecopy.thread import find_thread
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


def thread_page(numbers: tuple[int, ...] = (1, 2, 3, 4)) -> Article:
    posts = [
        part
        for number, name, post in zip(numbers, AUTHORS, POSTS, strict=True)
        for part in (author_box(name, number), *post)
    ]
    similar = "Ähnliche Themen\n\nSind das wirklich Katzenflöhe?\nMika2017\n5. September 2018"
    return page(MENU, "Katzen Forum\nAllgemeines Forum", TITLE, *posts, similar, FOOTER)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_every_post_of_a_thread_is_read() -> None:
    read = texts(thread_page())
    for post in POSTS:
        for paragraph in post:
            assert paragraph in read
    assert read[-1] == POSTS[-1][-1]  # the similar threads after the last post are not


def test_the_authors_boxes_between_posts_are_not_read() -> None:
    read = " ".join(texts(thread_page()))
    for furniture in ("Mitglied seit", "Erfahrener Benutzer", "yellowkitty", "#2", "1.158"):
        assert furniture not in read


def test_a_later_page_of_a_thread_counts_on_from_its_first_number() -> None:
    read = texts(thread_page((661, 662, 663, 664)))
    assert POSTS[0][0] in read
    assert POSTS[-1][-1] in read


def test_numbers_that_do_not_count_up_make_no_thread() -> None:
    text = "\n\n".join(f"#{n}\n\nEin Satz, der hier steht." for n in (1, 5, 9, 2))
    assert find_thread(split_lines(text)) is None


def test_two_numbered_lines_make_no_thread() -> None:
    text = "\n\n".join(f"#{n}\n\nEin Satz, der hier steht." for n in (1, 2))
    assert find_thread(split_lines(text)) is None


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
    thread = find_thread(lines)
    assert thread is not None
    assert lines[thread.start].text == "#7"
    assert lines[thread.end - 1].text.startswith("Dritter Beitrag")
