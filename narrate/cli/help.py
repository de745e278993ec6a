"""Help that teaches: real examples at the end of every command's --help, plain where asked.

Output is plain (click's own layout, no colours, no boxes) when NO_COLOR is
set (https://no-color.org) or stdout is not a terminal; Rich draws it otherwise.
"""

from __future__ import annotations

import os
import sys
from typing import Literal


def counted(number: int, noun: str) -> str:
    """'1 chapter', '3 chapters': a count as a listener reads it (nouns with a plain 's')."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def plain_output() -> bool:
    """True when the user asked for no colour, or stdout goes to a file or a pipe."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def markup_mode() -> Literal["rich"] | None:
    """Typer's help and error style for this run: None is click's plain text."""
    return None if plain_output() else "rich"


def examples(*cases: tuple[str, str]) -> str:
    """A help epilog of (command line, what it does) pairs, laid out to copy and paste."""
    lines = ["Examples:"]
    for command, what in cases:
        lines += [f"  # {what}", f"  {command}"]
    return verbatim("\n".join(lines))


def verbatim(text: str) -> str:
    """Help text shown line for line, as written."""
    if markup_mode() is None:
        return "\b\n" + text  # click rewraps a paragraph unless it starts with \b
    return text.replace("[", "\\[")  # Rich would read [feed] as a style
