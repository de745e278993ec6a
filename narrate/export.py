"""Export: the stitched timeline -> MP3 with ID3v2.3 tags and chapters, plus the manifest.

ffmpeg encodes and writes the tags and chapters in one pass from an
FFMETADATA file: it writes one CHAP frame per chapter in time order and a
top-level ordered CTOC, which Overcast and Apple Podcasts need. (mutagen
reorders CHAP frames by size, so it is only used to read them back.)
Every file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from narrate import __version__
from narrate.errors import OutputError
from narrate.ffmpeg import run_ffmpeg
from narrate.models import Article, Chapter, Episode, Timeline

MP3_BITRATE = "64k"  # mono speech: transparent at 64 kb/s, an hour in ~29 MB


@dataclass(frozen=True, slots=True)
class Tags:
    title: str
    artist: str
    album: str
    date: str | None
    source: str | None
    language: str | None

    @classmethod
    def for_article(cls, article: Article) -> Tags:
        site = article.site or ""
        return cls(
            title=article.title,
            artist=article.byline or site or "narrate",
            album=site or "narrate",
            date=article.published,
            source=article.source if "://" in article.source else None,
            language=article.language,
        )


def ffmetadata(tags: Tags, chapters: tuple[Chapter, ...]) -> str:
    """An FFMETADATA1 document holding the tags and the chapters, in time order.

    TENC carries "narrate" as the encoder: ffmpeg replaces any TSSE with its own
    name unless -fflags +bitexact, which drops TSSE altogether.
    """
    lines = [";FFMETADATA1"]
    fields = {
        "title": tags.title,
        "artist": tags.artist,
        "album": tags.album,
        "date": tags.date,
        "comment": tags.source,
        "source_url": tags.source,
        "language": tags.language,
        "genre": "Podcast",
        "encoded_by": f"narrate {__version__}",
    }
    lines += [f"{key}={_escape(value)}" for key, value in fields.items() if value]
    for chapter in sorted(chapters, key=lambda c: c.start_ms):
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={_escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    for char in ("\\", "=", ";", "#", "\n"):
        value = value.replace(char, "\\" + char)
    return value


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside `final`; rename it to `final` only on success."""
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=final.suffix, dir=final.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def check_writable(folder: Path) -> None:
    """Fail early, before any synthesis, when the output folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputError(
            f"cannot write to {folder}: {exc.strerror}", "choose another folder with -o"
        ) from exc


def write_mp3(timeline: Timeline, tags: Tags, out: Path) -> None:
    """Encode the timeline to MP3 with tags and chapters at `out`, atomically."""
    with tempfile.TemporaryDirectory(prefix="narrate-meta-") as work:
        meta = Path(work) / "metadata.txt"
        meta.write_text(ffmetadata(tags, timeline.chapters), "utf-8")
        with atomic_path(out) as partial:
            run_ffmpeg(
                [
                    "-i", timeline.wav_path, "-i", str(meta),
                    "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
                    "-c:a", "libmp3lame", "-b:a", MP3_BITRATE, "-compression_level", "9",
                    "-id3v2_version", "3", "-write_id3v1", "0", "-fflags", "+bitexact",
                    "-f", "mp3", str(partial),
                ],
                f"encoding {out.name}",
            )  # fmt: skip


def manifest(article: Article, timeline: Timeline, voice: dict[str, object]) -> dict[str, object]:
    """The manifest: what was read, by which voice, and where it sits in the audio."""
    return {
        "title": article.title,
        "byline": article.byline,
        "source": article.source,
        "site": article.site,
        "published": article.published,
        "language": article.language,
        "voice": voice,
        "duration_ms": timeline.duration_ms,
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
            }
            for t in timeline.segments
        ],
    }


def write_json(data: dict[str, object], out: Path) -> None:
    with atomic_path(out) as partial:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def export_episode(
    article: Article, timeline: Timeline, voice: dict[str, object], out: Path
) -> Episode:
    """Write the MP3 and its manifest (OUT.json) beside it."""
    manifest_path = out.with_suffix(".json")
    write_mp3(timeline, Tags.for_article(article), out)
    write_json(manifest(article, timeline, voice), manifest_path)
    return Episode(str(out), str(manifest_path), timeline.duration_ms, timeline.chapters)
