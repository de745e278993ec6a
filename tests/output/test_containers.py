"""Containers: FFMETADATA, MP3 with ID3v2.3 CHAP/CTOC in time order, tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutagen.id3 import ID3
from pydub.generators import Sine

from narrate.audio.encode import lame
from narrate.core.errors import AudioToolError
from narrate.core.models import Chapter
from narrate.output.containers import Tags, ffmetadata, mux_mp3
from tests.conftest import probe_chapters

pytestmark = pytest.mark.system_tools  # .ci/run runs these with the system's tools too

TAGS = Tags(
    "A title; with = signs", "Ann Author", "The Site", "2026-03-14", "https://x.example/a", "en"
)


def _body(tmp_path: Path, seconds: int = 6) -> Path:
    """Raw MP3 frames of a tone, as the chunk encoder makes them."""
    tone = Sine(330).to_audio_segment(seconds * 1000).set_frame_rate(22050).set_channels(1)
    body = tmp_path / "body.mp3"
    body.write_bytes(lame(tone.set_sample_width(2).raw_data))
    return body


def test_ffmetadata_escapes_and_orders() -> None:
    chapters = (Chapter("Second", 2000, 4000), Chapter("First #1", 0, 2000))
    text = ffmetadata(TAGS, chapters)
    assert text.startswith(";FFMETADATA1\n")
    assert "title=A title\\; with \\= signs" in text
    assert text.index("title=First \\#1") < text.index("title=Second")


def test_mp3_has_ordered_chapters_ctoc_and_tags(tmp_path: Path) -> None:
    titles = ["Zeta is first", "A", "Middle chapter with a long title to sort by size"]
    chapters = tuple(Chapter(t, i * 2000, (i + 1) * 2000) for i, t in enumerate(titles))
    out = tmp_path / "out.mp3"
    mux_mp3(_body(tmp_path), TAGS, chapters, None, out)

    probed = probe_chapters(out)
    assert [title for title, _, _ in probed] == titles
    # ffmpeg reports times less the MP3 encoder delay (1105 samples, 50 ms at 22.05 kHz)
    starts = [start for _, start, _ in probed]
    assert all(abs(got - want) <= 60 for got, want in zip(starts, [0, 2000, 4000], strict=True))
    tags = ID3(str(out))
    assert tags.version[:2] == (2, 3)
    chap_ids = [key for key in tags if key.startswith("CHAP:")]
    assert chap_ids == ["CHAP:ch0", "CHAP:ch1", "CHAP:ch2"]  # file order is time order
    assert [(tags[k].start_time, tags[k].end_time) for k in chap_ids] == [
        (0, 2000),
        (2000, 4000),
        (4000, 6000),
    ]
    toc = next(frame for key, frame in tags.items() if key.startswith("CTOC"))
    assert toc.flags & 0x3 == 0x3  # top-level and ordered
    assert list(toc.child_element_ids) == ["ch0", "ch1", "ch2"]
    assert str(tags["TIT2"]) == TAGS.title
    assert str(tags["TPE1"]) == "Ann Author"
    assert str(tags["TENC"]).startswith("narrate")
    assert str(tags["TXXX:source_url"]) == "https://x.example/a"
    assert str(tags.getall("COMM")[0]) == "https://x.example/a"
    assert tags.getall("WOAS")[0].url == "https://x.example/a"
    assert str(tags["TDRC"]) == "2026-03-14"


def test_failed_mux_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "missing.mp3"
    out = tmp_path / "out" / "out.mp3"
    with pytest.raises(AudioToolError, match="cannot read the encoded audio"):
        mux_mp3(broken, TAGS, (), None, out)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
