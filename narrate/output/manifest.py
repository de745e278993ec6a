"""The manifest (OUT.json): what was read, by which voices, and where it sits in the audio.

Written once per episode by the pipeline and read by batch (is the output up
to date?) and by publishing (the feed, the server): `Manifest` is the one
typed form of it, `write_manifest` and `parse_manifest` the one writer and the
one reader (`read_manifest` reads a file with it; a store's bytes go to it too).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrate.core.errors import InputError
from narrate.core.files import text_name, write_json
from narrate.core.formats import AudioFormat
from narrate.core.models import Chapter, Script, Timeline

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# The files written beside the audio, by kind; the audio's name with these suffixes.
SIDECAR_SUFFIXES = {
    "chapters": ".chapters.json",
    "vtt": ".vtt",
    "srt": ".srt",
    "listen": ".listen.html",  # the read-along page (narrate/output/listen), never a page
}


class ManifestError(InputError):
    """A file that is not a readable narrate manifest."""


@dataclass(frozen=True, slots=True)
class VoiceUse:
    """One voice as it read part of the episode."""

    language: str  # BCP 47 tag of the text it read
    engine: str  # espeak, piper
    engine_version: str
    voice_id: str
    chosen: str  # why this voice: profile, profile-language, engine, pinned, fallback, other-engine
    repeatable: bool  # the same sentence gives the same samples without the cache
    model: str | None = None  # a voice that is a file (Piper): the digest of its content
    note: str | None = None  # what a listener or a repeat run should know of it


@dataclass(frozen=True, slots=True)
class Reading:
    """How the episode was read: the profile, its pace, and every voice (the main one first)."""

    profile: str
    rate: int  # words per minute (Piper: relative to its own pace at 175)
    volume: float
    pitch: int  # espeak-ng only
    pinned: bool
    frame_rate: int
    voices: tuple[VoiceUse, ...]

    @property
    def main(self) -> VoiceUse:
        return self.voices[0]


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
    engine: str | None = None  # which engine read it
    voice_id: str | None = None  # with which of its voices


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
    reading: Reading
    loudness: dict[str, float]
    duration_ms: int
    sidecars: dict[str, str]  # kind -> file name beside the manifest
    input_digest: str
    settings: str  # the settings' fingerprint
    chapters: tuple[Chapter, ...] = ()
    segments: tuple[TimedText, ...] = field(default_factory=tuple)
    identity: str = ""  # what it is an episode of (narrate/pipeline/naming.py); "": not recorded

    def voices(self) -> list[tuple[str, str]]:
        """(language, voice id) pairs the audio was read with."""
        return [(use.language, use.voice_id) for use in self.reading.voices]


def manifest_path(audio: Path) -> Path:
    """Where the manifest of an audio file is: beside it, with .json."""
    return audio.with_suffix(".json")


def sidecar_paths(audio: Path) -> dict[str, Path]:
    """Where each sidecar of an audio file goes."""
    return {kind: audio.with_suffix(suffix) for kind, suffix in SIDECAR_SUFFIXES.items()}


def build_manifest(
    script: Script,
    timeline: Timeline,
    reading: Reading,
    audio: Path,
    fmt: AudioFormat,
    sidecars: dict[str, str],
    loudness: dict[str, float],
    input_digest: str,
    settings_fingerprint: str,
    voices: list[tuple[str, str]] | None = None,
    identity: str = "",
) -> Manifest:
    """The manifest of an episode; `voices`: the (engine, voice id) of each timed segment."""
    voices = voices or []
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
        reading=reading,
        loudness=loudness,
        duration_ms=timeline.duration_ms,
        sidecars=sidecars,
        input_digest=input_digest,
        settings=settings_fingerprint,
        chapters=timeline.chapters,
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
                engine=voices[position][0] if position < len(voices) else None,
                voice_id=voices[position][1] if position < len(voices) else None,
            )
            for position, t in enumerate(timeline.segments)
        ),
        identity=identity,
    )


def write_manifest(manifest: Manifest, path: Path) -> None:
    write_json(asdict(manifest), path)


def replaced_audio(audio: Path, mine: Callable[[tuple[str, str]], bool]) -> Path | None:
    """The audio file of another format that the manifest about to be written over
    `audio`'s names (`story.mp3`, when `story.opus` is made), when that episode is of the
    same source or text (`mine` of its identity and input digest): its sidecars are
    `audio`'s now, so it would be left describing nothing. None when there is none."""
    try:
        earlier = read_manifest(manifest_path(audio))
    except ManifestError:
        return None
    name = Path(earlier.audio).name
    if name.casefold() == audio.name.casefold() or name != earlier.audio:
        return None  # the same file (on a file system blind to case too), or not beside it
    if not name.startswith(audio.stem + ".") or not mine((earlier.identity, earlier.input_digest)):
        return None
    return audio.with_name(name)


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`; ManifestError when it is missing, broken or not a manifest."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    return parse_manifest(raw, str(path))


def parse_manifest(raw: bytes, where: str) -> Manifest:
    """The manifest in `raw`, read from `where` (a path or a store URL); ManifestError if not."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ManifestError(f"cannot read manifest {where}: {exc}") from exc
    try:
        return _from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ManifestError(f"{where} is not a narrate manifest ({exc!r})") from exc


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
        reading=_reading(data),
        loudness={str(k): float(v) for k, v in (data.get("loudness") or {}).items()},
        duration_ms=int(data["duration_ms"]),
        sidecars={str(k): str(v) for k, v in (data.get("sidecars") or {}).items()},
        input_digest=str(data.get("input_digest") or ""),
        settings=str(data.get("settings") or ""),
        chapters=tuple(
            Chapter(str(c["title"]), int(c["start_ms"]), int(c["end_ms"]))
            for c in data.get("chapters") or ()
        ),
        segments=tuple(_segment(s) for s in data.get("segments") or ()),
        identity=str(data.get("identity") or ""),
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
        engine=_optional(data.get("engine")),
        voice_id=_optional(data.get("voice_id")),
    )


def _reading(data: dict[str, Any]) -> Reading:
    """The manifest's reading; from the `voice` record manifests had before it."""
    reading = data["reading"] if "reading" in data else _old_reading(data)
    voices = tuple(VoiceUse(**_plain_fields(VoiceUse, use)) for use in reading["voices"])
    return Reading(**_plain_fields(Reading, reading), voices=voices)


def _old_reading(data: dict[str, Any]) -> dict[str, Any]:
    """An older manifest's one `voice` record, as the `reading` record says the same."""
    voice = dict(data.get("voice") or {})
    pairs = voice.get("languages") or [
        {
            "language": data.get("language") or "",
            "id": voice.get("id"),
            "chosen": voice.get("chosen"),
        }
    ]
    uses = [
        {
            "language": pair.get("language") or "",
            "voice_id": pair.get("id") or "",
            "chosen": pair.get("chosen") or "",
            "engine": voice.get("engine", ""),
            "engine_version": voice.get("engine_version", ""),
            "repeatable": voice.get("repeatable", False),
        }
        for pair in pairs
        if pair.get("id")
    ]
    return {
        "profile": voice.get("profile", ""),
        "rate": voice.get("rate", 0),
        "volume": voice.get("volume", 1.0),
        "pitch": voice.get("pitch", 0),
        "pinned": voice.get("pinned", False),
        "frame_rate": voice.get("frame_rate", 0),
        "voices": uses,
    }


# How a plain field is read back, by the type its record declares.
_PLAIN: dict[str, Callable[[Any], Any]] = {"str": str, "int": int, "float": float, "bool": bool}


def _plain_fields(record: type[DataclassInstance], data: dict[str, Any]) -> dict[str, Any]:
    """The fields of `record` that are plain (str, int, float, bool; an optional str may be
    missing), each read from `data` as its type says; the record's other fields are not."""
    found: dict[str, Any] = {}
    for item in fields(record):
        if item.type == "str | None":
            found[item.name] = _optional(data.get(item.name))
        elif item.type in _PLAIN:
            found[item.name] = _PLAIN[str(item.type)](data[item.name])
    return found


def _sentence(data: dict[str, Any]) -> TimedSentence:
    text = str(data["text"])
    spoken = str(data.get("spoken", text))
    return TimedSentence(text, spoken, int(data["start_ms"]), int(data["end_ms"]))


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
