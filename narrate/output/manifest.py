"""The manifest (OUT.json): what was read, by which voice, and where it sits in the audio.

Written once per episode by the pipeline and read by batch (is the output up
to date?) and by publishing (the feed, the server): `Manifest` is the one
typed form of it, `write_manifest` and `read_manifest` the one writer and the
one reader.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from narrate.core.errors import InputError
from narrate.core.files import text_name, write_json
from narrate.core.formats import AudioFormat
from narrate.core.models import Script, Timeline

# The files written beside the audio, by kind; the audio's name with these suffixes.
SIDECAR_SUFFIXES = {
    "chapters": ".chapters.json",
    "vtt": ".vtt",
    "srt": ".srt",
    "listen": ".html",  # the read-along page (narrate/output/listen)
}


class ManifestError(InputError):
    """A file that is not a readable narrate manifest."""


@dataclass(frozen=True, slots=True)
class TimedSentence:
    text: str
    spoken: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class TimedText:
    """One segment of the script (a heading, a paragraph...) where it sits in the audio."""

    index: int
    kind: str
    text: str
    spoken: str
    chapter: int
    start_ms: int
    end_ms: int
    sentences: tuple[TimedSentence, ...]
    language: str | None = None  # BCP 47 tag of the text (a digest mixes languages)


@dataclass(frozen=True, slots=True)
class ChapterTime:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Manifest:
    title: str
    byline: str | None
    source: str
    site: str | None
    published: str | None
    language: str | None
    audio: str  # the audio file's name, beside the manifest
    format: str
    mime: str
    voice: dict[str, Any]
    loudness: dict[str, float]
    duration_ms: int
    sidecars: dict[str, str]  # kind -> file name beside the manifest
    input_digest: str
    settings: str  # the settings' fingerprint
    chapters: tuple[ChapterTime, ...] = ()
    segments: tuple[TimedText, ...] = field(default_factory=tuple)

    def voices(self) -> list[tuple[str, str]]:
        """(language, engine voice id) pairs the audio was read with."""
        pairs = self.voice.get("languages") or [
            {"language": self.language, "id": self.voice.get("id")}
        ]
        return [
            (str(pair["language"]), str(pair["id"]))
            for pair in pairs
            if pair.get("language") and pair.get("id")
        ]


def manifest_path(audio: Path) -> Path:
    """Where the manifest of an audio file is: beside it, with .json."""
    return audio.with_suffix(".json")


def sidecar_paths(audio: Path) -> dict[str, Path]:
    """Where each sidecar of an audio file goes."""
    return {kind: audio.with_suffix(suffix) for kind, suffix in SIDECAR_SUFFIXES.items()}


def build_manifest(
    script: Script,
    timeline: Timeline,
    voice: dict[str, Any],
    audio: Path,
    fmt: AudioFormat,
    sidecars: dict[str, str],
    loudness: dict[str, float],
    input_digest: str,
    settings_fingerprint: str,
) -> Manifest:
    article = script.article
    return Manifest(
        title=article.title,
        byline=article.byline,
        source=text_name(article.source),
        site=article.site,
        published=article.published,
        language=article.language,
        audio=audio.name,
        format=fmt.name,
        mime=fmt.mime,
        voice=voice,
        loudness=loudness,
        duration_ms=timeline.duration_ms,
        sidecars=sidecars,
        input_digest=input_digest,
        settings=settings_fingerprint,
        chapters=tuple(ChapterTime(c.title, c.start_ms, c.end_ms) for c in timeline.chapters),
        segments=tuple(
            TimedText(
                t.segment.index,
                t.segment.kind,
                t.segment.text,
                t.segment.spoken,
                t.segment.chapter,
                t.start_ms,
                t.end_ms,
                tuple(
                    TimedSentence(s.text, s.spoken, a, b)
                    for s, (a, b) in zip(t.segment.sentences, t.sentence_times, strict=True)
                ),
                language=t.segment.language,
            )
            for t in timeline.segments
        ),
    )


def write_manifest(manifest: Manifest, path: Path) -> None:
    write_json(asdict(manifest), path)


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`; ManifestError when it is missing, broken or not a manifest."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    try:
        return _from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ManifestError(f"{path} is not a narrate manifest ({exc!r})") from exc


def _from_dict(data: Any) -> Manifest:
    if not isinstance(data, dict):
        raise TypeError("not an object")
    return Manifest(
        title=str(data["title"]),
        byline=_optional(data.get("byline")),
        source=str(data.get("source") or ""),
        site=_optional(data.get("site")),
        published=_optional(data.get("published")),
        language=_optional(data.get("language")),
        audio=str(data["audio"]),
        format=str(data.get("format") or ""),
        mime=str(data.get("mime") or ""),
        voice=dict(data.get("voice") or {}),
        loudness={str(k): float(v) for k, v in (data.get("loudness") or {}).items()},
        duration_ms=int(data["duration_ms"]),
        sidecars={str(k): str(v) for k, v in (data.get("sidecars") or {}).items()},
        input_digest=str(data.get("input_digest") or ""),
        settings=str(data.get("settings") or ""),
        chapters=tuple(
            ChapterTime(str(c["title"]), int(c["start_ms"]), int(c["end_ms"]))
            for c in data.get("chapters") or ()
        ),
        segments=tuple(_segment(s) for s in data.get("segments") or ()),
    )


def _segment(data: dict[str, Any]) -> TimedText:
    return TimedText(
        index=int(data["index"]),
        kind=str(data["kind"]),
        text=str(data["text"]),
        spoken=str(data.get("spoken", data["text"])),
        chapter=int(data.get("chapter", 0)),
        start_ms=int(data["start_ms"]),
        end_ms=int(data["end_ms"]),
        sentences=tuple(_sentence(s) for s in data.get("sentences") or ()),
        language=_optional(data.get("language")),
    )


def _sentence(data: dict[str, Any]) -> TimedSentence:
    text = str(data["text"])
    spoken = str(data.get("spoken", text))
    return TimedSentence(text, spoken, int(data["start_ms"]), int(data["end_ms"]))


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
