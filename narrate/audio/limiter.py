"""The master gain and a look-ahead peak limiter, in NumPy.

One gain is applied to the whole file; where that would push a sample over
the ceiling, the gain is pulled down smoothly around the peak: a little
before it (ATTACK, look-ahead) and for a while after (RELEASE), never above
what the loudest nearby block allows. Working on 32-sample blocks keeps it
vectorised, so an hour of audio is limited in well under a second. Doing it
here rather than in an ffmpeg filter lets MP3 be encoded in-process (lameenc),
without ffmpeg's per-packet thread hand-offs, which cost a quarter of the CPU.

It is applied chunk by chunk: chunks end in a pause, so a limiter that started
afresh at each chunk behaves exactly like one running over the whole file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

BLOCK = 32  # samples (1.5 ms at 22.05 kHz)
ATTACK_BLOCKS = 4  # about 6 ms of look-ahead
RELEASE_BLOCKS = 16  # about 23 ms held before the gain recovers
SMOOTH_BLOCKS = 4  # moving average over 2 * 4 + 1 blocks: no steps, never above the cap
STEP_DB = 0.1  # lowered ceilings are rounded down to this (ebur128 prints peaks to 0.1 dB)
LIMITER = f"block{BLOCK}-attack{ATTACK_BLOCKS}-release{RELEASE_BLOCKS}-smooth{SMOOTH_BLOCKS}"


@dataclass(frozen=True, slots=True)
class Ceilings:
    """The limiter's ceiling for each sentence: the format's, or lower where it overshot."""

    base_db: float
    lowered: tuple[tuple[int, float], ...] = ()  # (piece index, its ceiling), sorted

    def at(self, index: int) -> float:
        """The ceiling of piece `index`."""
        return dict(self.lowered).get(index, self.base_db)

    def lower(self, by_piece: dict[int, float]) -> Ceilings:
        """These pieces' ceilings lowered by so many dB each (rounded down to STEP_DB)."""
        ceilings = dict(self.lowered)
        for index, by_db in by_piece.items():
            wanted = self.at(index) - by_db
            ceilings[index] = round(math.floor(round(wanted / STEP_DB, 6)) * STEP_DB, 1)
        return Ceilings(self.base_db, tuple(sorted(ceilings.items())))


def master(pcm: bytes, gain_db: float, ceiling_db: float) -> bytes:
    """16-bit mono PCM with the gain applied and its peaks held under the ceiling."""
    import numpy as np  # imported here: a warm run, all from the cache, never needs it

    if not pcm:
        return pcm
    raw = np.frombuffer(pcm, dtype="<i2")
    samples = gain_envelope(raw, gain_db, ceiling_db)
    samples *= raw  # float32 result: the gain and the limiter in one multiply
    ceiling = np.float32(32767 * 10 ** (ceiling_db / 20))
    np.clip(samples, -ceiling, ceiling, out=samples)  # the clip only catches rounding
    return bytes(np.rint(samples).astype("<i2").tobytes())


def gain_envelope(raw: NDArray[np.int16], gain_db: float, ceiling_db: float) -> NDArray[np.float32]:
    """The gain each sample gets: the master gain, pulled down around peaks."""
    import numpy as np

    gains = block_gains(block_peaks(raw), gain_db, ceiling_db)
    return np.repeat(gains, BLOCK)[: len(raw)]


def block_peaks(raw: NDArray[np.int16]) -> NDArray[np.int32]:
    """The peak magnitude of each BLOCK samples (the last block padded with silence)."""
    import numpy as np

    blocks = np.pad(raw, (0, -len(raw) % BLOCK)).reshape(-1, BLOCK)
    lowest = blocks.min(axis=1).astype(np.int32)  # -32768 has no int16 negative
    peaks: NDArray[np.int32] = np.maximum(blocks.max(axis=1), -lowest)
    return peaks


def block_gains(peaks: NDArray[np.int32], gain_db: float, ceiling_db: float) -> NDArray[np.float32]:
    """One gain per block: the master gain, pulled down smoothly where a peak would pass."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    gain = np.float32(10 ** (gain_db / 20))
    ceiling = np.float32(32767 * 10 ** (ceiling_db / 20))
    allowed = np.minimum(np.float32(1.0), ceiling / np.maximum(peaks * gain, np.float32(1e-6)))
    # each block takes the lowest allowance from RELEASE blocks back to ATTACK blocks ahead
    held = np.pad(allowed, (RELEASE_BLOCKS, ATTACK_BLOCKS), constant_values=np.float32(1.0))
    capped = sliding_window_view(held, RELEASE_BLOCKS + ATTACK_BLOCKS + 1).min(axis=1)
    width = 2 * SMOOTH_BLOCKS + 1
    kernel = np.full(width, 1.0 / width, dtype=np.float32)
    smooth = np.convolve(np.pad(capped, SMOOTH_BLOCKS, mode="edge"), kernel, "valid")
    gains: NDArray[np.float32] = (np.minimum(smooth, capped) * gain).astype(np.float32)
    return gains
