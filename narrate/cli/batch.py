"""`narrate batch`: every article in a folder; up-to-date ones skipped, bad ones reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.help import examples
from narrate.cli.options import (
    CacheDirOpt,
    CacheSizeOpt,
    ChaptersOpt,
    EngineOpt,
    EspeakOpt,
    FallbackVoiceOpt,
    FfmpegOpt,
    FormatOpt,
    JobsOpt,
    LangOpt,
    LexiconOpt,
    LoudnessOpt,
    NoCacheOpt,
    PitchOpt,
    QuietOpt,
    RateOpt,
    StorageOpt,
    VerboseOpt,
    VoiceOpt,
)
from narrate.cli.resolve import resolve
from narrate.core.errors import ExitCode

DEFAULT_OUTPUT = "output"
DASK_LOGGING = {"distributed": "error", "distributed.client": "critical"}


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
            "(default: output)",
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Include subfolders")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Redo up-to-date articles too")] = False,
    voice: VoiceOpt = None,
    fallback_voice: FallbackVoiceOpt = None,
    engine: EngineOpt = None,
    rate: RateOpt = None,
    pitch: PitchOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
    audio_format: FormatOpt = None,
    loudness: LoudnessOpt = None,
    chapters: ChaptersOpt = None,
    jobs: JobsOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    cache_size_mb: CacheSizeOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    storage_option: StorageOpt = None,
    ffmpeg: FfmpegOpt = None,
    espeak: EspeakOpt = None,
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
    from narrate.cli.article import ARTICLE_SETTINGS
    from narrate.cli.config import describe
    from narrate.cli.progress import progress_reporter
    from narrate.cli.tools import say_tools
    from narrate.core.errors import InputError
    from narrate.core.formats import audio_format as format_named
    from narrate.core.storage import is_store_url, parse_storage_options
    from narrate.pipeline.batch import Status, find_articles, run_batch
    from narrate.pipeline.destination import check_destination
    from narrate.pipeline.narrator import Narrator

    with errors_to_exit():
        storage = parse_storage_options(storage_option or [])
        if not is_store_url(folder) and not Path(folder).is_dir():
            raise InputError(f"no such folder: {folder}", "give a folder of articles")
        flags = {
            "voice": voice, "rate": rate, "pitch": pitch, "format": audio_format,
            "output": output, "loudness": loudness, "chapters": chapters, "jobs": jobs,
            "cache_dir": cache_dir, "cache_size_mb": cache_size_mb, "ffmpeg": ffmpeg,
            "espeak": espeak,
        }  # fmt: skip
        run = resolve(
            {**flags, "fallback_voice": fallback_voice, "engine": engine},
            lang, lexicon, no_cache, folder_only=True, storage=storage,
        )  # fmt: skip
        if verbose and not quiet:
            describe(run, ARTICLE_SETTINGS, err=True)
            say_tools(run)
        out = run.location or DEFAULT_OUTPUT
        if cluster:
            from narrate.pipeline.cluster import start_early

            # Dask logs every worker start and stop, and a lost scheduler as
            # tracebacks; narrate says what matters in one line (Dask reads this
            # when it is imported, here and in the workers; a user's own setting wins)
            os.environ.setdefault("DASK_LOGGING", repr(DASK_LOGGING))
            start_early(cluster)  # a local cluster's workers get ready while pages are read
        # SRC listed and DEST written to once, before any work: a store that cannot be
        # reached, read or written is one line now, not a failure per article
        suffix = format_named(run.settings.format).suffix

        def skipped(path: Path, reason: str) -> None:
            if not quiet:
                typer.echo(f"{'skipped':>7}  {path}  {reason}", err=True)

        items = find_articles(folder, out, suffix, recursive, skipped, storage)
        if not items:
            raise InputError(f"no articles in {folder}", "it needs .html, .txt or .url files")
        check_destination(out, storage)

        def report(status: Status, source: str, detail: str) -> None:
            if not quiet or status is Status.FAILED:
                typer.echo(f"{status:>7}  {source}  {detail}", err=True)

        # the status line first: starting the engine takes a second or two
        with progress_reporter(quiet) as progress:
            with Narrator(run.settings, keep_workers=True) as narrator:
                if cluster:
                    from narrate.pipeline.cluster import run_on_cluster

                    summary = run_on_cluster(items, run.settings, cluster, force, report, progress)
                else:
                    summary = run_batch(items, narrator, force, report, progress)
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
    ("narrate batch s3://news/pages/ -o s3://news/podcast/ --cluster tcp://scheduler:8786",
     "on a Dask cluster: the workers read and write the bucket"),
)
