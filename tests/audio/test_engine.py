"""The real pyttsx3 engine in worker processes, and the segment verifier."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from narrate.audio.engines.espeak import EspeakEngine
from narrate.audio.verify import plausible_seconds, verify_wav
from narrate.core.cache import AudioCache
from narrate.core.errors import EngineError, VoiceError
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import Profile, load_profile, profile_paths
from tests.audio.helpers import espeak_info, espeak_job, synthesizer
from tests.processes import kill_one


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile(profile_paths()["default"])


def _write_wav(path: Path, frames: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\x10\x00" * frames)


def test_engine_lists_voices_and_version() -> None:
    info = espeak_info()
    assert info.engine == "espeak"
    assert info.version.startswith("espeak-ng")
    assert any(v.id == "gmw/en-us" for v in info.voices)


def test_check_voice_rejects_what_espeak_would_silently_ignore(profile: Profile) -> None:
    info = espeak_info()
    assert EspeakEngine().check_voice(profile.voice("espeak") or "", info) == "gmw/en-us"
    with pytest.raises(VoiceError, match="no voice 'xx/none'"):
        EspeakEngine().check_voice("xx/none", info)


def test_every_sentence_is_verified_trimmed_and_cached(
    profile: Profile, tmp_path: Path
) -> None:
    texts = [
        "A first sentence of several words.",
        "A second, longer one with a few more.",
        "Third.",
    ]
    cache = AudioCache(tmp_path / "cache")
    jobs = [espeak_job(f"{i:02d}" + "0" * 62, text) for i, text in enumerate(texts)]
    with synthesizer(profile, "gmw/en-us", cache, workers=2) as synth:
        results = {r.key: r for r in synth.synthesize(jobs)}
    assert set(results) == {job.key for job in jobs}
    for job in jobs:
        cached = cache.sentence(job.key)
        assert cached is not None
        assert cached.frames == results[job.key].frames
        low, high = plausible_seconds(job.spoken, profile.rate)
        assert low <= cached.frames / FRAME_RATE <= high
        assert cached.path.stat().st_size == cached.frames * 2
        assert len(cached.powers) == cached.frames // 2205
    # the first utterance of a fresh engine is the one pyttsx3 loses: it must be whole
    assert results[jobs[0].key].frames / FRAME_RATE > 1.0


def test_verify_rejects_missing_empty_and_implausible(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="no audio"):
        verify_wav(tmp_path / "none.wav", "hello", 175)
    empty = tmp_path / "empty.wav"
    _write_wav(empty, 0)
    with pytest.raises(EngineError, match=r"no audio|empty"):
        verify_wav(empty, "hello", 175)
    short = tmp_path / "short.wav"
    _write_wav(short, 2205)  # 0.1 s for twenty words: a lost utterance
    with pytest.raises(EngineError, match="implausible"):
        verify_wav(short, " ".join(["word"] * 20), 175)
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"RIFF" + b"\x00" * 100)
    with pytest.raises(EngineError, match="unreadable"):
        verify_wav(garbage, "hello", 175)


def test_a_dead_worker_is_replaced_and_no_sentence_is_lost(
    profile: Profile, tmp_path: Path
) -> None:
    cache = AudioCache(tmp_path / "cache")
    jobs = [espeak_job(f"{i:064d}", f"Sentence number {i} is read here.") for i in range(24)]
    seen: set[str] = set()
    with synthesizer(profile, "gmw/en-us", cache, workers=2) as synth:
        for result in synth.synthesize(jobs):
            if not seen:  # kill an engine worker mid-run, as a native crash would
                pool = synth._pool
                assert pool is not None
                kill_one(list(pool._processes))
            seen.add(result.key)
    assert seen == {job.key for job in jobs}
    assert all(cache.sentence(job.key) is not None for job in jobs)


def test_a_sentence_sounds_the_same_whatever_came_before(
    profile: Profile, tmp_path: Path
) -> None:
    # espeak-ng carries its wave generator's state from one utterance to the next;
    # narrate puts it back before each sentence (narrate/espeak_state.py)
    if not espeak_info().repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its state cannot be reset")
    first = "The ferry leaves at seven, and the first crossing is quiet."
    second = "Nobody, the captain says, has ever been left behind on the quay."
    order = [first, second, first, second, second, first]
    jobs = [espeak_job(f"{i:02d}" + "1" * 62, text) for i, text in enumerate(order)]
    cache = AudioCache(tmp_path / "cache")
    with synthesizer(profile, "gmw/en-us", cache) as synth:  # one worker: this process
        for _ in synth.synthesize(jobs):
            pass
    with synthesizer(profile, "gmw/en-us", cache, workers=2) as synth:  # fresh processes
        fresh = [espeak_job("f" * 64, first), espeak_job("e" * 64, second)]
        for _ in synth.synthesize(fresh):
            pass
    heard: dict[str, set[bytes]] = {}
    for job in [*jobs, *fresh]:
        cached = cache.sentence(job.key)
        assert cached is not None
        heard.setdefault(job.spoken, set()).add(cached.path.read_bytes())
    assert [len(versions) for versions in heard.values()] == [1, 1]


def test_a_damaged_symbol_memo_is_read_again(tmp_path: Path) -> None:
    if not espeak_info(tmp_path).repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its state cannot be reset")
    memos = list((tmp_path / "engine").glob("*.json"))
    assert memos, "the symbol offsets were not remembered"
    for damage in ("{}", "null", '{"offsets": {"agc": "x"}}', "not json"):
        for memo in memos:
            memo.write_text(damage, "utf-8")
        assert espeak_info(tmp_path).repeatable
