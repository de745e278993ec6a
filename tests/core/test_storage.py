"""core/storage.py: a local folder and an S3 bucket (moto's server on 127.0.0.1) through one
interface; every failure of a store one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrate.core.errors import InputError, OutputError
from narrate.core.storage import (
    LocalStore,
    MissingFile,
    StoreError,
    check_location,
    is_store_url,
    join,
    open_store,
    option_values,
    parse_storage_options,
    split,
)
from tests.s3_server import S3Server, free_port, needs_s3, quiet_aws_environment, s3_server


@pytest.fixture(autouse=True)
def _no_machine_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quiet_aws_environment(monkeypatch, tmp_path)


@pytest.mark.parametrize(
    ("location", "stored"),
    [("s3://b/p", True), ("gs://b", True), ("abfs://c/p", True), ("file:///tmp/x", True),
     ("http://example.org/a", False), ("ftp://example.org/a", False), ("podcasts/", False),
     ("C:/Users/x", False)],
)  # fmt: skip  # a table of cases, packed several a line
def test_store_urls_are_a_fixed_list_of_schemes(location: str, stored: bool) -> None:
    assert is_store_url(location) is stored


@pytest.mark.parametrize(
    ("location", "hint"),
    [("s3:/bucket/x/", "two slashes: s3://bucket/x/"), ("sftp://host/x/", "a store URL"),
     ("file:/tmp/pod", "two slashes: file:///tmp/pod"),
     ("http://127.0.0.1:8765/x.mp3", "a store URL"), ("s4://bucket/pod/", "a store URL")],
)  # fmt: skip  # a table of cases, packed several a line
def test_a_url_that_is_no_store_is_refused(location: str, hint: str) -> None:
    # such a location was taken for a folder named 's3:' or 'sftp:' under this one: exit 0,
    # and the episodes in a folder nobody looks in
    with pytest.raises(InputError, match="neither a folder nor a store") as caught:
        check_location(location)
    assert hint in caught.value.hint
    with pytest.raises(InputError):
        open_store(location)


@pytest.mark.parametrize("location", ["podcasts/", "C:/Users/x", "s3://b/p", "a:b/c", "/tmp/x"])
def test_folders_and_store_urls_are_locations(location: str) -> None:
    check_location(location)


def test_locations_join_and_split() -> None:
    assert join("s3://b/podcast/", "sub/a.mp3") == "s3://b/podcast/sub/a.mp3"
    assert split("s3://b/podcast/sub/a.mp3") == ("s3://b/podcast/sub", "a.mp3")
    assert split("out/a.mp3") == ("out", "a.mp3")
    assert join("out", "a.mp3") == str(Path("out") / "a.mp3")


def test_storage_options_are_key_value_read_as_json_when_they_parse() -> None:
    options = parse_storage_options(
        [
            "anon=true",
            "endpoint_url=http://127.0.0.1:9000",
            'client_kwargs={"region_name": "x"}',
            "secret=a=b",
        ]
    )
    assert option_values(options) == {
        "anon": True,
        "endpoint_url": "http://127.0.0.1:9000",
        "client_kwargs": {"region_name": "x"},
        "secret": "a=b",
    }
    with pytest.raises(InputError, match="is not key=value"):
        parse_storage_options(["anon"])


def test_a_local_folder_and_a_file_url_are_written_through_core_files(tmp_path: Path) -> None:
    store = open_store(f"file://{tmp_path}")
    assert isinstance(store, LocalStore)
    assert store.folder == tmp_path
    store.write_bytes("sub/a.txt", b"hello")
    assert (tmp_path / "sub" / "a.txt").read_bytes() == b"hello"
    assert [(f.key, f.size) for f in store.files()] == [("sub/a.txt", 5)]
    assert store.read_bytes("sub/a.txt", 2) == b"he"
    with pytest.raises(MissingFile):
        store.read_bytes("gone.txt")
    assert store.info("gone.txt") is None
    store.delete("sub/a.txt")
    store.delete("sub/a.txt")  # nothing there: nothing to do
    assert store.files() == []
    assert [p.name for p in tmp_path.rglob(".*")] == []  # no temporary file left


def test_a_bucket_is_listed_read_and_written_with_media_types(s3: S3Server) -> None:
    url = s3.bucket("plain") + "/podcast"
    store = open_store(url, s3.options)
    assert store.folder is None
    store.check_writable()  # a probe written and removed
    store.write_bytes("a/story.mp3", b"\xff\xf3" * 100, "audio/mpeg")
    store.write_bytes("a/story.html", b"<p>hi</p>", "text/html; charset=utf-8")
    assert s3.keys("plain") == ["podcast/a/story.html", "podcast/a/story.mp3"]
    assert s3.head("plain", "podcast/a/story.mp3")["ContentType"] == "audio/mpeg"
    assert [f.key for f in store.files()] == ["a/story.html", "a/story.mp3"]
    assert [f.key for f in store.files(recursive=False)] == []
    info = store.info("a/story.mp3")
    assert info is not None
    assert info.size == 200
    assert info.tag == s3.head("plain", "podcast/a/story.mp3")["ETag"].strip('"')
    assert store.read_bytes("a/story.mp3", 3) == b"\xff\xf3\xff"
    assert store.where("a/story.mp3") == "s3://plain/podcast/a/story.mp3"
    with pytest.raises(MissingFile, match=r"no such file: s3://plain/podcast/gone\.json"):
        store.read_bytes("gone.json")
    assert store.info("gone.json") is None
    store.delete("a/story.html")
    store.delete("a/story.html")
    assert s3.keys("plain") == ["podcast/a/story.mp3"]


def _one_line(error: BaseException, *fragments: str) -> None:
    text = str(error)
    assert "\n" not in text
    for fragment in fragments:
        assert fragment in text, text


def test_a_bucket_that_does_not_exist(s3: S3Server) -> None:
    store = open_store("s3://no-such-bucket/podcast", s3.options)
    with pytest.raises(StoreError) as caught:
        store.check_writable()
    _one_line(
        caught.value,
        "cannot write s3://no-such-bucket/podcast/.narrate-probe-",
        "bucket does not exist",
    )
    assert caught.value.stops_batch
    assert caught.value.exit_code == 2
    with pytest.raises(StoreError, match="cannot read s3://no-such-bucket/podcast"):
        store.files()


def test_no_credentials(s3: S3Server) -> None:
    s3.bucket("locked")
    options = tuple(pair for pair in s3.options if pair[0] not in ("key", "secret"))
    with pytest.raises(StoreError) as caught:
        open_store("s3://locked/x", options).check_writable()
    _one_line(caught.value, "cannot write s3://locked/x/", "no credentials", "AWS_ACCESS_KEY_ID")


def test_an_unreachable_store() -> None:
    options = (
        ("endpoint_url", f"http://127.0.0.1:{free_port()}"),
        ("key", "k"),
        ("secret", "s"),
        ("config_kwargs", json.dumps({"retries": {"max_attempts": 1}})),
    )
    with pytest.raises(StoreError) as caught:
        open_store("s3://anything/x", options).files()
    _one_line(caught.value, "cannot read s3://anything/x: cannot reach it", "endpoint")


def test_a_permission_error_on_write() -> None:
    """Credentials that may read the bucket but not write it (moto enforcing IAM)."""
    needs_s3()
    # the first four requests are free: the bucket, a user, its key, its policy
    with s3_server(INITIAL_NO_AUTH_ACTION_COUNT="4") as server:
        server.bucket("shelf")
        import boto3

        iam = boto3.client(
            "iam",
            endpoint_url=server.endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        iam.create_user(UserName="reader")
        key = iam.create_access_key(UserName="reader")["AccessKey"]
        read_only = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject"],
                    "Resource": ["arn:aws:s3:::shelf/*"],
                }
            ],
        }
        iam.put_user_policy(
            UserName="reader", PolicyName="read", PolicyDocument=json.dumps(read_only)
        )
        options = (
            ("endpoint_url", server.endpoint),
            ("key", key["AccessKeyId"]),
            ("secret", key["SecretAccessKey"]),
        )
        with pytest.raises(StoreError) as caught:
            open_store("s3://shelf/podcast", options).check_writable()
    _one_line(caught.value, "cannot write s3://shelf/podcast/", "permission denied")


def test_a_store_whose_package_is_missing_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "gcsfs", None)  # as if it were not installed
    with pytest.raises(InputError) as caught:
        open_store("gs://bucket/podcast")
    assert str(caught.value) == (
        "gs://bucket/podcast: gs:// needs a package not installed "
        "(install it with: pip install 'fsspec[gcs]')"
    )


def test_a_local_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write to"):
        open_store(blocker / "out").check_writable()
