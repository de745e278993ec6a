"""The pipeline: source -> Document -> Article -> Script -> audio -> Episode.

Each stage is a plain function; this module only strings them together, picks
the output path and reports progress through a callback (it never prints).
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from narrate.engine import Synthesizer, SynthJob, check_voice, engine_info
from narrate.errors import VoiceError
from narrate.export import check_writable, export_episode
from narrate.extract import extract
from narrate.load import load
from narrate.models import Episode, Script
from narrate.script import ScriptOptions, build_script
from narrate.stitch import stitch
from narrate.voices import VoiceProfile, resolve_voice

DEFAULT_OUTPUT_DIR = Path("output")
Progress = Callable[[int, int], None]  # (segments done, segments in all)


@dataclass(frozen=True, slots=True)
class Settings:
    voice: str | None = None  # profile name or engine voice id
    script: ScriptOptions = field(default_factory=ScriptOptions)
    jobs: int = 1


def prepare_script(
    source: str, settings: Settings, profile: VoiceProfile, stdin: BinaryIO | None = None
) -> Script:
    """Load, extract and normalise: everything short of making sound."""
    return build_script(extract(load(source, stdin)), profile, settings.script)


def resolve_profile(settings: Settings) -> tuple[VoiceProfile, str, str, str]:
    """The voice profile, the engine voice id, the driver and the engine version."""
    info = engine_info()
    profile = resolve_voice(settings.voice, frozenset(v.id for v in info.voices), info.driver)
    return profile, check_voice(profile, info), info.driver, info.version


def slugify(title: str, limit: int = 80) -> str:
    """A file name from a title: lower case, words joined by '-', any script kept."""
    text = unicodedata.normalize("NFKC", title).lower()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")[:limit].rstrip("-_")
    return slug or "article"


def output_path(out: Path | None, title: str) -> Path:
    """`-o` may name a file (x.mp3) or a folder; the default is output/<slug>.mp3."""
    if out is None:
        return DEFAULT_OUTPUT_DIR / f"{slugify(title)}.mp3"
    if out.suffix.lower() == ".mp3" and not out.is_dir():
        return out
    return out / f"{slugify(title)}.mp3"


def narrate_article(
    source: str,
    settings: Settings,
    out: Path | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Episode:
    """Narrate one article into an MP3 with chapters and a manifest beside it."""
    profile, voice_id, driver, _version = resolve_profile(settings)
    script = prepare_script(source, settings, profile, stdin)
    target = output_path(out, script.article.title)
    check_writable(target.parent)
    total = len(script.segments)
    with tempfile.TemporaryDirectory(prefix="narrate-") as work:
        jobs = [
            SynthJob(s.index, s.spoken, str(Path(work) / f"{s.index:05d}.wav"))
            for s in script.segments
        ]
        with Synthesizer(profile, voice_id, settings.jobs) as synth:
            results = synth.synthesize(
                jobs, on_done=(lambda r: progress(r.index + 1, total)) if progress else None
            )
            pieces = ((script.segments[r.index], Path(r.wav_path)) for r in results)
            timeline = stitch(pieces, script.chapter_titles, Path(work) / "timeline.wav")
        voice = {"engine": driver, "id": voice_id, "rate": profile.rate, "profile": profile.name}
        return export_episode(script.article, timeline, voice, target)


def script_profile(settings: Settings) -> VoiceProfile:
    """The profile for `narrate script`: no engine needed, an engine id means the default."""
    try:
        return resolve_voice(settings.voice, frozenset(), "espeak")
    except VoiceError:
        return resolve_voice(None, frozenset(), "espeak")
