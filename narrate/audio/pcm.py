"""Timeline PCM: mono 16-bit little-endian samples at FRAME_RATE, and silence in it.

Pieces and their pauses are written one after another (narrate/audio/encode.py),
never joined into one growing buffer, so no more than a sentence is held at a time.
"""

from __future__ import annotations

from narrate.core.models import FRAME_RATE


def silence(ms: int) -> bytes:
    """`ms` milliseconds of timeline-format silence."""
    return b"\x00\x00" * frames_for_ms(ms)


def frames_for_ms(ms: int) -> int:
    return ms * FRAME_RATE // 1000
