"""The manifest (OUT.json): what was read, by which voice, and where it sits in the audio."""

from __future__ import annotations

from pathlib import Path

from narrate.core.formats import AudioFormat
from narrate.core.models import Script, Timeline


def manifest(
    script: Script,
    timeline: Timeline,
    voice: dict[str, object],
    audio: Path,
    fmt: AudioFormat,
    sidecars: dict[str, str],
    loudness: dict[str, float],
    input_digest: str,
    settings_fingerprint: str,
) -> dict[str, object]:
    article = script.article
    return {
        "title": article.title,
        "byline": article.byline,
        "source": article.source,
        "site": article.site,
        "published": article.published,
        "language": article.language,
        "audio": audio.name,
        "format": fmt.name,
        "mime": fmt.mime,
        "voice": voice,
        "loudness": loudness,
        "duration_ms": timeline.duration_ms,
        "sidecars": sidecars,
        "input_digest": input_digest,
        "settings": settings_fingerprint,
        "chapters": [
            {"title": c.title, "start_ms": c.start_ms, "end_ms": c.end_ms}
            for c in timeline.chapters
        ],
        "segments": [
            {
                "index": t.segment.index,
                "kind": t.segment.kind,
                "text": t.segment.text,
                "spoken": t.segment.spoken,
                "chapter": t.segment.chapter,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "sentences": [
                    {"text": s.text, "spoken": s.spoken, "start_ms": a, "end_ms": b}
                    for s, (a, b) in zip(t.segment.sentences, t.sentence_times, strict=True)
                ],
            }
            for t in timeline.segments
        ],
    }
