"""espeak-ng saying sentences in this process: one pyttsx3 engine, set up for one voice.

Its known faults on espeak-ng are handled here: a fresh engine's first
utterance comes out short or missing (a warm-up utterance absorbs it), queued
rate and volume settings can be dropped (they are applied again and read back),
and "Audio saved to ..." is printed for every file (silenced). Before every
sentence espeak-ng's carried-over wave state is reset (espeak_state.py), so a
sentence sounds the same whatever the process said before. The speaker
(audio/speaker.py) verifies and retries every file.
"""

from __future__ import annotations

import ctypes
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from narrate.audio.engines.base import EngineInfo, EngineSession
from narrate.audio.engines.espeak import default_driver, loaded_espeak, new_engine
from narrate.audio.engines.espeak_state import Reset, Wavegen, wavegen_reset
from narrate.core.errors import EngineError, VoiceError
from narrate.core.files import scratch_error
from narrate.core.profiles import Profile

POLL_SECONDS = 0.001
WARM_UP_TEXT = "Ready."


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


class EspeakSession(EngineSession):
    """This process's pyttsx3 engine (started once per process: pyttsx3 keeps one)."""

    def __init__(self, wavegen: Wavegen | None, scratch: Callable[[], Path]) -> None:
        self.engine, _ = new_engine()
        _patch_driver()
        self.scratch = scratch
        self.reset: Reset | None = wavegen_reset(wavegen) if default_driver() == "espeak" else None
        if wavegen is not None and self.reset is None:
            # the cache key says "repeatable": audio made without the reset must not be filed so
            raise EngineError(
                "espeak-ng's wave state is not where its symbol table says",
                "run again; report it if it repeats",
            )

    def use(self, voice_id: str, profile: Profile, info: EngineInfo) -> None:
        if default_driver() == "espeak":
            _check_espeak_voice(voice_id)
        engine = self.engine
        engine.setProperty("voice", voice_id)
        engine.setProperty("rate", profile.rate)
        engine.setProperty("volume", profile.volume)
        try:
            engine.setProperty("pitch", profile.pitch)
        except (KeyError, ValueError):
            pass  # not every driver has pitch
        self._warm_up()  # a fresh engine loses its first utterance; a new voice may too
        if default_driver() == "espeak":
            _settle_espeak_parameters(profile)

    def say(self, text: str, wav: Path) -> None:
        if self.reset:
            self.reset()  # the same samples whatever this process said before
        self.engine.save_to_file(text, str(wav))
        self._run()

    def recover(self) -> None:
        self._warm_up()  # a failed utterance often leaves the engine in the lost-first state

    def _warm_up(self) -> None:
        target = self.scratch() / "warm-up.wav"
        self.engine.save_to_file(WARM_UP_TEXT, str(target))
        self._run()
        if default_driver() == "espeak":
            from pyttsx3.drivers import _espeak

            # The utterance a fresh engine loses can end after runAndWait has returned:
            # its late end wrote warm-up.wav after the unlink below (about 1 run in 30 on a
            # busy machine), or into the next sentence's file. Wait for espeak-ng to be idle.
            _espeak.Synchronize()
        target.unlink(missing_ok=True)

    def _run(self) -> None:
        """Say what is queued; a WAV the driver could not write (a full disk) is StorageError."""
        self.engine.runAndWait()
        failed = _WavWrites.take_failure()
        if failed is not None:
            raise scratch_error(failed)


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


def _settle_espeak_parameters(profile: Profile) -> None:
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
    library = loaded_espeak()  # loaded RTLD_LOCAL: asked through its own handle
    library.espeak_GetParameter.argtypes = [ctypes.c_int, ctypes.c_int]
    held = {parameter: library.espeak_GetParameter(parameter, 1) for parameter in wanted}
    if held != wanted:
        raise EngineError(
            f"espeak-ng did not take the voice settings (asked {wanted}, holds {held})",
            "run again; report it if it repeats",
        )
