"""`narrate voices add`: a Piper voice from a file or a URL, checked, into the voices folder.

A voice is added only when its model loads, matches its config and speaks a test
sentence of believable length and level; then both files are written into the
user's voices folder together (core/files.all_or_nothing), never one alone. A URL
is fetched through the one HTTP client (core/http.py), its config from the same
address with `.json` added, each size-capped.
"""

from __future__ import annotations

import math
import wave
from pathlib import Path
from urllib.parse import unquote, urlsplit

from narrate.audio.engines.base import Voice
from narrate.audio.engines.piper_voices import (
    CONFIG_SUFFIX,
    MODEL_SUFFIX,
    PiperFiles,
    config_of,
    describe,
    install_file,
    language_of,
    read_config,
)
from narrate.audio.verify import test_sentence, verify_wav
from narrate.core.errors import EngineError, VoiceError
from narrate.core.files import temporary_directory
from narrate.core.http import check_url, get

MODEL_MAX_BYTES = 400 * 1024 * 1024  # the largest Piper voices ("high") are about 115 MB
CONFIG_MAX_BYTES = 2 * 1024 * 1024
DOWNLOAD_DEADLINE_S = 1800.0
QUIETEST_DBFS = -40.0


def add_voice(source: str) -> Voice:
    """Check the voice at `source` (a .onnx file or an http(s) URL of one) and install it."""
    if "://" in source:
        with temporary_directory("voice") as work:
            model = _download(source, work)
            check_voice_files(model)
            installed = install_file(model, model.name.removesuffix(MODEL_SUFFIX))
    else:
        model = Path(source).expanduser()
        if not model.name.endswith(MODEL_SUFFIX):
            raise VoiceError(f"{source} is not a Piper model", "give a NAME.onnx file or its URL")
        if not model.is_file():
            raise VoiceError(f"no such file: {source}")
        check_voice_files(model)
        installed = install_file(model, model.name.removesuffix(MODEL_SUFFIX))
    return describe(installed, "voices folder")


def _download(url: str, work: Path) -> Path:
    """The model and its config from `url` into `work`; one HttpError line when it fails."""
    check_url(url)
    name = unquote(Path(urlsplit(url).path).name)
    if not name.endswith(MODEL_SUFFIX) or name == MODEL_SUFFIX:
        raise VoiceError(f"{url} does not name a Piper model", "give the URL of a NAME.onnx file")
    parts = urlsplit(url)
    config_url = parts._replace(path=parts.path + ".json").geturl()
    config = get(config_url, max_bytes=CONFIG_MAX_BYTES).body
    model = get(url, deadline_s=DOWNLOAD_DEADLINE_S, max_bytes=MODEL_MAX_BYTES).body
    target = work / name
    target.write_bytes(model)
    (work / (name.removesuffix(MODEL_SUFFIX) + CONFIG_SUFFIX)).write_bytes(config)
    return target


def check_voice_files(model: Path) -> float:
    """Seconds of a test sentence the voice said; VoiceError when it does not load, does not
    match its config, or says nothing believable."""
    from narrate.audio.engines.piper import PACE_WPM, load_voice, piper_version, say_once

    piper_version()
    files = PiperFiles(model, config_of(model))
    config = read_config(files)
    voice = load_voice(model, threads=1)
    text = test_sentence(language_of(files.voice_id, config))
    with temporary_directory("voice-check") as work:
        wav = work / "test.wav"
        try:
            say_once(voice, text, wav)
            verify_wav(wav, text, PACE_WPM)
        except EngineError as exc:
            raise VoiceError(
                f"{model.name} did not speak with its config: {exc.message}",
                "download the voice and its .onnx.json again",
            ) from exc
        with wave.open(str(wav), "rb") as audio:
            frames, rate = audio.getnframes(), audio.getframerate()
            samples = audio.readframes(frames)
    if _peak_dbfs(samples) < QUIETEST_DBFS:
        raise VoiceError(f"{model.name} said its test sentence in silence")
    return frames / rate


def _peak_dbfs(samples: bytes) -> float:
    import numpy as np

    data = np.frombuffer(samples, dtype=np.int16).astype(np.float64)
    peak = float(np.max(np.abs(data))) / 32768.0 if data.size else 0.0
    return 20 * math.log10(peak) if peak > 0 else -math.inf
