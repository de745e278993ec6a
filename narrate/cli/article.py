"""`narrate article`: one article (or a digest of several) into audio, sidecars and a manifest."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.help import examples
from narrate.cli.options import (
    AlbumOpt,
    CacheDirOpt,
    CacheSizeOpt,
    ChaptersOpt,
    CoverOpt,
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
    voice: VoiceOpt = None,
    fallback_voice: FallbackVoiceOpt = None,
    engine: EngineOpt = None,
    rate: RateOpt = None,
    pitch: PitchOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
    audio_format: FormatOpt = None,
    loudness: LoudnessOpt = None,
    cover: CoverOpt = None,
    album: AlbumOpt = None,
    chapters: ChaptersOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of a digest")] = None,
    jobs: JobsOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    cache_size_mb: CacheSizeOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    storage_option: StorageOpt = None,
    ffmpeg: FfmpegOpt = None,
    espeak: EspeakOpt = None,
) -> None:
    """Narrate an article into audio with chapters, transcripts and a manifest beside it."""
    from narrate.cli.config import describe
    from narrate.cli.progress import progress_reporter
    from narrate.cli.tools import say_tools
    from narrate.core.storage import join, parse_storage_options, split
    from narrate.pipeline.narrator import Narrator

    with errors_to_exit():
        flags = {
            "voice": voice, "rate": rate, "pitch": pitch, "format": audio_format,
            "output": output, "loudness": loudness, "chapters": chapters, "jobs": jobs,
            "cache_dir": cache_dir, "cache_size_mb": cache_size_mb, "ffmpeg": ffmpeg,
            "espeak": espeak,
        }  # fmt: skip
        run = resolve(
            {**flags, "fallback_voice": fallback_voice, "engine": engine},
            lang,
            lexicon,
            no_cache,
            cover=cover,
            album=album,
            storage=parse_storage_options(storage_option or []),
        )
        if verbose and not quiet:
            describe(run, ARTICLE_SETTINGS, err=True)
            say_tools(run)
        from narrate.cli.exits import say

        # the status line first: starting the engine takes a second or two
        with progress_reporter(quiet) as progress, Narrator(
            run.settings, notice=None if quiet else say
        ) as narrator:
            episode = narrator.narrate(sources, run.location, sys.stdin.buffer, progress, title)
        minutes, seconds = divmod(episode.duration_ms // 1000, 60)
        if not quiet:
            count = len(episode.chapters)
            typer.echo(
                f"{episode.audio_path}  ({minutes}:{seconds:02d}, {count} "
                f"chapter{'' if count == 1 else 's'})"
            )
        if verbose and not quiet:
            folder = split(episode.audio_path)[0]
            for name in (episode.manifest_path, *episode.sidecars):
                typer.echo(f"narrate: wrote {join(folder, split(name)[1])}", err=True)


ARTICLE_SETTINGS = (
    "voice", "fallback_voice", "engine", "rate", "pitch", "format", "output", "loudness",
    "chapters", "jobs", "cache_dir",
)  # fmt: skip
EXAMPLES = examples(
    ("narrate article page.html", "-> output/<title>.mp3, with .json, .vtt, .srt beside it"),
    ("narrate article https://example.org/story -o story.m4b --rate 1.25x", "a quarter faster"),
    ("narrate article a.html b.html -o digest.mp3 --title Tuesday", "one file, a chapter each"),
)
