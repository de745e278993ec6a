"""Shell completion: the script for each shell, and the answers narrate gives it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app

runner = CliRunner()
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("shell", "fragment"),
    [
        ("bash", "complete -o default -F _narrate_completion narrate"),
        ("zsh", "compdef _narrate_completion narrate"),
        ("fish", "complete --command narrate --no-files"),
    ],
)
def test_completion_script_for_each_shell(shell: str, fragment: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0, result.output
    assert fragment in result.stdout
    assert f"_NARRATE_COMPLETE=complete_{shell}" in result.stdout


def test_unknown_shell_is_a_usage_error() -> None:
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "tcsh" in result.stderr


def _answers(shell: str, words: str) -> list[str]:
    """What narrate answers a shell asking to complete `words` (the last one partial)."""
    env = dict(os.environ, _NARRATE_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_ARGS=words)
    env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run(
        [str(BIN / "narrate")], capture_output=True, text=True, env=env, check=True, timeout=60
    )
    return done.stdout.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_narrate_answers_each_shell(shell: str) -> None:
    assert any("article" in answer for answer in _answers(shell, "narrate artic"))


def test_bash_completes_commands_options_and_voices() -> None:
    """The real bash, with the script installed as a user would, completing three things."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = runner.invoke(app, ["completion", "bash"]).stdout
    probe = (
        script + "\ncomplete_words() { COMP_WORDS=($1); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
        '_narrate_completion narrate; echo "${COMPREPLY[*]}"; }\n'
        'complete_words "narrate arti"; complete_words "narrate article --vo"; '
        'complete_words "narrate article page.html --voice cl"\n'
    )
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        [bash, "--norc", "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["article", "--voice", "clear"]
