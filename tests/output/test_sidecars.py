"""Transcripts and Podcasting 2.0 chapters from a timeline."""

from __future__ import annotations

import json
import re

from narrate.core.models import Chapter, Segment, Sentence, TimedSegment, Timeline
from narrate.output.sidecars import LINE_CHARS, cues, podcast_chapters, srt, webvtt

LONG = (
    "This is a deliberately long sentence that cannot fit on two subtitle lines of forty-two "
    "characters each, so it has to be shared out over several cues in order."
)


def _timeline() -> Timeline:
    sentences = (Sentence("Short one.", "Short one."), Sentence(LONG, LONG))
    segment = Segment(0, "paragraph", "", "", 0, 500, sentences, 200)
    timed = TimedSegment(segment, 1000, 9000, ((1000, 2000), (2200, 9000)))
    return Timeline(10_000, (timed,), (Chapter("Intro", 0, 10_000),))


def test_cues_are_ordered_short_and_inside_the_audio() -> None:
    cue_list = cues(_timeline())
    assert cue_list[0].lines == ("Short one.",)
    assert len(cue_list) >= 3
    previous_end = 0
    for cue in cue_list:
        assert previous_end <= cue.start_ms < cue.end_ms <= 10_000
        assert 1 <= len(cue.lines) <= 2
        assert all(len(line) <= LINE_CHARS for line in cue.lines)
        previous_end = cue.end_ms
    assert cue_list[-1].end_ms == 9000
    assert " ".join(" ".join(c.lines) for c in cue_list[1:]) == LONG


def test_webvtt_and_srt_formats() -> None:
    cue_list = cues(_timeline())
    vtt = webvtt(cue_list)
    assert vtt.startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nShort one.\n")
    subtitles = srt(cue_list)
    assert subtitles.startswith("1\n00:00:01,000 --> 00:00:02,000\nShort one.\n")
    assert len(re.findall(r"^\d+$", subtitles, re.M)) == len(cue_list)


def test_podcast_chapters_json() -> None:
    data = podcast_chapters((Chapter("A", 0, 1500), Chapter("B", 1500, 3000)), {1: "https://x"})
    assert data == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0.0, "title": "A"},
            {"startTime": 1.5, "title": "B", "url": "https://x"},
        ],
    }
    json.dumps(data)
