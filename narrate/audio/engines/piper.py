"""Piper: neural voices on ONNX Runtime, offline (the optional `piper` extra).

A voice is a model file with its config (engines/piper_voices.py finds them).
The engine runs in the process that narrates, on as many intra-op threads as the
run has jobs: one model in memory, where a pool of processes would hold one each.
narrate's rate is Piper's length scale (the profile's default rate, 175 words a
minute, is the voice's own pace). A long sentence is phonemised whole and run
through the model in clause-long parts (MAX_PHONEMES): the model's memory grows
with the audio of one run (about 20 MB a second of speech), and the whole
narration must stay within 400 MB.

Its ONNX Runtime threads block when idle rather than spin (SESSION_CONFIG): spinning
threads keep the cores from the rest of the narration between model runs.

The model draws random noise for each run (pitch and timing variation that make
it sound natural); ONNX Runtime cannot seed it per run, so the same sentence
twice differs slightly: `repeatable` is false in its cache key and manifest, and
repeat runs get identical audio from the cache.
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from narrate.audio.engines.base import Engine, EngineInfo, EngineSession, SpeakerSetup, Voice
from narrate.audio.engines.piper_voices import QUALITY_ORDER, find_voices, model_digest
from narrate.core.errors import EngineError, VoiceError
from narrate.core.files import scratch_error
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import Profile, primary_language

INSTALL_HINT = "pip install 'narrate[piper]'"
PACE_WPM = 175  # the rate at which a Piper voice speaks at its own length scale
MAX_PHONEMES = 100  # per model run: about 5 s of speech (17 words), bounding its memory
CLAUSE_ENDS = frozenset(",;:")
# ONNX Runtime's idle intra-op threads spin on the cores by default, waiting for the next
# operator or the next run: between runs they take the cores from everything narrate does
# beside the model (phonemes, trimming, the cache, LAME on the encoding thread), and on a
# shared machine from everyone else. Blocking instead costs the model nothing measurable.
SESSION_CONFIG = {"session.intra_op.allow_spinning": "0", "session.inter_op.allow_spinning": "0"}
log = logging.getLogger(__name__)


def piper_version() -> str:
    """piper-tts's version; EngineError naming the install command when it is missing."""
    try:
        import piper  # noqa: F401  (the engine itself, not only its metadata)

        return f"piper-tts {metadata.version('piper-tts')}"
    except (ImportError, metadata.PackageNotFoundError) as exc:
        raise VoiceError(
            "the Piper engine is not installed", f"install it: {INSTALL_HINT}"
        ) from exc


class PiperEngine(Engine):
    name = "piper"
    label = "Piper"
    in_process_only = True  # one model, many threads (see the module's docstring)

    def info(self, memo_dir: Path | None = None) -> EngineInfo:
        return EngineInfo(self.name, piper_version(), tuple(find_voices()), repeatable=False)

    def sound(self, voice_id: str, profile: Profile, info: EngineInfo) -> dict[str, object]:
        voice = info.voice(voice_id)
        if voice is None:
            raise VoiceError(f"no Piper voice {voice_id!r} is installed")
        return {
            "engine": self.name,
            "engine_version": info.version,
            "id": voice.id,
            "model": model_digest(voice),
            "rate": profile.rate,
            "volume": profile.volume,
            "frame_rate": FRAME_RATE,
            "repeatable": False,
        }

    def check_voice(self, voice_id: str, info: EngineInfo) -> str:
        voice = info.voice(voice_id)
        if voice is None:
            import difflib

            ids = [v.id for v in info.voices]
            near = difflib.get_close_matches(voice_id, ids, n=3, cutoff=0.5)
            raise VoiceError(
                f"no Piper voice {voice_id!r} is installed"
                + (f" (nearest: {', '.join(near)})" if near else ""),
                "`narrate voices` lists them; `narrate voices add FILE.onnx|URL` adds one",
            )
        return voice.id

    def voice_for_language(self, language: str, info: EngineInfo) -> str | None:
        """The installed voice of the language: the exact region first, then the primary
        language; the better quality first, then by name."""
        tag = language.lower().replace("_", "-")
        primary = primary_language(tag)

        def rank(voice: Voice) -> tuple[int, int, str]:
            exact = 0 if any(t.lower() == tag for t in voice.languages) else 1
            quality = QUALITY_ORDER.index(voice.quality) if voice.quality in QUALITY_ORDER else 9
            return exact, quality, voice.id

        speaking = [
            v for v in info.voices if any(primary_language(t) == primary for t in v.languages)
        ]
        return min(speaking, key=rank).id if speaking else None

    def start(self, setup: SpeakerSetup, scratch: Callable[[], Path]) -> EngineSession:
        piper_version()
        return PiperSession(setup.threads)


class PiperSession(EngineSession):
    """One Piper model loaded at a time, with the synthesis settings of the profile."""

    def __init__(self, threads: int) -> None:
        self.threads = max(1, threads)
        self.voice: Voice | None = None
        self.loaded: tuple[tuple[str, int, int], Any] | None = None  # (file's stamp, PiperVoice)
        self.config: Any = None

    def use(self, voice_id: str, profile: Profile, info: EngineInfo) -> None:
        from piper import SynthesisConfig

        voice = info.voice(voice_id)
        if voice is None:
            raise VoiceError(f"no Piper voice {voice_id!r} is installed")
        self.voice = voice
        model = self._model()
        self.config = SynthesisConfig(
            length_scale=model.config.length_scale * PACE_WPM / profile.rate,
            volume=profile.volume,
            normalize_audio=False,  # one gain for the whole file, never one per sentence
        )

    def _model(self) -> Any:
        """The voice's model, loaded again when its file has changed since it was loaded
        (the cache key follows the file's content; the audio must too)."""
        assert self.voice is not None, "use() a voice first"
        path = Path(self.voice.path)
        try:
            stat = path.stat()
        except OSError as exc:
            raise VoiceError(f"the Piper voice {self.voice.id} is gone: {exc}") from exc
        stamp = (str(path), stat.st_size, stat.st_mtime_ns)
        if self.loaded is None or self.loaded[0] != stamp:
            self.loaded = None
            self.loaded = (stamp, load_voice(path, self.threads))
        return self.loaded[1]

    def say(self, text: str, wav: Path) -> None:
        say_once(self._model(), text, wav, self.config)

    def close(self) -> None:
        self.loaded = None


def load_voice(model: Path, threads: int) -> Any:
    """A PiperVoice on ONNX Runtime's CPU provider with `threads` intra-op threads.

    A model that is not one (truncated, corrupt, not ONNX) is a VoiceError naming it.
    """
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    from narrate.audio.engines.piper_voices import PiperFiles, config_of, read_config

    config = read_config(PiperFiles(model, config_of(model)))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only: its warnings are not the user's business
    # Memory patterns plan buffers for one input shape; every model run here has another
    # length, so they only hold memory: off, a 40-sentence run peaks at 247 MB PSS, not 347,
    # in the same time.
    options.enable_mem_pattern = False
    for entry, value in SESSION_CONFIG.items():
        options.add_session_config_entry(entry, value)
    try:
        session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return PiperVoice(session=session, config=PiperConfig.from_dict(config))
    except Exception as exc:  # onnxruntime raises its own untyped errors for a bad model
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise VoiceError(
            f"{model} is not a usable Piper model: {first[:200]}",
            "download the voice again (`narrate voices add URL`)",
        ) from exc


def say_once(model: Any, text: str, wav: Path, config: Any = None) -> None:
    """Write `text` said by a loaded voice as a 16-bit mono WAV (`config`: its defaults)."""
    if config is None:
        from piper import SynthesisConfig

        config = SynthesisConfig(normalize_audio=False)
    try:
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(model.config.sample_rate)
            for part in _runs(model, text):
                out.writeframes(_pcm(model.phoneme_ids_to_audio(part, config), config))
    except EngineError:
        raise
    except OSError as exc:
        raise scratch_error(exc) from exc
    except Exception as exc:  # ONNX Runtime: ids outside the model's table, a broken graph
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EngineError(f"Piper failed: {first[:200]}") from exc


def _runs(model: Any, text: str) -> list[list[int]]:
    """The phoneme ids of each model run for `text`: its sentences, long ones cut at clauses."""
    try:
        sentences = model.phonemize(text)
    except Exception as exc:  # a phonemiser the voice needs may be missing or fail
        raise EngineError(f"Piper could not phonemise {text[:40]!r}: {exc}") from exc
    return [
        model.phonemes_to_ids(part)
        for phonemes in sentences
        if phonemes
        for part in split_phonemes(phonemes, MAX_PHONEMES)
    ]


def split_phonemes(phonemes: list[str], limit: int) -> list[list[str]]:
    """Phonemes cut into parts of at most `limit`: after the last clause mark (, ; :) that
    fits, else at the last word break, else anywhere."""
    parts: list[list[str]] = []
    rest = list(phonemes)
    while len(rest) > limit:
        window = rest[:limit]
        cut = max((i + 1 for i, p in enumerate(window) if p in CLAUSE_ENDS), default=0)
        if cut < limit // 3:
            cut = max((i for i, p in enumerate(window) if p == " "), default=0) or limit
        parts.append(rest[:cut])
        rest = rest[cut:]
        while rest and rest[0] == " ":
            rest = rest[1:]
    if rest:
        parts.append(rest)
    return parts


def _pcm(audio: Any, config: Any) -> bytes:
    """The model's float audio as 16-bit samples, scaled by the profile's volume."""
    import numpy as np

    scaled = np.clip(audio * config.volume, -1.0, 1.0) * 32767.0
    return bytes(scaled.astype(np.int16).tobytes())
