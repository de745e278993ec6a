"""`narrate article`: one article (or a digest of several) into audio, sidecars and a manifest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.help import counted, examples
from narrate.cli.options import (
    GlobalOptions,
    NarrationOptions,
    Reporting,
    StorageOpt,
    command,
)
from narrate.cli.resolve import resolve


@command
def article(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Pages, e-mails, PDFs, EPUBs or Markdown files, URLs or -; several make a digest"
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="An audio file or a folder, here or in a store (s3://...)"
        ),
    ] = None,
    *,
    options: NarrationOptions,
    report: Reporting,
    given: GlobalOptions,
    title: Annotated[str | None, typer.Option("--title", help="Title of a digest")] = None,
    cover: Annotated[Path | None, typer.Option("--cover", help="Cover art (JPEG or PNG)")] = None,
    album: Annotated[
        str | None, typer.Option("--album", help="Album tag (default: the site)")
    ] = None,
    storage_option: StorageOpt = None,
) -> None:
    """Narrate an article into audio with chapters, transcripts and a manifest beside it."""
    from narrate.cli.config import describe
    from narrate.cli.exits import say
    from narrate.cli.progress import progress_reporter
    from narrate.cli.tools import say_tools
    from narrate.core.errors import InputError
    from narrate.core.storage import join, parse_storage_options, split
    from narrate.pipeline.narrator import Narrator

    if title is not None and not title.strip():
        raise InputError("--title is blank", "give the digest a title, or leave --title out")
    if sources.count("-") > 1:  # the second would read what the first left: nothing
        raise InputError("- is given twice", "standard input can be read once: give - once")
    run = resolve(
        given.config,
        options,
        output=output,
        cover=cover,
        album=album,
        storage=parse_storage_options(storage_option or []),
    )
    verbose = report.verbose and not report.quiet
    if verbose:
        describe(run, narrating=True, err=True)
        say_tools(run)
    # the status line first: starting the engine takes a second or two
    notice = None if report.quiet else say
    with progress_reporter(report.quiet) as progress, Narrator(run.settings, notice=notice) as n:
        episode = n.narrate(sources, run.location, sys.stdin.buffer, progress, title)
    if not report.quiet:
        minutes, seconds = divmod(episode.duration_ms // 1000, 60)
        chapters = counted(len(episode.chapters), "chapter")
        typer.echo(f"{episode.audio_path}  ({minutes}:{seconds:02d}, {chapters})")
    if verbose:
        folder = split(episode.audio_path)[0]
        for name in (episode.manifest_path, *episode.sidecars):
            typer.echo(f"narrate: wrote {join(folder, split(name)[1])}", err=True)


EXAMPLES = examples(
    ("narrate article page.html", "-> output/<title>.mp3, with .json, .vtt, .srt beside it"),
    ("narrate article https://example.org/story -o story.m4b --rate 1.25x", "a quarter faster"),
    ("narrate article a.html b.html -o digest.mp3 --title Tuesday", "one file, a chapter each"),
)
