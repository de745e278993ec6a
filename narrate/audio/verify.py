"""Checks on what an engine says: a 16-bit WAV of a believable length for its words.

Every engine's every sentence is checked before it is cached: too short means
a lost or cut utterance, the fault that matters.
"""

from __future__ import annotations

import wave
from pathlib import Path

from narrate.core.errors import EngineError

# A sentence a voice is tried with (doctor, `voices add`), in its language where known.
TEST_SENTENCES = {
    "en": "Narrate checks that the speech engine works.",
    "de": "Narrate prüft, ob die Sprachausgabe funktioniert.",
    "fr": "Narrate vérifie que la synthèse vocale fonctionne.",
    "es": "Narrate comprueba que el motor de voz funciona.",
    "pt": "O Narrate verifica se o motor de voz funciona.",
    "it": "Narrate controlla che il motore vocale funzioni.",
}


def test_sentence(language: str) -> str:
    """The test sentence for a language tag (English where there is none of its own)."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return TEST_SENTENCES.get(primary, TEST_SENTENCES["en"])


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
