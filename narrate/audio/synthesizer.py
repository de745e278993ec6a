"""Sentences to audio, on a pool of engine processes or in this process.

Each worker process owns one engine (narrate/audio/speaker.py). With one worker,
this process is the worker: one job keeps one core busy, and a batch's
article processes are processes of their own already. An engine that runs only
in this process (Piper: one model on several threads) says its sentences here,
while the pool says the others.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from narrate.audio.engines import engine_named
from narrate.audio.engines.base import EngineInfo, SpeakerSetup, SynthJob, SynthResult
from narrate.audio.speaker import speak, worker_init, worker_speak
from narrate.core.cache import AudioCache
from narrate.core.errors import EngineError
from narrate.core.profiles import Profile
from narrate.core.signals import held_signals, stop_workers

POOL_RESTARTS = 3
log = logging.getLogger(__name__)


def speaker_setup(
    profile: Profile,
    cache: AudioCache,
    engines: tuple[EngineInfo, ...] | None = None,
    threads: int = 1,
) -> SpeakerSetup:
    """What every process that speaks for this run needs (`engines`: else espeak-ng, found)."""
    if engines is None:
        engines = (engine_named("espeak").info(cache.root),)
    return SpeakerSetup(profile, str(cache.root), engines, threads)


class Synthesizer:
    """Sentences in the voices their jobs name: a pool of engine processes started on first
    use, or, with one worker, this process.

    Use as a context manager. Engines write verified, trimmed audio straight into
    the cache; the caller only learns each sentence's key and length.
    `first_voice` (engine, voice id): what the pool's workers get ready for.
    """

    def __init__(
        self,
        setup: SpeakerSetup,
        workers: int = 1,
        first_voice: tuple[str, str] = ("espeak", "gmw/en-us"),
    ) -> None:
        self.setup = setup
        self.first_voice = first_voice
        self.workers = max(1, workers)
        self.in_process = self.workers == 1
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # the pool is started and stopped by one thread at a time

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(now=kind is not None and issubclass(kind, KeyboardInterrupt))

    def close(self, now: bool = False) -> None:
        """Stop the workers, if any (they start again on the next job): frees their memory.

        `now` (on an interrupt) does not wait for the sentences they are saying.
        """
        with self._lock:
            if self._pool is not None:
                if now:
                    stop_workers(self._pool)
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # a clean engine per worker
            self._pool = ProcessPoolExecutor(
                self.workers,
                context,
                initializer=worker_init,
                initargs=(self.setup, os.getpid(), *self.first_voice),
            )
        return self._pool

    def warm_up(self) -> None:
        """Start the workers now, in the background, so they are ready when jobs come."""
        if self.in_process or _here(self.first_voice[0]):
            return
        with self._lock, held_signals(), _main_module_hidden():
            pool = self._started()
            for _ in range(self.workers):
                pool.submit(os.getpid)

    def synthesize(self, jobs: Iterable[SynthJob]) -> Iterator[SynthResult]:
        """Run the jobs; yield each result as it completes.

        On the pool, a worker that dies (the engine is native code) breaks the
        whole pool; it is started again and the jobs not yet done are resubmitted,
        up to POOL_RESTARTS times, before the failure is reported. In this
        process there is no such net: a crash of the engine ends the run.
        """
        pending = {job.key: job for job in jobs}
        here = {k: job for k, job in pending.items() if self.in_process or _here(job.engine)}
        pending = {k: job for k, job in pending.items() if k not in here}
        if not pending:
            for job in here.values():
                yield speak(job, self.setup)
            return
        yield from self._on_pool(pending, here)

    def _on_pool(
        self, pending: dict[str, SynthJob], here: dict[str, SynthJob]
    ) -> Iterator[SynthResult]:
        """The pool's jobs, and (once they are submitted) this process's, as they finish."""
        restarts = 0
        while pending:
            futures: list[Future[SynthResult]] = []
            try:
                futures = self._submit(list(pending.values()))  # a broken pool refuses here
                for key in list(here):  # said here while the pool works on the rest
                    yield speak(here.pop(key), self.setup)
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
        with self._lock, held_signals(), _main_module_hidden():  # workers spawn in submit
            pool = self._started()
            return [pool.submit(worker_speak, job) for job in jobs]

    def _discard_pool(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


def _here(engine: str) -> bool:
    """Whether the engine says its sentences in this process only."""
    return engine_named(engine).in_process_only


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Keep spawned workers from re-importing the CLI's main module.

    multiprocessing's spawn runs the parent's `__main__` again in every child;
    for `narrate` that is the whole CLI. Workers need only narrate/audio/speaker.py,
    which the pickled initializer imports itself, so they start faster and smaller.
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
