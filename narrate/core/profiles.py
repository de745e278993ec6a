"""Profiles: voices/*.toml -> Profile.

A profile says which engine reads (espeak, the default, or piper), which voice of
each engine to read with, how fast and loud to speak, the pauses that follow the
article's structure, the language, and an optional pronunciation lexicon. Its
voice reads articles in its own language; an article in another language gets
the voice the profile names for that language (`[languages.<tag>]`) or else the
engine's own voice for it, unless the profile is `pinned` to its one voice.
`--voice` takes a profile name or, for a quick try, a voice id of any engine
(the default profile pinned to that voice).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from narrate.core.errors import VoiceError


def shipped_voices_dir() -> Path:
    """The profiles and lexicons that come with narrate.

    A wheel carries the repository's top-level voices/ inside the package as
    narrate/voices (pyproject's force-include); a checkout, editable or not,
    reads the top-level folder itself.
    """
    packaged = Path(str(files("narrate").joinpath("voices")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "voices"


def user_voices_dir() -> Path:
    """Where a user keeps profiles of their own: $NARRATE_VOICES, else the config folder."""
    override = os.environ.get("NARRATE_VOICES")
    return Path(override) if override else user_config_path("narrate") / "voices"


VOICES_DIR = shipped_voices_dir()
DEFAULT_PROFILE = "default"
DEFAULT_ENGINE = "espeak"
DEFAULT_VOICES: tuple[tuple[str, str], ...] = (("espeak", "gmw/en-us"),)


@dataclass(frozen=True, slots=True)
class Pauses:
    """Silence in milliseconds, by where it falls in the article's structure."""

    after_title: int = 1000
    before_heading: int = 900
    after_heading: int = 450
    between_paragraphs: int = 500
    between_sentences: int = 250


@dataclass(frozen=True, slots=True)
class Profile:
    """How to read: the engine and its voice, the pace, the pauses, the lexicon."""

    name: str
    language: str = "en"
    rate: int = 175  # words per minute
    volume: float = 1.0
    pitch: int = 50
    voices: tuple[tuple[str, str], ...] = DEFAULT_VOICES  # (engine, voice id)
    pauses: Pauses = Pauses()
    lexicon: Path | None = None
    description: str = ""
    # language tag -> ((engine, voice id), ...): the voice to read that language with
    language_voices: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    pinned: bool = False  # the one voice reads every language
    fallback_voice: str | None = None  # espeak-ng voice for languages no voice speaks
    engine: str = DEFAULT_ENGINE  # which engine reads: espeak (or sapi5, nsss) or piper

    def voice(self, engine: str) -> str | None:
        """The voice id this profile asks for on an engine (espeak, sapi5, nsss, piper)."""
        return dict(self.voices).get(engine)

    def pinned_to(self, engine: str, voice_id: str) -> Profile:
        """This profile pinned to one voice of an engine (what `--voice ID` asks for)."""
        others = tuple(pair for pair in self.voices if pair[0] != engine)
        return dataclasses.replace(
            self,
            voices=((engine, voice_id), *others),
            pinned=True,
            language_voices=(),
            engine=engine,
        )

    def speaks(self, language: str) -> bool:
        """Whether the profile's own voice is meant for `language` (same primary subtag)."""
        return primary_language(language) == primary_language(self.language)

    def voice_for_language(self, language: str, engine: str) -> str | None:
        """The voice of `engine` the profile names for `language`, or None (the engine's choice).

        Pinned: always its own voice. Otherwise its own voice for its own
        language, then a `[languages]` entry for the exact tag, then for the
        primary subtag ('pt-BR', then 'pt').
        """
        if self.pinned or self.speaks(language):
            return self.voice(engine)
        table = {tag.lower(): dict(voices) for tag, voices in self.language_voices}
        for tag in (language.lower().replace("_", "-"), primary_language(language)):
            if engine in table.get(tag, {}):
                return table[tag][engine]
        return None


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lower case ('pt-BR' -> 'pt')."""
    return tag.replace("_", "-").split("-")[0].lower()


def profile_paths(voices_dir: Path | None = None) -> dict[str, Path]:
    """Profile name -> TOML file: the shipped profiles, then the user's (same name wins).

    With `voices_dir`, only the profiles in that folder.
    """
    folders = [voices_dir] if voices_dir is not None else [VOICES_DIR, user_voices_dir()]
    found: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            found |= {path.stem: path for path in sorted(folder.glob("*.toml"))}
    return found


def load_profile(path: Path) -> Profile:
    """Parse one profile file; a broken file is a VoiceError naming the file."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        return _profile_from_dict(path.stem, data, path.parent)
    except RecursionError:
        raise VoiceError(
            f"voice profile {path} is broken: nested too deeply", "fix or remove it"
        ) from None
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise VoiceError(f"voice profile {path} is broken: {exc}", "fix or remove it") from exc


def load_profiles(
    voices_dir: Path | None = None,
) -> tuple[dict[str, Profile], dict[str, VoiceError]]:
    """Every profile by name, and apart, the error of each one that does not load: a
    broken profile is named, and the others are still listed (`narrate voices`)."""
    loaded: dict[str, Profile] = {}
    broken: dict[str, VoiceError] = {}
    for name, path in profile_paths(voices_dir).items():
        try:
            loaded[name] = load_profile(path)
        except VoiceError as exc:
            broken[name] = exc
    return loaded, broken


# The engines a profile names a voice for: pyttsx3's drivers (Linux, Windows, macOS), Piper.
VOICE_ENGINES = ("espeak", "sapi5", "nsss", "piper")


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be a [{name}] table, not a value")
    return value


def _engine_voices(table: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    """[voices] (or one [languages.TAG]): engine = "voice id", for the engines narrate has."""
    for key, value in table.items():
        if key not in VOICE_ENGINES:
            close = difflib.get_close_matches(key, VOICE_ENGINES, n=1)
            guess = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(
                f"[{where}] has an unknown key {key!r} ({guess}the engines: "
                f"{', '.join(VOICE_ENGINES)})"
            )
        if not isinstance(value, str):
            raise ValueError(f'[{where}] {key} must be a voice id in quotes ({key} = "gmw/en")')
    return tuple((str(k), str(v)) for k, v in table.items())


def _profile_from_dict(name: str, data: dict[str, Any], base: Path) -> Profile:
    pause_table = _table(data, "pauses")
    unknown = sorted(set(pause_table) - {f.name for f in dataclasses.fields(Pauses)})
    if unknown:
        raise ValueError(f"[pauses] has an unknown key {unknown[0]!r}")
    pauses = Pauses(**{key: int(value) for key, value in pause_table.items()})
    # [voices] names each engine's voice; profiles written before Piper call it [engine]
    legacy = "engine" if isinstance(data.get("engine"), dict) and "voices" not in data else None
    voices = _engine_voices(_table(data, legacy or "voices"), legacy or "voices")
    engine = data.get("engine") if isinstance(data.get("engine"), str) else DEFAULT_ENGINE
    lexicon = data.get("lexicon")
    languages = tuple(
        (str(tag), _engine_voices(_table({tag: table}, tag), f"languages.{tag}"))
        for tag, table in _table(data, "languages").items()
    )
    fallback = data.get("fallback_voice")
    return Profile(
        name=name,
        language=str(data.get("language", "en")),
        rate=int(data.get("rate", 175)),
        volume=float(data.get("volume", 1.0)),
        pitch=int(data.get("pitch", 50)),
        voices=voices or DEFAULT_VOICES,
        pauses=pauses,
        lexicon=(base / str(lexicon)) if lexicon else None,
        description=str(data.get("description", "")),
        language_voices=languages,
        pinned=bool(data.get("pinned", False)),
        fallback_voice=str(fallback) if fallback else None,
        engine=str(engine),
    )


def resolve_profile(
    name: str | None,
    voice_ids: dict[str, frozenset[str]],
    voices_dir: Path | None = None,
) -> Profile:
    """A profile by name, or the default profile pinned to a voice id of one of the engines.

    `voice_ids`: engine -> the ids of its voices as the engine spells them, matched
    whatever their case (the first engine that has the id reads with it).
    """
    profiles = profile_paths(voices_dir)
    wanted = name or DEFAULT_PROFILE
    if wanted in profiles:
        return load_profile(profiles[wanted])
    base = load_profile(profiles[DEFAULT_PROFILE]) if DEFAULT_PROFILE in profiles else None
    for engine, ids in voice_ids.items():
        spelled = {i.lower(): i for i in ids}
        if wanted.lower() in spelled:  # pinned to the id as its engine spells it
            return (base or Profile(name=DEFAULT_PROFILE)).pinned_to(
                engine, spelled[wanted.lower()]
            )
    known = {i.lower(): i for i in (*profiles, *(i for ids in voice_ids.values() for i in ids))}
    near = [
        known[i] for i in difflib.get_close_matches(wanted.lower(), sorted(known), n=3, cutoff=0.6)
    ]
    choices = ", ".join(profiles) or "none"
    raise VoiceError(
        f"unknown voice {wanted!r}"
        + (f" (did you mean {', '.join(near)}?)" if near else f" (profiles: {choices})"),
        "`narrate voices` lists the profiles and every engine's voices",
    )


def base_profile(name: str | None, voices_dir: Path | None = None) -> Profile:
    """The profile `--voice NAME` starts from, without asking the engine.

    A profile name gives that profile; anything else (an engine voice id, or a
    name the engine will reject later) gives the default profile, whose rate
    and pitch an engine voice id speaks with.
    """
    profiles = profile_paths(voices_dir)
    wanted = name if name in profiles else DEFAULT_PROFILE
    return load_profile(profiles[wanted]) if wanted in profiles else Profile(DEFAULT_PROFILE)
