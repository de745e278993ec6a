"""The espeak-ng engine as tests set it up: its info, a synthesizer, a job."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from narrate.audio.engines.base import SpeakerSetup, SynthJob
from narrate.audio.engines.espeak import EspeakEngine, EspeakInfo
from narrate.audio.engines.espeak_state import Wavegen
from narrate.audio.synthesizer import Synthesizer
from narrate.core.cache import AudioCache
from narrate.core.profiles import Profile

ENGLISH = "gmw/en-us"
_FOUND = object()


def espeak_info(memo_dir: Path | None = None) -> EspeakInfo:
    """espeak-ng as found in this process (loads it)."""
    return EspeakEngine().info(memo_dir)


def espeak_setup(
    profile: Profile, cache_root: Path, wavegen: Wavegen | object | None = _FOUND
) -> SpeakerSetup:
    """What a process needs to say sentences with espeak-ng (`wavegen`: else as found)."""
    info = espeak_info(cache_root)
    if wavegen is not _FOUND:
        info = dataclasses.replace(info, wavegen=wavegen, repeatable=wavegen is not None)  # type: ignore[arg-type]
    return SpeakerSetup(profile, str(cache_root), (info,))


def synthesizer(
    profile: Profile,
    voice_id: str,
    cache: AudioCache,
    workers: int = 1,
    wavegen: Wavegen | object | None = _FOUND,
) -> Synthesizer:
    """A Synthesizer whose pool gets ready for `voice_id` of espeak-ng."""
    setup = espeak_setup(profile, cache.root, wavegen)
    return Synthesizer(setup, workers, ("espeak", voice_id))


def espeak_job(key: str, text: str, voice_id: str = ENGLISH) -> SynthJob:
    return SynthJob(key, text, "espeak", voice_id or ENGLISH)
