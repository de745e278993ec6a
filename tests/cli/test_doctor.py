"""`narrate doctor` in a process of its own (ffmpeg is found once per process), with a real
engine, a real ffmpeg, and an ffmpeg that lacks encoders: the real one behind a script
earlier on PATH that hides lines from its encoder list.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from narrate.core.ffmpeg import bundled_ffmpeg

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too

LINE = re.compile(r"^(ok  |warn|FAIL|skip)  [^:]+: .+$")


def doctor(
    *args: str,
    path: str | None = None,
    settings: Path | None = None,
    extra: dict[str, str] | None = None,
) -> tuple[int, str]:
    env = dict(os.environ, **(extra or {}))
    if path is not None:
        env["PATH"] = path
    if settings is not None:
        env["NARRATE_CONFIG"] = str(settings)
    done = subprocess.run(
        [sys.executable, "-m", "narrate", "doctor", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout


def _status(output: str, what: str) -> str:
    """The line about `what` (starting after the status)."""
    found = [line for line in output.splitlines() if line[6:].startswith(what)]
    assert len(found) == 1, output
    return found[0]


@pytest.fixture
def ffmpeg_without(tmp_path: Path) -> Path:
    """A folder whose `ffmpeg` is the bundled one built without libopus: it lists no libopus
    encoder and fails to encode with it, as ffmpeg does."""
    real, grep = bundled_ffmpeg(), shutil.which("grep")
    assert real is not None
    assert grep is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        f'  if [ "$arg" = -encoders ]; then "{real}" "$@" | "{grep}" -v -w -e libopus; exit 0; fi\n'
        '  if [ "$arg" = libopus ]; then echo "Unknown encoder \'libopus\'" >&2; exit 8; fi\n'
        "done\n"
        f'exec "{real}" "$@"\n',
        "utf-8",
    )
    script.chmod(0o755)
    return folder


@pytest.mark.system_tools
def test_an_encoder_the_chosen_ffmpeg_lacks(tmp_path: Path, ffmpeg_without: Path) -> None:
    """The bundled ffmpeg stands in (warn); without it, FAIL only where the format needs it."""
    path = f"{ffmpeg_without}{os.pathsep}{os.environ['PATH']}"
    code, output = doctor("--ffmpeg", "system", path=path)
    assert code == 0, output  # MP3, the format in use, is encoded in-process
    assert _status(output, "ffmpeg:").endswith("(system; chosen by flag --ffmpeg)")
    assert _status(output, "ffmpeg encode opus") == (
        f"warn  ffmpeg encode opus: {ffmpeg_without / 'ffmpeg'} cannot (Unknown encoder "
        "'libopus'); the bundled ffmpeg does it -> update your ffmpeg, or choose the bundled "
        "one: --ffmpeg bundled"
    )
    assert _status(output, "ffmpeg encode m4a").startswith("ok")
    assert _status(output, "MP3 encoder") == (
        "ok    MP3 encoder: LAME in-process (lameenc); libmp3lame in ffmpeg too"
    )
    alone = {"IMAGEIO_FFMPEG_EXE": str(tmp_path / "none")}  # no bundled ffmpeg to stand in
    code, output = doctor("--ffmpeg", "system", "-q", path=path, extra=alone)
    assert code == 0, output
    assert output.splitlines() == [_status(output, "ffmpeg encode opus")]  # -q: problems only
    assert output.startswith(
        f"warn  ffmpeg encode opus: {ffmpeg_without / 'ffmpeg'} cannot encode opus: Unknown encoder"
    )
    settings = tmp_path / "opus.toml"
    settings.write_text('format = "opus"\n', "utf-8")
    code, output = doctor("--ffmpeg", "system", "-q", path=path, settings=settings, extra=alone)
    assert code == 3, output
    assert output.startswith("FAIL  ffmpeg encode opus: ")
    assert output.rstrip().endswith(
        '-> choose the bundled ffmpeg: --ffmpeg bundled, or ffmpeg = "bundled" in the settings file'
    )


def test_unwritable_cache_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    settings = tmp_path / "cache.toml"
    settings.write_text(f'cache_dir = "{blocker / "cache"}"\n', "utf-8")
    code, output = doctor(settings=settings)
    assert code == 3, output
    cache = _status(output, "cache folder")
    assert cache.startswith(f"FAIL  cache folder: {blocker / 'cache'}: ")
    assert cache.endswith("-> choose another with --cache-dir or cache_dir in the settings file")


def test_system_tools_hidden(tmp_path: Path) -> None:
    bundled = {"NARRATE_FFMPEG": "bundled", "NARRATE_ESPEAK": "bundled"}
    code, output = doctor(path=str(Path(sys.executable).parent), extra=bundled)
    assert code == 0, output  # the bundled ffmpeg and libespeak-ng do the job
    assert re.search(
        r"\(bundled: the imageio-ffmpeg [\d.]+ wheel; chosen by environment "
        r"NARRATE_FFMPEG\)$",
        _status(output, "ffmpeg:"),
    )
    assert _status(output, "Chromium (optional)").startswith("skip")
    assert "apt install chromium chromium-driver" in output
    assert _status(output, "gPodder (optional)") == (
        "skip  gPodder (optional): no gpo: the podcast-app test skips -> apt install gpodder"
    )


def test_an_output_in_a_bucket_is_checked_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings file's output is a bucket (moto's S3 server here): a file is written and
    removed there with the environment's credentials; a bucket that does not exist fails."""
    from narrate.cli.doctor import _output
    from narrate.cli.resolve import resolve
    from tests.s3_server import needs_s3, quiet_aws_environment, s3_server

    needs_s3()
    quiet_aws_environment(monkeypatch, tmp_path)
    settings = tmp_path / "bucket.toml"
    with s3_server() as s3:
        s3.bucket("shelf")
        for name, value in (
            ("AWS_ENDPOINT_URL", s3.endpoint),
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ):
            monkeypatch.setenv(name, value)
        settings.write_text('output = "s3://shelf/podcast"\n', "utf-8")
        (ok,) = _output(resolve(settings))
        assert (ok.status, ok.detail) == ("ok", "s3://shelf/podcast writable")
        assert s3.keys("shelf") == []  # the probe was removed
        settings.write_text('output = "s3://no-such-bucket/podcast"\n', "utf-8")
        (fail,) = _output(resolve(settings))
    assert fail.status == "FAIL"
    assert fail.detail.startswith("cannot write s3://no-such-bucket/podcast/")
    assert "bucket does not exist" in fail.detail
