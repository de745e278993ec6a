"""URL lists: a file that names articles by their web addresses, one a line.

`narrate batch` narrates each URL of such a file (.url or .txt) and the
inbox each URL of a dropped .url file. Blank lines and `#` comments are
skipped; a Windows Internet Shortcut's `[InternetShortcut]` header is skipped
and its `URL=` prefix dropped. A .url file says what it is, so its other
lines are ignored; a .txt file is a URL list only when every other line is
an http(s) URL, so a text copy of an article is never taken for one.
"""

from __future__ import annotations

import re
from pathlib import Path

from narrate.core.http import is_web_url

URL_LIST_SUFFIXES = (".url", ".txt")
_URL_LINE = re.compile(r"^https?://\S+$", re.I)


def url_list(path: Path) -> list[str] | None:
    """The URLs `path` lists, or None when it is not a URL list (or cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return urls_in(data, path.suffix.lower())


def urls_in(data: bytes, suffix: str) -> list[str] | None:
    """The URLs a file's bytes list (its suffix: .url or .txt), or None when it is not a list."""
    try:
        lines = data.decode("utf-8-sig").splitlines()  # Notepad's BOM too
    except UnicodeDecodeError:
        return None
    urls = [
        line.strip().removeprefix("URL=")
        for line in lines
        if line.strip() and not line.strip().startswith(("#", "["))
    ]
    found = [url for url in urls if _URL_LINE.match(url) and is_web_url(url)]
    if not found or (len(found) < len(urls) and suffix != ".url"):
        return None
    return found
