"""CLI commands for publishing: `narrate feed` and `narrate serve` (being written)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the publishing commands to the main app."""
