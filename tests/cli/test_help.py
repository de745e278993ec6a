"""Help that teaches: every command's --help ends with examples that parse; plain where asked."""

from __future__ import annotations

import os
import pty
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from narrate.cli.app import app

runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


def _examples(help_text: str) -> list[str]:
    block = help_text[help_text.rindex("Examples:") :].split("\n\n")[0]
    lines = [line.strip() for line in block.splitlines()[1:]]
    return [line for line in lines if "narrate " in line and not line.startswith("#")]


def _parse(command_line: str) -> None:
    """Parse an example as narrate would (options, ranges), without running it."""
    for part in command_line.replace("&&", "|").split("|"):
        words = shlex.split(part.split(">")[0])
        if not words or words[0] != "narrate":
            continue  # curl, grep: the other end of a pipe
        args, before = words[1:], []
        while args and args[0].startswith("-"):  # global options come before the command
            before.append(args.pop(0))
            if before[-1] == "--config":
                before.append(args.pop(0))
        try:
            with GROUP.make_context("narrate", [*before, *args[:1]]) as ctx:
                command = GROUP.get_command(ctx, args[0])  # type: ignore[attr-defined]
                assert command is not None, f"{command_line}: no command {args[0]!r}"
                command.make_context(args[0], args[1:], parent=ctx)
        except typer.Exit:
            pass  # --version prints and stops, as it should


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_examples_that_parse(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    found = _examples(result.stdout)
    assert 2 <= len(found) <= 3, result.stdout
    assert result.stdout.rstrip().endswith(found[-1]) or command == "config"
    for example in found:
        _parse(example)


def test_top_level_help_has_examples_too() -> None:
    result = runner.invoke(app, ["--help"])
    assert len(_examples(result.stdout)) >= 2


def _help_on_a_terminal(**env: str) -> str:
    """`narrate --help` with stdout on a pseudo-terminal, as a user sees it."""
    controller, terminal = pty.openpty()
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "narrate", "--help"],
        stdout=terminal,
        stderr=subprocess.PIPE,
        env={**clean, "TERM": "xterm-256color", **env},
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_terminal_gets_rich_help_and_no_color_gets_plain() -> None:
    rich = _help_on_a_terminal()
    assert "\x1b[" in rich  # colour on a terminal
    plain = _help_on_a_terminal(NO_COLOR="1")
    assert "\x1b[" not in plain
    assert "╭" not in plain  # no boxes either
    assert "Examples:" in plain


def test_a_pipe_gets_plain_help(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "narrate", "--help"], capture_output=True, text=True, check=True
    )
    assert "\x1b[" not in done.stdout
    assert "╭" not in done.stdout


@pytest.mark.parametrize("command", ["article", "script", "batch"])
def test_the_help_names_every_kind_of_document_the_command_reads(command: str) -> None:
    """The arguments' help still named only pages and text copies after e-mail, PDF, EPUB
    and Markdown were read."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    text = result.output.lower()
    for kind in ("pdf", "epub", "markdown" if command != "batch" else ".md", "e"):
        assert kind in text, kind
    assert ("e-mail" in text) or (".eml" in text)


def test_a_count_of_one_is_singular() -> None:
    # `narrate feed` said '(1 episodes, ...)' for a folder of one episode
    from narrate.cli.help import counted

    assert [counted(n, "episode") for n in (0, 1, 2)] == ["0 episodes", "1 episode", "2 episodes"]
