"""Typos answered with the closest name: `narrate artcle` -> did you mean 'article'?

Typer already suggests a command for a misspelt one; click only lists
"possible options" for a misspelt option, and says nothing when a global
option (`--config`, `--debug`) comes after the command. These classes raise
the same one-line usage errors with the suggestion in the message, so
whatever prints usage errors prints the suggestion with them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# click's exceptions, wherever this typer takes click from (typer 0.28 carries its own copy)
_click_exceptions = sys.modules[typer.BadParameter.__module__]
NoSuchOption: type[Exception] = _click_exceptions.NoSuchOption


def did_you_mean(typo: str, names: Sequence[str]) -> str:
    """` Did you mean 'x'?` for the closest of `names`, or '' when none is close."""
    close = get_close_matches(typo, list(names), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def _option_names(ctx: Any) -> list[str]:
    return [
        name
        for param in ctx.command.get_params(ctx)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("-")
    ]


def _better_option_error(exc: Any, ctx: Any) -> Exception:
    """The NoSuchOption error with the closest option, or where a global option goes."""
    typo = str(exc.option_name)
    suggestion = did_you_mean(typo, _option_names(ctx))
    root = ctx.find_root()
    if not suggestion and root is not ctx and typo in _option_names(root):
        suggestion = f" {typo} goes before the command: {root.info_name} {typo} ... {ctx.info_name}"
    elif not suggestion and exc.possibilities:
        suggestion = did_you_mean(typo, list(exc.possibilities))
    message = f"No such option: {typo}.{suggestion}" if suggestion else f"No such option: {typo}"
    return NoSuchOption(typo, message=message, ctx=ctx)  # type: ignore[call-arg]


def _parsed(parse: Callable[[Any, list[str]], list[str]], ctx: Any, args: list[str]) -> list[str]:
    """Click's parsing, a misspelt option answered with the closest one (a group's or a
    command's: the same words either way)."""
    try:
        return parse(ctx, args)
    except NoSuchOption as exc:
        raise _better_option_error(exc, ctx) from None


class SuggestingGroup(TyperGroup):
    """The command group: a misspelt command or option gets the closest name in its error."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parsed(super().parse_args, ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if args and not ctx.resilient_parsing and not name.startswith("-"):
            if self.get_command(ctx, name) is None:
                suggestion = did_you_mean(name, self.list_commands(ctx))
                ctx.fail(f"No such command {name!r}.{suggestion}".rstrip("."))
        return super().resolve_command(ctx, args)


class SuggestingCommand(TyperCommand):
    """A command: a misspelt option gets the closest option of this command in its error."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parsed(super().parse_args, ctx, args)
