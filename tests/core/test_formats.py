"""The formats table: one entry per format, and an unknown name is bad input."""

from __future__ import annotations

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
