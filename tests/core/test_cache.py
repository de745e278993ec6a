"""The segment cache: round trips, torn entries, two writers at once, LRU eviction."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

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
