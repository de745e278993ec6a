"""ITU-R BS.1770 integrated loudness of a sample through the limiter, in NumPy.

Finding an article's gain measures the same sample at a few gains
(narrate/audio/calibrate.py). Doing each measurement with ffmpeg's `ebur128` filter
cost a subprocess of about 0.1 s, a fifth of a short article's work in a
batch. Here the sample is K-weighted once, and each gain's measurement only
multiplies it by the limiter's gain envelope: the envelope moves over
milliseconds, slowly against the K filter, so limiting then weighting and
weighting then limiting agree to within a few hundredths of a LU
(tests/test_bs1770.py measures the difference against ffmpeg).

The K filter is BS.1770's two biquads (a high shelf and a high pass, with
libebur128's formulas for any sample rate), applied through the FFT because
NumPy has no recursive filter and SciPy would be a large dependency for two
filters.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from narrate.audio.limiter import BLOCK, block_gains, block_peaks
from narrate.audio.loudness import BLOCK_FRAMES_AT_22050, gated_loudness
from narrate.audio.pcm import frames_for_ms
from narrate.core.models import FRAME_RATE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

METER = "bs1770-numpy-1"  # part of calibration cache keys
SEGMENT = 1 << 17  # FFT size of the overlap-save filtering
HISTORY = 4096  # samples before each segment; the K filter's response dies away well within
Biquad = tuple[tuple[float, float, float], tuple[float, float, float]]  # (b, a)


def k_filter(rate: int) -> tuple[Biquad, Biquad]:
    """BS.1770's pre-filter (high shelf) and RLB high pass at `rate`, as libebur128 makes them."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        ((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0),
        (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0),
    )
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    high_pass = ((1.0, -2.0, 1.0), (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0))
    return shelf, high_pass


@lru_cache(maxsize=16)
def _response(size: int, rate: int) -> NDArray[np.complex64]:
    """The K filter's frequency response at the bins of a real FFT of `size` points."""
    import numpy as np

    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)  # z^-1 on the unit circle
    response = np.ones_like(z)
    for b, a in k_filter(rate):
        response *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    result: NDArray[np.complex64] = response.astype(np.complex64)
    return result


def k_weighted(
    samples: NDArray[np.int16] | NDArray[np.float32], rate: int = FRAME_RATE, scale: float = 1.0
) -> NDArray[np.float32]:
    """`samples` times `scale` through the K filter, by overlap-save in SEGMENT-sample blocks."""
    import numpy as np

    step = SEGMENT - HISTORY
    result = np.empty(len(samples), np.float32)
    response = _response(SEGMENT, rate) * np.complex64(scale)
    for start in range(0, len(samples), step):
        first = max(start - HISTORY, 0)  # the first segment's history is silence
        segment = samples[first : start + step]
        spectrum = np.fft.rfft(segment, SEGMENT) * response
        filtered = np.fft.irfft(spectrum, SEGMENT)[start - first : len(segment)]
        result[start : start + len(filtered)] = filtered
    return result


class SampleMeter:
    """Loudness of one sample (sentences, each with its pause) at any gain, through the limiter.

    Only the K-weighted samples and the limiter's block peaks are kept, so a
    measurement needs one array the size of the sample.
    """

    def __init__(self, speech: Sequence[tuple[bytes, int]]) -> None:
        import numpy as np

        pieces = [np.zeros(0, "<i2")]
        for pcm, pause_ms in speech:
            pieces += [np.frombuffer(pcm, dtype="<i2"), np.zeros(frames_for_ms(pause_ms), "<i2")]
        raw = np.concatenate(pieces)
        usable = len(raw) - len(raw) % BLOCK_FRAMES_AT_22050  # whole 100 ms blocks
        self.peaks = block_peaks(raw[:usable])
        weighted = k_weighted(raw[:usable], scale=1 / 32768)  # 16-bit full scale is 1.0
        del raw
        self.weighted = np.pad(weighted, (0, -usable % BLOCK)).reshape(-1, BLOCK)
        self.usable = usable

    def loudness(self, gain_db: float, ceiling_db: float) -> float:
        """Integrated loudness (LUFS) of the sample with this gain and limiter ceiling."""
        import numpy as np

        if self.usable == 0:
            return -70.0
        limited = self.weighted * block_gains(self.peaks, gain_db, ceiling_db)[:, None]
        limited *= limited  # squares, in place
        powers = limited.reshape(-1)[: self.usable].reshape(-1, BLOCK_FRAMES_AT_22050)
        return gated_loudness(powers.mean(axis=1, dtype=np.float64).tolist())
