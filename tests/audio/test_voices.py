"""Which engine voice reads which language: the profile's, the engine's, pinned, fallback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from narrate.audio.voices import choose_voice, engine_voice_for, language_table
from narrate.core.cache import AudioCache
from narrate.core.errors import VoiceError
from narrate.core.profiles import Profile, load_profile, profile_paths
from tests.audio.helpers import espeak_info, espeak_job, synthesizer


@pytest.fixture(scope="module")
def profile() -> Profile:
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
    assert engine_voice_for(language, espeak_info()) == voice_id


def test_the_profile_reads_its_own_language_and_others_get_theirs(profile: Profile) -> None:
    info = {"espeak": espeak_info()}
    assert choose_voice(profile, "en-GB", info).voice_id == "gmw/en-us"
    assert choose_voice(profile, "en-GB", info).how == "profile"
    german = choose_voice(profile, "de", info)
    assert (german.voice_id, german.how) == ("gmw/de", "engine")


def test_a_profile_names_a_voice_per_language(profile: Profile) -> None:
    named = dataclasses.replace(profile, language_voices=(("pt", (("espeak", "roa/pt-br"),)),))
    choice = choose_voice(named, "pt-PT", {"espeak": espeak_info()})
    assert (choice.voice_id, choice.how) == ("roa/pt-br", "profile-language")


def test_a_pinned_voice_stays_pinned_and_says_so(profile: Profile) -> None:
    pinned = profile.pinned_to("espeak", "roa/fr")
    assert pinned.pinned
    for language in ("de", "ru", "tl"):
        choice = choose_voice(pinned, language, {"espeak": espeak_info()})
        assert (choice.voice_id, choice.how) == ("roa/fr", "pinned")


def test_a_language_the_engine_lacks_is_refused_unless_a_fallback_is_asked(
    profile: Profile,
) -> None:
    info = {"espeak": espeak_info()}
    with pytest.raises(VoiceError, match=r"no voice for Tagalog \(tl\)") as refused:
        choose_voice(profile, "tl", info)
    assert "--fallback-voice" in refused.value.hint
    fallback = choose_voice(profile, "tl", info, fallback="gmw/en-us")
    assert (fallback.voice_id, fallback.how) == ("gmw/en-us", "fallback")


def test_the_table_covers_the_engine_languages(profile: Profile) -> None:
    choices = language_table(profile, {"espeak": espeak_info()})
    table = {choice.language: choice.voice_id for choice in choices}
    assert table["en"] == "gmw/en-us"
    assert table["de"] == "gmw/de"
    assert table["zh"] == "sit/cmn"
    assert len(table) > 80


def test_a_job_is_said_with_the_voice_it_names(profile: Profile, tmp_path: Path) -> None:
    # a digest's German sentence, said by an English synthesizer, comes out in the German voice
    if not espeak_info().repeatable:
        pytest.skip("this libespeak-ng has no symbol table, so its audio does not repeat")
    text = "Der Leuchtturm am Deich wird wieder geöffnet."
    cache = AudioCache(tmp_path / "cache")
    with synthesizer(profile, "gmw/en-us", cache) as synth:
        for _ in synth.synthesize(
            [
                espeak_job("a" * 64, text, "gmw/de"),
                espeak_job("b" * 64, text),
                espeak_job("c" * 64, text, "gmw/de"),
            ]
        ):
            pass
    with synthesizer(profile, "gmw/de", cache) as synth:
        for _ in synth.synthesize([espeak_job("d" * 64, text, "gmw/de")]):
            pass
    audio = {key: cache.sentence(key * 64) for key in "abcd"}
    data = {key: cached.path.read_bytes() for key, cached in audio.items() if cached is not None}
    assert data["a"] == data["c"] == data["d"]  # the German voice, wherever it was asked for
    assert data["b"] != data["a"]  # the English voice says the same text differently
