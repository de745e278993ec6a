"""Sentences to audio on a pool of real engine processes, or in this process."""

from __future__ import annotations

import sys
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest

from narrate.audio import synthesizer
from narrate.audio.engines.base import SynthJob
from narrate.audio.engines.espeak_state import Wavegen
from narrate.audio.synthesizer import Synthesizer, _main_module_hidden
from narrate.core.cache import AudioCache, digest
from narrate.core.errors import EngineError, VoiceError
from narrate.core.profiles import Profile, load_profile, profile_paths
from tests.audio.helpers import espeak_info
from tests.audio.helpers import synthesizer as make_synthesizer
from tests.processes import kill_one

ENGLISH = "gmw/en-us"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile(profile_paths()["default"])


def job(text: str, voice_id: str = ENGLISH) -> SynthJob:
    return SynthJob(digest("test-synthesizer", voice_id, text), text, "espeak", voice_id)


def test_no_jobs_start_no_workers(tmp_path: Path, profile: Profile) -> None:
    with make_synthesizer(profile, ENGLISH, AudioCache(tmp_path), workers=2) as synth:
        assert list(synth.synthesize([])) == []
        assert synth._pool is None


def test_one_worker_is_this_process(tmp_path: Path, profile: Profile) -> None:
    with make_synthesizer(profile, ENGLISH, AudioCache(tmp_path), workers=0) as synth:
        assert synth.in_process  # fewer than one worker means one
        synth.warm_up()  # nothing to start
        results = list(synth.synthesize([job("Said here, in this process.")]))
        assert synth._pool is None
    assert [r.frames > 0 for r in results] == [True]


def test_a_job_given_twice_is_said_once(tmp_path: Path, profile: Profile) -> None:
    twice = job("The same sentence, asked for twice.")
    with make_synthesizer(profile, ENGLISH, AudioCache(tmp_path)) as synth:
        results = list(synth.synthesize([twice, twice]))
    assert [r.key for r in results] == [twice.key]


def test_workers_say_other_languages_and_start_again_after_close(
    tmp_path: Path, profile: Profile
) -> None:
    cache = AudioCache(tmp_path)
    jobs = [
        job("Москва — столица России.", "zle/ru"),
        job("El barco sale a las siete de la mañana.", "roa/es"),
        job("The boat leaves at seven."),
    ]
    with make_synthesizer(profile, ENGLISH, cache, workers=2) as synth:
        synth.warm_up()
        assert synth._pool is not None
        first = {r.key: r.frames for r in synth.synthesize(jobs[:2])}
        synth.close()
        assert synth._pool is None
        second = {r.key: r.frames for r in synth.synthesize(jobs[2:])}
    assert set(first) | set(second) == {j.key for j in jobs}
    for key, frames in {**first, **second}.items():
        cached = cache.sentence(key)
        assert cached is not None
        assert cached.frames == frames


def test_pool_and_process_say_a_sentence_alike(tmp_path: Path, profile: Profile) -> None:
    if not espeak_info().repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its state cannot be reset")
    text = "Whichever process says it, the sentence sounds the same."
    audio = []
    for workers in (1, 2):
        cache = AudioCache(tmp_path / str(workers))
        with make_synthesizer(profile, ENGLISH, cache, workers=workers) as synth:
            (result,) = synth.synthesize([job(text)])
        cached = cache.sentence(result.key)
        assert cached is not None
        audio.append(cached.path.read_bytes())
    assert audio[0] == audio[1]


def _interrupted(synth: Synthesizer, processes: list[BaseProcess]) -> None:
    """Say a sentence on the workers (noting them), then be interrupted in the with block."""
    with synth:
        list(synth.synthesize([job("Started before the interrupt.")]))
        pool = synth._pool
        assert pool is not None
        processes += pool._processes.values()
        raise KeyboardInterrupt


def test_an_interrupt_stops_the_workers_at_once(tmp_path: Path, profile: Profile) -> None:
    synth = make_synthesizer(profile, ENGLISH, AudioCache(tmp_path), workers=2)
    processes: list[BaseProcess] = []
    with pytest.raises(KeyboardInterrupt):
        _interrupted(synth, processes)
    assert synth._pool is None
    assert processes
    for process in processes:
        process.join(10)
        assert not process.is_alive()


def test_the_main_module_is_hidden_only_while_workers_start() -> None:
    main = sys.modules["__main__"]
    before = (getattr(main, "__spec__", None), getattr(main, "__file__", None))
    with _main_module_hidden():
        assert main.__spec__ is None
        assert not hasattr(main, "__file__")
    assert (getattr(main, "__spec__", None), getattr(main, "__file__", None)) == before


def test_an_engine_the_workers_cannot_set_up_is_reported_as_it_is(
    tmp_path: Path, profile: Profile
) -> None:
    # a wave-state table for another library: the engine refuses to start rather than
    # file audio as repeatable; the pool must say so, not that its workers kept crashing
    elsewhere = Wavegen("/nowhere/libespeak-ng.so.1", (("espeak_Info", 1), ("agc", 2)))
    cache = AudioCache(tmp_path)
    with make_synthesizer(profile, ENGLISH, cache, workers=2, wavegen=elsewhere) as synth:
        with pytest.raises(EngineError) as caught:
            list(synth.synthesize([job("This is never said.")]))
    assert "wave state" in caught.value.message
    assert "crashing" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_workers_error_reaches_the_caller_whole(tmp_path: Path, profile: Profile) -> None:
    # raised in a worker process, pickled, raised again here: class, message and hint
    with make_synthesizer(profile, ENGLISH, AudioCache(tmp_path), workers=2) as synth:
        with pytest.raises(VoiceError) as unknown:
            list(synth.synthesize([job("Which voice?", "xx/none")]))
        with pytest.raises(EngineError) as empty:
            list(synth.synthesize([job("   ")]))
        # the workers are still there and still speak
        assert [r.frames > 0 for r in synth.synthesize([job("Still here.")])] == [True]
    assert "xx/none" in unknown.value.message
    assert "narrate voices" in unknown.value.hint
    assert "empty sentence" in empty.value.message
    assert "\n" not in str(unknown.value) + str(empty.value)


def _kill_a_worker_per_result(synth: Synthesizer, jobs: list[SynthJob]) -> None:
    for _ in synth.synthesize(jobs):
        pool = synth._pool
        assert pool is not None
        kill_one(list(pool._processes))  # as a native crash would



def test_workers_that_keep_dying_end_the_run_with_one_line(
    tmp_path: Path, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sentence that crashes the native engine every time: after the restarts, an error
    monkeypatch.setattr(synthesizer, "POOL_RESTARTS", 0)
    jobs = [job(f"Sentence number {n} is read here.") for n in range(24)]
    with make_synthesizer(profile, ENGLISH, AudioCache(tmp_path), workers=2) as synth:
        with pytest.raises(EngineError, match="kept crashing") as caught:
            _kill_a_worker_per_result(synth, jobs)
        assert synth._pool is None
    assert "\n" not in str(caught.value)
