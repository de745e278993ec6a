"""Which engine voice reads which language: the profile's, the engine's, pinned, fallback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from narrate.audio.engine import SynthJob, engine_info
from narrate.audio.synthesizer import Synthesizer
from narrate.audio.voices import choose_voice, engine_voice_for, language_table
from narrate.core.cache import AudioCache
from narrate.core.errors import VoiceError
from narrate.core.profiles import VoiceProfile, load_profile, profile_paths


@pytest.fixture(scope="module")
def profile() -> VoiceProfile:
    return load_profile(profile_paths()["default"])


@pytest.mark.parametrize(
    ("language", "voice_id"),
    [
        ("de", "gmw/de"),
        ("de-AT", "gmw/de"),
        ("fr", "roa/fr"),
        ("es", "roa/es"),
        ("ru", "zle/ru"),
        ("zh", "sit/cmn"),
        ("zh-TW", "sit/cmn"),
        ("pt-BR", "roa/pt-br"),
        ("ja", "jpx/ja"),
        ("no", "gmq/nb"),
        ("tl", None),
        ("km", None),
    ],
)
def test_the_engine_voice_for_a_language(language: str, voice_id: str | None) -> None:
    assert engine_voice_for(language, engine_info()) == voice_id


def test_the_profile_reads_its_own_language_and_others_get_theirs(profile: VoiceProfile) -> None:
    info = engine_info()
    assert choose_voice(profile, "en-GB", info).voice_id == "gmw/en-us"
    assert choose_voice(profile, "en-GB", info).how == "profile"
    german = choose_voice(profile, "de", info)
    assert (german.voice_id, german.how) == ("gmw/de", "engine")


def test_a_profile_names_a_voice_per_language(profile: VoiceProfile) -> None:
    named = dataclasses.replace(profile, language_voices=(("pt", (("espeak", "roa/pt-br"),)),))
    choice = choose_voice(named, "pt-PT", engine_info())
    assert (choice.voice_id, choice.how) == ("roa/pt-br", "profile-language")


def test_a_pinned_voice_stays_pinned_and_says_so(profile: VoiceProfile) -> None:
    pinned = profile.with_engine_voice("espeak", "roa/fr")
    assert pinned.pinned
    for language in ("de", "ru", "tl"):
        choice = choose_voice(pinned, language, engine_info())
        assert (choice.voice_id, choice.how) == ("roa/fr", "pinned")


def test_a_language_the_engine_lacks_is_refused_unless_a_fallback_is_asked(
    profile: VoiceProfile,
) -> None:
    info = engine_info()
    with pytest.raises(VoiceError, match=r"no voice for Tagalog \(tl\)") as refused:
        choose_voice(profile, "tl", info)
    assert "--fallback-voice" in refused.value.hint
    fallback = choose_voice(profile, "tl", info, fallback="gmw/en-us")
    assert (fallback.voice_id, fallback.how) == ("gmw/en-us", "fallback")


def test_the_table_covers_the_engine_languages(profile: VoiceProfile) -> None:
    table = {choice.language: choice.voice_id for choice in language_table(profile, engine_info())}
    assert table["en"] == "gmw/en-us"
    assert table["de"] == "gmw/de"
    assert table["zh"] == "sit/cmn"
    assert len(table) > 80


def test_a_job_is_said_with_the_voice_it_names(profile: VoiceProfile, tmp_path: Path) -> None:
    # a digest's German sentence, said by an English synthesizer, comes out in the German voice
    if not engine_info().repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its audio does not repeat")
    text = "Der Leuchtturm am Deich wird wieder geöffnet."
    cache = AudioCache(tmp_path / "cache")
    with Synthesizer(profile, "gmw/en-us", cache) as synth:
        for _ in synth.synthesize(
            [
                SynthJob("a" * 64, text, "gmw/de"),
                SynthJob("b" * 64, text),
                SynthJob("c" * 64, text, "gmw/de"),
            ]
        ):
            pass
    with Synthesizer(profile, "gmw/de", cache) as synth:
        for _ in synth.synthesize([SynthJob("d" * 64, text)]):
            pass
    audio = {key: cache.sentence(key * 64) for key in "abcd"}
    data = {key: cached.path.read_bytes() for key, cached in audio.items() if cached is not None}
    assert data["a"] == data["c"] == data["d"]  # the German voice, wherever it was asked for
    assert data["b"] != data["a"]  # the English voice says the same text differently
