"""`benchmarks/speed.py --cluster`, the storage case: workers read SRC and write DEST themselves.

1. The dev pages with `batch --cluster local:2 -o s3://...` (a local moto
   server standing in for S3) against `batch --jobs 2 -o folder/`, alternating,
   each with an empty cache: wall time, CPU of the whole process tree, and the
   moto server's own CPU (on real S3 that work is not on this machine).
2. Bytes through the client per article: the same batch with the client apart
   from the scheduler (`dask scheduler` and two `dask worker` processes started
   here, `--cluster tcp://...`; the cache warm), every byte the client process
   sends and receives on its sockets, read from the kernel (`ss -tinp`) while
   it runs; once for one page, once for all, so the batch's fixed cost is apart.
3. The client's own pace per article with many in flight, as on a large cluster
   (a task that carries a WorkUnit and returns an Outcome, narrating nothing:
   the client, the scheduler and the round trips, nothing else), and the
   scheduler's per trivial task.

From these, the time 10^5 articles would take on 10, 100 and 1,000 worker
cores and what bounds each: the workers, the scheduler, the client, its link,
or the store's request rate (S3: 3,500 writes a second per prefix, as AWS
documents it).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from cluster_speed import ARCHIVE_MINUTES, ARTICLES, CORES, LINK_BYTES_PER_S, _run, _tree_cpu

BEFORE_BYTES = 1.03e6  # per article through the client before this change (README, same pages)
STORE_WRITES_PER_S = 3500  # S3's documented PUT rate per prefix; more prefixes scale it
FILES_PER_EPISODE = 6  # audio, manifest, chapters, VTT, SRT, listen page
PACE_TASKS = 1000
IN_FLIGHT = 200  # tasks the client keeps in flight: 2 per worker thread on 100 cores
TRIVIAL_TASKS = 2000
OPTIONS = {"key": "bench", "secret": "bench", "client_kwargs": '{"region_name": "us-east-1"}'}


def storage_runs(folder: Path, work: Path, env: dict[str, str], repeat: int) -> None:
    pages = sorted(p for p in folder.iterdir() if p.is_file())
    env = _quiet_aws(env, work)
    with _moto() as (endpoint, moto_pid):
        options = {**OPTIONS, "endpoint_url": endpoint}
        cli = [a for k, v in options.items() for a in ("--storage-option", f"{k}={v}")]
        _bucket(endpoint, "bench")
        print(f"storage: {len(pages)} dev pages, {os.cpu_count()} cores, moto's S3 on 127.0.0.1;"
              " alternating runs, medians")  # fmt: skip
        walls: dict[str, list[float]] = {"jobs": [], "cluster": []}
        cpus: dict[str, list[float]] = {"jobs": [], "cluster": []}
        moto_cpu: list[float] = []
        for attempt in range(repeat):
            order = ("jobs", "cluster") if attempt % 2 == 0 else ("cluster", "jobs")
            for name in order:
                cache = work / f"cache-{name}"
                shutil.rmtree(cache, ignore_errors=True)
                out = str(work / "out-jobs") if name == "jobs" else f"s3://bench/run-{attempt}"
                if name == "jobs":
                    shutil.rmtree(work / "out-jobs", ignore_errors=True)
                how = ["--jobs", "2"] if name == "jobs" else ["--cluster", "local:2", *cli]
                command = [sys.executable, "-m", "narrate", "batch", str(folder), "-o", out, "-q"]
                before = _cpu_of(moto_pid)
                wall, cpu = _run([*command, *how], dict(env, XDG_CACHE_HOME=str(cache)))
                walls[name].append(wall)
                cpus[name].append(cpu)
                if name == "cluster":
                    moto_cpu.append(_cpu_of(moto_pid) - before)
            print(f"  run {attempt + 1}: --jobs 2 -o folder {walls['jobs'][-1]:5.1f} s"
                  f" ({cpus['jobs'][-1]:.0f} CPU s), --cluster local:2 -o s3://"
                  f" {walls['cluster'][-1]:5.1f} s ({cpus['cluster'][-1]:.0f} CPU s,"
                  f" moto {moto_cpu[-1]:.1f} CPU s)")  # fmt: skip
        jobs_s, cluster_s = statistics.median(walls["jobs"]), statistics.median(walls["cluster"])
        moto_s = statistics.median(moto_cpu)
        cpu_ratio = statistics.median(cpus["cluster"]) / statistics.median(cpus["jobs"])
        print(f"batch     --jobs 2 -o folder {jobs_s:5.1f} s, --cluster local:2 -o s3://"
              f" {cluster_s:5.1f} s: {cluster_s / jobs_s:.2f} x; CPU {cpu_ratio:.2f} x"
              f" of which moto's own {moto_s:.1f} CPU s"
              f" ({moto_s / statistics.median(cpus['jobs']):.0%} of the --jobs run's CPU)")
        print(f"identical audio: {_same_audio(endpoint, work / 'out-jobs', f'run-{repeat - 1}')}")

        one = work / "one-page"
        one.mkdir(exist_ok=True)
        shutil.copy(pages[0], one / pages[0].name)
        fixed, _, _ = _client_bytes(one, work, env, cli, "s3://bench/bytes-one")
        moved, client_cpu, parts = _client_bytes(folder, work, env, cli, "s3://bench/bytes")
        each = (moved - fixed) / max(1, len(pages) - 1)
        print(f"bytes through the client: {moved / 1e3:.0f} kB for {len(pages)} articles"
              f" ({moved / len(pages):.0f} B each), {fixed / 1e3:.0f} kB for one: {each:.0f} B"
              f" per article beyond the batch's fixed cost (before: {BEFORE_BYTES / 1e3:.0f} kB,"
              f" {BEFORE_BYTES / each:.0f} x less; target < 2 kB); of all: to and from the"
              f" scheduler {parts['scheduler'] / 1e3:.0f} kB, the workers"
              f" {parts['workers'] / 1e3:.0f} kB, the store {parts['store'] / 1e3:.0f} kB"
              " (listing SRC, the probe)")  # fmt: skip
    costs = _client_pace()
    print(f"scheduler: trivial tasks {costs['per_task_ms']:.2f} ms each ({TRIVIAL_TASKS} at once);"
          f" the client's own pace per article ({IN_FLIGHT} in flight, WorkUnit out, Outcome"
          f" back, nothing narrated): {costs['per_article_ms']:.2f} ms; the client process's"
          f" CPU in the whole batch: {client_cpu:.1f} s"
          f" ({client_cpu * 1e3 / len(pages):.0f} ms per article, start-up included)")  # fmt: skip
    core_s = statistics.median(cpus["cluster"]) / len(pages) - moto_s / len(pages)
    minutes = _audio_minutes(work / "out-jobs")
    print(f"an average dev article: {minutes:.1f} min of audio, {core_s:.2f} CPU seconds"
          " (the cluster run's process tree, moto's CPU taken out)")  # fmt: skip
    moved_each = each
    _projection("dev articles", core_s, costs, moved_each)
    scale = ARCHIVE_MINUTES / minutes
    _projection(f"{ARCHIVE_MINUTES:g}-minute articles", core_s * scale, costs, moved_each)


def _projection(what: str, core_s: float, costs: dict[str, float], moved: float) -> None:
    """Time for ARTICLES articles: each part alone; the slowest bounds the run."""
    print(f"projection for {ARTICLES:,} {what} ({core_s:.1f} CPU s and {moved:.0f} B through the"
          f" client each; link {LINK_BYTES_PER_S * 8 / 1e9:g} Gbit/s and S3's"
          f" {STORE_WRITES_PER_S:,} writes/s per prefix assumed):")  # fmt: skip
    print("  worker cores | workers | scheduler | client | client's link | store writes"
          " | projected | bound by")  # fmt: skip
    limits = {
        "scheduler": costs["per_task_ms"] / 1e3,
        "client": costs["per_article_ms"] / 1e3,
        "link": moved / LINK_BYTES_PER_S,
        "store": FILES_PER_EPISODE / STORE_WRITES_PER_S,
    }
    for cores in CORES:
        rates = {"workers": core_s / cores, **limits}
        ranked = sorted(rates, key=lambda name: rates[name], reverse=True)
        bound = ranked[0] if rates[ranked[1]] < 0.8 * rates[ranked[0]] else "/".join(ranked[:2])
        times = {name: ARTICLES * seconds for name, seconds in rates.items()}
        print(f"  {cores:>12,} | {_span(times['workers']):>7} | {_span(times['scheduler']):>9}"
              f" | {_span(times['client']):>6} | {_span(times['link']):>13}"
              f" | {_span(times['store']):>12} | {_span(max(times.values())):>9} | {bound}")


def _span(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


def _client_bytes(
    folder: Path, work: Path, env: dict[str, str], cli: list[str], dest: str
) -> tuple[float, float, dict[str, float]]:
    """Bytes the client process sends and receives, all sockets, and its CPU seconds, for a
    batch on a scheduler and workers of their own (so the client is only the client)."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    # the cluster run's warm cache: what passes through the client is the same either way
    dask_env = dict(env, XDG_CACHE_HOME=str(work / "cache-cluster"),
                    DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False",
                    DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION="1.0")  # fmt: skip
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"],
        env=dask_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "2",
         "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
         "--local-directory", str(work / "dask-workers")],
        env=dask_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for_workers(address, 2)
        command = [sys.executable, "-m", "narrate", "batch", str(folder), "-o", dest,
                   "-q", "--cluster", address, *cli]  # fmt: skip
        client = subprocess.Popen(command, env=dask_env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)  # fmt: skip
        seen: dict[tuple[str, str], tuple[int, int]] = {}
        cpu: dict[int, float] = {}
        while client.poll() is None:
            _socket_bytes(client.pid, seen)
            _tree_cpu(client.pid, cpu)
            time.sleep(0.2)
        errors = client.stderr.read().decode() if client.stderr else ""
        if client.returncode not in (0, 1):
            raise SystemExit(f"the bytes run failed: {errors[-2000:]}")
    finally:
        for process in (workers, scheduler):
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
            if process.poll() is None:
                process.kill()
    parts = {"scheduler": 0.0, "workers": 0.0, "store": 0.0}
    store_port = os.environ.get("NARRATE_BENCH_MOTO_PORT", "")
    for (_, peer), (sent, received) in seen.items():
        peer_port = peer.rsplit(":", 1)[-1]
        part = ("scheduler" if peer_port == str(port)
                else "store" if peer_port == store_port else "workers")  # fmt: skip
        parts[part] += sent + received
    return sum(parts.values()), cpu.get(client.pid, 0.0), parts


_SS_LINE = re.compile(r"^\S+\s+\d+\s+\d+\s+(\S+)\s+(\S+)\s+users:\(.*pid=(\d+),")
_SS_BYTES = re.compile(r"bytes_(sent|received):(\d+)")


def _socket_bytes(pid: int, seen: dict[tuple[str, str], tuple[int, int]]) -> None:
    """Record the bytes sent and received so far on each TCP socket of `pid` (kernel counts:
    every byte on the wire's payload, whatever the program did with it)."""
    done = subprocess.run(["ss", "-tinpH"], capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    for first, second in itertools.pairwise(lines):
        found = _SS_LINE.match(first)
        if found is None or int(found.group(3)) != pid:
            continue
        counts = dict(_SS_BYTES.findall(second))
        sent, received = int(counts.get("sent", 0)), int(counts.get("received", 0))
        key = (found.group(1), found.group(2))
        old = seen.get(key, (0, 0))
        seen[key] = (max(old[0], sent), max(old[1], received))


def _client_pace() -> dict[str, float]:
    """The scheduler's cost per trivial task, and the client's pace per article when the
    workers narrate nothing: a WorkUnit out and an Outcome back, as --cluster does now."""
    from distributed import as_completed

    from narrate.core.settings import Settings
    from narrate.pipeline.cluster import ClusterJob
    from narrate.pipeline.cluster.client import connect
    from narrate.pipeline.cluster.worker import the_job

    job = ClusterJob(Settings(jobs=1), "0", ())
    costs: dict[str, float] = {}
    with connect("local:2") as client:
        client.submit(_noop, -1, pure=False).result()
        start = time.perf_counter()
        client.gather(client.map(_noop, range(TRIVIAL_TASKS), pure=False))
        costs["per_task_ms"] = (time.perf_counter() - start) * 1e3 / TRIVIAL_TASKS
        shared = client.submit(the_job, job, pure=False)  # once, as --cluster sends it
        finished = as_completed(with_results=True)
        start, submitted = time.perf_counter(), 0
        for _ in range(IN_FLIGHT):  # as --cluster keeps on a large cluster (2 per thread)
            finished.add(client.submit(_outcome, _unit(submitted), shared, pure=False))
            submitted += 1
        for future, _outcome_back in finished:
            future.release()
            if submitted < PACE_TASKS:
                finished.add(client.submit(_outcome, _unit(submitted), shared, pure=False))
                submitted += 1
        costs["per_article_ms"] = (time.perf_counter() - start) * 1e3 / PACE_TASKS
    return costs


def _unit(number: int) -> object:
    from narrate.pipeline.cluster import WorkUnit

    return WorkUnit(f"s3://news/pages/2025/article-{number:06d}.html",
                    f"s3://news/podcast/2025/article-{number:06d}.mp3")  # fmt: skip


def _outcome(unit: object, job: object) -> object:
    from narrate.pipeline.batch import Outcome, Status

    target = getattr(unit, "target", "")
    return Outcome(Status.DONE, target, None, (("en", "gmw/en-us"),), 361_000)


def _noop(n: int) -> int:
    return n


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(count, timeout=120)


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _audio_minutes(folder: Path) -> float:
    manifests = [p for p in folder.glob("*.json") if not p.name.endswith(".chapters.json")]
    total = sum(int(json.loads(p.read_text("utf-8")).get("duration_ms", 0)) for p in manifests)
    return total / 60000 / max(1, len(manifests))


def _same_audio(endpoint: str, local: Path, prefix: str) -> bool:
    """Every local episode's audio is byte for byte the stored episode's of the same page.

    Episodes are paired by their manifests' `source`, not by name: a folder names an
    episode after its title, a store after the page's file name.
    """
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="bench", aws_secret_access_key="bench")  # fmt: skip

    def stored(key: str) -> bytes:
        body: bytes = s3.get_object(Bucket="bench", Key=key)["Body"].read()
        return body

    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="bench", Prefix=f"{prefix}/")
    keys = [o["Key"] for page in pages for o in page.get("Contents", ())]
    in_store = _audio_by_source(stored(key) for key in keys if _is_manifest(key))
    here = _audio_by_source(p.read_bytes() for p in local.glob("*.json") if _is_manifest(p.name))
    return (
        bool(here)
        and here.keys() == in_store.keys()
        and all(stored(f"{prefix}/{in_store[s]}") == (local / here[s]).read_bytes() for s in here)
    )


def _is_manifest(name: str) -> bool:
    return name.endswith(".json") and not name.endswith(".chapters.json")


def _audio_by_source(manifests: Iterable[bytes]) -> dict[str, str]:
    """source -> the audio file's name, from episode manifests (other JSON is left out)."""
    found: dict[str, str] = {}
    for raw in manifests:
        manifest = json.loads(raw)
        if isinstance(manifest, dict) and "source" in manifest and "audio" in manifest:
            found[str(manifest["source"])] = str(manifest["audio"])
    return found


def _bucket(endpoint: str, name: str) -> None:
    import boto3

    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                 aws_access_key_id="bench", aws_secret_access_key="bench",
                 ).create_bucket(Bucket=name)  # fmt: skip


def _quiet_aws(env: dict[str, str], work: Path) -> dict[str, str]:
    """No credentials of this machine's, and never the EC2 metadata address."""
    clean = {k: v for k, v in env.items() if not k.startswith("AWS_")}
    return clean | {
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_SHARED_CREDENTIALS_FILE": str(work / "no-credentials"),
        "AWS_CONFIG_FILE": str(work / "no-config"),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _moto() -> Iterator[tuple[str, int]]:
    """moto's S3 server on a free loopback port: its endpoint and process ID."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    os.environ["NARRATE_BENCH_MOTO_PORT"] = str(port)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)

