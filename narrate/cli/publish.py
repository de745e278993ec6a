"""CLI commands for publishing: `narrate feed` (feed.xml) and `narrate serve` (HTTP + inbox).

Errors read and exit like every other command's (narrate/cli/exits.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli.help import counted, examples
from narrate.cli.options import (
    FeedOptions,
    GlobalOptions,
    NarrationOptions,
    StorageOpt,
    ToolOptions,
    command,
)
from narrate.cli.resolve import Resolved, resolve
from narrate.cli.subscribe import parse_interval, run_update
from narrate.core.errors import InputError

if TYPE_CHECKING:
    from narrate.core.settings import Settings
    from narrate.publish.feed import FeedResult
    from narrate.publish.repeat import Repeating

TIMEOUT_S = 30.0

OutdirArg = Annotated[
    Path | None,
    typer.Argument(
        help="The folder of narrated articles, searched recursively (default: the settings "
        "file's output)"
    ),
]


def _folder(outdir: Path | None, run: Resolved) -> Path:
    """OUTDIR, else the settings file's output folder: one on this machine."""
    from narrate.core.storage import looks_like_url

    given = str(outdir) if outdir is not None else run.location
    # a URL given as a Path has lost a slash (s3:/bucket)
    if given is not None and looks_like_url(given):
        raise InputError(
            f"narrate serve serves a folder on this machine, not {given}",
            "a bucket serves its own files: write its feed with narrate feed URL --base-url",
        )
    folder = outdir or run.output
    if folder is None:
        raise InputError("which folder?", "give OUTDIR, or set output in the settings file")
    return folder


def _location(outdir: str | None, run: Resolved) -> str:
    """OUTDIR (a folder or a store URL), else the settings file's output."""
    location = outdir or run.location
    if location is None:
        raise InputError("which folder?", "give OUTDIR, or set output in the settings file")
    return location


@command
def feed(
    channel: FeedOptions,
    given: GlobalOptions,
    outdir: Annotated[
        str | None,
        typer.Argument(
            help="The folder of narrated articles, searched recursively, or a store URL "
            "(s3://bucket/podcast/) (default: the settings file's output)"
        ),
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="Podcast description")
    ] = None,
    image: Annotated[
        str | None,
        typer.Option(
            "--image", help="Cover art: a URL or a file name in OUTDIR (default: a drawn cover.png)"
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", help="e.g. en; default: the episodes' language")
    ] = None,
    explicit: Annotated[
        bool | None, typer.Option("--explicit/--no-explicit", help="itunes:explicit")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Apple Podcasts category (default News)")
    ] = None,
    storage_option: StorageOpt = None,
) -> None:
    """Write OUTDIR/feed.xml, a podcast feed of every narrated article in OUTDIR, and its
    episode list (index.html).

    Options not given keep the values of the previous run.
    """
    from narrate.core.storage import open_store, parse_storage_options
    from narrate.publish.feed import ChannelOptions, channel_options, check_image, write_feed
    from narrate.text.language import standard_tag

    run = resolve(given.config, feed=channel)
    folder = open_store(_location(outdir, run), parse_storage_options(storage_option or []))
    language = standard_tag(language) if language is not None else None
    if image is not None:
        check_image(folder, image)
    chosen = ChannelOptions(
        base_url=run.feed.base_url,
        title=run.feed.title,
        author=run.feed.author,
        description=description,
        image=image,
        language=language,
        explicit=explicit,
        category=category,
    )
    options = channel_options(folder, chosen)
    result = write_feed(folder, options)
    _report_skipped(result)
    typer.echo(f"{result.location}  ({counted(result.episodes, 'episode')}, {options.feed_url})")


@command
def serve(
    tools: ToolOptions,
    given: GlobalOptions,
    outdir: OutdirArg = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default)")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port)")
    ] = 8000,
    inbox: Annotated[
        Path | None,
        typer.Option(
            "--inbox",
            help="Narrate articles dropped here (files or .url files); each file then moves "
            "to .done/ (or .failed/) inside it",
        ),
    ] = None,
    update_every: Annotated[
        str | None,
        typer.Option(
            "--update-every", help="Update the subscriptions now and then every 1h, 30m, ..."
        ),
    ] = None,
    max_new: Annotated[
        int, typer.Option("--max-new", min=0, help="With --update-every: articles per update")
    ] = 10,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="With --inbox: let its URLs reach private and local addresses (your network)",
        ),
    ] = False,
) -> None:
    """Serve OUTDIR for podcast apps (ranges, HEAD, no listing, no dotfiles) until Ctrl-C."""
    from narrate.core.reach import ANYWHERE
    from narrate.pipeline.narrator import narrate_article
    from narrate.publish.feed import FEED_NAME, refresh_feed
    from narrate.publish.inbox import FROM_INBOX, Inbox, make_inbox
    from narrate.publish.serve import prepare

    interval = parse_interval(update_every) if update_every else None
    run = resolve(given.config, NarrationOptions(tools=tools))
    folder = _folder(outdir, run)
    settings = run.settings
    if inbox is not None:
        make_inbox(inbox)  # before the server takes its port: a wrong inbox is one line
    server = prepare(folder, host, port)
    if not (folder / FEED_NAME).exists():
        _report_skipped(refresh_feed(folder, server.url))
    watcher = None
    if inbox is not None:
        _say_inbox_log()

        def narrate_dropped(source: str) -> object:
            return narrate_article(source, settings, out=folder, identity=_dropped(source))

        watcher = Inbox(
            inbox,
            narrate=narrate_dropped,
            on_added=lambda: _report_skipped(refresh_feed(folder, server.url)),
            reach=ANYWHERE if allow_private else FROM_INBOX,
        ).start()
    updater = None
    if interval is not None:
        updater = _updater(folder, server.url, interval, max_new, settings).start()
    typer.echo(f"narrate: serving {folder} at {server.url}{FEED_NAME}", err=True)
    if watcher is not None:
        typer.echo(f"narrate: narrating articles dropped into {inbox}", err=True)
    if updater is not None:
        typer.echo(f"narrate: updating the subscriptions every {update_every}", err=True)
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after a clean shutdown
        typer.echo("narrate: stopped", err=True)
    finally:
        if watcher is not None:
            watcher.stop()
        if updater is not None:
            updater.stop()


def _dropped(source: str) -> str | None:
    """What an episode of a dropped file is of: its content (a later file of the same name
    is another article); a URL speaks for itself."""
    from narrate.core.files import file_digest

    if "://" in source:
        return None
    content = file_digest(Path(source))  # None: reading it fails again in the narration
    return None if content is None else "inbox:" + content[:16]


def _say_inbox_log() -> None:
    """The inbox's log (each file, its episode or why not, where it went) on stderr."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("narrate: %(message)s"))
    logger = logging.getLogger("narrate.publish.inbox")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _report_skipped(result: FeedResult) -> None:
    """One line on stderr for each manifest the feed left out, with the reason."""
    for reason in result.skipped:
        typer.echo(f"narrate: skipped {reason}", err=True)


def _updater(
    outdir: Path, url: str, interval_s: float, max_new: int, settings: Settings
) -> Repeating:
    """Updates the subscriptions on a timer; the feed grows after each new episode."""
    from narrate.core.errors import NarrateError
    from narrate.publish.feed import refresh_feed
    from narrate.publish.subscriptions import UpdateOptions, updater

    def report(status: str, what: str, detail: str) -> None:
        if status != "checked":
            typer.echo(f"narrate: update: {status} {what}  {detail}", err=True)

    def run() -> None:
        try:
            summary = run_update(
                outdir,
                settings,
                UpdateOptions(max_new),
                timeout=TIMEOUT_S,
                report=report,
                on_added=lambda _manifest: _report_skipped(refresh_feed(outdir, url)),
            )
        except NarrateError as exc:  # e.g. a `narrate update` of the same folder is running
            typer.echo(f"narrate: update: {exc}", err=True)
            return
        typer.echo(
            f"narrate: update: {len(summary.narrated)} narrated, {len(summary.failed)} failed",
            err=True,
        )

    return updater(run, interval_s)


FEED_EXAMPLES = examples(
    (
        "narrate feed podcasts/ --base-url http://192.168.1.20:8000/ --title 'My reading list'",
        "a feed for apps on your network",
    ),
    ("narrate feed podcasts/", "again after adding articles: the options are kept"),
    (
        "narrate feed s3://news/podcast/ --base-url https://news.s3.amazonaws.com/podcast/",
        "a bucket that serves its files is a podcast",
    ),
)
SERVE_EXAMPLES = examples(
    ("narrate serve podcasts/ --host 0.0.0.0 --port 8000", "for podcast apps on your network"),
    ("narrate serve podcasts/ --inbox to-read/", "and narrate pages dropped into to-read/"),
)
