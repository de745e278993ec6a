"""Atomic writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from narrate.core.errors import OutputError
from narrate.core.files import atomic_path, check_writable, write_bytes, write_json


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
