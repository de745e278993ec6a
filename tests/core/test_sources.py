"""URL lists: one reader for batch and the inbox, strict for .txt, lenient for .url."""

from __future__ import annotations

from pathlib import Path

from narrate.core.sources import url_list


def test_a_txt_of_urls_is_a_list(tmp_path: Path) -> None:
    path = tmp_path / "read.txt"
    path.write_text("https://a.example/1\n\n# later\nhttp://b.example/2\n", "utf-8")
    assert url_list(path) == ["https://a.example/1", "http://b.example/2"]


def test_a_txt_with_prose_is_an_article_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("https://a.example/1\nThe council met on Tuesday.\n", "utf-8")
    assert url_list(path) is None


def test_a_url_file_keeps_its_urls_and_ignores_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "reading.url"
    path.write_text("[InternetShortcut]\nURL=https://a.example/1\nIconIndex=0\n", "utf-8")
    assert url_list(path) == ["https://a.example/1"]


def test_unreadable_or_empty_is_no_list(tmp_path: Path) -> None:
    (tmp_path / "empty.url").write_text("", "utf-8")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    assert url_list(tmp_path / "empty.url") is None
    assert url_list(tmp_path / "latin.txt") is None
    assert url_list(tmp_path / "missing.txt") is None
