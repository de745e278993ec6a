"""Containers: the encoded audio -> the final file with tags, chapters and cover art.

ffmpeg writes tags and chapters from one FFMETADATA file in every container:
for MP3 one ID3v2.3 CHAP frame per chapter, in time order, under a top-level
ordered CTOC (Overcast and Apple Podcasts need it); for M4A/M4B both a
QuickTime chapter track and Nero `chpl`; for Opus `CHAPTERnnn` comments.
mutagen reorders CHAP frames by size, so it only reads tags back (and adds
Opus cover art, which ffmpeg cannot). Every file is written under a temporary
name and renamed when complete.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path

from narrate import __version__
from narrate.core.errors import AudioToolError, InputError, OutputError
from narrate.core.ffmpeg import ffmpeg_path, run_ffmpeg
from narrate.core.files import atomic_path, temporary_directory
from narrate.core.formats import FORMATS, AudioFormat
from narrate.core.models import Article, Chapter
from narrate.output.sidecars import clock

TAG_SAMPLE_BYTES = 4096  # a frame or two of the audio: ffmpeg tags whatever whole frames it finds
COVER_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
_IMAGE_MAGIC = {"image/jpeg": (b"\xff\xd8\xff", "JPEG"), "image/png": (b"\x89PNG\r\n\x1a\n", "PNG")}


@dataclass(frozen=True, slots=True)
class Tags:
    title: str
    artist: str
    album: str
    date: str | None
    source: str | None
    language: str | None

    @classmethod
    def for_article(cls, article: Article, album: str | None = None) -> Tags:
        site = article.site or ""
        return cls(
            title=article.title,
            artist=article.byline or site or "narrate",
            album=album or site or "narrate",
            date=article.published,
            source=article.source if "://" in article.source else None,
            language=iso639_2(article.language),
        )


def iso639_2(tag: str | None) -> str | None:
    """The ISO 639-2/T code of a BCP 47 tag ('de-AT' -> 'deu'), as ID3 TLAN and MP4 want.

    None when there is no tag or no three-letter code for it.
    """
    if not tag:
        return None
    import langcodes

    try:
        code = langcodes.Language.get(tag, normalize=False).to_alpha3()
    except (LookupError, ValueError):
        return None
    return str(code)


def language_args(tags: Tags) -> list[str]:
    """ffmpeg options giving the audio stream its language (MP4's track language, Opus's)."""
    return ["-metadata:s:a:0", f"language={tags.language}"] if tags.language else []


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


def check_cover(cover: Path | None) -> None:
    """Fail early, before any synthesis, when the cover art is missing or not an image."""
    if cover is None:
        return
    if cover.is_dir():
        raise InputError(f"the cover {cover} is a folder", "give a .jpg or .png file")
    if not cover.is_file():
        raise InputError(f"no such cover image: {cover}", "give a .jpg or .png file")
    if cover.suffix.lower() not in COVER_TYPES:
        raise InputError(f"cover art must be JPEG or PNG: {cover}", "convert it first")
    check_image(cover)


def check_image(cover: Path) -> None:
    """The image must be what its name says, and ffmpeg must decode it (as it will, at the end)."""
    kind = COVER_TYPES[cover.suffix.lower()]
    try:
        with cover.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(f"cannot read cover image {cover}: {exc.strerror}") from exc
    magic, name = _IMAGE_MAGIC[kind]
    if not head.startswith(magic):
        raise InputError(f"cover art {cover} is not a {name} image", "give a real .jpg or .png")
    ffmpeg_path()  # a missing ffmpeg is its own error, not the image's
    try:
        run_ffmpeg(["-i", str(cover), "-frames:v", "1", "-f", "null", "-"], "reading the cover")
    except AudioToolError as exc:
        raise InputError(
            f"cover art {cover} cannot be decoded: {exc.message}", "give a real .jpg or .png"
        ) from exc


def metadata_inputs(meta: Path, cover: Path | None, fmt: AudioFormat) -> list[str]:
    """ffmpeg inputs and maps for tags, chapters and (where ffmpeg can) cover art."""
    picture = cover if fmt.cover_by_ffmpeg else None
    args = ["-i", str(meta)]
    if picture is not None:
        args += ["-i", str(picture)]
    chapters_from = "1" if fmt.chapters_by_ffmpeg else "-1"  # else: see finish_opus
    args += ["-map", "0:a", "-map_metadata", "1", "-map_chapters", chapters_from]
    if picture is not None:
        args += ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
    return args


@dataclass(frozen=True, slots=True)
class Container:
    """What the final file holds: the encoded `audio` of `fmt` (no tags yet), its tags,
    chapters and cover art."""

    fmt: AudioFormat
    audio: Path
    tags: Tags
    chapters: tuple[Chapter, ...]
    cover: Path | None


def write_container(container: Container, out: Path) -> None:
    """The encoded audio (no tags yet) -> `out` with tags, chapters and cover, atomically."""
    if container.fmt.encoder == "lame":
        mux_mp3(container.audio, container.tags, container.chapters, container.cover, out)
    else:
        remux(container, out)


def remux(container: Container, out: Path) -> None:
    """Copy the encoded stream into its container beside the tags, chapters and cover.

    The stream is copied, not encoded again, so the sound is what the encoder
    made; what ffmpeg cannot write in this container is added after.
    """
    fmt, audio, tags = container.fmt, container.audio, container.tags
    chapters, cover = container.chapters, container.cover
    with temporary_directory("meta") as work:
        meta = work / "metadata.txt"
        meta.write_text(ffmetadata(tags, chapters), "utf-8")
        with atomic_path(out) as partial:
            args = [
                "-i", str(audio), *metadata_inputs(meta, cover, fmt), *language_args(tags),
                "-c:a", "copy",
            ]  # fmt: skip  # ffmpeg's options stay in flag-value pairs
            run_ffmpeg([*args, *fmt.muxer, str(partial)], f"writing {out.name}")
            if not fmt.chapters_by_ffmpeg or (cover is not None and not fmt.cover_by_ffmpeg):
                finish_opus(partial, chapters, cover)


def mux_mp3(
    body: Path, tags: Tags, chapters: tuple[Chapter, ...], cover: Path | None, out: Path
) -> None:
    """Put an ID3v2.3 tag (tags, chapters, cover) in front of the MP3 frames, atomically.

    ffmpeg writes the tag, but copying an hour of frames through ffmpeg costs
    most of a second; so ffmpeg tags a one-frame file and that tag is joined to
    the frames here.
    """
    with temporary_directory("meta") as work:
        tag = id3_tag(body, tags, chapters, cover, work)
        with atomic_path(out) as partial, partial.open("wb") as sink:
            sink.write(tag)
            with body.open("rb") as source:
                shutil.copyfileobj(source, sink, 1 << 20)


def id3_tag(
    body: Path, tags: Tags, chapters: tuple[Chapter, ...], cover: Path | None, work: Path
) -> bytes:
    """The ID3v2.3 tag ffmpeg writes for these tags and chapters (CHAP in time order, CTOC)."""
    meta = work / "metadata.txt"
    meta.write_text(ffmetadata(tags, chapters), "utf-8")
    first_frame = work / "frame.mp3"
    try:
        with body.open("rb") as source:
            head = source.read(TAG_SAMPLE_BYTES)
    except OSError as exc:
        raise AudioToolError(f"cannot read the encoded audio: {exc}", "run again") from exc
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        raise OutputError(f"{body} does not start with an MP3 frame", "run again")
    first_frame.write_bytes(head)
    tagged = work / "tagged.mp3"
    run_ffmpeg(
        [
            "-f", "mp3", "-i", str(first_frame), *metadata_inputs(meta, cover, FORMATS["mp3"]),
            "-c:a", "copy", "-id3v2_version", "3", "-write_id3v1", "0",
            "-write_xing", "0", "-fflags", "+bitexact", "-f", "mp3", str(tagged),
        ],
        "writing the MP3 tag",
    )  # fmt: skip  # ffmpeg's options stay in flag-value pairs
    data = tagged.read_bytes()
    if data[:3] != b"ID3":
        raise OutputError("ffmpeg wrote no ID3 tag", "run with --debug")
    size = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(data[6:10]))
    return with_source_frames(data[:size], tags.source)


def with_source_frames(tag: bytes, source: str | None) -> bytes:
    """Add COMM and WOAS frames holding the source URL to an ID3v2.3 tag.

    ffmpeg writes a `comment` only as TXXX, which players do not show as the
    comment; the frames are added by hand (mutagen would reorder the CHAPs).
    """
    if not source:
        return tag
    url = source.encode("latin-1", "replace")
    frames = _frame(b"COMM", b"\x00eng\x00" + url) + _frame(b"WOAS", url)
    end = 10
    while end + 10 <= len(tag) and tag[end : end + 4].strip(b"\x00"):
        end += 10 + int.from_bytes(tag[end + 4 : end + 8], "big")  # v2.3: plain sizes
    body = tag[10:end] + frames + tag[end:]  # new frames before any padding
    return tag[:6] + _syncsafe(len(body)) + body


def _frame(frame_id: bytes, payload: bytes) -> bytes:
    return frame_id + len(payload).to_bytes(4, "big") + b"\x00\x00" + payload


def _syncsafe(size: int) -> bytes:
    return bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))


def opus_chapter_comments(chapters: tuple[Chapter, ...]) -> dict[str, list[str]]:
    """Vorbis-comment chapters as the Xiph chapter extension spells them, from CHAPTER001."""
    comments: dict[str, list[str]] = {}
    for number, chapter in enumerate(sorted(chapters, key=lambda c: c.start_ms), 1):
        comments[f"CHAPTER{number:03d}"] = [clock(chapter.start_ms, ".")]
        comments[f"CHAPTER{number:03d}NAME"] = [chapter.title]
    return comments


def finish_opus(path: Path, chapters: tuple[Chapter, ...], cover: Path | None) -> None:
    """Write the Opus chapters (and cover art) with mutagen.

    ffmpeg 9's Ogg muxer writes chapter times one second late and numbers them
    from 000, so chapters are kept out of it (`-map_chapters -1`) and written here.
    """
    from mutagen.oggopus import OggOpus

    audio = OggOpus(str(path))
    for key, value in opus_chapter_comments(chapters).items():
        audio[key] = value
    audio.save()
    if cover is not None:
        add_opus_cover(path, cover)


def add_opus_cover(path: Path, cover: Path) -> None:
    """Embed cover art in an Ogg Opus file as METADATA_BLOCK_PICTURE (ffmpeg cannot)."""
    from mutagen.flac import Picture
    from mutagen.oggopus import OggOpus

    picture = Picture()
    picture.type = 3  # front cover
    picture.mime = COVER_TYPES[cover.suffix.lower()]
    picture.data = cover.read_bytes()
    audio = OggOpus(str(path))
    audio["METADATA_BLOCK_PICTURE"] = [base64.b64encode(picture.write()).decode("ascii")]
    audio.save()
