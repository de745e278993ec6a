"""`python -m narrate`: the same as the `narrate` command."""

from __future__ import annotations

from narrate.cli.app import main

if __name__ == "__main__":
    main()
