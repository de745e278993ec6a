"""A content-addressed cache of synthesised sentences and encoded MP3 chunks.

Keys are SHA-256 digests of everything that determines the bytes (the spoken
text, the voice settings, the engine and its version, the encoder settings),
so a hit is always the right audio and editing one paragraph re-does only
that paragraph.

Each entry is a folder named by its key holding the audio and its metadata
(`meta.json`: length, block powers, CRC-32 of the audio). It is written under
a temporary name and published with one rename, so two processes writing the
same entry at once are safe: a reader sees one writer's whole entry or none,
never one's metadata beside the other's audio (a system libespeak-ng does not
repeat its audio exactly). What is read is checked: an entry whose metadata
does not parse, whose audio is the wrong size or fails its checksum, or
that is not what it should be at all, is dropped and counts as a miss, so it
is made again. Pickled objects (scripts, calibrations) carry a checksum too.
Reads touch the audio's mtime, and `evict` removes the least recently used
entries until the cache is under its size cap.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import pickle
import secrets
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from narrate.core.errors import InputError, StorageError
from narrate.core.files import (
    MARK,
    atomic_path,
    make_temporary_directory,
    process_alive,
    remove_temporary_directory,
    temporary_prefix,
    track,
    untrack,
)

CACHE_FORMAT = 2  # bump when the stored audio's format or processing changes
DEFAULT_MAX_BYTES = 2 * 1024**3
META = "meta.json"
_PICKLE_MAGIC = b"narrate-pickle-2\n"  # 2: the value's shape is stored beside it
_READ_BLOCK = 1 << 20


def default_cache_dir() -> Path:
    return Path(user_cache_dir("narrate", appauthor=False))


def digest(*parts: object) -> str:
    """A stable key for JSON-serialisable parts."""
    blob = json.dumps([CACHE_FORMAT, *parts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedAudio:
    """Raw mono 16-bit PCM (`KEY.pcm` in the entry's folder) and what its metadata says."""

    path: Path
    frames: int
    powers: tuple[float, ...]  # mean square per 100 ms block, for loudness


@dataclass(frozen=True, slots=True)
class CachedChunk:
    """Encoded MP3 frames of one chunk of the timeline."""

    path: Path
    mp3_frames: int  # number of MP3 frames: decoded length is mp3_frames * samples per frame


class AudioCache:
    """Sentences (`pcm/`), MP3 chunks (`mp3/`) and pickled objects under one root folder."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._verified: set[tuple[str, int, int]] = set()  # (path, inode, size) checked here

    def check(self) -> None:
        """Fail early, before any work, when the cache folder cannot be written."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.root):
                pass
        except OSError as exc:
            raise InputError(
                f"cannot use the cache folder {self.root}: {exc.strerror or exc}",
                "choose another --cache-dir, or use --no-cache",
            ) from exc

    def _entry(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def sentence(self, key: str) -> CachedAudio | None:
        """The cached sentence audio for `key`, checked; None when missing or damaged."""
        entry = self._entry("pcm", key)
        meta = self._checked(entry, f"{key}.pcm", "frames", lambda m: int(m["frames"]) * 2)
        if meta is None:
            return None
        powers = meta.get("powers")
        if not isinstance(powers, list) or not all(isinstance(p, int | float) for p in powers):
            self._drop(entry)
            return None
        return CachedAudio(entry / f"{key}.pcm", int(meta["frames"]), tuple(powers))

    def put_sentence(self, key: str, pcm: bytes, powers: list[float]) -> CachedAudio:
        """Store sentence audio; if another process stored it first, theirs is what is used."""
        meta = {"frames": len(pcm) // 2, "powers": powers, "crc32": zlib.crc32(pcm)}
        self._publish("pcm", key, f"{key}.pcm", pcm, meta)
        found = self.sentence(key)
        if found is None:
            raise StorageError(f"the cache in {self.root} lost an entry just written", "run again")
        return found

    def chunk(self, key: str) -> CachedChunk | None:
        """The cached MP3 chunk for `key`, checked; None when missing or damaged."""
        entry = self._entry("mp3", key)
        meta = self._checked(entry, f"{key}.mp3", "mp3_frames", lambda m: int(m["bytes"]))
        if meta is None:
            return None
        return CachedChunk(entry / f"{key}.mp3", int(meta["mp3_frames"]))

    def put_chunk(self, key: str, data: bytes, mp3_frames: int) -> CachedChunk:
        meta = {"bytes": len(data), "mp3_frames": mp3_frames, "crc32": zlib.crc32(data)}
        self._publish("mp3", key, f"{key}.mp3", data, meta)
        found = self.chunk(key)
        if found is None:
            raise StorageError(f"the cache in {self.root} lost an entry just written", "run again")
        return found

    def load_object(self, kind: str, key: str) -> object | None:
        """A pickled object this cache stored earlier (only narrate's own data), or None.

        The checksum keeps damaged bytes away from the unpickler; whatever else
        goes wrong (a class that has moved, a newer protocol, a class whose
        fields have changed since the object was stored) is a miss too.
        """
        path = self._entry(kind, key).with_suffix(".pickle")
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self._drop(path)  # there, but not a readable file (a folder, say)
            return None
        head = len(_PICKLE_MAGIC) + 4
        body = blob[head:]
        if blob[: len(_PICKLE_MAGIC)] != _PICKLE_MAGIC or blob[len(_PICKLE_MAGIC) : head] != (
            zlib.crc32(body).to_bytes(4, "big")
        ):
            self._drop(path)
            return None
        try:
            stored: tuple[object, object] = pickle.loads(body)  # our own files, checksummed
            shape, value = stored
        except Exception:  # any failure to unpickle means: make it again
            self._drop(path)
            return None
        if shape != _shape(value):  # stored by code whose classes had other fields
            self._drop(path)
            return None
        return value

    def store_object(self, kind: str, key: str, value: object) -> None:
        body = pickle.dumps((_shape(value), value), protocol=5)
        blob = _PICKLE_MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
        write_atomic(self._entry(kind, key).with_suffix(".pickle"), blob)

    def _checked(
        self, entry: Path, name: str, field: str, size_of: Callable[[dict[str, Any]], int]
    ) -> dict[str, Any] | None:
        """The entry's metadata when the entry is whole and its payload passes its checksum.

        Entries appear whole (one rename), so a file missing from a folder that
        was there all along is damage; a folder that came or went meanwhile is
        another process publishing or dropping it, and only a miss.
        """
        payload = entry / name
        try:
            before = entry.stat().st_ino
        except OSError:
            return None  # not there (or not reachable): a miss, nothing to drop
        try:
            meta = json.loads((entry / META).read_bytes())
            if not isinstance(meta, dict) or not isinstance(meta.get(field), int):
                raise ValueError("metadata of the wrong shape")
            stat = payload.stat()
            if not payload.is_file() or stat.st_size != size_of(meta):
                raise ValueError("payload of the wrong size")
            seen = (str(payload), stat.st_ino, stat.st_size)
            if seen not in self._verified:
                if _crc32(payload) != meta.get("crc32"):
                    raise ValueError("payload fails its checksum")
                self._verified.add(seen)
        except FileNotFoundError:
            if _same_folder(entry, before):
                self._drop(entry)  # a whole entry lost a file: damaged
            return None
        except (OSError, ValueError, TypeError, KeyError):
            if _same_folder(entry, before):
                self._drop(entry)
            return None
        _touch(payload)
        return meta

    def _publish(
        self, kind: str, key: str, name: str, data: bytes, meta: Mapping[str, object]
    ) -> None:
        """Write the entry's files in a temporary folder and rename it into place."""
        entry = self._entry(kind, key)
        work: Path | None = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=temporary_prefix(key), dir=entry.parent))
            track(work)
            (work / name).write_bytes(data)
            (work / META).write_text(json.dumps(meta), "utf-8")
            for _ in range(3):
                try:
                    os.rename(work, entry)
                    return
                except OSError as exc:
                    if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                        raise
                if self._valid(kind, key):
                    return  # another process published it first: theirs stands
        except OSError as exc:
            raise self.write_error(exc) from exc
        finally:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)
                untrack(work)

    def _valid(self, kind: str, key: str) -> bool:
        return (self.sentence(key) if kind == "pcm" else self.chunk(key)) is not None

    def _drop(self, path: Path) -> None:
        """Remove a damaged entry: renamed aside first, so no reader sees it half removed."""
        aside = path.with_name(f"{temporary_prefix(path.name)}{secrets.token_hex(4)}")
        try:
            os.rename(path, aside)
        except OSError:
            return  # gone already, or another process moved it
        if aside.is_dir() and not aside.is_symlink():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            aside.unlink(missing_ok=True)

    def write_error(self, exc: OSError) -> StorageError:
        return StorageError(
            f"cannot write to the cache in {self.root}: {exc.strerror or exc}",
            "free some space, choose another --cache-dir, or use --no-cache",
        )

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())

    def evict(self) -> int:
        """Delete least recently used entries until under the cap; return bytes freed.

        Temporary files of processes that are gone are removed on the way.
        """
        entries = []
        for path in self.root.glob("*/*/*"):
            if path.name.startswith("."):
                _remove_if_orphaned(path)
                continue
            with contextlib.suppress(OSError):
                entries.append((*_age_and_size(path), path))
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, path in sorted(entries):
            if total - freed <= self.max_bytes:
                break
            self._drop(path)
            freed += size
        return freed


class TemporaryCache(AudioCache):
    """A cache that lives for one run (`--no-cache`): nothing is reused later."""

    def __init__(self) -> None:
        super().__init__(make_temporary_directory("nocache"), max_bytes=0)

    def close(self) -> None:
        remove_temporary_directory(self.root)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename (a cache's own file)."""
    with atomic_path(path, failure=_cache_error, private=True) as partial:
        partial.write_bytes(data)


def _cache_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"cannot write to the cache: {exc.strerror or exc} ({path.parent})",
        "free some space, choose another --cache-dir, or use --no-cache",
    )


def _same_folder(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def _crc32(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while block := handle.read(_READ_BLOCK):
            crc = zlib.crc32(block, crc)
    return crc


def _age_and_size(path: Path) -> tuple[float, int]:
    """When an entry (a folder or a file) was last used, and its size."""
    if path.is_dir() and not path.is_symlink():
        stats = [p.stat() for p in path.iterdir()]
        return max((s.st_mtime for s in stats), default=0.0), sum(s.st_size for s in stats)
    stat = path.stat()
    return stat.st_mtime, stat.st_size


def _remove_if_orphaned(path: Path) -> None:
    """A temporary entry or file whose process is gone (the name holds its ID)."""
    marker = f".{MARK}-"
    if marker not in path.name:
        return
    pid = path.name.rsplit(marker, 1)[1].split("-", 1)[0]
    if pid.isdigit() and not process_alive(int(pid)):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def _touch(path: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        os.utime(path, (now, now))


def _shape(value: object) -> list[tuple[str, tuple[str, ...]]] | None:
    """Every dataclass in `value` with its fields; None when one of them is not set.

    Slotted dataclasses unpickle field values by position: an object stored
    before its class gained or lost a field comes back with fields unset or
    shifted, so what was stored is compared with the classes as they are now.
    """
    classes: dict[str, tuple[str, ...]] = {}
    pending = [value]
    while pending:
        item = pending.pop()
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            kind = type(item)
            names = tuple(spec.name for spec in dataclasses.fields(item))
            classes[f"{kind.__module__}.{kind.__qualname__}"] = names
            try:
                pending.extend(getattr(item, name) for name in names)
            except AttributeError:
                return None
        elif isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
    return sorted(classes.items())
