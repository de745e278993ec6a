"""True peaks: measured on the encoded file; the limiter's ceiling lowered when they pass.

The limiter holds sample peaks under the format's ceiling (narrate/core/formats.py),
set so the bundled encoders' true peaks stay under TRUE_PEAK_DBTP. An encoder
can overshoot more than that, and ffmpeg's differ from build to build (Debian
12's AAC encoder goes about 1.5 dB further than the bundled one's). So what
ffmpeg encodes is measured afterwards as ffmpeg's `ebur128` measures true
peaks, and when a peak passed the limit the article is encoded again with the
ceiling lowered by the excess and a margin (and the gain found again for it).
The ceiling an encoding needed is cached under everything that decides it (the
encoder and its ffmpeg build, the audio, the gain), so a warm run encodes once
and measures nothing.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path

from narrate.audio.loudness import parse_ebur128
from narrate.audio.timeline import Piece
from narrate.core.cache import AudioCache, digest
from narrate.core.errors import AudioToolError
from narrate.core.ffmpeg import Operation, run_ffmpeg
from narrate.core.formats import TRUE_PEAK_DBTP

log = logging.getLogger(__name__)

TRUE_PEAKS = Operation(
    "measure true peaks", ("-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-")
)
MARGIN_DB = 0.5  # below the limit, after a correction: an encoder's overshoot is not linear
STEP_DB = 0.1  # ceilings are rounded down to this (ebur128 prints peaks to 0.1 dB)
MAX_CORRECTIONS = 3


def loudness_and_peak(source: list[str]) -> tuple[float, float | None]:
    """Integrated loudness (LUFS) and highest true peak (dBTP, None for silence) of `source`
    (ffmpeg input options), as ffmpeg's `ebur128` measures them."""
    args = ["-nostats", *source, *TRUE_PEAKS.args]
    done = run_ffmpeg(args, "measuring true peaks", loglevel="info", operation=TRUE_PEAKS)
    try:
        return parse_ebur128(done.stderr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise AudioToolError("ffmpeg could not measure true peaks", "run with --debug") from exc


def true_peak(source: list[str]) -> float | None:
    """The highest true peak (dBTP) of `source`; None for silence."""
    return loudness_and_peak(source)[1]


def lowered(ceiling_db: float, peak_dbtp: float) -> float:
    """The ceiling that takes a peak this far over the limit under it, with a margin."""
    wanted = ceiling_db - (peak_dbtp - TRUE_PEAK_DBTP) - MARGIN_DB
    return round(math.floor(round(wanted / STEP_DB, 6)) * STEP_DB, 1)


def ceiling_key(encoder: str, pieces: list[Piece], gain_db: float, ceiling_db: float) -> str:
    """What decides the encoded peaks: the encoder (with its ffmpeg), the audio, the gain."""
    timeline = [(p.key, p.pause_after_ms) for p in pieces]
    return digest("ceiling", encoder, timeline, gain_db, ceiling_db, TRUE_PEAK_DBTP, MARGIN_DB)


def known_ceiling(cache: AudioCache, key: str) -> float | None:
    """The ceiling this encoding needed before, when measured already."""
    stored = cache.load_object("calibration", key)
    return stored if isinstance(stored, float) else None


def hold_peaks(
    encode: Callable[[float], Path], ceiling_db: float, cache: AudioCache, key: str
) -> tuple[Path, float]:
    """Encode at `ceiling_db` (`encode(ceiling)` gives the file), measure, and lower the
    ceiling and encode again while a true peak passes TRUE_PEAK_DBTP; (file, its ceiling)."""
    known = known_ceiling(cache, key)
    if known is not None:
        return encode(known), known
    ceiling = ceiling_db
    encoded = encode(ceiling)
    for _ in range(MAX_CORRECTIONS):
        peak = true_peak(["-i", str(encoded)])
        if peak is None or peak <= TRUE_PEAK_DBTP:
            break
        log.info("true peak %.1f dBTP at ceiling %.1f dB: encoded again", peak, ceiling)
        ceiling = lowered(ceiling, peak)
        encoded = encode(ceiling)
    else:
        peak = true_peak(["-i", str(encoded)])
        if peak is not None and peak > TRUE_PEAK_DBTP:
            log.warning("true peak %.1f dBTP after %d corrections", peak, MAX_CORRECTIONS)
    cache.store_object("calibration", key, ceiling)
    return encoded, ceiling
