"""The `narrate` application: its commands, the global options and the entry point.

Each command lives in a module of its own in this package; this one only
gathers them. Library code never prints or exits: the commands turn its
errors into one line and an exit code (narrate/cli/exits.py).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from narrate import __version__
from narrate.cli import (
    article,
    batch,
    completion,
    config,
    doctor,
    publish,
    script,
    subscribe,
    version,
    voices,
)
from narrate.cli.exits import OneLineUsage
from narrate.cli.help import examples, markup_mode
from narrate.cli.options import GlobalOptions
from narrate.cli.suggest import SuggestingCommand
from narrate.core.files import sweep_temporary_folder
from narrate.core.signals import stop_on_signals
from narrate.core.tools import restore

app = typer.Typer(
    name="narrate",
    help="Turn web articles into narrated audio with chapters, offline.",
    epilog=examples(
        ("narrate article page.html", "one article -> output/<title>.mp3"),
        (
            "narrate batch articles/ -o podcasts/ && narrate feed podcasts/ --base-url "
            "http://host:8000/",
            "a folder, then a podcast feed of it",
        ),
        ("narrate doctor", "is everything a run needs here?"),
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=markup_mode(),
    cls=OneLineUsage,
)
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"narrate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and engine logs")] = False,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            envvar="NARRATE_CONFIG",
            help="A settings file instead of the one in your config folder "
            "(`narrate config --path`)",
        ),
    ] = None,
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    ctx.obj = GlobalOptions(debug=debug, config=config_file)  # for the command (options.py)
    ctx.call_on_close(restore)  # the tools chosen are this command's
    stop_on_signals()  # SIGTERM and SIGHUP unwind and clean up as Ctrl-C does
    sweep_temporary_folder()  # working folders of runs that were killed outright
    if debug:
        logging.basicConfig(level=logging.DEBUG)
    else:  # a warning reads like the CLI's other lines
        logging.basicConfig(level=logging.WARNING, format="narrate: %(message)s")


def _command(function: Callable[..., Any], epilog: str, name: str | None = None) -> None:
    app.command(name, cls=SuggestingCommand, epilog=epilog)(function)


_command(article.article, article.EXAMPLES)
_command(batch.batch, batch.EXAMPLES)
_command(script.script, script.SCRIPT_EXAMPLES)
_command(script.lint, script.LINT_EXAMPLES)
voices.app.info.epilog = voices.EXAMPLES
app.add_typer(voices.app)
_command(publish.feed, publish.FEED_EXAMPLES)
_command(publish.serve, publish.SERVE_EXAMPLES)
_command(subscribe.subscribe, subscribe.SUBSCRIBE_EXAMPLES)
_command(subscribe.import_, subscribe.IMPORT_EXAMPLES, name="import")
_command(subscribe.update, subscribe.UPDATE_EXAMPLES)
_command(subscribe.list_, subscribe.LIST_EXAMPLES, name="list")
_command(config.config, config.EXAMPLES)
_command(doctor.doctor, doctor.EXAMPLES)
_command(version.version, version.EXAMPLES)
_command(completion.completion, completion.EXAMPLES)


def main() -> None:
    _give_back_freed_buffers()
    app()


def _give_back_freed_buffers() -> None:
    """Ask glibc to map large buffers on their own and unmap them when freed.

    Its default threshold grows after every large free, so sentence-sized audio
    buffers end up in the heap and fragment it; on an hour of audio that kept
    about 20 MB of freed memory resident. Elsewhere (not glibc) this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


if __name__ == "__main__":
    main()
