"""The command line: the only module that prints, prompts or exits.

Every NarrateError becomes one line on stderr and its exit code (2 for bad
input, 3 for engine or ffmpeg failures); `--debug` shows the traceback too.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from narrate.errors import NarrateError
from narrate.models import Script
from narrate.pipeline import Settings, narrate_article, prepare_script, script_profile
from narrate.script import ScriptOptions

app = typer.Typer(
    name="narrate",
    help="Turn web articles into narrated audio with chapters, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"debug": False}

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
        typer.echo("narrate: interrupted; nothing was written", err=True)
        raise typer.Exit(130) from None


def _settings(voice: str | None, lang: str | None, lexicon: list[Path] | None) -> Settings:
    return Settings(voice=voice, script=ScriptOptions(lang=lang, lexicons=tuple(lexicon or ())))


def _progress_printer(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet:
        return None
    last = {"shown": -1}

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent // 10 != last["shown"] // 10 or done == total:
            last["shown"] = percent
            typer.echo(f"narrate: {done}/{total} segments ({percent}%)", err=True)

    return show


@app.command()
def article(
    source: ArticleArg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="An .mp3 file or a folder")
    ] = None,
    voice: VoiceOpt = None,
    lang: LangOpt = None,
    lexicon: LexiconOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Engine processes")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output")] = False,
) -> None:
    """Narrate one article into an MP3 with chapters, and a manifest (.json) beside it."""
    with _errors_to_exit():
        settings = _settings(voice, lang, lexicon)
        settings = Settings(settings.voice, settings.script, jobs)
        episode = narrate_article(
            source, settings, output, stdin=sys.stdin.buffer, progress=_progress_printer(quiet)
        )
        minutes, seconds = divmod(episode.duration_ms // 1000, 60)
        typer.echo(
            f"{episode.audio_path}  ({minutes}:{seconds:02d}, {len(episode.chapters)} chapters)"
        )


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
def voices() -> None:
    """List the voice profiles in voices/ and the voices the engine offers."""
    from narrate.engine import engine_info
    from narrate.voices import load_profile, profile_paths

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
    app()


def _register_publishing() -> None:
    """`feed` and `serve` live in their own module; register them on the app."""
    from narrate.publish_cli import register

    register(app)


_register_publishing()


if __name__ == "__main__":
    main()
