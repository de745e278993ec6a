"""`benchmarks/speed.py --cluster`: what a Dask cluster costs a batch, and what it would take.

1. The same folder of dev pages with `narrate batch --cluster local:2` and with
   `--jobs 2`, alternating, each with an empty cache: the cluster should cost
   little (target: within 10%), and give the same audio.
2. The scheduler's cost per task on a LocalCluster of 2 processes: one trivial
   task's round trip, and trivial tasks' throughput.
3. The cluster's own cost per article: tasks that narrate nothing but carry an
   average page in and an average episode's files out, gathered as they
   finish and written atomically by the client, exactly as `--cluster` does.
4. Bytes moved per article (page in, files out, plus the pickled work unit).

From these, the time 10^5 average articles would take on 10, 100 and 1,000
worker cores, and which limit binds: the workers, the scheduler (tasks per
second), the client (receiving and writing files) or its network link.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ARTICLES = 100_000
CORES = (10, 100, 1_000)
ARCHIVE_MINUTES = 6.0  # the archive: 10^4 hours of audio in 10^5 articles
LINK_BYTES_PER_S = 1e9 / 8  # the client's network link: 1 Gbit/s, assumed
TRIVIAL_TASKS = 2_000
ECHO_TASKS = 300


def cluster_runs(folder: Path, work: Path, env: dict[str, str], repeat: int) -> None:
    import sys

    narrate = [sys.executable, "-m", "narrate"]
    pages = sorted(folder.iterdir())
    print(f"cluster: {len(pages)} dev pages, {os.cpu_count()} cores; alternating runs, medians")
    timings: dict[str, list[float]] = {"jobs": [], "cluster": []}
    cpu: dict[str, list[float]] = {"jobs": [], "cluster": []}
    ratios: list[float] = []
    options = {"jobs": ["--jobs", "2"], "cluster": ["--cluster", "local:2"]}
    for attempt in range(repeat):
        order = ("jobs", "cluster") if attempt % 2 == 0 else ("cluster", "jobs")
        seconds: dict[str, float] = {}
        for name in order:
            cache, out = work / f"cache-{name}", work / f"out-{name}"
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            command = [*narrate, "batch", str(folder), "-o", str(out), "-q", *options[name]]
            seconds[name], cpu_s = _run(command, dict(env, XDG_CACHE_HOME=str(cache)))
            timings[name].append(seconds[name])
            cpu[name].append(cpu_s)
        ratios.append(seconds["cluster"] / seconds["jobs"])
        print(
            f"  run {attempt + 1}: --jobs 2 {seconds['jobs']:5.1f} s ({cpu['jobs'][-1]:.0f} CPU s),"
            f" --cluster local:2 {seconds['cluster']:5.1f} s ({cpu['cluster'][-1]:.0f} CPU s):"
            f" {ratios[-1]:.2f} x"
        )
    cpu_ratio = statistics.median(c / j for c, j in zip(cpu["cluster"], cpu["jobs"], strict=True))
    print(
        f"CPU of the whole process tree, cluster / jobs: {cpu_ratio:.2f} x"
        f" (less noisy than wall time on a shared machine)"
    )
    same = _same_audio(work / "out-jobs", work / "out-cluster")
    ratio = statistics.median(ratios)
    cluster_s = statistics.median(timings["cluster"])
    verdict = "ok" if ratio <= 1.10 else "MISSED"
    print(
        f"batch     --jobs 2 {statistics.median(timings['jobs']):5.1f} s, --cluster local:2"
        f" {cluster_s:5.1f} s: {ratio:.2f} x (target <= 1.10) {verdict};"
        f" identical audio: {same}"
    )

    page_bytes = sum(p.stat().st_size for p in pages) / len(pages)
    outputs = [p for p in (work / "out-cluster").rglob("*") if p.is_file()]
    episodes = len(list((work / "out-cluster").rglob("*.json"))) or 1
    episode_bytes = sum(p.stat().st_size for p in outputs) / episodes
    audio_ms = _audio_ms(work / "out-cluster") / episodes
    unit_overhead = _unit_overhead()
    moved = page_bytes + episode_bytes + unit_overhead
    print(
        f"bytes moved per article: {moved / 1e3:.0f} kB (page {page_bytes / 1e3:.0f} kB in,"
        f" files {episode_bytes / 1e3:.0f} kB out, {unit_overhead} B of task and settings)"
    )

    costs = _scheduler_costs(int(page_bytes), int(episode_bytes), work)
    print(
        f"scheduler: one trivial task's round trip {costs['round_trip_ms']:.1f} ms;"
        f" trivial tasks {costs['per_task_ms']:.2f} ms each ({TRIVIAL_TASKS} at once)"
    )
    print(
        f"cluster's own cost per article (page in, files out, written by the client):"
        f" {costs['per_article_ms']:.1f} ms, of which the client's writing"
        f" {costs['write_ms']:.1f} ms"
    )

    # CPU, not wall time: on this shared machine a run waits for other users' work
    core_s = statistics.median(cpu["cluster"]) / len(pages)
    minutes = audio_ms / 60000
    print(
        f"an average dev article: {minutes:.1f} min of audio, {core_s:.2f} CPU seconds"
        f" (whole --cluster local:2 process tree, per article)"
    )
    _projection("dev articles", core_s, costs, moved)
    # the archive: 10^4 hours in 10^5 articles, 6 minutes each; work and bytes
    # out grow with the audio, and so does the client's share (it is mostly bytes)
    scale = ARCHIVE_MINUTES / minutes
    archive_costs = dict(costs, per_article_ms=costs["per_article_ms"] * scale)
    archive_moved = page_bytes + episode_bytes * scale + unit_overhead
    archive = f"{ARCHIVE_MINUTES:g}-minute articles"
    _projection(archive, core_s * scale, archive_costs, archive_moved)


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of a command's whole process tree.

    The CPU is read from /proc every 0.1 s for every process below the command
    (a LocalCluster's workers are the forkserver's children, which rusage of
    this process would not count): each process's own, not what it reaped,
    which would count a finished worker twice. Short ffmpeg runs, the same in
    both modes, are missed.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, float] = {}

    def sample() -> None:
        while process.poll() is None:
            _tree_cpu(process.pid, seen)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{errors.decode()[-2000:]}")
    return time.perf_counter() - start, sum(seen.values())


def _tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of `pid` and every process below it."""
    tick = os.sysconf("SC_CLK_TCK")
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            seen[current] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue


def _same_audio(first: Path, second: Path) -> bool:
    names = sorted(p.name for p in first.glob("*.mp3"))
    return bool(names) and all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def _audio_ms(folder: Path) -> int:
    import json

    return sum(
        int(json.loads(p.read_text("utf-8")).get("duration_ms", 0))
        for p in folder.glob("*.json")
        if not p.name.endswith(".chapters.json")
    )


def _unit_overhead() -> int:
    """Bytes a task carries besides the page: the work unit's fields and the job."""
    from narrate.core.settings import Settings
    from narrate.pipeline.cluster import ClusterJob, WorkUnit

    unit = WorkUnit("articles/some-article.html", "some-article.mp3", b"", None)
    job = ClusterJob(dataclasses.replace(Settings(), jobs=1), "0.1.0", ())
    return len(pickle.dumps((unit, job), protocol=5))


def _echo(page: bytes, size: int) -> tuple[tuple[str, bytes], ...]:
    """A task that narrates nothing: an episode's worth of bytes for a page's worth."""
    return (("episode.mp3", bytes(size - 1000)), ("episode.json", bytes(1000)))


def _noop(n: int) -> int:
    return n


def _scheduler_costs(page_bytes: int, episode_bytes: int, work: Path) -> dict[str, float]:
    from distributed import as_completed

    from narrate.core.files import write_bytes
    from narrate.pipeline.cluster.client import connect

    costs: dict[str, float] = {}
    with connect("local:2") as client:  # the cluster `--cluster local:2` starts
        client.submit(_noop, -1, pure=False).result()  # connections warm
        trips = []
        for n in range(100):
            start = time.perf_counter()
            client.submit(_noop, n, pure=False).result()
            trips.append(time.perf_counter() - start)
        costs["round_trip_ms"] = statistics.median(trips) * 1e3

        start = time.perf_counter()
        client.gather(client.map(_noop, range(TRIVIAL_TASKS), pure=False))
        costs["per_task_ms"] = (time.perf_counter() - start) * 1e3 / TRIVIAL_TASKS

        page = os.urandom(page_bytes)
        out = Path(tempfile.mkdtemp(dir=work))
        writing = 0.0
        start = time.perf_counter()
        finished = as_completed(with_results=True)
        submitted = 0
        in_flight = 4  # two per worker thread, as --cluster keeps
        for _ in range(in_flight):
            finished.add(client.submit(_echo, page, episode_bytes, pure=False))
            submitted += 1
        for number, (future, files) in enumerate(finished):
            begin = time.perf_counter()
            for name, data in files:
                write_bytes(out / f"{number}-{name}", data)
            writing += time.perf_counter() - begin
            future.release()
            if submitted < ECHO_TASKS:
                finished.add(client.submit(_echo, page, episode_bytes, pure=False))
                submitted += 1
        elapsed = time.perf_counter() - start
        # two workers ran the tasks side by side: the cost per article is the client's pace
        costs["per_article_ms"] = elapsed * 1e3 / ECHO_TASKS
        costs["write_ms"] = writing * 1e3 / ECHO_TASKS
        shutil.rmtree(out, ignore_errors=True)
    return costs


def _projection(what: str, core_s: float, costs: dict[str, float], moved: float) -> None:
    """Time for ARTICLES articles on more cores: the slowest of the four rates bounds it."""
    print(
        f"projection for {ARTICLES:,} {what} ({core_s:.1f} CPU s, {moved / 1e6:.1f} MB each;"
        f" client link {LINK_BYTES_PER_S * 8 / 1e9:g} Gbit/s assumed):"
    )
    print("  worker cores | workers alone | scheduler | client | link | projected | bound by")
    limits = {
        "scheduler": costs["per_task_ms"] / 1e3,
        "client": costs["per_article_ms"] / 1e3,
        "network": moved / LINK_BYTES_PER_S,
    }
    for cores in CORES:
        rates = {"workers": core_s / cores, **limits}
        bound = max(rates, key=lambda name: rates[name])
        times = {name: ARTICLES * seconds for name, seconds in rates.items()}
        print(
            f"  {cores:>12,} | {_hours(times['workers']):>13} | {_hours(times['scheduler']):>9}"
            f" | {_hours(times['client']):>6} | {_hours(times['network']):>4}"
            f" | {_hours(times[bound]):>9} | {bound}"
        )


def _hours(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"
