"""End to end with a real podcast client: gPodder's `gpo` subscribes to `narrate serve`.

gpo subscribes to the feed on 127.0.0.1, updates, downloads every episode, and
the downloaded files must be byte-identical to the narrated ones. Skipped only
where gpodder is not installed (`.ci/run` installs it when it runs as root).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from tests.publish.test_feed import narrate_into
from tests.publish.test_serve import free_port, loopback_env, serve_process

GPO = shutil.which("gpo")
pytestmark = pytest.mark.skipif(
    GPO is None, reason="gpo not found: install gPodder (apt-get install gpodder) to run this test"
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gpo(*args: str, home: Path) -> str:
    """Run one gpo command headless with its own data and download folders; its output."""
    assert GPO is not None
    env = loopback_env() | {
        "GPODDER_HOME": str(home / "gpodder"),
        "GPODDER_DOWNLOAD_DIR": str(home / "downloads"),
    }
    done = subprocess.run(
        [GPO, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, f"gpo {' '.join(args)}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_gpo_downloads_every_episode_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "out"
    originals = [narrate_into(out, "lighthouse"), narrate_into(out / "more", "market")]
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    result = CliRunner().invoke(
        app, ["feed", str(out), "--base-url", base_url, "--title", "Harbour reads"]
    )
    assert result.exit_code == 0, result.output
    with serve_process(out, port) as url:
        feed_url = url + "feed.xml"
        assert "Successfully added" in gpo("subscribe", feed_url, home=tmp_path)
        assert "2 new episodes" in gpo("update", home=tmp_path)
        listed = gpo("episodes", "--guid", feed_url, home=tmp_path)
        assert listed.count("narrate:") == 2
        assert "2 episodes downloaded" in gpo("download", home=tmp_path)
    downloaded = [p for p in (tmp_path / "downloads").rglob("*") if p.is_file()]
    assert sorted(p.name for p in downloaded) == sorted(p.name for p in originals)
    assert sorted(sha256(p) for p in downloaded) == sorted(sha256(p) for p in originals)
