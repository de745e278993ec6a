"""Timeline layout: pieces, content-defined chunks, and exact placement."""

from __future__ import annotations

import hashlib

from narrate.audio.timeline import (
    MAX_CHUNK_MS,
    EncodedChunk,
    chunk_of,
    pieces_for,
    place,
    plan_chunks,
)
from narrate.core.models import Article, BlockKind, Script, Segment, Sentence

RATE = 22050


def _script(kinds: list[tuple[BlockKind, int, int]]) -> Script:
    """Segments of (kind, chapter, sentences), each sentence one second long."""
    segments = []
    for index, (kind, chapter, count) in enumerate(kinds):
        sentences = tuple(Sentence(f"s{index}.{n}", f"s{index}.{n}") for n in range(count))
        spoken = " ".join(s.spoken for s in sentences)
        segments.append(Segment(index, kind, spoken, spoken, chapter, 500, sentences, 200))
    titles = tuple(f"chapter {n}" for n in range(max(c for _, c, _ in kinds) + 1))
    return Script(Article("T", ()), tuple(segments), titles)


def _keys(script: Script) -> list[list[str]]:
    return [
        [hashlib.sha256(s.spoken.encode()).hexdigest() for s in seg.sentences]
        for seg in script.segments
    ]


def test_pauses_between_sentences_and_after_segments() -> None:
    script = _script([("title", 0, 1), ("paragraph", 0, 3)])
    keys = _keys(script)
    pieces = pieces_for(script, keys, {k: RATE for ks in keys for k in ks})
    assert [p.pause_after_ms for p in pieces] == [500, 200, 200, 500]
    assert [(p.segment, p.sentence) for p in pieces] == [(0, 0), (1, 0), (1, 1), (1, 2)]


def test_chunks_are_whole_segments_and_stay_bounded() -> None:
    script = _script([("paragraph", 0, 4)] * 120)
    keys = _keys(script)
    plan = plan_chunks(script, keys, 175)
    assert [i for r in plan for i in r] == list(range(120))  # every segment, once, in order
    assert len(plan) > 3
    words_per_segment = 4  # "s12.3" and the like are one word each
    for segments in plan:
        estimated_ms = len(segments) * (words_per_segment * 60_000 // 175 + 3 * 200 + 500)
        assert estimated_ms <= MAX_CHUNK_MS + 5000


def test_an_edit_keeps_the_other_chunks() -> None:
    script = _script([("paragraph", 0, 4)] * 120)
    keys = _keys(script)
    before = plan_chunks(script, keys, 175)
    edited = [list(k) for k in keys]
    edited[60][3] = "f" * 64  # the last sentence of one segment changed
    after = plan_chunks(script, edited, 175)
    assert len(set(before) & set(after)) >= len(before) - 2


def test_chunk_pieces_follow_the_plan() -> None:
    script = _script([("title", 0, 1), ("paragraph", 0, 2), ("heading", 1, 1)])
    keys = _keys(script)
    pieces = pieces_for(script, keys, {k: RATE for ks in keys for k in ks})
    chunk = chunk_of(pieces, range(1, 3))
    assert [(p.segment, p.sentence) for p in chunk.pieces] == [(1, 0), (1, 1), (2, 0)]


def test_place_counts_encoder_delay_and_chunk_lengths() -> None:
    script = _script([("title", 0, 1), ("paragraph", 0, 2), ("heading", 1, 1), ("paragraph", 1, 1)])
    keys = _keys(script)
    pieces = pieces_for(script, keys, {k: RATE for ks in keys for k in ks})
    chunks = [chunk_of(pieces, range(0, 2)), chunk_of(pieces, range(2, 4))]
    encoded = [EncodedChunk(1105, 4 * RATE), EncodedChunk(1105, 3 * RATE)]
    timeline = place(script, chunks, encoded, RATE)
    delay_ms = round(1105 * 1000 / RATE)
    assert timeline.segments[0].start_ms == delay_ms
    assert timeline.segments[1].sentence_times[1][0] == delay_ms + 1000 + 500 + 1000 + 200
    assert timeline.segments[2].start_ms == 4000 + delay_ms  # second chunk starts at 4 s
    assert timeline.duration_ms == 7000
    assert [c.title for c in timeline.chapters] == ["chapter 0", "chapter 1"]
    assert timeline.chapters[0].start_ms == 0
    assert timeline.chapters[1].start_ms == timeline.segments[2].start_ms
