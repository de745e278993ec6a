"""Episodes of our own for the feed's tests: a real (short) MP3 and a manifest beside it,
written by narrate's own manifest writer."""

from __future__ import annotations

import dataclasses
import struct
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import lameenc

from narrate.output.manifest import Manifest, Reading, TimedText, VoiceUse, write_manifest

BASE = "http://127.0.0.1:8000/"


@cache
def silent_mp3(seconds: float = 0.5) -> bytes:
    """A real MP3 of silence (LAME, 22.05 kHz mono)."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(22050)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return bytes(encoder.encode(b"\x00\x00" * int(22050 * seconds)) + encoder.flush())


def paragraph(text: str, index: int = 0, language: str | None = None) -> TimedText:
    return TimedText(index, "paragraph", text, text, 0, 0, 1000, (), language)


def episode(folder: Path, name: str, **fields: Any) -> Path:
    """NAME.mp3 and NAME.json in FOLDER; `fields` replace the manifest's defaults.
    The manifest's path."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(
        title="The Lighthouse Keeps Its Lamp",
        byline="Ines Marlow",
        source="https://example.org/lighthouse",
        site="Harbour Notes",
        published=None,
        language="en",
        audio=f"{name}.mp3",
        format="mp3",
        mime="audio/mpeg",
        reading=Reading(
            "default", 175, 1.0, 50, False, 22050,
            (VoiceUse("en", "espeak", "espeak-ng 1.52.0", "gmw/en-us", "profile", True),),
        ),
        loudness={},
        duration_ms=61_400,
        sidecars={},
        input_digest="",
        settings="",
        segments=(paragraph("The old lighthouse will keep its lamp lit."),),
    )
    manifest = dataclasses.replace(manifest, **fields)
    audio = folder / manifest.audio
    if not audio.exists() and manifest.audio:
        audio.write_bytes(silent_mp3())
    path = folder / f"{name}.json"
    write_manifest(manifest, path)
    return path


def png_chunks(png: bytes) -> dict[bytes, bytes]:
    """A PNG's chunks by kind, in order, every CRC checked."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    found, position = {}, 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, data = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found[kind] = data
        position += 12 + length
    return found
