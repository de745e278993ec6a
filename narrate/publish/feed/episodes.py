"""Episodes for the feed: manifests found under OUTDIR, their audio, sidecars and lasting state.

The state file (`.feed-state.json`, a dotfile the server never serves) keeps
each episode's GUID and first publication date, so re-running the feed never
reorders or duplicates episodes in podcast apps. It also caches each audio
file's SHA-256 (by size and mtime), which goes into the enclosure URL
(`x.mp3?v=1a2b3c4d5e6f`): a re-narrated article gets a new URL, since players
cache by URL, while the file keeps its name, so the folder still works behind
any static file host (a hashed virtual file name would need our server).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from narrate.core.files import write_json
from narrate.output.manifest import (
    SIDECAR_SUFFIXES,
    Manifest,
    ManifestError,
    read_manifest,
    sidecar_paths,
)
from narrate.publish.feed.media import media_type

log = logging.getLogger(__name__)

STATE_NAME = ".feed-state.json"
# Our own namespace for episode GUIDs, so they do not collide with other generators'.
EPISODE_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://narrate.invalid/episode")


@dataclass(frozen=True, slots=True)
class Item:
    """One episode as the feed shows it."""

    title: str
    author: str | None  # the article's byline
    description: str  # HTML
    link: str | None
    audio_url: str
    audio_type: str
    length: int
    guid: str
    published: datetime
    duration_s: int
    language: str | None
    chapters_url: str | None
    transcripts: tuple[tuple[str, str], ...]  # (url, media type)


def manifest_candidates(outdir: Path) -> list[Path]:
    """Files under OUTDIR that should be manifests: *.json but not sidecars, dotfiles or
    dot folders."""
    return [
        path
        for path in sorted(outdir.rglob("*.json"))
        if not any(part.startswith(".") for part in path.relative_to(outdir).parts)
        and not path.name.endswith(SIDECAR_SUFFIXES["chapters"])
    ]


def find_manifests(outdir: Path) -> list[Path]:
    """Every readable episode manifest under OUTDIR."""
    found = []
    for path in manifest_candidates(outdir):
        try:
            read_manifest(path)
        except ManifestError as exc:
            log.debug("feed: %s left out: %s", path, exc)
            continue
        found.append(path)
    return found


def read_item(outdir: Path, manifest_path: Path, base_url: str, state: dict[str, Any]) -> Item:
    """An episode from its manifest, its audio file and its sidecars."""
    outdir, manifest_path = Path(os.path.normpath(outdir)), Path(os.path.normpath(manifest_path))
    key = manifest_path.relative_to(outdir).as_posix()
    if not _is_utf8(key):  # before the state gets a record the state file could not hold
        raise ValueError("its file name is not UTF-8 (rename it)")
    manifest = read_manifest(manifest_path)
    audio = _inside(outdir, manifest_path.parent / manifest.audio)
    if audio is None:
        raise ValueError(f"its audio {manifest.audio!r} is outside the folder")
    size = audio.stat().st_size  # FileNotFoundError: the caller skips it with the reason
    entry = _state_entry(state, key, manifest_path, audio)
    source = manifest.source
    link = source if source.startswith(("http://", "https://")) else None
    sidecars = _sidecars(outdir, manifest_path, manifest)
    listen = _listen_page(outdir, manifest_path, manifest)

    def url(path: Path) -> str:
        return base_url + quote(path.relative_to(outdir).as_posix())

    return Item(
        title=manifest.title,
        author=manifest.byline,
        description=_description(manifest, link),
        link=url(listen) if listen is not None else link,
        audio_url=f"{url(audio)}?v={entry['sha256'][:12]}",
        audio_type=media_type(audio.name),
        length=size,
        guid=str(entry["guid"]),
        published=datetime.fromisoformat(entry["published"]),
        duration_s=max(1, round(manifest.duration_ms / 1000)),
        language=manifest.language,
        chapters_url=url(sidecars["chapters"]) if "chapters" in sidecars else None,
        transcripts=tuple(
            (url(sidecars[kind]), media_type(sidecars[kind].name))
            for kind in ("vtt", "srt")
            if kind in sidecars
        ),
    )


def _is_utf8(name: str) -> bool:
    """False for a file name that reached Python with surrogate escapes (bytes that are
    not UTF-8: a file from a Latin-1 disk or a zip)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inside(outdir: Path, path: Path) -> Path | None:
    """`path` with its '..' folded away, or None when it then lies outside OUTDIR: a
    hand-edited manifest naming '../x.mp3' must not put a URL outside the feed's folder
    into the feed. Lexical, so links inside OUTDIR to files elsewhere still count."""
    folded = Path(os.path.normpath(path))
    return folded if folded.is_relative_to(os.path.normpath(outdir)) else None


def _sidecars(outdir: Path, manifest_path: Path, manifest: Manifest) -> dict[str, Path]:
    """Sidecar files named by the manifest, else by convention; only those that exist
    in OUTDIR."""
    conventional = sidecar_paths(manifest_path.parent / manifest.audio)
    found = {}
    conventional.pop("listen")  # named or nothing: see _listen_page
    for kind, default in conventional.items():
        name = manifest.sidecars.get(kind)
        path = _inside(outdir, manifest_path.parent / name if name else default)
        if path is not None and path.is_file():
            found[kind] = path
    return found


def _listen_page(outdir: Path, manifest_path: Path, manifest: Manifest) -> Path | None:
    """The episode's listen page, only when its manifest names it: an HTML file found by
    convention beside the audio could be the saved article itself."""
    name = manifest.sidecars.get("listen")
    path = _inside(outdir, manifest_path.parent / name) if name else None
    return path if path is not None and path.is_file() else None


def _description(manifest: Manifest, link: str | None) -> str:
    """The first paragraph, the language it is read in, then where it was read from."""
    source = manifest.source
    first = next((s.text for s in manifest.segments if s.kind == "paragraph"), "")
    parts = [f"<p>{html.escape(first)}</p>"] if first else []
    languages = list(dict.fromkeys(s.language for s in manifest.segments if s.language))
    languages = languages or ([manifest.language] if manifest.language else [])
    if languages:
        parts.append(f"<p>Language: {html.escape(', '.join(languages))}</p>")
    if link:
        escaped = html.escape(link)
        parts.append(f'<p>Source: <a href="{escaped}">{escaped}</a></p>')
    elif source and source != "-":
        parts.append(f"<p>Source: {html.escape(PurePosixPath(source).name)}</p>")
    return "\n".join(parts)


def load_state(outdir: Path) -> dict[str, Any]:
    """The state file's content; a fresh one when it is missing or unreadable."""
    path = outdir / STATE_NAME
    try:
        state = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {"episodes": {}}
    except ValueError:
        log.warning("feed: %s is unreadable; GUIDs and dates are derived afresh", path)
        return {"episodes": {}}
    if not isinstance(state, dict) or not isinstance(state.get("episodes"), dict):
        return {"episodes": {}}
    return state


def remember_published(outdir: Path, manifest_path: Path, published: datetime) -> None:
    """Date an episode by its source (a feed item's own date), not by when it was narrated."""
    state = load_state(outdir)
    key = manifest_path.relative_to(outdir).as_posix()
    moment = published if published.tzinfo else published.replace(tzinfo=UTC)
    _record(state, key)["published"] = moment.replace(microsecond=0).isoformat()
    save_state(outdir, state)


def save_state(outdir: Path, state: dict[str, Any]) -> None:
    write_json(state, outdir / STATE_NAME)


def _record(state: dict[str, Any], key: str) -> dict[str, Any]:
    """The episode's record in the state; a fresh one for a value that is not a record
    (a hand-edited or foreign state file)."""
    entry = state["episodes"].get(key)
    if isinstance(entry, dict):
        return entry
    fresh: dict[str, Any] = {}
    state["episodes"][key] = fresh
    return fresh


def _state_entry(state: dict[str, Any], key: str, manifest: Path, audio: Path) -> dict[str, Any]:
    """The episode's lasting record: GUID and date from its first sighting; hash kept fresh.

    A stored value that is damaged is derived again, as a lost state file would be.
    """
    entry = _record(state, key)
    if not isinstance(entry.get("guid"), str) or not entry["guid"]:
        # Derived from the manifest's place in the folder, so a lost state file gives the
        # same GUID again; the same article narrated again lands on the same file name.
        entry["guid"] = f"narrate:{uuid.uuid5(EPISODE_GUID_NAMESPACE, key)}"
    first_seen = datetime.fromtimestamp(manifest.stat().st_mtime, UTC).replace(microsecond=0)
    entry["published"] = _aware_date(entry.get("published"), first_seen).isoformat()
    stat = audio.stat()
    fingerprint = [stat.st_size, stat.st_mtime_ns]
    if entry.get("fingerprint") != fingerprint or not isinstance(entry.get("sha256"), str):
        entry["sha256"] = _sha256(audio)
        entry["fingerprint"] = fingerprint
    return entry


def _aware_date(stored: object, fallback: datetime) -> datetime:
    """A stored ISO date, UTC when it has no offset (naive and aware dates cannot be
    sorted together); `fallback` when it is missing or not a date."""
    if isinstance(stored, str):
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(stored)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return fallback


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
