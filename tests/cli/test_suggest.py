"""Typos get the closest command or option in the usage error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner, Result

from narrate.cli.app import app

runner = CliRunner()


def _error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if "No such" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("typo", "command"),
    [("artcle", "article"), ("bach", "batch"), ("doctr", "doctor"), ("voice", "voices")],
)
def test_misspelt_command(typo: str, command: str) -> None:
    line = _error_line(runner.invoke(app, [typo, "x"]))
    assert line.endswith(f"No such command {typo!r}. Did you mean {command!r}?")


def test_nothing_close_suggests_nothing() -> None:
    line = _error_line(runner.invoke(app, ["zzzzzz"]))
    assert line.endswith("No such command 'zzzzzz'")


@pytest.mark.parametrize(
    ("args", "ending"),
    [
        (
            ["article", "x.html", "--vocie", "clear"],
            "No such option: --vocie. Did you mean '--voice'?",
        ),
        (["batch", "in/", "--rcursive"], "No such option: --rcursive. Did you mean '--recursive'?"),
        (["--confg", "x.toml", "config"], "No such option: --confg. Did you mean '--config'?"),
        (["doctor", "--verbse"], "No such option: --verbse. Did you mean '--verbose'?"),
    ],
)
def test_misspelt_option(args: list[str], ending: str) -> None:
    assert _error_line(runner.invoke(app, args)).endswith(ending)


def test_global_option_after_the_command_says_where_it_goes() -> None:
    line = _error_line(runner.invoke(app, ["article", "x.html", "--config", "mine.toml"]))
    assert line.endswith(
        "No such option: --config. --config goes before the command: narrate --config ... article"
    )
