"""espeak-ng through pyttsx3: the default engine, in the base install.

pyttsx3 drives the platform's engine (espeak-ng on Linux, SAPI5 on Windows,
NSSpeech on macOS); the engine is named after pyttsx3's driver. This module
loads libespeak-ng, lists its voices, rejects voice ids espeak-ng would silently
ignore, and keys its audio; `espeak_session.py` says sentences with it.
"""

from __future__ import annotations

import ctypes
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrate.audio.engines.base import Engine, EngineInfo, EngineSession, SpeakerSetup, Voice
from narrate.audio.engines.espeak_library import load_espeak
from narrate.audio.engines.espeak_state import Wavegen, loaded_library, wavegen_symbols
from narrate.core.errors import EngineError, VoiceError
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import Profile, primary_language

# Tags whose voice espeak-ng files under another code: the Chinese macrolanguage
# is read as Mandarin unless the region says Cantonese; Norwegian is Bokmål.
ENGINE_CODES: dict[str, str] = {
    "zh": "cmn", "zh-cn": "cmn", "zh-sg": "cmn", "zh-tw": "cmn", "zh-hans": "cmn",
    "zh-hant": "cmn", "zh-hk": "yue", "zh-mo": "yue", "no": "nb", "nn": "nb",
    "iw": "he", "in": "id", "sh": "sr",
}  # fmt: skip  # a table, 13 entries packed several a line


@dataclass(frozen=True, slots=True)
class EspeakInfo(EngineInfo):
    wavegen: Wavegen | None = None  # where espeak-ng's carried-over state is, when known


def default_driver() -> str:
    """The pyttsx3 driver for this platform."""
    return {"Windows": "sapi5", "Darwin": "nsss"}.get(platform.system(), "espeak")


def prepare_espeak() -> str:
    """Make libespeak-ng loadable for pyttsx3; return the library's version.

    Which library is the user's choice, the bundled one by default
    (engines/espeak_library.py). It is loaded RTLD_LOCAL: Piper carries its own
    espeak-ng, whose symbols a globally loaded libespeak-ng would stand in for
    (its synthesis then crashes), whichever engine ran first.
    """
    if default_driver() != "espeak":
        return platform.system()
    lib = load_espeak()
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    version: bytes | None = lib.espeak_Info(None)
    return f"espeak-ng {version.decode() if version else 'unknown'}"


def loaded_espeak() -> ctypes.CDLL:
    """The libespeak-ng this process loaded (a handle to the same library)."""
    library = loaded_library()
    return ctypes.CDLL(str(library) if library else "libespeak-ng.so.1")


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


class EspeakEngine(Engine):
    """espeak-ng (or the platform's engine) through pyttsx3."""

    label = "espeak-ng"

    def __init__(self) -> None:
        self.name = default_driver()
        if self.name != "espeak":
            self.label = self.name

    def info(self, memo_dir: Path | None = None) -> EspeakInfo:
        """The driver, its version and its voices (loads the engine in this process).

        `memo_dir`: the cache folder where what was learnt of the library is kept.
        """
        engine, version = new_engine()
        voices = tuple(
            Voice(
                engine=self.name,
                id=str(v.id).lower(),
                name=str(v.name),
                languages=tuple(str(lang) for lang in v.languages or ()),
            )
            for v in engine.getProperty("voices")
        )
        wavegen = wavegen_symbols(memo_dir) if self.name == "espeak" else None
        return EspeakInfo(self.name, version, voices, wavegen is not None, wavegen)

    def check_voice(self, voice_id: str, info: EngineInfo) -> str:
        """The voice id as asked for; VoiceError when espeak-ng would silently ignore it."""
        known = {v.id for v in info.voices} | {v.name.lower() for v in info.voices}
        if voice_id.lower() not in known:
            raise VoiceError(
                f"the {info.engine} engine has no voice {voice_id!r}",
                "`narrate voices` lists the engine's voices",
            )
        return voice_id

    def sound(self, voice_id: str, profile: Profile, info: EngineInfo) -> dict[str, object]:
        return {
            "engine": info.engine,
            "engine_version": info.version,
            "id": voice_id,
            "rate": profile.rate,
            "volume": profile.volume,
            "pitch": profile.pitch,
            "frame_rate": FRAME_RATE,
            "repeatable": info.repeatable,
        }

    def voice_for_language(self, language: str, info: EngineInfo) -> str | None:
        """The engine's own voice for a language, or None when it has none.

        The exact tag wins ('pt-br' -> roa/pt-br), then the voice whose id names the
        primary subtag ('de' -> gmw/de, 'fr' -> roa/fr, whose language is fr-fr),
        then any voice of that language. Romanised variants ('cmn-latn-pinyin')
        are for Latin script and never chosen for a language's own script.
        """
        tag = language.lower().replace("_", "-")
        primary = primary_language(tag)
        code = ENGINE_CODES.get(tag) or ENGINE_CODES.get(primary) or primary
        wanted = {tag, ENGINE_CODES.get(tag, tag)}
        candidates = [v for v in info.voices if "-latn" not in "".join(voice_tags(v))]
        for voice in candidates:
            if wanted & set(voice_tags(voice)):
                return voice.id
        for voice in candidates:
            if voice.id.rsplit("/", 1)[-1] == code:
                return voice.id
        for voice in candidates:
            if any(primary_language(t) == code for t in voice_tags(voice)):
                return voice.id
        return None

    def start(self, setup: SpeakerSetup, scratch: Callable[[], Path]) -> EngineSession:
        from narrate.audio.engines.espeak_session import EspeakSession

        info = setup.info(self.name)
        return EspeakSession(info.wavegen if isinstance(info, EspeakInfo) else None, scratch)


def voice_tags(voice: Voice) -> list[str]:
    """The language tags a voice speaks, lower case with hyphens."""
    return [lang.lower().replace("_", "-") for lang in voice.languages]
