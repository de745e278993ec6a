"""Every ffmpeg operation a narration needs, tried on a short sample (for `narrate doctor`).

With the ffmpeg a run would use (narrate/core/ffmpeg.py): the loudness
measurement (checked against narrate's own meter), and for each format its
encoding, its decoding (the encoded sample's loudness and true peaks measured,
as a run measures what it encoded) and its container with tags and two
chapters (read back by ffmpeg). A step that fails is a
problem with ffmpeg's own words; a step the chosen ffmpeg cannot do but the
bundled one can is said too, since a run would quietly use the bundled one.
"""

from __future__ import annotations

import logging
import math
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from narrate.audio.bs1770 import SampleMeter
from narrate.audio.calibrate import LOUDNESS, ffmpeg_loudness
from narrate.audio.encoders import encoder_for
from narrate.audio.true_peak import TRUE_PEAKS, loudness_and_peak
from narrate.core.cache import TemporaryCache
from narrate.core.errors import NarrateError
from narrate.core.ffmpeg import (
    PCM_INPUT,
    Operation,
    bundled_ffmpeg,
    cannot,
    run_ffmpeg,
    selected,
)
from narrate.core.ffmpeg import log as ffmpeg_log
from narrate.core.files import temporary_directory
from narrate.core.formats import FORMATS, AudioFormat
from narrate.core.models import FRAME_RATE, Chapter
from narrate.core.tools import BUNDLED
from narrate.output.containers import Container, Tags, write_container

SAMPLE_MS = 3000
AMPLITUDE = 0.1  # -20 dBFS: far from the limiter, loud enough for every meter's gate
CHAPTERS = (Chapter("One", 0, 1500), Chapter("Two", 1500, SAMPLE_MS))
TAGS = Tags("narrate doctor", "narrate", "narrate", None, None, "eng")
METER_TOLERANCE_LU = 0.5  # ffmpeg's ebur128 against narrate's meter, on the same PCM
CODEC_TOLERANCE_LU = 3.0  # what an encoding may change in a tone's loudness


@dataclass(frozen=True, slots=True)
class Step:
    """One operation tried on the sample: `problem` is empty when it worked."""

    what: str  # "measure loudness", "encode opus", "decode opus", "chapters in opus"
    detail: str = ""  # what came out, when it worked
    problem: str = ""
    fallback: str = ""  # the chosen ffmpeg cannot, so the bundled one does it: why not


class _Reported(logging.Filter):
    """A fallback to the bundled ffmpeg is its Step's to say: not a run's notice as well."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


def steps(formats: tuple[str, ...] = tuple(FORMATS)) -> Iterator[Step]:
    """Each operation in turn, for these formats; a failure is a Step, never an exception."""
    reported = _Reported()
    ffmpeg_log.addFilter(reported)
    cache = TemporaryCache()
    try:
        pcm = tone(SAMPLE_MS)
        expected = SampleMeter([(pcm, 0)]).loudness(0.0, 0.0)
        yield _measure(pcm, expected)
        with temporary_directory("doctor") as work:
            for name in formats:
                yield from _format(FORMATS[name], pcm, expected, cache, work)
    finally:
        cache.close()
        ffmpeg_log.removeFilter(reported)


def tone(ms: int) -> bytes:
    """A 440 Hz tone as timeline PCM."""
    count = FRAME_RATE * ms // 1000
    peak = AMPLITUDE * 32767
    samples = (round(peak * math.sin(2 * math.pi * 440 * n / FRAME_RATE)) for n in range(count))
    return struct.pack(f"<{count}h", *samples)


def fallback(operation: Operation | None) -> str:
    """Why the chosen ffmpeg cannot do `operation` when the bundled one does it instead."""
    using = selected()
    if operation is None or using.origin == BUNDLED:
        return ""
    problem = cannot(using.path, operation)
    bundled = bundled_ffmpeg()
    if problem is None or bundled is None or cannot(bundled, operation) is not None:
        return ""  # it can; or nothing stands in, and the step itself fails
    return f"{using.path} cannot ({problem}); the bundled ffmpeg does it"


def _measure(pcm: bytes, expected: float) -> Step:
    what = "measure loudness"
    try:
        measured = ffmpeg_loudness([*PCM_INPUT, "-i", "pipe:0"], pcm)
    except NarrateError as exc:
        return Step(what, problem=exc.message)
    if abs(measured - expected) > METER_TOLERANCE_LU:
        return Step(what, problem=f"ffmpeg measured {measured:.1f} LUFS, not {expected:.1f}")
    return Step(what, f"{measured:.1f} LUFS, as narrate's meter", fallback=fallback(LOUDNESS))


def _format(
    fmt: AudioFormat, pcm: bytes, expected: float, cache: TemporaryCache, work: Path
) -> Iterator[Step]:
    """Encode the sample as a run would, decode and measure it, mux it with chapters."""
    folder = work / fmt.name
    folder.mkdir()
    try:
        source = encoder_for(fmt, cache, 1).encode_sample(pcm, folder, fmt.ceiling_db)
    except NarrateError as exc:
        yield Step(f"encode {fmt.name}", problem=exc.message)
        return
    yield Step(f"encode {fmt.name}", "encoded", fallback=fallback(fmt.operation))
    try:
        measured, peak = loudness_and_peak(source)
    except NarrateError as exc:
        yield Step(f"decode {fmt.name}", problem=exc.message)
    else:
        if abs(measured - expected) > CODEC_TOLERANCE_LU or peak is None:
            problem = f"the decoded sample is at {measured:.1f} LUFS, not about {expected:.1f}"
            yield Step(f"decode {fmt.name}", problem=problem)
        else:
            detail = f"decoded at {measured:.1f} LUFS, true peak {peak:.1f} dBTP"
            yield Step(f"decode {fmt.name}", detail, fallback=fallback(TRUE_PEAKS))
    yield _chapters(fmt, Path(source[-1]), folder)


def _chapters(fmt: AudioFormat, encoded: Path, folder: Path) -> Step:
    what = f"chapters in {fmt.name}"
    out = folder / f"doctor{fmt.suffix}"
    try:
        write_container(Container(fmt, encoded, TAGS, CHAPTERS, None), out)
        listing = run_ffmpeg(["-i", str(out), "-f", "ffmetadata", "-"], f"reading {out.name}")
    except NarrateError as exc:
        return Step(what, problem=exc.message)
    text = listing.stdout.decode("utf-8", "replace")
    titles = re.findall(r"^\[CHAPTER\](?:\n(?!\[)[^\n]*)*?\ntitle=(.*)$", text, re.M)
    if titles != [c.title for c in CHAPTERS]:
        return Step(what, problem=f"chapters read back: {titles or 'none'}")
    return Step(what, f"tags and {len(titles)} chapters written and read back")
