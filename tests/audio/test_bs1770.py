"""The in-process BS.1770 meter against the standard's own figure and against ffmpeg."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

from narrate.audio.bs1770 import SampleMeter
from narrate.audio.limiter import master
from narrate.audio.loudness import parse_ebur128
from narrate.audio.pcm import silence
from narrate.core.cache import AudioCache
from narrate.core.ffmpeg import ffmpeg_path
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import load_profile, profile_paths
from tests.audio.helpers import espeak_job, synthesizer

SENTENCES = [
    "The harbour ferry leaves at seven, and the first crossing is usually quiet.",
    "By noon the queue stretches past the fish market and around the old customs house.",
    "Nobody, the captain says, has ever been left behind on the quay.",
]


def _sine(peak_dbfs: float, seconds: float, hz: float = 997.0) -> bytes:
    t = np.arange(int(seconds * FRAME_RATE)) / FRAME_RATE
    wave = 32767 * 10 ** (peak_dbfs / 20) * np.sin(2 * math.pi * hz * t)
    return bytes(np.rint(wave).astype("<i2").tobytes())


def test_a_997_hz_sine_reads_as_the_standard_says() -> None:
    # BS.1770: a full-scale 997 Hz sine in one channel reads -3.01 LUFS
    meter = SampleMeter([(_sine(-20.0, 5.0), 0)])
    assert meter.loudness(0.0, 0.0) == pytest.approx(-23.01, abs=0.05)
    assert meter.loudness(6.0, 0.0) == pytest.approx(-17.01, abs=0.05)


def _ffmpeg_loudness(speech: list[tuple[bytes, int]], gain: float, ceiling: float) -> float:
    pcm = b"".join(master(audio, gain, ceiling) + silence(pause) for audio, pause in speech)
    command = [
        ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats", "-f", "s16le",
        "-ar", str(FRAME_RATE), "-ac", "1", "-i", "pipe:0",
        "-af", "ebur128=framelog=verbose", "-f", "null", "-",
    ]  # fmt: skip  # command-line options stay with their values
    done = subprocess.run(command, input=pcm, capture_output=True, check=True)
    return parse_ebur128(done.stderr.decode("utf-8", "replace"))[0]


def test_real_speech_through_the_limiter_matches_ffmpeg(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path / "cache")
    profile = load_profile(profile_paths()["default"])
    jobs = [espeak_job(f"bs1770-{i}", text) for i, text in enumerate(SENTENCES)]
    with synthesizer(profile, profile.voice("espeak") or "", cache) as synth:
        for _ in synth.synthesize(jobs):
            pass
    speech = []
    for job, pause in zip(jobs, (400, 250, 800), strict=True):
        cached = cache.sentence(job.key)
        assert cached is not None
        speech.append((cached.path.read_bytes(), pause))
    meter = SampleMeter(speech)
    # no limiting, some, and a lot: ffmpeg prints one decimal, so 0.1 LU is its resolution
    for gain in (0.0, 5.0, 10.0):
        assert meter.loudness(gain, -2.5) == pytest.approx(
            _ffmpeg_loudness(speech, gain, -2.5), abs=0.1
        )
