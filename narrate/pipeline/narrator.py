"""The pipeline: source -> Document -> Article -> Script -> audio -> Episode.

Each stage is a plain function; `Narrator` strings them together and keeps
what is worth keeping between articles (the engine workers, the cache), so a
batch or a digest starts the engine once. It reports progress through a
callback and never prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from narrate.audio.catalog import Catalog
from narrate.audio.encoders import Encoder, RenderJob, encoder_for, ffmpeg_operations
from narrate.audio.engines.base import EngineInfo
from narrate.audio.speech import Speech, Tick, VoiceSound, sentence_keys
from narrate.audio.synthesizer import Synthesizer, speaker_setup
from narrate.audio.voices import VoiceChoice, choose_voice
from narrate.core.cache import AudioCache, TemporaryCache, default_cache_dir
from narrate.core.errors import InputError, StorageError
from narrate.core.ffmpeg import ffmpeg_for
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
from narrate.core.settings import Settings
from narrate.core.storage import Store, is_store_url
from narrate.output.containers import Container, Tags, check_cover, write_container
from narrate.output.listen import listen_page
from narrate.output.manifest import (
    Reading,
    VoiceUse,
    build_manifest,
    manifest_path,
    replaced_audio,
    sidecar_paths,
    write_manifest,
)
from narrate.output.sidecars import cues, podcast_chapters, srt, webvtt
from narrate.pipeline.events import Progress, ProgressEvent
from narrate.pipeline.naming import Destination, destination, naming, source_identity
from narrate.pipeline.scripts import prepare_script, script_for_document

__all__ = ["Narrator", "Progress", "ProgressEvent", "Settings", "narrate_article"]

log = logging.getLogger(__name__)


class Narrator:
    """Narrates articles with one profile, one cache and one pool of engine workers."""

    def __init__(
        self,
        settings: Settings,
        infos: tuple[EngineInfo, ...] | None = None,
        keep_workers: bool = False,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        """`notice`: told, once each, what the user should know of the voices chosen (a
        language the run's engine has no voice for)."""
        self.format = audio_format(settings.format)
        for operation in ffmpeg_operations(self.format):  # a chosen ffmpeg that cannot:
            ffmpeg_for(operation)  # the bundled one stands in, or it is said before any sound
        check_cover(settings.cover)
        self.settings = settings
        cache_root = settings.cache_dir or default_cache_dir()
        self.engines = Catalog.find(settings, cache_root if settings.use_cache else None, infos)
        self.profile = self.engines.profile
        self._choices: dict[str, VoiceChoice] = {}  # language -> voice, decided once each
        self.notice = notice
        self._noticed: set[str] = set()
        self.cache: AudioCache = (
            AudioCache(cache_root, settings.cache_max_bytes)
            if settings.use_cache
            else TemporaryCache()
        )
        self.cache.check()
        main = self.choose(self.profile.language)
        setup = speaker_setup(self.profile, self.cache, self.engines.infos, settings.jobs)
        self.synth = Synthesizer(setup, settings.jobs, (main.engine, main.voice_id))
        self.keep_workers = keep_workers  # a batch keeps them between articles
        self.encoder: Encoder = encoder_for(self.format, self.cache, settings.jobs)
        self.speech = Speech(
            self.cache, self.synth, self.profile.rate, settings.loudness, self.encoder
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
        out: Path | str | None = None,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        digest_title: str | None = None,
        identity: str | None = None,
        store: Store | None = None,
    ) -> Episode:
        """Narrate one article (or several into one digest) into audio, sidecars and manifest.

        `out` may be a store URL (s3://bucket/podcast/ or .../story.mp3): the episode is
        made here and its files written there, the manifest last. `identity`: what the
        episode is of, when the sources cannot say (pipeline/naming.py). `store`: the
        store `out`, a working folder, is bound for (its episodes decide the name).
        """
        if isinstance(out, str) and is_store_url(out):
            from narrate.pipeline.destination import narrate_into_store

            return narrate_into_store(self, sources, out, stdin, progress, digest_title)
        out = Path(out) if isinstance(out, str) else out
        scripts = [self.script(source, stdin) for source in sources]
        if len(scripts) == 1:
            script = scripts[0]
        else:
            title = digest_title or f"Digest of {len(scripts)} articles, {date.today().isoformat()}"
            from narrate.text.script import digest as digest_script

            script = digest_script(scripts, title)
        digest = inputs_digest(scripts)
        identity = identity or "|".join(source_identity(source, digest) for source in sources)
        target = destination(out, self.format, identity, tuple(sources), digest, store)
        check_writable(target.folder)
        target.choose(script.article.title, self.format.suffix)  # a page it would replace: now
        return self.make_episode(script, target, progress, digest)

    def choose(self, language: str) -> VoiceChoice:
        """The voice that reads `language` (VoiceError when no voice speaks it).

        The choice is checked against its engine's voices (a profile's entry may be
        wrong); espeak-ng reading for an engine that has no voice for the language
        is said once through the progress callback's `notice`.
        """
        if language not in self._choices:
            choice = choose_voice(
                self.profile,
                language,
                self.engines.by_name,
                fallback=self.settings.fallback_voice,
                engine=self.engines.wanted,
            )
            checked = self.engines.check(choice.engine, choice.voice_id)
            self._choices[language] = replace(choice, voice_id=checked)
        return self._choices[language]

    def segment_voices(self, script: Script) -> list[VoiceChoice]:
        """Each segment's voice, decided before any audio is made."""
        return [self.choose(segment.language) for segment in script.segments]

    def _tell(self, choices: list[VoiceChoice]) -> None:
        """Tell the caller, once each, what the user should know of the voices chosen."""
        for line in self.engines.notices(choices):
            if self.notice is not None and line not in self._noticed:
                self._noticed.add(line)
                self.notice(line)

    def _sound(self, choice: VoiceChoice) -> VoiceSound:
        return VoiceSound(
            engine=choice.engine,
            voice_id=choice.voice_id,
            sound=self.engines.sound(choice.engine, choice.voice_id, self.profile),
        )

    def _segment_sound(self, segment: Segment, choice: VoiceChoice) -> dict[str, object]:
        """What decides a segment's audio: its voice's sound and its language."""
        return self._sound(choice).for_segment(segment.language)

    def make_episode(
        self,
        script: Script,
        target: Path | Destination,
        progress: Progress | None = None,
        input_digest: str = "",
        page_image: Path | None = None,
    ) -> Episode:
        """Synthesise and encode a script into `target`, with its sidecars and manifest.

        `target` is a file, or a Destination where the episode is named after its
        title (narrate/pipeline/naming.py), once the audio is made.
        Each segment is read by the voice of its language (a digest may have several).
        The cover is --cover, else the page's own image saved beside it: `page_image`
        when it was sent from elsewhere (a cluster's client), else found beside the page;
        else the image the source carried inside it (an EPUB's cover).
        """
        place = target if isinstance(target, Destination) else Destination(target.parent, target)
        place = dataclasses.replace(place, digest=place.digest or input_digest)
        choices = self.segment_voices(script)
        self._tell(choices)
        sounds = [
            self._segment_sound(seg, c) for seg, c in zip(script.segments, choices, strict=True)
        ]
        keys = sentence_keys(script, sounds)
        speech = self.speech.with_voices([self._sound(choice) for choice in choices])
        tags = Tags.for_article(script.article, self.settings.album)
        cover = self.settings.cover or page_image or local_image(script)
        with temporary_directory("render") as work:
            cover = cover or carried_cover(script, work)
            job = RenderJob(speech, script, keys, _ticker(progress), self._release_workers, work)
            rendering = self.encoder.render(job)
            timeline = rendering.timeline
            # The name is chosen and the files are in place before the folder's lock goes;
            # an episode is all its files or none of them (narrate/core/files.py).
            # The manifest goes in first: a run killed while the files are renamed leaves
            # an episode that says whose it is, so the next run replaces it.
            with naming(place.folder), all_or_nothing():
                audio = place.choose(script.article.title, self.format.suffix)
                replaced = replaced_audio(audio, place.surely_mine)
                sidecars = {kind: path.name for kind, path in sidecar_paths(audio).items()}
                manifest = build_manifest(
                    script=script,
                    timeline=timeline,
                    reading=self._reading(choices),
                    audio=audio,
                    fmt=self.format,
                    sidecars=sidecars,
                    loudness=asdict(rendering.loudness),
                    input_digest=input_digest,
                    settings_fingerprint=self.settings.fingerprint(),
                    voices=[(c.engine, c.voice_id) for c in choices],
                    identity=place.identity,
                )
                write_manifest(manifest, manifest_path(audio))
                contents = Container(self.format, rendering.audio, tags, timeline.chapters, cover)
                write_container(contents, audio)
                self._write_sidecars(script, timeline, audio)
            if replaced is not None:  # the same episode made again in another format
                replaced.unlink(missing_ok=True)
        return Episode(
            audio_path=str(audio),
            manifest_path=str(manifest_path(audio)),
            duration_ms=timeline.duration_ms,
            chapters=timeline.chapters,
            sidecars=tuple(sidecars.values()),
        )

    def _reading(self, choices: list[VoiceChoice]) -> Reading:
        """How the episode was read, as the manifest tells it: every language's voice, the
        one that read most first."""
        main = main_voice(choices)
        by_language = {c.language: c for c in [main, *choices]}
        profile = self.profile
        return Reading(
            profile=profile.name,
            rate=profile.rate,
            volume=profile.volume,
            pitch=profile.pitch,
            pinned=profile.pinned,
            frame_rate=FRAME_RATE,
            voices=tuple(self._voice_use(c) for c in by_language.values()),
        )

    def _voice_use(self, choice: VoiceChoice) -> VoiceUse:
        sound = self.engines.sound(choice.engine, choice.voice_id, self.profile)
        info = self.engines.by_name[choice.engine]
        model = sound.get("model")
        return VoiceUse(
            language=choice.language,
            engine=choice.engine,
            engine_version=info.version,
            voice_id=choice.voice_id,
            chosen=choice.how,
            repeatable=info.repeatable,
            model=str(model) if model else None,
            note=self.engines.repeat_note(choice.engine),
        )

    def _release_workers(self) -> None:
        if not self.keep_workers:
            self.release()

    def release(self) -> None:
        """Stop the engine worker processes, if any (they start again if more audio is needed)."""
        self.synth.close()

    def _write_sidecars(self, script: Script, timeline: Timeline, target: Path) -> None:
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


def main_voice(choices: list[VoiceChoice]) -> VoiceChoice:
    """The voice that reads most segments (the first of equals)."""
    ids = [c.voice_id for c in choices]
    return max(choices, key=lambda c: ids.count(c.voice_id))


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
    """The page's og:image when it is a file saved beside the page, and an image ffmpeg
    can read, else None (a broken one failed the run at the very end, after synthesis)."""
    image, source = script.article.image, script.article.source
    if not image or "://" in source or source == "-":
        return None
    candidate = (Path(source).parent / image.removeprefix("file://")).resolve()
    if not candidate.is_file() or candidate.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        return None
    try:
        check_cover(candidate)
    except InputError as exc:
        log.info("the page's image is left out: %s", exc.message)
        return None
    return candidate


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
    identity: str | None = None,
) -> Episode:
    """Narrate one article into audio with chapters, sidecars and a manifest beside it."""
    with Narrator(settings) as narrator:
        return narrator.narrate([source], out, stdin, progress, identity=identity)
