"""A content-addressed cache of synthesised sentences and encoded MP3 chunks.

Keys are SHA-256 digests of everything that determines the bytes (the spoken
text, the voice settings, the engine and its version, the encoder settings),
so a hit is always the right audio and editing one paragraph re-does only
that paragraph. Entries are written to a temporary name and renamed, so two
processes writing the same entry at once are safe: readers see a whole entry
or none. Reads touch the entry's mtime, and `evict` removes the least
recently used entries until the cache is under its size cap.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from narrate.core.files import write_bytes

CACHE_FORMAT = 1  # bump when the stored audio's format or processing changes
DEFAULT_MAX_BYTES = 2 * 1024**3


def default_cache_dir() -> Path:
    return Path(user_cache_dir("narrate", appauthor=False))


def digest(*parts: object) -> str:
    """A stable key for JSON-serialisable parts."""
    blob = json.dumps([CACHE_FORMAT, *parts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedAudio:
    """Raw mono 16-bit PCM (`.pcm`) with its metadata (`.json`)."""

    path: Path
    frames: int
    powers: tuple[float, ...]  # mean square per 100 ms block, for loudness


@dataclass(frozen=True, slots=True)
class CachedChunk:
    """Encoded MP3 frames of one chunk of the timeline."""

    path: Path
    mp3_frames: int  # number of MP3 frames: decoded length is mp3_frames * samples per frame


class AudioCache:
    """Sentences (`pcm/`) and MP3 chunks (`mp3/`) under one root folder."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def sentence(self, key: str) -> CachedAudio | None:
        """The cached sentence audio for `key`, or None."""
        meta_path, pcm_path = self._path("pcm", key, ".json"), self._path("pcm", key, ".pcm")
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            if pcm_path.stat().st_size != meta["frames"] * 2:
                return None  # a torn entry from an older crash: treat as missing
        except (OSError, ValueError, KeyError):
            return None
        _touch(pcm_path)
        return CachedAudio(pcm_path, int(meta["frames"]), tuple(meta["powers"]))

    def put_sentence(self, key: str, pcm: bytes, powers: list[float]) -> CachedAudio:
        """Store sentence audio; the metadata goes in first, the audio is renamed in last."""
        meta = {"frames": len(pcm) // 2, "powers": powers}
        write_bytes(self._path("pcm", key, ".json"), json.dumps(meta).encode("utf-8"))
        pcm_path = self._path("pcm", key, ".pcm")
        write_bytes(pcm_path, pcm)
        return CachedAudio(pcm_path, len(pcm) // 2, tuple(powers))

    def chunk(self, key: str) -> CachedChunk | None:
        meta_path, mp3_path = self._path("mp3", key, ".json"), self._path("mp3", key, ".mp3")
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            if mp3_path.stat().st_size != meta["bytes"]:
                return None
        except (OSError, ValueError, KeyError):
            return None
        _touch(mp3_path)
        return CachedChunk(mp3_path, int(meta["mp3_frames"]))

    def put_chunk(self, key: str, data: bytes, mp3_frames: int) -> CachedChunk:
        meta = {"bytes": len(data), "mp3_frames": mp3_frames}
        write_bytes(self._path("mp3", key, ".json"), json.dumps(meta).encode("utf-8"))
        path = self._path("mp3", key, ".mp3")
        write_bytes(path, data)
        return CachedChunk(path, mp3_frames)

    def load_object(self, kind: str, key: str) -> object | None:
        """A pickled object this cache stored earlier (only narrate's own data), or None."""
        try:
            with self._path(kind, key, ".pickle").open("rb") as handle:
                value: object = pickle.load(handle)
                return value
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store_object(self, kind: str, key: str, value: object) -> None:
        write_bytes(self._path(kind, key, ".pickle"), pickle.dumps(value, protocol=5))

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())

    def evict(self) -> int:
        """Delete least recently used entries until under the cap; return bytes freed."""
        entries = []
        for path in self.root.glob("*/*/*"):
            if path.suffix in (".pcm", ".mp3", ".pickle"):
                with contextlib.suppress(OSError):
                    stat = path.stat()
                    meta = path.with_suffix(".json")
                    size = stat.st_size + (meta.stat().st_size if meta.exists() else 0)
                    entries.append((stat.st_mtime, size, path))
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, path in sorted(entries):
            if total - freed <= self.max_bytes:
                break
            for victim in (path, path.with_suffix(".json")):
                victim.unlink(missing_ok=True)
            freed += size
        return freed


class TemporaryCache(AudioCache):
    """A cache that lives for one run (`--no-cache`): nothing is reused later."""

    def __init__(self) -> None:
        super().__init__(Path(tempfile.mkdtemp(prefix="narrate-nocache-")), max_bytes=0)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _touch(path: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        os.utime(path, (now, now))
