"""Settings, resolved once by the CLI and passed down (flag > profile > default).

Kept apart from the pipeline so the CLI and the worker processes can import
them without pulling in extraction and normalisation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from narrate import __version__
from narrate.core.cache import DEFAULT_MAX_BYTES, digest

ChapterMode = Literal["headings", "paragraphs", "none"]
DEFAULT_TARGET_LUFS = -16.0  # what podcast apps and platforms expect of spoken word


@dataclass(frozen=True, slots=True)
class ScriptOptions:
    lang: str | None = None  # overrides the page's language
    lexicons: tuple[Path, ...] = ()  # user lexicons, after the profile's own
    read_byline: bool = True


@dataclass(frozen=True, slots=True)
class Settings:
    voice: str | None = None  # profile name or engine voice id
    fallback_voice: str | None = None  # engine voice for languages the engine cannot speak
    script: ScriptOptions = field(default_factory=ScriptOptions)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    format: str = "mp3"
    loudness: float = DEFAULT_TARGET_LUFS
    cover: Path | None = None
    album: str | None = None
    chapters: ChapterMode = "headings"
    cache_dir: Path | None = None  # None: the user's cache folder
    use_cache: bool = True
    cache_max_bytes: int = DEFAULT_MAX_BYTES

    def fingerprint(self) -> str:
        """What, besides the page, decides the output: for batch's up-to-date check."""
        return digest(
            "settings", __version__, self.voice, self.fallback_voice, self.script.lang,
            [str(p) for p in self.script.lexicons], self.format, self.loudness,
            str(self.cover), self.album, self.chapters,
        )  # fmt: skip
