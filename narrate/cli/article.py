"""None"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.options import (
    AlbumOpt,
    CacheDirOpt,
    CacheSizeOpt,
    ChaptersOpt,
    CoverOpt,
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


def article(
    sources: Annotated[
        list[str],
        typer.Argument(help="Pages to narrate (HTML, text copy, URL or -); several make a digest"),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="An audio file or a folder")
    ] = None,
    voice: VoiceOpt = None,
    fallback_voice: FallbackVoiceOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
    audio_format: FormatOpt = "mp3",
    loudness: LoudnessOpt = -16.0,
    cover: CoverOpt = None,
    album: AlbumOpt = None,
    chapters: ChaptersOpt = "headings",
    title: Annotated[str | None, typer.Option("--title", help="Title of a digest")] = None,
    jobs: JobsOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    cache_size_mb: CacheSizeOpt = 2048,
    quiet: QuietOpt = False,
) -> None:
    """Narrate an article into audio with chapters, transcripts and a manifest beside it."""
    from narrate.cli.progress import progress_reporter
    from narrate.pipeline.narrator import Narrator

    with errors_to_exit():
        settings = build_settings(
            voice, lang, lexicon, fallback_voice=fallback_voice, format=audio_format,
            loudness=loudness, cover=cover,
            album=album, chapters=chapters, jobs=jobs, cache_dir=cache_dir, no_cache=no_cache,
            cache_size_mb=cache_size_mb,
        )  # fmt: skip
        with Narrator(settings) as narrator, progress_reporter(quiet) as progress:
            episode = narrator.narrate(sources, output, sys.stdin.buffer, progress, title)
        minutes, seconds = divmod(episode.duration_ms // 1000, 60)
        typer.echo(
            f"{episode.audio_path}  ({minutes}:{seconds:02d}, {len(episode.chapters)} chapters)"
        )
