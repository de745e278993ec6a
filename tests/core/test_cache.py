"""The segment cache: round trips, torn entries, two writers at once, LRU eviction."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import time
import zlib
from pathlib import Path

import pytest

from narrate.core import cache as cache_module
from narrate.core.cache import AudioCache, digest


def test_sentence_round_trip_and_torn_entry(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path)
    key = digest("sentence", {"voice": "x"}, "Hello.")
    assert cache.sentence(key) is None
    stored = cache.put_sentence(key, b"\x01\x00" * 100, [0.5])
    found = cache.sentence(key)
    assert found is not None
    assert (found.frames, found.powers, found.path) == (100, (0.5,), stored.path)
    stored.path.write_bytes(b"\x01\x00" * 10)  # a torn write from an older crash
    assert cache.sentence(key) is None
    assert not stored.path.parent.exists()  # dropped: made again next time


def test_keys_change_with_every_input() -> None:
    base = digest("sentence", {"voice": "a", "rate": 175}, "Text.")
    assert base == digest("sentence", {"rate": 175, "voice": "a"}, "Text.")
    assert base != digest("sentence", {"voice": "a", "rate": 176}, "Text.")
    assert base != digest("sentence", {"voice": "a", "rate": 175}, "Text!")


def _writer(root: str, payload: bytes) -> None:
    cache = AudioCache(Path(root))
    for _ in range(200):
        cache.put_sentence("ab" * 32, payload, [0.1] * (len(payload) // 4410))


def test_two_processes_writing_the_same_entry(tmp_path: Path) -> None:
    payload = b"\x07\x00" * 22050
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(tmp_path), payload)) for _ in range(2)]
    for process in writers:
        process.start()
    cache = AudioCache(tmp_path)
    deadline = time.monotonic() + 30
    while any(p.is_alive() for p in writers) and time.monotonic() < deadline:
        found = cache.sentence("ab" * 32)
        assert found is None or found.path.read_bytes() == payload  # never half an entry
    for process in writers:
        process.join(10)
        assert process.exitcode == 0
    assert [p.name for p in tmp_path.rglob(".*")] == []  # no temporary files left


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path, max_bytes=25_000)
    keys = [digest("n", n) for n in range(5)]
    for age, key in enumerate(keys):
        entry = cache.put_sentence(key, b"\x00" * 10_000, [])
        os.utime(entry.path, (1_000_000 + age, 1_000_000 + age))
    assert cache.sentence(keys[0]) is not None  # a read makes the oldest the newest
    cache.evict()
    present = [key for key in keys if cache.sentence(key) is not None]
    assert keys[0] in present
    assert keys[1] not in present
    assert keys[2] not in present
    assert cache.size() <= 25_000


def _writer_of_its_own(root: str, seed: int) -> None:
    """A writer whose audio differs from the other's, as a system libespeak-ng's does."""
    cache = AudioCache(Path(root))
    for n in range(150):
        frames = 2000 + (seed * 7919 + n * 104729) % 20000
        payload = bytes([seed]) * 2 * frames
        cache.put_sentence("cd" * 32, payload, [float(seed)] * (frames // 2205 + 1))


def test_two_writers_with_different_audio_never_mix_their_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_writer_of_its_own, args=(str(tmp_path), seed)) for seed in (1, 2)
    ]
    for process in writers:
        process.start()
    deadline = time.monotonic() + 60
    seen = 0
    while any(p.is_alive() for p in writers) and time.monotonic() < deadline:
        found = AudioCache(tmp_path).sentence("cd" * 32)  # a fresh reader checks every entry
        if found is None:
            continue
        try:
            audio = found.path.read_bytes()
        except FileNotFoundError:
            continue  # replaced between the lookup and the read: not a torn entry
        seen += 1
        assert len(audio) == found.frames * 2  # this entry's metadata, this entry's audio
        assert set(audio) == {int(found.powers[0])}
    for process in writers:
        process.join(30)
        assert process.exitcode == 0
    assert seen > 0
    assert [p.name for p in tmp_path.rglob(".*")] == []


def _entry_files(cache: AudioCache, key: str, suffix: str) -> tuple[Path, Path]:
    entry = cache.root / ("pcm" if suffix == ".pcm" else "mp3") / key[:2] / key
    return entry / "meta.json", entry / f"{key}{suffix}"


def test_damaged_audio_fails_its_checksum_and_is_a_miss(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path)
    key = digest("sentence", "noise")
    pcm = bytes(range(256)) * 40
    cache.put_sentence(key, pcm, [0.1])
    _, payload = _entry_files(cache, key, ".pcm")
    payload.write_bytes(os.urandom(len(pcm)))  # same size: only the checksum can tell
    assert AudioCache(tmp_path).sentence(key) is None
    assert not payload.parent.exists()
    chunk_key = digest("chunk", "noise")
    cache.put_chunk(chunk_key, b"\xff\xf3" * 500, 3)
    _, mp3 = _entry_files(cache, chunk_key, ".mp3")
    data = bytearray(mp3.read_bytes())
    data[400:410] = b"garbage..."
    mp3.write_bytes(bytes(data))
    assert AudioCache(tmp_path).chunk(chunk_key) is None


def test_damaged_entries_are_misses_not_crashes(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path)
    keys = [digest("sentence", n) for n in range(4)]
    for key in keys:
        cache.put_sentence(key, b"\x01\x00" * 300, [0.2])
    meta, _ = _entry_files(cache, keys[0], ".pcm")
    meta.write_text("null")
    meta, _ = _entry_files(cache, keys[1], ".pcm")
    meta.write_text('{"frames": "many", "powers": null, "crc32": []}')
    _, payload = _entry_files(cache, keys[2], ".pcm")
    payload.unlink()
    payload.mkdir()  # a .pcm that is a folder
    meta, _ = _entry_files(cache, keys[3], ".pcm")
    meta.unlink()
    for key in keys:
        assert cache.sentence(key) is None
        assert cache.put_sentence(key, b"\x02\x00" * 300, [0.3]).frames == 300  # made again


def test_pickles_are_checked_before_unpickling(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path)
    cache.store_object("scripts", "ab" * 32, {"title": "x"})
    assert cache.load_object("scripts", "ab" * 32) == {"title": "x"}
    path = tmp_path / "scripts" / "ab" / f"{'ab' * 32}.pickle"
    path.write_bytes(b"\x80\x09" + path.read_bytes()[2:])  # an unknown protocol, as found
    assert cache.load_object("scripts", "ab" * 32) is None
    body = b"\x80\x09garbage"  # even behind a valid checksum
    path.write_bytes(cache_module._PICKLE_MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
    assert cache.load_object("scripts", "ab" * 32) is None
    path.unlink(missing_ok=True)
    path.mkdir()  # a pickle that is a folder
    assert cache.load_object("scripts", "ab" * 32) is None


@dataclasses.dataclass(frozen=True, slots=True)
class Stored:
    title: str
    dropped: tuple[str, ...] = ()


def test_an_object_stored_before_its_class_changed_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script pickled before Article gained `cover` came back with a field unset (a crash)."""
    cache = AudioCache(tmp_path)
    cache.store_object("scripts", "cd" * 32, [Stored("x", ("menu",))])
    assert cache.load_object("scripts", "cd" * 32) == [Stored("x", ("menu",))]

    @dataclasses.dataclass(frozen=True, slots=True)
    class Stored2:  # the same class with a field added in the middle, as Article.cover was
        title: str
        cover: bytes | None = None
        dropped: tuple[str, ...] = ()

    Stored2.__qualname__ = Stored.__qualname__
    monkeypatch.setattr(sys.modules[__name__], "Stored", Stored2)
    assert cache.load_object("scripts", "cd" * 32) is None  # a miss, made again
