"""The frozen data passed between pipeline stages.

Each stage is a plain function from one of these to the next; none of them is
edited after it is made (see ARCHITECTURE.md for the pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FRAME_RATE = 22050  # the timeline's samples per second: espeak-ng's native rate
# What a loaded source is (text/kinds.py decides, by content first): a web page, a page
# copy, Markdown, an e-mail message, a PDF or an EPUB.
MediaType = Literal["html", "text", "markdown", "email", "pdf", "epub"]
LanguageSource = Literal["option", "declared", "detected", "default"]
BlockKind = Literal["title", "byline", "heading", "paragraph", "quote", "list_item"]


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded page: its decoded text and what kind of page it is."""

    source: str  # what the user gave: a path, a URL or "-"
    text: str  # decoded content
    media_type: MediaType
    charset: str
    url: str | None = None  # the page's own URL when known (fetched, or canonical link)
    # The source's bytes for the kinds read from bytes (e-mail, PDF, EPUB); `text` is
    # then empty and `charset` is "binary".
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of article text: a heading, a paragraph, a quote or a list item."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Dropped:
    """A block the cleaner chose not to read, and why (shown by --show-dropped)."""

    text: str
    reason: str


UNTITLED = "Untitled"  # the title of a page that has none: shown, never read aloud


@dataclass(frozen=True, slots=True)
class Article:
    """The article as a listener should hear it, before normalisation."""

    title: str
    blocks: tuple[Block, ...]  # body only: heading, paragraph, quote, list_item
    byline: str | None = None
    site: str | None = None
    source: str = ""
    published: str | None = None  # ISO 8601 date when known
    language: str | None = None  # BCP 47 tag from the page, e.g. "en", "pt-BR"
    image: str | None = None  # og:image URL or path, when the page has one
    cover: bytes | None = None  # a JPEG or PNG that came inside the source (an EPUB's cover)
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True, slots=True)
class LanguageDecision:
    """The language an article is read in, and where that came from (narrate/text/language.py)."""

    tag: str  # BCP 47, e.g. "de", "pt-BR"
    source: LanguageSource  # option (--lang); declared (by the page, and the text does not
    # contradict it); detected (from the text); default (the profile's: nothing to go on)
    declared: str | None = None  # what the page said, if anything
    detected: str | None = None  # what the text looked like, if it said enough
    confidence: float = 0.0  # the detector's probability for `detected`


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a feed or reading list says about an article before its page is read.

    Its title, byline and date win over the page's own (the episode is the
    item the listener subscribed to); its language counts only when the page
    declares none.
    """

    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """The unit of synthesis and of transcript cues."""

    text: str
    spoken: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One block as read: what the page says (`text`), what the engine is given (`spoken`)."""

    index: int
    kind: BlockKind
    text: str
    spoken: str
    chapter: int  # index into the chapter list
    pause_after_ms: int
    sentences: tuple[Sentence, ...] = ()
    sentence_pause_ms: int = 0  # silence between this segment's sentences
    language: str = "en"  # BCP 47 tag of the article it comes from: which voice reads it


@dataclass(frozen=True, slots=True)
class Script:
    """Everything that will be read, in order, with the chapter titles."""

    article: Article  # its `language` is the decided one
    segments: tuple[Segment, ...]
    chapter_titles: tuple[str, ...]
    language: LanguageDecision | None = None  # how the language was decided (None: a digest)


@dataclass(frozen=True, slots=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class TimedSegment:
    """A segment placed on the final timeline, with each of its sentences."""

    segment: Segment
    start_ms: int
    end_ms: int
    sentence_times: tuple[tuple[int, int], ...] = ()  # (start_ms, end_ms) per sentence


@dataclass(frozen=True, slots=True)
class Timeline:
    """Where everything sits in the final audio."""

    duration_ms: int
    segments: tuple[TimedSegment, ...]
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True, slots=True)
class Episode:
    """What `narrate article` produced: the audio file and its sidecars."""

    audio_path: str
    manifest_path: str
    duration_ms: int
    chapters: tuple[Chapter, ...]
    sidecars: tuple[str, ...] = ()
