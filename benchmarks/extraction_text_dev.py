"""Score the plain-text extractor on the dev page dumps (and the seed page).

    .venv/bin/python benchmarks/extraction_text_dev.py [--out DIR] [--per-page]

Writes one prediction per page (the body blocks joined by newlines) to DIR and
runs the shared score.py on them; prints milliseconds per page as well.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from narrate.extract.text import extract_text
from narrate.models import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "dev"
SEED = SHARED / "data" / "seed" / "000_aa3e79220b873b39.txt"
SCORE = SHARED / "tools" / "score.py"


def predict(path: Path) -> tuple[str, str, float]:
    """Title, body text and milliseconds taken for one page dump."""
    text = path.read_text("utf8")
    doc = Document(source=str(path), text=text, media_type="text", charset="utf-8")
    began = time.perf_counter()
    article = extract_text(doc)
    took = (time.perf_counter() - began) * 1000
    return article.title, "\n".join(block.text for block in article.blocks), took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="text-dev-")))
    parser.add_argument("--per-page", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    times = []
    for dump in sorted((DEV / "dump").glob("*.txt")):
        _, body, took = predict(dump)
        times.append(took)
        (args.out / dump.name).write_text(body, "utf8")
    extra = ["--per-page"] if args.per_page else []
    score = [sys.executable, str(SCORE), str(args.out), str(DEV / "truth"), *extra]
    subprocess.run(score, check=True)
    print(f"ms/page: mean {sum(times) / len(times):.1f}, max {max(times):.1f}")
    if SEED.is_file():
        title, body, _ = predict(SEED)
        seed_pred = args.out / "seed.txt"
        seed_pred.write_text(f"{title}\n{body}", "utf8")
        print(f"seed title: {title!r}")
        expected = SEED.with_name(SEED.stem + ".expected.txt")
        subprocess.run([sys.executable, str(SCORE), str(seed_pred), str(expected)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
