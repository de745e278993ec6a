"""pipeline/destination.py: an episode reaches a store with its manifest removed first and
written last, and a write that fails takes this episode's files with it.

The order of writes is what makes an episode done on a store without renames;
a store that records the order (over a real folder) shows it here, the real
S3 path is in tests/pipeline/test_cluster_storage.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.storage import LocalStore, StoreError
from narrate.pipeline.destination import current_manifest, publish_episode


class Recording(LocalStore):
    """A folder that records every write and removal, and can refuse one write."""

    def __init__(self, root: Path, refuse: str | None = None) -> None:
        super().__init__(root)
        self.calls: list[tuple[str, str, str | None]] = []
        self.refuse = refuse

    def write_bytes(self, key: str, data: bytes, media_type: str | None = None) -> None:
        if key == self.refuse:
            raise StoreError(f"cannot write {key}: refused")
        self.calls.append(("write", key, media_type))
        super().write_bytes(key, data, media_type)

    def delete(self, key: str) -> None:
        self.calls.append(("delete", key, None))
        super().delete(key)


def _episode(folder: Path) -> Path:
    folder.mkdir()
    for name in ("story.mp3", "story.vtt", "story.srt", "story.chapters.json", "story.html"):
        (folder / name).write_bytes(name.encode())
    (folder / "story.json").write_text('{"title": "x"}', "utf-8")
    return folder / "story.mp3"


def test_the_old_manifest_goes_first_the_audio_next_and_the_new_manifest_last(
    tmp_path: Path,
) -> None:
    store = Recording(tmp_path / "store")
    publish_episode(store, _episode(tmp_path / "made"))
    assert store.calls[0] == ("delete", "story.json", None)
    assert store.calls[1] == ("write", "story.mp3", "audio/mpeg")
    assert store.calls[-1] == ("write", "story.json", "application/json")
    written = sorted(key for kind, key, _ in store.calls if kind == "write")
    assert written == sorted(p.name for p in (tmp_path / "made").iterdir())
    assert ("write", "story.html", "text/html") in store.calls


def test_a_failed_write_removes_what_this_episode_wrote(tmp_path: Path) -> None:
    store = Recording(tmp_path / "store", refuse="story.srt")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "story.json").write_text("{}", "utf-8")  # an older episode's
    with pytest.raises(StoreError):
        publish_episode(store, _episode(tmp_path / "made"))
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == []  # nothing half there


def test_an_episode_without_its_manifest_or_audio_is_not_done(tmp_path: Path) -> None:
    from narrate.output.manifest import read_manifest
    from tests.publish.feed.samples import episode

    manifest = episode(tmp_path, "lamp")  # a whole episode as the pipeline writes one
    made = read_manifest(manifest)
    location, audio = str(tmp_path / "lamp.mp3"), (tmp_path / "lamp.mp3").read_bytes()
    assert current_manifest(location, (), made.input_digest, made.settings) == made
    assert current_manifest(location, (), "another digest", made.settings) is None
    (tmp_path / "lamp.mp3").unlink()  # a run killed before its audio was written
    assert current_manifest(location, (), made.input_digest, made.settings) is None
    (tmp_path / "lamp.mp3").write_bytes(audio)
    manifest.unlink()  # a run killed before its manifest was written
    assert current_manifest(location, (), made.input_digest, made.settings) is None
