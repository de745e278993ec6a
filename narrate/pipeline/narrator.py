"""The pipeline: source -> Document -> Article -> Script -> audio -> Episode.

Each stage is a plain function; `Narrator` strings them together and keeps
what is worth keeping between articles (the engine workers, the cache), so a
batch or a digest starts the engine once. It reports progress through a
callback and never prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from narrate.audio.encoders import Encoder, encoder_for
from narrate.audio.engine import EngineInfo, check_voice, engine_info, voice_settings
from narrate.audio.speech import Speech, Tick, sentence_keys
from narrate.audio.synthesizer import Synthesizer
from narrate.audio.voices import VoiceChoice, choose_voice
from narrate.core.cache import AudioCache, TemporaryCache, default_cache_dir
from narrate.core.errors import OutputError, StorageError
from narrate.core.files import (
    all_or_nothing,
    check_writable,
    temporary_directory,
    write_json,
    write_text,
)
from narrate.core.formats import audio_format
from narrate.core.models import (
    FRAME_RATE,
    ArticleMeta,
    Document,
    Episode,
    Script,
    Segment,
    Timeline,
)
from narrate.core.profiles import resolve_voice
from narrate.core.settings import Settings
from narrate.output.containers import Tags, check_cover, write_container
from narrate.output.listen import listen_page
from narrate.output.manifest import build_manifest, manifest_path, sidecar_paths, write_manifest
from narrate.output.sidecars import cues, podcast_chapters, srt, webvtt
from narrate.pipeline.events import Progress, ProgressEvent
from narrate.pipeline.scripts import output_path, prepare_script, script_for_document

__all__ = ["Narrator", "Progress", "ProgressEvent", "Settings", "narrate_article"]


class Narrator:
    """Narrates articles with one voice, one cache and one pool of engine workers."""

    def __init__(
        self,
        settings: Settings,
        info: EngineInfo | None = None,
        keep_workers: bool = False,
    ) -> None:
        self.format = audio_format(settings.format)
        check_cover(settings.cover)
        self.settings = settings
        cache_root = settings.cache_dir or default_cache_dir()
        self.info = info or engine_info(cache_root if settings.use_cache else None)
        voice_ids = frozenset(v.id for v in self.info.voices)
        self.profile = settings.shape(resolve_voice(settings.voice, voice_ids, self.info.driver))
        self.voice_id = check_voice(self.profile, self.info)
        self._choices: dict[str, VoiceChoice] = {}  # language -> voice, decided once each
        if settings.fallback_voice is not None:
            fallback = self.profile.with_engine_voice(self.info.driver, settings.fallback_voice)
            check_voice(fallback, self.info)
        self.voice = voice_settings(
            self.profile, self.voice_id, self.info.driver, self.info.version, self.info.repeatable
        )
        self.cache: AudioCache = (
            AudioCache(cache_root, settings.cache_max_bytes)
            if settings.use_cache
            else TemporaryCache()
        )
        self.cache.check()
        self.synth = Synthesizer(
            self.profile, self.voice_id, self.cache, settings.jobs, self.info.wavegen
        )
        self.keep_workers = keep_workers  # a batch keeps them between articles
        self.encoder: Encoder = encoder_for(self.format, self.cache, settings.jobs)
        self.speech = Speech(
            self.cache, self.synth, self.voice, self.profile.rate, settings.loudness, self.encoder
        )

    def __enter__(self) -> Narrator:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.synth.__exit__(kind, exc, tb)
        if isinstance(self.cache, TemporaryCache):
            self.cache.close()
        else:
            self.cache.evict()

    def script(self, source: str, stdin: BinaryIO | None = None) -> Script:
        return prepare_script(
            source, self.settings, self.profile, stdin, self.cache, self.synth.warm_up
        )

    def script_for(self, document: Document, known: ArticleMeta | None = None) -> Script:
        """The script of a page already in memory (a feed item, a fetched page)."""
        return script_for_document(
            document, self.settings, self.profile, self.cache, self.synth.warm_up, known
        )

    def narrate(
        self,
        sources: list[str],
        out: Path | None = None,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        digest_title: str | None = None,
    ) -> Episode:
        """Narrate one article (or several into one digest) into audio, sidecars and manifest."""
        scripts = [self.script(source, stdin) for source in sources]
        if len(scripts) == 1:
            script = scripts[0]
        else:
            title = digest_title or f"Digest of {len(scripts)} articles, {date.today().isoformat()}"
            from narrate.text.script import digest as digest_script

            script = digest_script(scripts, title)
        target = output_path(out, script.article.title, self.format)
        check_writable(target.parent)
        _check_not_a_source(sidecar_paths(target)["listen"], sources)
        return self.make_episode(script, target, progress, inputs_digest(scripts))

    def choose(self, language: str) -> VoiceChoice:
        """The engine voice that reads `language` (VoiceError when the engine has none)."""
        if language not in self._choices:
            choice = choose_voice(self.profile, language, self.info, self.settings.fallback_voice)
            if choice.voice_id != self.voice_id:
                named = self.profile.with_engine_voice(self.info.driver, choice.voice_id)
                check_voice(named, self.info)  # a profile's [languages] entry may be wrong
            self._choices[language] = choice
        return self._choices[language]

    def segment_voices(self, script: Script) -> list[VoiceChoice]:
        """Each segment's voice, decided before any audio is made."""
        return [self.choose(segment.language) for segment in script.segments]

    def _segment_voice(self, segment: Segment, choice: VoiceChoice) -> dict[str, object]:
        """What decides a segment's audio: the voice settings, its engine voice, its language."""
        return self.voice | {"id": choice.voice_id, "language": segment.language}

    def make_episode(
        self,
        script: Script,
        target: Path,
        progress: Progress | None = None,
        input_digest: str = "",
        page_image: Path | None = None,
    ) -> Episode:
        """Synthesise and encode a script into `target`, with its sidecars and manifest.

        Each segment is read by the voice of its language (a digest may have several).
        The cover is --cover, else the page's own image saved beside it: `page_image`
        when it was sent from elsewhere (a cluster's client), else found beside the page;
        else the image the source carried inside it (an EPUB's cover).
        """
        choices = self.segment_voices(script)
        segment_voices = [
            self._segment_voice(seg, c) for seg, c in zip(script.segments, choices, strict=True)
        ]
        keys = sentence_keys(script, self.voice, segment_voices)
        speech = self.speech.with_voices([choice.voice_id for choice in choices])
        tags = Tags.for_article(script.article, self.settings.album)
        cover = self.settings.cover or page_image or local_image(script)
        # An episode is all its files or none of them (narrate/core/files.py).
        with temporary_directory("render") as work, all_or_nothing():
            cover = cover or carried_cover(script, work)
            rendering = self.encoder.render(
                speech, script, keys, _ticker(progress), self._release_workers, work
            )
            timeline = rendering.timeline
            write_container(self.format, rendering.audio, tags, timeline.chapters, cover, target)
            sidecars = self._write_sidecars(script, timeline, target)
            voice = self._manifest_voice(script, choices)
            manifest = build_manifest(
                script, timeline, voice, target, self.format, sidecars, asdict(rendering.loudness),
                input_digest, self.settings.fingerprint(),
            )  # fmt: skip
            write_manifest(manifest, manifest_path(target))
        return Episode(
            str(target), str(manifest_path(target)), timeline.duration_ms, timeline.chapters,
            tuple(sidecars.values()),
        )  # fmt: skip

    def _manifest_voice(self, script: Script, choices: list[VoiceChoice]) -> dict[str, object]:
        """The voice as the manifest tells it: the main one, and every language's in a digest."""
        main = main_voice(choices)
        voice = self.voice | {
            "profile": self.profile.name,
            "id": main.voice_id,
            "language": script.article.language,
            "chosen": main.how,  # profile, profile-language, engine, pinned or fallback
            "pinned": self.profile.pinned,
        }
        by_language = {c.language: c for c in choices}
        if len(by_language) > 1:
            voice["languages"] = [
                {"language": c.language, "id": c.voice_id, "chosen": c.how}
                for c in by_language.values()
            ]
        return voice

    def _release_workers(self) -> None:
        if not self.keep_workers:
            self.release()

    def release(self) -> None:
        """Stop the engine worker processes, if any (they start again if more audio is needed)."""
        self.synth.close()

    def _write_sidecars(self, script: Script, timeline: Timeline, target: Path) -> dict[str, str]:
        cue_list = cues(timeline)
        files = sidecar_paths(target)
        write_json(podcast_chapters(timeline.chapters), files["chapters"])
        texts = (
            ("vtt", webvtt(cue_list)),
            ("srt", srt(cue_list)),
            ("listen", listen_page(script, timeline, target.name)),
        )
        for name, text in texts:
            write_text(files[name], text)
        return {name: path.name for name, path in files.items()}


def main_voice(choices: list[VoiceChoice]) -> VoiceChoice:
    """The voice that reads most segments (the first of equals)."""
    ids = [c.voice_id for c in choices]
    return max(choices, key=lambda c: ids.count(c.voice_id))


def _check_not_a_source(listen: Path, sources: list[str]) -> None:
    """The listen page OUT.html must not replace the page being read (same name, same folder)."""
    for source in sources:
        if "://" not in source and source != "-" and Path(source).resolve() == listen.resolve():
            raise OutputError(
                f"{listen} would overwrite the page being read", "write to another folder with -o"
            )


def _ticker(progress: Progress | None) -> Tick | None:
    if progress is None:
        return None

    def tick(stage: str, done: int, total: int, frames: int) -> None:
        progress(ProgressEvent(stage, done, total, frames * 1000 // FRAME_RATE))

    return tick


def inputs_digest(scripts: list[Script]) -> str:
    return hashlib.sha256(
        "\x00".join(
            s.article.title + "\x01" + "\x01".join(seg.text for seg in s.segments) for s in scripts
        ).encode("utf-8")
    ).hexdigest()


def local_image(script: Script) -> Path | None:
    """The page's og:image when it is a file saved beside the page, else None."""
    image, source = script.article.image, script.article.source
    if not image or "://" in source or source == "-":
        return None
    candidate = (Path(source).parent / image.removeprefix("file://")).resolve()
    if candidate.is_file() and candidate.suffix.lower() in (".jpg", ".jpeg", ".png"):
        return candidate
    return None


def carried_cover(script: Script, folder: Path) -> Path | None:
    """The cover image the source carried (an EPUB's), written into the working `folder`
    for the muxer (not atomically: the folder is this episode's own and goes with it)."""
    image = script.article.cover
    if not image:
        return None
    path = folder / ("cover.png" if image.startswith(b"\x89PNG") else "cover.jpg")
    try:
        path.write_bytes(image)
    except OSError as exc:
        raise StorageError(f"cannot write the cover into {folder}: {exc.strerror}") from exc
    return path


def narrate_article(
    source: str,
    settings: Settings,
    out: Path | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Episode:
    """Narrate one article into audio with chapters, sidecars and a manifest beside it."""
    with Narrator(settings) as narrator:
        return narrator.narrate([source], out, stdin, progress)
