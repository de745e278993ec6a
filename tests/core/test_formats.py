"""The formats table: one entry per format, and an unknown name is bad input."""

from __future__ import annotations

import random
import struct
import subprocess
from pathlib import Path

import pytest

from narrate.core.errors import ExitCode, InputError
from narrate.core.formats import FORMATS, audio_format


def test_every_format_names_its_encoder_and_container() -> None:
    for name, fmt in FORMATS.items():
        assert fmt.name == name
        assert fmt.suffix == f".{name}"
        assert fmt.muxer[:1] == ("-f",)
        assert (fmt.encoder == "ffmpeg") == bool(fmt.codec)


def test_names_are_case_blind() -> None:
    assert audio_format("MP3") is FORMATS["mp3"]


def test_an_unknown_format_is_bad_input_not_a_voice_problem() -> None:
    with pytest.raises(InputError, match="unknown format 'wav'") as caught:
        audio_format("wav")
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert "mp3" in caught.value.hint


def test_the_opus_limiter_chain_is_latency_true_on_any_ffmpeg(tmp_path: Path) -> None:
    """Padding and trimming the limiter's look-ahead (what ffmpeg 4.2 to 9 all do) gives the
    samples alimiter's own latency=true (ffmpeg 5.0 and later) gives, bit for bit."""
    from narrate.core.ffmpeg import PCM_INPUT, bundled_ffmpeg

    real = bundled_ffmpeg()
    if real is None:
        pytest.skip("imageio-ffmpeg has no ffmpeg here")
    rng = random.Random(7)
    loud = struct.pack("<48000h", *(rng.randint(-30000, 30000) for _ in range(48000)))
    portable = FORMATS["opus"].codec[1]
    native = "aresample=24000,alimiter=limit=0.708:level=false:latency=true"
    outputs = []
    for chain in (portable, native):
        done = subprocess.run(
            [
                real,
                "-nostdin",
                "-loglevel",
                "error",
                *PCM_INPUT,
                "-i",
                "pipe:0",
                "-af",
                chain,
                "-f",
                "s16le",
                "-",
            ],
            input=loud,
            capture_output=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert len(outputs[0]) == len(outputs[1]) > 0
    assert outputs[0] == outputs[1]


def test_the_opus_limiter_follows_the_ceiling_and_aac_has_none_in_ffmpeg() -> None:
    """A ceiling lowered for an encoder's overshoot lowers Opus's limiter after resampling."""
    opus = FORMATS["opus"]
    assert "alimiter=limit=0.708:" in opus.codec[1]  # -3 dB, the format's own ceiling
    assert "alimiter=limit=0.631:" in opus.codec_at(-4.0)[1]
    assert FORMATS["m4a"].codec_at(-5.0) == FORMATS["m4a"].codec  # AAC: narrate's limiter only
