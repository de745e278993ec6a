"""Train the line model for page copies and report its site-disjoint cross-validation.

    .venv/bin/python benchmarks/train_lines.py [--data DIR] [--mix M ...] [--center C ...]
        [--l2 L] [--write]

Labels come from the shared dev data, never copied into the code: on
`dev-phrases` a line of the page copy holding a phrase that must be read is
article text (1), one holding a phrase that must not be read is furniture (0),
other lines are unlabelled; on `dev` a line whose 4-token shingles are mostly in
the true body is 1, mostly absent 0. Features are `text_features.FEATURES`
(structural, no words). The model is a logistic regression fitted with Newton
steps (numpy, at training time only).

Cross-validation is site-disjoint, as in benchmarks/extraction.py: fit on the
sites of half A and score half B with the real extractor and the real metrics
(shingle F1 on dev, phrase F1 on dev-phrases), then the other way round, for
each mix (how far the model moves a line's score) and centre (the chance below
which a line loses). The rules alone are scored beside it. `--write` fits on all
pages and writes narrate/text/extract/pagecopy/weights.py with the first mix,
centre and tail threshold given (a tail the rules would cut is kept when the
model's mean chance for its lines reaches it; above 1: never); do that only
when both directions gain.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
from extraction import (  # type: ignore[import-not-found]
    DEFAULT_DATA,
    REPO,
    Page,
    dev_pages,
    load_module,
    phrase_pages,
    read_page,
    run_narrate,
    summarise,
)
from labels import phrase_labels, truth_labels  # type: ignore[import-not-found]
from logistic import newton_fit  # type: ignore[import-not-found]

from narrate.text.extract.pagecopy import weights as text_weights
from narrate.text.extract.pagecopy.features import FEATURES, line_features
from narrate.text.extract.pagecopy.lines import split_lines
from narrate.text.extract.pagecopy.scores import listed_lines
from narrate.text.extract.trained import names_digest


@dataclass
class Sample:
    """One page copy with its line features and labels (nan: unlabelled)."""

    dataset: str
    page: Page
    text: str
    x: np.ndarray
    y: np.ndarray


def load_samples(data: Path) -> list[Sample]:
    samples: list[Sample] = []
    for dataset, folder, pages in (
        ("dev", "dev", dev_pages(data)),
        ("phrases", "dev-phrases", phrase_pages(data)),
    ):
        for page in pages:
            text = read_page(data / folder / "dump" / f"{page.pid}.txt")
            lines = split_lines(text)
            if dataset == "dev":
                truth = (data / folder / "truth" / f"{page.pid}.txt").read_text("utf-8")
                y = truth_labels([line.text for line in lines], truth)
            else:
                y = phrase_labels([line.text for line in lines], page)
            rows = line_features(lines, listed_lines(lines))
            x = np.array(rows, dtype=np.float64).reshape(len(lines), len(FEATURES))
            samples.append(Sample(dataset, page, text, x, y))
    return samples


def fit(samples: list[Sample], l2: float, dev_weight: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton steps with an L2 penalty (not on the bias).

    Each page counts once (dev pages `dev_weight` times), its labelled lines sharing it.
    """
    xs, ys, ws = [], [], []
    for s in samples:
        keep = ~np.isnan(s.y)
        if not keep.any():
            continue
        xs.append(s.x[keep])
        ys.append(s.y[keep])
        share = (dev_weight if s.dataset == "dev" else 1.0) / keep.sum()
        ws.append(np.full(keep.sum(), share))
    return newton_fit(xs, ys, ws, l2)


def _set_model(
    weights: np.ndarray | None, bias: float, mix: float, center: float, tail: float = 1.1
) -> None:
    text_weights.ENABLED = weights is not None  # type: ignore[misc]
    if weights is not None:
        text_weights.FEATURES_DIGEST = names_digest(FEATURES)  # type: ignore[misc]
        text_weights.WEIGHTS = tuple(float(v) for v in weights)  # type: ignore[misc]
        text_weights.BIAS = bias  # type: ignore[misc]
        text_weights.MIX = mix  # type: ignore[misc]
        text_weights.CENTER = center  # type: ignore[misc]
        text_weights.TAIL_KEEP = tail  # type: ignore[misc]


def _set_second(triple: str) -> None:
    keep, drop, gap, union, heading = (float(v) for v in triple.split(","))
    text_weights.HEADING_BELOW = heading  # type: ignore[misc]
    text_weights.UNION = bool(union)  # type: ignore[misc]
    text_weights.REACH_GAP = int(gap)  # type: ignore[misc]
    text_weights.KEEP_ABOVE = keep  # type: ignore[misc]
    text_weights.DROP_BELOW = drop  # type: ignore[misc]


def score(samples: list[Sample], scorer: ModuleType, data: Path) -> str:
    """Shingle F1 on the dev pages and phrase F1 on the phrase pages, with the real extractor."""
    parts = []
    for dataset in ("dev", "phrases"):
        chosen = [s for s in samples if s.dataset == dataset]
        run = run_narrate("text", with_title=dataset == "phrases")
        results = {s.page.pid: run(s.text, s.page) for s in chosen}
        truth = data / "dev" / "truth" if dataset == "dev" else None
        figure = summarise(dataset, [s.page for s in chosen], results, scorer, truth)[0]
        parts.append(f"{dataset} {figure.split(' / ')[0] if dataset == 'dev' else figure}")
    return " | ".join(parts)


def write_weights(weights: np.ndarray, bias: float, mix: float, center: float, tail: float) -> Path:
    path = REPO / "narrate" / "text" / "extract" / "pagecopy" / "weights.py"
    lines = [
        '"""Line model weights: written by benchmarks/train_lines.py; do not edit by hand."""',
        "",
        "from __future__ import annotations",
        "",
        "ENABLED = True",
        f'FEATURES_DIGEST = "{names_digest(FEATURES)}"',
        "WEIGHTS = (",
        *(f"    {value:.4f},  # {name}" for name, value in zip(FEATURES, weights, strict=True)),
        ")",
        f"BIAS = {bias:.4f}",
        f"MIX = {mix}",
        f"CENTER = {center}",
        f"TAIL_KEEP = {tail}",
        f"KEEP_ABOVE = {text_weights.KEEP_ABOVE}",
        f"DROP_BELOW = {text_weights.DROP_BELOW}",
        f"REACH_GAP = {text_weights.REACH_GAP}",
        f"UNION = {text_weights.UNION}",
        f"HEADING_BELOW = {text_weights.HEADING_BELOW}",
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mix", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    parser.add_argument("--center", type=float, nargs="+", default=[0.5])
    parser.add_argument("--tail-keep", type=float, nargs="+", default=[1.1])
    parser.add_argument(
        "--second",
        nargs="+",
        default=["0.8,0.2,2,1,-1"],
        help="KEEP_ABOVE,DROP_BELOW,REACH_GAP,UNION,HEADING_BELOW for the second look",
    )
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--dev-weight", type=float, default=1.0)
    parser.add_argument("--write", action="store_true", help="fit on all pages, write weights")
    args = parser.parse_args(argv)
    try:
        scorer = load_module(args.data.parent / "tools" / "score.py", "narrate_train_score")
    except FileNotFoundError as exc:
        print(f"skipped: scorer {exc} missing")
        return 0
    samples = load_samples(args.data)
    halves = {h: [s for s in samples if s.page.half == h] for h in "AB"}
    for fit_on, test_on in (("A", "B"), ("B", "A")):
        weights, bias = fit(halves[fit_on], args.l2, args.dev_weight)
        _set_model(None, 0.0, 0.0, 0.5)
        print(f"fit {fit_on} -> score {test_on}")
        print(f"  rules only            {score(halves[test_on], scorer, args.data)}")
        for mix in args.mix:
            for center in args.center:
                for tail in args.tail_keep:
                    for second in args.second:
                        _set_model(weights, bias, mix, center, tail)
                        _set_second(second)
                        figures = score(halves[test_on], scorer, args.data)
                        print(f"  mix {mix} center {center} tail {tail} {second:14} {figures}")
    if args.write:
        weights, bias = fit(samples, args.l2, args.dev_weight)
        _set_second(args.second[0])
        for name, value in zip(FEATURES, weights, strict=True):
            print(f"  {name:20} {value:+.3f}")
        path = write_weights(weights, bias, args.mix[0], args.center[0], args.tail_keep[0])
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
