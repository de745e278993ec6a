"""Settings, resolved once by the CLI and passed down (flag > settings file > profile > default).

Kept apart from the pipeline so the CLI and the worker processes can import
them without pulling in extraction and normalisation.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from narrate import __version__
from narrate.core.cache import DEFAULT_MAX_BYTES, digest
from narrate.core.errors import InputError

if TYPE_CHECKING:
    from narrate.core.profiles import Profile

ChapterMode = Literal["headings", "paragraphs", "none"]
CHAPTER_MODES: tuple[ChapterMode, ...] = ("headings", "paragraphs", "none")
ENGINE_NAMES = ("espeak", "piper")  # the speech engines (narrate/audio/engines/)
DEFAULT_TARGET_LUFS = -16.0  # what podcast apps and platforms expect of spoken word
LOUDNESS_RANGE = (-35.0, -5.0)  # LUFS: from very quiet speech to as loud as a limiter allows
RATE_RANGE = (80, 450)  # words per minute: espeak-ng's espeakRATE_MINIMUM and espeakRATE_MAXIMUM
PITCH_RANGE = (0, 100)  # espeak-ng's base pitch scale (50 is the voice's own)
DEFAULT_OUTPUT_DIR = Path("output")  # where episodes go when neither -o nor the settings file says


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class ScriptOptions:
    lang: str | None = None  # overrides the page's language
    lexicons: tuple[Path, ...] = ()  # user lexicons, after the profile's own
    read_byline: bool = True


@dataclass(frozen=True, slots=True)
class Settings:
    voice: str | None = None  # profile name or engine voice id
    fallback_voice: str | None = None  # espeak-ng voice for languages no voice speaks
    engine: str | None = None  # espeak or piper (None: the profile's)
    script: ScriptOptions = field(default_factory=ScriptOptions)
    jobs: int = field(default_factory=usable_cores)
    format: str = "mp3"
    loudness: float = DEFAULT_TARGET_LUFS
    cover: Path | None = None
    album: str | None = None
    chapters: ChapterMode = "headings"
    cache_dir: Path | None = None  # None: the user's cache folder
    use_cache: bool = True
    cache_max_bytes: int = DEFAULT_MAX_BYTES
    rate: int | None = None  # words per minute instead of the profile's
    pitch: int | None = None  # instead of the profile's
    # --storage-option pairs for store URLs (s3://...): how to reach storage, not how it
    # sounds (not in the fingerprint), and maybe secret (not in the repr)
    storage: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        low, high = LOUDNESS_RANGE
        if not low <= self.loudness <= high:  # false for nan too
            raise InputError(
                f"loudness {self.loudness} is out of range", f"use {low:g} to {high:g} LUFS"
            )
        if self.jobs < 1:
            raise InputError(f"jobs must be 1 or more, not {self.jobs}")

    def fingerprint(self) -> str:
        """What, besides the page, decides the output: for batch's up-to-date check."""
        # Overrides join the digest only when given, so outputs made without them stay current.
        overrides: list[object] = (
            [self.rate, self.pitch] if (self.rate, self.pitch) != (None, None) else []
        )
        if self.engine is not None:
            overrides.append(self.engine)
        return digest(
            "settings",
            __version__,
            self.voice,
            self.fallback_voice,
            self.script.lang,
            [str(p) for p in self.script.lexicons],
            self.format,
            self.loudness,
            str(self.cover),
            self.album,
            self.chapters,
            *overrides,
        )

    def shape(self, profile: Profile) -> Profile:
        """The profile with this run's rate and pitch, where they override the profile's."""
        rate = profile.rate if self.rate is None else self.rate
        pitch = profile.pitch if self.pitch is None else self.pitch
        return dataclasses.replace(profile, rate=rate, pitch=pitch)


@dataclass(frozen=True, slots=True)
class Rate:
    """A speaking rate as asked for: words per minute, or a multiple of the profile's rate."""

    wpm: int | None = None
    factor: float | None = None

    @classmethod
    def parse(cls, text: str) -> Rate:
        """`180` (words per minute) or `1.25x` (times the profile's rate); ValueError otherwise."""
        cleaned = text.strip().lower()
        try:
            if cleaned.endswith(("x", "×")):
                factor = float(cleaned[:-1])
                if 0 < factor < float("inf"):
                    return cls(factor=factor)
            else:
                return cls(wpm=int(cleaned))
        except ValueError:
            pass
        raise ValueError(f"{text!r} is not words per minute (180) or a multiplier (1.25x)")

    def of(self, profile_wpm: int) -> int:
        """Words per minute, for a profile that speaks at `profile_wpm`."""
        return self.wpm if self.wpm is not None else round(profile_wpm * (self.factor or 1.0))

    def __str__(self) -> str:
        return f"{self.factor:g}x" if self.factor is not None else str(self.wpm)


def check_rate(rate: Rate, profile_wpm: int) -> int:
    """The rate in words per minute; ValueError saying the range when it is outside."""
    wpm = rate.of(profile_wpm)
    low, high = RATE_RANGE
    if not low <= wpm <= high:
        given = f"{rate} of {profile_wpm} wpm is {wpm} wpm" if rate.factor else f"{wpm} wpm"
        raise ValueError(f"{given}; the engine speaks {low} to {high} words a minute")
    return wpm


def chapter_mode(text: str) -> ChapterMode:
    """`text` as a chapter mode, whatever its case; ValueError naming the modes otherwise."""
    for mode in CHAPTER_MODES:
        if text.strip().lower() == mode:
            return mode
    raise ValueError(f"{text!r} is not {', '.join(CHAPTER_MODES)}")


def check_range(value: float, bounds: tuple[float, float], unit: str = "") -> float:
    """`value` when it lies within `bounds`; ValueError naming them otherwise (nan too)."""
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{value:g} is not between {low:g} and {high:g}{unit}")
    return value


def check_loudness(lufs: float) -> float:
    """`lufs` as a loudness target (flag or settings file); ValueError naming the range."""
    return check_range(lufs, LOUDNESS_RANGE, " LUFS")
