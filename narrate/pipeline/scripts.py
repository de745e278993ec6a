"""Before any sound: a page's Script (loaded, extracted, normalised; cached).

The narrator calls these for every article; `narrate script` and `narrate
lint` call them without starting an engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import BinaryIO

from narrate import __version__
from narrate.audio.catalog import Catalog
from narrate.audio.voices import choose_voice
from narrate.core.cache import AudioCache, digest
from narrate.core.errors import VoiceError
from narrate.core.files import file_digest
from narrate.core.models import (
    Article,
    ArticleMeta,
    Document,
    Script,
)
from narrate.core.profiles import Profile, resolve_profile
from narrate.core.settings import Settings
from narrate.text.load import load


def script_profile(settings: Settings) -> Profile:
    """The profile for `narrate script`: no engine needed, an engine id means the default."""
    try:
        return resolve_profile(settings.voice, {})
    except VoiceError:
        return resolve_profile(None, {})


def planned_voices(script: Script, settings: Settings) -> list[dict[str, object]]:
    """Which voice would read each language of the script (for `narrate script --json`).

    A language no voice speaks is listed with no voice and the reason, rather
    than refused: nothing is being read yet.
    """
    catalog = Catalog.find(settings, None)
    planned: list[dict[str, object]] = []
    for language in dict.fromkeys(segment.language for segment in script.segments):
        try:
            choice = choose_voice(
                catalog.profile, language, catalog.by_name, settings.fallback_voice, catalog.wanted
            )
        except VoiceError as exc:
            planned.append({"language": language, "id": None, "problem": exc.message})
            continue
        planned.append(
            {
                "language": language,
                "engine": choice.engine,
                "id": choice.voice_id,
                "chosen": choice.how,
            }
        )
    return planned


def prepare_script(
    source: str,
    settings: Settings,
    profile: Profile,
    stdin: BinaryIO | None = None,
    cache: AudioCache | None = None,
    on_new_page: Callable[[], None] | None = None,
) -> Script:
    """Load, extract and normalise: everything short of making sound.

    With a cache, the script of a page already seen (same text, same settings)
    is read back instead of extracted and normalised again; `on_new_page` is
    called when it is not (the narrator starts its engines then).
    """
    document = load(source, stdin, settings.storage)
    return script_for_document(document, settings, profile, cache, on_new_page)


def script_for_document(
    document: Document,
    settings: Settings,
    profile: Profile,
    cache: AudioCache | None = None,
    on_new_page: Callable[[], None] | None = None,
    known: ArticleMeta | None = None,
) -> Script:
    """prepare_script for a page already loaded; `known` metadata (a feed item's) wins."""
    content = document.text or hashlib.sha256(document.data).hexdigest()  # PDF, EPUB, e-mail
    key = _script_key(content, document.media_type, settings, profile)
    if known is not None:
        key = digest(key, repr(known))
    if cache is not None:
        stored = cache.load_object("scripts", key)
        if isinstance(stored, Script):  # the same text: read from wherever it is now
            return replace(stored, article=replace(stored.article, source=document.source))
    if on_new_page is not None:
        on_new_page()
    from narrate.text.extract import extract  # heavy imports only when a page is new
    from narrate.text.script import build_script, rechapter

    article = extract(document)
    if known is not None:
        article = with_known(article, known)
    script = rechapter(build_script(article, profile, settings.script), settings.chapters)
    if cache is not None:
        cache.store_object("scripts", key, script)
    return script


def with_known(article: Article, known: ArticleMeta) -> Article:
    """The article with the title, byline and date its feed gives (language only if missing)."""
    return replace(
        article,
        title=known.title or article.title,
        byline=known.byline or article.byline,
        published=known.published or article.published,
        language=article.language or known.language,
    )


def _script_key(text: str, media_type: str, settings: Settings, profile: Profile) -> str:
    lexicons = [*settings.script.lexicons, *([profile.lexicon] if profile.lexicon else [])]
    return digest(
        "script",
        __version__,
        text,
        media_type,
        repr(settings.script),
        settings.chapters,
        repr(profile),
        [file_digest(p) or str(p) for p in lexicons],
    )
