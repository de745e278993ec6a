"""`narrate doctor`: is everything a run needs here, and what to do about what is not.

One line per check, `ok`, `warn`, `FAIL` or `skip`, then what to do. Required parts
(the engine speaking with the configured voice, ffmpeg with the configured format's
encoder, a writable cache with room, a writable output folder) decide the exit
code: 0 when all are fine, 3 otherwise. Optional parts (other voice profiles,
other formats, the tools the tests use, the cluster extra) only warn or skip.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import math
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from narrate.cli.help import examples
from narrate.cli.options import GlobalOptions, NarrationOptions, Reporting, ToolOptions, command
from narrate.cli.resolve import Resolved, resolve
from narrate.core.errors import ExitCode, NarrateError
from narrate.core.settings import DEFAULT_OUTPUT_DIR

if TYPE_CHECKING:
    from narrate.audio.catalog import Catalog
    from narrate.core.profiles import Profile

Status = Literal["ok", "warn", "FAIL", "skip"]
MIN_FREE_MB = 200  # an hour of sentence audio in the cache is about 160 MB
QUIETEST_DBFS = -40.0  # the test sentence's loudest 100 ms must be louder than this


@dataclass(frozen=True, slots=True)
class Check:
    status: Status
    what: str
    detail: str
    fix: str = ""  # what to do, when it is not fine
    more: tuple[str, ...] = ()  # extra lines for --verbose

    def line(self) -> str:
        return f"{self.status:<4}  {self.what}: {self.detail}" + (
            f" -> {self.fix}" if self.fix else ""
        )


@command
def doctor(report: Reporting, tools: ToolOptions, given: GlobalOptions) -> None:
    """Check what a run needs (engine, voices, ffmpeg, cache, output folder) and say what to fix.

    Every ffmpeg operation a narration needs is tried on a short sample with the
    ffmpeg a run would use.
    """
    run = resolve(given.config, NarrationOptions(tools=tools))
    failed = False
    for check in checks(run):
        failed |= check.status == "FAIL"
        if not report.quiet or check.status in ("FAIL", "warn"):
            typer.echo(check.line())
        if report.verbose and not report.quiet:
            for extra in check.more:
                typer.echo(f"        {extra}")
    if failed:
        raise typer.Exit(int(ExitCode.ENGINE))


Step = Callable[[Resolved], Iterator[Check]]  # one concern's checks


def checks(run: Resolved) -> Iterator[Check]:
    """Every check in turn; a check that raises is reported as failed, never a traceback."""
    steps: list[Step] = [_engine, _ffmpeg, _cache, _output, _optional]
    for step in steps:
        try:
            yield from step(run)
        except NarrateError as exc:
            yield Check("FAIL", step.__name__.strip("_"), exc.message, exc.hint)


def _engine(run: Resolved) -> Iterator[Check]:
    from narrate.audio.catalog import Catalog
    from narrate.audio.engines.espeak import espeak_origin
    from narrate.audio.voices import choose_voice
    from narrate.cli.tools import why
    from narrate.core.profiles import load_profile, profile_paths

    catalog = Catalog.find(run.settings, None)
    library, origin = espeak_origin()
    profile = catalog.profile
    choice = choose_voice(profile, profile.language, catalog.by_name, engine=catalog.wanted)
    voice_id = catalog.check(choice.engine, choice.voice_id)
    check = _speak_test(profile, choice.engine, voice_id, catalog)
    version = catalog.by_name[choice.engine].version
    chosen = why(origin, run.choices.espeak, "espeak")
    yield dataclasses.replace(
        check,
        what=f"engine {version} ({chosen})" if library and choice.engine != "piper" else check.what,
        more=(f"library: {library}", *check.more),
    )
    yield _languages(catalog)
    yield from _piper(catalog)
    base = next(info.engine for info in catalog.infos if info.engine != "piper")
    for name, path in profile_paths().items():
        if name == profile.name:
            continue
        try:
            other = load_profile(path)
            own = catalog.check(base, other.voice(base) or "")
            yield Check("ok", f"voice profile {name!r}", f"{other.language}, voice {own}")
        except NarrateError as exc:
            yield Check("warn", f"voice profile {name!r}", exc.message, f"fix or remove {path}")


def _speak_test(profile: Profile, engine: str, voice_id: str, catalog: Catalog) -> Check:
    """Say one sentence with the configured voice and check the audio: length, loudness."""
    from narrate.audio.engines.base import SpeakerSetup, SynthJob
    from narrate.audio.speaker import speak
    from narrate.audio.verify import test_sentence
    from narrate.core.cache import TemporaryCache
    from narrate.core.models import FRAME_RATE

    text = test_sentence(profile.language)
    cache = TemporaryCache()
    try:
        setup = SpeakerSetup(profile, str(cache.root), catalog.infos)
        result = speak(SynthJob("doctor-test-sentence", text, engine, voice_id), setup)
        stored = cache.sentence(result.key)
        loudest = max(stored.powers, default=0.0) if stored else 0.0
    finally:
        cache.close()
    peak_dbfs = 10 * math.log10(loudest) if loudest > 0 else -math.inf
    what = f"engine {catalog.by_name[engine].version}"
    if peak_dbfs < QUIETEST_DBFS:
        return Check(
            "FAIL",
            what,
            f"the test sentence came out silent ({peak_dbfs:.0f} dBFS)",
            "run `narrate --debug doctor` and report it",
        )
    seconds = result.frames / FRAME_RATE
    return Check(
        "ok",
        what,
        f"voice {profile.name!r} ({voice_id}, {profile.rate} wpm) said a test sentence: "
        f"{seconds:.1f} s of audio, length and level checked",
        more=(f"test sentence: {text}",),
    )


def _languages(catalog: Catalog) -> Check:
    """Which voice reads each common language with this profile, and which have none."""
    from narrate.audio.voices import COMMON_LANGUAGES, choose_voice, language_name

    rows, missing = [], []
    for language in sorted(COMMON_LANGUAGES):
        try:
            choice = choose_voice(catalog.profile, language, catalog.by_name, engine=catalog.wanted)
            rows.append(f"{language_name(language)}: {choice.voice_id} ({choice.how})")
        except NarrateError:
            missing.append(language_name(language))
    voices = [voice for info in catalog.infos for voice in info.voices]
    spoken = {lang for voice in voices for lang in voice.languages}
    detail = (
        f"{len(voices)} voices for {len(spoken)} language tags; "
        f"{len(rows)} of {len(COMMON_LANGUAGES)} common languages have a voice"
    )
    if missing:
        fix = "read them with --fallback-voice ID (`narrate voices --all`)"
        return Check("warn", "engine voices", f"{detail}; none for {', '.join(missing)}", fix)
    return Check("ok", "engine voices", detail, more=tuple(rows))


def _piper(catalog: Catalog) -> Iterator[Check]:
    """Each installed Piper voice loaded and tried on one sentence; broken ones named."""
    from narrate.audio.engines.piper import INSTALL_HINT
    from narrate.audio.engines.piper_install import check_voice_files
    from narrate.audio.engines.piper_voices import broken_voices

    info = catalog.by_name.get("piper")
    if info is None:
        yield Check("skip", "Piper", f"not installed (optional: {INSTALL_HINT})")
        return
    if not info.voices:
        yield Check(
            "warn",
            "Piper",
            f"{info.version}, no voice installed",
            "`narrate voices add URL` (README: Getting Piper voices)",
        )
    for voice in info.voices:
        try:
            seconds = check_voice_files(Path(voice.path))
            detail = (
                f"{', '.join(voice.languages)}, {voice.quality}: said a test sentence, "
                f"{seconds:.1f} s, length and level checked"
            )
            yield Check("ok", f"Piper voice {voice.id}", detail, more=(voice.path,))
        except NarrateError as exc:
            yield Check("warn", f"Piper voice {voice.id}", exc.message, exc.hint)
    for model, problem in broken_voices():
        yield Check("warn", f"Piper voice {model.name}", problem, f"remove or replace {model}")


def _ffmpeg(run: Resolved) -> Iterator[Check]:
    """The ffmpeg a run would use, and every operation a narration asks of it, tried."""
    from narrate.cli.tools import why
    from narrate.core.ffmpeg import ffmpeg_encoders, ffmpeg_version, selected
    from narrate.pipeline.ffmpeg_check import steps

    using = selected()
    reason = why(using.origin, run.choices.ffmpeg, "ffmpeg", using.note)
    yield Check("ok", "ffmpeg", f"{ffmpeg_version(using.path)} {using.path} ({reason})")
    wanted = run.settings.format
    fix = (
        "reinstall it: pip install --force-reinstall imageio-ffmpeg"
        if using.origin == "bundled"
        else 'choose the bundled ffmpeg: --ffmpeg bundled, or ffmpeg = "bundled" in the settings'
        " file"
    )
    for step in steps():
        needed = step.what.endswith(wanted) or step.what == "measure loudness"
        if step.problem:
            status: Status = "FAIL" if needed else "warn"
            yield Check(status, f"ffmpeg {step.what}", step.problem, fix)
        elif step.fallback:
            better = "update your ffmpeg, or choose the bundled one: --ffmpeg bundled"
            yield Check("warn", f"ffmpeg {step.what}", step.fallback, better)
        else:
            yield Check("ok", f"ffmpeg {step.what}", step.detail)
    yield _mp3_encoder(ffmpeg_encoders(), wanted)


def _mp3_encoder(encoders: frozenset[str], wanted: str) -> Check:
    lame = "libmp3lame in ffmpeg too" if "libmp3lame" in encoders else "ffmpeg's libmp3lame unused"
    if importlib.util.find_spec("lameenc") is None:
        status: Status = "FAIL" if wanted == "mp3" else "warn"
        return Check(status, "MP3 encoder", "lameenc is not installed", "pip install lameenc")
    return Check("ok", "MP3 encoder", f"LAME in-process (lameenc); {lame}")


def _cache(run: Resolved) -> Iterator[Check]:
    from narrate.core.cache import default_cache_dir

    root = run.settings.cache_dir or default_cache_dir()
    problem = _unwritable(root, create=True)
    if problem:
        fix = "choose another with --cache-dir or cache_dir in the settings file"
        yield Check("FAIL", "cache folder", f"{root}: {problem}", fix)
        return
    free_mb = shutil.disk_usage(root).free // 1024**2
    cap_mb = run.settings.cache_max_bytes // 1024**2
    detail = f"{root} writable, {free_mb:,} MB free (cache cap {cap_mb:,} MB)"
    if free_mb < MIN_FREE_MB:
        yield Check("FAIL", "cache folder", detail, f"free at least {MIN_FREE_MB} MB there")
    elif free_mb < cap_mb:
        yield Check("warn", "cache folder", detail, "free some space or lower --cache-size-mb")
    else:
        yield Check("ok", "cache folder", detail)


def _output(run: Resolved) -> Iterator[Check]:
    from narrate.core.storage import is_store_url

    if run.location is not None and is_store_url(run.location):
        yield _output_store(run.location)
        return
    folder = run.output or DEFAULT_OUTPUT_DIR
    problem = _unwritable(folder, create=False)
    if problem:
        yield Check(
            "FAIL",
            "output folder",
            f"{folder}: {problem}",
            "choose another with -o or output in the settings file",
        )
    else:
        state = "" if folder.is_dir() else " (made on the first run)"
        yield Check("ok", "output folder", f"{folder} writable{state}")


def _output_store(location: str) -> Check:
    """An output in a store (the settings file's `output = "s3://..."`): a file written and
    removed there, with the credentials the environment gives."""
    from narrate.core.errors import NarrateError
    from narrate.core.storage import open_store

    try:
        open_store(location).check_writable()
    except NarrateError as exc:
        return Check("FAIL", "output folder", exc.message, exc.hint or "check the store")
    return Check("ok", "output folder", f"{location} writable")


def _unwritable(folder: Path, create: bool) -> str:
    """Why files cannot be written in `folder` ('' when they can).

    Without `create`, a missing folder is judged by the nearest folder above it
    that exists, so the check leaves nothing behind.
    """
    target = folder
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return exc.strerror or str(exc)
    while not target.exists() and target != target.parent:
        target = target.parent
    if not target.is_dir():
        return f"{target} is not a folder"
    try:
        with tempfile.TemporaryFile(dir=target):
            return ""
    except OSError as exc:
        return f"cannot write in {target}: {exc.strerror}"


def _optional(run: Resolved) -> Iterator[Check]:
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    driver = shutil.which("chromedriver")
    if browser and driver:
        yield Check("ok", "Chromium (optional)", f"{browser} and {driver}: listen-page tests")
    else:
        found = (("chromium", browser), ("chromedriver", driver))
        missing = " and ".join(name for name, path in found if not path)
        yield Check(
            "skip",
            "Chromium (optional)",
            f"no {missing}: listen-page tests skip",
            "apt install chromium chromium-driver",
        )
    gpo = shutil.which("gpo")
    if gpo:
        yield Check("ok", "gPodder (optional)", f"{gpo}, for the feed's podcast-app test")
    else:
        yield Check(
            "skip",
            "gPodder (optional)",
            "no gpo: the podcast-app test skips",
            "apt install gpodder",
        )
    if importlib.util.find_spec("distributed") is not None:
        yield Check("ok", "cluster (optional)", "dask distributed is installed")
    else:
        yield Check(
            "skip",
            "cluster (optional)",
            "dask distributed is not installed",
            "pip install distributed, for batches on a Dask cluster",
        )


EXAMPLES = examples(
    ("narrate doctor", "every check, one line each"),
    ("narrate doctor -q && narrate batch articles/ -q", "only problems; go on if none"),
    ("narrate doctor -v", "also each language's voices and the test sentence"),
)
