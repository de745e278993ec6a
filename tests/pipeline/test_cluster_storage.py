"""`narrate batch --cluster local:2` on storage: S3 through moto's server on 127.0.0.1.

The workers read the pages from SRC and write every file of each episode to
DEST themselves (the manifest last); the client sends where things are and
gets an outcome back. A local folder into a bucket and a bucket into a bucket,
a worker killed mid-batch, a batch interrupted and resumed over half-written
episodes, and the up-front checks.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.settings import Settings
from narrate.pipeline.batch import Status, find_articles, run_batch
from narrate.pipeline.cluster import client as cluster_client
from narrate.pipeline.cluster import run_batch_on
from narrate.pipeline.cluster.reach import can_reach
from narrate.pipeline.narrator import Narrator
from narrate.publish.feed.cover import write_default_cover
from tests.pipeline.test_cluster import _folder, _page
from tests.s3_server import S3Server, quiet_aws_environment

distributed = pytest.importorskip("distributed", reason="needs the cluster extra (distributed)")
runner = CliRunner()
EPISODE_SUFFIXES = (".mp3", ".json", ".chapters.json", ".vtt", ".srt", ".listen.html")


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with cluster_client.connect("local:2") as client:
        yield client


@pytest.fixture(autouse=True)
def _no_machine_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quiet_aws_environment(monkeypatch, tmp_path)


def _settings(cache: Path, s3: S3Server) -> Settings:
    return Settings(jobs=1, cache_dir=cache, storage=s3.options)


def _episodes(s3: S3Server, bucket: str, prefix: str) -> dict[str, dict[str, bytes]]:
    """Every episode under the prefix, whole: its files by suffix; nothing else is there."""
    keys = s3.keys(bucket, prefix + "/")
    stems = sorted({key.removesuffix(".mp3") for key in keys if key.endswith(".mp3")})
    episodes = {}
    for stem in stems:
        files = {suffix: s3.get(bucket, stem + suffix) for suffix in EPISODE_SUFFIXES}
        manifest = json.loads(files[".json"])
        assert manifest["audio"] == stem.rsplit("/", 1)[-1] + ".mp3"
        episodes[stem.removeprefix(prefix + "/")] = files
    expected = {stem + suffix for stem in stems for suffix in EPISODE_SUFFIXES}
    assert set(keys) == expected, set(keys) ^ expected  # no probe, no part of an episode
    return episodes


def test_a_local_folder_into_a_bucket_then_a_bucket_into_a_bucket(
    client: distributed.Client, s3: S3Server, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, {"The harbour": 3, "The market": 2})
    bucket = s3.bucket("news")
    settings = _settings(tmp_path / "cache", s3)
    items = find_articles(folder, f"{bucket}/podcast", ".mp3", False, storage=s3.options)
    summary = run_batch_on(client, items, settings)
    assert (len(summary.done), summary.failed) == (2, [])
    episodes = _episodes(s3, "news", "podcast")
    assert sorted(episodes) == ["the-harbour", "the-market"]
    assert s3.head("news", "podcast/the-harbour.mp3")["ContentType"] == "audio/mpeg"
    assert s3.head("news", "podcast/the-harbour.listen.html")["ContentType"].startswith("text/html")
    # the same audio as a local batch (sharing the sentence cache)
    with Narrator(settings, keep_workers=True) as narrator:
        local = find_articles(folder, tmp_path / "local", ".mp3", recursive=False)
        assert run_batch(local, narrator).done
    assert episodes["the-harbour"][".mp3"] == (tmp_path / "local" / "the-harbour.mp3").read_bytes()

    # pages in the bucket (in a subfolder, one with its own image beside it) into another prefix
    for page in sorted(folder.iterdir()):
        s3.put("news", f"pages/{page.name}", page.read_bytes())
    write_default_cover(tmp_path / "ferry.png", "The ferry")
    s3.put("news", "pages/2025/ferry.png", (tmp_path / "ferry.png").read_bytes())
    ferry = _page("The ferry", 2).replace(
        "<html>", '<html><head><meta property="og:image" content="ferry.png"></head>'
    )
    s3.put("news", "pages/2025/ferry.html", ferry.encode("utf-8"))
    items = find_articles(f"{bucket}/pages", f"{bucket}/shows", ".mp3", True, storage=s3.options)
    assert sorted(i.target for i in items) == [
        f"{bucket}/shows/2025/ferry.mp3",
        f"{bucket}/shows/the-harbour.mp3",
        f"{bucket}/shows/the-market.mp3",
    ]
    summary = run_batch_on(client, items, settings)
    assert (len(summary.done), summary.failed) == (3, [])
    shows = _episodes(s3, "news", "shows")
    assert sorted(shows) == ["2025/the-ferry", "the-harbour", "the-market"]  # titles
    assert json.loads(shows["the-harbour"][".json"])["source"] == f"{bucket}/pages/the-harbour.html"
    assert b"APIC" in shows["2025/the-ferry"][".mp3"][:400_000]  # the page's own image, its cover
    again = run_batch_on(client, items, settings)
    assert (again.done, len(again.skipped)) == ([], 3)
    assert again.voices == {"en": {"gmw/en-us"}}  # from the outcomes: the client read nothing


def test_a_worker_killed_mid_batch_into_a_bucket(
    client: distributed.Client, s3: S3Server, tmp_path: Path
) -> None:
    """A worker dies (SIGKILL) while it writes an episode into the bucket, its audio there
    and its manifest not: the article is narrated again elsewhere and written whole.

    The worker kills itself at that point: a kill chosen from the client (a worker the
    scheduler lists as busy) sometimes hit a worker whose article was already written
    and whose result was on its way, and the article came back "skipped". The same can
    happen here on a loaded machine: an article the dying worker finished just before,
    whose outcome the client had not fetched yet, dies with it; Dask runs it again, and
    the second run finds its episode written whole: "skipped", nothing lost.
    """
    folder = _folder(tmp_path, {f"Story {n}": 5 + n for n in range(6)})
    bucket = s3.bucket("killed")
    items = find_articles(folder, f"{bucket}/podcast", ".mp3", False, storage=s3.options)
    pids = client.run(os.getpid)
    marker = tmp_path / "killed"
    client.run(_die_once_while_publishing, str(marker))
    try:
        summary = run_batch_on(client, items, _settings(tmp_path / "cache", s3))
    finally:
        client.run(_publish_as_usual)
    assert marker.exists(), "no worker was killed"
    assert summary.failed == []
    assert len(summary.done) + len(summary.skipped) == 6
    assert len(_episodes(s3, "killed", "podcast")) == 6
    client.wait_for_workers(2, timeout=600)  # the nanny starts another: a generous bound
    assert int(marker.read_text()) not in client.run(os.getpid).values()  # it really died
    assert int(marker.read_text()) in pids.values()


_PUBLISH = "publish_episode"


def _die_once_while_publishing(marker: str) -> None:
    """On a worker: the first worker to publish an episode writes its audio, then is killed."""
    from narrate.pipeline import batch as destination  # where a batch's worker publishes

    real = getattr(destination, "_real_publish", destination.publish_episode)
    destination._real_publish = real  # type: ignore[attr-defined]

    def publish(store: Any, audio: Path) -> None:
        try:
            handle = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return real(store, audio)  # type: ignore[no-any-return]
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        store.write_bytes(audio.name, audio.read_bytes(), "audio/mpeg")  # half an episode
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(destination, _PUBLISH, publish)


def _publish_as_usual() -> None:
    from narrate.pipeline import batch as destination

    setattr(
        destination, _PUBLISH, getattr(destination, "_real_publish", destination.publish_episode)
    )


def test_an_interrupted_batch_resumes_over_half_written_episodes(
    client: distributed.Client, s3: S3Server, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, {f"Part {n}": 3 for n in range(8)})
    bucket = s3.bucket("resumed")
    settings = _settings(tmp_path / "cache", s3)
    items = find_articles(folder, f"{bucket}/podcast", ".mp3", False, storage=s3.options)

    def interrupt(status: Status, source: str, detail: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the first article

    with pytest.raises(KeyboardInterrupt):
        run_batch_on(client, items, settings, report=interrupt)
    client.run(_wait_for_the_article_in_hand)  # what a worker had begun, it finishes whole
    done = _episodes(s3, "resumed", "podcast")
    assert 1 <= len(done) <= 5  # the queued ones were never started
    # a run killed while writing: one episode lost its manifest, another got only its audio
    first = sorted(done)[0]
    s3.client().delete_object(Bucket="resumed", Key=f"podcast/{first}.json")
    missing = next(f"part-{n}" for n in range(8) if f"part-{n}" not in done)
    s3.put("resumed", f"podcast/{missing}.mp3", b"\xff\xf3 half an episode")
    summary = run_batch_on(client, items, settings)
    assert summary.failed == []
    assert len(summary.done) == 8 - len(done) + 1
    assert len(summary.skipped) == len(done) - 1
    episodes = _episodes(s3, "resumed", "podcast")
    assert len(episodes) == 8
    assert all(len(files[".mp3"]) > 10_000 for files in episodes.values())


def _wait_for_the_article_in_hand() -> None:
    from narrate.pipeline.cluster import worker

    with worker._narrating:
        pass


def test_the_cli_on_a_local_cluster_into_a_bucket_and_its_up_front_checks(
    s3: S3Server, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, {"The harbour": 2})
    (folder / "empty.html").write_text("", "utf-8")
    bucket = s3.bucket("cli")
    command = ["batch", str(folder), "-q", "--cluster", "local:2", *s3.cli]
    result = runner.invoke(app, [*command, "-o", f"{bucket}/podcast"])
    assert result.exit_code == 1, result.output  # the empty page failed
    assert "1 done, 0 skipped, 1 failed" in result.stdout
    assert list(_episodes(s3, "cli", "podcast")) == ["the-harbour"]
    # a bucket that does not exist: one line, exit 2, before any work
    result = runner.invoke(app, [*command, "-o", "s3://no-such-bucket/podcast"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("narrate: cannot write s3://no-such-bucket/")
    assert "bucket does not exist" in lines[0]
    result = runner.invoke(
        app, ["batch", "s3://no-such-bucket/pages", "-o", str(tmp_path / "out"), *s3.cli]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("narrate: cannot read s3://no-such-bucket/pages")
    assert not (tmp_path / "out").exists()


def test_a_worker_that_cannot_see_dest_or_src_says_so(s3: S3Server, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(_page("A", 1), "utf-8")
    (tmp_path / "probe").write_bytes(b"")
    assert can_reach(str(tmp_path / "probe"), str(tmp_path / "page.html"), ()) is None
    problem = can_reach(str(tmp_path / "elsewhere" / "probe"), None, ())
    assert problem == f"cannot see the output folder ({tmp_path / 'elsewhere' / 'probe'})"
    problem = can_reach(str(tmp_path / "probe"), "s3://no-such-bucket/page.html", s3.options)
    assert problem == "cannot see the pages (s3://no-such-bucket/page.html)"


def test_valid_mp3s_in_the_bucket(s3: S3Server, tmp_path: Path) -> None:
    """The audio a worker stored plays: a real MP3 of the length its manifest says."""
    folder = _folder(tmp_path, {"The river": 2})
    bucket = s3.bucket("plays")
    result = runner.invoke(
        app, ["batch", str(folder), "-o", f"{bucket}/podcast", "-q", "--jobs", "1", *s3.cli]
    )  # without --cluster: the same storage
    assert result.exit_code == 0, result.output
    (tmp_path / "river.mp3").write_bytes(s3.get("plays", "podcast/the-river.mp3"))
    manifest = json.loads(s3.get("plays", "podcast/the-river.json"))
    assert abs(MP3(str(tmp_path / "river.mp3")).info.length * 1000 - manifest["duration_ms"]) < 100
