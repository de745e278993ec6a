"""The speech engines narrate can read with, one module each behind `base.Engine`.

espeak (espeak-ng through pyttsx3) comes with the base install; piper (Piper neural
voices, the optional `piper` extra) is imported only when asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from narrate.core.errors import InputError
from narrate.core.settings import ENGINE_NAMES

if TYPE_CHECKING:
    from narrate.audio.engines.base import Engine

__all__ = ["ENGINE_NAMES", "engine_named"]


def engine_named(name: str) -> Engine:
    """The engine called `name` (espeak, or the platform's pyttsx3 driver; piper)."""
    if name == "piper":
        from narrate.audio.engines.piper import PiperEngine

        return PiperEngine()
    from narrate.audio.engines.espeak import EspeakEngine, default_driver

    if name in ("espeak", default_driver()):
        return EspeakEngine()
    raise InputError(f"unknown engine {name!r}", f"use one of: {', '.join(ENGINE_NAMES)}")
