"""Last pass over the judged blocks of the article container: the edges.

Handles what needs the whole sequence rather than one block: a body that is a
table, date/byline lines, repeated blocks, headings with nothing under them or
only a dropped link list under them, a standfirst boxed as a teaser,
a teaser paragraph cut off with '…', and footnote markers inside the text.
"""

from __future__ import annotations

import re

from narrate.core.models import Block, BlockKind, Dropped
from narrate.text.extract.html.apparatus import CITATION_MARKER
from narrate.text.extract.html.dom import RawBlock
from narrate.text.extract.html.meta import PageMeta
from narrate.text.extract.html.model import SECOND_OPINION, UNLIKE_ARTICLE
from narrate.text.extract.marks import strip_markers
from narrate.text.extract.notes import drop_notes, is_dateline, is_download
from narrate.text.extract.words import WORD, letters, word_count

_TRUNCATED = re.compile(r"\w(?:…|\.\.\.)\s*$")
# Only long repeats are page furniture shown twice; short ones ("Pre-Workout Meal")
# legitimately recur in an article.
_DEDUPE_MIN_CHARS = 120
# Date/byline lines are looked for among the first blocks of the article only.
_BYLINE_ZONE = 3
_READ_AS = {"paragraph", "quote", "list_item", "heading", "table", "code"}
# A page whose tables hold this many times more text than its prose is a table article.
_TABLE_ARTICLE_RATIO = 1.5
# A short heading right above a link list dropped for one of these reasons is
# that list's label ('Tags', 'Read more'), not a chapter of the article.
_LIST_REASONS = frozenset({"related", "nav"})
_LABEL_MAX_WORDS = 6
# Blocks looked at after the heading (empty ones are skipped).
_LABEL_LOOKAHEAD = 4
# A block dropped as a related teaser, or as outside the article's container, that
# opens with the page's own description (this many characters at least, compared on
# the shorter of the two) is the article's standfirst: a teaser for another page
# carries that page's summary, and a standfirst often sits in the page's header,
# above the element that holds the text (outside the container too: both site halves
# gained; docs/benchmarks.md, thresholds).
# The block model may drop such a standfirst inside the container too (a lead that reads
# like a teaser: short, a question): the rules read it, and the page describes itself
# with it, so it stays (docs/benchmarks.md, thresholds).
_STANDFIRST_REASONS = frozenset({"related", "outside-article", UNLIKE_ARTICLE, SECOND_OPINION})
_STANDFIRST_MIN_CHARS = 60
# A block outside the article element, or taken for another page's teaser, whose text is
# one of the instructions of the Recipe the page declares in its ld+json is the recipe's
# own (the steps set apart from the story above them; docs/benchmarks.md, thresholds).
_STEP_REASONS = frozenset({"outside-article", "related", UNLIKE_ARTICLE, SECOND_OPINION})
_STANDFIRST_COMPARE = 120
# Or the block's opening (the description's length and this many characters more) holds
# this share of the description's words, of which it has at least this many.
_DESCRIBED_SHARE = 0.9
_DESCRIBED_MIN_WORDS = 8
_DESCRIBED_SLACK = 60


def _is_byline(text: str, byline: str | None) -> bool:
    if not byline or len(text) > len(byline) + 40:
        return False
    first_author = byline.split(",")[0].strip().lower()
    return bool(first_author) and first_author in text.lower()


def reads_tables(judged: list[tuple[RawBlock, str | None]]) -> bool:
    """True when the container's tables hold much more text than its prose: a table article."""
    table_chars = sum(len(b.text) for b, r in judged if b.kind == "table" and r == "table")
    prose_chars = sum(len(b.text) for b, r in judged if r is None)
    return table_chars > _TABLE_ARTICLE_RATIO * prose_chars


def tidy(
    judged: list[tuple[RawBlock, str | None]], meta: PageMeta, read_tables: bool
) -> tuple[list[Block], list[Dropped]]:
    """Apply the sequence rules; return the blocks to read and the ones dropped.

    `read_tables`: the article is a table (see `reads_tables`), so its tables are read.
    """
    seen: set[str] = set()
    keep: list[tuple[str, str, int]] = []
    dropped: list[Dropped] = []
    labels = _list_labels(judged)
    by_headline = _by_headline(judged, meta.title)
    standfirst = False
    for i, (block, reason) in enumerate(judged):
        # a listing's brackets are code ('values[0]'), not footnote markers; at the
        # start of a block a number is the footnote's own ('[1] See the minutes ...')
        text, markers = (
            (block.text.strip(), []) if block.kind == "code" else strip_markers(block.text)
        )
        if reason is None and i in labels:
            reason = "list-heading"
        near_top = len(keep) < _BYLINE_ZONE
        # the standfirst sits above the body; further down, the same summary is
        # a teaser for this very page in a list of latest news
        if reason in _STANDFIRST_REASONS and near_top and not standfirst:
            if _opens_with(text, meta.description, block.kind == "paragraph"):
                reason, standfirst = None, True
        if reason in _STEP_REASONS and " ".join(text.split()) in meta.steps:
            reason = None  # a step of the recipe the page declares, shown beside its article
        if reason == "table" and read_tables:
            reason = None
        if reason is None and block.kind == "paragraph" and near_top:
            # date and byline lines sit above the text; further down, a short
            # line with a year in it is more likely a list or timeline entry
            if is_dateline(text) or _is_byline(text, meta.byline):
                reason = "byline"
        if reason is None and i in by_headline and is_dateline(text):
            reason = "byline"
        if reason is None and block.kind in ("paragraph", "list_item") and is_download(text):
            reason = "download"
        if reason is None and len(text) >= _DEDUPE_MIN_CHARS and text in seen:
            reason = "duplicate"
        if reason is None and block.kind not in _READ_AS:
            reason = "boilerplate"
        if reason or not text:  # shown as the page has it, markers and all
            dropped.append(Dropped(block.text.strip() if reason else text, reason or "empty"))
            continue
        seen.add(text)
        if markers:
            dropped.append(Dropped(" ".join(markers), CITATION_MARKER))
        kind = "paragraph" if block.kind == "table" else block.kind
        keep.append((kind, text, _level(block)))
    keep, cut = _trim_edges(keep)
    dropped.extend(cut)
    code = frozenset(i for i, (kind, _, _) in enumerate(keep) if kind == "code")
    blocks, notes = drop_notes(
        [Block(_kind(kind), text) for kind, text, _ in keep], code, meta.byline
    )
    return blocks, dropped + notes


# A date line sits by the headline wherever the headline is: right above it, or among the
# blocks right under it, even when the rules read the page's chrome above it
# (a breadcrumb, a menu) so that it is not among the first blocks read: 'Veröffentlichung:
# 2. Februar 2022' between a breadcrumb and the <h1>. A date away from the headline may be
# a timeline's entry and stays (phrases B 0.945 -> 0.946, CV B 0.944 -> 0.945, A and dev
# held; docs/benchmarks.md, thresholds).
_HEADLINE_BEFORE = 1
_HEADLINE_AFTER = 2
# The page's title names the article before its site's part ('Briefe - 26 Oktober 2010 -
# Blog - ...'): a block giving that first part, or the whole title, is a headline, and each
# counts (the <title>'s own text may be shown first): a page with no <h1> and its '3:59 PM'
# above 'Briefe' (phrases A 0.948 -> 0.949, CV A 0.941 -> 0.942, B and dev held).
_TITLE_PARTS = re.compile(r"\s+[-|–—:»]+\s+")


def _by_headline(judged: list[tuple[RawBlock, str | None]], title: str | None) -> set[int]:
    """Indexes of the paragraphs and list entries right above or under a headline (a block
    dropped as the title, or one whose text is the page's title or its first part)."""
    shown = [i for i, (b, _) in enumerate(judged) if b.text.strip()]
    names = {letters(part) for part in [*_TITLE_PARTS.split(title or "")[:1], title or ""]}
    names.discard("")
    heads = [
        k
        for k, i in enumerate(shown)
        if judged[i][1] == "title" or letters(judged[i][0].text) in names
    ]
    near: set[int] = set()
    for k in heads:
        for j in shown[max(0, k - _HEADLINE_BEFORE) : k] + shown[k + 1 : k + 1 + _HEADLINE_AFTER]:
            if judged[j][0].kind in ("paragraph", "list_item"):
                near.add(j)
    return near


def _opens_with(text: str, description: str | None, paragraph: bool) -> bool:
    """True when `text` and the page's description start with the same long stretch, or,
    for a paragraph, when its opening holds nearly every word of the description (a lead
    behind its dateline, '19.10.2019, 15:30 UhrAm 8. Spieltag ...', or reworded a little;
    a list entry that does is this page's teaser in a ticker, headline first)."""
    if not description:
        return False
    a, b = " ".join(text.split()), description.rstrip(".… ")
    size = min(len(a), len(b), _STANDFIRST_COMPARE)
    if size >= _STANDFIRST_MIN_CHARS and a[:size] == b[:size]:
        return True
    if not paragraph or len(a) < _STANDFIRST_MIN_CHARS:
        return False
    words = WORD.findall(b.casefold())
    if description.rstrip().endswith(("…", "...")):
        words = words[:-1]  # cut in the middle of a word
    wanted = set(words)
    if len(wanted) < _DESCRIBED_MIN_WORDS:
        return False
    opening = set(WORD.findall(a[: len(b) + _DESCRIBED_SLACK].casefold()))
    return len(wanted & opening) >= _DESCRIBED_SHARE * len(wanted)


def _list_labels(judged: list[tuple[RawBlock, str | None]]) -> set[int]:
    """Indexes of kept short headings whose next blocks are a dropped link list."""
    labels: set[int] = set()
    for i, (block, reason) in enumerate(judged):
        if reason is not None or not (_label_shaped(block) or _island(judged, i)):
            continue
        after = [r for b, r in judged[i + 1 : i + 1 + _LABEL_LOOKAHEAD] if b.text.strip()]
        # the first item a link list, the second dropped too: a list under the
        # label; a heading over one stray link and then prose stays a chapter
        if len(after) >= 2 and after[0] in _LIST_REASONS and after[1] is not None:
            labels.add(i)
    return labels


# A one-word paragraph with no stop over a link list is its label too ('Inhaltsverzeichnis'
# over a table of contents the page's plug-in sets as a paragraph).
_LABEL_PARAGRAPH_WORDS = 1
_STOP = re.compile(r"[.!?。！？]$")
# So is a short paragraph or list entry that ends in a colon or a question mark, set
# like text but shaped like a heading ('Schon gelesen?', 'Mehr zum Thema Gesundheit:',
# 'Hier gibt's noch mehr Fair Fashion Basics:'): it announces what follows, and what
# follows is a dropped link list (docs/benchmarks.md, thresholds).
_ANNOUNCES = re.compile(r"[:?：？]$")


# A short line with no closing stop set between two runs of links (the block before it a
# dropped link list, the next two dropped, the first a link list too) is part of that
# furniture: 'Zum Newsletter anmelden' between a book's links and a subscribe button. A
# line of the article's own does not sit between two link lists (phrases B 0.944 -> 0.945,
# CV B 0.943 -> 0.944, A and dev held; docs/benchmarks.md, thresholds).
def _island(judged: list[tuple[RawBlock, str | None]], i: int) -> bool:
    """A short paragraph with no stop whose previous block is a dropped link list too."""
    block = judged[i][0]
    text = block.text.strip()
    if block.kind != "paragraph" or word_count(text) > _LABEL_MAX_WORDS or _STOP.search(text):
        return False
    before = [r for b, r in judged[max(0, i - _LABEL_LOOKAHEAD) : i] if b.text.strip()]
    return bool(before) and before[-1] in _LIST_REASONS


def _label_shaped(block: RawBlock) -> bool:
    text = block.text.strip()
    words = len(text.split())
    if block.kind == "heading":
        return words <= _LABEL_MAX_WORDS
    if block.kind in ("paragraph", "list_item") and _ANNOUNCES.search(text):
        return word_count(text) <= _LABEL_MAX_WORDS
    short = words <= _LABEL_PARAGRAPH_WORDS and not _STOP.search(text)
    return block.kind == "paragraph" and short


def _level(block: RawBlock) -> int:
    """A heading's rank (2 for <h2>); 9 for anything that is not a heading."""
    tag = block.element.tag if isinstance(block.element.tag, str) else ""
    if block.kind == "heading" and len(tag) == 2 and tag[1].isdigit():
        return int(tag[1])
    return 9


def _kind(kind: str) -> BlockKind:
    if kind == "heading":
        return "heading"
    if kind == "quote":
        return "quote"
    if kind == "list_item":
        return "list_item"
    return "paragraph"


def _trim_edges(
    keep: list[tuple[str, str, int]],
) -> tuple[list[tuple[str, str, int]], list[Dropped]]:
    """Drop a truncated last paragraph and headings that head nothing."""
    cut: list[Dropped] = []
    if keep and keep[-1][0] not in ("heading", "code") and _TRUNCATED.search(keep[-1][1]):
        cut.append(Dropped(keep.pop()[1], "truncated"))
    result: list[tuple[str, str, int]] = []
    for i, (kind, text, level) in enumerate(keep):
        next_level = keep[i + 1][2] if i + 1 < len(keep) else 0
        if kind == "heading" and next_level <= level:
            cut.append(Dropped(text, "empty-heading"))
            continue
        result.append((kind, text, level))
    return result, cut
