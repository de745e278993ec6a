"""Default cover art for a feed given no `--image`: Apple Podcasts refuses a show without one.

A 1400 x 1400 PNG (Apple's smallest accepted size, RGB): a colour taken from
the podcast's title and a row of bars like a sound wave, so different feeds
look different in a podcast app. Drawn with NumPy and written with zlib; no
imaging library is needed for a picture this plain.
"""

from __future__ import annotations

import colorsys
import hashlib
import struct
import zlib
from pathlib import Path

from narrate.core.files import atomic_path

COVER_NAME = "cover.png"
SIZE = 1400  # pixels a side: Apple asks for 1400 to 3000
BARS = 23


def write_default_cover(path: Path, title: str) -> None:
    """Draw the cover for `title` into `path` (PNG), atomically."""
    with atomic_path(path) as partial:
        partial.write_bytes(default_cover_png(title))


def default_cover_png(title: str) -> bytes:
    """The cover for `title`, as PNG bytes."""
    return _png(_pixels(title))


def _pixels(title: str) -> bytes:
    """RGB rows of the cover: a background from the title's hash, a wave of lighter bars."""
    import numpy as np

    seed = hashlib.sha256(title.encode("utf-8")).digest()
    hue = seed[0] / 255
    background = _rgb(hue, 0.45, 0.35)
    bar = _rgb(hue, 0.25, 0.92)
    image = np.empty((SIZE, SIZE, 3), dtype=np.uint8)
    image[:, :] = background
    slot = SIZE * 3 // 4 // BARS  # the wave spans the middle three quarters
    left = (SIZE - slot * BARS) // 2
    for number in range(BARS):
        # an envelope rising to the middle, varied by the title
        envelope = 1 - abs(number - BARS // 2) / (BARS / 2)
        height = int(SIZE * (0.08 + 0.42 * envelope * (0.55 + 0.45 * seed[1 + number] / 255)))
        top = (SIZE - height) // 2
        x = left + number * slot + slot // 5
        image[top : top + height, x : x + slot * 3 // 5] = bar
    return image.tobytes()


def _rgb(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(red * 255), round(green * 255), round(blue * 255)


def _png(rgb: bytes) -> bytes:
    """An 8-bit RGB PNG of SIZE x SIZE pixels from raw rows."""
    stride = SIZE * 3
    raw = b"".join(b"\x00" + rgb[row * stride : (row + 1) * stride] for row in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
