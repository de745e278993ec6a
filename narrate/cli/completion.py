"""`narrate completion SHELL`: the script that makes the shell complete narrate's commands.

Typer answers the completion requests themselves (`_NARRATE_COMPLETE=complete_bash`);
this prints the script that asks, for bash, zsh or fish, so it can be installed
where the shell looks for completions. `narrate --install-completion` does both
for the running shell.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from narrate.cli.help import examples

PROG = "narrate"
COMPLETE_VAR = "_NARRATE_COMPLETE"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish")],
) -> None:
    """Print the shell script that completes narrate's commands, options and voices."""
    typer.echo(completion_script(shell.value))


def completion_script(shell: str) -> str:
    """Typer's completion script for `shell`, for the `narrate` command."""
    # typer keeps its scripts in a private module; --show-completion prints the same text
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)


EXAMPLES = examples(
    ("narrate completion bash > ~/.local/share/bash-completion/completions/narrate", "bash"),
    ('narrate completion zsh > "${fpath[1]}/_narrate"', "zsh (a folder on $fpath)"),
    ("narrate completion fish > ~/.config/fish/completions/narrate.fish", "fish"),
)
