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


def test_a_cached_script_names_the_page_it_was_read_from_now(tmp_path: Path) -> None:
    """The script cache is keyed by the page's text: a copy of a page read elsewhere (another
    folder, a bucket) got the first copy's source in its manifest and feed item."""
    from narrate.core.cache import AudioCache
    from narrate.core.settings import Settings
    from narrate.pipeline.scripts import prepare_script, script_profile

    page = "<html><body><article><h1>Copies</h1><p>One page, read twice.</p></article></body>"
    first, second = tmp_path / "a" / "page.html", tmp_path / "b" / "page.html"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(page, "utf-8")
    settings = Settings(jobs=1)
    cache = AudioCache(tmp_path / "cache", 2**30)
    profile = script_profile(settings)
    assert prepare_script(str(first), settings, profile, None, cache).article.source == str(first)
    again = prepare_script(str(second), settings, profile, None, cache)
    assert again.article.source == str(second)
