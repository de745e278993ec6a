"""The timeline: every sentence and pause in order, cut into chunks, placed in time.

Pure functions. A `Piece` is one sentence's audio (by cache key) and the
silence after it. Pieces are grouped into `Chunk`s that are encoded
independently and in parallel; chunk boundaries fall only between segments
(inside a pause) and are chosen by content (a hash of the segment's last
sentence), so an edit moves at most the boundaries next to it and every other
chunk is still found in the cache. `place` turns the layout into the
manifest's times, given how each chunk was encoded.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrate.core.models import Chapter, Script, TimedSegment, Timeline

MIN_CHUNK_MS = 30_000  # fewer, longer chunks: fewer cache entries and encoder flushes
MAX_CHUNK_MS = 60_000  # bounds the PCM held per encoding thread (about 2.6 MB)
BOUNDARY_ONE_IN = 6  # content-defined boundary: about every sixth segment


@dataclass(frozen=True, slots=True)
class Piece:
    key: str  # the sentence's audio in the cache
    segment: int  # index into script.segments
    sentence: int  # index into that segment's sentences
    frames: int  # length of the sentence's audio
    pause_after_ms: int

    def span(self, frame_rate: int) -> int:
        """Frames from this piece's start to the next one's: its audio and the pause after it."""
        return self.frames + self.pause_after_ms * frame_rate // 1000


@dataclass(frozen=True, slots=True)
class Chunk:
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class EncodedChunk:
    """Where a chunk's audio sits in its own decoded output."""

    lead_in: int  # frames of encoder delay before the first piece
    total: int  # decoded length of the chunk in frames


def pieces_for(script: Script, keys: list[list[str]], frames: dict[str, int]) -> list[Piece]:
    """One piece per sentence: pauses between sentences, the segment's pause after the last."""
    pieces = []
    for segment, segment_keys in zip(script.segments, keys, strict=True):
        last = len(segment_keys) - 1
        for position, key in enumerate(segment_keys):
            pause = segment.pause_after_ms if position == last else segment.sentence_pause_ms
            pieces.append(Piece(key, segment.index, position, frames[key], pause))
    return pieces


def plan_chunks(script: Script, keys: list[list[str]], rate_wpm: int) -> list[range]:
    """Cut the script into chunks of whole segments (ranges of segment indices).

    Planned before any audio exists, from the words to be read, so encoding can
    start while synthesis goes on: a chunk is cut after a segment whose last
    sentence's key says so (about one in BOUNDARY_ONE_IN), at a new chapter,
    once the chunk is long enough, and always before it grows too long.
    """
    chunks: list[range] = []
    start, length_ms = 0, 0
    segments = script.segments
    for position, segment in enumerate(segments):
        words = len(segment.spoken.split())
        pauses = segment.sentence_pause_ms * (len(segment.sentences) - 1) + segment.pause_after_ms
        length_ms += words * 60_000 // max(rate_wpm, 40) + pauses
        if position + 1 == len(segments):
            break
        new_chapter = segments[position + 1].chapter != segment.chapter
        content_cut = int(keys[position][-1][:8], 16) % BOUNDARY_ONE_IN == 0
        long_enough = length_ms >= MIN_CHUNK_MS and (content_cut or new_chapter)
        if length_ms >= MAX_CHUNK_MS or long_enough:
            chunks.append(range(start, position + 1))
            start, length_ms = position + 1, 0
    chunks.append(range(start, len(segments)))
    return chunks


def chunk_of(pieces: list[Piece], segments: range) -> Chunk:
    """The pieces of a planned chunk."""
    return Chunk(tuple(p for p in pieces if p.segment in segments))


def place(
    script: Script,
    chunks: list[Chunk],
    encoded: list[EncodedChunk],
    frame_rate: int,
    chapter_titles: tuple[str, ...] | None = None,
) -> Timeline:
    """Segment, sentence and chapter times on the final audio, in milliseconds."""
    sentence_spans: dict[tuple[int, int], tuple[int, int]] = {}
    chunk_start = 0
    for chunk, coded in zip(chunks, encoded, strict=True):
        position = chunk_start + coded.lead_in
        for piece in chunk.pieces:
            sentence_spans[(piece.segment, piece.sentence)] = (position, position + piece.frames)
            position += piece.span(frame_rate)
        chunk_start += coded.total
    duration = _ms(chunk_start, frame_rate)

    timed = []
    for segment in script.segments:
        spans = [sentence_spans[(segment.index, i)] for i in range(len(segment.sentences))]
        times = tuple((_ms(a, frame_rate), _ms(b, frame_rate)) for a, b in spans)
        timed.append(TimedSegment(segment, times[0][0], times[-1][1], times))
    titles = chapter_titles or script.chapter_titles
    return Timeline(duration, tuple(timed), chapters_for(timed, titles, duration))


def chapters_for(
    timed: list[TimedSegment], titles: tuple[str, ...], duration_ms: int
) -> tuple[Chapter, ...]:
    """A chapter starts at its first segment (the first at 0) and ends where the next starts."""
    starts: dict[int, int] = {}
    for item in timed:
        starts.setdefault(item.segment.chapter, item.start_ms)
    present = sorted(starts)
    result = []
    for position, number in enumerate(present):
        start = 0 if position == 0 else starts[number]
        end = starts[present[position + 1]] if position + 1 < len(present) else duration_ms
        result.append(Chapter(titles[number], start, end))
    return tuple(result)


def _ms(frames: int, frame_rate: int) -> int:
    return round(frames * 1000 / frame_rate)
