"""The speech engine: which one, its voices, and checks on what it says.

pyttsx3 drives the platform's engine (espeak-ng on Linux, SAPI5 on Windows,
NSSpeech on macOS). This module loads it, lists its voices, rejects voice ids
espeak-ng would silently ignore, and verifies every file it writes. Speaking
happens in narrate/speaker.py (one engine per process) and
narrate/synthesizer.py (a pool of such processes).
"""

from __future__ import annotations

import ctypes
import os
import platform
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrate.audio.espeak_state import Wavegen, loaded_library, wavegen_symbols
from narrate.core.errors import EngineError, VoiceError
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import VoiceProfile


@dataclass(frozen=True, slots=True)
class EngineVoice:
    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EngineInfo:
    driver: str  # pyttsx3 driver: espeak, sapi5 or nsss
    version: str  # engine library version, part of the cache key
    voices: tuple[EngineVoice, ...]
    wavegen: Wavegen | None = None  # where espeak-ng's carried-over state is, when known

    @property
    def repeatable(self) -> bool:
        """Each sentence's audio is independent of the sentences before it."""
        return self.wavegen is not None


@dataclass(frozen=True, slots=True)
class SynthJob:
    key: str  # cache key of the sentence's audio
    spoken: str
    voice_id: str = ""  # the engine voice to say it with; "" for the synthesizer's own


@dataclass(frozen=True, slots=True)
class SynthResult:
    key: str
    frames: int


def default_driver() -> str:
    """The pyttsx3 driver for this platform."""
    return {"Windows": "sapi5", "Darwin": "nsss"}.get(platform.system(), "espeak")


def prepare_espeak() -> str:
    """Make libespeak-ng loadable for pyttsx3; return the library's version.

    The library shipped in the espeakng-loader wheel (with its voice data) is
    loaded by default, globally, so pyttsx3 finds it under the soname it asks
    for and every machine makes the same audio; a system libespeak-ng only
    when the wheel's cannot be loaded.
    """
    if default_driver() != "espeak":
        return platform.system()
    try:
        import espeakng_loader

        path = str(espeakng_loader.get_library_path())
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        os.environ.setdefault("ESPEAK_DATA_PATH", str(espeakng_loader.get_data_path()))
    except (ImportError, OSError):
        try:
            lib = ctypes.CDLL("libespeak-ng.so.1", mode=ctypes.RTLD_GLOBAL)
        except OSError as exc:
            raise EngineError(f"cannot load libespeak-ng: {exc}", "reinstall narrate") from exc
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    version: bytes | None = lib.espeak_Info(None)
    return f"espeak-ng {version.decode() if version else 'unknown'}"


def espeak_origin() -> tuple[Path | None, str]:
    """The libespeak-ng file this process loaded, and `system` or `bundled` (espeakng-loader).

    Call after `prepare_espeak`; (None, "unknown") where the process's maps cannot be read.
    """
    library = loaded_library()
    if library is None:
        return None, "unknown"
    try:
        import espeakng_loader

        bundled = Path(espeakng_loader.get_library_path()).resolve().parent
    except (ImportError, OSError):
        return library, "system"
    return library, "bundled" if library.resolve().is_relative_to(bundled) else "system"


def new_engine() -> tuple[Any, str]:
    """A fresh pyttsx3 engine for this platform, and its library's version."""
    version = prepare_espeak()
    import pyttsx3

    try:
        return pyttsx3.init(default_driver()), version
    except Exception as exc:  # pyttsx3 raises bare Exceptions from its drivers
        raise EngineError(
            f"the speech engine did not start: {exc}", "see `narrate voices`"
        ) from exc


def engine_info(memo_dir: Path | None = None) -> EngineInfo:
    """The driver, its version and its voices (loads the engine in this process).

    `memo_dir`: the cache folder where what was learnt of the library is kept (None: nowhere).
    """
    engine, version = new_engine()
    voices = tuple(
        EngineVoice(str(v.id).lower(), str(v.name), tuple(str(lang) for lang in v.languages or ()))
        for v in engine.getProperty("voices")
    )
    wavegen = wavegen_symbols(memo_dir) if default_driver() == "espeak" else None
    return EngineInfo(default_driver(), version, voices, wavegen)


def check_voice(profile: VoiceProfile, info: EngineInfo) -> str:
    """The engine voice id the profile needs; VoiceError when the engine lacks it."""
    wanted = profile.engine_voice(info.driver)
    if wanted is None:
        raise VoiceError(f"voice profile {profile.name!r} has no {info.driver} voice", "add one")
    known = {v.id for v in info.voices} | {v.name.lower() for v in info.voices}
    if wanted.lower() not in known:
        raise VoiceError(
            f"the {info.driver} engine has no voice {wanted!r} (profile {profile.name!r})",
            "`narrate voices` lists the engine's voices",
        )
    return wanted


# --- verification ---------------------------------------------------------------------------


def plausible_seconds(spoken: str, rate_wpm: int) -> tuple[float, float]:
    """The shortest and longest believable duration of `spoken` at `rate_wpm`.

    Too short means a lost or cut utterance, the fault that matters. The upper
    bound is loose: a voice meeting a script it does not know spells it out
    letter by letter (about a second a character), which is slow but not wrong.
    """
    words = max(len(spoken.split()), 1)
    expected = words * 60.0 / max(rate_wpm, 40)
    return 0.3 * expected, max(4.0 * expected, 1.0 * len(spoken)) + 3.0


def verify_wav(path: Path, spoken: str, rate_wpm: int) -> tuple[int, int]:
    """Check a segment file: exists, 16-bit PCM WAV, non-empty, plausible length."""
    if not path.exists() or path.stat().st_size <= 44:
        raise EngineError(f"no audio written for {spoken[:40]!r}")
    try:
        with wave.open(str(path), "rb") as wav:
            frames, rate, width = wav.getnframes(), wav.getframerate(), wav.getsampwidth()
    except (wave.Error, EOFError) as exc:
        raise EngineError(f"unreadable audio for {spoken[:40]!r}: {exc}") from exc
    if width != 2 or frames == 0:
        raise EngineError(f"empty or non-16-bit audio for {spoken[:40]!r}")
    low, high = plausible_seconds(spoken, rate_wpm)
    seconds = frames / rate
    if not low <= seconds <= high:
        raise EngineError(
            f"{seconds:.2f} s of audio for {len(spoken.split())} words is implausible "
            f"(expected {low:.1f}-{high:.1f} s): {spoken[:40]!r}"
        )
    return frames, rate


def voice_settings(
    profile: VoiceProfile, voice_id: str, driver: str, version: str, repeatable: bool
) -> dict[str, object]:
    """Everything about the voice that changes the audio: part of every cache key."""
    return {
        "engine": driver,
        "engine_version": version,
        "id": voice_id,
        "rate": profile.rate,
        "volume": profile.volume,
        "pitch": profile.pitch,
        "frame_rate": FRAME_RATE,
        "repeatable": repeatable,
    }
