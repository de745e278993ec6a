"""The real pyttsx3 engine in worker processes, and the segment verifier."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from narrate.engine import (
    Synthesizer,
    SynthJob,
    check_voice,
    engine_info,
    plausible_seconds,
    verify_wav,
)
from narrate.errors import EngineError, VoiceError
from narrate.voices import VoiceProfile, load_profile, profile_paths


@pytest.fixture(scope="module")
def profile() -> VoiceProfile:
    return load_profile(profile_paths()["default"])


def _write_wav(path: Path, frames: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\x10\x00" * frames)


def test_engine_lists_voices_and_version() -> None:
    info = engine_info()
    assert info.driver == "espeak"
    assert info.version.startswith("espeak-ng")
    assert any(v.id == "gmw/en-us" for v in info.voices)


def test_check_voice_rejects_what_espeak_would_silently_ignore(profile: VoiceProfile) -> None:
    info = engine_info()
    assert check_voice(profile, info) == "gmw/en-us"
    with pytest.raises(VoiceError, match="no voice 'xx/none'"):
        check_voice(profile.with_engine_voice("espeak", "xx/none"), info)


def test_every_segment_comes_back_verified_and_in_order(
    profile: VoiceProfile, tmp_path: Path
) -> None:
    texts = ["First words.", "A second, longer segment with a few more words in it.", "Third."]
    jobs = [SynthJob(i, t, str(tmp_path / f"{i}.wav")) for i, t in enumerate(texts)]
    with Synthesizer(profile, "gmw/en-us", workers=2) as synth:
        results = list(synth.synthesize(jobs))
    assert [r.index for r in results] == [0, 1, 2]
    for result, text in zip(results, texts, strict=True):
        low, high = plausible_seconds(text, profile.rate)
        assert low <= result.frames / result.frame_rate <= high
        assert verify_wav(Path(result.wav_path), text, profile.rate)[0] == result.frames
    # the first utterance of a fresh engine is the one pyttsx3 loses: it must be whole
    assert results[0].frames / results[0].frame_rate > 0.5


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
