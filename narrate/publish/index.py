"""The episode index `narrate serve` shows at `/`: every episode, newest first, and the feed.

Each manifest under the folder gives one entry (title, site, dates, duration,
language, its listen page); one that cannot be read is left out with a log
line, so a single broken file never takes the page down. Episodes are ordered
as the feed orders them: by the date the feed state first saw them, else by
the manifest's modification time.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from narrate.core.storage import Store, StoredFile
from narrate.output.listen import html_document
from narrate.output.manifest import Manifest
from narrate.publish.feed.episodes import (
    Files,
    as_store,
    find_manifests,
    list_files,
    load_state,
)

log = logging.getLogger(__name__)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class Listing:
    """One episode as the index shows it; paths are URL paths relative to the folder."""

    title: str
    site: str | None
    published: str | None  # the article's own date, when known
    narrated: datetime  # when the episode joined the folder
    duration_ms: int
    language: str | None
    listen: str | None  # the listen page, when the manifest names one that exists
    audio: str


def listings(outdir: Path | Store) -> list[Listing]:
    """Every readable episode under OUTDIR, newest first; unreadable ones logged and left out."""
    store = as_store(outdir)
    files = list_files(store)
    found = find_manifests(store, files, left_out=_left_out_of_index)
    return episodes_listed(found, load_state(store), files)


def _left_out_of_index(key: str, exc: Exception) -> None:
    log.warning("index: leaving out %s: %s", key, exc)


def episodes_listed(
    manifests: list[tuple[str, Manifest]], state: dict[str, Any], files: Files
) -> list[Listing]:
    """The index's entries for manifests already read, newest first."""
    episodes = state.get("episodes", {})
    entries = [_listing(key, manifest, episodes.get(key), files) for key, manifest in manifests]
    return sorted(entries, key=lambda item: (item.narrated, item.title), reverse=True)


def _listing(key: str, manifest: Manifest, state: Any, files: Files) -> Listing:
    folder = posixpath.dirname(key)
    listen_name = manifest.sidecars.get("listen")
    listen = posixpath.normpath(posixpath.join(folder, listen_name)) if listen_name else None
    return Listing(
        title=manifest.title,
        site=manifest.site,
        published=manifest.published,
        narrated=_narrated(files.get(key), state),
        duration_ms=manifest.duration_ms,
        language=manifest.language,
        listen=quote(listen) if listen is not None and listen in files else None,
        audio=quote(posixpath.normpath(posixpath.join(folder, manifest.audio))),
    )


def _narrated(manifest: StoredFile | None, state: Any) -> datetime:
    if isinstance(state, dict) and isinstance(state.get("published"), str):
        return datetime.fromisoformat(state["published"])
    moment = manifest.modified if manifest is not None else datetime.now(UTC)
    return moment.replace(microsecond=0)


def index_page(items: list[Listing], feed_url: str | None, title: str) -> str:
    """The index as a complete page (the package's CSS and copy script inlined)."""
    entries = "\n".join(_entry(item) for item in items) or "<li>No episodes yet.</li>"
    body = (
        f'<main class="wrap" id="main">\n<h1>{escape(title)}</h1>\n{_subscribe(feed_url)}\n'
        f'<h2 id="episodes-heading">Episodes ({len(items)})</h2>\n'
        f'<ol class="episodes" aria-labelledby="episodes-heading">\n{entries}\n</ol>\n</main>'
    )
    return html_document(title, body, ("index.js",))


def _subscribe(feed_url: str | None) -> str:
    if feed_url is None:
        return (
            '<section class="subscribe"><p>No feed yet: run <code>narrate feed FOLDER '
            "--base-url URL</code> to make one.</p></section>"
        )
    url = escape(feed_url)
    host = urlsplit(feed_url).hostname or ""
    local = (
        " This address works on this computer only: to listen on a phone, serve with "
        "<code>--host 0.0.0.0</code> and write the feed with <code>--base-url</code> set to "
        "this computer's address on your network."
        if host in LOOPBACK_HOSTS
        else ""
    )
    return f"""<section class="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">Subscribe</h2>
<div class="row"><input id="feed-url" type="text" readonly value="{url}" aria-label="Feed address">
<button type="button" id="copy" hidden>Copy address</button></div>
<p id="copied" class="status" role="status"></p>
<p class="note">In your podcast app, choose to add a podcast by its URL (in Apple Podcasts: \
Library, then the ⋯ menu, Follow a Show by URL; in AntennaPod: Add podcast, Add podcast by RSS \
address) and paste this address.{local}</p>
</section>"""


def _entry(item: Listing) -> str:
    link = item.listen or item.audio
    facts = [escape(item.site)] if item.site else []
    narrated = item.narrated.date().isoformat()
    facts.append(f'narrated <time datetime="{narrated}">{narrated}</time>')
    if item.published:
        facts.append(
            f'published <time datetime="{escape(item.published)}">{escape(item.published)}</time>'
        )
    facts.append(_duration(item.duration_ms))
    if item.language:
        facts.append(f"language {escape(item.language)}")
    audio = "" if link == item.audio else f' · <a href="{item.audio}">audio</a>'
    return (
        f'<li><h3><a href="{link}">{escape(item.title)}</a></h3>'
        f'<p class="meta">{" · ".join(facts)}{audio}</p></li>'
    )


def _duration(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    return f'<time datetime="PT{hours}H{minutes}M{seconds}S">{text}</time>'
