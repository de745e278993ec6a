"""Options shared by several commands, and the Settings they resolve to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from narrate.core.settings import ScriptOptions, Settings

ArticleArg = Annotated[
    str, typer.Argument(help="A saved HTML page, a plain-text page copy, an http(s) URL, or -")
]
VoiceOpt = Annotated[
    str | None, typer.Option("--voice", "-v", help="A voice profile name or an engine voice id")
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the text, e.g. en, pt-BR (default: the page's)"),
]
FallbackVoiceOpt = Annotated[
    str | None,
    typer.Option(
        "--fallback-voice",
        help="Engine voice id for an article in a language the engine cannot speak",
    ),
]
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


def build_settings(
    voice: str | None = None,
    lang: str | None = None,
    lexicon: list[Path] | None = None,
    **options: object,
) -> Settings:
    if lang is not None:
        from narrate.text.language import standard_tag

        lang = standard_tag(lang)  # a bad tag is bad input, said before any work
    script = ScriptOptions(lang=lang, lexicons=tuple(lexicon or ()))
    chosen = {key: value for key, value in options.items() if value is not None}
    if "chapters" in chosen and chosen["chapters"] not in ("headings", "paragraphs", "none"):
        raise typer.BadParameter("--chapters takes headings, paragraphs or none")
    if "cache_size_mb" in chosen:
        chosen["cache_max_bytes"] = int(str(chosen.pop("cache_size_mb"))) * 1024 * 1024
    if chosen.pop("no_cache", False):
        chosen["use_cache"] = False
    return Settings(voice=voice, script=script, **chosen)  # type: ignore[arg-type]
