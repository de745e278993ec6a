"""Where what was learnt of libespeak-ng is remembered: the cache in use, or nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.audio.engines.espeak import default_driver, prepare_espeak
from narrate.audio.engines.espeak_state import loaded_library, wavegen_symbols


@pytest.fixture(scope="module")
def library() -> Path:
    if default_driver() != "espeak":
        pytest.skip("espeak-ng is not this platform's engine")
    prepare_espeak()
    found = loaded_library()
    if found is None:
        pytest.skip("libespeak-ng is not loaded from a file here")
    return found


def test_the_symbol_memo_goes_in_the_cache_folder_in_use(library: Path, tmp_path: Path) -> None:
    first = wavegen_symbols(tmp_path)
    memos = list((tmp_path / "engine").glob("*.json"))
    assert len(memos) == 1
    assert wavegen_symbols(tmp_path) == first  # read back from the memo


def test_without_a_cache_nothing_is_remembered(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    found = wavegen_symbols(None)
    assert not (tmp_path / "user-cache").exists()
    assert found == wavegen_symbols(tmp_path / "elsewhere")
