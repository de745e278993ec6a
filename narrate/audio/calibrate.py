"""The one gain for a whole article, found on the article's own audio and kept in the cache.

Loudness through a limiter grows more slowly than the gain, so the gain is not
read off an estimate once: a sample of the article (up to SAMPLE_MS of its
sentences, spread evenly, each with its real pause after it) goes through the
real gain and limiter (narrate/audio/limiter.py), is measured as BS.1770
measures it (narrate/audio/bs1770.py, in-process), and a few secant steps move
the gain until the sample sits at the target. The block-power estimate
(narrate/audio/loudness.py) only gives the first guess. What the format's
encoder takes off is measured once per voice and format, with ffmpeg's
`ebur128` before and after encoding.
The result is cached by the sample's content, so a warm run measures nothing.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Protocol

from narrate.audio.bs1770 import METER, SampleMeter
from narrate.audio.limiter import LIMITER
from narrate.audio.loudness import GAIN_STEP_DB, gated_loudness, parse_ebur128, timeline_powers
from narrate.audio.pcm import silence
from narrate.core.cache import AudioCache, CachedAudio, digest
from narrate.core.errors import AudioToolError
from narrate.core.ffmpeg import PCM_INPUT, Operation, run_ffmpeg
from narrate.core.files import temporary_directory
from narrate.core.formats import AudioFormat
from narrate.core.models import FRAME_RATE

SAMPLE_MS = 90_000
# ebur128's summary at -loglevel info, its per-frame lines at verbose, so not shown: every
# ffmpeg since 4.2 takes framelog=verbose (framelog=quiet came after 5.1)
LOUDNESS = Operation("measure loudness", ("-af", "ebur128=framelog=verbose", "-f", "null", "-"))
MAX_STEPS = 3
CLOSE_ENOUGH_LU = 0.15

Sample = list[tuple[CachedAudio, int]]  # sentence audio and the pause after it (ms)


class SampleEncoder(Protocol):
    """What calibration needs of an encoder (narrate/audio/encoders.py)."""

    format: AudioFormat

    @property
    def description(self) -> str: ...

    def encode_sample(self, pcm: bytes, work: Path, ceiling_db: float) -> list[str]: ...


def sample(pieces: Sample) -> Sample:
    """Sentences spread evenly through the article, about SAMPLE_MS in all."""
    total_ms = sum(audio.frames for audio, _ in pieces) * 1000 // FRAME_RATE
    return pieces[:: max(1, total_ms // SAMPLE_MS)]


@dataclass(frozen=True, slots=True)
class Level:
    """What a calibration found: the gain for the target, and how the chain behaved."""

    estimate: float  # the sample's block-power estimate before the gain
    gain_db: float
    slope: float  # LU of loudness per dB of gain near the target (below 1: the limiter)
    codec_loss: float  # LU the MP3 encoding took off


def level_for(
    cache: AudioCache,
    pieces: Sample,
    target_lufs: float,
    encoder: SampleEncoder,
    near: Level | None = None,
) -> Level:
    """The level of this audio at the target: from the cache, or measured now.

    The sample is measured after encoding too: LAME's low-pass takes a few
    tenths of a LU off an MP3, AAC and Opus (after resampling) more, and what
    the listener hears is what counts. `near` is the voice's reference level:
    a better first guess than the estimate alone, and its codec loss is reused
    rather than measured again for every article.
    """
    chosen = sample(pieces)
    ceiling = encoder.format.ceiling_db
    chain = f"{LIMITER} ceiling {ceiling} codec {encoder.description} meter {METER}"
    key = digest("level", [(a.path.name, pause) for a, pause in chosen], target_lufs, chain)
    stored = cache.load_object("calibration", key)  # checksummed: damage is a miss
    if isinstance(stored, Level) and all(isinstance(v, int | float) for v in astuple(stored)):
        return stored
    level = measure(chosen, target_lufs, encoder, near, ceiling)
    cache.store_object("calibration", key, level)
    return level


def measure(
    chosen: Sample, target_lufs: float, encoder: SampleEncoder, near: Level | None, ceiling: float
) -> Level:
    """Secant steps on the gain until the measured sample is at the target.

    `ceiling`: the limiter's ceiling, as `level_for` resolved it (part of its cache key).
    """
    estimate = gated_loudness(timeline_powers((a.powers, pause) for a, pause in chosen))
    speech = [(a.path.read_bytes(), pause) for a, pause in chosen]
    meter = SampleMeter(speech)
    gain = near.gain_db + (near.estimate - estimate) if near else target_lufs - estimate
    slope = near.slope if near else 1.0
    tried: list[tuple[float, float]] = []
    for _ in range(MAX_STEPS):
        loudness = meter.loudness(gain, ceiling)
        tried.append((gain, loudness))
        if abs(loudness - target_lufs) <= CLOSE_ENOUGH_LU:
            break
        if len(tried) > 1:
            (g0, l0), (g1, l1) = tried[-2], tried[-1]
            slope = min(1.0, max(0.2, (l1 - l0) / (g1 - g0))) if g1 != g0 else slope
        gain += (target_lufs - loudness) / slope
    best_gain, _ = min(tried, key=lambda t: abs(t[1] - target_lufs))
    loss = near.codec_loss if near else codec_loss(speech, best_gain, encoder, ceiling)
    final = round((best_gain + loss / slope) / GAIN_STEP_DB) * GAIN_STEP_DB
    return Level(estimate, final, slope, loss)


def codec_loss(
    speech: list[tuple[bytes, int]], gain: float, encoder: SampleEncoder, ceiling_db: float
) -> float:
    """LU the format's encoder takes off the sample, as ffmpeg's `ebur128` measures both."""
    from narrate.audio.limiter import master

    pcm = b"".join(master(pcm, gain, ceiling_db) + silence(pause) for pcm, pause in speech)
    before = ffmpeg_loudness([*PCM_INPUT, "-i", "pipe:0"], pcm)
    with temporary_directory("codec") as work:
        return before - ffmpeg_loudness(encoder.encode_sample(pcm, work, ceiling_db), b"")


def ffmpeg_loudness(source: list[str], data: bytes) -> float:
    """Integrated loudness of `source` (ffmpeg input options; `data` goes to its stdin)."""
    args = ["-nostats", *source, *LOUDNESS.args]
    done = run_ffmpeg(args, "measuring loudness", data, loglevel="info", operation=LOUDNESS)
    try:
        measured, _ = parse_ebur128(done.stderr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise AudioToolError("ffmpeg could not measure loudness", "run with --debug") from exc
    return measured
