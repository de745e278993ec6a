"""None"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.options import (
    CacheDirOpt,
    CacheSizeOpt,
    ChaptersOpt,
    FallbackVoiceOpt,
    FormatOpt,
    JobsOpt,
    LangOpt,
    LexiconOpt,
    LoudnessOpt,
    NoCacheOpt,
    QuietOpt,
    VoiceOpt,
    build_settings,
)
from narrate.core.errors import ExitCode


def batch(
    folder: Annotated[Path, typer.Argument(help="A folder of articles (.html, .txt, .url)")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where the audio goes, mirroring FOLDER")
    ] = Path("output"),
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Include subfolders")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Redo up-to-date articles too")] = False,
    voice: VoiceOpt = None,
    fallback_voice: FallbackVoiceOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
    audio_format: FormatOpt = "mp3",
    loudness: LoudnessOpt = -16.0,
    chapters: ChaptersOpt = "headings",
    jobs: JobsOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    cache_size_mb: CacheSizeOpt = 2048,
    quiet: QuietOpt = False,
) -> None:
    """Narrate every article in a folder; skip up-to-date ones; go on past bad ones."""
    from narrate.cli.progress import progress_reporter
    from narrate.core.errors import InputError
    from narrate.pipeline.batch import Status, find_articles, run_batch
    from narrate.pipeline.narrator import Narrator

    with errors_to_exit():
        if not folder.is_dir():
            raise InputError(f"no such folder: {folder}", "give a folder of articles")
        settings = build_settings(
            voice, lang, lexicon, fallback_voice=fallback_voice, format=audio_format,
            loudness=loudness, chapters=chapters,
            jobs=jobs, cache_dir=cache_dir, no_cache=no_cache, cache_size_mb=cache_size_mb,
        )  # fmt: skip
        with Narrator(settings, keep_workers=True) as narrator:
            items = find_articles(folder, output, narrator.format.suffix, recursive)
            if not items:
                raise InputError(f"no articles in {folder}", "it needs .html, .txt or .url files")

            def report(status: Status, source: str, detail: str) -> None:
                if not quiet or status is Status.FAILED:
                    typer.echo(f"{status:>7}  {source}  {detail}", err=True)

            with progress_reporter(quiet) as progress:
                summary = run_batch(items, narrator, force, report, progress)
        if summary.voices and not quiet:
            typer.echo("language -> voice:", err=True)
            for language, used in sorted(summary.voices.items()):
                typer.echo(f"  {language:<8} {', '.join(sorted(used))}", err=True)
        typer.echo(
            f"{len(summary.done)} done, {len(summary.skipped)} skipped, "
            f"{len(summary.failed)} failed"
        )
        for source, reason in summary.failed:
            typer.echo(f"failed: {source}: {reason}", err=True)
        if summary.failed:
            raise typer.Exit(int(ExitCode.FAILED_ITEMS))
