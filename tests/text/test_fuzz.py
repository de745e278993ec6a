"""Fuzzing load -> extract -> script, and the readers of exports, feeds and OPML lists:
whatever the bytes, only NarrateError may come out.

Real pages (the sample, and the shared seed and dev pages when they are
there), mutated by byte flips, insertions, deletions, cuts and splices, and
plain random bytes and text in several encodings. `make test` runs a short,
repeatable pass; NARRATE_FUZZ_EXAMPLES=5000 runs a long, random one.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrate.core.errors import NarrateError
from narrate.core.profiles import resolve_profile
from narrate.core.settings import ScriptOptions
from narrate.publish.subscriptions.feeds import Entry, parse_feed
from narrate.publish.subscriptions.imports import read_export
from narrate.publish.subscriptions.opml import read_opml
from narrate.text.extract import extract
from narrate.text.load import load
from narrate.text.script import build_script
from tests.conftest import DEV, SAMPLE_HTML, SEED
from tests.publish.subscriptions.samples import atom, opml, rss

EXAMPLES = int(os.environ.get("NARRATE_FUZZ_EXAMPLES", "150"))
LONG_RUN = "NARRATE_FUZZ_EXAMPLES" in os.environ


def _pages() -> list[bytes]:
    pages = [SAMPLE_HTML.read_bytes()]
    if SEED.exists():
        pages.append(SEED.read_bytes())
    if DEV.is_dir():
        pages += [p.read_bytes() for p in sorted(DEV.glob("*"))[:6] if p.is_file()]
    return [page[:60_000] for page in pages]  # a page's worth: keeps each example quick


PAGES = _pages()
PROFILE = resolve_profile(None, {})


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(page)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut", "splice"]))
        if kind == "flip" and at < len(page):
            page[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            page[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del page[at : at + draw(st.integers(1, 400))]
        elif kind == "cut":
            del page[at:]
        else:
            other = draw(st.sampled_from(PAGES))
            start = draw(st.integers(0, len(other)))
            page[at:at] = other[start : start + draw(st.integers(1, 2000))]
    return bytes(page)


ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1251", "shift_jis", "gb18030"]
texts = st.builds(
    lambda text, encoding: text.encode(encoding, "replace"),
    st.text(max_size=3000),
    st.sampled_from(ENCODINGS),
)
inputs = st.one_of(mutated_pages(), st.binary(max_size=4096), texts)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,  # the short pass in `make test` is the same every time
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=inputs, as_file=st.sampled_from(["-", "page.html", "page.txt"]))
def test_only_narrate_errors_come_out(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, as_file: str
) -> None:
    source = as_file
    if as_file != "-":
        path = tmp_path_factory.mktemp("fuzz") / as_file
        path.write_bytes(data)
        source = str(path)
    try:
        article = extract(load(source, io.BytesIO(data)))
        script = build_script(article, PROFILE, ScriptOptions())
    except NarrateError as exc:
        failure: NarrateError | None = exc
    else:
        failure = None
        assert script.segments
    if failure is not None:
        assert "\n" not in failure.message  # what the user sees is one line


# The import readers and the feed reader: what a read-it-later export, an OPML list or a
# feed holds comes from elsewhere. Whatever it is, reading it gives entries that are
# clean (no control characters in titles and links, links http(s) or none, dates ISO
# 8601 that a datetime holds) or one NarrateError line, never anything else.

SUBSCRIPTION_DATA = Path(__file__).parents[1] / "publish" / "subscriptions" / "data"
EXPORTS = {p.name: p.read_bytes() for p in sorted(SUBSCRIPTION_DATA.iterdir()) if p.is_file()}
FEED_ITEMS = [
    {"title": "The Lighthouse", "link": "https://example.org/lamp", "guid": "lamp",
     "date": "Mon, 02 Nov 2026 10:00:00 +0000", "author": "Ines Marlow"},
    {"title": "Late", "link": "/late", "guid": "late", "date": "Fri, 31 Dec 9999 23:59:59 -1400"},
]  # fmt: skip  # a table of cases, packed several a line
FEEDS = [
    rss("https://example.org/", FEED_ITEMS).encode(),
    atom(
        "https://example.de/",
        [
            {
                "title": "Fähre",
                "id": "urn:f",
                "author": "Jonas",
                "link": "https://example.de/f",
                "date": "2026-11-20T08:00:00Z",
                "content": "<p>Die Fähre fährt.</p>",
            }
        ],
    ).encode(),
    opml([("Harbour", "https://example.org/feed.xml"), ("Local", "file:///etc/passwd")]).encode(),
]
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with byte flips, insertions, deletions, cuts and splices of the others."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut", "splice"]))
        if kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "cut":
            del data[at:]
        else:
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 400))]
    return bytes(data)


# Export entries of the right shape with values of any kind: strings with NULs, huge or
# negative numbers, dates out of range, lists and tables where a string belongs.
_ODD_STRINGS = st.sampled_from(
    [
        "0",
        "1",
        "true",
        "",
        "\x00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+1400",
        "99999999999999999",
        "-1",
        "file:///etc/passwd",
        "https://example.org/a\x00b",
        "javascript:x",
    ]
)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | _ODD_STRINGS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
# Not reformatted: the export fields, a table packed several a line.
_FIELDS = ["url", "href", "title", "is_archived", "is_starred", "domain_name", "created_at",
           "created", "published_by", "authors", "language", "lang", "content", "mimetype",
           "type", "is_marked", "document_type", "site_name"]  # fmt: skip
json_exports = st.lists(
    st.dictionaries(st.sampled_from(_FIELDS), _VALUES, min_size=1, max_size=8), max_size=4
).map(lambda items: json.dumps(items).encode())
csv_exports = st.lists(
    st.tuples(_ODD_STRINGS | st.text(max_size=10), _ODD_STRINGS, _ODD_STRINGS, _ODD_STRINGS),
    max_size=4,
).map(
    lambda rows: (
        b"title,url,time_added,status\n"
        + "".join(
            ",".join(f'"{v.replace(chr(34), "")}"' for v in row) + "\n" for row in rows
        ).encode()
    )
)


def _check_entries(entries: tuple[Entry, ...]) -> None:
    for entry in entries:
        for text in (entry.title, entry.link, entry.author):
            assert text is None or not _CONTROL.search(text)
        assert entry.link is None or urlsplit(entry.link).scheme in ("http", "https")
        if entry.date is not None:
            datetime.fromisoformat(entry.date)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.one_of(
        mutated(list(EXPORTS.values())), json_exports, csv_exports, st.binary(max_size=512)
    ),
    name=st.sampled_from(sorted(EXPORTS)),
)
def test_import_readers_give_clean_entries_or_one_line(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("export") / name
    path.write_bytes(data)
    export = _read_or_fail(lambda: read_export(path, include_archived=True))
    if export is not None:
        _check_entries(export.entries)


T = TypeVar("T")


def _read_or_fail(read: Callable[[], T]) -> T | None:
    """What `read` gives, or None when it raised a NarrateError of one line."""
    try:
        return read()
    except NarrateError as exc:
        failure = exc
    assert "\n" not in failure.message
    return None


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.one_of(mutated(FEEDS), st.binary(max_size=512)))
def test_the_feed_and_opml_readers_give_clean_entries_or_one_line(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    url = "https://example.org/feed.xml"
    feed = _read_or_fail(lambda: parse_feed(data, url, "application/rss+xml"))
    if feed is not None:
        _check_entries(feed.entries)
    path = tmp_path_factory.mktemp("opml") / "subs.opml"
    path.write_bytes(data)
    outlines = _read_or_fail(lambda: read_opml(path))
    assert all(o.url and not _CONTROL.search(o.url) for o in outlines or [])
