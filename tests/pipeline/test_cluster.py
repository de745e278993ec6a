"""`narrate batch --cluster`: the LocalCluster `--cluster local:2` starts (127.0.0.1).

The same outputs as a local batch (byte for byte), skipping what is up to
date, bad pages reported while the others are done, a worker killed with
SIGKILL mid-batch, URLs fetched by the workers, an unreachable scheduler.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from narrate.cli.app import app
from narrate.core.settings import Settings
from narrate.pipeline import cluster as cluster_module
from narrate.pipeline.batch import BatchItem, Status, find_articles, run_batch
from narrate.pipeline.cluster import client as cluster_client
from narrate.pipeline.cluster import run_batch_on
from narrate.pipeline.narrator import Narrator

distributed = pytest.importorskip("distributed", reason="needs the cluster extra (distributed)")
runner = CliRunner()


def _page(title: str, paragraphs: int) -> str:
    body = "".join(
        f"<p>{title} paragraph {n} goes on with a sentence of ordinary length. "
        f"It adds another, so there is a little more to read.</p>"
        for n in range(paragraphs)
    )
    return f"<html><body><article><h1>{title}</h1>{body}</article></body></html>"


def _folder(root: Path, titles: dict[str, int]) -> Path:
    folder = root / "in"
    folder.mkdir()
    for title, paragraphs in titles.items():
        (folder / f"{title.lower().replace(' ', '-')}.html").write_text(
            _page(title, paragraphs), "utf-8"
        )
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """The cluster `--cluster local:2` starts: forkserver, preloaded, queued at the scheduler."""
    with cluster_client.connect("local:2") as client:
        yield client


def _settings(cache: Path) -> Settings:
    return Settings(jobs=1, cache_dir=cache)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))}


def _valid_episodes(out: Path) -> list[str]:
    """Every MP3 parses and has its manifest and sidecars; nothing temporary is left."""
    names = []
    for mp3 in sorted(out.rglob("*.mp3")):
        assert MP3(str(mp3)).info.length > 3
        manifest = json.loads(mp3.with_suffix(".json").read_text("utf-8"))
        assert manifest["audio"] == mp3.name
        for sidecar in manifest["sidecars"].values():
            assert (mp3.parent / sidecar).stat().st_size > 0
        names.append(mp3.name)
    assert [p.name for p in out.rglob(".*")] == []
    return names


def test_cluster_outputs_match_jobs_1_and_skip_when_current(
    client: distributed.Client, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, {"The harbour": 5, "The market": 3, "The river": 4})
    local_out, cluster_out = tmp_path / "local", tmp_path / "cluster"
    with Narrator(_settings(tmp_path / "cache-local"), keep_workers=True) as narrator:
        items = find_articles(folder, local_out, ".mp3", recursive=False)
        assert run_batch(items, narrator).done
    # a cache of its own: the cluster synthesises and encodes every sentence afresh
    settings = _settings(tmp_path / "cache-cluster")
    items = find_articles(folder, cluster_out, ".mp3", recursive=False)
    summary = run_batch_on(client, items, settings)
    assert (len(summary.done), summary.skipped, summary.failed) == (3, [], [])
    assert _files(cluster_out) == _files(local_out)  # audio, manifests and sidecars
    assert sorted(n for n in _files(cluster_out) if n.endswith(".mp3")) == [
        "the-harbour.mp3",
        "the-market.mp3",
        "the-river.mp3",
    ]

    again = run_batch_on(client, items, settings)
    assert (again.done, len(again.skipped)) == ([], 3)
    (folder / "the-river.html").write_text(_page("The river", 5), "utf-8")
    changed = run_batch_on(client, items, settings)
    assert changed.done == [str(folder / "the-river.html")]
    assert len(changed.skipped) == 2
    forced = run_batch_on(client, items, settings, force=True)
    assert len(forced.done) == 3


def test_bad_pages_fail_and_the_batch_goes_on(client: distributed.Client, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"The harbour": 3})
    (folder / "empty.html").write_text("", "utf-8")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    items = find_articles(folder, out, ".mp3", recursive=False)
    gone = BatchItem(str(folder / "gone.html"), str(out / "gone.mp3"))  # removed since listed
    items.append(gone)
    reports: list[tuple[Status, str]] = []
    summary = run_batch_on(
        client,
        items,
        _settings(tmp_path / "cache"),
        report=lambda status, source, detail: reports.append((status, source)),
    )
    assert summary.done == [str(folder / "the-harbour.html")]
    reasons = dict(summary.failed)
    assert set(reasons) == {str(folder / n) for n in ("empty.html", "binary.html", "gone.html")}
    assert "is empty" in reasons[str(folder / "empty.html")]
    assert "not text" in reasons[str(folder / "binary.html")]
    assert "no such file" in reasons[str(folder / "gone.html")]
    assert len(reports) == 4
    assert _valid_episodes(out) == ["the-harbour.mp3"]


def test_a_worker_killed_mid_batch_loses_nothing(
    client: distributed.Client, tmp_path: Path
) -> None:
    titles = {f"Story {n}": 6 + n for n in range(6)}
    folder = _folder(tmp_path, titles)
    out = tmp_path / "out"
    items = find_articles(folder, out, ".mp3", recursive=False)
    pids_before = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker(status: Status, source: str, detail: str) -> None:
        if killed:
            return
        busy = [address for address, keys in client.processing().items() if keys]
        victim = busy[0]
        os.kill(pids_before[victim], signal.SIGKILL)
        killed.append(victim)
        held = len(client.processing()[victim])
        print(f"killed {victim} (pid {pids_before[victim]}), holding {held} article(s)")

    summary = run_batch_on(client, items, _settings(tmp_path / "cache"), report=kill_a_busy_worker)
    print(f"{len(summary.done)} done, {len(summary.skipped)} skipped, {len(summary.failed)} failed")
    assert killed, "no worker was killed"
    # An article the victim had finished, its outcome not yet fetched, is run again by Dask
    # and found written whole: "skipped" (tests/pipeline/test_cluster_storage.py).
    assert (len(summary.done) + len(summary.skipped), summary.failed) == (6, [])
    assert len(_valid_episodes(out)) == 6
    client.wait_for_workers(2, timeout=60)
    pids_after = client.run(os.getpid)
    assert pids_before[killed[0]] not in pids_after.values()  # it really died; a new one came
    print(f"worker pids before {sorted(pids_before.values())}, after {sorted(pids_after.values())}")


def test_workers_read_relative_folders_and_the_page_image_themselves(
    client: distributed.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers' working folder is not the client's: the client names SRC and DEST
    absolutely, and a worker finds the page's own image (its cover) beside the page."""
    from narrate.publish.feed.cover import write_default_cover

    folder = tmp_path / "in"
    folder.mkdir()
    write_default_cover(folder / "ferry.png", "The ferry")
    page = _page("The ferry", 2).replace(
        "<html>", '<html><head><meta property="og:image" content="ferry.png"></head>'
    )
    (folder / "ferry.html").write_text(page, "utf-8")
    with Narrator(_settings(tmp_path / "cache"), keep_workers=True) as narrator:
        run_batch(find_articles(folder, tmp_path / "local", ".mp3", False), narrator)
    # relative folders: the workers, in another working folder, would not find them
    monkeypatch.chdir(tmp_path)
    items = find_articles(Path("in"), Path("cluster"), ".mp3", recursive=False)
    assert not any(client.run(os.path.exists, "in/ferry.png").values())
    summary = run_batch_on(client, items, _settings(tmp_path / "cache"))
    assert (summary.done, summary.failed) == (["in/ferry.html"], [])
    audio = (tmp_path / "cluster" / "the-ferry.mp3").read_bytes()  # workers name by title too
    assert b"APIC" in audio[:400_000]
    assert audio == (tmp_path / "local" / "the-ferry.mp3").read_bytes()  # named after its title


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = _page("The lighthouse", 3).encode("utf-8")
        self.send_response(200 if self.path == "/lighthouse" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_workers_fetch_urls(client: distributed.Client, tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        (tmp_path / "reading.url").write_text(f"{base}/lighthouse\n{base}/missing\n")
        out = tmp_path / "out"
        items = find_articles(tmp_path, out, ".mp3", recursive=False)
        summary = run_batch_on(client, items, _settings(tmp_path / "cache"))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert summary.done == [f"{base}/lighthouse"]
    assert "HTTP 404" in dict(summary.failed)[f"{base}/missing"]
    manifest = json.loads((out / "the-lighthouse.json").read_text("utf-8"))  # its title
    assert manifest["source"] == f"{base}/lighthouse"


def test_cli_batch_on_a_local_cluster(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"The harbour": 3, "The market": 2})
    (folder / "empty.html").write_text("", "utf-8")
    out = tmp_path / "out"
    command = ["batch", str(folder), "-o", str(out), "-q", "--cluster", "local:2"]
    result = runner.invoke(app, command)
    assert result.exit_code == 1, result.output  # the empty page failed
    assert "2 done, 0 skipped, 1 failed" in result.stdout
    assert "empty.html" in result.stderr
    assert _valid_episodes(out) == ["the-harbour.mp3", "the-market.mp3"]


def test_unreachable_scheduler_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    monkeypatch.setattr(cluster_client, "CONNECT_TIMEOUT_S", 1)
    folder = _folder(tmp_path, {"The harbour": 2})
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["batch", str(folder), "-o", str(tmp_path / "out"), "-q"]
    result = runner.invoke(app, [*command, "--cluster", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"narrate: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("spec", ["local:0", "local:many"])
def test_bad_local_cluster_size(tmp_path: Path, spec: str) -> None:
    folder = _folder(tmp_path, {"The harbour": 2})
    result = runner.invoke(
        app, ["batch", str(folder), "-o", str(tmp_path / "o"), "--cluster", spec]
    )
    assert result.exit_code == 2
    assert "whole number" in result.stderr


def test_without_distributed_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    folder = _folder(tmp_path, {"The harbour": 2})
    result = runner.invoke(
        app, ["batch", str(folder), "-o", str(tmp_path / "o"), "--cluster", "local:2"]
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "narrate: --cluster needs Dask distributed, which is not installed "
        "(install it with: pip install 'narrate[cluster]')"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver and /proc: Linux")
def test_the_forkserver_preload_warms_without_the_engine() -> None:
    """What local:N's forkserver imports before forking the workers: the first article's
    loading done (extraction, the language model), and the process still safe to fork
    (no engine library loaded, no Python thread started)."""
    import subprocess

    code = (
        "import sys, threading\n"
        "import narrate.pipeline.cluster.preload\n"
        "from narrate.text.language import _detector\n"
        "engine = any('espeak' in line for line in open('/proc/self/maps'))\n"
        "print(threading.active_count(), engine, 'narrate.text.extract' in sys.modules,"
        " _detector.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["1", "False", "True", "1"], done.stderr


def test_work_units_and_outcomes_are_small(tmp_path: Path) -> None:
    """What passes through the client per article: a task out, an outcome back; no page,
    no audio."""
    import pickle

    from narrate.pipeline.batch import Outcome

    unit = cluster_module.WorkUnit(
        "s3://news/pages/2025/the-harbour.html", "s3://news/podcast/2025/the-harbour.mp3"
    )
    job = cluster_module.ClusterJob(dataclasses.replace(_settings(tmp_path), jobs=1), "0", ())
    assert len(pickle.dumps((unit, job))) < 1024
    outcome = Outcome(Status.DONE, unit.target, voices=(("en", "gmw/en-us"),), duration_ms=361_000)
    assert len(pickle.dumps(outcome)) < 512


def test_a_worker_refuses_another_version_or_lexicon(tmp_path: Path) -> None:
    from narrate import __version__

    lexicon = tmp_path / "words.toml"
    lexicon.write_text('[words]\nNarrate = "narr-ate"\n', "utf-8")
    settings = Settings(jobs=1, cache_dir=tmp_path / "cache")
    (tmp_path / "page.html").write_text(_page("A", 1), "utf-8")
    unit = cluster_module.WorkUnit(str(tmp_path / "page.html"), str(tmp_path / "page.mp3"))
    older = cluster_module.ClusterJob(settings, "0.0.1", ())
    outcome = cluster_module.narrate_unit(unit, older)
    assert outcome.status is Status.FAILED
    assert f"this worker has narrate {__version__}, the client 0.0.1" in outcome.detail
    edited = cluster_module.ClusterJob(settings, __version__, ((str(lexicon), "0" * 64),))
    outcome = cluster_module.narrate_unit(unit, edited)
    assert outcome.status is Status.FAILED
    assert f"the lexicon {lexicon} is missing or different on this worker" in outcome.detail


def test_a_lost_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    from narrate.core.errors import InputError

    folder = _folder(tmp_path, {f"Story {n}": 2 for n in range(4)})
    items = find_articles(folder, tmp_path / "out", ".mp3", recursive=False)
    with (
        distributed.LocalCluster(
            n_workers=1,
            processes=True,
            threads_per_worker=1,
            dashboard_address="127.0.0.1:0",
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        ) as local,
        distributed.Client(local, timeout=2) as client,
    ):

        def stop_the_scheduler(status: Status, source: str, detail: str) -> None:
            local.close()

        with pytest.raises(InputError, match=r"lost the Dask scheduler after 1 of 4 articles"):
            run_batch_on(client, items, _settings(tmp_path / "cache"), report=stop_the_scheduler)
    # the workers write DEST themselves: one may have finished another article meanwhile;
    # whatever is there is whole
    assert 1 <= len(_valid_episodes(tmp_path / "out")) <= 2


def test_a_full_output_folder_stops_the_batch(tmp_path: Path) -> None:
    """The client's disk is full: one line, what was not started, nothing half-written."""
    import subprocess

    from tests.processes import NARRATE, private_env, small_disk_command

    folder = _folder(tmp_path, {"The harbour": 3, "The market": 3, "The river": 3})
    out = tmp_path / "out"
    out.mkdir()
    command = [*NARRATE, "batch", str(folder), "-o", str(out), "-q", "--cluster", "local:2"]
    listing = tmp_path / "listing"
    done = subprocess.run(
        small_disk_command(out, "64k", command, listing),
        env=private_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert lines[-1].startswith("narrate: cannot write"), done.stderr
    assert "No space left on device" in lines[-1]
    assert "0 done, 0 skipped, 1 failed, 2 not started" in done.stdout
    assert listing.read_text().split() == []  # no episode, and no part of one
