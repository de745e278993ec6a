"""CLI commands for subscriptions: `subscribe`, `import`, `update` and `list`.

The subscription logic lives in narrate.publish.subscriptions; this module
hands it `PageNarrator`, which narrates one page with the pipeline (an
engine is started only when there is something to narrate), and prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli.help import counted, examples
from narrate.cli.options import (
    FeedOptions,
    GlobalOptions,
    NarrationOptions,
    QuietOpt,
    command,
)
from narrate.cli.resolve import resolve
from narrate.core.errors import ExitCode, InputError

if TYPE_CHECKING:
    from narrate.core.settings import Settings
    from narrate.pipeline.narrator import Narrator
    from narrate.publish.subscriptions import Page, UpdateOptions, UpdateSummary
    from narrate.publish.subscriptions.updates import Report

FolderArg = Annotated[
    Path, typer.Argument(help="The podcast folder (episodes, feed.xml and the subscriptions)")
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", min=0.1, help="Seconds a feed or page may take to download"),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="The URL the folder is served at (kept for later runs)"),
]
AllowPrivateOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Let its articles come from private and local addresses (your own network)",
    ),
]
_INTERVAL = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


class PageNarrator:
    """Narrates pages handed over by an update; one Narrator, started on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._narrator: Narrator | None = None

    def __call__(self, page: Page, episode: Path, by_title: bool = False) -> Path:
        """Narrate `page` into `episode` (no suffix), or into the folder `episode` named after
        the page's title (`by_title`); the manifest's path."""
        from narrate.core.models import ArticleMeta
        from narrate.pipeline.batch import narrate_document
        from narrate.pipeline.narrator import Narrator
        from narrate.text.load import document_from_bytes

        if self._narrator is None:
            self._narrator = Narrator(self.settings, keep_workers=True)
        url = page.url if "://" in page.url else None
        document = document_from_bytes(page.url, page.body, url, page.content_type)
        known = ArticleMeta(
            title=page.title,
            byline=page.author,
            published=page.date[:10] if page.date else None,
            language=page.language,
        )
        if by_title:
            return narrate_document(self._narrator, document, known, episode, by_title=True)
        target = episode.with_name(episode.name + self._narrator.format.suffix)
        return narrate_document(self._narrator, document, known, target)

    def close(self) -> None:
        if self._narrator is not None:
            self._narrator.__exit__(None, None, None)
            self._narrator = None


@contextmanager
def page_narrator(settings: Settings) -> Iterator[PageNarrator]:
    narrator = PageNarrator(settings)
    try:
        yield narrator
    finally:
        narrator.close()


def subscribe(
    folder: FolderArg,
    source: Annotated[
        str, typer.Argument(help="A feed URL (or a page that names its feed), or an OPML file")
    ],
    timeout: TimeoutOpt = 30.0,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Subscribe FOLDER to a feed, or to every feed of an OPML file; `update` narrates them.

    Articles a feed names are fetched from public addresses only, unless the feed
    itself is on your own network or --allow-private is given.
    """
    from narrate.publish.subscriptions import Fetcher
    from narrate.publish.subscriptions import subscribe as add

    result = add(folder, source, Fetcher(timeout_s=timeout), allow_private)
    for sub, listed in result.added:
        typer.echo(f"subscribed  {sub.title}  {sub.url}  ({counted(listed, 'article')} listed)")
    for sub in result.known:
        typer.echo(f"subscribed already  {sub.title}  {sub.url}")
    for url, reason in result.failed:
        typer.echo(f"failed: {url}: {reason}", err=True)
    listed = len(result.added) + len(result.known) + len(result.failed)
    if listed > 1:  # an OPML list: the tally last, however long the list
        typer.echo(
            f"{listed} feeds: {len(result.added)} subscribed, "
            f"{len(result.known)} subscribed already, {len(result.failed)} failed"
        )
    if result.failed:
        raise typer.Exit(int(ExitCode.FAILED_ITEMS))


def import_(
    folder: FolderArg,
    export: Annotated[
        Path,
        typer.Argument(
            help="Pocket CSV/HTML, Instapaper CSV, Wallabag JSON, Readeck JSON or bookmarks HTML"
        ),
    ],
    archived: Annotated[
        bool, typer.Option("--archived", help="Include articles already archived (read)")
    ] = False,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Queue the articles of a read-it-later export or bookmarks file; `update` narrates them.

    Its articles are fetched from public addresses only, unless --allow-private is given.
    """
    from narrate.publish.subscriptions import import_export

    found, added, sub = import_export(folder, export, archived, allow_private)
    line = f"{found.kind}: {added} new articles queued ({len(found.entries)} listed)"
    if found.archived:
        line += f"; {found.archived} archived left out (--archived to include them)"
    if found.unreadable:
        line += f"; {found.unreadable} without a web address left out"
    typer.echo(line)
    typer.echo(f"episodes will go to {folder / sub.folder}; run `narrate update {folder}`")


@command
def update(
    options: NarrationOptions,
    given: GlobalOptions,
    folder: FolderArg,
    max_new: Annotated[
        int,
        typer.Option("--max-new", min=0, help="Narrate at most N articles this run (0: all)"),
    ] = 10,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Skip articles dated before this day (YYYY-MM-DD)"),
    ] = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = 30.0,
    quiet: QuietOpt = False,
) -> None:
    """Fetch the subscribed feeds, narrate what is new (newest first) and rewrite feed.xml."""
    from narrate.publish.subscriptions import UpdateOptions

    if not folder.is_dir():
        raise InputError(f"no such folder: {folder}", "subscribe it to a feed first")
    run = resolve(given.config, options, feed=FeedOptions(base_url=base_url))

    def report(status: str, what: str, detail: str) -> None:
        if not quiet or status == "failed":
            typer.echo(f"{status:>8}  {what}  {detail}", err=True)

    limits = UpdateOptions(max_new, _since(since))
    summary = run_update(folder, run.settings, limits, timeout, report)
    if not quiet or summary.failed:  # with failures, the tally is part of the error report
        typer.echo(_summary_line(summary, max_new))
    feed_line = write_feed_if_known(folder, run.feed.base_url)
    if not quiet or feed_line.startswith("narrate:"):
        typer.echo(feed_line, err=feed_line.startswith("narrate:"))
    if summary.failed:
        raise typer.Exit(int(ExitCode.FAILED_ITEMS))


def run_update(
    folder: Path,
    settings: Settings,
    options: UpdateOptions,
    timeout: float,
    report: Report | None = None,
    on_added: Callable[[Path], object] | None = None,
) -> UpdateSummary:
    """One update of FOLDER with the pipeline narrating (used by `update` and `serve`)."""
    from narrate.publish.subscriptions import Fetcher
    from narrate.publish.subscriptions import update as run

    with page_narrator(settings) as narrate:
        return run(folder, narrate, options, Fetcher(timeout_s=timeout), report, on_added)


def write_feed_if_known(folder: Path, base_url: str | None) -> str:
    """Rewrite feed.xml when its base URL is given or was given before; a line to print."""
    from narrate.publish.feed import ChannelOptions, channel_options, stored_channel, write_feed

    if base_url is None and not stored_channel(folder).base_url:
        return (
            "narrate: feed.xml not written: no base URL yet "
            f"(pass --base-url, or run `narrate feed {folder} --base-url URL` once)"
        )
    result = write_feed(folder, channel_options(folder, ChannelOptions(base_url=base_url)))
    return f"{result.path}  ({result.episodes} episodes)"


def list_(folder: FolderArg) -> None:
    """Show the subscriptions, each one's last update and its result, and the queue."""
    from narrate.publish.subscriptions import MAX_ATTEMPTS, listing

    found = listing(folder)
    names = {s.url: s.title for s in found.subscriptions}
    typer.echo(f"Subscriptions ({len(found.subscriptions)}):")
    for sub in found.subscriptions:
        where = sub.url if sub.kind == "feed" else sub.url.removeprefix("import:")
        typer.echo(f"  {sub.title}  [{sub.kind}]  {where}  -> {sub.folder}/")
        typer.echo(f"      last update {_when(sub.checked)}: {sub.result or 'none yet'}")
    typer.echo(f"Queue ({len(found.queue)}):")
    for article in found.queue:
        note = article.reason or ""
        if article.status == "failed":
            note = f"failed {article.attempts} of {MAX_ATTEMPTS} tries: {note}"
        title = article.title or article.link or article.key
        typer.echo(
            f"  {(article.date or '')[:10]:10}  {title}  [{names.get(article.subscription)}]"
            + (f"  ({note})" if note else "")
        )
    counts = ", ".join(f"{n} {status}" for status, n in sorted(found.counts.items()))
    typer.echo(f"Articles: {counts or 'none'}")
    for article in found.given_up:
        typer.echo(f"  given up: {article.title or article.link}: {article.reason}")


def parse_interval(text: str) -> float:
    """'1h', '30m', '90s', '1h30m' (or plain seconds) -> seconds."""
    cleaned = text.strip().lower()
    if cleaned.replace(".", "", 1).isdigit():
        seconds = float(cleaned)
    else:
        match = _INTERVAL.match(cleaned)
        if not cleaned or match is None:
            raise typer.BadParameter(f"{text!r} is not an interval such as 1h, 30m or 90s")
        hours, minutes, secs = (int(g or 0) for g in match.groups())
        seconds = float(hours * 3600 + minutes * 60 + secs)
    if seconds < 1:
        raise typer.BadParameter("the interval must be at least one second")
    return seconds


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"--since takes a day as YYYY-MM-DD, not {text!r}") from None


def _summary_line(summary: UpdateSummary, max_new: int) -> str:
    line = (
        f"{summary.feeds_checked} feeds checked; {len(summary.narrated)} narrated, "
        f"{len(summary.skipped)} skipped, {len(summary.failed)} failed"
    )
    if summary.held_back:
        line += f", {summary.held_back} held back by --max-new {max_new}"
    return line


def _when(stamp: str | None) -> str:
    return stamp.replace("T", " ").replace("+00:00", " UTC") if stamp else "never"


SUBSCRIBE_EXAMPLES = examples(
    ("narrate subscribe podcasts/ https://example.org/feed.xml", "a feed (or a page naming one)"),
    ("narrate subscribe podcasts/ feeds.opml", "every feed of an OPML file"),
)
IMPORT_EXAMPLES = examples(
    ("narrate import podcasts/ pocket-export.csv", "a read-it-later export, queued"),
    ("narrate import podcasts/ wallabag.json --archived", "read articles too"),
)
UPDATE_EXAMPLES = examples(
    ("narrate update podcasts/", "narrate what is new, up to 10, and rewrite feed.xml"),
    ("narrate update podcasts/ --max-new 0 --since 2024-06-01", "everything since June"),
    ("narrate update podcasts/ --rate 1.2x -q", "faster, printing only failures"),
)
LIST_EXAMPLES = examples(
    ("narrate list podcasts/", "subscriptions, their last update, and the queue"),
    ("narrate list podcasts/ | grep failed", "what failed and why"),
)
