"""Which libespeak-ng this process loads: the bundled one, the system's, or a file chosen.

The choice is the user's (narrate/core/tools.py): espeakng-loader's library and
voice data by default, so every machine makes the same audio; `system` for the
libespeak-ng.so.1 the system's loader finds (with its own voice data); or the
path of a library. It is loaded before pyttsx3 starts, so pyttsx3's own
`libespeak-ng.so.1` is this one (RTLD_LOCAL: Piper carries an espeak-ng of its
own, see engines/espeak.py). Only one can be loaded in a process.
"""

from __future__ import annotations

import ctypes
import os

from narrate.core.errors import EngineError
from narrate.core.tools import BUNDLED, SYSTEM, chosen

SONAME = "libespeak-ng.so.1"
FIX = "choose another: --espeak bundled, system or the path of a libespeak-ng"


def load_espeak() -> ctypes.CDLL:
    """Load the chosen libespeak-ng (the system's when the bundled one cannot be had)."""
    choice = chosen("espeak")
    bundled = _bundled() if choice == BUNDLED else None
    data = os.environ.get("ESPEAK_DATA_PATH")
    if bundled is not None:
        library, bundled_data = bundled
        os.environ.setdefault("ESPEAK_DATA_PATH", bundled_data)
        return _load(library)
    if data is not None and data == _bundled_data():
        del os.environ["ESPEAK_DATA_PATH"]  # set for the bundled one by the process above
    return _load(SONAME if choice in (BUNDLED, SYSTEM) else choice)


def _load(library: str) -> ctypes.CDLL:
    try:
        loaded = ctypes.CDLL(library, mode=ctypes.RTLD_LOCAL)
    except OSError as exc:
        raise EngineError(f"cannot load libespeak-ng: {exc}", FIX) from exc
    # another library (libz, libc) loads as well, and fails at its first espeak call
    if not hasattr(loaded, "espeak_Info"):
        raise EngineError(f"{library} is not libespeak-ng (it has no espeak_Info)", FIX)
    return loaded


def _bundled() -> tuple[str, str] | None:
    """espeakng-loader's library and voice data, or None when the wheel is missing."""
    try:
        import espeakng_loader

        return str(espeakng_loader.get_library_path()), str(espeakng_loader.get_data_path())
    except (ImportError, OSError):
        return None


def _bundled_data() -> str | None:
    bundled = _bundled()
    return bundled[1] if bundled else None
