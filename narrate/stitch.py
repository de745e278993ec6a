"""Stitch verified segment WAVs into one timeline, with structural pauses.

pydub reads and trims each segment; the result is streamed into one WAV file
on disk frame by frame, so time and memory stay linear in the article's
length (no `AudioSegment +=` over a growing segment). Segment and chapter
times are counted in frames, so they are exact on the final audio.
"""

from __future__ import annotations

import warnings
import wave
from collections.abc import Iterable
from pathlib import Path

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; narrate hands it one (ffmpeg.py)
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from narrate.models import Chapter, Segment, TimedSegment, Timeline

FRAME_RATE = 22050  # espeak-ng's native rate; speech needs no more
SILENCE_THRESHOLD_DBFS = -50.0
KEEP_EDGE_MS = 40  # keep a breath of the engine's own silence at each edge


def trim_silence(audio: AudioSegment) -> AudioSegment:
    """Cut the engine's leading and trailing silence, so pauses are ours alone."""
    lead = detect_leading_silence(audio, silence_threshold=SILENCE_THRESHOLD_DBFS)
    tail = detect_leading_silence(audio.reverse(), silence_threshold=SILENCE_THRESHOLD_DBFS)
    start = max(0, lead - KEEP_EDGE_MS)
    end = min(len(audio), len(audio) - tail + KEEP_EDGE_MS)
    return audio[start:end] if end > start else audio


def conform(audio: AudioSegment) -> AudioSegment:
    """Bring a segment to the timeline's format: mono, 16-bit, FRAME_RATE."""
    return audio.set_channels(1).set_sample_width(2).set_frame_rate(FRAME_RATE)


def stitch(
    pieces: Iterable[tuple[Segment, Path]], chapter_titles: tuple[str, ...], out_wav: Path
) -> Timeline:
    """Write segments in order, each followed by its pause; return where everything sits."""
    timed: list[TimedSegment] = []
    frames_written = 0
    with wave.open(str(out_wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(FRAME_RATE)
        for segment, wav_path in pieces:
            audio = conform(trim_silence(AudioSegment.from_wav(str(wav_path))))
            start = frames_written
            out.writeframes(audio.raw_data)
            frames_written += int(audio.frame_count())
            end = frames_written
            silence = AudioSegment.silent(segment.pause_after_ms, frame_rate=FRAME_RATE)
            out.writeframes(conform(silence).raw_data)
            frames_written += int(silence.frame_count())
            timed.append(TimedSegment(segment, _ms(start), _ms(end)))
    duration = _ms(frames_written)
    return Timeline(str(out_wav), duration, tuple(timed), chapters(timed, chapter_titles, duration))


def chapters(
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


def _ms(frames: int) -> int:
    return round(frames * 1000 / FRAME_RATE)
