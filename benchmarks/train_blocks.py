"""Train the HTML block model and report its site-disjoint cross-validation.

    .venv/bin/python benchmarks/train_blocks.py [--data DIR] [--write]

Labels come from the shared dev data, never copied into the code: on
`dev-phrases` a block holding a phrase that must be read is article text (1), one
holding a phrase that must not be read is furniture (0), other blocks are
unlabelled; on `dev` a block whose 4-token shingles are mostly in the true body
is 1, mostly absent 0. Features are `html_features.FEATURES` (structural, no
words). The model is a logistic regression fitted with Newton steps (numpy).

Cross-validation is site-disjoint, as in benchmarks/extraction.py: fit on the
sites of half A and score half B with the real extractor and the real metrics
(shingle F1 on dev, phrase F1 on dev-phrases), then the other way round. The
rules alone are scored beside it. `--write` fits on all pages and writes
narrate/text/extract/html/weights.py; do that only when both directions gain.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
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
    phrase_counts,
    phrase_pages,
    read_page,
)
from labels import norm, phrase_labels, truth_labels  # type: ignore[import-not-found]
from logistic import newton_fit  # type: ignore[import-not-found]
from lxml.html import HtmlElement

from narrate.text.extract.html import model as html_model
from narrate.text.extract.html import weights as html_weights
from narrate.text.extract.html.apparatus import drop_marks
from narrate.text.extract.html.dom import RawBlock, parse_html, strip_unread, walk_blocks
from narrate.text.extract.html.extract import after_model, declared_body, rule_verdicts
from narrate.text.extract.html.features import FEATURES, JudgedPage, Verdict, features
from narrate.text.extract.html.figures import mark_figures
from narrate.text.extract.html.meta import PageMeta, read_meta
from narrate.text.extract.html.model import RULES_ONLY, reconsider
from narrate.text.extract.html.second import coverage, read_agreed, second_text
from narrate.text.extract.html.short import short_article
from narrate.text.extract.trained import names_digest

_LR_PROBABILITIES = html_model.probabilities


@dataclass
class Sample:
    """One page, parsed and judged by the rules, with its labels (nan: unlabelled)."""

    dataset: str
    page: Page
    title: str
    meta: PageMeta
    raw: list[RawBlock]
    verdicts: list[Verdict]
    container: HtmlElement | None
    x: np.ndarray
    y: np.ndarray
    truth: str
    second: list[float | None]
    root: HtmlElement


SECOND_MODES: dict[str, dict[str, bool]] = {
    "default": {},
    "fast": {"fast": True},
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
}


def _second(root: HtmlElement, url: str, raw: list[RawBlock], mode: str) -> list[float | None]:
    if mode == "none":
        return [None] * len(raw)
    if mode == "shipped":
        return coverage(raw, second_text(root, url))
    import trafilatura  # type: ignore[import-not-found]

    try:
        text = trafilatura.extract(
            root, url=url, include_comments=False, include_tables=True, **SECOND_MODES[mode]
        )
    except Exception:
        text = None
    return coverage(raw, text or None)


def load_samples(data: Path, second_mode: str = "shipped") -> list[Sample]:
    samples: list[Sample] = []
    for dataset, folder, pages in (
        ("dev", "dev", dev_pages(data)),
        ("phrases", "dev-phrases", phrase_pages(data)),
    ):
        for page in pages:
            root = parse_html(read_page(data / folder / "html" / f"{page.pid}.html"))
            if root is None:
                continue
            drop_marks(root)  # as extract_html: before the headline and the blocks are read
            meta = read_meta(root, page.url)
            mark_figures(root)
            strip_unread(root)
            body = root.find("body")
            raw: list[RawBlock] = []
            walk_blocks(body if body is not None else root, raw)
            container, verdicts = rule_verdicts(root, raw, meta)
            second = _second(root, page.url, raw, second_mode)
            truth = ""
            if dataset == "dev":
                truth = (data / folder / "truth" / f"{page.pid}.txt").read_text("utf-8")
                y = truth_labels([b.text for b in raw], truth)
            else:
                y = phrase_labels([norm(b.text) for b in raw], page)
            x = (
                features(JudgedPage(raw, verdicts, container, second))
                if container is not None and raw
                else np.zeros((len(raw), len(FEATURES)))
            )
            samples.append(
                Sample(
                    dataset,
                    page,
                    meta.title or "",
                    meta,
                    raw,
                    verdicts,
                    container,
                    x,
                    y,
                    truth,
                    second,
                    root,
                )
            )
    return samples


# --- fitting ----------------------------------------------------------------------------------


def _weights(sample: Sample, dev_weight: float) -> np.ndarray:
    """Each page counts once (dev pages `dev_weight` times): its labelled blocks share 1.

    Blocks the model never decides (headlines, tables, code) are left out.
    """
    labelled = ~np.isnan(sample.y) & np.array(
        [b.kind not in RULES_ONLY for b in sample.raw], dtype=bool
    )
    sizes = np.array([math.sqrt(len(b.text)) for b in sample.raw])
    w = np.where(labelled, sizes, 0.0)
    total = w.sum()
    if total == 0:
        return w
    return w / total * (dev_weight if sample.dataset == "dev" else 1.0)


def fit(samples: list[Sample], l2: float, dev_weight: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton steps with an L2 penalty (not on the bias)."""
    xs, ys, ws = [], [], []
    for s in samples:
        w = _weights(s, dev_weight)
        keep = w > 0
        xs.append(s.x[keep])
        ys.append(s.y[keep])
        ws.append(w[keep])
    return newton_fit(xs, ys, ws, l2)


# --- scoring with the real extractor ------------------------------------------------------------


def fit_trees(samples: list[Sample], dev_weight: float, trees: int, depth: int) -> object:
    """Gradient-boosted trees (scikit-learn, at training time only; `pip install scikit-learn`)."""
    try:
        from sklearn.ensemble import GradientBoostingClassifier
    except ImportError:
        raise SystemExit("--trees needs scikit-learn: .venv/bin/pip install scikit-learn") from None

    xs, ys, ws = [], [], []
    for s in samples:
        w = _weights(s, dev_weight)
        keep = w > 0
        xs.append(s.x[keep])
        ys.append(s.y[keep])
        ws.append(w[keep])
    w = np.concatenate(ws)
    model = GradientBoostingClassifier(
        n_estimators=trees, max_depth=depth, learning_rate=0.1, subsample=0.8, random_state=0
    )
    model.fit(np.vstack(xs), np.concatenate(ys), sample_weight=w / w.mean())
    return model


def _set_trees(model: object, drop: float, keep: float) -> None:
    html_weights.ENABLED = True  # type: ignore[misc]
    html_weights.DROP_BELOW = drop  # type: ignore[misc]
    html_weights.KEEP_ABOVE = keep  # type: ignore[misc]
    html_model.probabilities = lambda m, alone=False: model.predict_proba(m)[:, 1]  # type: ignore[attr-defined]


Fit = tuple[np.ndarray, float]
SECOND_AT = [i for i, name in enumerate(FEATURES) if name.startswith("second_")]


def _alone(samples: list[Sample]) -> list[Sample]:
    """The same pages as the model sees them when there is no second opinion."""
    out = []
    for s in samples:
        x = s.x.copy()
        x[:, SECOND_AT] = 0.0
        out.append(dataclasses.replace(s, x=x))
    return out


def fit_pair(samples: list[Sample], l2: float, dev_weight: float) -> tuple[Fit, Fit]:
    """The model with the second opinion, and the one used when there is none."""
    return fit(samples, l2, dev_weight), fit(_alone(samples), l2, dev_weight)


def _set_model(pair: tuple[Fit, Fit] | None, drop: float, keep: float) -> None:
    html_model.probabilities = _LR_PROBABILITIES
    html_weights.ENABLED = pair is not None  # type: ignore[misc]
    if pair is not None:
        (weights, bias), (alone, alone_bias) = pair
        html_weights.WEIGHTS = tuple(float(v) for v in weights)  # type: ignore[misc]
        html_weights.BIAS = bias  # type: ignore[misc]
        html_weights.ALONE_WEIGHTS = tuple(float(v) for v in alone)  # type: ignore[misc]
        html_weights.ALONE_BIAS = alone_bias  # type: ignore[misc]
        html_weights.DROP_BELOW = drop  # type: ignore[misc]
        html_weights.KEEP_ABOVE = keep  # type: ignore[misc]


VOTE = {"mode": "", "low": 0.2, "high": 0.8}


def _vote(sample: Sample, reasons: list[str | None]) -> list[str | None]:
    """Experiment: simple votes with the second opinion after the model (--vote)."""
    mode = str(VOTE["mode"])
    if not mode or all(s is None for s in sample.second):
        return reasons
    out = list(reasons)
    for i, (block, share) in enumerate(zip(sample.raw, sample.second, strict=True)):
        if share is None or block.kind in RULES_ONLY or block.kind == "heading":
            continue
        inside = sample.verdicts[i].inside
        if out[i] is None and mode in ("veto", "both") and share < float(VOTE["low"]):
            out[i] = "second-opinion"
        elif (
            out[i] is not None
            and out[i] != "title"
            and mode in ("rescue", "both", "rescue-in")
            and share > float(VOTE["high"])
            and (inside or mode != "rescue-in")
        ):
            out[i] = None
    return out


def read_text(sample: Sample) -> str:
    """What narrate reads of the page (headline first on dev-phrases, as the benchmark),
    through the steps `extract_html` takes after the block model."""
    if sample.container is None:
        kept, _ = short_article(sample.root, sample.raw, sample.meta)
    else:
        page = JudgedPage(sample.raw, sample.verdicts, sample.container, sample.second)
        reasons = reconsider(page)
        reasons = read_agreed(sample.raw, _vote(sample, reasons), sample.second)
        kept, _ = after_model(sample.raw, sample.verdicts, reasons, sample.meta)
    kept, _ = declared_body(kept, [], sample.meta.body)
    parts = [b.text for b in kept]
    if sample.dataset == "phrases":
        parts.insert(0, sample.title or "Untitled")
    return "\n\n".join(parts)


def score(samples: list[Sample], scorer: ModuleType) -> dict[str, str]:
    """Figures per data set for these pages: dev mean shingle F1, phrases pooled phrase F1."""
    out: dict[str, str] = {}
    dev = [s for s in samples if s.dataset == "dev"]
    if dev:
        f1s = [scorer.page_scores(read_text(s), s.truth)["f1"] for s in dev]
        share = sum(f >= 0.9 for f in f1s) / len(f1s)
        out["dev"] = f"{statistics.fmean(f1s):.3f} / {share:.2f}"
    phr = [s for s in samples if s.dataset == "phrases"]
    if phr:
        tp = fn = fp = 0
        for s in phr:
            a, b, c, _ = phrase_counts(read_text(s), s.page)
            tp, fn, fp = tp + a, fn + b, fp + c
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        out["phrases"] = f"{2 * p * r / max(p + r, 1e-9):.3f} (P {p:.3f} R {r:.3f})"
    return out


def keep_texts(samples: list[Sample], folder: Path) -> None:
    """Each page's text as read, in folder/<data set>/<id>.txt (to see what the CV misses)."""
    for s in samples:
        out = folder / s.dataset
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{s.page.pid}.txt").write_text(read_text(s), "utf-8")


def halves(samples: list[Sample]) -> Iterator[tuple[str, list[Sample], list[Sample]]]:
    for held in "AB":
        train = [s for s in samples if s.page.half != held]
        test = [s for s in samples if s.page.half == held]
        yield held, train, test


def write_weights(pair: tuple[Fit, Fit], drop: float, keep: float) -> Path:
    (weights, bias), (alone, alone_bias) = pair
    path = REPO / "narrate" / "text" / "extract" / "html" / "weights.py"
    lines = [
        '"""Block model weights: written by benchmarks/train_blocks.py; do not edit by hand."""',
        "",
        "from __future__ import annotations",
        "",
        "ENABLED = True",
        f'FEATURES_DIGEST = "{names_digest(FEATURES)}"',
        "WEIGHTS = (",
        *(f"    {value:.4f},  # {name}" for name, value in zip(FEATURES, weights, strict=True)),
        ")",
        f"BIAS = {bias:.4f}",
        "# without a second opinion (trafilatura missing, failed or found nothing)",
        "ALONE_WEIGHTS = (",
        *(f"    {value:.4f},  # {name}" for name, value in zip(FEATURES, alone, strict=True)),
        ")",
        f"ALONE_BIAS = {alone_bias:.4f}",
        f"DROP_BELOW = {drop}",
        f"KEEP_ABOVE = {keep}",
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--l2", type=float, default=0.3)
    parser.add_argument("--dev-weight", type=float, default=2.0)
    parser.add_argument("--drop", type=float, nargs="+", default=[0.2])
    parser.add_argument("--keep", type=float, nargs="+", default=[0.8])
    parser.add_argument("--trees", type=int, default=0, help="boosted trees instead of LR")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="fit on all pages, write weights")
    parser.add_argument(
        "--second",
        choices=["none", "shipped", *SECOND_MODES],
        default="shipped",
        help="the second opinion's trafilatura options (none: without it)",
    )
    parser.add_argument("--vote", choices=["", "veto", "rescue", "rescue-in", "both"], default="")
    parser.add_argument("--vote-low", type=float, default=0.2)
    parser.add_argument("--vote-high", type=float, default=0.8)
    parser.add_argument("--no-fit", action="store_true", help="score the shipped weights only")
    parser.add_argument("--cv-only", action="store_true", help="the figures, not the weights")
    parser.add_argument("--texts", type=Path, help="write each page's cross-validated text here")
    args = parser.parse_args(argv)
    try:
        scorer = load_module(args.data.parent / "tools" / "score.py", "narrate_train_score")
    except FileNotFoundError as exc:
        print(f"skipped: scorer {exc} missing")
        return 0
    samples = load_samples(args.data, args.second)
    labelled = Counter((s.dataset, int(v)) for s in samples for v in s.y[~np.isnan(s.y)])
    print(f"{len(samples)} pages; labelled blocks {dict(labelled)}")
    shipped = (
        (
            (np.asarray(html_weights.WEIGHTS), html_weights.BIAS),
            (np.asarray(html_weights.ALONE_WEIGHTS), html_weights.ALONE_BIAS),
        ),
        html_weights.DROP_BELOW,
        html_weights.KEEP_ABOVE,
    )
    _set_model(None, 0.0, 1.0)
    rules = {held: score(test, scorer) for held, _, test in halves(samples)}
    print(f"rules only       | A {rules['A']} | B {rules['B']} | all {score(samples, scorer)}")
    _set_model(*shipped)
    now = {held: score(test, scorer) for held, _, test in halves(samples)}
    print(f"shipped weights  | A {now['A']} | B {now['B']} | all {score(samples, scorer)}")
    if args.vote:
        # the votes come after the model fitted without the second opinion
        alone = shipped[0][1]
        _set_model((alone, alone), shipped[1], shipped[2])
        now = {held: score(test, scorer) for held, _, test in halves(samples)}
        print(f"shipped alone    | A {now['A']} | B {now['B']} | all {score(samples, scorer)}")
        VOTE.update(mode=args.vote, low=args.vote_low, high=args.vote_high)
        now = {held: score(test, scorer) for held, _, test in halves(samples)}
        every = score(samples, scorer)
        print(f"shipped + {args.vote:7}| A {now['A']} | B {now['B']} | all {every}")
        VOTE["mode"] = ""
    if args.no_fit:
        return 0
    if args.trees:
        tfits = {
            h: fit_trees(tr, args.dev_weight, args.trees, args.depth)
            for h, tr, _ in halves(samples)
        }
        tfull = fit_trees(samples, args.dev_weight, args.trees, args.depth)
        for drop in args.drop:
            for keep in args.keep:
                cv = {}
                for held, _, test in halves(samples):
                    _set_trees(tfits[held], drop, keep)
                    cv[held] = score(test, scorer)
                _set_trees(tfull, drop, keep)
                print(
                    f"gbm drop<{drop} keep>{keep} | A {cv['A']} | B {cv['B']}"
                    f" | full fit, all pages {score(samples, scorer)}"
                )
        return 0
    fits = {held: fit_pair(train, args.l2, args.dev_weight) for held, train, _ in halves(samples)}
    full = fit_pair(samples, args.l2, args.dev_weight)
    for drop in args.drop:
        for keep in args.keep:
            cv = {}
            for held, _, test in halves(samples):
                _set_model(fits[held], drop, keep)
                cv[held] = score(test, scorer)
                if args.texts:
                    keep_texts(test, args.texts)
            _set_model(full, drop, keep)
            print(
                f"cv drop<{drop} keep>{keep} | A {cv['A']} | B {cv['B']}"
                f" | full fit, all pages {score(samples, scorer)}"
            )
    if args.cv_only:
        return 0
    for name, value in sorted(zip(FEATURES, full[0][0], strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {value:+7.3f} {name}")
    if args.write:
        print(f"wrote {write_weights(full, args.drop[0], args.keep[0])}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
