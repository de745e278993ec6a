"""The listen page's HTML: structure, times, escaping, self-containment and weight.

Built from hand-made scripts and timelines (the browser tests in
test_listen_browser.py load pages the real pipeline wrote).
"""

from __future__ import annotations

import base64
import hashlib
import re

from lxml import html as lxml_html

from narrate.core.models import Article, Chapter, Script, Segment, Sentence, TimedSegment, Timeline
from narrate.output.listen import listen_page
from narrate.output.listen.page import episode_key

HOSTILE = '</textarea><script>window.injected = 1</script><img src=x onerror="alert(1)">'


def make_episode(
    blocks: list[tuple[str, list[str]]],
    title: str = "A title",
    byline: str | None = "By Someone",
    language: str | None = "en",
    source: str = "page.html",
    sentence_ms: int = 2000,
) -> tuple[Script, Timeline]:
    """A script whose first segment is the spoken title, and a timeline placing each sentence
    `sentence_ms` long with 300 ms between; a heading starts a chapter."""
    kinds = [("title", [title]), *([("byline", [byline])] if byline else []), *blocks]
    segments, timed, chapters, titles = [], [], [], [title]
    clock, chapter = 0, 0
    for index, (kind, texts) in enumerate(kinds):
        if kind == "heading":
            chapter += 1
            titles.append(texts[0])
        sentences = tuple(Sentence(t, t) for t in texts)
        text = " ".join(texts)
        segment = Segment(index, kind, text, text, chapter, 300, sentences, 300)  # type: ignore[arg-type]
        times = []
        for _ in texts:
            times.append((clock, clock + sentence_ms))
            clock += sentence_ms + 300
        segments.append(segment)
        timed.append(TimedSegment(segment, times[0][0], times[-1][1], tuple(times)))
    for number, name in enumerate(titles):
        start = next(t.start_ms for t in timed if t.segment.chapter == number)
        chapters.append(Chapter(name, 0 if number == 0 else start, 0))
    ends = [c.start_ms for c in chapters[1:]] + [clock]
    chapters = [Chapter(c.title, c.start_ms, end) for c, end in zip(chapters, ends, strict=True)]
    article = Article(
        title,
        (),
        byline=byline,
        site="Harbour Notes",
        source=source,
        published="2024-05-02",
        language=language,
    )
    script = Script(article, tuple(segments), tuple(titles))
    return script, Timeline(clock, tuple(timed), tuple(chapters))


BLOCKS = [
    ("paragraph", ["First sentence here.", "Second sentence there."]),
    ("heading", ["The middle"]),
    ("list_item", ["One item."]),
    ("list_item", ["Another item."]),
    ("quote", ["A quoted line."]),
    ("heading", ["The end"]),
    ("paragraph", ["Last words."]),
]


def parse(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page)


def test_every_sentence_is_a_span_with_its_measured_times() -> None:
    script, timeline = make_episode(BLOCKS)
    doc = parse(listen_page(script, timeline, "a-title.mp3"))
    spans = doc.cssselect("#text .s")
    expected = [
        (s.text, start, end)
        for t in timeline.segments
        for s, (start, end) in zip(t.segment.sentences, t.sentence_times, strict=True)
    ]
    found = [
        (
            s.text_content(),
            round(float(s.get("data-start")) * 1000),
            round(float(s.get("data-end")) * 1000),
        )
        for s in spans
    ]
    assert found == expected


def test_title_byline_headings_lists_and_quotes_keep_their_roles() -> None:
    script, timeline = make_episode(BLOCKS)
    doc = parse(listen_page(script, timeline, "a-title.mp3"))
    assert doc.cssselect("h1")[0].text_content() == "A title"
    assert doc.cssselect("p.byline")[0].text_content() == "By Someone"
    assert [h.text_content() for h in doc.cssselect("article h2")] == ["The middle", "The end"]
    assert [li.text_content() for li in doc.cssselect("article ul > li")] == [
        "One item.",
        "Another item.",
    ]
    assert len(doc.cssselect("article ul")) == 1
    assert doc.cssselect("blockquote p")[0].text_content() == "A quoted line."
    # the title and byline come first, then site and date
    first = [e.tag for e in doc.cssselect("article")[0]][:3]
    assert first == ["h1", "p", "p"]
    assert "Harbour Notes" in doc.cssselect("p.meta")[0].text_content()


def test_chapter_links_name_their_chapters_and_point_at_them() -> None:
    script, timeline = make_episode(BLOCKS)
    doc = parse(listen_page(script, timeline, "a-title.mp3"))
    links = doc.cssselect("#chapters a")
    assert [a.text_content() for a in links] == ["A title", "The middle", "The end"]
    for link, chapter in zip(links, timeline.chapters, strict=True):
        assert round(float(link.get("data-start")) * 1000) == chapter.start_ms
        target = doc.get_element_by_id(link.get("href").removeprefix("#"))
        assert target.text_content().startswith(chapter.title)


def test_article_text_cannot_inject_markup() -> None:
    blocks = [("paragraph", [HOSTILE]), ("heading", [HOSTILE]), ("paragraph", ["Fine."])]
    script, timeline = make_episode(
        blocks, HOSTILE, HOSTILE, language='en"><script>', source='javascript:alert(1)"'
    )
    page = listen_page(script, timeline, 'x".mp3')
    doc = parse(page)
    assert not doc.cssselect("textarea, img")
    # only our own two inline elements: the style and the script
    assert len(doc.cssselect("script")) == 1
    assert doc.cssselect("title")[0].text_content() == HOSTILE
    assert doc.cssselect("h1")[0].text_content() == HOSTILE
    assert [s.text_content() for s in doc.cssselect(".s")][:2] == [HOSTILE, HOSTILE]
    assert "javascript:" not in "".join(a.get("href", "") for a in doc.cssselect("a"))
    assert doc.cssselect("#audio")[0].get("src") == "x%22.mp3"  # the file x".mp3, as a URL
    assert doc.cssselect("main")[0].get("lang") == 'en"><script>'


def test_only_hashed_inline_code_and_no_request_elsewhere() -> None:
    script, timeline = make_episode(BLOCKS, source="https://example.org/story")
    page = listen_page(script, timeline, "a-title.mp3")
    doc = parse(page)
    policy = doc.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in policy
    for element, directive in (
        (doc.cssselect("style")[0], "style-src"),
        (doc.cssselect("script")[0], "script-src"),
    ):
        digest = hashlib.sha256(element.text.encode("utf-8")).digest()
        assert f"{directive} 'sha256-{base64.b64encode(digest).decode()}'" in policy
    # the audio is the file beside the page; the one absolute URL is a link to the original
    assert doc.cssselect("#audio")[0].get("src") == "a-title.mp3"
    fetched = [e.get("src") for e in doc.iter() if e.get("src")] + [
        e.get("href") for e in doc.cssselect("link") if e.get("href") != "data:,"
    ]
    assert fetched == ["a-title.mp3"]
    assert [a.get("href") for a in doc.cssselect("a") if "://" in a.get("href")] == [
        "https://example.org/story"
    ]
    assert not re.search(r"@import|url\(", page)


def test_language_and_direction_follow_the_article() -> None:
    script, timeline = make_episode(BLOCKS, language="ar")
    main = parse(listen_page(script, timeline, "x.mp3")).cssselect("main")[0]
    assert (main.get("lang"), main.get("dir")) == ("ar", "rtl")
    script, timeline = make_episode(BLOCKS, language="de-CH")
    main = parse(listen_page(script, timeline, "x.mp3")).cssselect("main")[0]
    assert (main.get("lang"), main.get("dir")) == ("de-CH", "ltr")


def test_episode_key_differs_between_episodes() -> None:
    script, timeline = make_episode(BLOCKS)
    assert episode_key("a.mp3", timeline, "A") != episode_key("b.mp3", timeline, "A")
    doc = parse(listen_page(script, timeline, "a.mp3"))
    assert doc.body.get("data-episode") == episode_key("a.mp3", timeline, "A title")


def test_a_3000_word_article_weighs_under_60_kb() -> None:
    words = "the harbour council met again on tuesday to discuss the".split()
    sentence = " ".join(words * 2).capitalize() + "."  # 20 words
    blocks: list[tuple[str, list[str]]] = []
    for part in range(5):
        blocks.append(("heading", [f"Part {part + 1} of the story"]))
        blocks.extend(("paragraph", [sentence] * 5) for _ in range(6))  # 600 words a part
    script, timeline = make_episode(blocks, sentence_ms=6100)
    page = listen_page(script, timeline, "a-long-article-about-the-harbour-council.mp3")
    assert sum(len(s.text.split()) for t in timeline.segments for s in t.segment.sentences) > 3000
    assert len(page.encode("utf-8")) < 60_000


def _palettes() -> dict[str, dict[str, str]]:
    """The light and dark colour variables of listen.css."""
    from narrate.output.listen.document import asset

    css = asset("listen.css")
    light, dark = re.findall(r":root \{([^}]*)\}", css)[:2]
    return {
        name: dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", block))
        for name, block in (("light", light), ("dark", dark))
    }


def _contrast(one: str, two: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_are_readable_in_light_and_dark() -> None:
    """Text 4.5:1 (WCAG AA) on page and panel, the highlight too; the focus ring 3:1."""
    for name, colours in _palettes().items():
        pairs = {
            "text": (colours["fg"], colours["bg"]),
            "muted": (colours["muted"], colours["bg"]),
            "muted on panel": (colours["muted"], colours["panel"]),
            "links": (colours["accent"], colours["bg"]),
            "spoken sentence": (colours["now-fg"], colours["now"]),
        }
        for what, (fore, back) in pairs.items():
            assert _contrast(fore, back) >= 4.5, (name, what, _contrast(fore, back))
        assert _contrast(colours["focus"], colours["bg"]) >= 3, name


def test_the_audio_is_named_as_a_url_whatever_its_file_name() -> None:
    # 'épisode #1.mp3' went in as it was: a browser took '#1.mp3' for a fragment
    script, timeline = make_episode(BLOCKS)
    doc = parse(listen_page(script, timeline, "épisode #1?.mp3"))
    (audio,) = doc.xpath("//audio")
    assert audio.get("src") == "%C3%A9pisode%20%231%3F.mp3"
