"""Episode file names: after the article's title, never taking another article's episode.

An episode is named after its title (`a-title.mp3`, with `a-title.json`,
`a-title.listen.html`, ... beside it), and its manifest records what it is an
episode of: its *identity* (a page's URL, a file's absolute path, for text from
stdin a digest of the text). Narrating the same source (or the very same text)
again replaces its own episode; another article whose title gives the same name
gets `a-title-2.mp3`, and so on. A name whose files would replace a page being read is passed over
too. The name is chosen, and the files written, under a lock on the folder, so
two processes of a batch never take the same one. A file the user names
(`-o story.mp3`) is written as asked.

An episode bound for a store (s3://...) is made in a local working folder and
named by the same rules against the episodes already in the store (`store`):
an object store has no lock, so two processes narrating articles of the same
title into it at the very same moment may still choose the same name.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag

from narrate.core.errors import OutputError
from narrate.core.files import is_text_name, text_name
from narrate.core.formats import AudioFormat
from narrate.core.settings import DEFAULT_OUTPUT_DIR
from narrate.core.storage import MissingFile, Store
from narrate.output.manifest import (
    Manifest,
    ManifestError,
    manifest_path,
    parse_manifest,
    read_manifest,
    sidecar_paths,
)

UNKNOWN = "?"  # the owner of files narrate cannot vouch for: never replaced


def slugify(title: str, limit: int = 80) -> str:
    """A file name from a title: lower case, words joined by '-', any script kept."""
    text = unicodedata.normalize("NFKC", title).lower()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")[:limit].rstrip("-_")
    return slug or "article"


def source_identity(source: str, content: str = "") -> str:
    """What an episode is of: a URL, a file's absolute path, or `stdin:` and a digest of
    `content` (two different notes piped in are two articles; the same note is one)."""
    if "://" in source:
        return urldefrag(source).url
    if source == "-":
        return "stdin:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    return text_name(str(Path(source).resolve()))  # the manifest holds it: UTF-8 only


@dataclass(frozen=True, slots=True)
class Destination:
    """Where an episode goes: a folder where it is named after its title, or a named file."""

    folder: Path
    file: Path | None = None  # the file the user named: written as asked
    identity: str = ""  # what the episode is of (its manifest's `identity`)
    inputs: tuple[Path, ...] = ()  # local pages being read: never overwritten
    digest: str = ""  # the text's digest: an episode of the very same text is this one's too
    store: Store | None = None  # where the episode goes when `folder` is a working folder

    def mine(self, holder: tuple[str, str]) -> bool:
        """True for an episode (identity, input digest) of this source or of this very text."""
        identity, digest = holder
        return identity == self.identity or (bool(self.digest) and digest == self.digest)

    def surely_mine(self, holder: tuple[str, str]) -> bool:
        """`mine`, where an identity recorded by neither (a file -o named) is no proof."""
        identity, digest = holder
        same_source = bool(identity) and identity == self.identity
        return same_source or (bool(self.digest) and digest == self.digest)

    def candidates(self, title: str, suffix: str) -> Iterator[Path]:
        """The names the episode may take, in order: the title's, then -2, -3, ..."""
        base = slugify(title)
        for number in itertools.count(1):
            yield self.folder / f"{base if number == 1 else f'{base}-{number}'}{suffix}"

    def own(self, title: str, suffix: str) -> Path | None:
        """This source's episode already in the folder under its title's name, if any."""
        if self.file is not None:
            return self.file
        for path in self.candidates(title, suffix):
            holder = self._owner(path)
            if holder is None:
                return None
            if self.mine(holder):
                return path
        raise AssertionError("unreachable")  # pragma: no cover

    def choose(self, title: str, suffix: str) -> Path:
        """The episode's file: its own name, or the first free one (call under `naming`)."""
        if self.file is not None:
            self._check_not_an_input(self.file)
            if not is_text_name(self.file.name):
                raise OutputError(
                    f"the output name {text_name(self.file.name)!r} is not valid UTF-8",
                    "choose a name in UTF-8: the manifest and the listen page name the file",
                )
            return self.file
        for path in self.candidates(title, suffix):
            if self._replaces_input(path):
                continue
            holder = self._owner(path)
            if holder is None or self.mine(holder):
                return path
        raise AssertionError("unreachable")  # pragma: no cover

    def _owner(self, audio: Path) -> tuple[str, str] | None:
        return owner(audio) if self.store is None else stored_owner(self.store, audio.name)

    def _replaces_input(self, audio: Path) -> bool:
        files = {p.resolve() for p in episode_files(audio)}
        return any(page.resolve() in files for page in self.inputs)

    def _check_not_an_input(self, audio: Path) -> None:
        for page in self.inputs:
            if page.resolve() in {p.resolve() for p in episode_files(audio)}:
                raise OutputError(
                    f"{page} would be overwritten by the episode's own files",
                    "name the output differently with -o",
                )


def destination(
    out: Path | None,
    fmt: AudioFormat,
    identity: str = "",
    sources: tuple[str, ...] = (),
    digest: str = "",
    store: Store | None = None,
) -> Destination:
    """`-o` may name a file (x.mp3) or a folder; the default folder is output/. With `store`,
    `out` is a working folder and names are chosen against the store's episodes."""
    inputs = tuple(Path(s) for s in sources if "://" not in s and s != "-")
    if out is None:
        return Destination(DEFAULT_OUTPUT_DIR, None, identity, inputs, digest, store)
    if out.suffix.lower() == fmt.suffix and not out.is_dir():
        return Destination(out.parent, out, identity, inputs, digest, store)
    return Destination(out, None, identity, inputs, digest, store)


def episode_files(audio: Path) -> list[Path]:
    """Every file an episode with this audio file has: the audio, its manifest, its sidecars."""
    return [audio, manifest_path(audio), *sidecar_paths(audio).values()]


def owner(audio: Path) -> tuple[str, str] | None:
    """What the episode at `audio` is of, and its text's digest; None when none of its
    files is there; (UNKNOWN, "") when they are not a narrate episode whose source is
    known (never replaced: a user's own `story.srt` too)."""
    manifest = manifest_path(audio)
    if not any(path.exists() for path in episode_files(audio)):
        return None
    try:
        found = read_manifest(manifest)
    except ManifestError:
        return UNKNOWN, ""
    return _holder(found)


def stored_owner(store: Store, name: str) -> tuple[str, str] | None:
    """`owner` of the episode whose audio is `name` in a store. Files without a manifest
    count as free there: a store's episode gets its manifest last, so they are what a
    killed run left half-written (a resumed batch writes that episode whole)."""
    manifest = manifest_path(Path(name)).name
    try:
        found = parse_manifest(store.read_bytes(manifest), store.where(manifest))
    except MissingFile:
        return None
    except ManifestError:
        return UNKNOWN, ""
    return _holder(found)


def remove_stored_episode(store: Store, name: str) -> None:
    """Remove the episode whose audio is `name` from a store: its manifest first (so nothing
    counts as done meanwhile), then the audio and the sidecars it names."""
    manifest = manifest_path(Path(name)).name
    try:
        sidecars = parse_manifest(store.read_bytes(manifest), store.where(manifest)).sidecars
    except (MissingFile, ManifestError):
        sidecars = {}
    store.delete(manifest)
    for key in (name, *sidecars.values()):
        store.delete(key)


def _holder(found: Manifest) -> tuple[str, str]:
    if found.identity:
        return found.identity, found.input_digest
    source = found.source  # written before manifests had an identity
    known = source and source != "-"
    return (source_identity(source) if known else UNKNOWN), found.input_digest


def remove_episode(audio: Path) -> None:
    """Remove an episode's files (its audio, manifest and the sidecars it names)."""
    manifest = manifest_path(audio)
    try:
        named = [audio.parent / name for name in read_manifest(manifest).sidecars.values()]
    except ManifestError:
        named = []
    for path in {*named, *sidecar_paths(audio).values(), audio, manifest}:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def naming(folder: Path) -> Iterator[None]:
    """Hold the folder's naming lock (flock on the folder itself; none where there is no
    flock): a name chosen inside stays this process's until its files are in place."""
    try:
        import fcntl
    except ImportError:  # not POSIX: one process at a time is the user's affair
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # the writes that follow report the folder's problem
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock
