"""`narrate batch`: every article in a folder; up-to-date ones skipped, bad ones reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli.exits import say
from narrate.cli.help import examples
from narrate.cli.options import (
    GlobalOptions,
    NarrationOptions,
    Reporting,
    StorageOpt,
    command,
)
from narrate.cli.resolve import resolve
from narrate.core.errors import ExitCode
from narrate.core.files import text_name
from narrate.core.settings import DEFAULT_OUTPUT_DIR

if TYPE_CHECKING:
    from narrate.core.settings import Settings
    from narrate.pipeline.batch import BatchItem, BatchSummary

DASK_LOGGING = {"distributed": "error", "distributed.client": "critical"}


@command
def batch(
    folder: Annotated[
        str,
        typer.Argument(
            help="A folder of articles (.html, .txt, .md, .eml, .mbox, .pdf, .epub, .url), "
            "or a store URL (s3://...)"
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Where the audio goes, mirroring FOLDER: a folder or a store URL "
            f"(default: {DEFAULT_OUTPUT_DIR})",
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Include subfolders")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Redo up-to-date articles too")] = False,
    *,
    options: NarrationOptions,
    report: Reporting,
    given: GlobalOptions,
    storage_option: StorageOpt = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Narrate on a Dask cluster: a scheduler's address (tcp://host:8786) or "
            "local:N for N worker processes here",
        ),
    ] = None,
) -> None:
    """Narrate every article in a folder; skip up-to-date ones; go on past bad ones."""
    from narrate.cli.config import describe
    from narrate.cli.tools import say_tools
    from narrate.core.errors import InputError
    from narrate.core.storage import is_store_url, parse_storage_options

    storage = parse_storage_options(storage_option or [])
    if not is_store_url(folder) and not Path(folder).is_dir():
        if Path(folder).is_file():
            raise InputError(f"{folder} is a file", "narrate one article with narrate article")
        raise InputError(f"no such folder: {folder}", "give a folder of articles")
    run = resolve(given.config, options, output=output, storage=storage, folder_only=True)
    if report.verbose and not report.quiet:
        describe(run, narrating=True, err=True)
        say_tools(run)
    if cluster:
        _start_cluster(cluster)
    out = run.location or str(DEFAULT_OUTPUT_DIR)
    _check_apart(folder, out)
    items, passed_over = _articles(folder, out, run.settings, recursive, report.quiet)
    summary = _narrate(items, run.settings, cluster, force, report.quiet)
    summary.skipped.extend(passed_over)  # links out of the folder: skipped, and counted so
    _tell(summary, report.quiet)


def _check_apart(folder: str, out: str) -> None:
    """InputError when the episodes would go into the folder of articles, or around it: a
    batch never reads its own outputs, so it would find no article at all."""
    from narrate.core.errors import InputError
    from narrate.core.storage import is_store_url

    if is_store_url(folder) or is_store_url(out):
        return
    articles, episodes = Path(folder).resolve(), Path(out).resolve()
    if episodes == articles or episodes in articles.parents:
        raise InputError(
            f"the output folder {out} holds the articles' folder {folder}",
            "give -o a folder of its own: a batch never reads its own output",
        )


def _start_cluster(address: str) -> None:
    """A local cluster's workers get ready while the pages are listed."""
    from narrate.pipeline.cluster import start_early

    # Dask logs every worker start and stop, and a lost scheduler as tracebacks; narrate
    # says what matters in one line (Dask reads this when it is imported, here and in the
    # workers; a user's own setting wins)
    os.environ.setdefault("DASK_LOGGING", repr(DASK_LOGGING))
    start_early(address)


def _articles(
    folder: str, out: str, settings: Settings, recursive: bool, quiet: bool
) -> tuple[list[BatchItem], list[str]]:
    """The articles in FOLDER, each with its episode's place in `out`, and the files
    passed over (links out of FOLDER).

    SRC is listed and DEST written to once, before any work: a store that cannot be
    reached, read or written is one line now, not a failure per article.
    """
    from narrate.core.errors import InputError
    from narrate.core.formats import audio_format
    from narrate.pipeline.batch import find_articles
    from narrate.pipeline.destination import check_destination

    passed_over: list[str] = []

    def skipped(path: Path, reason: str) -> None:
        passed_over.append(str(path))
        if not quiet:
            typer.echo(f"{'skipped':>7}  {text_name(str(path))}  {text_name(reason)}", err=True)

    suffix = audio_format(settings.format).suffix
    items = find_articles(folder, out, suffix, recursive, skipped, settings.storage)
    if not items:
        raise InputError(f"no articles in {folder}", "it needs .html, .txt or .url files")
    check_destination(out, settings.storage)
    return items, passed_over


def _narrate(
    items: list[BatchItem], settings: Settings, cluster: str | None, force: bool, quiet: bool
) -> BatchSummary:
    """Each article, here or on the cluster, with a line for each (failures even with -q)."""
    from narrate.cli.progress import progress_reporter
    from narrate.pipeline.batch import Status, run_batch
    from narrate.pipeline.narrator import Narrator

    def report(status: Status, source: str, detail: str) -> None:
        if not quiet or status is Status.FAILED:  # a name as its episode's folder shows it
            typer.echo(f"{status:>7}  {text_name(source)}  {text_name(detail)}", err=True)

    # the status line first: starting the engine takes a second or two
    with progress_reporter(quiet) as progress, Narrator(settings, keep_workers=True) as narrator:
        if cluster:
            from narrate.pipeline.cluster import run_on_cluster

            return run_on_cluster(items, settings, cluster, force, report, progress)
        return run_batch(items, narrator, force, report, progress)


def _tell(summary: BatchSummary, quiet: bool) -> None:
    """Which voice read which language, the tally and each failure; the exit code."""
    if not quiet:
        for line in summary.notices:  # as `narrate article` says them
            say(line)
    if summary.voices and not quiet:
        typer.echo("language -> voice:", err=True)
        for language, used in sorted(summary.voices.items()):
            typer.echo(f"  {language:<8} {', '.join(sorted(used))}", err=True)
    not_started = f", {len(summary.not_started)} not started" if summary.not_started else ""
    if not quiet or summary.failed:  # with failures, the tally is part of the error report
        typer.echo(
            f"{len(summary.done)} done, {len(summary.skipped)} skipped, "
            f"{len(summary.failed)} failed{not_started}"
        )
    for source, reason in summary.failed:
        typer.echo(f"failed: {source}: {reason}", err=True)
    if summary.stopped_by is not None:
        raise summary.stopped_by  # one line and its own exit code, after the summary
    if summary.failed:
        raise typer.Exit(int(ExitCode.FAILED_ITEMS))


EXAMPLES = examples(
    ("narrate batch articles/ -o podcasts/ --recursive", "every page under articles/, mirrored"),
    ("narrate batch articles/ -o podcasts/ --jobs 2 --rate 1.2x -q", "two at once, faster, quiet"),
    (
        "narrate batch s3://news/pages/ -o s3://news/podcast/ --cluster tcp://scheduler:8786",
        "on a Dask cluster: the workers read and write the bucket",
    ),
)
