"""Which engine voice reads which language.

An article's language is decided in the text stage (narrate/text/language.py);
here it meets the engine. The profile's own voice reads the profile's own
language, a `[languages]` entry in the profile names another voice, and any
other language gets the engine's own voice for it (espeak-ng has about a
hundred: `gmw/de`, `roa/fr`, `zle/ru`, `sit/cmn`, ...). A pinned profile, or
`--voice ID`, reads everything with its one voice. A language the engine cannot
speak is refused with a VoiceError naming it, unless a fallback voice was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from narrate.audio.engine import EngineInfo, EngineVoice
from narrate.core.errors import VoiceError
from narrate.core.profiles import VoiceProfile, primary_language

How = Literal["profile", "profile-language", "engine", "pinned", "fallback"]

# Tags whose voice the engine files under another code: the Chinese macrolanguage
# is read as Mandarin unless the region says Cantonese; Norwegian is Bokmål.
_ENGINE_CODES: dict[str, str] = {
    "zh": "cmn", "zh-cn": "cmn", "zh-sg": "cmn", "zh-tw": "cmn", "zh-hans": "cmn",
    "zh-hant": "cmn", "zh-hk": "yue", "zh-mo": "yue", "no": "nb", "nn": "nb",
    "iw": "he", "in": "id", "sh": "sr",
}  # fmt: skip

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
}  # fmt: skip


# The languages `narrate voices` shows without --all: those most pages come in.
COMMON_LANGUAGES = frozenset(
    "en de fr es it pt nl pl ru uk sv da no fi cs hu ro tr el ar he hi id ja ko zh vi".split()
)


@dataclass(frozen=True, slots=True)
class VoiceChoice:
    """The engine voice that reads one language, and why that one."""

    language: str  # BCP 47 tag of the text
    voice_id: str  # engine voice id
    how: How  # profile: the profile's own voice for its own language; profile-language:
    # its [languages] entry; engine: the engine's voice for the language; pinned: the
    # profile reads every language with its voice; fallback: the engine lacks the language


def language_name(tag: str) -> str:
    """'German (de)'; the bare tag when the name is not known."""
    name = LANGUAGE_NAMES.get(primary_language(tag))
    return f"{name} ({tag})" if name else tag


def _voice_tags(voice: EngineVoice) -> list[str]:
    """The language tags a voice speaks, lower case; espeak-ng prefixes none, others may."""
    return [lang.lower().replace("_", "-") for lang in voice.languages]


def engine_voice_for(language: str, info: EngineInfo) -> str | None:
    """The engine's own voice for a language, or None when it has none.

    The exact tag wins ('pt-br' -> roa/pt-br), then the voice whose id names the
    primary subtag ('de' -> gmw/de, 'fr' -> roa/fr, whose language is fr-fr),
    then any voice of that language. Romanised variants ('cmn-latn-pinyin')
    are for Latin script and never chosen for a language's own script.
    """
    tag = language.lower().replace("_", "-")
    primary = primary_language(tag)
    code = _ENGINE_CODES.get(tag) or _ENGINE_CODES.get(primary) or primary
    wanted = {tag, _ENGINE_CODES.get(tag, tag)}
    candidates = [v for v in info.voices if "-latn" not in "".join(_voice_tags(v))]
    for voice in candidates:
        if wanted & set(_voice_tags(voice)):
            return voice.id
    for voice in candidates:
        if voice.id.rsplit("/", 1)[-1] == code:
            return voice.id
    for voice in candidates:
        if any(primary_language(t) == code for t in _voice_tags(voice)):
            return voice.id
    return None


def choose_voice(
    profile: VoiceProfile, language: str, info: EngineInfo, fallback: str | None = None
) -> VoiceChoice:
    """The voice that reads `language` with this profile on this engine.

    `fallback` (an engine voice id; else the profile's `fallback_voice`) reads a
    language the engine cannot speak; without one that is a VoiceError.
    """
    if profile.pinned:
        own = profile.engine_voice(info.driver)
        if own is not None:
            return VoiceChoice(language, own, "pinned")
    named = profile.voice_for_language(language, info.driver)
    if named is not None:
        how: How = "profile" if profile.speaks(language) or profile.pinned else "profile-language"
        return VoiceChoice(language, named, how)
    found = engine_voice_for(language, info)
    if found is not None:
        return VoiceChoice(language, found, "engine")
    spare = fallback or profile.fallback_voice
    if spare is not None:
        return VoiceChoice(language, spare, "fallback")
    raise VoiceError(
        f"the {info.driver} engine has no voice for {language_name(language)}",
        "read it with another voice: --fallback-voice ID (ids: `narrate voices`), "
        "or --lang to say the text is in another language",
    )


def language_table(profile: VoiceProfile, info: EngineInfo) -> list[VoiceChoice]:
    """Every language the engine speaks, with the voice this profile reads it with."""
    languages = sorted(
        {primary_language(t) for v in info.voices for t in _voice_tags(v) if "-latn" not in t}
    )
    table: list[VoiceChoice] = []
    for language in languages:
        name = {"cmn": "zh", "nb": "no"}.get(language, language)
        table.append(choose_voice(profile, name, info))
    return table
