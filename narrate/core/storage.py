"""Where pages are read and episodes written: a local folder or an fsspec URL (s3://, gs://, ...).

A `Store` is a folder named by a location; the keys below it are POSIX paths
('sub/story.mp3'). A local folder (or a `file://` URL, or a folder every
worker mounts) is written through core/files: a temporary name, then a
rename. An object store has no atomic rename, and needs none: each object is
written whole with one request and appears complete or not at all (S3, GCS
and Azure Blob all promise that), with the media type a web client should see.
What makes several files one episode is decided above this module: the
manifest is written last (narrate/pipeline/destination.py).

fsspec and the store's own package (s3fs, gcsfs, adlfs) are imported only
when a URL names a store. Credentials and endpoints come as those packages
take them (the environment, e.g. AWS_ENDPOINT_URL, profiles, instance roles)
or as `--storage-option key=value` pairs, whose values are read as JSON when
they parse (as fsspec reads its FSSPEC_* variables). Every failure of a store
is one line: StoreError (exit 2), which stops a batch, since every later
article would meet it too.
"""

from __future__ import annotations

import json
import posixpath
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from narrate.core.errors import InputError, OutputError
from narrate.core.files import check_writable, write_bytes

_URL = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.I)
# the object stores fsspec reaches (and file://); other schemes (ftp://, ...) are never
# opened as storage: what is not here is a web address, fetched or refused as one
STORE_SCHEMES = frozenset({
    "s3", "s3a", "gs", "gcs", "abfs", "abfss", "az", "adl", "oci", "hdfs", "file",
})  # fmt: skip  # a table, 11 entries packed several a line
StorageOptions = tuple[tuple[str, str], ...]  # (key, value as given): hashable, picklable
# what to install for a store fsspec names but cannot open (others: fsspec's own extras)
PACKAGES = {
    "s3": "narrate[s3]", "s3a": "narrate[s3]", "gs": "fsspec[gcs]", "gcs": "fsspec[gcs]",
    "abfs": "fsspec[abfs]", "abfss": "fsspec[abfs]", "az": "fsspec[abfs]",
}  # fmt: skip  # a table, 7 entries packed several a line
CREDENTIAL_ERRORS = frozenset({
    "NoCredentialsError", "PartialCredentialsError", "CredentialRetrievalError",
    "DefaultCredentialsError", "ClientAuthenticationError", "RefreshError",
})  # fmt: skip  # a table, 6 entries packed several a line (botocore, google-auth, azure-identity)
CREDENTIALS_HINT = (
    "give credentials as the store's SDK reads them, e.g. AWS_ACCESS_KEY_ID and "
    "AWS_SECRET_ACCESS_KEY or a profile, or with --storage-option"
)


class StoreError(OutputError):
    """A store that cannot be reached, read or written: every later article would fail too."""

    stops_batch = True


class MissingFile(InputError):
    """A file the store does not have."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str  # below the store's location, '/'-separated
    size: int
    modified: datetime  # UTC
    tag: str  # changes when the content does: the mtime here, the object's ETag in a store


def is_store_url(location: str) -> bool:
    """True for a URL that names storage (s3://, gs://, file://, ...), not a web page."""
    found = _URL.match(location)
    return found is not None and found.group(1).lower() in STORE_SCHEMES


def parse_storage_options(pairs: list[str]) -> StorageOptions:
    """`key=value` pairs as given on the command line; InputError for one without '='."""
    options = []
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise InputError(f"--storage-option {pair!r} is not key=value", "e.g. anon=true")
        options.append((key.strip(), value))
    return tuple(options)


def option_values(options: StorageOptions) -> dict[str, Any]:
    """The options as fsspec takes them: JSON where the value parses (true, 3, {...})."""
    values: dict[str, Any] = {}
    for key, text in options:
        try:
            values[key] = json.loads(text)
        except ValueError:
            values[key] = text
    return values


# 'sftp://host/x/', 's3:/bucket/' (a slash lost): a scheme of two letters or more and a
# colon-slash, which a folder's name on this machine does not start with ('C:/' is a drive)
_LOOKS_LIKE_URL = re.compile(r"^([a-z][a-z0-9+.-]+):/", re.I)


def looks_like_url(location: str) -> bool:
    """Whether `location` is written as a URL (`s3:/bucket` too), not as a local path."""
    return _LOOKS_LIKE_URL.match(location) is not None


def check_location(location: str) -> None:
    """InputError for a location written as a URL that is no store narrate writes to, which
    would otherwise be taken for a folder named 's3:' or 'sftp:' under this one."""
    found = _LOOKS_LIKE_URL.match(location)
    if found is None or is_store_url(location):
        return
    scheme = found.group(1).lower()
    if scheme in STORE_SCHEMES:  # one slash: s3:/bucket
        rest = location[found.end() - 1 :]  # from the slash: file:/tmp/x is file:///tmp/x
        rest = rest if scheme == "file" else rest.lstrip("/")
        hint = f"write it with two slashes: {scheme}://{rest}"
    else:
        hint = "give a folder, or a store URL: " + ", ".join(
            f"{name}://" for name in sorted(STORE_SCHEMES)
        )
    raise InputError(f"{location} is neither a folder nor a store narrate can write to", hint)


def join(location: str, key: str) -> str:
    """The location of `key` below `location` (a folder path or a store URL)."""
    if is_store_url(location):
        return location.rstrip("/") + "/" + key if key else location
    return str(Path(location) / key) if key else location


def split(location: str) -> tuple[str, str]:
    """(the folder's location, the file's name) of a file's location."""
    if is_store_url(location):
        folder, _, name = location.rstrip("/").rpartition("/")
        return folder, name
    path = Path(location)
    return str(path.parent), path.name


class Store(ABC):
    """A folder of files, local or in an object store."""

    location: str

    def where(self, key: str = "") -> str:
        """The file's location, for messages and manifests."""
        return join(self.location, key)

    @property
    def folder(self) -> Path | None:
        """The local folder, when the store is one."""
        return None

    @abstractmethod
    def files(self, recursive: bool = True) -> list[StoredFile]:
        """Every file below the location (sorted by key); StoreError when it cannot be listed."""

    @abstractmethod
    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        """The file's bytes (at most `limit`); MissingFile when there is none."""

    @abstractmethod
    def write_bytes(self, key: str, data: bytes, media_type: str | None = None) -> None:
        """Write the file whole: it appears complete or not at all."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file; nothing when there is none."""

    @abstractmethod
    def info(self, key: str) -> StoredFile | None:
        """The file's size and tag, or None when there is no such file."""

    @abstractmethod
    def check_writable(self) -> None:
        """Fail now, before any work, when files cannot be written here."""


class LocalStore(Store):
    """A folder on this machine (or one every worker mounts): core/files writes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    @property
    def folder(self) -> Path:
        return self.root

    def files(self, recursive: bool = True) -> list[StoredFile]:
        found = []
        for path in sorted(self.root.rglob("*") if recursive else self.root.glob("*")):
            stored = _local_file(path, path.relative_to(self.root).as_posix())
            if stored is not None:
                found.append(stored)
        return found

    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        path = self.root / key
        try:
            with path.open("rb") as handle:
                return handle.read(-1 if limit is None else limit)
        except FileNotFoundError as exc:
            raise MissingFile(f"no such file: {path}", "check the path") from exc
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(f"cannot read {path}: {reason}", "check its permissions") from exc

    def write_bytes(self, key: str, data: bytes, media_type: str | None = None) -> None:
        write_bytes(self.root / key, data)

    def delete(self, key: str) -> None:
        path = self.root / key
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot remove {path}: {exc.strerror}", "check the folder") from exc

    def info(self, key: str) -> StoredFile | None:
        return _local_file(self.root / key, key)

    def check_writable(self) -> None:
        check_writable(self.root)


def _local_file(path: Path, key: str) -> StoredFile | None:
    try:
        stat = path.stat()  # a link inside the folder to a file elsewhere counts
    except OSError:
        return None
    if not path.is_file():
        return None
    modified = datetime.fromtimestamp(stat.st_mtime, UTC)
    return StoredFile(key, stat.st_size, modified, str(stat.st_mtime_ns))


def open_store(location: str | Path, options: StorageOptions = ()) -> Store:
    """The store a location names: a local folder, or the fsspec store of a URL."""
    if isinstance(location, str):
        check_location(location)
    if isinstance(location, Path) or not is_store_url(location):
        return LocalStore(Path(location))
    protocol = location.split("://", 1)[0].lower()
    if protocol == "file":
        return LocalStore(Path(location.split("://", 1)[1]))
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise InputError(
            f"{location}: reading and writing {protocol}:// needs fsspec",
            f"install it with: pip install '{PACKAGES.get(protocol, 'fsspec')}'",
        ) from exc
    try:
        fs, root = url_to_fs(location, **option_values(options))
    except ImportError as exc:
        package = PACKAGES.get(protocol)
        hint = f"install it with: pip install '{package}'" if package else str(exc)
        raise InputError(f"{location}: {protocol}:// needs a package not installed", hint) from exc
    except ValueError as exc:
        raise InputError(f"{location}: {exc}", "give a folder or a store URL (s3://...)") from exc
    except Exception as exc:
        from narrate.core.object_store import store_error

        raise store_error(exc, "open", location) from exc
    from narrate.core.object_store import ObjectStore

    return ObjectStore(location, fs, posixpath.normpath(root) if root else root)
