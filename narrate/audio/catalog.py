"""The engines and voices one run reads with: found once, checked, and keyed.

`Catalog.find` looks for each engine (espeak-ng always; Piper where its voices
or its extra are installed), resolves the profile (`--voice` may name a profile
or a voice of any engine) and checks what the settings ask for before any audio
is made: an unknown voice, or `--engine piper` without the extra, is one line.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from narrate.audio.engines import ENGINE_NAMES, engine_named
from narrate.audio.engines.base import EngineInfo
from narrate.audio.engines.espeak import default_driver
from narrate.audio.voices import VoiceChoice, language_name
from narrate.core.errors import VoiceError
from narrate.core.profiles import Profile, resolve_profile
from narrate.core.settings import Settings

PIPER_REPEAT_NOTE = (
    "Piper's model draws random noise that ONNX Runtime cannot seed per sentence: "
    "without the cache a sentence comes out slightly different each time; "
    "with it, repeat runs are identical"
)


def _profile(voice: str | None, ids: dict[str, frozenset[str]]) -> Profile:
    """The profile `--voice` names; a Piper voice that is in the voices folder but broken
    is said as broken, with why, not as unknown."""
    try:
        return resolve_profile(voice, ids)
    except VoiceError:
        from narrate.audio.engines.piper_voices import broken_voices

        for model, problem in broken_voices():
            if voice is not None and model.stem.lower() == voice.lower():
                raise VoiceError(
                    f"the Piper voice {model.stem} cannot be used: {problem}",
                    "add it again with narrate voices add, or remove it",
                ) from None
        raise


def piper_info() -> EngineInfo | None:
    """Piper as installed here (its voices listed without importing it), or None."""
    if importlib.util.find_spec("piper") is None:
        return None
    from narrate.audio.engines.piper_voices import find_voices

    try:
        version = f"piper-tts {metadata.version('piper-tts')}"
    except metadata.PackageNotFoundError:
        return None
    return EngineInfo("piper", version, tuple(find_voices()), repeatable=False)


@dataclass(slots=True)
class Catalog:
    """The engines found for a run, its profile, and the engine it asks for."""

    infos: tuple[EngineInfo, ...]
    profile: Profile
    wanted: str  # the run's engine: --engine, else the profile's
    _sounds: dict[tuple[str, str], dict[str, object]] = field(default_factory=dict)

    @classmethod
    def find(
        cls,
        settings: Settings,
        memo_dir: Path | None,
        infos: tuple[EngineInfo, ...] | None = None,
    ) -> Catalog:
        """The engines, profile and engine of a run; VoiceError for what cannot be had."""
        if infos is None:
            base = engine_named(default_driver()).info(memo_dir)
            piper = piper_info()
            infos = (base,) if piper is None else (base, piper)
        ids = {info.engine: frozenset(v.id for v in info.voices) for info in infos}
        profile = settings.shape(_profile(settings.voice, ids))
        wanted = settings.engine or profile.engine
        if wanted not in ENGINE_NAMES and wanted != default_driver():
            raise VoiceError(f"unknown engine {wanted!r}", f"use {' or '.join(ENGINE_NAMES)}")
        catalog = cls(infos, profile, wanted)
        if wanted == "piper" and "piper" not in catalog.by_name:
            from narrate.audio.engines.piper import INSTALL_HINT

            raise VoiceError("the Piper engine is not installed", f"install it: {INSTALL_HINT}")
        if settings.fallback_voice is not None:
            catalog.check(default_driver(), settings.fallback_voice)
        return catalog

    @property
    def by_name(self) -> dict[str, EngineInfo]:
        return {info.engine: info for info in self.infos}

    def check(self, engine: str, voice_id: str) -> str:
        """The voice id as its engine spells it; VoiceError when the engine lacks it."""
        info = self.by_name.get(engine)
        if info is None:
            raise VoiceError(f"the {engine} engine is not installed")
        return engine_named(engine).check_voice(voice_id, info)

    def sound(self, engine: str, voice_id: str, profile: Profile) -> dict[str, object]:
        """What decides the voice's sound (its cache-key part), worked out once per voice."""
        key = (engine, voice_id)
        if key not in self._sounds:
            self._sounds[key] = engine_named(engine).sound(voice_id, profile, self.by_name[engine])
        return self._sounds[key]

    def notices(self, choices: list[VoiceChoice]) -> list[str]:
        """One line per language read by espeak-ng because the run's engine has no voice."""
        lines: list[str] = []
        for choice in {c.language: c for c in choices}.values():
            if choice.how == "other-engine":
                label = engine_named(self.wanted).label
                lines.append(
                    f"no {label} voice for {language_name(choice.language)} is installed; "
                    f"{engine_named(choice.engine).label} reads it ({choice.voice_id})"
                )
        return lines

    def repeat_note(self, engine: str) -> str | None:
        """What the manifest says of an engine whose audio does not repeat without the cache."""
        return PIPER_REPEAT_NOTE if engine == "piper" else None
