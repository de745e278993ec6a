"""Progress events: how the pipeline tells its caller how far it is, without printing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    stage: str  # "synthesis" or "encoding"
    done: int
    total: int
    audio_ms: int  # audio produced so far in this stage


Progress = Callable[[ProgressEvent], None]
