"""What a narration reports as it goes: the progress line's minutes of audio are the episode's."""

from __future__ import annotations

from pathlib import Path

from narrate.core.settings import Settings
from narrate.pipeline.events import ProgressEvent
from narrate.pipeline.narrator import narrate_article
from tests.conftest import SAMPLE_HTML


def test_the_last_encoding_report_counts_the_pauses_as_audio(tmp_path: Path) -> None:
    # it counted the sentences' audio alone: a page of a million one-word paragraphs ended
    # at 'encoding 695/695, 259.1 min of audio' for an episode of 676 minutes
    events: list[ProgressEvent] = []
    settings = Settings(cache_dir=tmp_path / "cache")
    episode = narrate_article(str(SAMPLE_HTML), settings, out=tmp_path, progress=events.append)
    encoding = [event for event in events if event.stage == "encoding"]
    assert encoding
    assert encoding[-1].done == encoding[-1].total
    # the episode adds only the encoder's padding at the chunks' joins
    assert abs(encoding[-1].audio_ms - episode.duration_ms) < 0.01 * episode.duration_ms
