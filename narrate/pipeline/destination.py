"""Where an episode goes: a local path written in place, or a store its files reach last.

An episode's location is a path or a store URL (s3://bucket/podcast/story.mp3).
In a local folder (a shared mount too) Narrator.make_episode writes every file
in place through core/files, all or nothing. For an object store, which has no
atomic rename, the episode is made in a working folder (named against the
store's episodes, pipeline/naming.py); when the narration succeeds its files
are written to the store (`publish_episode`): the old manifest removed first,
then the audio and sidecars, the manifest last. An episode is
done when, and only when, its manifest is there and names audio that is
there (`current_manifest`), so a run killed between two writes leaves nothing
that counts as done, and the next run does it again. What a failed write left
is removed, as far as the store lets us.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from narrate.core.files import temporary_directory
from narrate.core.media import media_type
from narrate.core.models import Episode
from narrate.core.storage import (
    MissingFile,
    StorageOptions,
    Store,
    open_store,
    split,
)
from narrate.output.manifest import Manifest, ManifestError, manifest_path, parse_manifest
from narrate.pipeline.events import Progress

if TYPE_CHECKING:
    from narrate.pipeline.narrator import Narrator


def manifest_name(audio_name: str) -> str:
    return manifest_path(Path(audio_name)).name


def current_manifest(
    location: str, storage: StorageOptions, digest: str, fingerprint: str
) -> Manifest | None:
    """The manifest of the episode at `location` when it is done and made from the same
    input (`digest`) with the same settings; else None."""
    folder, name = split(location)
    store = open_store(folder, storage)
    try:
        manifest = parse_manifest(store.read_bytes(manifest_name(name)), store.where(name))
    except (MissingFile, ManifestError):
        return None
    if manifest.input_digest != digest or manifest.settings != fingerprint:
        return None
    return manifest if store.info(name) is not None else None


def publish_episode(store: Store, audio: Path) -> None:
    """Write an episode's files from its local folder to `store`: the manifest last.

    The old manifest goes first, so that while the files change nothing counts
    as done; a write that fails takes what this call wrote with it.
    """
    manifest = manifest_path(audio)
    others = sorted(p for p in audio.parent.iterdir() if p.is_file() and p not in (audio, manifest))
    store.delete(manifest.name)
    written: list[str] = []
    try:
        for path in (audio, *others, manifest):
            store.write_bytes(path.name, path.read_bytes(), media_type(path.name))
            written.append(path.name)
    except BaseException:
        for name in reversed(written):
            with contextlib.suppress(Exception):
                store.delete(name)
        raise


def check_destination(location: str, storage: StorageOptions) -> None:
    """Fail before any work when the folder or store at `location` cannot be written."""
    open_store(location, storage).check_writable()


def narrate_into_store(
    narrator: Narrator,
    sources: list[str],
    out: str,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    digest_title: str | None = None,
) -> Episode:
    """`narrate article -o s3://...`: the store checked before any work, the episode made in
    a working folder, then written to the store, the manifest last. `out` names the audio
    file (.../story.mp3) or the folder it goes in."""
    named = out.lower().endswith(narrator.format.suffix)
    folder = split(out)[0] if named else out
    store = open_store(folder, narrator.settings.storage)
    store.check_writable()
    with temporary_directory("article") as work:
        # a folder: named after the title, against the episodes in the store (naming.py)
        local = narrator.narrate(
            sources,
            work / split(out)[1] if named else work,
            stdin=stdin,
            progress=progress,
            digest_title=digest_title,
            store=None if named else store,
        )
        publish_episode(store, Path(local.audio_path))
    return Episode(
        audio_path=store.where(Path(local.audio_path).name),
        manifest_path=store.where(Path(local.manifest_path).name),
        duration_ms=local.duration_ms,
        chapters=local.chapters,
        sidecars=tuple(store.where(Path(n).name) for n in local.sidecars),
    )
