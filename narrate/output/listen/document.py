"""The HTML document around a page body: the package's CSS and script inlined, a strict CSP.

Everything the page needs is inside it, so it works opened from disk with no
server and no network. The Content-Security-Policy allows only the inline
style and scripts by their SHA-256 and media from the page's own place: no
other request of any kind, and no injected script could run even if escaping
ever failed.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from html import escape
from importlib.resources import files

STYLE = "listen.css"


@cache
def asset(name: str) -> str:
    """A CSS or script file shipped in this package."""
    return files(__package__).joinpath(name).read_text("utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_policy(style: str, scripts: list[str]) -> str:
    """Nothing but this style, these scripts, and audio from the page's own place."""
    script_hashes = " ".join(_sha256(s) for s in scripts) or "'none'"
    return (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {script_hashes}; "
        "media-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )


def html_document(
    title: str, body: str, scripts: tuple[str, ...], lang: str = "en", body_attrs: str = ""
) -> str:
    """A complete page: `body` is already escaped HTML; `scripts` names package assets."""
    style = asset(STYLE)
    code = [asset(name) for name in scripts]
    policy = content_policy(style, code)
    inline = "".join(f"<script>{text}</script>\n" for text in code)
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        f'<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'  # no favicon request either
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body{body_attrs}>\n{body}\n{inline}</body>\n</html>\n"
    )
