"""Episodes for the feed: manifests found under OUTDIR, their audio, sidecars and lasting state.

The state file (`.feed-state.json`, a dotfile the server never serves) keeps
each episode's GUID and first publication date, so re-running the feed never
reorders or duplicates episodes in podcast apps. It also caches each audio
file's SHA-256 (by size and mtime), which goes into the enclosure URL
(`x.mp3?v=1a2b3c4d5e6f`): a re-narrated article gets a new URL, since players
cache by URL, while the file keeps its name, so the folder still works behind
any static file host (a hashed virtual file name would need our server).

The folder may be a store (s3://bucket/podcast/, narrate/core/storage.py): it
is listed once, each manifest read once, and an object's hash is taken from
the store's own content tag (its ETag) instead of downloading the audio.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import logging
import os
import posixpath
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from narrate.core.storage import MissingFile, Store, StoredFile, open_store
from narrate.output.manifest import (
    SIDECAR_SUFFIXES,
    Manifest,
    ManifestError,
    parse_manifest,
    sidecar_paths,
)
from narrate.publish.feed.media import media_type

Files = dict[str, StoredFile]  # every file under the folder, by key, from one listing

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


def as_store(outdir: Path | Store) -> Store:
    return outdir if isinstance(outdir, Store) else open_store(outdir)


def list_files(store: Store) -> Files:
    return {stored.key: stored for stored in store.files()}


def manifest_candidates(files: Files) -> list[str]:
    """Keys that should be manifests: *.json but not sidecars, dotfiles or dot folders."""
    return [
        key
        for key in sorted(files)
        if key.endswith(".json")
        and not any(part.startswith(".") for part in key.split("/"))
        and not key.endswith(SIDECAR_SUFFIXES["chapters"])
    ]


def find_manifests(
    store: Store, files: Files, left_out: Callable[[str, Exception], None] | None = None
) -> list[tuple[str, Manifest]]:
    """Every readable episode manifest under the folder, by key; each unreadable one goes to
    `left_out` (the feed's debug log unless the caller says how to tell it)."""
    found = []
    for key in manifest_candidates(files):
        try:
            manifest = parse_manifest(store.read_bytes(key), store.where(key))
        except (ManifestError, MissingFile) as exc:
            (left_out or _left_out_of_feed)(key, exc)
            continue
        found.append((key, manifest))
    return found


def _left_out_of_feed(key: str, exc: Exception) -> None:
    log.debug("feed: %s left out: %s", key, exc)


def key_of(store: Store, path: Path | str) -> str:
    """A manifest's key: as given, or its path relative to a local folder (lexically)."""
    if isinstance(path, str):
        return path
    root = os.path.normpath(store.folder or ".")
    return Path(os.path.relpath(os.path.normpath(path), root)).as_posix()


def read_item(
    outdir: Path | Store,
    manifest_path: Path | str,
    base_url: str,
    state: dict[str, Any],
    files: Files | None = None,
    manifest: Manifest | None = None,
) -> Item:
    """An episode from its manifest, its audio file and its sidecars."""
    store = as_store(outdir)
    files = list_files(store) if files is None else files
    key = key_of(store, manifest_path)
    if not _is_utf8(key):  # before the state gets a record the state file could not hold
        raise ValueError("its file name is not UTF-8 (rename it)")
    if manifest is None:
        manifest = parse_manifest(store.read_bytes(key), store.where(key))
    audio = _inside(key, manifest.audio)
    if audio is None:
        raise ValueError(f"its audio {manifest.audio!r} is outside the folder")
    if audio not in files:
        raise FileNotFoundError(f"No such file: its audio {audio}")
    entry = _state_entry(state, key, files.get(key), files[audio], store)
    source = manifest.source
    link = source if source.startswith(("http://", "https://")) else None
    sidecars = _sidecars(key, manifest, files)
    listen = _listen_page(key, manifest, files)

    def url(name: str) -> str:
        return base_url + quote(name)

    return Item(
        title=manifest.title,
        author=manifest.byline,
        description=_description(manifest, link),
        link=url(listen) if listen is not None else link,
        audio_url=f"{url(audio)}?v={entry['sha256'][:12]}",
        audio_type=media_type(audio),
        length=files[audio].size,
        guid=str(entry["guid"]),
        published=datetime.fromisoformat(entry["published"]),
        duration_s=max(1, round(manifest.duration_ms / 1000)),
        language=manifest.language,
        chapters_url=url(sidecars["chapters"]) if "chapters" in sidecars else None,
        transcripts=tuple(
            (url(sidecars[kind]), media_type(sidecars[kind]))
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


def _inside(manifest_key: str, name: str) -> str | None:
    """The key of a file a manifest names beside itself, with its '..' folded away, or None
    when it then lies outside the folder: a hand-edited manifest naming '../x.mp3' must not
    put a URL outside the feed's folder into the feed. Lexical, so links inside the folder
    to files elsewhere still count."""
    folded = posixpath.normpath(posixpath.join(posixpath.dirname(manifest_key), name))
    if folded == ".." or folded.startswith(("../", "/")):
        return None
    return folded


def _sidecars(key: str, manifest: Manifest, files: Files) -> dict[str, str]:
    """Sidecar files named by the manifest, else by convention; only those in the folder."""
    conventional = sidecar_paths(Path(manifest.audio))
    found = {}
    conventional.pop("listen")  # named or nothing: see _listen_page
    for kind, default in conventional.items():
        name = manifest.sidecars.get(kind) or default.as_posix()
        sidecar = _inside(key, name)
        if sidecar is not None and sidecar in files:
            found[kind] = sidecar
    return found


def _listen_page(key: str, manifest: Manifest, files: Files) -> str | None:
    """The episode's listen page, only when its manifest names it: an HTML file found by
    convention beside the audio could be the saved article itself."""
    name = manifest.sidecars.get("listen")
    page = _inside(key, name) if name else None
    return page if page is not None and page in files else None


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


def load_state(outdir: Path | Store) -> dict[str, Any]:
    """The state file's content; a fresh one when it is missing or unreadable."""
    store = as_store(outdir)
    try:
        state = json.loads(store.read_bytes(STATE_NAME).decode("utf-8"))
    except MissingFile:
        return {"episodes": {}}
    except (ValueError, RecursionError):
        where = store.where(STATE_NAME)
        log.warning("feed: %s is unreadable; GUIDs and dates are derived afresh", where)
        return {"episodes": {}}
    if not isinstance(state, dict) or not isinstance(state.get("episodes"), dict):
        return {"episodes": {}}
    return state


def remember_published(outdir: Path, manifest_path: Path, published: datetime) -> None:
    """Date an episode by its source (a feed item's own date), not by when it was narrated."""
    state = load_state(outdir)
    key = key_of(open_store(outdir), manifest_path)
    moment = published if published.tzinfo else published.replace(tzinfo=UTC)
    _record(state, key)["published"] = moment.replace(microsecond=0).isoformat()
    save_state(outdir, state)


def save_state(outdir: Path | Store, state: dict[str, Any]) -> None:
    data = json.dumps(state, ensure_ascii=False, indent=2) + "\n"
    as_store(outdir).write_bytes(STATE_NAME, data.encode("utf-8"), "application/json")


def _record(state: dict[str, Any], key: str) -> dict[str, Any]:
    """The episode's record in the state; a fresh one for a value that is not a record
    (a hand-edited or foreign state file)."""
    entry = state["episodes"].get(key)
    if isinstance(entry, dict):
        return entry
    fresh: dict[str, Any] = {}
    state["episodes"][key] = fresh
    return fresh


def _state_entry(
    state: dict[str, Any],
    key: str,
    manifest: StoredFile | None,
    audio: StoredFile,
    store: Store,
) -> dict[str, Any]:
    """The episode's lasting record: GUID and date from its first sighting; hash kept fresh.

    A stored value that is damaged is derived again, as a lost state file would be.
    """
    entry = _record(state, key)
    if not isinstance(entry.get("guid"), str) or not entry["guid"]:
        # Derived from the manifest's place in the folder, so a lost state file gives the
        # same GUID again; the same article narrated again lands on the same file name.
        entry["guid"] = f"narrate:{uuid.uuid5(EPISODE_GUID_NAMESPACE, key)}"
    seen = manifest.modified if manifest is not None else datetime.now(UTC)
    first_seen = seen.replace(microsecond=0)
    entry["published"] = _aware_date(entry.get("published"), first_seen).isoformat()
    fingerprint = [audio.size, audio.tag]
    if entry.get("fingerprint") != fingerprint or not isinstance(entry.get("sha256"), str):
        entry["sha256"] = _audio_hash(store, audio)
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


def _audio_hash(store: Store, audio: StoredFile) -> str:
    """The SHA-256 of a local file's bytes; in an object store, of its content tag (the
    ETag changes with the content), so the audio is never downloaded for it."""
    if store.folder is None:
        return hashlib.sha256(f"tag:{audio.tag}".encode()).hexdigest()
    digest = hashlib.sha256()
    with (store.folder / audio.key).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
