"""Chunked MP3 encoding: frames are counted right and times survive concatenation."""

from __future__ import annotations

import array
import itertools
import subprocess
from pathlib import Path

from narrate.audio.encode import MP3_ENCODER_DELAY, concatenate, count_mp3_frames, encode_mp3_chunk
from narrate.audio.timeline import Chunk, pieces_for, place
from narrate.core.cache import AudioCache, digest
from narrate.core.ffmpeg import ffmpeg_path
from narrate.core.formats import LIMIT_DBFS
from narrate.core.models import FRAME_RATE, Article, Script, Segment, Sentence

SAMPLES_PER_FRAME = 576  # MPEG-2 layer III at 22.05 kHz


def _click_sentence(frames: int) -> bytes:
    """Silence with a short loud click at its very start: easy to find after decoding."""
    samples = array.array("h", [0] * frames)
    for i in range(40):
        samples[i] = 12000 if i % 2 == 0 else -12000
    return samples.tobytes()


def _decode(mp3: Path) -> array.array[int]:
    done = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    )
    return array.array("h", done.stdout)


def test_frame_count_matches_decoded_length(tmp_path: Path) -> None:
    from narrate.audio.encode import lame

    data = lame(_click_sentence(FRAME_RATE * 3))
    frames = count_mp3_frames(data)
    assert frames.samples_per_frame == SAMPLES_PER_FRAME
    path = tmp_path / "a.mp3"
    path.write_bytes(data)
    assert len(_decode(path)) == frames.count * SAMPLES_PER_FRAME


def test_placed_times_match_the_decoded_audio(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path / "cache")
    lengths = [FRAME_RATE * n // 2 for n in (2, 3, 5, 4, 3, 6)]
    keys = []
    for number, frames in enumerate(lengths):
        key = digest("click", number)
        cache.put_sentence(key, _click_sentence(frames), [0.0])
        keys.append(key)
    segments = tuple(
        Segment(i, "paragraph", "", "", 0, 700, (Sentence("x", "x"),), 0) for i in range(6)
    )
    script = Script(Article("T", ()), segments, ("T",))
    pieces = pieces_for(script, [[k] for k in keys], dict(zip(keys, lengths, strict=True)))
    chunks = [Chunk(tuple(pieces[:2])), Chunk(tuple(pieces[2:5])), Chunk(tuple(pieces[5:]))]
    encoded = [encode_mp3_chunk(chunk, cache, 0.0, LIMIT_DBFS) for chunk in chunks]
    body = tmp_path / "body.mp3"
    concatenate((cached.path for cached, _ in encoded), body)
    timeline = place(script, chunks, [e for _, e in encoded], FRAME_RATE)

    audio = _decode(body)
    assert abs(len(audio) * 1000 / FRAME_RATE - timeline.duration_ms) <= 1
    loud = [i for i, sample in enumerate(audio) if abs(sample) > 2000]
    clicks = [loud[0]] + [b for a, b in itertools.pairwise(loud) if b - a > 4000]
    assert len(clicks) == 6, clicks
    frame_ms = SAMPLES_PER_FRAME * 1000 / FRAME_RATE
    for click, timed in zip(clicks, timeline.segments, strict=True):
        heard_ms = click * 1000 / FRAME_RATE
        assert abs(heard_ms - timed.start_ms) < frame_ms  # within one MP3 frame
    assert MP3_ENCODER_DELAY > SAMPLES_PER_FRAME
