"""The speech engine: pyttsx3 in worker processes, every segment verified.

pyttsx3 is not thread-safe and keeps one engine per process, so each worker
process owns one engine. The known faults of pyttsx3 2.99 on espeak-ng are
handled here: a fresh engine's first utterance comes out short or missing (a
warm-up utterance absorbs it), a 0-frame or missing file can appear (every
segment is verified and retried), and "Audio saved to ..." is printed on
stdout (the worker's stdout goes to /dev/null). An unknown voice id is
silently ignored by espeak-ng, so ids are checked against the engine's list.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrate.cache import AudioCache
from narrate.errors import EngineError, VoiceError
from narrate.espeak_state import Offsets, Reset, symbol_offsets, wavegen_reset
from narrate.loudness import block_powers
from narrate.stitch import FRAME_RATE, prepare_pcm
from narrate.voices import VoiceProfile

ATTEMPTS = 4
POOL_RESTARTS = 3
log = logging.getLogger(__name__)
POLL_SECONDS = 0.001
WARM_UP_TEXT = "Ready."


@dataclass(frozen=True, slots=True)
class EngineVoice:
    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EngineInfo:
    driver: str  # pyttsx3 driver: espeak, sapi5 or nsss
    version: str  # engine library version, part of the cache key
    voices: tuple[EngineVoice, ...]
    wavegen: Offsets | None = None  # where espeak-ng's carried-over state is, when known

    @property
    def repeatable(self) -> bool:
        """Each sentence's audio is independent of the sentences before it."""
        return self.wavegen is not None


@dataclass(frozen=True, slots=True)
class SynthJob:
    key: str  # cache key of the sentence's audio
    spoken: str


@dataclass(frozen=True, slots=True)
class SynthResult:
    key: str
    frames: int
    attempts: int


def default_driver() -> str:
    """The pyttsx3 driver for this platform."""
    return {"Windows": "sapi5", "Darwin": "nsss"}.get(platform.system(), "espeak")


def prepare_espeak() -> str:
    """Make libespeak-ng loadable for pyttsx3; return the library's version.

    A system libespeak-ng is used when present; otherwise the one shipped in
    the espeakng-loader wheel is loaded globally, under the soname pyttsx3
    asks for, with its voice data.
    """
    if default_driver() != "espeak":
        return platform.system()
    try:
        lib = ctypes.CDLL("libespeak-ng.so.1", mode=ctypes.RTLD_GLOBAL)
    except OSError:
        import espeakng_loader

        os.environ.setdefault("ESPEAK_DATA_PATH", str(espeakng_loader.get_data_path()))
        try:
            lib = ctypes.CDLL(str(espeakng_loader.get_library_path()), mode=ctypes.RTLD_GLOBAL)
        except OSError as exc:
            raise EngineError(f"cannot load libespeak-ng: {exc}", "reinstall narrate") from exc
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    version: bytes | None = lib.espeak_Info(None)
    return f"espeak-ng {version.decode() if version else 'unknown'}"


def _new_engine() -> Any:
    version = prepare_espeak()
    import pyttsx3

    try:
        return pyttsx3.init(default_driver()), version
    except Exception as exc:  # pyttsx3 raises bare Exceptions from its drivers
        raise EngineError(
            f"the speech engine did not start: {exc}", "see `narrate voices`"
        ) from exc


class _ShortPollSleep:
    """Stands in for `time` in pyttsx3's espeak driver (which uses only `time.sleep`).

    The driver polls for the end of each utterance every 10 ms, so every
    sentence costs up to 10 ms of idle waiting; over an article's 700 sentences
    that is seconds. Polling every millisecond keeps the wait short without
    spinning (a zero sleep would starve espeak's own synthesis thread).
    """

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, POLL_SECONDS))


def _quiet(*_args: object, **_kwargs: object) -> None:
    """Stands in for `print` in the espeak driver, which prints "Audio saved to" per file."""


def _patch_driver() -> None:
    """Shorter polling, and no printing: module globals shadow the builtins they name."""
    if default_driver() == "espeak":
        from pyttsx3.drivers import espeak as espeak_driver

        espeak_driver.time = _ShortPollSleep
        espeak_driver.print = _quiet


def engine_info() -> EngineInfo:
    """The driver, its version and its voices (loads the engine in this process)."""
    engine, version = _new_engine()
    voices = tuple(
        EngineVoice(str(v.id).lower(), str(v.name), tuple(str(lang) for lang in v.languages or ()))
        for v in engine.getProperty("voices")
    )
    wavegen = symbol_offsets() if default_driver() == "espeak" else None
    return EngineInfo(default_driver(), version, voices, wavegen)


def check_voice(profile: VoiceProfile, info: EngineInfo) -> str:
    """The engine voice id the profile needs; VoiceError when the engine lacks it."""
    wanted = profile.engine_voice(info.driver)
    if wanted is None:
        raise VoiceError(f"voice profile {profile.name!r} has no {info.driver} voice", "add one")
    known = {v.id for v in info.voices} | {v.name.lower() for v in info.voices}
    if wanted.lower() not in known:
        raise VoiceError(
            f"the {info.driver} engine has no voice {wanted!r} (profile {profile.name!r})",
            "`narrate voices` lists the engine's voices",
        )
    return wanted


# --- the engine of this process ----------------------------------------------------------


@dataclass(slots=True)
class _Engine:
    """This process's pyttsx3 engine, set up for one voice, writing into one cache."""

    engine: Any
    profile: VoiceProfile
    voice_id: str
    cache: AudioCache
    scratch: Path
    reset: Reset | None  # puts espeak-ng's carried-over state back (narrate/espeak_state.py)


_engine: _Engine | None = None  # one per process: pyttsx3 keeps one espeak per process


def _worker_init(
    profile: VoiceProfile, voice_id: str, cache_root: str, wavegen: Offsets | None
) -> None:
    """A pool worker: its stdout silenced (native code may print), its engine ready."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    _configure(profile, voice_id, cache_root, wavegen)


def _configure(
    profile: VoiceProfile, voice_id: str, cache_root: str, wavegen: Offsets | None
) -> _Engine:
    """This process's engine with this voice and cache (started, and warmed up, once)."""
    global _engine
    current = _engine
    if current is None:
        engine, _ = _new_engine()
        _patch_driver()
        scratch = Path(tempfile.mkdtemp(prefix="narrate-engine-"))
        atexit.register(shutil.rmtree, scratch, True)
        reset = wavegen_reset(wavegen) if default_driver() == "espeak" else None
        current = _Engine(engine, profile, "", AudioCache(Path(cache_root)), scratch, reset)
    elif (current.profile, current.voice_id, str(current.cache.root)) == (
        profile, voice_id, cache_root,
    ):  # fmt: skip
        return current
    engine = current.engine
    engine.setProperty("voice", voice_id)
    engine.setProperty("rate", profile.rate)
    engine.setProperty("volume", profile.volume)
    with contextlib.suppress(KeyError, ValueError):
        engine.setProperty("pitch", profile.pitch)  # not every driver has pitch
    _engine = _Engine(
        engine, profile, voice_id, AudioCache(Path(cache_root)), current.scratch, current.reset
    )
    _warm_up(_engine)  # a fresh engine loses its first utterance; a new voice may too
    if default_driver() == "espeak":
        _settle_espeak_parameters(profile)
    return _engine


def _settle_espeak_parameters(profile: VoiceProfile) -> None:
    """Apply rate, volume and pitch directly, and check that espeak-ng holds them.

    pyttsx3 queues setProperty calls and runs them in runAndWait, whose end
    calls espeak_Cancel while espeak may still hold them in its command queue:
    in about 3 % of fresh engines the rate was dropped and every sentence came
    out at pyttsx3's default 200 words a minute (12 % short, still plausible).
    """
    from pyttsx3.drivers import _espeak

    wanted = {
        _espeak.RATE: profile.rate,
        _espeak.VOLUME: round(profile.volume * 100),
        _espeak.PITCH: profile.pitch,
    }
    for parameter, value in wanted.items():
        _espeak.SetParameter(parameter, value, 0)
    _espeak.Synchronize()
    library = ctypes.CDLL(None)  # the process's symbols: libespeak-ng is loaded globally
    library.espeak_GetParameter.argtypes = [ctypes.c_int, ctypes.c_int]
    held = {parameter: library.espeak_GetParameter(parameter, 1) for parameter in wanted}
    if held != wanted:
        raise EngineError(
            f"espeak-ng did not take the voice settings (asked {wanted}, holds {held})",
            "run again; report it if it repeats",
        )


def _warm_up(state: _Engine) -> None:
    target = state.scratch / "warm-up.wav"
    state.engine.save_to_file(WARM_UP_TEXT, str(target))
    state.engine.runAndWait()
    target.unlink(missing_ok=True)


def _worker_synthesize(job: SynthJob) -> SynthResult:
    """Synthesise one sentence, verify it, retry when the engine misbehaves, cache it."""
    state = _engine
    assert state is not None, "engine not configured"
    wav_path = state.scratch / f"{job.key}.wav"
    problem = ""
    for attempt in range(1, ATTEMPTS + 1):
        wav_path.unlink(missing_ok=True)
        if state.reset:
            state.reset()  # the same samples whatever this process said before
        state.engine.save_to_file(job.spoken, str(wav_path))
        state.engine.runAndWait()
        try:
            verify_wav(wav_path, job.spoken, state.profile.rate)
        except EngineError as exc:
            problem = exc.message
            _warm_up(state)  # a failed utterance often leaves the engine in the lost-first state
            continue
        pcm = prepare_pcm(wav_path)
        wav_path.unlink(missing_ok=True)
        cached = state.cache.put_sentence(job.key, pcm, block_powers(pcm))
        return SynthResult(job.key, cached.frames, attempt)
    raise EngineError(
        f"a sentence failed after {ATTEMPTS} attempts: {problem}",
        "run with --debug and report it",
    )


# --- verification ---------------------------------------------------------------------------


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


# --- the pool -------------------------------------------------------------------------------


class Synthesizer:
    """A pool of engine worker processes for one voice, started on first use.

    Use as a context manager. Workers write verified, trimmed audio straight into
    the cache; the caller only learns each sentence's key and length.
    """

    def __init__(
        self,
        profile: VoiceProfile,
        voice_id: str,
        cache: AudioCache,
        workers: int = 1,
        wavegen: Offsets | None = None,
    ) -> None:
        self.profile = profile
        # where espeak-ng's carried-over state is (narrate/espeak_state.py); found when not given
        self.wavegen = wavegen or (symbol_offsets() if default_driver() == "espeak" else None)
        self.voice_id = voice_id
        self.cache = cache
        self.workers = max(1, workers)
        # one worker: this process is the worker (one job keeps one core busy, and
        # a batch's article processes are processes of their own already)
        self.in_process = self.workers == 1
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # a batch submits from several threads

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (they start again on the next job); frees their memory."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # a clean engine per worker
            self._pool = ProcessPoolExecutor(
                self.workers,
                context,
                initializer=_worker_init,
                initargs=(self.profile, self.voice_id, str(self.cache.root), self.wavegen),
            )
        return self._pool

    def warm_up(self) -> None:
        """Start the workers now, in the background, so they are ready when jobs come."""
        if self.in_process:
            return
        with self._lock, _main_module_hidden():
            pool = self._started()
            for _ in range(self.workers):
                pool.submit(os.getpid)

    def synthesize(self, jobs: Iterable[SynthJob]) -> Iterator[SynthResult]:
        """Run the jobs on the pool; yield each result as it completes.

        A worker that dies (the engine is native code) breaks the whole pool; the
        pool is started again and the jobs not yet done are resubmitted, up to
        POOL_RESTARTS times, before the failure is reported.
        """
        pending = {job.key: job for job in jobs}
        if self.in_process and pending:
            _configure(self.profile, self.voice_id, str(self.cache.root), self.wavegen)
            for job in pending.values():
                yield _worker_synthesize(job)
            return
        restarts = 0
        while pending:
            futures = self._submit(list(pending.values()))
            try:
                for future in as_completed(futures):
                    result = future.result()
                    pending.pop(result.key, None)
                    yield result
            except BrokenProcessPool as exc:
                restarts += 1
                log.warning("a speech engine worker died; restarting the workers (%d)", restarts)
                self._discard_pool()
                if restarts > POOL_RESTARTS:
                    raise EngineError(
                        "speech engine workers kept crashing", "run with --debug and report it"
                    ) from exc
            finally:
                for future in futures:
                    future.cancel()

    def _submit(self, jobs: list[SynthJob]) -> list[Future[SynthResult]]:
        with self._lock, _main_module_hidden():  # workers are spawned during submit
            pool = self._started()
            return [pool.submit(_worker_synthesize, job) for job in jobs]

    def _discard_pool(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Keep spawned workers from re-importing the CLI's main module.

    multiprocessing's spawn runs the parent's `__main__` again in every child;
    for `narrate` that is the whole CLI. Workers need only this module, which
    the pickled initializer imports itself, so they start faster and smaller.
    """
    main = sys.modules["__main__"]
    saved = {name: getattr(main, name) for name in ("__spec__", "__file__") if hasattr(main, name)}
    main.__spec__ = None
    if hasattr(main, "__file__"):
        del main.__file__
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def voice_settings(
    profile: VoiceProfile, voice_id: str, driver: str, version: str, is_repeatable: bool
) -> dict[str, object]:
    """Everything about the voice that changes the audio: part of every cache key."""
    return {
        "engine": driver,
        "engine_version": version,
        "id": voice_id,
        "rate": profile.rate,
        "volume": profile.volume,
        "pitch": profile.pitch,
        "frame_rate": FRAME_RATE,
        "repeatable": is_repeatable,
    }
