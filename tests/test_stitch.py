"""Stitching: engine silence trimmed, our pauses exact, chapters from headings."""

from __future__ import annotations

import wave
from pathlib import Path

from pydub import AudioSegment
from pydub.generators import Sine

from narrate.models import BlockKind, Segment
from narrate.stitch import FRAME_RATE, KEEP_EDGE_MS, stitch


def _tone(path: Path, tone_ms: int, pad_ms: int = 300) -> Path:
    """A segment shaped like the engine's: silence, speech (a tone), silence."""
    silence = AudioSegment.silent(pad_ms, frame_rate=FRAME_RATE)
    tone = Sine(220).to_audio_segment(tone_ms).set_frame_rate(FRAME_RATE).set_channels(1)
    (silence + tone.set_sample_width(2) + silence).export(str(path), format="wav")
    return path


def _segment(index: int, kind: BlockKind, chapter: int, pause: int) -> Segment:
    return Segment(index, kind, f"text {index}", f"text {index}", chapter, pause)


def test_times_pauses_and_chapters(tmp_path: Path) -> None:
    plan = [
        (_segment(0, "title", 0, 1000), 1000),
        (_segment(1, "paragraph", 0, 800), 2000),
        (_segment(2, "heading", 1, 400), 500),
        (_segment(3, "paragraph", 1, 600), 1500),
    ]
    pieces = [(seg, _tone(tmp_path / f"{seg.index}.wav", ms)) for seg, ms in plan]
    timeline = stitch(pieces, ("Title", "Heading"), tmp_path / "out.wav")

    speech = [ms + 2 * KEEP_EDGE_MS for _, ms in plan]
    expected_start = 0
    for timed, length, (seg, _) in zip(timeline.segments, speech, plan, strict=True):
        assert abs(timed.start_ms - expected_start) <= 2
        # silence detection works in 10 ms steps
        assert abs((timed.end_ms - timed.start_ms) - length) <= 25
        expected_start = timed.end_ms + seg.pause_after_ms
    with wave.open(str(tmp_path / "out.wav")) as wav:
        assert abs(wav.getnframes() * 1000 / FRAME_RATE - timeline.duration_ms) <= 1
    assert [c.title for c in timeline.chapters] == ["Title", "Heading"]
    assert timeline.chapters[0].start_ms == 0
    assert timeline.chapters[1].start_ms == timeline.segments[2].start_ms
    assert timeline.chapters[0].end_ms == timeline.chapters[1].start_ms
    assert timeline.chapters[-1].end_ms == timeline.duration_ms


def test_memory_does_not_hold_the_timeline(tmp_path: Path) -> None:
    """The output is streamed to disk: a long run is a file, not one big AudioSegment."""
    source = _tone(tmp_path / "one.wav", 1000)
    pieces = ((_segment(i, "paragraph", 0, 200), source) for i in range(200))
    timeline = stitch(pieces, ("Only",), tmp_path / "long.wav")
    assert len(timeline.segments) == 200
    assert (tmp_path / "long.wav").stat().st_size > 200 * FRAME_RATE * 2
