"""The podcast feed: every manifest under a folder -> OUTDIR/feed.xml, written atomically.

OUTDIR may be a store URL (s3://bucket/podcast/): the feed, the cover and the
episode index (`index.html`, the page `narrate serve` shows at /) are written
beside the episodes, so a bucket served over HTTPS is a podcast by itself.

`episodes` turns manifests (and their audio and sidecars) into feed items and
keeps the lasting state (GUIDs, first dates, audio hashes); `rss` writes the
XML; `media` names the media types the server uses too; `cover` draws the
show's artwork when none is given. The channel options
are kept in the state file, so a later run (or `narrate serve --inbox`)
regenerates the same feed without repeating them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from narrate.core.errors import InputError
from narrate.core.formats import FORMATS
from narrate.core.http import is_web_url
from narrate.core.storage import Store
from narrate.publish.feed.cover import COVER_NAME, default_cover_png
from narrate.publish.feed.episodes import (
    Files,
    Item,
    as_store,
    find_manifests,
    list_files,
    load_state,
    read_item,
    remember_published,
    save_state,
)
from narrate.publish.feed.media import FEED_NAME, media_type
from narrate.publish.feed.rss import DEFAULT_TITLE, Channel, podcast_guid, render

__all__ = [
    "DEFAULT_TITLE",
    "FEED_NAME",
    "Channel",
    "ChannelOptions",
    "FeedResult",
    "channel_options",
    "check_image",
    "media_type",
    "normalize_base_url",
    "podcast_guid",
    "refresh_feed",
    "remember_published",
    "stored_channel",
    "write_feed",
]
log = logging.getLogger(__name__)


INDEX_NAME = "index.html"


@dataclass(frozen=True, slots=True)
class FeedResult:
    location: str  # the feed's path or URL
    episodes: int
    skipped: tuple[str, ...]  # manifests left out, each with the reason

    @property
    def path(self) -> Path:
        return Path(self.location)


def normalize_base_url(url: str) -> str:
    """An http(s) base URL ending in '/', so file names can be appended."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  # raises for a port past 65535
    except ValueError:
        parts = urlsplit("")  # no URL: refused below
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not an http(s) base URL: {url!r}", "e.g. --base-url http://host:8000/")
    # percent-encode what a URL cannot hold as it is (a space: 'my podcasts' -> 'my%20podcasts');
    # what is encoded already stays as it is
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~")
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/") + "/", "", ""))


@dataclass(frozen=True, slots=True)
class ChannelOptions:
    """The channel's options as one run gives them (None: not given), or as the state file
    keeps them between runs (None: not kept); `channel_options` makes the Channel."""

    base_url: str | None = None
    title: str | None = None
    description: str | None = None
    author: str | None = None
    image: str | None = None  # a URL, or a file name in OUTDIR
    language: str | None = None
    explicit: bool | None = None
    category: str | None = None


def stored_channel(outdir: Path | Store) -> ChannelOptions:
    """The channel options the feed was last written with (none when never).

    A value of the wrong kind (a hand-edited state file) is left out, so the
    option's default applies rather than a crash further on.
    """
    channel = load_state(outdir).get("channel")
    if not isinstance(channel, dict):
        return ChannelOptions()
    kept = {
        option.name: channel[option.name]
        for option in dataclasses.fields(ChannelOptions)
        if _fits(option.name, channel.get(option.name))
    }
    return ChannelOptions(**kept)


def _fits(name: str, value: object) -> bool:
    """Whether a stored channel option has the kind its Channel field takes (None: absent)."""
    if name == "explicit":
        return isinstance(value, bool)
    return isinstance(value, str)


def channel_options(outdir: Path | Store, given: ChannelOptions) -> Channel:
    """A Channel from the options given, else the stored ones, else Channel's defaults."""
    stored = stored_channel(_existing(outdir))
    chosen: dict[str, Any] = {}
    for option in dataclasses.fields(ChannelOptions):
        value = getattr(given, option.name)
        value = getattr(stored, option.name) if value is None else value
        if value is not None:
            chosen[option.name] = value
    base_url = chosen.pop("base_url", None)
    if not base_url:
        raise InputError("the feed needs a base URL", "pass --base-url http://host:port/")
    for name, value in [("base_url", base_url), *chosen.items()]:
        _check_utf8(name, value)
    return Channel(normalize_base_url(base_url), **chosen)


def _check_utf8(name: str, value: object) -> None:
    """InputError for an option that is not UTF-8 text: typed in a terminal of another
    encoding, it reaches Python with surrogate escapes, which no file can hold."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(
                f"the feed's {name.replace('_', ' ')} is not UTF-8 text: {value!r}",
                "set the terminal to UTF-8, or write the option in the settings file",
            ) from None


def refresh_feed(outdir: Path | Store, fallback_base_url: str) -> FeedResult:
    """Rewrite the feed with its stored options; the fallback URL only when none is stored."""
    stored = stored_channel(outdir).base_url
    given = ChannelOptions(base_url=stored or fallback_base_url)
    return write_feed(outdir, channel_options(outdir, given))


def write_feed(outdir: Path | Store, channel: Channel) -> FeedResult:
    """Write OUTDIR/feed.xml from every manifest under OUTDIR, and the episode index beside
    it; update the state. Each file is written whole (core/files, or one request to a store)."""
    store = _existing(outdir)
    files = list_files(store)  # a store that cannot be read: one StoreError line
    state = load_state(store)
    items: list[Item] = []
    skipped: list[str] = []
    manifests = find_manifests(store, files, _left_out_told(files, skipped))
    for key, manifest in manifests:
        try:
            items.append(read_item(store, key, channel.base_url, state, files, manifest))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = f"{key}: {exc}"
            log.debug("feed: skipping %s", reason)  # the caller reports FeedResult.skipped
            skipped.append(reason)
    items.sort(key=lambda i: (i.published, i.guid), reverse=True)
    problem = _image_problem(channel.image, files) if channel.image is not None else ""
    if problem:
        # a cover named in an earlier run and gone since: the drawn one from now on (said
        # once: the state keeps it automatic), not a dead link
        log.warning("feed: %s: %s", channel.image, problem)
        channel = dataclasses.replace(channel, image=None)
    state["channel"] = dataclasses.asdict(channel)  # as given: None stays automatic
    if channel.language is None:
        channel = dataclasses.replace(channel, language=_common_language(items))
    if channel.image is None:
        channel = dataclasses.replace(channel, image=_default_cover(store, files, channel.title))
    store.write_bytes(FEED_NAME, render(channel, items), media_type(FEED_NAME))
    _write_index(store, files, state, channel, manifests)
    save_state(store, state)
    return FeedResult(store.where(FEED_NAME), len(items), tuple(skipped))


def _existing(outdir: Path | Store) -> Store:
    """The store of OUTDIR; InputError when it is a folder that is not there."""
    store = as_store(outdir)
    if store.folder is not None and store.folder.is_file():
        raise InputError(f"{store.folder} is a file", "give the folder of narrated articles")
    if store.folder is not None and not store.folder.is_dir():
        raise InputError(f"no such folder: {store.folder}", "narrate some articles into it first")
    return store


def _left_out_told(files: Files, skipped: list[str]) -> Callable[[str, Exception], None]:
    """What to do with a .json that is no readable manifest: one beside an episode's audio
    (a manifest damaged) is said, with the episodes skipped; any other JSON file in the
    folder is no concern of the feed's."""

    def left_out(key: str, exc: Exception) -> None:
        stem = key.rsplit(".", 1)[0]
        if any(stem + fmt.suffix in files for fmt in FORMATS.values()):
            skipped.append(f"{key}: {exc}")
        else:
            log.debug("feed: %s left out: %s", key, exc)

    return left_out


def _write_index(
    store: Store,
    files: dict[str, Any],
    state: dict[str, Any],
    channel: Channel,
    manifests: list[tuple[str, Any]],
) -> None:
    """OUTDIR/index.html, the episode list, for a static host; an index.html that the feed
    did not write (a page of the user's, an episode's) is left alone."""
    from narrate.publish.index import episodes_listed, index_page  # it imports this package

    if INDEX_NAME in files and not state.get("index"):
        log.info("feed: %s is not ours; the episode index is not written", INDEX_NAME)
        return
    entries = episodes_listed(manifests, state, files)
    page = index_page(entries, channel.feed_url, channel.title)
    store.write_bytes(INDEX_NAME, page.encode("utf-8"), media_type(INDEX_NAME))
    state["index"] = True


COVER_TYPES = ("image/jpeg", "image/png")  # what Apple Podcasts and the others show


def check_image(outdir: Path | Store, image: str) -> None:
    """InputError when --image is neither a URL nor a PNG or JPEG file in OUTDIR."""
    problem = _image_problem(image, list_files(_existing(outdir)))
    if problem:
        raise InputError(f"--image {image}: {problem}", "give a URL, or a PNG or JPEG in OUTDIR")


def _image_problem(image: str, files: Files) -> str:
    """Why `image` cannot be the feed's cover ('' when it can)."""
    if is_web_url(image):
        return ""
    if image not in files:
        return "no such file in OUTDIR"
    if media_type(image) not in COVER_TYPES:
        return "not a PNG or JPEG image"
    return ""


def _default_cover(store: Store, files: dict[str, Any], title: str) -> str:
    """OUTDIR/cover.png, drawn once (a cover put there by hand is kept)."""
    if COVER_NAME not in files:
        store.write_bytes(COVER_NAME, default_cover_png(title), media_type(COVER_NAME))
    return COVER_NAME


def _common_language(items: list[Item]) -> str:
    """The language most episodes are in (its primary subtag: 'de-AT' counts as 'de')."""
    languages = [i.language.split("-")[0].lower() for i in items if i.language]
    return max(sorted(set(languages)), key=languages.count) if languages else "en"
