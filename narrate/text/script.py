"""Article -> Script: the segments to read, in order, with pauses and chapters.

This is the "speak" stage of the pipeline: it decides what is said (title,
byline, body blocks), how each block is said (normalised text for the ear),
how long the silence after it lasts (longer after the title and before a
heading than between paragraphs), and which chapter it belongs to (the
title opens the first chapter, each heading opens the next).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from narrate.core.errors import NoArticleError
from narrate.core.models import UNTITLED, Article, Block, BlockKind, Script, Segment, Sentence
from narrate.core.profiles import Pauses, Profile, primary_language
from narrate.core.settings import ChapterMode, ScriptOptions
from narrate.text.byline import clean_byline
from narrate.text.language import decide_language
from narrate.text.normalize import Lexicon, NormalizeOptions, default_lexicon_path, normalize
from narrate.text.sentences import split_sentences

END_PAUSE_MS = 600  # a little air after the last word, so players do not clip it
# What the byline is introduced with, by language ("By Jane Doe", "Von Jana Müller").
BY_WORD: dict[str, str] = {
    "en": "By", "de": "Von", "fr": "Par", "es": "Por", "it": "Di", "pt": "Por", "nl": "Door",
    "pl": "Autor:", "ru": "Автор:", "uk": "Автор:", "sv": "Av", "da": "Af", "no": "Av",
}  # fmt: skip  # a table, 13 entries packed several a line


def build_script(article: Article, profile: Profile, options: ScriptOptions) -> Script:
    """Turn the article into segments with spoken text, pauses and chapter numbers.

    The article's language is decided here, once (narrate/text/language.py), and
    everything after follows it: normalisation, sentence splitting, the lexicon,
    the voice (each segment carries the language), the tags and the feed.
    """
    decision = decide_language(article, options.lang, profile.language)
    byline = clean_byline(article.byline)  # never an e-mail address (narrate/text/byline.py)
    article = dataclasses.replace(article, language=decision.tag, byline=byline)
    language = decision.tag
    normalize_options = NormalizeOptions(
        lang=language, lexicon=load_lexicon(profile, options, language)
    )
    blocks = _spoken_blocks(article, options.read_byline, language)
    segments: list[Segment] = []
    chapter_titles = [article.title]
    for position, block in enumerate(blocks):
        sentences = spoken_sentences(block, normalize_options)
        if not sentences:
            continue  # nothing speakable (a footnote marker, a heading of '.' or '..')
        if block.kind == "heading" and position > 0:
            chapter_titles.append(block.text)
        following = blocks[position + 1].kind if position + 1 < len(blocks) else None
        segments.append(
            Segment(
                index=len(segments),
                kind=block.kind,
                text=block.text,
                spoken=" ".join(s.spoken for s in sentences),
                chapter=len(chapter_titles) - 1,
                pause_after_ms=pause_after(block.kind, following, profile.pauses),
                sentences=sentences,
                sentence_pause_ms=profile.pauses.between_sentences,
                language=language,
            )
        )
    if not segments:  # an untitled page whose every block is unspeakable (marks, symbols)
        raise NoArticleError(f"nothing to read aloud in {article.source}", "is this an article?")
    return Script(article, tuple(segments), tuple(chapter_titles), decision)


def spoken_sentences(block: Block, options: NormalizeOptions) -> tuple[Sentence, ...]:
    """Each sentence of the block with its spoken form; headings and titles stay whole."""
    texts = [block.text] if block.kind in ("title", "heading", "byline") else None
    sentences = texts or split_sentences(block.text, options.lang)
    pairs = ((t, normalize(t, options).strip()) for t in sentences)
    return tuple(Sentence(text, spoken) for text, spoken in pairs if speakable(spoken))


def speakable(spoken: str) -> bool:
    """Whether there is a word to say: a letter or a digit in any script.

    A sentence of punctuation alone ('.', '..', '…') gives the engine nothing to
    say, and its near-silent audio would fail verification.
    """
    return any(ch.isalnum() for ch in spoken)


def _spoken_blocks(article: Article, read_byline: bool, language: str) -> list[Block]:
    blocks = [Block("title", article.title)] if article.title != UNTITLED else []
    if read_byline and article.byline:
        byline = article.byline.strip()
        by = BY_WORD.get(primary_language(language))
        if by is not None and not byline.lower().startswith(by.lower() + " "):
            byline = f"{by} {byline}"
        blocks.append(Block("byline", byline))
    blocks.extend(article.blocks)
    return blocks


def pause_after(kind: BlockKind, following: BlockKind | None, pauses: Pauses) -> int:
    """Silence after a block, from its kind and the kind of the block after it."""
    if following is None:
        return END_PAUSE_MS
    if following == "heading":
        return pauses.before_heading
    if kind == "title" or (kind == "byline"):
        return pauses.after_title
    if kind == "heading":
        return pauses.after_heading
    if kind == "list_item" and following == "list_item":
        return pauses.between_paragraphs // 2
    return pauses.between_paragraphs


def load_lexicon(profile: Profile, options: ScriptOptions, lang: str | None) -> Lexicon:
    """The profile's lexicon when the text is in its language (else the shipped one for
    the text's language), then the user's."""
    language = lang or profile.language
    paths: list[Path] = []
    if profile.lexicon is not None and profile.lexicon.exists() and profile.speaks(language):
        paths.append(profile.lexicon)
    else:
        shipped = default_lexicon_path(language)
        if shipped is not None:
            paths.append(shipped)
    paths.extend(options.lexicons)
    return Lexicon.load(*paths) if paths else Lexicon(())


PARAGRAPHS_PER_CHAPTER = 4
CHAPTER_NAME_WORDS = 6


def rechapter(script: Script, mode: ChapterMode) -> Script:
    """Chapters at headings (the default), every few paragraphs when there are none, or none."""
    has_headings = len(script.chapter_titles) > 1
    if mode == "none":
        return _with_chapters(script, [0] * len(script.segments), (script.article.title,))
    if mode == "headings" or has_headings:
        return script
    numbers, titles, paragraphs = [], [script.article.title], 0
    for segment in script.segments:
        if segment.kind in ("paragraph", "quote", "list_item"):
            if paragraphs and paragraphs % PARAGRAPHS_PER_CHAPTER == 0:
                titles.append(_first_words(segment.text))
            paragraphs += 1
        numbers.append(len(titles) - 1)
    return _with_chapters(script, numbers, tuple(titles))


def _first_words(text: str) -> str:
    words = text.split()
    name = " ".join(words[:CHAPTER_NAME_WORDS])
    return name + ("…" if len(words) > CHAPTER_NAME_WORDS else "")


def _with_chapters(script: Script, numbers: list[int], titles: tuple[str, ...]) -> Script:
    segments = tuple(
        dataclasses.replace(segment, chapter=number)
        for segment, number in zip(script.segments, numbers, strict=True)
    )
    return dataclasses.replace(script, segments=segments, chapter_titles=titles)


def digest(scripts: list[Script], title: str) -> Script:
    """Several articles as one script: a chapter per article, its headings flattened after it.

    Each segment keeps its article's language, so each article is read by its own
    voice; the digest as a whole is labelled with the language most of it is in.
    """
    segments: list[Segment] = []
    titles: list[str] = []
    for script in scripts:
        offset = len(titles)
        titles.extend(script.chapter_titles)
        for segment in script.segments:
            segments.append(
                dataclasses.replace(segment, index=len(segments), chapter=segment.chapter + offset)
            )
    first = scripts[0].article
    spoken = Counter(segment.language for segment in segments)
    article = dataclasses.replace(
        first,
        language=spoken.most_common(1)[0][0] if spoken else first.language,
        title=title,
        byline=None,
        blocks=tuple(b for s in scripts for b in s.article.blocks),
        dropped=tuple(d for s in scripts for d in s.article.dropped),
        source=" ".join(s.article.source for s in scripts),
    )
    return Script(article, tuple(segments), tuple(titles))
