"""Shared fixtures: paths to the shared data (skipped when absent) and audio probes."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.s3_server import S3Server

# Tests never touch the user's cache: one throwaway cache folder for the whole run.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="narrate-test-cache-")
# ...nor the user's settings file: tests that want one write their own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="narrate-test-config-")
os.environ.pop("NARRATE_CONFIG", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data" / "seed" / "000_aa3e79220b873b39.txt"
SEED_EXPECTED = SHARED / "data" / "seed" / "000_aa3e79220b873b39.expected.txt"
DEV = SHARED / "data" / "dev"
SAMPLE_HTML = ROOT / "samples" / "lantern-library.html"


def require_shared(path: Path) -> Path:
    """Skip the test, with the reason, when ../shared is not beside the clone."""
    if not path.exists():
        pytest.skip(f"{path} is missing: shared data only exists beside the project checkout")
    return path


def load_scorer() -> ModuleType:
    """The project's scorer (../shared/tools/score.py), imported as a module."""
    path = require_shared(SHARED / "tools" / "score.py")
    spec = importlib.util.spec_from_file_location("narrate_score", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1(predicted: str, truth: str) -> float:
    """Shingle F1 exactly as the project's scorer computes it."""
    return float(load_scorer().page_scores(predicted, truth)["f1"])


def probe_chapters(path: Path) -> list[tuple[str, int, int]]:
    """Chapters as (title, start_ms, end_ms): ffprobe when installed, else ffmpeg's ffmetadata."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe:
        done = subprocess.run(
            [ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(path)],
            capture_output=True,
            check=True,
            text=True,
        )
        return [
            (
                c.get("tags", {}).get("title", ""),
                round(float(c["start_time"]) * 1000),
                round(float(c["end_time"]) * 1000),
            )
            for c in json.loads(done.stdout)["chapters"]
        ]

    chapters = []
    for block in read_ffmetadata(str(path)).split("[CHAPTER]")[1:]:
        fields = dict(re.findall(r"^(\w+)=(.*)$", block, re.M))
        scale = _timebase_ms(fields.get("TIMEBASE", "1/1000"))
        start, end = round(int(fields["START"]) * scale), round(int(fields["END"]) * scale)
        chapters.append((fields.get("title", ""), start, end))
    return chapters


def _timebase_ms(timebase: str) -> float:
    numerator, denominator = (int(x) for x in timebase.split("/"))
    return numerator * 1000 / denominator


def read_ffmetadata(path: str) -> str:
    """The container's tags and chapters as ffmpeg sees them (a stand-in for ffprobe)."""
    from narrate.core.ffmpeg import run_ffmpeg

    done = run_ffmpeg(["-i", path, "-f", "ffmetadata", "-"], f"reading {path}")
    return done.stdout.decode("utf-8", "replace")


def system_tools_missing() -> str:
    """Why the system's tools a run was told to use (NARRATE_FFMPEG / NARRATE_ESPEAK=system,
    as .ci/run's second pass sets them) are not here; '' when they are, or not asked for."""
    import ctypes.util

    from narrate.core.tools import SYSTEM, chosen

    missing = []
    if chosen("ffmpeg") == SYSTEM and shutil.which("ffmpeg") is None:
        missing.append("no ffmpeg on PATH (apt install ffmpeg)")
    if chosen("espeak") == SYSTEM and ctypes.util.find_library("espeak-ng") is None:
        missing.append("no system libespeak-ng (apt install espeak-ng)")
    return "; ".join(missing)


# The tests that synthesise with Piper in the test process. Piper carries its own espeak-ng,
# and one process that runs both Piper and pyttsx3's espeak-ng for hundreds of tests crashed
# once in three whole runs: `make unit` runs these in a pytest process of their own.
PIPER_TEST_FILES = frozenset({"test_piper.py", "test_piper_cli.py", "test_cluster_piper.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Piper's tests are marked `piper`; with the system's tools asked for and missing, the
    tests that need them skip, saying so."""
    for item in items:
        if item.path.name in PIPER_TEST_FILES:
            item.add_marker(pytest.mark.piper)
    reason = system_tools_missing()
    if reason:
        skip = pytest.mark.skip(reason=f"the system's tools were asked for: {reason}")
        for item in items:
            if "system_tools" in item.keywords:
                item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    from narrate.core.tools import chosen

    return f"narrate tools: ffmpeg {chosen('ffmpeg')}, libespeak-ng {chosen('espeak')}"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Free the pyttsx3 engines the tests made while the interpreter is still whole.

    Left to the interpreter's exit, an engine's driver proxy is collected after its
    module's globals are gone and prints a traceback ("Exception ignored in
    DriverProxy.__del__") under a passing run.
    """
    from narrate.audio import speaker

    speaker.release()  # this process's engines (tests that speak in-process made them)
    gc.collect()


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    """A moto S3 server on 127.0.0.1 for one test module (skips without moto)."""
    from tests.s3_server import needs_s3, s3_server

    needs_s3()
    with s3_server() as server:
        yield server
