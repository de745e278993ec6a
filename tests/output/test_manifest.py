"""The manifest: written once, read back typed, and a broken one is a clear error."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from narrate.core.formats import FORMATS
from narrate.core.models import Article, Chapter, Script, Segment, Sentence, TimedSegment, Timeline
from narrate.output.manifest import (
    ManifestError,
    Reading,
    VoiceUse,
    build_manifest,
    manifest_path,
    read_manifest,
    sidecar_paths,
    write_manifest,
)


def _script_and_timeline() -> tuple[Script, Timeline]:
    article = Article(title="Die Bibliothek", blocks=(), language="de", source="a.html")
    sentences = (Sentence("Erster Satz.", "Erster Satz."), Sentence("Zweiter.", "Zweiter."))
    segment = Segment(
        0, "paragraph", "Erster Satz. Zweiter.", "Erster Satz. Zweiter.", 0, 500, sentences, 250
    )
    timed = TimedSegment(segment, 0, 2000, ((0, 1200), (1450, 2000)))
    chapters = (Chapter("Die Bibliothek", 0, 2500),)
    return Script(article, (segment,), ("Die Bibliothek",)), Timeline(2500, (timed,), chapters)


READING = Reading(
    "default",
    175,
    1.0,
    50,
    False,
    22050,
    (
        VoiceUse(
            "de",
            "piper",
            "piper-tts 1.8.0",
            "de_DE-thorsten-medium",
            "engine",
            False,
            "ab" * 32,
            "the model's noise",
        ),
    ),
)


def test_a_manifest_made_before_the_reading_record_is_read(tmp_path: Path) -> None:
    # manifests written before engines had a typed record held an untyped `voice` dict
    script, timeline = _script_and_timeline()
    audio = tmp_path / "old.mp3"
    written = build_manifest(script, timeline, READING, audio, FORMATS["mp3"], {}, {}, "", "")
    data = json.loads(json.dumps(dataclasses.asdict(written)))
    del data["reading"]
    data["voice"] = {
        "engine": "espeak",
        "engine_version": "espeak-ng 1.52.0",
        "id": "gmw/de",
        "rate": 160,
        "volume": 1.0,
        "pitch": 50,
        "frame_rate": 22050,
        "repeatable": True,
        "profile": "default",
        "language": "de",
        "chosen": "engine",
        "pinned": False,
        "languages": [
            {"language": "de", "id": "gmw/de", "chosen": "engine"},
            {"language": "en", "id": "gmw/en-us", "chosen": "profile"},
        ],
    }
    (tmp_path / "old.json").write_text(json.dumps(data), "utf-8")
    reading = read_manifest(tmp_path / "old.json").reading
    assert (reading.profile, reading.rate, reading.main.engine) == ("default", 160, "espeak")
    assert read_manifest(tmp_path / "old.json").voices() == [("de", "gmw/de"), ("en", "gmw/en-us")]


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    script, timeline = _script_and_timeline()
    audio = tmp_path / "die-bibliothek.mp3"
    written = build_manifest(
        script,
        timeline,
        READING,
        audio,
        FORMATS["mp3"],
        {"vtt": "die-bibliothek.vtt"},
        {"gain_db": 3.0},
        "abc",
        "def",
        [("piper", "de_DE-thorsten-medium")] * len(timeline.segments),
    )
    write_manifest(written, manifest_path(audio))
    assert read_manifest(tmp_path / "die-bibliothek.json") == written
    data = json.loads((tmp_path / "die-bibliothek.json").read_text("utf-8"))
    assert data["language"] == "de"
    assert data["segments"][0]["sentences"][1] == {
        "text": "Zweiter.",
        "spoken": "Zweiter.",
        "start_ms": 1450,
        "end_ms": 2000,
    }


@pytest.mark.parametrize(
    "content", ["", "null", "[]", '{"title": "x"}', '{"title": "x", "audio": "a.mp3"}', "\xff"]
)
def test_a_broken_manifest_is_a_manifest_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, "latin-1")
    with pytest.raises(ManifestError):
        read_manifest(path)


def test_sidecars_sit_beside_the_audio(tmp_path: Path) -> None:
    paths = sidecar_paths(tmp_path / "x.mp3")
    assert paths["chapters"].name == "x.chapters.json"
    assert paths["vtt"].name == "x.vtt"
