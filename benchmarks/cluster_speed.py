"""`benchmarks/speed.py --cluster`: what a Dask cluster costs a batch into a local folder.

The same folder of dev pages with `narrate batch --cluster local:2` and with
`--jobs 2`, alternating, each with an empty cache: the cluster should cost
little (target: within 10%), and give the same audio. The storage case (a
bucket, the bytes through the client, the projection to 10^5 articles) is
benchmarks/cluster_storage.py.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path

ARTICLES = 100_000
CORES = (10, 100, 1_000)
ARCHIVE_MINUTES = 6.0  # the archive: 10^4 hours of audio in 10^5 articles
LINK_BYTES_PER_S = 1e9 / 8  # the client's network link: 1 Gbit/s, assumed


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
