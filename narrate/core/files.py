"""Files written whole or not at all, and the temporary files of dead runs swept away.

Every file narrate writes goes first to a temporary name beside it, then is
renamed. The temporary name carries the writing process's ID
(`.NAME.narrate-PID-XXXXXXXX`, and `narrate-PID-KIND-XXXXXXXX` for working
folders in $TMPDIR), so a run killed outright (SIGKILL, a power cut) leaves
files that any later run can tell apart from those of a run still going:
`sweep` removes the ones whose process is gone. A process also remembers
what it has in flight, so that when it is told to stop at once
(narrate/core/signals.py) it removes them before exiting.

`all_or_nothing` groups the files of one episode: they appear together at
the end of the block, or none of them does. Every output (audio, sidecars,
manifest, feed, state files) goes through here; outputs get the permissions
the user's umask gives new files (mkstemp's 0600 would hide them from a web
server or a podcast app).
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from narrate.core.errors import NarrateError, NoSpaceError, OutputError, StorageError

MARK = "narrate"
SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_TEMP_FILE = re.compile(rf"^\..*\.{MARK}-(\d+)-[a-z0-9_]+(\.\w+)?$")
_TEMP_DIR = re.compile(rf"^{MARK}-(\d+)-")

_in_flight: set[Path] = set()  # set.add/discard and list(set) are atomic under the GIL
_swept: set[Path] = set()
_group: contextvars.ContextVar[list[tuple[Path, Path]] | None] = contextvars.ContextVar(
    "narrate_file_group", default=None
)


# A byte of a file name that is not UTF-8, as Python keeps it (a "surrogate escape").
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def text_name(name: str) -> str:
    """A file name as valid text, for names narrate makes from others and for manifests.

    A name that is not UTF-8 reaches Python with its odd bytes as surrogate
    escapes, which no UTF-8 file, JSON or HTML can hold; each is read as
    Windows-1252 (the usual origin of such names: 'caf\\xe9' -> 'café').
    """
    return _ESCAPED_BYTE.sub(lambda m: _cp1252(ord(m[0]) - 0xDC00), name)


def _cp1252(byte: int) -> str:
    return bytes([byte]).decode("cp1252", "replace")


def is_text_name(name: str) -> bool:
    """Whether a file name is valid UTF-8 (it has no surrogate escapes)."""
    return _ESCAPED_BYTE.search(name) is None


def temporary_prefix(final_name: str) -> str:
    """The start of a temporary name for `final_name`: hidden, with this process's ID."""
    return f".{final_name}.{MARK}-{os.getpid()}-"


@contextlib.contextmanager
def atomic_path(
    final: Path,
    *,
    failure: Callable[[Path, OSError], NarrateError] | None = None,
    private: bool = False,
) -> Iterator[Path]:
    """Yield a temporary path beside `final`; rename it to `final` only on success.

    Inside `all_or_nothing`, the rename waits for the end of the group. A
    write that fails (a full disk, a read-only folder) becomes `failure(final,
    error)`: OutputError unless the caller names its own (the cache's StorageError).
    A `private` file (a cache's own) keeps mkstemp's 0600 and is renamed at once,
    even inside a group: it belongs to no episode.
    """
    fail = failure or output_error
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep_once(final.parent)
        handle, name = tempfile.mkstemp(
            prefix=temporary_prefix(final.name), suffix=final.suffix, dir=final.parent
        )  # the suffix: for any tool that tells a format by it
        os.close(handle)
    except OSError as exc:
        raise fail(final, exc) from exc
    temporary = Path(name)
    _in_flight.add(temporary)
    deferred = False
    try:
        try:
            yield temporary
            if not private:
                os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared
            group = None if private else _group.get()
            if group is not None:
                group.append((temporary, final))
                deferred = True
            else:
                os.replace(temporary, final)
        except OSError as exc:
            if exc.filename not in (None, str(temporary), str(final)):
                raise
            raise fail(final, exc) from exc
    finally:
        if not deferred:
            temporary.unlink(missing_ok=True)
            _in_flight.discard(temporary)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_path(path) as partial:
        partial.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_json(data: object, path: Path) -> None:
    """Write `data` as indented UTF-8 JSON to `path` atomically."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (hex), or None when it cannot be read: each caller says
    what an unreadable file means to it (usually that a later step reports it)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


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


@contextlib.contextmanager
def all_or_nothing() -> Iterator[None]:
    """Files written with `atomic_path` in this block are renamed into place together at its
    end (in the order written), or, if the block fails, removed: never some without the others.
    """
    pending: list[tuple[Path, Path]] = []
    token = _group.set(pending)
    try:
        try:
            yield
        finally:
            _group.reset(token)
        for temporary, final in pending:
            os.replace(temporary, final)  # a rename takes no space: these do not fail for it
            _in_flight.discard(temporary)
    finally:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)
            _in_flight.discard(temporary)


@contextlib.contextmanager
def temporary_directory(kind: str) -> Iterator[Path]:
    """A working folder in $TMPDIR, removed at the end; disk-full errors become StorageError."""
    path = make_temporary_directory(kind)
    try:
        yield path
    except OSError as exc:
        if exc.errno in SPACE_ERRNOS:
            raise scratch_error(exc) from exc
        raise
    finally:
        remove_temporary_directory(path)


def make_temporary_directory(kind: str) -> Path:
    """A working folder in $TMPDIR named for this process; remove it with
    `remove_temporary_directory` (a stopped process's are removed for it)."""
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{MARK}-{os.getpid()}-{kind}-"))
    except OSError as exc:
        raise scratch_error(exc) from exc
    _in_flight.add(path)
    return path


def remove_temporary_directory(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    _in_flight.discard(path)


def track(path: Path) -> None:
    """Remember a temporary file or folder this process is writing (see remove_in_flight)."""
    _in_flight.add(path)


def untrack(path: Path) -> None:
    _in_flight.discard(path)


def remove_in_flight() -> None:
    """Remove every temporary file and folder this process has open (it is about to stop)."""
    for path in list(_in_flight):
        with contextlib.suppress(OSError):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def sweep(folder: Path) -> int:
    """Remove temporary files and folders in `folder` left by processes that are gone."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP_FILE.match(entry.name) or _TEMP_DIR.match(entry.name)
        if match is None or process_alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
    return removed


def sweep_once(folder: Path) -> None:
    """`sweep` a folder the first time this process writes into it."""
    key = folder.resolve()
    if key not in _swept:
        _swept.add(key)
        sweep(folder)


def sweep_temporary_folder() -> None:
    """Remove working folders that dead runs left in $TMPDIR."""
    sweep(Path(tempfile.gettempdir()))


def process_alive(pid: int) -> bool:
    """True while a process with this ID exists (another user's counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True  # cannot tell: keep its files
    return True


def output_error(final: Path, exc: OSError) -> OutputError:
    """What a failed write into the output folder tells the user."""
    reason = exc.strerror or str(exc)
    if exc.errno in SPACE_ERRNOS:
        return NoSpaceError(
            f"cannot write {final}: {reason}", "free some space or choose another folder with -o"
        )
    return OutputError(f"cannot write {final}: {reason}", "choose another folder with -o")


def scratch_error(exc: OSError) -> StorageError:
    """What a failed write of a working file in $TMPDIR tells the user."""
    reason = exc.strerror or str(exc)
    return StorageError(
        f"cannot write working files in {tempfile.gettempdir()}: {reason}",
        "free some space there, or point TMPDIR at another folder",
    )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
