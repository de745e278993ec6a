"""True peaks: measured on the encoded file; the limiter's ceiling lowered where they pass.

The limiter holds sample peaks under the format's ceiling (narrate/core/formats.py),
set so the encoders' true peaks mostly stay under TRUE_PEAK_DBTP. But an AAC
or Opus encoder's overshoot is not steady: at 64 kb/s it jumps by two or three
dB at one spot and not at the next, from build to build and with a tenth of a
dB more or less gain (measured on the sample page: 0.9 to 4.6 dB over the
ceiling). Lowering the ceiling of the whole article for one spot would cost
loudness everywhere (espeak-ng's voices are limited hard, and their loudness
follows the ceiling nearly dB for dB), and raising the gain to win it back
pushes the audio deeper into the limiter and the peaks higher. So what ffmpeg
encodes is measured afterwards as ffmpeg's `ebur128` measures true peaks, and
when a peak passed the limit, the spots that passed are found in the decoded
audio and only the sentences around them get a lower ceiling (by their own
excess and a margin) before the article is encoded again.
The ceilings an encoding needed are cached under everything that decides them
(the encoder and its ffmpeg build, the audio, the gain), so a warm run encodes
once and measures nothing.
"""

from __future__ import annotations

import logging
import math
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from narrate.audio.limiter import Ceilings
from narrate.audio.loudness import parse_ebur128
from narrate.audio.timeline import Piece
from narrate.core.cache import AudioCache, digest
from narrate.core.errors import AudioToolError
from narrate.core.ffmpeg import Operation, failure, ffmpeg_command, run_ffmpeg
from narrate.core.formats import TRUE_PEAK_DBTP
from narrate.core.models import FRAME_RATE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

log = logging.getLogger(__name__)

TRUE_PEAKS = Operation(
    "measure true peaks", ("-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-")
)
MARGIN_DB = 0.5  # below the limit, after a correction: an encoder's overshoot is not linear
MAX_CORRECTIONS = 3
OVERSAMPLED_RATE = 4 * FRAME_RATE  # as BS.1770's true peak: four times the sample rate
OVERSAMPLE = Operation("find true peaks", ("-af", f"aresample={OVERSAMPLED_RATE}"))
SPOT_MS = 50  # spots closer than this are one; sentences this near a spot are lowered too
# Spots are looked for a little under the limit: ffmpeg's resampler and ebur128's
# interpolation read the same peak a few hundredths of a dB apart.
SEARCH_SLACK_DB = 0.2


@dataclass(frozen=True, slots=True)
class Spot:
    """Where the decoded audio passes a level, and how far."""

    seconds: float
    peak_dbtp: float


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


def spots_over(path: Path, level_dbtp: float) -> list[Spot]:
    """The spots where `path`'s audio, decoded and oversampled, passes `level_dbtp`.

    ffmpeg decodes and resamples; the samples are read as they come, so an hour of
    audio never sits in memory.
    """
    import numpy as np

    threshold = np.float32(10 ** (level_dbtp / 20))
    gap = OVERSAMPLED_RATE * SPOT_MS // 1000
    spots: list[Spot] = []
    last = -gap
    for offset, samples in _decoded(path):
        magnitudes = np.abs(samples)
        for index in np.flatnonzero(magnitudes > threshold):
            position = offset + int(index)
            peak = 20 * math.log10(float(magnitudes[index]))
            if spots and position - last < gap:
                spots[-1] = Spot(spots[-1].seconds, max(spots[-1].peak_dbtp, peak))
            else:
                spots.append(Spot(position / OVERSAMPLED_RATE, peak))
            last = position
    return spots


def _decoded(path: Path) -> Iterator[tuple[int, NDArray[np.float32]]]:
    """(first sample's index, samples) of `path` decoded and oversampled, a block at a time."""
    import numpy as np

    args = ["-i", str(path), *OVERSAMPLE.args, "-ac", "1", "-f", "f32le", "pipe:1"]
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                ffmpeg_command(args, operation=OVERSAMPLE), stdout=subprocess.PIPE, stderr=errors
            )
        except OSError as exc:
            raise AudioToolError(f"cannot run ffmpeg: {exc}", "install ffmpeg") from exc
        assert process.stdout is not None
        offset = 0
        with process.stdout:
            while block := process.stdout.read(1 << 20):  # whole samples until the last read
                samples = np.frombuffer(block[: len(block) - len(block) % 4], dtype="<f4")
                yield offset, samples
                offset += len(samples)
        if process.wait() != 0:
            errors.seek(0)
            raise failure("decoding for true peaks", errors.read())


def pieces_near(pieces: list[Piece], spots: list[Spot]) -> dict[int, float]:
    """The pieces within SPOT_MS of each spot (with the pause after each), and the most any
    of their spots passed TRUE_PEAK_DBTP by (0 for one just under it)."""
    starts: list[int] = []
    position = 0
    for piece in pieces:
        starts.append(position)
        position += piece.span(FRAME_RATE)
    near = SPOT_MS * FRAME_RATE // 1000
    excess: dict[int, float] = {}
    for spot in spots:
        at = int(spot.seconds * FRAME_RATE)
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else position
            if start - near <= at < end + near:
                over = max(0.0, spot.peak_dbtp - TRUE_PEAK_DBTP)
                excess[index] = max(excess.get(index, 0.0), over)
    return excess


def ceiling_key(encoder: str, pieces: list[Piece], gain_db: float, ceiling_db: float) -> str:
    """What decides the encoded peaks: the encoder (with its ffmpeg), the audio, the gain."""
    timeline = [(p.key, p.pause_after_ms) for p in pieces]
    return digest(
        "ceilings", encoder, timeline, gain_db, ceiling_db, TRUE_PEAK_DBTP, MARGIN_DB, SPOT_MS
    )


def known_ceilings(cache: AudioCache, key: str) -> Ceilings | None:
    """The ceilings this encoding needed before, when measured already."""
    stored = cache.load_object("calibration", key)
    if not isinstance(stored, tuple) or len(stored) != 2 or not isinstance(stored[0], float):
        return None
    base, lowered = stored
    if not isinstance(lowered, tuple) or not all(
        isinstance(i, int) and isinstance(c, float) for i, c in lowered
    ):
        return None
    return Ceilings(base, lowered)


def hold_peaks(
    encode: Callable[[Ceilings], Path],
    base_db: float,
    pieces: list[Piece],
    cache: AudioCache,
    key: str,
) -> tuple[Path, Ceilings]:
    """Encode with every ceiling at `base_db` (`encode(ceilings)` gives the file), measure,
    and lower the ceilings of the sentences where a true peak passed TRUE_PEAK_DBTP and
    encode again, while one does; (file, its ceilings)."""
    known = known_ceilings(cache, key)
    if known is not None:
        return encode(known), known
    ceilings = Ceilings(base_db)
    encoded = encode(ceilings)
    for _ in range(MAX_CORRECTIONS):
        peak = true_peak(["-i", str(encoded)])
        if peak is None or peak <= TRUE_PEAK_DBTP:
            break
        excess = pieces_near(pieces, spots_over(encoded, TRUE_PEAK_DBTP - SEARCH_SLACK_DB))
        if not excess:  # the decoder saw no spot where ebur128 did: every sentence, then
            excess = dict.fromkeys(range(len(pieces)), peak - TRUE_PEAK_DBTP)
        log.info("true peak %.1f dBTP: %d sentences encoded again, lower", peak, len(excess))
        ceilings = ceilings.lower({i: over + MARGIN_DB for i, over in excess.items()})
        encoded = encode(ceilings)
    else:
        peak = true_peak(["-i", str(encoded)])
        if peak is not None and peak > TRUE_PEAK_DBTP:
            log.warning("true peak %.1f dBTP after %d corrections", peak, MAX_CORRECTIONS)
    cache.store_object("calibration", key, (ceilings.base_db, ceilings.lowered))
    return encoded, ceilings
