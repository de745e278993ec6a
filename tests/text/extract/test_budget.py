"""Pages too large to read whole: the element and line budgets, and signals answered on them.

The million-paragraph page (9 MB, under the download's size cap) is made by the
test. Before the budgets it ran for more than ten minutes at 1.8 GB and ignored
SIGTERM; now it is read to its first MAX_ELEMENTS elements, without trafilatura's
vote, and says so in `--show-dropped`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from narrate.core.models import Document
from narrate.text.extract import extract
from narrate.text.extract.budget import (
    MAX_ELEMENTS,
    MAX_LINES,
    SECOND_OPINION_ELEMENTS,
    WHOLE_PARSE_BYTES,
    parse_html_within,
)
from narrate.text.extract.html.dom import parse_html
from tests.processes import NARRATE, private_env

CPU_AFTER_SIGNAL_S = 1.0  # the CPU time a run may still spend once told to stop
WALL_BACKSTOP_S = 60.0  # however busy the machine
PEAK_MEMORY_BOUND_MB = 400  # measured 125 MB; it was 1.8 GB


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("budget") / "million.html"
    head = "<html><head><title>Many</title></head><body><article><h1>Many paragraphs</h1>"
    path.write_text(head + "<p>a</p>\n" * 1_000_000 + "</article></body></html>", "utf-8")
    return path


def test_a_million_paragraphs_are_read_to_the_budget_in_bounded_memory(
    million: Path, tmp_path: Path
) -> None:
    # a parent of its own, so the peak it reports is narrate's alone
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "sys.stdout.buffer.write(done.stdout)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    command = [sys.executable, "-c", measure, *NARRATE, "script", str(million), "--show-dropped"]
    done = subprocess.run(command, capture_output=True, text=True, env=private_env(tmp_path))
    *output, tally = done.stdout.strip().splitlines()
    code, peak_mb = map(int, tally.split())
    assert code == 0
    notes = [line for line in output if line.startswith(("[over-budget]", "[second-opinion"))]
    assert notes == [
        "[second-opinion-skipped] (trafilatura's second opinion not asked: 49,998 elements, "
        f"more than its budget of {SECOND_OPINION_ELEMENTS:,})",
        f"[over-budget] (the page goes on past its first {MAX_ELEMENTS:,} elements; "
        "the rest was not read)",
    ]
    assert peak_mb < PEAK_MEMORY_BOUND_MB


def _cpu_seconds(pid: int) -> float:
    """The CPU time a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("sig", "after_s"),
    [(signal.SIGTERM, 2.0), (signal.SIGINT, 2.0), (signal.SIGTERM, 12.0)],
)
def test_a_signal_ends_any_stage_of_a_huge_page_at_once(
    million: Path, tmp_path: Path, sig: signal.Signals, after_s: float
) -> None:
    """Sent while the page is parsed, extracted, normalised or read aloud (by then).

    The latency is counted in the CPU time the process spends after the signal, which
    a busy machine does not stretch; the wall-clock bound is only a backstop.
    """
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*NARRATE, "article", str(million), "-o", str(out), "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=private_env(tmp_path),
    )
    time.sleep(after_s)  # somewhere inside the run: it lasts for minutes
    assert process.poll() is None
    before = _cpu_seconds(process.pid)
    sent = time.monotonic()
    process.send_signal(sig)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - sent
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 128 + sig
    assert usage.ru_utime + usage.ru_stime - before < CPU_AFTER_SIGNAL_S
    assert wall < WALL_BACKSTOP_S
    assert not out.exists() or not list(out.iterdir())  # nothing half-written


def test_a_page_copy_is_read_to_its_line_budget() -> None:
    lines = [f"Line {n} of a very long copy, with a full sentence in it." for n in range(30_000)]
    text = "A very long copy\n\n" + "\n".join(lines) + "\n"
    article = extract(Document("copy.txt", text, "text", "utf-8", None))
    notes = [d for d in article.dropped if d.reason == "over-budget"]
    assert len(notes) == 1
    assert f"past its first {MAX_LINES:,} lines" in notes[0].text
    assert article.blocks[-1].text.startswith(f"Line {MAX_LINES - 3} ")  # 2 lines of heading


def test_a_small_page_of_many_elements_is_cut_at_the_same_place() -> None:
    """Under WHOLE_PARSE_BYTES the page is parsed whole, past it in slices: the same cut."""
    small = ("<html><body><article><h1>Many</h1>" + "<p>a" * 60_000).encode()
    large = small + b"<p>" + b"b" * WHOLE_PARSE_BYTES
    assert len(small) <= WHOLE_PARSE_BYTES < len(large)
    cuts = []
    for data in (small, large):
        root, note = parse_html_within(data)
        assert root is not None
        assert note is not None
        assert sum(1 for _ in root.iter()) == MAX_ELEMENTS
        cuts.append(etree.tostring(root))
    assert cuts[0] == cuts[1]


def test_a_large_page_under_the_budget_is_parsed_as_a_whole_parse_would() -> None:
    page = "<html><body><article><h1>Long</h1>" + "<p>Some words, and more of them.</p>" * 35_000
    data = page.encode()
    assert len(data) > WHOLE_PARSE_BYTES
    root, note = parse_html_within(data)
    assert note is None
    assert root is not None
    assert etree.tostring(root) == etree.tostring(parse_html(page))  # type: ignore[arg-type]
