"""`narrate voices`: the profiles, every engine's voices, the voice each language gets;
`voices add` and `voices remove` for Piper voices."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli.help import examples
from narrate.cli.options import (
    EngineOpt,
    EspeakOpt,
    GlobalOptions,
    NarrationOptions,
    ToolOptions,
    VoiceOpt,
    command,
    global_options,
)
from narrate.cli.resolve import resolve
from narrate.cli.suggest import SuggestingCommand, SuggestingGroup

if TYPE_CHECKING:
    from narrate.audio.engines.base import EngineInfo, Voice

AllOpt = Annotated[bool, typer.Option("--all", help="List every language the engines speak")]

app = typer.Typer(
    name="voices",
    cls=SuggestingGroup,
    invoke_without_command=True,
    help="List the profiles and voices; add and remove Piper voices.",
)


@app.callback()
def voices(
    ctx: typer.Context,
    voice: VoiceOpt = None,
    engine: EngineOpt = None,
    all_languages: AllOpt = False,
    espeak: EspeakOpt = None,
) -> None:
    """List the profiles, the Piper voices, the voice each language gets, and the engines'
    voices; `add` and `remove` manage Piper voices."""
    if ctx.invoked_subcommand is None:
        show_voices(global_options(ctx).config, voice, engine, all_languages, espeak)


@app.command("list", cls=SuggestingCommand)
@command
def list_voices(
    given: GlobalOptions,
    voice: VoiceOpt = None,
    engine: EngineOpt = None,
    all_languages: AllOpt = False,
    espeak: EspeakOpt = None,
) -> None:
    """List the profiles, the Piper voices, the voice each language gets, the engines' voices."""
    show_voices(given.config, voice, engine, all_languages, espeak)


def _broken_piper_voices() -> None:
    """Models in the voices folder that cannot be used, each with why (they are not listed
    with the voices, and --voice would not find them)."""
    from narrate.audio.engines.piper_voices import broken_voices

    for model, problem in broken_voices():
        typer.echo(f"  {model.stem:<28} (broken; see below)")
        typer.echo(f"narrate: {model}: {problem}", err=True)


def show_voices(
    config: Path | None,
    voice: str | None,
    engine: str | None,
    all_languages: bool,
    espeak: str | None,
) -> None:
    """The profiles, the Piper voices, the voice each language gets, the engines' voices."""
    from narrate.audio.catalog import Catalog
    from narrate.audio.voices import COMMON_LANGUAGES, language_name, language_table
    from narrate.core.cache import default_cache_dir
    from narrate.core.profiles import load_profiles
    from narrate.core.settings import Settings

    resolve(config, NarrationOptions(tools=ToolOptions(espeak=espeak)))  # which libespeak-ng
    catalog = Catalog.find(Settings(voice=voice, engine=engine), default_cache_dir())
    infos = catalog.by_name
    typer.echo("Profiles (use with --voice NAME):")
    profiles, broken = load_profiles()
    for name, profile in profiles.items():
        own = profile.voice(profile.engine) or "-"
        reads = "pinned: reads every language" if profile.pinned else "others: their own voice"
        typer.echo(
            f"  {name:<12} {profile.language:<6} {profile.rate:>4} wpm  {own:<16}"
            f" {profile.description} ({reads})"
        )
    for name, error in broken.items():  # named, and the others listed all the same
        typer.echo(f"  {name:<12} (broken; see below)")
        typer.echo(f"narrate: {error}", err=True)
    _piper_voices(infos.get("piper"))
    _broken_piper_voices()
    profile = catalog.profile
    pinned = " (pinned: every language is read with it)" if profile.pinned else ""
    with_engine = f" --engine {engine}" if engine else ""
    typer.echo(f"\nLanguage -> voice with --voice {voice or profile.name}{with_engine}{pinned}:")
    for choice in language_table(profile, infos, catalog.wanted):
        if all_languages or choice.language in COMMON_LANGUAGES:
            typer.echo(
                f"  {language_name(choice.language):<24} {choice.engine:<7}"
                f" {choice.voice_id:<20} {choice.how}"
            )
    if not all_languages:
        typer.echo("  ... (--all lists every language the engines speak)")
    base = next(info for info in catalog.infos if info.engine != "piper")
    typer.echo(f"\nEngine voices ({base.engine}, {base.version}; use with --voice ID):")
    for v in base.voices:
        typer.echo(f"  {v.id:<28} {v.name:<28} {', '.join(v.languages)}")


def _piper_voices(info: EngineInfo | None) -> None:
    from narrate.audio.catalog import piper_info
    from narrate.audio.engines.piper import INSTALL_HINT
    from narrate.audio.engines.piper_voices import find_voices

    if info is None and piper_info() is None:
        found = find_voices()
        typer.echo(f"\nPiper voices: the Piper engine is not installed ({INSTALL_HINT})")
        for voice in found:
            typer.echo(_piper_line(voice))
        return
    voices = info.voices if info is not None else ()
    version = f"{info.version}; " if info is not None else ""
    typer.echo(f"\nPiper voices ({version}use with --voice NAME, or --engine piper):")
    if not voices:
        typer.echo("  none installed: `narrate voices add URL` (README: Getting Piper voices)")
    for voice in voices:
        typer.echo(_piper_line(voice))


def _piper_line(voice: Voice) -> str:
    size = f"{voice.size_bytes / 1024**2:.0f} MB"
    return (
        f"  {voice.id:<28} {', '.join(voice.languages):<7} {voice.quality:<7}"
        f" {voice.sample_rate:>6} Hz {size:>7}  {voice.origin}"
    )


@app.command("add", cls=SuggestingCommand)
def add(
    source: Annotated[str, typer.Argument(help="A Piper model (NAME.onnx) or its http(s) URL")],
) -> None:
    """Check a Piper voice (it loads and speaks) and install it into your voices folder."""
    from narrate.audio.engines.piper_install import add_voice
    from narrate.core.profiles import user_voices_dir

    voice = add_voice(source)
    typer.echo(
        f"added {voice.id} ({', '.join(voice.languages)}, {voice.quality}) to "
        f"{user_voices_dir()}; use it with --voice {voice.id}"
    )


@app.command("remove", cls=SuggestingCommand)
def remove(
    name: Annotated[str, typer.Argument(help="The voice's name, e.g. en_US-joe-medium")],
) -> None:
    """Remove a Piper voice from your voices folder."""
    from narrate.audio.engines.piper_voices import remove as remove_voice

    files = remove_voice(name)
    typer.echo(f"removed {files.voice_id} ({files.model.parent})")


EXAMPLES = examples(
    ("narrate voices --engine piper", "profiles, Piper and espeak-ng voices; who reads what"),
    ("narrate voices add https://host/en_US-lessac-medium.onnx", "install a Piper voice"),
    ("narrate article page.html --voice en_US-lessac-medium", "read with that voice"),
)
