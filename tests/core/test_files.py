"""Atomic writes: a reader sees the old file or the new one, never half of one.
And the temporary files of dead runs swept away; episodes all or nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core import files
from narrate.core.errors import NoSpaceError, OutputError
from narrate.core.files import atomic_path, check_writable, write_bytes, write_json
from tests.conftest import SAMPLE_HTML
from tests.processes import small_disk_command

runner = CliRunner()


def test_atomic_path_keeps_old_file_on_error(tmp_path: Path) -> None:
    final = tmp_path / "m.json"
    write_json({"v": 1}, final)

    def interrupted_write() -> None:
        with atomic_path(final) as partial:
            partial.write_text("half", "utf-8")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted_write()
    assert json.loads(final.read_text("utf-8")) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        check_writable(blocker / "sub")


def test_outputs_get_the_umask_permissions_not_mkstemps(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_bytes(tmp_path / "a.bin", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.bin").stat().st_mode & 0o777 == 0o644


def _dead_pid() -> int:
    """The ID of a process that has ended (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_temporary_names_carry_the_process_id(tmp_path: Path) -> None:
    with files.atomic_path(tmp_path / "story.mp3") as partial:
        assert partial.name.startswith(f".story.mp3.narrate-{os.getpid()}-")
        partial.write_bytes(b"audio")
    assert (tmp_path / "story.mp3").read_bytes() == b"audio"
    assert [p.name for p in tmp_path.iterdir()] == ["story.mp3"]


def test_sweep_removes_only_the_files_of_dead_processes(tmp_path: Path) -> None:
    dead, live = _dead_pid(), os.getppid()
    stale = tmp_path / f".story.mp3.narrate-{dead}-abcd1234"
    fresh = tmp_path / f".story.mp3.narrate-{live}-abcd1234"
    stale_dir = tmp_path / f"narrate-{dead}-render-abcd1234"
    someone_elses = tmp_path / ".story.mp3.abcd1234"  # no process ID: not ours to judge
    for path in (stale, fresh, someone_elses):
        path.write_bytes(b"x")
    stale_dir.mkdir()
    (stale_dir / "body.mp3").write_bytes(b"x" * 1000)
    assert files.sweep(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, someone_elses.name])


def test_a_later_article_run_sweeps_what_a_killed_one_left(tmp_path: Path) -> None:
    """SIGKILL during the final write leaves a temporary file; the next run into that folder
    (any command that writes there) removes it, and the one in $TMPDIR too."""
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    left = out / f".the-long-read.m4a.narrate-{dead}-q1w2e3r4"
    left.write_bytes(b"\x00" * 4096)
    work = Path(tempfile.gettempdir()) / f"narrate-{dead}-render-q1w2e3r4"
    work.mkdir()
    result = runner.invoke(app, ["article", str(SAMPLE_HTML), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert not left.exists()
    assert not work.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def _episode_failing_at_the_manifest(folder: Path) -> None:
    with files.all_or_nothing():
        for name in ("a.mp3", "a.vtt"):
            with files.atomic_path(folder / name) as partial:
                partial.write_text(name)
        assert list(folder.iterdir()) != []  # written, under temporary names
        raise RuntimeError("the manifest could not be written")


def test_all_or_nothing_publishes_every_file_or_none(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        _episode_failing_at_the_manifest(tmp_path)
    assert list(tmp_path.iterdir()) == []
    with files.all_or_nothing():
        for name in ("a.mp3", "a.vtt", "a.json"):
            with files.atomic_path(tmp_path / name) as partial:
                partial.write_text(name)
        assert not (tmp_path / "a.mp3").exists()  # nothing appears before the end
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.mp3", "a.vtt"]


CHILD = """
import sys
from pathlib import Path
from narrate.core import files
from narrate.core.errors import NarrateError
try:
    with files.atomic_path(Path(sys.argv[1]) / "big.bin") as partial:
        partial.write_bytes(b"x" * 200_000)
except NarrateError as exc:
    print(type(exc).__name__, exc.message, sep="|")
"""


def test_a_full_folder_is_no_space_error_and_leaves_nothing(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    listing = tmp_path / "listing"
    command = small_disk_command(disk, "64k", [sys.executable, "-c", CHILD, str(disk)], listing)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    kind, message = done.stdout.strip().split("|")
    assert kind == NoSpaceError.__name__
    assert "No space left on device" in message
    assert listing.read_text() == ""


def test_write_errors_name_the_file_and_the_reason() -> None:
    error = files.output_error(Path("out/a.mp3"), OSError(28, "No space left on device"))
    assert isinstance(error, NoSpaceError)
    assert error.stops_batch
    assert str(error).startswith("cannot write out/a.mp3: No space left on device")
