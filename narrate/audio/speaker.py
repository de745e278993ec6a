"""This process's speech engine: one pyttsx3 engine, set up for a voice, saying sentences.

pyttsx3 is not thread-safe and keeps one engine per process. Its known faults
on espeak-ng are handled here: a fresh engine's first utterance comes out
short or missing (a warm-up utterance absorbs it), queued rate and volume
settings can be dropped (they are applied again and read back), a 0-frame or
missing file can appear (every sentence is verified and retried), and
"Audio saved to ..." is printed for every file (silenced). Before every
sentence espeak-ng's carried-over wave state is reset (narrate/espeak_state.py),
so a sentence sounds the same whatever the process said before.

A process speaks one sentence at a time: `speak` holds a lock, so threads that
share the process take turns, each with its own voice and cache.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import threading
import time
import wave
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from narrate.audio.engine import (
    SynthJob,
    SynthResult,
    default_driver,
    new_engine,
    verify_wav,
)
from narrate.audio.espeak_state import Reset, Wavegen, wavegen_reset
from narrate.audio.loudness import block_powers
from narrate.audio.trim import prepare_pcm
from narrate.core.cache import AudioCache
from narrate.core.errors import EngineError, NarrateError, SentenceError, VoiceError
from narrate.core.files import (
    make_temporary_directory,
    remove_temporary_directory,
    scratch_error,
)
from narrate.core.profiles import VoiceProfile
from narrate.core.signals import as_worker

ATTEMPTS = 4
POLL_SECONDS = 0.001
WARM_UP_TEXT = "Ready."


@dataclass(frozen=True, slots=True)
class Voice:
    """What a sentence is spoken with, and where its audio goes."""

    profile: VoiceProfile
    voice_id: str
    cache_root: str
    wavegen: Wavegen | None  # where espeak-ng's carried-over state is, when known


@dataclass(slots=True)
class _Process:
    """The process's one engine, started once."""

    engine: Any
    scratch: Path
    reset: Reset | None
    voice: Voice | None = None  # the voice it is set up for, once warmed up and checked


_process: _Process | None = None
_lock = threading.Lock()
_worker_voice: Voice | None = None  # a pool worker's voice (set by worker_init)


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


class _WavWrites:
    """Stands in for `wave` in the espeak driver: a WAV write that fails (a full disk) is
    remembered rather than raised. The driver writes from inside espeak's callback,
    where an exception is swallowed and its loop then waits for ever."""

    failed: OSError | None = None

    @classmethod
    def open(cls, path: str, mode: str) -> _GuardedWav:
        try:
            return _GuardedWav(wave.open(path, mode))
        except OSError as exc:
            cls.failed = exc
            return _GuardedWav(None)

    @classmethod
    def take_failure(cls) -> OSError | None:
        failed, cls.failed = cls.failed, None
        return failed


class _GuardedWav:
    """A wave writer whose OSErrors go to _WavWrites.failed (None: the file never opened)."""

    def __init__(self, writer: wave.Wave_write | None) -> None:
        self._writer = writer

    def __enter__(self) -> _GuardedWav:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> bool:
        try:
            if self._writer is not None:
                self._writer.close()
        except OSError as error:
            _WavWrites.failed = _WavWrites.failed or error
        if isinstance(exc, OSError):
            _WavWrites.failed = _WavWrites.failed or exc
            return True
        return False

    def __getattr__(self, name: str) -> Any:
        if self._writer is None:
            return lambda *_args: None
        return getattr(self._writer, name)


def _patch_driver() -> None:
    """Shorter polling, no printing, WAV write failures reported: module globals shadow
    the builtins and modules they name."""
    if default_driver() == "espeak":
        from pyttsx3.drivers import espeak as espeak_driver

        espeak_driver.wave = _WavWrites

        espeak_driver.time = _ShortPollSleep
        espeak_driver.print = _quiet


def worker_init(voice: Voice, parent: int) -> None:
    """A pool worker: stops with its parent, its stdout silenced (native code may print),
    its engine ready.

    An engine that cannot be set up is not an error here: an initializer's exception
    breaks the whole pool, the parent sees only a crash, restarts the workers in vain
    and loses the reason. The first job sets the engine up again and raises the
    error itself, which reaches the parent whole (message, hint, class).
    """
    global _worker_voice
    as_worker(parent)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    _worker_voice = voice
    with _lock, contextlib.suppress(NarrateError):
        _set_up(voice)


def worker_speak(job: SynthJob) -> SynthResult:
    """In a pool worker: say one sentence with the worker's voice (or the job's)."""
    assert _worker_voice is not None, "worker not initialised"
    return speak(job, _worker_voice)


def speak(job: SynthJob, voice: Voice) -> SynthResult:
    """Say one sentence with `voice` in this process: verified, retried, cached.

    A job that names another engine voice (an article in another language, in a
    digest) is said with that one; the engine is set up for it, and back after.
    """
    if not job.spoken.strip():
        # pyttsx3 asserts on empty text (and, under -O, waits for it for ever); blank
        # text gives a blip that fails verification four times, blamed on the engine
        raise EngineError(
            "an empty sentence cannot be spoken", "report it: scripts leave empty sentences out"
        )
    if job.voice_id and job.voice_id != voice.voice_id:
        voice = replace(voice, voice_id=job.voice_id)
    with _lock:
        process = _set_up(voice)
        return _say(process, AudioCache(Path(voice.cache_root)), job, voice.profile.rate)


def _set_up(voice: Voice) -> _Process:
    """This process's engine, set up for `voice` (started once; warmed up and checked)."""
    global _process
    if _process is None:
        engine, _ = new_engine()
        _patch_driver()
        scratch = make_temporary_directory("engine")
        atexit.register(remove_temporary_directory, scratch)
        reset = wavegen_reset(voice.wavegen) if default_driver() == "espeak" else None
        if voice.wavegen is not None and reset is None:
            # the cache key says "repeatable": audio made without the reset must not be filed so
            raise EngineError(
                "espeak-ng's wave state is not where its symbol table says",
                "run again; report it if it repeats",
            )
        _process = _Process(engine, scratch, reset)
    process = _process
    if process.voice == voice:
        return process
    process.voice = None  # not usable for anything until set up and checked again
    if default_driver() == "espeak":
        _check_espeak_voice(voice.voice_id)
    engine = process.engine
    engine.setProperty("voice", voice.voice_id)
    engine.setProperty("rate", voice.profile.rate)
    engine.setProperty("volume", voice.profile.volume)
    with contextlib.suppress(KeyError, ValueError):
        engine.setProperty("pitch", voice.profile.pitch)  # not every driver has pitch
    _warm_up(process)  # a fresh engine loses its first utterance; a new voice may too
    if default_driver() == "espeak":
        _settle_espeak_parameters(voice.profile)
    process.voice = voice
    return process


def _check_espeak_voice(voice_id: str) -> None:
    """VoiceError unless espeak-ng takes the voice.

    pyttsx3 queues the voice change and swallows its failure: the sentence was
    then said in the voice before (or with no phoneme table at all) and filed in
    the cache under the voice asked for. The pipeline checks voices against the
    engine's list first; this keeps any other caller from filing wrong audio.
    """
    from pyttsx3.drivers import _espeak

    if _espeak.SetVoiceByName(voice_id.encode("utf-8")) != 0:
        raise VoiceError(
            f"the espeak engine has no voice {voice_id!r}",
            "`narrate voices` lists the engine's voices",
        )


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


def _scratch(process: _Process) -> Path:
    """The engine's working folder, made again when it has gone: a long-running process
    (`narrate serve --inbox`, a cluster worker) may see a /tmp cleaner remove it while idle."""
    try:
        process.scratch.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise scratch_error(exc) from exc
    return process.scratch


def _warm_up(process: _Process) -> None:
    target = _scratch(process) / "warm-up.wav"
    process.engine.save_to_file(WARM_UP_TEXT, str(target))
    _run(process)
    target.unlink(missing_ok=True)


def _run(process: _Process) -> None:
    """Say what is queued; a WAV the driver could not write (a full disk) is StorageError."""
    process.engine.runAndWait()
    failed = _WavWrites.take_failure()
    if failed is not None:
        raise scratch_error(failed)


def _say(process: _Process, cache: AudioCache, job: SynthJob, rate_wpm: int) -> SynthResult:
    """Synthesise one sentence, verify it, retry when the engine misbehaves, cache it."""
    wav_path = _scratch(process) / f"{job.key}.wav"
    problem = ""
    for _ in range(ATTEMPTS):
        wav_path.unlink(missing_ok=True)
        if process.reset:
            process.reset()  # the same samples whatever this process said before
        process.engine.save_to_file(job.spoken, str(wav_path))
        _run(process)
        try:
            verify_wav(wav_path, job.spoken, rate_wpm)
        except EngineError as exc:
            problem = exc.message
            _warm_up(process)  # a failed utterance often leaves the engine in the lost-first state
            continue
        pcm = prepare_pcm(wav_path)
        wav_path.unlink(missing_ok=True)
        cached = cache.put_sentence(job.key, pcm, block_powers(pcm))
        return SynthResult(job.key, cached.frames)
    raise SentenceError(
        f"a sentence failed after {ATTEMPTS} attempts: {problem}",
        "run with --debug and report it",
    )
