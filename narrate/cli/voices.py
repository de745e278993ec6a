"""`narrate voices`: the profiles, the engine voice each language gets, the engine's voices."""

from __future__ import annotations

from typing import Annotated

import typer

from narrate.cli.exits import errors_to_exit
from narrate.cli.help import examples
from narrate.cli.options import VoiceOpt


def voices(
    voice: VoiceOpt = None,
    all_languages: Annotated[
        bool, typer.Option("--all", help="List every language the engine speaks")
    ] = False,
) -> None:
    """List the voice profiles, the voice each language gets, and the engine's voices."""
    from narrate.audio.engine import engine_info
    from narrate.audio.voices import COMMON_LANGUAGES, language_name, language_table
    from narrate.core.cache import default_cache_dir
    from narrate.core.profiles import load_profile, profile_paths, resolve_voice

    with errors_to_exit():
        info = engine_info(default_cache_dir())
        typer.echo("Profiles (use with --voice NAME):")
        for name, path in profile_paths().items():
            profile = load_profile(path)
            engine_voice = profile.engine_voice(info.driver) or "-"
            reads = "pinned: reads every language" if profile.pinned else "others: their own voice"
            typer.echo(
                f"  {name:<12} {profile.language:<6} {profile.rate:>4} wpm  {engine_voice:<16}"
                f" {profile.description} ({reads})"
            )
        profile = resolve_voice(voice, frozenset(v.id for v in info.voices), info.driver)
        pinned = " (pinned: every language is read with it)" if profile.pinned else ""
        typer.echo(f"\nLanguage -> engine voice with --voice {voice or profile.name}{pinned}:")
        for choice in language_table(profile, info):
            if all_languages or choice.language in COMMON_LANGUAGES:
                typer.echo(
                    f"  {language_name(choice.language):<24} {choice.voice_id:<20} {choice.how}"
                )
        if not all_languages:
            typer.echo("  ... (--all lists every language the engine speaks)")
        typer.echo(f"\nEngine voices ({info.driver}, {info.version}; use with --voice ID):")
        for v in info.voices:
            typer.echo(f"  {v.id:<28} {v.name:<28} {', '.join(v.languages)}")


EXAMPLES = examples(
    ("narrate voices", "profiles (for --voice NAME) and engine voices (for --voice ID)"),
    ("narrate voices | grep -i german", "find a voice for a language"),
    ("narrate article page.html --voice roa/fr", "an engine voice with the default profile"),
)
