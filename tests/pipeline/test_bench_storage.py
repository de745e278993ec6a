"""The storage benchmark's check that a bucket holds the same audio as a local batch.

A folder names an episode after its title, a store after the page's file name
(ARCHITECTURE.md, "Episode names"), so `benchmarks/cluster_storage.py` pairs the two
runs' episodes by their manifests' source. It paired them by file name, and
`make bench-cluster` ended in a NoSuchKey traceback before its bytes and projection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.s3_server import needs_s3, quiet_aws_environment, s3_server

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _manifest(source: str, audio: str) -> bytes:
    return json.dumps({"title": "The ferry", "source": source, "audio": audio}).encode()


def test_episodes_are_paired_by_their_page_not_their_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_s3()
    quiet_aws_environment(monkeypatch, tmp_path)
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import cluster_storage

    local = tmp_path / "out-jobs"
    local.mkdir()
    (local / "the-ferry.mp3").write_bytes(b"the ferry's audio")
    (local / "the-ferry.json").write_bytes(_manifest("in/ferry.html", "the-ferry.mp3"))
    (local / "the-ferry.chapters.json").write_text('{"version": "1.2.0", "chapters": []}')
    with s3_server() as server:
        s3 = server.client(key="bench", secret="bench")
        s3.create_bucket(Bucket="bench")
        s3.put_object(Bucket="bench", Key="run-0/ferry.mp3", Body=b"the ferry's audio")
        s3.put_object(Bucket="bench", Key="run-0/ferry.json",
                      Body=_manifest("in/ferry.html", "ferry.mp3"))  # fmt: skip
        s3.put_object(Bucket="bench", Key="run-0/ferry.chapters.json", Body=b"{}")
        assert cluster_storage._same_audio(server.endpoint, local, "run-0")  # was NoSuchKey
        s3.put_object(Bucket="bench", Key="run-0/ferry.mp3", Body=b"other audio")
        assert not cluster_storage._same_audio(server.endpoint, local, "run-0")
        s3.delete_object(Bucket="bench", Key="run-0/ferry.json")
        assert not cluster_storage._same_audio(server.endpoint, local, "run-0")  # one missing
