"""The drawn cover art (publish/feed/cover.py): a valid 1400 px RGB PNG, one look per title."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from narrate.publish.feed.cover import SIZE, write_default_cover
from tests.publish.feed.samples import png_chunks


def pixels(path: Path) -> bytes:
    """The RGB pixels, filter bytes dropped (all 0: no filter)."""
    raw = zlib.decompress(png_chunks(path.read_bytes())[b"IDAT"])
    stride = 1 + SIZE * 3
    assert len(raw) == SIZE * stride
    assert all(raw[row * stride] == 0 for row in range(SIZE))
    return b"".join(raw[row * stride + 1 : (row + 1) * stride] for row in range(SIZE))


def test_a_valid_png_of_apples_smallest_size(tmp_path: Path) -> None:
    cover = tmp_path / "cover.png"
    write_default_cover(cover, "Harbour reads")
    found = png_chunks(cover.read_bytes())
    assert list(found) == [b"IHDR", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", found[b"IHDR"]) == (1400, 1400, 8, 2, 0, 0, 0)
    assert len(pixels(cover)) == 1400 * 1400 * 3


def test_the_same_title_draws_the_same_cover_and_another_title_another(tmp_path: Path) -> None:
    titles = ["Harbour reads", "Harbour reads", "Hafenlektüre", "港口读物", ""]
    paths = []
    for number, title in enumerate(titles):
        path = tmp_path / f"{number}.png"
        write_default_cover(path, title)
        paths.append(path)
    drawn = [p.read_bytes() for p in paths]
    assert drawn[0] == drawn[1]
    assert len(set(drawn)) == 4  # non-ASCII and empty titles draw covers of their own


def test_the_cover_has_a_background_and_lighter_bars(tmp_path: Path) -> None:
    cover = tmp_path / "cover.png"
    write_default_cover(cover, "Harbour reads")
    rgb = pixels(cover)
    corner = rgb[0:3]
    middle = (SIZE // 2 * SIZE + SIZE // 2) * 3
    colours = {rgb[i : i + 3] for i in range(0, len(rgb), 3 * 997)}
    assert len(colours) == 2  # background and bars, nothing else
    assert sum(rgb[middle : middle + 3]) > sum(corner)  # the bar in the middle is lighter


def test_written_atomically_over_an_old_cover(tmp_path: Path) -> None:
    cover = tmp_path / "cover.png"
    cover.write_bytes(b"old")
    write_default_cover(cover, "Harbour reads")
    assert cover.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["cover.png"]  # no temporary file left
