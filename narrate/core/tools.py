"""Which ffmpeg and which libespeak-ng a run uses: the user's choice, one way of reading it.

Each tool is `bundled` (the one shipped in a wheel: imageio-ffmpeg's ffmpeg,
espeakng-loader's libespeak-ng; the default, so the same narrate version makes
the same audio on every machine), `system` (the ffmpeg on PATH, the
libespeak-ng.so.1 the system's loader finds) or the path of one. The CLI
resolves the choice once (flag > environment > settings file > default,
narrate/cli/resolve.py) and `use` puts it in this process's environment
(NARRATE_FFMPEG, NARRATE_ESPEAK), where the library reads it (`chosen`) here
and in every process this one starts: engine workers, batch processes, a
local cluster.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

Tool = Literal["ffmpeg", "espeak"]
ENV: dict[Tool, str] = {"ffmpeg": "NARRATE_FFMPEG", "espeak": "NARRATE_ESPEAK"}
BUNDLED, SYSTEM = "bundled", "system"
NAMES: dict[Tool, str] = {"ffmpeg": "ffmpeg", "espeak": "libespeak-ng"}


def check_choice(tool: Tool, value: str) -> str:
    """`bundled`, `system` or an existing file's absolute path; ValueError saying why not."""
    text = value.strip()
    if text.lower() in (BUNDLED, SYSTEM):
        return text.lower()
    path = Path(text).expanduser()
    if not path.is_file():
        raise ValueError(f"{text!r} is not bundled, system or the path of {NAMES[tool]}")
    if tool == "ffmpeg" and not os.access(path, os.X_OK):
        raise ValueError(f"{path} is not executable")
    return str(path.absolute())


def chosen(tool: Tool) -> str:
    """The choice in force in this process: bundled unless the CLI (or the user's
    environment) said otherwise."""
    return os.environ.get(ENV[tool], "").strip() or BUNDLED


_before: dict[Tool, str | None] = {}  # the environment's values before `use`


def use(tool: Tool, choice: str) -> None:
    """Make `choice` this process's, and that of every process it starts."""
    _before.setdefault(tool, os.environ.get(ENV[tool]))
    os.environ[ENV[tool]] = choice


def restore() -> None:
    """Put the environment back as it was before `use` (a command run in-process is over)."""
    for tool, value in _before.items():
        if value is None:
            os.environ.pop(ENV[tool], None)
        else:
            os.environ[ENV[tool]] = value
    _before.clear()
