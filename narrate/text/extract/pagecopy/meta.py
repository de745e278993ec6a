"""Headline, byline and publication date of a page dump, found above the body.

The headline is the headline-shaped line before the body that shares the most
words with the body's opening (menus come first on most pages, so "the first
line" is wrong); the byline and date are looked for between it and the body.
"""

from __future__ import annotations

import re

from narrate.core.models import UNTITLED
from narrate.text.extract.dates import MONTHS, find_date
from narrate.text.extract.pagecopy import rules
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.words import CJK, WORD

_LOOK_BACK = 40  # lines above the body searched for the headline
_LOOK_INTO = 3  # lines at the body's start that may be its headline
_OPENING_WORDS = 150  # words of text after a candidate it is compared with
# A short sentence at the body's start (a breadcrumb ending in '!', an affiliate
# notice) can stand above the headline; a paragraph this long is the article's own.
_NOTICE_MAX_WORDS = 25
_DECK_MIN_HEAD_WORDS = 6  # a headline above its deck is a phrase, not a kicker
# ...and a fifth of its words at least (one in five) are in the body: 'Despite everything,
# U.S. emissions dipped in 2019' over its deck shares 'emissions' alone. Copy titles right:
# dev-phrases A 107 -> 108, B and dev unchanged; a third (as before) or a share of two
# words found one page fewer (docs/benchmarks.md, thresholds).
_HEAD_SHARED_SHARE = 0.2
_BYLINE_END = re.compile(
    r"\s*(?:[|•·,–—-]|\b(?:updated|published|on|em|pada|am|il|le)\b|\d).*$", re.I
)


def find_title(lines: list[Line], body_start: int) -> tuple[str, int | None]:
    """The headline and its line index (None when it is not a line of its own).

    Candidates are the headline-shaped lines above the body and the first lines
    of the body before its first paragraph (a copy often starts the body run at
    a question or exclamation headline, which reads as a sentence). Each is
    scored by how many of its words the text after it repeats, and by closeness
    to the body. The name the lead opens with wins over them (`_named_by_opening`),
    unless the headline chosen holds it.
    """
    title, at = _chosen(lines, body_start)
    named = _named_by_opening(lines, body_start)
    if named is None:
        return title, at
    headline = at is not None and not rules.is_prose(lines[at])
    if headline and named.text.casefold() in title.casefold():
        return title, at
    return named.text, named.index


def _chosen(lines: list[Line], body_start: int) -> tuple[str, int | None]:
    """The headline-shaped line scored best, else the last one above the body, else the
    breadcrumb's last part."""
    scored = {
        line.index: _score(line, lines, body_start) for line in _candidates(lines, body_start)
    }
    scored = {index: score for index, score in scored.items() if score > 0}
    if scored:
        best = _above_its_deck(lines, scored, max(scored, key=lambda i: scored[i]))
        best = _below_its_kicker(lines, scored, best, body_start)
        return lines[best].text, best
    candidates = [ln for ln in lines[:body_start] if _could_be_title(ln)]
    if candidates:
        return candidates[-1].text, candidates[-1].index
    crumb = _last_crumb(lines[max(0, body_start - _LOOK_BACK) : body_start])
    return crumb or UNTITLED, None


_OPENINGS = 3  # the body's first paragraphs, which may open with the article's name


def _named_by_opening(lines: list[Line], body_start: int) -> Line | None:
    """The headline-shaped line above the body (at any distance) whose whole text opens
    one of the body's first paragraphs: an encyclopedia's lead restates the article's
    name ('T-distributed Stochastic Neighbor Embedding (t-SNE) is ...', '蔡健雅（Tanya
    Chua），...'), however long the sidebar between the two. The longest such line wins:
    a sidebar's short entry may open a later paragraph by chance. A headline holding
    that line's words stays the title ('No street party at the Neustadt festival' over
    'Neustadt festival' in a menu, and 'The Neustadt festival 2017 will ...')."""
    openings = [line.text.casefold() for line in lines[body_start:] if rules.is_prose(line)][
        :_OPENINGS
    ]
    if not openings:
        return None
    found = [
        line
        for line in lines[:body_start]
        if line.words >= 2 and _could_be_title(line) and _opens(line.text.casefold(), openings)
    ]
    return max(found, key=lambda line: (len(line.text), line.index), default=None)


_WORDS_BEFORE = 1  # a word may stand before the name in an opening ('Captain ', 'Der ')


def _opens(name: str, openings: list[str]) -> bool:
    """Whether a paragraph opens with `name` as whole words, or with one word and then
    it (any character may follow a name written without spaces, as in Chinese)."""
    cjk = bool(CJK.match(name[-1]))
    for opening in openings:
        for start in _word_starts(opening, _WORDS_BEFORE):
            end = start + len(name)
            if opening.startswith(name, start) and end < len(opening):
                if cjk or not opening[end].isalnum():
                    return True
    return False


def _word_starts(text: str, words: int) -> list[int]:
    """Where the text's first word and the `words` after it start."""
    starts = [0]
    for match in re.finditer(r"\s+", text):
        if len(starts) > words:
            break
        starts.append(match.end())
    return starts


def _score(line: Line, lines: list[Line], body_start: int) -> float:
    words = _words(line)
    following = _following_words(lines, max(line.index + 1, body_start))
    overlap = len(words & following) / (len(words) + 2)  # +2: a label of two is no title
    closeness = 1 - abs(body_start - line.index) / (_LOOK_BACK * 2)
    return overlap + 0.3 * closeness + (0.2 if line.group_size == 1 else 0)


def _above_its_deck(lines: list[Line], scored: dict[int, float], best: int) -> int:
    """The line directly above the best one when that is the headline and the best its deck.

    A standfirst under the headline repeats more of the body's words, so it can
    outscore the headline. The headline above it is a line of its own, shorter
    than its deck but a full phrase (a kicker or section label above a headline
    is a few words), and shares some of the body's words too.
    """
    above = best - 1
    head, deck = lines[above] if above >= 0 else None, lines[best]
    if above not in scored or head is None or head.group_size > 1:
        return best
    if not _DECK_MIN_HEAD_WORDS <= head.words < deck.words:
        return best
    words = _words(head)
    shared = len(words & _following_words(lines, best + 1))
    return above if shared and shared >= _HEAD_SHARED_SHARE * len(words) else best


# A kicker (a section label of a few words) stands directly above the headline and, being
# the section's name, can share more of the body's words than the headline does
# ('Circular Economy' over 'Warum es ein Ressourcenschutzgesetz braucht'). Copy titles
# right: dev-phrases A 105 -> 107 of 151, B and dev unchanged (docs/benchmarks.md,
# thresholds).
_KICKER_MAX_WORDS = 3
_HEADLINE_EXTRA_WORDS = 2  # the headline under it is at least this much longer
_HEADLINE_SHARE = 0.4  # and scores at least this share of the kicker's score


def _below_its_kicker(
    lines: list[Line], scored: dict[int, float], best: int, body_start: int
) -> int:
    """The line directly under the best one when the best is a kicker over its headline.

    The headline is a candidate above the body, starts as a headline does (a tagline
    under a page's name starts in lower case: 'am Werkeln seit 1994'), is longer and
    scores not much less.
    """
    below = best + 1
    kicker = lines[best]
    if below not in scored or below >= body_start or kicker.words > _KICKER_MAX_WORDS:
        return best
    headline = lines[below]
    if headline.text[:1].islower() or headline.words < kicker.words + _HEADLINE_EXTRA_WORDS:
        return best
    return below if scored[below] >= _HEADLINE_SHARE * scored[best] else best


def _words(line: Line) -> set[str]:
    return _keys(line.text)


_CJK_RUN = re.compile(f"(?:{CJK.pattern})+")


def _keys(text: str) -> set[str]:
    """A text's content words: words over three letters; in scripts written without
    spaces (Chinese, Japanese), pairs of characters."""
    keys = {w.casefold() for w in WORD.findall(CJK.sub(" ", text)) if len(w) > 3}
    for run in _CJK_RUN.findall(text):
        keys.update(run[i : i + 2] for i in range(len(run) - 1))
    return keys


def _candidates(lines: list[Line], body_start: int) -> list[Line]:
    """Headline-shaped lines above the body and at its start, before its first paragraph."""
    above = lines[max(0, body_start - _LOOK_BACK) : body_start]
    found = [line for line in above if _could_be_title(line)]
    for line in lines[body_start : body_start + _LOOK_INTO]:
        if _could_be_title(line):
            found.append(line)
        elif rules.is_prose(line) and line.words >= _NOTICE_MAX_WORDS:
            break  # the first paragraph: what follows it is a subheading
    return found


def _following_words(lines: list[Line], start: int) -> set[str]:
    """Content words (`_keys`) of the first prose lines from `start` on."""
    words: list[str] = []
    for line in lines[start:]:
        if len(words) >= _OPENING_WORDS:
            break
        if rules.is_prose(line):
            words += WORD.findall(line.text)
    return _keys(" ".join(words[:_OPENING_WORDS]))


_CRUMB = re.compile(r"\s[»›>/]{1,2}\s|\|")


def _last_crumb(lines: list[Line]) -> str:
    """The page's own name from the last breadcrumb above the body ('Home » Blog » Name')."""
    for line in reversed(lines):
        parts = _CRUMB.split(line.text)
        name = parts[-1].strip()
        if len(parts) >= 3 and name and not rules.is_form_text(line) and "@" not in line.text:
            return name
    return ""


# 'Home » News » Story', 'Start|Magazin|Tipps', 'Literatur & Film // Lesen': a breadcrumb
# or menu row; '@name' handles: a social bar. Neither is a headline.
_TRAIL = re.compile(r"\s[»›>|/]{1,2}\s|\w\|\w|@\w")


def _could_be_title(line: Line) -> bool:
    if not rules.is_headline_like(line) and not (line.words <= 25 and line.text.endswith("?")):
        return False
    if _TRAIL.search(line.text) and not line.text.endswith("?"):
        return False
    # two words make a headline only on a line of their own, not as a menu entry
    short_ok = line.words >= 3 or (line.words == 2 and line.group_size == 1)
    return short_ok and line.words <= 25 and not _is_label(line)


def _is_label(line: Line) -> bool:
    """Form text, a byline, or a label announcing what follows ('Sie sind hier:')."""
    if rules.is_form_text(line) or line.text.endswith(":"):
        return True
    return bool(rules.BYLINE.match(line.text))


def find_byline(lines: list[Line]) -> str | None:
    """Author names from a 'by ...' line, cut before any date, time or separator."""
    for line in lines:
        match = rules.BYLINE.match(line.text)
        if match and line.words <= 30:
            names = line.text[match.end() - 1 :]
            names = _BYLINE_END.sub("", _cut_at_month(names)).strip(" ,")
            if names:
                return names
    return None


def _cut_at_month(text: str) -> str:
    """'Jane Roe November 12, 2019' -> 'Jane Roe', but 'Theresa May' stays a name.

    A month directly after the names starts a date only when a number follows it.
    """
    words = text.split()
    for i, word in enumerate(words[1:-1], start=1):
        month = word.casefold().strip(".,") in MONTHS and word[0].isupper()
        if month and words[i + 1][:1].isdigit():
            return " ".join(words[:i])
    return text


def find_published(lines: list[Line]) -> str | None:
    """The first date written on the given lines, as an ISO date."""
    for line in lines:
        iso = find_date(line.text)
        if iso:
            return iso
    return None
