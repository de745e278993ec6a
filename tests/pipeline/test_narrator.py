"""A narration on a bad day: a full disk anywhere, a damaged cache: all or nothing, one line."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_HTML
from tests.processes import NARRATE, private_env, small_disk_command

EPISODE = "the-library-that-lends-seeds-tools-and-telescopes"


def _narrate(
    tmp_path: Path, target: Path, cache: Path, **run: object
) -> subprocess.CompletedProcess[str]:
    # Not reformatted: command-line options stay with their values.
    command = [*NARRATE, "article", str(SAMPLE_HTML), "-o", str(target), "-q",
               "--cache-dir", str(cache)]  # fmt: skip
    return subprocess.run(
        command, env=private_env(tmp_path), capture_output=True, text=True, check=False, **run
    )  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A clean run: its MP3 (the reference audio) and its cache."""
    base = tmp_path_factory.mktemp("warm")
    reference = base / "reference.mp3"
    done = _narrate(base, reference, base / "cache")
    assert done.returncode == 0, done.stderr
    return reference, base / "cache"


def _one_line(done: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == code, done.stderr
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("narrate: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def _copy_cache(warm: tuple[Path, Path], tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    shutil.copytree(warm[1], cache)
    return cache


def _small_disk(
    tmp_path: Path, mount_at: Path, size: str, cache: Path, out: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    mount_at.mkdir(parents=True, exist_ok=True)
    listing = tmp_path / "listing"
    # Not reformatted: command-line options stay with their values.
    command = [*NARRATE, "article", str(SAMPLE_HTML), "-o", str(out), "-q",
               "--cache-dir", str(cache)]  # fmt: skip
    done = subprocess.run(
        small_disk_command(mount_at, size, command, listing),
        env=private_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    return done, listing.read_text().split() if listing.exists() else []


def test_a_full_output_folder(warm: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    done, left = _small_disk(tmp_path, out, "64k", _copy_cache(warm, tmp_path), out)
    _one_line(done, 2, "cannot write", "No space left on device", "-o")
    assert left == []


def test_a_nearly_full_output_folder_gets_a_whole_episode_or_nothing(
    warm: tuple[Path, Path], tmp_path: Path
) -> None:
    """Room for the MP3 and the sidecars but not the manifest: none of them stays."""
    out = tmp_path / "out"
    size = warm[0].stat().st_size + 24 * 1024
    done, left = _small_disk(tmp_path, out, str(size), _copy_cache(warm, tmp_path), out)
    _one_line(done, 2, "No space left on device")
    assert left == []


def test_a_full_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    done, _ = _small_disk(tmp_path, cache, "256k", cache, out)
    _one_line(done, 3, "cannot write to the cache", "No space left on device")
    assert not out.exists() or list(out.iterdir()) == []


def test_a_full_temporary_folder(warm: tuple[Path, Path], tmp_path: Path) -> None:
    tmpdir = Path(private_env(tmp_path)["TMPDIR"])
    out = tmp_path / "out"
    done, left = _small_disk(tmp_path, tmpdir, "64k", _copy_cache(warm, tmp_path), out)
    _one_line(done, 3, "No space left on device")
    assert left == []
    assert not out.exists() or list(out.iterdir()) == []


def _file_size_limit(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_writes_failing_anywhere_are_one_line_without_a_root_mount(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past 64 KB fail (EFBIG); the first is the engine's WAV,
    written from inside espeak's callback, where a failure used to hang the run for ever."""
    out = tmp_path / "out"
    done = _narrate(
        tmp_path, out, tmp_path / "cache", preexec_fn=lambda: _file_size_limit(65536), timeout=300
    )
    _one_line(done, 3, "cannot write", "File too large")
    assert not out.exists() or list(out.iterdir()) == []


def test_a_damaged_cache_is_made_again(warm: tuple[Path, Path], tmp_path: Path) -> None:
    """Random bytes in every sentence and chunk, `null` metadata, a folder for a .pcm, a pickle
    of an unknown protocol: every damaged entry is a miss, and the audio is made again, the
    same as the clean run's."""
    cache = _copy_cache(warm, tmp_path)
    entries = sorted(p for p in cache.glob("*/*/*") if p.is_dir())
    for number, entry in enumerate(entries):
        for file in entry.iterdir():
            if file.name == "meta.json":
                if number % 5 == 0:
                    file.write_text("null")
            elif number % 7 == 0:
                file.unlink()
                file.mkdir()
            else:
                file.write_bytes(os.urandom(file.stat().st_size))
    for pickled in cache.rglob("*.pickle"):
        pickled.write_bytes(b"\x80\x09" + pickled.read_bytes()[2:])
    target = tmp_path / "again.mp3"
    done = _narrate(tmp_path, target, cache)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert target.read_bytes() == warm[0].read_bytes()
