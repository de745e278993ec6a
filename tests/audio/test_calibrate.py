"""The file's one gain: found by measuring a sample through the real chain, then cached."""

from __future__ import annotations

import array
import math
import random
from pathlib import Path

import pytest

from narrate.audio import calibrate
from narrate.audio.calibrate import SAMPLE_MS, level_for, sample
from narrate.audio.encoders import LameEncoder
from narrate.audio.loudness import block_powers
from narrate.core.cache import AudioCache, CachedAudio
from narrate.core.formats import FORMATS
from narrate.core.models import FRAME_RATE

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too


def _speechlike(seconds: float, seed: int, amplitude: float = 0.1) -> bytes:
    """Noise shaped into syllables: loud enough to gate in, with quiet gaps between."""
    rng = random.Random(seed)
    samples = []
    for i in range(int(FRAME_RATE * seconds)):
        envelope = max(0.0, math.sin(2 * math.pi * 4 * i / FRAME_RATE))
        samples.append(round(amplitude * 32767 * envelope * rng.uniform(-1, 1)))
    return array.array("h", samples).tobytes()


def _pieces(cache: AudioCache, count: int, seconds: float) -> list[tuple[CachedAudio, int]]:
    pieces = []
    for n in range(count):
        pcm = _speechlike(seconds, n)
        pieces.append((cache.put_sentence(f"{n:064x}", pcm, block_powers(pcm)), 300))
    return pieces


def test_the_sample_is_spread_through_a_long_article(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path)
    pieces = _pieces(cache, 12, 20.0)  # four minutes of audio
    chosen = sample(pieces)
    assert 1 < len(chosen) < len(pieces)
    assert chosen[0] is pieces[0]
    short = pieces[:3]
    assert sample(short) == short  # under SAMPLE_MS: all of it
    assert sum(a.frames for a, _ in chosen) * 1000 // FRAME_RATE <= 2 * SAMPLE_MS


def test_a_quiet_article_gets_gain_and_the_level_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AudioCache(tmp_path)
    pieces = _pieces(cache, 3, 4.0)
    encoder = LameEncoder(FORMATS["mp3"], cache, 1)
    level = level_for(cache, pieces, -16.0, encoder)
    assert level.gain_db > 0  # the sample is quieter than -16 LUFS
    assert 0.2 <= level.slope <= 1.0
    assert level.gain_db % 0.25 == pytest.approx(0.0)
    stored = [p for p in (tmp_path / "calibration").rglob("*") if p.is_file()]
    assert stored, "the level was not kept in the cache"
    assert level_for(cache, pieces, -20.0, encoder).gain_db < level.gain_db

    def no_measuring(*args: object) -> None:
        raise AssertionError("measured again")

    monkeypatch.setattr(calibrate, "measure", no_measuring)
    assert level_for(cache, pieces, -16.0, encoder) == level  # read back from the cache
