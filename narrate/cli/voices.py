"""None"""

from __future__ import annotations

import typer

from narrate.cli.exits import errors_to_exit


def voices() -> None:
    """List the voice profiles in voices/ and the voices the engine offers."""
    from narrate.audio.engine import engine_info
    from narrate.core.cache import default_cache_dir
    from narrate.core.profiles import load_profile, profile_paths

    with errors_to_exit():
        info = engine_info(default_cache_dir())
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
