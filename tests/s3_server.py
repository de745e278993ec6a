"""A real S3 API on 127.0.0.1 for the tests: moto's server mode, started and stopped by them.

`s3_server()` starts `python -m moto.server` on a free loopback port and
stops it at the end; its `options` reach it from any process (the endpoint
and credentials as --storage-option pairs, so a cluster's workers need no
environment of their own). `quiet_aws_environment` keeps boto off anything
but that server: no credentials from the machine, and never the EC2 metadata
address.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

START_TIMEOUT_S = 60.0
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Server:
    endpoint: str  # http://127.0.0.1:PORT

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """--storage-option pairs that reach this server with its test credentials."""
        return (
            ("endpoint_url", self.endpoint),
            ("key", "test"),
            ("secret", "test"),
            ("client_kwargs", json.dumps({"region_name": REGION})),
        )

    @property
    def cli(self) -> list[str]:
        pairs = (f"{key}={value}" for key, value in self.options)
        return [arg for pair in pairs for arg in ("--storage-option", pair)]

    def client(self, **credentials: str) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=credentials.get("key", "test"),
            aws_secret_access_key=credentials.get("secret", "test"),
        )

    def bucket(self, name: str, public: bool = False) -> str:
        """A new bucket (readable by anyone over HTTP when `public`); its s3:// URL."""
        s3 = self.client()
        s3.create_bucket(Bucket=name)
        if public:
            statement = {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
            policy = {"Version": "2012-10-17", "Statement": [statement]}
            s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return f"s3://{name}"

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        pages = (
            self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        )
        return sorted(o["Key"] for page in pages for o in page.get("Contents", ()))

    def get(self, bucket: str, key: str) -> bytes:
        body: bytes = self.client().get_object(Bucket=bucket, Key=key)["Body"].read()
        return body

    def head(self, bucket: str, key: str) -> dict[str, Any]:
        answer: dict[str, Any] = self.client().head_object(Bucket=bucket, Key=key)
        return answer

    def put(self, bucket: str, key: str, data: bytes) -> None:
        self.client().put_object(Bucket=bucket, Key=key, Body=data)


def needs_s3() -> None:
    pytest.importorskip("moto.server", reason="needs moto[server] (the dev extra)")
    pytest.importorskip("s3fs", reason="needs s3fs (the s3 extra)")
    pytest.importorskip("boto3", reason="needs boto3 (with moto)")


def quiet_aws_environment(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No credentials or settings of this machine's, and never the EC2 metadata service."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "no-config"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def s3_server(**environ: str) -> Iterator[S3Server]:
    """moto's S3 server on a free loopback port, for the block; `environ` for its process
    (INITIAL_NO_AUTH_ACTION_COUNT=N: requests after the first N need IAM credentials)."""
    port = free_port()
    env = {**os.environ, **environ}
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    server = S3Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(f"{server.endpoint}/moto-api/", timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's server did not start") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
