"""Progress on stderr: a bar on a terminal, plain lines otherwise, nothing with -q.

The bar shows the stage (synthesis, then encoding), items done, minutes of
audio produced and an ETA. Only the CLI uses this; the library reports
through a callback.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from narrate.pipeline.events import Progress as ProgressCallback
from narrate.pipeline.events import ProgressEvent

PLAIN_INTERVAL_S = 2.0
STARTING = "starting"  # the bar's line before the first stage reports


@contextmanager
def progress_reporter(quiet: bool) -> Iterator[ProgressCallback | None]:
    """A progress callback suited to where stderr goes."""
    if quiet:
        yield None
    elif sys.stderr.isatty():
        with _bar() as callback:
            yield callback
    else:
        yield _plain_lines()


@contextmanager
def _bar() -> Iterator[ProgressCallback]:
    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[minutes]:>6.1f} min of audio"),
        TimeRemainingColumn(),
    )
    tasks: dict[str, TaskID] = {}
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        # shown from the first moment, while the engine starts and the page is read
        tasks[STARTING] = bar.add_task(STARTING, total=None, minutes=0.0)

        def update(event: ProgressEvent) -> None:
            if STARTING in tasks:
                bar.remove_task(tasks.pop(STARTING))
            if event.stage not in tasks:
                tasks[event.stage] = bar.add_task(event.stage, total=event.total, minutes=0.0)
            bar.update(
                tasks[event.stage],
                completed=event.done,
                total=event.total,
                minutes=event.audio_ms / 60000,
            )

        yield update


def _plain_lines() -> ProgressCallback:
    last_time = [0.0]
    last_stage = [""]

    def update(event: ProgressEvent) -> None:
        now = time.monotonic()
        due = now - last_time[0] >= PLAIN_INTERVAL_S or event.done == event.total
        if event.stage != last_stage[0] or due:
            last_time[0], last_stage[0] = now, event.stage
            print(
                f"narrate: {event.stage} {event.done}/{event.total}, "
                f"{event.audio_ms / 60000:.1f} min of audio",
                file=sys.stderr,
                flush=True,
            )

    return update
