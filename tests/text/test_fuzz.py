"""Fuzzing load -> extract -> script: whatever the bytes, only NarrateError may come out.

Real pages (the sample, and the shared seed and dev pages when they are
there), mutated by byte flips, insertions, deletions, cuts and splices, and
plain random bytes and text in several encodings. `make test` runs a short,
repeatable pass; NARRATE_FUZZ_EXAMPLES=5000 runs a long, random one.
"""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrate.core.errors import NarrateError
from narrate.core.profiles import resolve_profile
from narrate.core.settings import ScriptOptions
from narrate.text.extract import extract
from narrate.text.load import load
from narrate.text.script import build_script
from tests.conftest import DEV, SAMPLE_HTML, SEED

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
def test_only_narrate_errors_come_out(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                      as_file: str) -> None:  # fmt: skip
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
