"""Voice profiles: the shipped ones load, names and engine ids resolve, bad ones fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import VoiceError
from narrate.core.profiles import VOICES_DIR, load_profile, profile_paths, resolve_profile

ENGINE_IDS = {"espeak": frozenset({"gmw/en-us", "gmw/en", "roa/pt-br"})}


def test_shipped_profiles_load() -> None:
    profiles = {name: load_profile(path) for name, path in profile_paths().items()}
    assert {"default", "clear", "portuguese"} <= set(profiles)
    assert profiles["clear"].rate < profiles["default"].rate
    assert profiles["portuguese"].language.startswith("pt")
    for profile in profiles.values():
        assert profile.pauses.after_title > profile.pauses.between_paragraphs
        assert profile.pauses.before_heading > profile.pauses.between_paragraphs
        assert profile.voice("espeak")


def test_resolve_by_profile_name_and_engine_id() -> None:
    assert resolve_profile("clear", ENGINE_IDS).name == "clear"
    assert resolve_profile(None, ENGINE_IDS).name == "default"
    by_id = resolve_profile("roa/pt-br", ENGINE_IDS)
    assert by_id.voice("espeak") == "roa/pt-br"


def test_unknown_voice() -> None:
    with pytest.raises(VoiceError, match="unknown voice 'klingon'"):
        resolve_profile("klingon", ENGINE_IDS)


def test_broken_profile_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "default.toml").write_text("rate = [fast\n", "utf-8")
    with pytest.raises(VoiceError, match=r"default\.toml is broken"):
        resolve_profile(None, ENGINE_IDS, voices_dir=tmp_path)


def test_voices_dir_is_the_repositorys() -> None:
    assert VOICES_DIR == Path(__file__).resolve().parents[2] / "voices"


def test_a_profile_names_voices_per_language_or_is_pinned(tmp_path: Path) -> None:
    (tmp_path / "default.toml").write_text(
        'language = "en"\n[engine]\nespeak = "gmw/en"\n'
        '[languages.de]\nespeak = "gmw/de"\n[languages.pt-BR]\nespeak = "roa/pt-br"\n',
        "utf-8",
    )
    (tmp_path / "fixed.toml").write_text(
        'language = "en"\npinned = true\nfallback_voice = "gmw/en"\n[engine]\nespeak = "gmw/en"\n',
        "utf-8",
    )
    chooser = resolve_profile(None, ENGINE_IDS, voices_dir=tmp_path)
    assert not chooser.pinned
    assert chooser.voice_for_language("de-CH", "espeak") == "gmw/de"
    assert chooser.voice_for_language("pt-BR", "espeak") == "roa/pt-br"
    assert chooser.voice_for_language("en-GB", "espeak") == "gmw/en"
    assert chooser.voice_for_language("fr", "espeak") is None  # the engine's own French voice
    fixed = resolve_profile("fixed", ENGINE_IDS, voices_dir=tmp_path)
    assert fixed.pinned
    assert fixed.fallback_voice == "gmw/en"
    assert fixed.voice_for_language("fr", "espeak") == "gmw/en"
    by_id = resolve_profile("roa/pt-br", ENGINE_IDS, voices_dir=tmp_path)
    assert by_id.pinned  # --voice ID reads every language with that voice


def test_a_profile_names_its_engine_and_each_engines_voice(tmp_path: Path) -> None:
    (tmp_path / "default.toml").write_text(
        'language = "en"\nengine = "piper"\n[voices]\nespeak = "gmw/en"\n'
        'piper = "en_US-joe-medium"\n',
        "utf-8",
    )
    (tmp_path / "old.toml").write_text('language = "en"\n[engine]\nespeak = "gmw/en"\n', "utf-8")
    profile = resolve_profile(None, ENGINE_IDS, voices_dir=tmp_path)
    assert (profile.engine, profile.voice("piper"), profile.voice("espeak")) == (
        "piper",
        "en_US-joe-medium",
        "gmw/en",
    )
    old = resolve_profile("old", ENGINE_IDS, voices_dir=tmp_path)  # [engine]: before Piper
    assert (old.engine, old.voice("espeak")) == ("espeak", "gmw/en")
    piper_ids = {**ENGINE_IDS, "piper": frozenset({"en_US-joe-medium"})}
    pinned = resolve_profile("en_US-joe-medium", piper_ids, voices_dir=tmp_path)
    assert (pinned.engine, pinned.voice("piper"), pinned.pinned) == (
        "piper",
        "en_US-joe-medium",
        True,
    )
    with pytest.raises(VoiceError, match="did you mean en_US-joe-medium"):  # as it is spelled
        resolve_profile("en_US-joe-mediun", piper_ids, voices_dir=tmp_path)
