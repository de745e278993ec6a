"""Where an episode goes: file names from titles in any script, -o as a file or a folder."""

from __future__ import annotations

from pathlib import Path

from narrate.core.formats import FORMATS
from narrate.pipeline.scripts import output_path, slugify


def test_slugs_keep_every_script() -> None:
    assert slugify("The Library That Lends Seeds!") == "the-library-that-lends-seeds"
    assert slugify("Über den Fluss: ein Bericht") == "über-den-fluss-ein-bericht"
    assert slugify("Москва — новости") == "москва-новости"
    assert slugify("北京新闻") == "北京新闻"
    assert slugify("???") == "article"
    assert len(slugify("word " * 100)) <= 80


def test_output_is_a_file_or_a_folder(tmp_path: Path) -> None:
    mp3 = FORMATS["mp3"]
    assert output_path(tmp_path / "x.mp3", "T", mp3) == tmp_path / "x.mp3"
    assert output_path(tmp_path, "A Title", mp3) == tmp_path / "a-title.mp3"
    assert output_path(None, "A Title", FORMATS["opus"]) == Path("output") / "a-title.opus"
