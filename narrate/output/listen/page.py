"""The listen page: the article as read, beside a player that follows the voice.

Built from the typed script and timeline (times measured on the final audio):
each sentence is a span carrying its start and end in seconds, headings stay
headings, list items lists, quotes quotes. Every piece of article text goes
through `html.escape`, so a page quoting `<script>` shows it as text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from html import escape
from urllib.parse import quote

from narrate.core.models import Chapter, Script, Segment, TimedSegment, Timeline
from narrate.output.listen.document import html_document

SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")
# Primary language subtags written right to left.
RTL_LANGUAGES = frozenset("ar arc ckb dv fa he ks ps sd ug ur yi".split())
TAGS = {"paragraph": "p", "quote": "blockquote", "byline": "p", "list_item": "li"}


def listen_page(script: Script, timeline: Timeline, audio_name: str) -> str:
    """The whole self-contained page for an episode whose audio file is `audio_name`."""
    article = script.article
    lang = article.language or "und"
    direction = "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
    chapters = _chapter_list(timeline.chapters)
    body = "\n".join(
        [
            '<a class="skip" href="#text">Skip to the text</a>',
            _player(audio_name, timeline.duration_ms),
            f'<div class="wrap"><div class="layout{"" if chapters else " single"}">',
            chapters,
            f'<main id="text" lang="{escape(lang)}" dir="{direction}"><article>',
            *_body(script, timeline),
            "</article></main>",
            KEYS,
            "</div></div>",
        ]
    )
    attrs = (
        f' data-episode="{episode_key(audio_name, timeline, article.title)}"'
        f' data-duration="{_seconds(timeline.duration_ms)}"'
    )
    return html_document(article.title, body, ("listen.js",), "en", attrs)


def episode_key(audio_name: str, timeline: Timeline, title: str) -> str:
    """Names the episode in the browser's storage (the remembered position)."""
    text = f"{audio_name}\x00{timeline.duration_ms}\x00{title}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _player(audio_name: str, duration_ms: int) -> str:
    speeds = "".join(
        f'<option value="{s}"{" selected" if s == "1" else ""}>{s}×</option>' for s in SPEEDS
    )
    total = _clock(duration_ms)
    return f"""<section id="player" class="player" aria-label="Player">
<audio id="audio" src="{escape(quote(audio_name))}" preload="metadata" controls></audio>
<div id="controls" class="controls" hidden>
<button type="button" id="back"><span aria-hidden="true">« </span><span class="wide">Back </span>\
15 s</button>
<button type="button" id="play">Play</button>
<button type="button" id="forward"><span class="wide">Forward </span>15 s\
<span aria-hidden="true"> »</span></button>
<label class="speed"><span class="wide">Speed </span><select id="rate">{speeds}</select></label>
<div class="seek"><input type="range" id="seek" min="0" max="{duration_ms // 1000}" step="1" \
value="0" aria-label="Position" aria-valuetext="0:00 of {total}">
<span id="clock" class="clock" aria-hidden="true">0:00 / {total}</span></div>
</div>
<p id="status" class="status" role="status"></p>
</section>"""


KEYS = """<footer id="keys" class="keys" hidden><h2>Keys</h2><p><kbd>Space</kbd> play or pause; \
<kbd>←</kbd> and <kbd>→</kbd> 15 seconds back or forward; <kbd>Shift</kbd> + <kbd>←</kbd> \
and <kbd>→</kbd> the previous or next sentence. Click a sentence to play from there.</p></footer>"""


def _chapter_list(chapters: tuple[Chapter, ...]) -> str:
    if len(chapters) < 2:
        return ""  # one chapter is the whole article: nothing to jump to
    items = "".join(
        f'<li><a href="#chapter-{number}" data-start="{_seconds(c.start_ms)}">{escape(c.title)}'
        f'</a> <span class="at">{_clock(c.start_ms)}</span></li>'
        for number, c in enumerate(chapters, 1)
    )
    return (
        '<nav id="chapters" class="chapters" aria-labelledby="chapters-heading">'
        f'<h2 id="chapters-heading">Chapters</h2><ol>{items}</ol></nav>'
    )


def _spoken_top(timeline: Timeline, title: str) -> int:
    """How many leading segments are the article's own title and byline, as read."""
    kinds = [t.segment for t in timeline.segments[:2]]
    if not kinds or kinds[0].kind != "title" or kinds[0].text != title:
        return 0
    return 2 if len(kinds) > 1 and kinds[1].kind == "byline" else 1


def _header(script: Script, timeline: Timeline, top: int) -> str:
    """What the voice does not read: the title and byline when unspoken, then site and date."""
    article = script.article
    lines = [] if top else [f"<h1>{escape(article.title)}</h1>"]
    if article.byline and top < 2:
        lines.append(f'<p class="byline">{escape(article.byline)}</p>')
    facts = [article.site, article.published, f"Listening time {_clock(timeline.duration_ms)}"]
    shown = [escape(f) for f in facts if f]
    if article.source.startswith(("http://", "https://")):
        link = escape(article.source)
        shown.append(f'<a href="{link}" rel="noopener noreferrer">Original page</a>')
    lines.append('<p class="meta">' + " · ".join(shown) + "</p>")
    return "\n".join(lines)


def _body(script: Script, timeline: Timeline) -> Iterator[str]:
    """Each segment as its element, the header after the spoken title and byline; list items
    grouped; the first segment of each chapter anchored for the chapter list."""
    top = _spoken_top(timeline, script.article.title)
    digest = sum(t.segment.kind == "title" for t in timeline.segments) > 1
    chapter, number, in_list = None, 0, False
    for position, timed in enumerate(timeline.segments):
        segment = timed.segment
        if position == top:
            yield _header(script, timeline, top)
        anchor = ""
        if segment.chapter != chapter:
            chapter, number = segment.chapter, number + 1
            anchor = f' id="chapter-{number}"'
        if segment.kind == "list_item" and not in_list:
            yield "<ul>"
        in_list = segment.kind == "list_item"
        tag = "h1" if position < top and segment.kind == "title" else _tag(segment, digest)
        yield _element(segment, timed, tag, anchor)
        if in_list and _next_kind(timeline, position) != "list_item":
            yield "</ul>"
            in_list = False
    if top >= len(timeline.segments):
        yield _header(script, timeline, top)


def _tag(segment: Segment, digest: bool) -> str:
    if segment.kind == "title":
        return "h2"
    if segment.kind == "heading":
        return "h3" if digest else "h2"
    return TAGS[segment.kind]


def _next_kind(timeline: Timeline, position: int) -> str | None:
    following = timeline.segments[position + 1 : position + 2]
    return following[0].segment.kind if following else None


def _element(segment: Segment, timed: TimedSegment, tag: str, anchor: str) -> str:
    spans = " ".join(
        f'<span class="s" data-start="{_seconds(start)}" data-end="{_seconds(end)}">'
        f"{escape(sentence.text)}</span>"
        for sentence, (start, end) in zip(segment.sentences, timed.sentence_times, strict=True)
    )
    if tag == "blockquote":
        spans = f"<p>{spans}</p>"
    css = ' class="byline"' if segment.kind == "byline" else ""
    return f"<{tag}{anchor}{css}>{spans}</{tag}>"


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".")


def _clock(ms: int) -> str:
    minutes, seconds = divmod(ms // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
