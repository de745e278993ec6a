"""Audio formats: what each is called, its file suffix and media type, how it is encoded.

One table for every stage: the audio stage picks the encoder and the
limiter's ceiling from it, the output stage the container, publishing the
media type the feed and the server announce.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from narrate.core.errors import InputError
from narrate.core.ffmpeg import Operation

TRUE_PEAK_DBTP = -1.0  # what every output keeps its true peaks under
LIMIT_DBFS = -2.5  # sample-peak ceiling: MP3 peaks then stay under -1 dBTP with room to spare
# AAC overshoots the limiter by 1 to 2 dB mostly and more at some spots; the sentences there
# get a lower ceiling after a measurement (narrate/audio/true_peak.py).
AAC_CEILING_DB = -3.5
OPUS_CEILING_DB = -3.0  # a lower ceiling makes the gain, and the limiting, heavier: more overshoot
LIMIT = "{limit}"  # in codec options: the ceiling as a level (Opus: its limiter after resampling)

Encoder = Literal["lame", "ffmpeg"]


@dataclass(frozen=True, slots=True)
class AudioFormat:
    name: str
    suffix: str
    mime: str
    encoder: Encoder  # lame: chunked, in-process MP3; ffmpeg: one pass over the timeline
    # ffmpeg options that encode the audio (ffmpeg encoder only); LIMIT stands for the ceiling
    codec_options: tuple[str, ...] = ()
    muxer: tuple[str, ...] = ()  # ffmpeg options that choose and shape the container
    ceiling_db: float = LIMIT_DBFS  # the limiter's ceiling; AAC and Opus overshoot more

    @property
    def codec(self) -> tuple[str, ...]:
        """The ffmpeg options that encode the audio, at the format's own ceiling."""
        return self.codec_at(self.ceiling_db)

    def codec_at(self, ceiling_db: float) -> tuple[str, ...]:
        """The ffmpeg options that encode the audio with the limiter's ceiling at `ceiling_db`."""
        level = f"{10 ** (ceiling_db / 20):.3f}"
        return tuple(option.replace(LIMIT, level) for option in self.codec_options)

    @property
    def operation(self) -> Operation | None:
        """What encoding this format asks of ffmpeg (None: MP3 is encoded in-process)."""
        return Operation(f"encode {self.name}", self.codec) if self.encoder == "ffmpeg" else None

    @property
    def chapters_by_ffmpeg(self) -> bool:
        """ffmpeg 9's Ogg muxer writes chapter times a second late: Opus chapters go in after."""
        return self.name != "opus"

    @property
    def cover_by_ffmpeg(self) -> bool:
        """ffmpeg cannot attach a picture to Ogg: Opus cover art goes in after."""
        return self.name != "opus"


# Opus cannot take 22.05 kHz: peaks the resampling makes are held down after it. The
# limiter's look-ahead delay (119 samples at 24 kHz) is taken off by padding and trimming,
# which every ffmpeg since 4.2 does (alimiter's own latency=true came in 5.0); the samples
# are the same as with latency=true, bit for bit (tests/core/test_formats.py).
_OPUS_CODEC = (
    "-af", f"aresample=24000,apad=pad_len=119,alimiter=limit={LIMIT}:level=false,"
    "atrim=start_sample=119",
    "-c:a", "libopus", "-b:a", "32k",
)  # fmt: skip  # ffmpeg's options stay in flag-value pairs
_AAC = ("-c:a", "aac", "-b:a", "64k")
FORMATS: dict[str, AudioFormat] = {
    "mp3": AudioFormat("mp3", ".mp3", "audio/mpeg", "lame", muxer=("-f", "mp3")),
    "m4a": AudioFormat(
        "m4a",
        ".m4a",
        "audio/x-m4a",
        "ffmpeg",
        codec_options=_AAC,
        muxer=("-f", "ipod"),
        ceiling_db=AAC_CEILING_DB,
    ),
    "m4b": AudioFormat(
        "m4b",
        ".m4b",
        "audio/mp4",  # audiobook M4B: Apple's players want audio/mp4, not x-m4b
        "ffmpeg",
        codec_options=_AAC,
        muxer=("-f", "ipod", "-brand", "M4B "),
        ceiling_db=AAC_CEILING_DB,
    ),
    "opus": AudioFormat(
        "opus",
        ".opus",
        "audio/ogg",
        "ffmpeg",
        codec_options=_OPUS_CODEC,
        # bitexact: the Ogg stream's serial number is not drawn at random, so the same audio
        # makes the same file from run to run
        muxer=("-f", "ogg", "-fflags", "+bitexact"),
        ceiling_db=OPUS_CEILING_DB,
    ),
}


def audio_format(name: str) -> AudioFormat:
    """The format called `name`; an unknown name is bad input, not a voice problem."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise InputError(f"unknown format {name!r}", f"use one of {', '.join(FORMATS)}") from None
