"""`narrate script` and `narrate lint`: what would be read, and what would be read by guesswork."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli.help import examples
from narrate.cli.options import (
    ArticleArg,
    FallbackVoiceOpt,
    GlobalOptions,
    NarrationOptions,
    TextOptions,
    VoiceOpt,
    VoiceOptions,
    command,
)
from narrate.cli.resolve import resolve
from narrate.core.errors import NoArticleError
from narrate.core.models import Dropped, Script

if TYPE_CHECKING:
    from narrate.core.settings import Settings


@command
def script(
    text: TextOptions,
    given: GlobalOptions,
    source: ArticleArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with dropped blocks")] = False,
    show_dropped: Annotated[
        bool, typer.Option("--show-dropped", help="Also list every dropped block and why")
    ] = False,
    spoken: Annotated[
        bool, typer.Option("--spoken", help="Print the normalised text the engine is given")
    ] = False,
    voice: VoiceOpt = None,
    fallback_voice: FallbackVoiceOpt = None,
) -> None:
    """Print what would be read aloud, without synthesising."""
    from narrate.pipeline.scripts import planned_voices, prepare_script, script_profile

    settings = _settings(given, VoiceOptions(voice=voice, fallback_voice=fallback_voice), text)
    try:
        result = prepare_script(source, settings, script_profile(settings), sys.stdin.buffer)
    except NoArticleError as exc:
        if show_dropped:  # what the hint promises: what the page held, and why none is read
            _say_dropped(exc.dropped)
        raise
    if as_json:
        data = script_json(result, planned_voices(result, settings))
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo("\n\n".join(s.spoken if spoken else s.text for s in result.segments))
    if show_dropped:
        _say_dropped(result.article.dropped)


def _say_dropped(dropped: tuple[Dropped, ...]) -> None:
    typer.echo("\n--- dropped ---")
    for block in dropped:
        typer.echo(f"[{block.reason}] {block.text}")


def _settings(given: GlobalOptions, voice: VoiceOptions, text: TextOptions) -> Settings:
    """The settings a script is made with: these options over the settings file."""
    return resolve(given.config, NarrationOptions(voice=voice, text=text)).settings


def script_json(result: Script, voices: list[dict[str, object]] | None = None) -> dict[str, object]:
    """The script as JSON: the language and how it was decided, the voices, the segments."""
    decision = result.language
    return {
        "title": result.article.title,
        "byline": result.article.byline,
        "language": result.article.language,
        "language_from": decision.source if decision else None,  # option, declared, detected
        "language_declared": decision.declared if decision else None,
        "language_detected": decision.detected if decision else None,
        "voices": voices or [],  # each language's engine voice
        "segments": [
            {
                "kind": s.kind,
                "text": s.text,
                "spoken": s.spoken,
                "chapter": s.chapter,
                "language": s.language,
            }
            for s in result.segments
        ],
        "dropped": [{"text": d.text, "reason": d.reason} for d in result.article.dropped],
    }


@command
def lint(
    text: TextOptions,
    given: GlobalOptions,
    source: ArticleArg,
    voice: VoiceOpt = None,
) -> None:
    """List words the normaliser could not resolve with confidence, to fix in a lexicon."""
    from narrate.pipeline.scripts import prepare_script, script_profile
    from narrate.text.normalize import NormalizeOptions
    from narrate.text.normalize import lint as lint_text
    from narrate.text.script import load_lexicon

    settings = _settings(given, VoiceOptions(voice=voice), text)
    profile = script_profile(settings)
    result = prepare_script(source, settings, profile, sys.stdin.buffer)
    language = text.lang or result.article.language or profile.language
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


SCRIPT_EXAMPLES = examples(
    ("narrate script page.html --show-dropped", "what is read, then what is skipped and why"),
    ("narrate script page.html --spoken", "the words the engine is given (numbers spelt out)"),
    ("curl -s https://example.org/story | narrate script - --json", "from standard input, as JSON"),
)
LINT_EXAMPLES = examples(
    ("narrate lint page.html", "words read by guesswork, with a suggestion where there is one"),
    ("narrate lint page.html --lexicon mine.toml", "again, with your own pronunciations"),
)
