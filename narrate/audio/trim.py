"""The engine's WAV -> timeline PCM: its own silence trimmed, brought to one format (pydub).

pydub reads each sentence the engine wrote, cuts the engine's own leading and
trailing silence (so the pauses are ours alone and exact) and brings it to
mono 16-bit at FRAME_RATE. Only the speaker imports this: pydub stays out of
every other process's start-up.
"""

from __future__ import annotations

import warnings
import wave
from pathlib import Path

from narrate.core.models import FRAME_RATE

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; narrate never lets it run one
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

SILENCE_THRESHOLD_DBFS = -50.0
KEEP_EDGE_MS = 40  # keep a breath of the engine's own silence at each edge


def trim_silence(audio: AudioSegment) -> AudioSegment:
    """Cut the engine's leading and trailing silence, so pauses are ours alone."""
    lead = detect_leading_silence(audio, silence_threshold=SILENCE_THRESHOLD_DBFS)
    tail = detect_leading_silence(audio.reverse(), silence_threshold=SILENCE_THRESHOLD_DBFS)
    start = max(0, lead - KEEP_EDGE_MS)
    end = min(len(audio), len(audio) - tail + KEEP_EDGE_MS)
    return audio[start:end] if end > start else audio


def conform(audio: AudioSegment) -> AudioSegment:
    """Bring audio to the timeline's format: mono, 16-bit, FRAME_RATE."""
    return audio.set_channels(1).set_sample_width(2).set_frame_rate(FRAME_RATE)


def read_wav(wav_path: Path) -> AudioSegment:
    """The engine's file as audio. A PCM WAV is read here; anything else (macOS writes
    AIFF) goes through pydub with narrate's ffmpeg, never the first one on PATH, which
    pydub would find by itself (narrate/core/ffmpeg.py)."""
    try:
        with wave.open(str(wav_path), "rb") as wav:
            frames = wav.readframes(wav.getnframes())
            width, rate, channels = wav.getsampwidth(), wav.getframerate(), wav.getnchannels()
    except (wave.Error, EOFError):
        from narrate.core.ffmpeg import ffmpeg_path

        AudioSegment.converter = ffmpeg_path()
        return AudioSegment.from_file(str(wav_path))
    return AudioSegment(data=frames, sample_width=width, frame_rate=rate, channels=channels)


def prepare_pcm(wav_path: Path) -> bytes:
    """The engine's WAV as trimmed, conformed raw PCM, ready for the timeline."""
    return bytes(conform(trim_silence(read_wav(wav_path))).raw_data)
