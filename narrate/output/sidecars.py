"""Sidecar files beside the audio: Podcasting 2.0 chapters, WebVTT and SRT transcripts.

Cues are timed on the final audio: one per sentence (sentences are
synthesised one by one, so their times are exact). A sentence too long for
two 42-character subtitle lines is split into several cues at word
boundaries, its time shared out by length.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from narrate.core.models import Chapter, Timeline

LINE_CHARS = 42
LINES_PER_CUE = 2
CHAPTERS_VERSION = "1.2.0"


@dataclass(frozen=True, slots=True)
class Cue:
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


def cues(timeline: Timeline) -> list[Cue]:
    """Transcript cues in time order, none overlapping, each at most two short lines."""
    result: list[Cue] = []
    for timed in timeline.segments:
        for sentence, (start, end) in zip(
            timed.segment.sentences, timed.sentence_times, strict=True
        ):
            result.extend(_sentence_cues(sentence.text, start, end))
    return result


def _sentence_cues(text: str, start_ms: int, end_ms: int) -> list[Cue]:
    lines = textwrap.wrap(
        " ".join(text.split()), LINE_CHARS, break_long_words=True, break_on_hyphens=False
    )
    groups = [tuple(lines[i : i + LINES_PER_CUE]) for i in range(0, len(lines), LINES_PER_CUE)]
    total_chars = sum(len(" ".join(g)) for g in groups) or 1
    cue_list, position = [], start_ms
    for number, group in enumerate(groups):
        share = (end_ms - start_ms) * len(" ".join(group)) // total_chars
        finish = end_ms if number == len(groups) - 1 else position + share
        cue_list.append(Cue(position, finish, group))
        position = finish
    return cue_list


def clock(ms: int, separator: str) -> str:
    """hh:mm:ss plus milliseconds after `separator` (VTT and Xiph chapters: '.', SRT: ',')."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def webvtt(cue_list: list[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(cue_list, 1):
        timing = f"{clock(cue.start_ms, '.')} --> {clock(cue.end_ms, '.')}"
        blocks.append(f"{number}\n{timing}\n" + "\n".join(cue.lines) + "\n")
    return "\n".join(blocks)


def srt(cue_list: list[Cue]) -> str:
    blocks = []
    for number, cue in enumerate(cue_list, 1):
        timing = f"{clock(cue.start_ms, ',')} --> {clock(cue.end_ms, ',')}"
        blocks.append(f"{number}\n{timing}\n" + "\n".join(cue.lines) + "\n")
    return "\n".join(blocks)


def podcast_chapters(
    chapters: tuple[Chapter, ...], urls: dict[int, str] | None = None
) -> dict[str, object]:
    """Podcasting 2.0 JSON chapters (version 1.2.0): startTime in seconds, title, url."""
    entries: list[dict[str, object]] = []
    for number, chapter in enumerate(chapters):
        entry: dict[str, object] = {"startTime": chapter.start_ms / 1000, "title": chapter.title}
        if urls and number in urls:
            entry["url"] = urls[number]
        entries.append(entry)
    return {"version": CHAPTERS_VERSION, "chapters": entries}
