"""A folder in an object store (S3, GCS, Azure Blob...) through fsspec: one request per file.

No renames (object stores have none, and need none: an object written in one
request appears whole or not at all), the media type each file is served
with, and every failure of the store's SDK as one StoreError line.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from narrate.core.storage import (
    CREDENTIAL_ERRORS,
    CREDENTIALS_HINT,
    MissingFile,
    Store,
    StoredFile,
    StoreError,
)


class ObjectStore(Store):
    """A prefix in an object store, through fsspec: one request per file, no renames."""

    def __init__(self, location: str, fs: Any, root: str) -> None:
        self.location = location.rstrip("/")
        self.fs = fs
        self.root = root.rstrip("/")
        protocol = fs.protocol
        self.protocol = str(protocol[0] if isinstance(protocol, (tuple, list)) else protocol)

    def _path(self, key: str) -> str:
        return f"{self.root}/{key}" if key else self.root

    def files(self, recursive: bool = True) -> list[StoredFile]:
        with self._failures("read", ""):
            found = self.fs.find(self.root, maxdepth=None if recursive else 1, detail=True)
            if not found:  # nothing there, or no bucket at all (some listings do not say)
                self.fs.ls(self.root.split("/", 1)[0])
        prefix = self.root + "/"
        return [
            self._stored(name.removeprefix(prefix), details)
            for name, details in sorted(found.items())
            if name.startswith(prefix) and details.get("type", "file") == "file"
        ]

    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        try:
            with self._failures("read", key):
                data: bytes = self.fs.cat_file(self._path(key), end=limit)
        except StoreError as exc:
            if isinstance(exc.__cause__, FileNotFoundError):
                raise MissingFile(f"no such file: {self.where(key)}", "check the URL") from exc
            raise
        return data

    def write_bytes(self, key: str, data: bytes, media_type: str | None = None) -> None:
        with self._failures("write", key):
            self.fs.pipe_file(self._path(key), data, **self._typed(media_type))

    def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError), self._failures("remove", key, missing=True):
            self.fs.rm_file(self._path(key))

    def info(self, key: str) -> StoredFile | None:
        try:
            with self._failures("read", key, missing=True):
                details = self.fs.info(self._path(key))
        except FileNotFoundError:
            return None
        return self._stored(key, details) if details.get("type", "file") == "file" else None

    def check_writable(self) -> None:
        """Write and remove a small file: reachable, credentials, bucket and permission at once."""
        probe = f".narrate-probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.write_bytes(probe, b"")
        self.delete(probe)

    def _stored(self, key: str, details: dict[str, Any]) -> StoredFile:
        modified = _moment(details)
        tag = details.get("ETag") or details.get("etag") or details.get("md5Hash")
        return StoredFile(
            key=key,
            size=int(details.get("size") or 0),
            modified=modified,
            tag=str(tag or modified.isoformat()).strip('"'),
        )

    def _typed(self, media_type: str | None) -> dict[str, Any]:
        """The store's own keyword for the media type it serves the file with."""
        if media_type is None:
            return {}
        if self.protocol in ("s3", "s3a"):
            return {"ContentType": media_type}
        if self.protocol in ("gs", "gcs"):
            return {"content_type": media_type}
        if self.protocol in ("abfs", "abfss", "az"):
            from azure.storage.blob import ContentSettings  # adlfs brings it

            return {"content_settings": ContentSettings(content_type=media_type)}
        return {}

    @contextlib.contextmanager
    def _failures(self, doing: str, key: str, missing: bool = False) -> Iterator[None]:
        """The store's own errors as one StoreError line (FileNotFoundError kept if `missing`)."""
        try:
            yield
        except FileNotFoundError as exc:
            if missing:
                raise
            raise store_error(exc, doing, self.where(key)) from exc
        except Exception as exc:  # each store's SDK raises its own kinds: all become one line
            raise store_error(exc, doing, self.where(key)) from exc


def store_error(exc: Exception, doing: str, where: str) -> StoreError:
    """A store's exception as one StoreError line: what failed, why, and what to do."""
    name = type(exc).__name__
    reason = (str(exc).strip() or name).splitlines()[0]
    hint = "check the location and the store's settings"
    if name in CREDENTIAL_ERRORS:
        reason, hint = f"no credentials ({reason})", CREDENTIALS_HINT
    elif isinstance(exc, PermissionError):
        reason, hint = f"permission denied ({reason})", "check what the credentials may do there"
    elif isinstance(exc, (ConnectionError, TimeoutError)) or "Connect" in name:
        reason, hint = f"cannot reach it ({reason})", "check the endpoint and the network"
    return StoreError(f"cannot {doing} {where}: {reason}", hint)


def _moment(details: dict[str, Any]) -> datetime:
    for name in ("LastModified", "last_modified", "updated", "mtime", "modified"):
        value = details.get(name)
        if isinstance(value, datetime):
            return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)
