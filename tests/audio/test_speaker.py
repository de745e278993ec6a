"""This process's engine (narrate/audio/speaker.py): one real pyttsx3 engine saying sentences.

Every test speaks in this process, with the real espeak-ng, into a cache of its own.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from narrate.audio import speaker
from narrate.audio.engines.base import SpeakerSetup, SynthJob
from narrate.audio.speaker import speak
from narrate.audio.verify import plausible_seconds
from narrate.core.cache import AudioCache, digest
from narrate.core.errors import EngineError, NarrateError, StorageError, VoiceError
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import Profile, load_profile, profile_paths
from tests.audio.helpers import espeak_info, espeak_setup

ENGLISH = "gmw/en-us"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile(profile_paths()["default"])


@pytest.fixture(scope="module")
def repeatable() -> bool:
    return espeak_info().repeatable


def voice_in(tmp_path: Path, profile: Profile) -> SpeakerSetup:
    setup = espeak_setup(profile, tmp_path)
    return dataclasses.replace(setup, cache_root=str(tmp_path / "cache"))


def job(text: str, voice_id: str = ENGLISH, salt: str = "") -> SynthJob:
    return SynthJob(digest("test-speaker", voice_id, salt, text), text, "espeak", voice_id)


def said(voice: SpeakerSetup, text: str, voice_id: str = ENGLISH) -> bytes:
    """The cached audio of `text`, spoken now."""
    result = speak(job(text, voice_id), voice)
    cached = AudioCache(Path(voice.cache_root)).sentence(result.key)
    assert cached is not None
    assert cached.frames == result.frames
    return cached.path.read_bytes()


def test_a_sentence_is_cached_with_a_plausible_length(
    tmp_path: Path, profile: Profile
) -> None:
    voice = voice_in(tmp_path, profile)
    text = "The harbour master opens the lock gates at dawn."
    result = speak(job(text), voice)
    cached = AudioCache(tmp_path / "cache").sentence(result.key)
    assert cached is not None
    assert cached.frames == result.frames
    low, high = plausible_seconds(text, profile.rate)
    assert low <= result.frames / FRAME_RATE <= high
    # the engine's working WAV is not left behind
    assert speaker._process is not None
    assert list(speaker._process.scratch.glob("*.wav")) == []


def test_non_ascii_text_in_the_default_voice(tmp_path: Path, profile: Profile) -> None:
    voice = voice_in(tmp_path, profile)
    for text in ("Grüße aus Köln, sagt Zoë.", "Café — naïve façade, €5.", "“Quoted” text…"):
        result = speak(job(text), voice)
        low, _ = plausible_seconds(text, profile.rate)
        assert result.frames / FRAME_RATE >= low, text


@pytest.mark.parametrize(
    ("voice_id", "text"),
    [
        ("zle/ru", "Москва — столица России, и это большой город."),
        ("sit/cmn", "你好，世界。今天天气很好。"),
        ("gmw/de", "Der Fährmann überquert den Fluss zweimal täglich."),
    ],
    ids=["ru", "zh", "de"],
)
def test_a_job_in_another_language_is_said_with_its_own_voice(
    tmp_path: Path, profile: Profile, repeatable: bool, voice_id: str, text: str
) -> None:
    voice = voice_in(tmp_path, profile)
    english = "The ferry leaves at seven."
    before = said(voice, english)
    own = said(voice, text, voice_id)
    assert len(own) / 2 / FRAME_RATE >= plausible_seconds(text, profile.rate)[0]
    if repeatable:
        # the job's voice was used, not the profile's (which reads the same text differently)
        assert said(voice, text, ENGLISH) != own
        # and the engine is back on the profile's voice for the next sentence
        assert said(voice, english) == before


def test_the_profile_rate_is_what_the_engine_speaks_at(
    tmp_path: Path, profile: Profile
) -> None:
    text = "A sentence of ten words is read at two different speeds."
    slow = voice_in(tmp_path, dataclasses.replace(profile, rate=120))
    fast = voice_in(tmp_path, dataclasses.replace(profile, rate=280))
    slow_frames = speak(job(text, salt="slow"), slow).frames
    fast_frames = speak(job(text, salt="fast"), fast).frames
    assert fast_frames < 0.7 * slow_frames


def test_a_cache_that_cannot_be_written_is_a_storage_error(
    tmp_path: Path, profile: Profile
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    voice = dataclasses.replace(voice_in(tmp_path, profile), cache_root=str(blocker / "cache"))
    with pytest.raises(StorageError) as caught:
        speak(job("Nowhere to put this."), voice)
    assert "\n" not in str(caught.value)
    # the engine is still usable afterwards
    assert speak(job("Somewhere to put this."), voice_in(tmp_path, profile)).frames > 0


def test_errors_are_narrate_errors_that_survive_pickling() -> None:
    # a worker's error crosses to the parent pickled: message and hint must survive
    import pickle

    error = EngineError("a sentence failed", "run with --debug")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, NarrateError)
    assert (type(copy), copy.message, copy.hint) == (EngineError, error.message, error.hint)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_sentence_is_refused_at_once(
    tmp_path: Path, profile: Profile, text: str
) -> None:
    voice = voice_in(tmp_path, profile)
    with pytest.raises(EngineError, match="empty sentence") as caught:
        speak(job(text), voice)
    assert "\n" not in str(caught.value)
    assert "attempts" not in str(caught.value)  # not retried as if the engine had failed
    assert speak(job("Then a real one."), voice).frames > 0


@pytest.mark.parametrize("voice_id", ["xx/none", "slow"])
def test_a_voice_the_engine_lacks_is_refused_not_replaced(
    tmp_path: Path, profile: Profile, voice_id: str
) -> None:
    # espeak-ng refuses the voice, pyttsx3 swallows that, and the sentence came out in
    # the voice before (or broken), filed in the cache as the voice asked for
    voice = voice_in(tmp_path, profile)
    wrong = job("Which voice says this?", voice_id)
    with pytest.raises(VoiceError, match=voice_id) as caught:
        speak(wrong, voice)
    assert "\n" not in str(caught.value)
    assert AudioCache(tmp_path / "cache").sentence(wrong.key) is None
    assert speak(job("The profile's voice still works."), voice).frames > 0


def test_a_scratch_folder_removed_under_a_long_running_process_is_made_again(
    tmp_path: Path, profile: Profile
) -> None:
    # `narrate serve --inbox` speaks in its own process for weeks; a /tmp cleaner may
    # remove the engine's idle working folder, after which every sentence failed with
    # "cannot write working files ... free some space"
    import shutil

    voice = voice_in(tmp_path, profile)
    assert speak(job("Before the cleaner came."), voice).frames > 0
    assert speaker._process is not None
    shutil.rmtree(speaker._process.scratch)
    assert speak(job("After the cleaner came."), voice).frames > 0
    assert speaker._process.scratch.is_dir()
