"""This process's speech engines, saying sentences: verified, retried, cached.

Each engine is started at most once per process (pyttsx3 keeps one engine per
process; a Piper model is worth keeping loaded) and set up for the voice a
sentence names. Every file an engine writes is verified and retried
(audio/verify.py), its own silence trimmed (audio/trim.py), and put in the cache.

A process speaks one sentence at a time: `speak` holds a lock, so threads that
share the process take turns, each with its own setup and cache.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from narrate.audio.engines import engine_named
from narrate.audio.engines.base import (
    EngineInfo,
    EngineSession,
    SpeakerSetup,
    SynthJob,
    SynthResult,
)
from narrate.audio.loudness import block_powers
from narrate.audio.trim import prepare_pcm
from narrate.audio.verify import verify_wav
from narrate.core.cache import AudioCache
from narrate.core.errors import EngineError, NarrateError, SentenceError
from narrate.core.files import (
    make_temporary_directory,
    remove_temporary_directory,
    scratch_error,
)
from narrate.core.profiles import Profile
from narrate.core.signals import as_worker

ATTEMPTS = 4


@dataclass(slots=True)
class _Started:
    """One engine started in this process, and the voice it is set up for."""

    session: EngineSession
    voice: tuple[str, Profile, EngineInfo | None] | None = None  # once set up and checked


class _Process:
    """This process's engines and their working folder."""

    def __init__(self) -> None:
        self.scratch = make_temporary_directory("engine")
        atexit.register(remove_temporary_directory, self.scratch)
        self.engines: dict[str, _Started] = {}

    def folder(self) -> Path:
        """The engines' working folder, made again when it has gone: a long-running process
        (`narrate serve --inbox`, a cluster worker) may see a /tmp cleaner remove it while idle."""
        try:
            self.scratch.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise scratch_error(exc) from exc
        return self.scratch


_process: _Process | None = None
_lock = threading.Lock()
_worker_setup: SpeakerSetup | None = None  # a pool worker's setup (set by worker_init)


def worker_init(setup: SpeakerSetup, parent: int, engine: str, voice_id: str) -> None:
    """A pool worker: stops with its parent, its stdout silenced (native code may print),
    its engine ready for the voice most sentences need.

    An engine that cannot be set up is not an error here: an initializer's exception
    breaks the whole pool, the parent sees only a crash, restarts the workers in vain
    and loses the reason. The first job sets the engine up again and raises the
    error itself, which reaches the parent whole (message, hint, class).
    """
    global _worker_setup
    as_worker(parent)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    _worker_setup = setup
    with _lock, contextlib.suppress(NarrateError):
        _set_up(engine, voice_id, setup)


def worker_speak(job: SynthJob) -> SynthResult:
    """In a pool worker: say one sentence with the voice the job names."""
    assert _worker_setup is not None, "worker not initialised"
    return speak(job, _worker_setup)


def speak(job: SynthJob, setup: SpeakerSetup) -> SynthResult:
    """Say one sentence with the job's voice in this process: verified, retried, cached."""
    if not job.spoken.strip():
        # pyttsx3 asserts on empty text (and, under -O, waits for it for ever); blank
        # text gives a blip that fails verification four times, blamed on the engine
        raise EngineError(
            "an empty sentence cannot be spoken", "report it: scripts leave empty sentences out"
        )
    with _lock:
        session = _set_up(job.engine, job.voice_id, setup)
        return _say(session, AudioCache(Path(setup.cache_root)), job, setup.profile.rate)


def _set_up(engine: str, voice_id: str, setup: SpeakerSetup) -> EngineSession:
    """This process's `engine` (started once), set up for the voice (warmed up and checked)."""
    global _process
    if _process is None:
        _process = _Process()
    process = _process
    started = process.engines.get(engine)
    if started is None:
        started = _Started(engine_named(engine).start(setup, process.folder))
        process.engines[engine] = started
    info = setup.info(engine)
    wanted = (voice_id, setup.profile, info)
    if started.voice == wanted:
        return started.session
    started.voice = None  # not usable for anything until set up and checked again
    if info is None:
        raise EngineError(f"the {engine} engine was not found before the work was planned")
    started.session.use(voice_id, setup.profile, info)
    started.voice = wanted
    return started.session


def _say(session: EngineSession, cache: AudioCache, job: SynthJob, rate_wpm: int) -> SynthResult:
    """Synthesise one sentence, verify it, retry when the engine misbehaves, cache it."""
    assert _process is not None
    wav_path = _process.folder() / f"{job.key}.wav"
    problem = ""
    for _ in range(ATTEMPTS):
        wav_path.unlink(missing_ok=True)
        session.say(job.spoken, wav_path)
        try:
            verify_wav(wav_path, job.spoken, rate_wpm)
        except EngineError as exc:
            problem = exc.message
            session.recover()
            continue
        pcm = prepare_pcm(wav_path)
        wav_path.unlink(missing_ok=True)
        cached = cache.put_sentence(job.key, pcm, block_powers(pcm))
        return SynthResult(job.key, cached.frames)
    raise SentenceError(
        f"a sentence failed after {ATTEMPTS} attempts: {problem}",
        "run with --debug and report it",
    )


def release() -> None:
    """Free this process's engines (tests; a process that is done speaking)."""
    global _process
    if _process is not None:
        for started in _process.engines.values():
            started.session.close()
    _process = None
