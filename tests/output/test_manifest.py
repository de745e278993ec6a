"""The manifest: written once, read back typed, and a broken one is a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrate.core.formats import FORMATS
from narrate.core.models import Article, Chapter, Script, Segment, Sentence, TimedSegment, Timeline
from narrate.output.manifest import (
    ManifestError,
    build_manifest,
    manifest_path,
    read_manifest,
    sidecar_paths,
    write_manifest,
)


def _script_and_timeline() -> tuple[Script, Timeline]:
    article = Article(title="Die Bibliothek", blocks=(), language="de", source="a.html")
    sentences = (Sentence("Erster Satz.", "Erster Satz."), Sentence("Zweiter.", "Zweiter."))
    segment = Segment(0, "paragraph", "Erster Satz. Zweiter.", "Erster Satz. Zweiter.", 0, 500,
                      sentences, 250)  # fmt: skip
    timed = TimedSegment(segment, 0, 2000, ((0, 1200), (1450, 2000)))
    chapters = (Chapter("Die Bibliothek", 0, 2500),)
    return Script(article, (segment,), ("Die Bibliothek",)), Timeline(2500, (timed,), chapters)


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    script, timeline = _script_and_timeline()
    audio = tmp_path / "die-bibliothek.mp3"
    written = build_manifest(
        script, timeline, {"id": "gmw/de", "rate": 175}, audio, FORMATS["mp3"],
        {"vtt": "die-bibliothek.vtt"}, {"gain_db": 3.0}, "abc", "def",
    )  # fmt: skip
    write_manifest(written, manifest_path(audio))
    assert read_manifest(tmp_path / "die-bibliothek.json") == written
    data = json.loads((tmp_path / "die-bibliothek.json").read_text("utf-8"))
    assert data["language"] == "de"
    assert data["segments"][0]["sentences"][1] == {
        "text": "Zweiter.", "spoken": "Zweiter.", "start_ms": 1450, "end_ms": 2000
    }  # fmt: skip


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
