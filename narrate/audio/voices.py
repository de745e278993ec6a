"""Which voice reads which language.

An article's language is decided in the text stage (narrate/text/language.py);
here it meets the engines. The run's engine (`--engine`, else the profile's) reads
with the voice the profile names for the language, else its own voice for the
language (espeak-ng has about a hundred: `gmw/de`, `roa/fr`, ...; Piper, the
voices installed). When Piper has no voice for a language, espeak-ng reads it
(`other-engine`). A pinned profile, or `--voice ID`, reads everything with its one
voice. A language no voice speaks is refused with a VoiceError naming it, unless a
fallback voice was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from narrate.audio.engines import engine_named
from narrate.audio.engines.base import EngineInfo
from narrate.audio.engines.espeak import default_driver, voice_tags
from narrate.core.errors import VoiceError
from narrate.core.profiles import Profile, primary_language

How = Literal["profile", "profile-language", "engine", "pinned", "fallback", "other-engine"]

# Names for the languages a user is most likely to meet, for messages.
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "br": "Breton", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "jv": "Javanese", "km": "Khmer",
    "ko": "Korean", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy",
    "mn": "Mongolian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian", "oc": "Occitan",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "wa": "Walloon",
    "xh": "Xhosa", "zh": "Chinese", "zu": "Zulu",
}  # fmt: skip  # a table, 53 entries packed several a line


# The languages `narrate voices` shows without --all: those most pages come in.
COMMON_LANGUAGES = frozenset(
    "en de fr es it pt nl pl ru uk sv da no fi cs hu ro tr el ar he hi id ja ko zh vi".split()
)


@dataclass(frozen=True, slots=True)
class VoiceChoice:
    """The voice that reads one language, and why that one."""

    language: str  # BCP 47 tag of the text
    engine: str  # the engine that reads it
    voice_id: str  # which of its voices
    how: How  # profile: the profile's own voice for its own language; profile-language:
    # its [languages] entry; engine: the engine's voice for the language; pinned: the
    # profile reads every language with its voice; fallback: no voice speaks the
    # language; other-engine: the run's engine has no voice for it, espeak-ng reads it


def language_name(tag: str) -> str:
    """'German (de)'; the bare tag when the name is not known."""
    name = LANGUAGE_NAMES.get(primary_language(tag))
    return f"{name} ({tag})" if name else tag


def choose_voice(
    profile: Profile,
    language: str,
    engines: dict[str, EngineInfo],
    fallback: str | None = None,
    engine: str | None = None,
) -> VoiceChoice:
    """The voice that reads `language` with this profile and these engines.

    `engine`: the run's engine (else the profile's). `fallback` (an espeak-ng voice
    id; else the profile's `fallback_voice`) reads a language no voice speaks;
    without one that is a VoiceError.
    """
    wanted = engine or profile.engine
    base = default_driver()
    if profile.pinned:
        own = profile.voice(profile.engine)
        if own is not None:
            return VoiceChoice(language, profile.engine, own, "pinned")
    found = _engine_choice(profile, language, wanted, engines)
    if found is not None:
        return found
    if wanted != base:
        instead = _engine_choice(profile, language, base, engines)
        if instead is not None:
            return VoiceChoice(language, base, instead.voice_id, "other-engine")
    spare = fallback or profile.fallback_voice
    if spare is not None:
        return VoiceChoice(language, base, spare, "fallback")
    raise VoiceError(
        f"the {base} engine has no voice for {language_name(language)}",
        "read it with another voice: --fallback-voice ID (ids: `narrate voices`), "
        "or --lang to say the text is in another language",
    )


def _engine_choice(
    profile: Profile, language: str, engine: str, engines: dict[str, EngineInfo]
) -> VoiceChoice | None:
    """The profile's voice of `engine` for the language, else the engine's own; None."""
    info = engines.get(engine)
    if info is None:
        return None
    named = profile.voice_for_language(language, engine)
    if named is not None:
        how: How = "profile" if profile.speaks(language) or profile.pinned else "profile-language"
        return VoiceChoice(language, engine, named, how)
    own = engine_named(engine).voice_for_language(language, info)
    return VoiceChoice(language, engine, own, "engine") if own is not None else None


def engine_voice_for(language: str, info: EngineInfo) -> str | None:
    """The engine's own voice for a language, or None when it has none."""
    return engine_named(info.engine).voice_for_language(language, info)


def language_table(
    profile: Profile, engines: dict[str, EngineInfo], engine: str | None = None
) -> list[VoiceChoice]:
    """Every language the engines speak, with the voice this profile reads it with."""
    languages = sorted(
        {
            primary_language(t)
            for info in engines.values()
            for v in info.voices
            for t in voice_tags(v)
            if "-latn" not in t
        }
    )
    table: list[VoiceChoice] = []
    for language in languages:
        name = {"cmn": "zh", "nb": "no"}.get(language, language)
        table.append(choose_voice(profile, name, engines, engine=engine))
    return table
