"""The command line: the only module that prints, prompts or exits.

Every NarrateError becomes one line on stderr and its exit code (2 for bad
input, 3 for engine or ffmpeg failures, 1 when some articles of a batch
failed); `--debug` shows the traceback too.
"""

from __future__ import annotations

import ctypes
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from narrate.core.errors import ExitCode, NarrateError
from narrate.core.models import Script
from narrate.core.settings import ScriptOptions, Settings

app = typer.Typer(
    name="narrate",
    help="Turn web articles into narrated audio with chapters, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"debug": False}
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number

ArticleArg = Annotated[
    str, typer.Argument(help="A saved HTML page, a plain-text page copy, an http(s) URL, or -")
]
VoiceOpt = Annotated[
    str | None, typer.Option("--voice", "-v", help="A voice profile name or an engine voice id")
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language of the text, e.g. en, pt")]
LexiconOpt = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="A pronunciation lexicon (TOML) to add")
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="mp3, m4a, m4b or opus")]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Cores to keep busy (default: all)")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output")]
LoudnessOpt = Annotated[
    float, typer.Option("--loudness", help="Integrated loudness target in LUFS")
]
CoverOpt = Annotated[Path | None, typer.Option("--cover", help="Cover art (JPEG or PNG)")]
AlbumOpt = Annotated[str | None, typer.Option("--album", help="Album tag (default: the site)")]
ChaptersOpt = Annotated[
    str, typer.Option("--chapters", help="headings, paragraphs (when no headings) or none")
]
CacheDirOpt = Annotated[
    Path | None, typer.Option("--cache-dir", help="Where synthesised audio is kept")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor keep the cache")]
CacheSizeOpt = Annotated[
    int, typer.Option("--cache-size-mb", min=0, help="Cache size cap; least recently used go")
]


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and engine logs")] = False,
) -> None:
    _state["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING)


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Turn library errors into one line on stderr and an exit code."""
    try:
        yield
    except NarrateError as exc:
        if _state["debug"]:
            raise
        typer.echo(f"narrate: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("narrate: interrupted; no output was left half-written", err=True)
        raise typer.Exit(130) from None


def _settings(
    voice: str | None = None,
    lang: str | None = None,
    lexicon: list[Path] | None = None,
    **options: object,
) -> Settings:
    script = ScriptOptions(lang=lang, lexicons=tuple(lexicon or ()))
    chosen = {key: value for key, value in options.items() if value is not None}
    if "chapters" in chosen and chosen["chapters"] not in ("headings", "paragraphs", "none"):
        raise typer.BadParameter("--chapters takes headings, paragraphs or none")
    if "cache_size_mb" in chosen:
        chosen["cache_max_bytes"] = int(str(chosen.pop("cache_size_mb"))) * 1024 * 1024
    if chosen.pop("no_cache", False):
        chosen["use_cache"] = False
    return Settings(voice=voice, script=script, **chosen)  # type: ignore[arg-type]


@app.command()
def article(
    sources: Annotated[
        list[str],
        typer.Argument(help="Pages to narrate (HTML, text copy, URL or -); several make a digest"),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="An audio file or a folder")
    ] = None,
    voice: VoiceOpt = None,
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

    with _errors_to_exit():
        settings = _settings(
            voice, lang, lexicon, format=audio_format, loudness=loudness, cover=cover,
            album=album, chapters=chapters, jobs=jobs, cache_dir=cache_dir, no_cache=no_cache,
            cache_size_mb=cache_size_mb,
        )  # fmt: skip
        with Narrator(settings) as narrator, progress_reporter(quiet) as progress:
            episode = narrator.narrate(sources, output, sys.stdin.buffer, progress, title)
        minutes, seconds = divmod(episode.duration_ms // 1000, 60)
        typer.echo(
            f"{episode.audio_path}  ({minutes}:{seconds:02d}, {len(episode.chapters)} chapters)"
        )


@app.command()
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
    from narrate.pipeline.batch import find_articles, run_batch
    from narrate.pipeline.narrator import Narrator

    with _errors_to_exit():
        if not folder.is_dir():
            raise InputError(f"no such folder: {folder}", "give a folder of articles")
        settings = _settings(
            voice, lang, lexicon, format=audio_format, loudness=loudness, chapters=chapters,
            jobs=jobs, cache_dir=cache_dir, no_cache=no_cache, cache_size_mb=cache_size_mb,
        )  # fmt: skip
        with Narrator(settings, keep_workers=True) as narrator:
            items = find_articles(folder, output, narrator.format.suffix, recursive)
            if not items:
                raise InputError(f"no articles in {folder}", "it needs .html, .txt or .url files")

            def report(status: str, source: str, detail: str) -> None:
                if not quiet or status == "failed":
                    typer.echo(f"{status:>7}  {source}  {detail}", err=True)

            with progress_reporter(quiet) as progress:
                summary = run_batch(items, narrator, force, report, progress)
        typer.echo(
            f"{len(summary.done)} done, {len(summary.skipped)} skipped, "
            f"{len(summary.failed)} failed"
        )
        for source, reason in summary.failed:
            typer.echo(f"failed: {source}: {reason}", err=True)
        if summary.failed:
            raise typer.Exit(int(ExitCode.FAILED_ITEMS))


@app.command()
def script(
    source: ArticleArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with dropped blocks")] = False,
    show_dropped: Annotated[
        bool, typer.Option("--show-dropped", help="Also list every dropped block and why")
    ] = False,
    spoken: Annotated[
        bool, typer.Option("--spoken", help="Print the normalised text the engine is given")
    ] = False,
    voice: VoiceOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Print what would be read aloud, without synthesising."""
    from narrate.pipeline.narrator import prepare_script, script_profile

    with _errors_to_exit():
        settings = _settings(voice, lang, lexicon)
        result = prepare_script(source, settings, script_profile(settings), sys.stdin.buffer)
        if as_json:
            typer.echo(json.dumps(script_json(result), ensure_ascii=False, indent=2))
            return
        typer.echo("\n\n".join(s.spoken if spoken else s.text for s in result.segments))
        if show_dropped:
            typer.echo("\n--- dropped ---")
            for dropped in result.article.dropped:
                typer.echo(f"[{dropped.reason}] {dropped.text}")


def script_json(result: Script) -> dict[str, object]:
    return {
        "title": result.article.title,
        "byline": result.article.byline,
        "language": result.article.language,
        "segments": [
            {"kind": s.kind, "text": s.text, "spoken": s.spoken, "chapter": s.chapter}
            for s in result.segments
        ],
        "dropped": [{"text": d.text, "reason": d.reason} for d in result.article.dropped],
    }


@app.command()
def lint(
    source: ArticleArg,
    voice: VoiceOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """List words the normaliser could not resolve with confidence, to fix in a lexicon."""
    from narrate.pipeline.narrator import prepare_script, script_profile
    from narrate.text.normalize import NormalizeOptions
    from narrate.text.normalize import lint as lint_text
    from narrate.text.script import load_lexicon

    with _errors_to_exit():
        settings = _settings(voice, lang, lexicon)
        profile = script_profile(settings)
        result = prepare_script(source, settings, profile, sys.stdin.buffer)
        language = lang or result.article.language or profile.language
        options = NormalizeOptions(
            lang=language, lexicon=load_lexicon(profile, settings.script, language)
        )
        seen: set[tuple[str, str]] = set()
        for segment in result.segments:
            for issue in lint_text(segment.text, options):
                if (issue.token, issue.reason) in seen:
                    continue
                seen.add((issue.token, issue.reason))
                hint = f"  (suggest: {issue.suggestion})" if issue.suggestion else ""
                typer.echo(f"{issue.token}\t{issue.reason}{hint}")
        if not seen:
            typer.echo("nothing to fix", err=True)


@app.command()
def voices() -> None:
    """List the voice profiles in voices/ and the voices the engine offers."""
    from narrate.audio.engine import engine_info
    from narrate.core.profiles import load_profile, profile_paths

    with _errors_to_exit():
        info = engine_info()
        typer.echo("Profiles (use with --voice NAME):")
        for name, path in profile_paths().items():
            profile = load_profile(path)
            engine_voice = profile.engine_voice(info.driver) or "-"
            typer.echo(
                f"  {name:<12} {profile.language:<6} {profile.rate:>4} wpm  {engine_voice:<16}"
                f" {profile.description}"
            )
        typer.echo(f"\nEngine voices ({info.driver}, {info.version}; use with --voice ID):")
        for v in info.voices:
            typer.echo(f"  {v.id:<28} {v.name:<28} {', '.join(v.languages)}")


def main() -> None:
    _give_back_freed_buffers()
    app()


def _give_back_freed_buffers() -> None:
    """Ask glibc to map large buffers on their own and unmap them when freed.

    Its default threshold grows after every large free, so sentence-sized audio
    buffers end up in the heap and fragment it; on an hour of audio that kept
    about 20 MB of freed memory resident. Elsewhere (not glibc) this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


def _register_publishing() -> None:
    """`feed` and `serve` live in their own module; register them on the app."""
    from narrate.cli.publish import register

    register(app)


_register_publishing()

if __name__ == "__main__":
    main()
