"""Extraction quality and speed on the dev pages: HTML and plain-text page dumps.

    .venv/bin/python benchmarks/extraction.py [--data DIR] [--worst N]

Runs `narrate.text.extract.extract` over DATA/html/*.html and DATA/dump/*.txt, writes
the body blocks of each page to a temporary folder, scores them against
DATA/truth with the shared scorer (DATA/../../tools/score.py: 4-token shingle
precision/recall/F1 per page) and prints, per input kind, mean P/R/F1, the share
of pages at F1 >= 0.9 and milliseconds per page, next to the reference figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from narrate.core.errors import NarrateError
from narrate.core.models import Document, MediaType
from narrate.text.extract import extract

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "dev"
KINDS: tuple[tuple[MediaType, str, str], ...] = (
    ("html", "html", "*.html"),
    ("text", "dump", "*.txt"),
)
ANCHORS = {
    "html": "trafilatura 2.0.0 0.931/0.79, newspaper4k 0.946/0.83, readability-lxml 0.910/0.81",
    "text": "HTML extractors fed the dump 0.62-0.68, whole page 0.633/0.13",
}
TARGETS = {
    "html": "mean F1 >= 0.96, pages at F1 >= 0.9: >= 0.90 (issue 3)",
    "text": "mean F1 >= 0.93, pages at F1 >= 0.9: >= 0.85 (issue 3)",
}


def load_scorer(data: Path) -> ModuleType:
    """Import the shared score.py that sits at DATA/../../tools/score.py."""
    path = data.resolve().parents[1] / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("narrate_bench_score", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(kind: MediaType, files: list[Path], out: Path) -> tuple[list[float], int]:
    """Write each page's body text to out/<id>.txt; return (seconds per page, failures)."""
    seconds: list[float] = []
    failures = 0
    for path in files:
        doc = Document(
            source=str(path), text=path.read_text("utf-8"), media_type=kind, charset="utf-8"
        )
        start = time.perf_counter()
        try:
            article = extract(doc)
            body = "\n\n".join(block.text for block in article.blocks)
        except NarrateError:
            body = ""
            failures += 1
        seconds.append(time.perf_counter() - start)
        (out / f"{path.stem}.txt").write_text(body, "utf-8")
    return seconds, failures


def report(
    kind: str, seconds: list[float], failures: int, result: dict[str, Any], worst: int
) -> None:
    s = result["summary"]
    ms = sorted(1000 * t for t in seconds) or [0.0]
    print(
        f"[{kind}] pages={s['n_pages']} P={s['precision']:.3f} R={s['recall']:.3f} "
        f"F1={s['f1']:.3f} F1>=0.9: {s['frac_f1_ge']:.3f}  no-article={failures}"
    )
    print(
        f"    speed:   {statistics.mean(ms):.1f} ms/page mean, "
        f"{statistics.median(ms):.1f} median, {ms[-1]:.1f} max"
    )
    print(f"    anchors: {ANCHORS[kind]}")
    print(f"    target:  {TARGETS[kind]}")
    if worst:
        pages = sorted(result["pages"].items(), key=lambda item: item[1]["f1"])[:worst]
        for pid, r in pages:
            print(
                f"    {pid[:16]}  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
                f"  pred={r['pred_tokens']} true={r['true_tokens']}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dev data folder")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per kind")
    parser.add_argument("--kind", choices=["html", "text"], help="only this input kind")
    parser.add_argument("--keep", type=Path, help="also keep the predictions in KEEP/<kind>/")
    args = parser.parse_args(argv)
    data: Path = args.data
    truth = data / "truth"
    if not truth.is_dir():
        print(f"skipped: {truth} missing")
        return 0
    try:
        scorer = load_scorer(data)
    except FileNotFoundError as exc:
        print(f"skipped: scorer {exc} missing")
        return 0
    for kind, folder, pattern in KINDS:
        if args.kind and kind != args.kind:
            continue
        files = sorted((data / folder).glob(pattern))
        if not files:
            print(f"[{kind}] skipped: {data / folder} missing or empty")
            continue
        with tempfile.TemporaryDirectory(prefix=f"narrate-{folder}-") as tmp:
            out = Path(tmp)
            if args.keep:
                out = args.keep / kind
                out.mkdir(parents=True, exist_ok=True)
            seconds, failures = predict(kind, files, out)
            result = scorer.score_paths(out, truth)
        report(kind, seconds, failures, result, args.worst)
    seed_report(data, scorer)
    return 0


def seed_report(data: Path, scorer: ModuleType) -> None:
    """The seed page: its headline and body against the expected text (target F1 >= 0.98)."""
    seed = data.parent / "seed" / "000_aa3e79220b873b39.txt"
    expected = seed.with_name("000_aa3e79220b873b39.expected.txt")
    if not (seed.is_file() and expected.is_file()):
        print(f"[seed] skipped: {seed} missing")
        return
    document = Document(str(seed), seed.read_text("utf-8"), "text", "utf-8")
    article = extract(document)
    spoken = "\n".join([article.title, *(block.text for block in article.blocks)])
    score = scorer.page_scores(spoken, expected.read_text("utf-8"))
    print(f"[seed] F1={score['f1']:.3f} (target >= 0.98), title: {article.title!r}")


if __name__ == "__main__":
    sys.exit(main())
