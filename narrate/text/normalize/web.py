"""Web furniture in running text: URLs, e-mail addresses, hashtags, handles, footnotes."""

from __future__ import annotations

import re
from typing import Literal

from narrate.text.normalize.tables import symbol_word

_FOOTNOTE = re.compile(
    r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|clarification needed)\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=\W|$)"
)
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"')\]]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|io|co|uk|ua|ru|de|info|news|tv)(?:/[^\s<>\"')\]]*)?\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b([\w.+-]+)@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z_]\w*)")
_HANDLE = re.compile(r"(?<![\w.])@([A-Za-z_]\w{0,30})\b")


def remove_footnotes(text: str) -> str:
    """Drop markers like [1], [a], [citation needed] and superscript digits."""
    return _FOOTNOTE.sub("", text)


def _domain(url: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    return re.split(r"[/?#:]", host, maxsplit=1)[0].lower()


def _say_domain(domain: str, lang: str) -> str:
    dot = symbol_word("dot", lang, "dot")
    return f" {dot} ".join(part for part in domain.split(".") if part)


def read_addresses(text: str, urls: Literal["domain", "drop"], lang: str) -> str:
    """URLs and e-mails become their spoken domain, or nothing; hashtags and handles read."""

    def email(match: re.Match[str]) -> str:
        if urls == "drop":
            return ""
        at = symbol_word("at", lang, "at")
        user = _say_domain(match.group(1), lang)
        return f"{user} {at} {_say_domain(match.group(2).lower(), lang)}"

    def url(match: re.Match[str]) -> str:
        raw = match.group(0).rstrip(".,;:!?")
        tail = match.group(0)[len(raw) :]
        spoken = "" if urls == "drop" else _say_domain(_domain(raw), lang)
        return spoken + tail

    text = _EMAIL.sub(email, text)
    text = _URL.sub(url, text)
    hashtag = symbol_word("hashtag", lang, "hashtag")
    text = _HASHTAG.sub(lambda m: f"{hashtag} {_split_camel(m.group(1))}", text)
    at = symbol_word("at", lang, "at")
    return _HANDLE.sub(lambda m: f"{at} {_split_camel(m.group(1))}", text)


def _split_camel(word: str) -> str:
    """'StandWithUkraine' -> 'Stand With Ukraine'; underscores become spaces."""
    word = word.replace("_", " ")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word).strip()
