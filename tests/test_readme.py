"""The README stays a short page for users, its tables render whole, and its links lead
somewhere (docs/ pages, the listen page's picture)."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_the_readme_is_short_and_for_users() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert len(text.splitlines()) <= 250
    assert ".venv/bin/narrate" not in text  # users run `narrate` as pip installs it


def test_the_dependency_table_renders_as_one_table_of_two_columns() -> None:
    section = _section((ROOT / "README.md").read_text("utf-8"), "## Dependencies and why")
    tokens = _tokens(section)
    assert sum(t.type == "table_open" for t in tokens) == 1
    rows = [line for line in section.splitlines() if line.startswith("|")]
    for row in rows:  # two cells each, an escaped pipe (`\|`) being text
        assert len(re.split(r"(?<!\\)\|", row.strip())[1:-1]) == 2, row
    assert sum(t.type == "tr_open" for t in tokens) == len(rows) - 1  # all but the |---| row
    cells = sum(t.type in ("th_open", "td_open") for t in tokens)
    assert cells == 2 * (len(rows) - 1)


def test_relative_links_and_images_lead_to_files() -> None:
    for page in PAGES:
        text = page.read_text("utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if "://" in target or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{page.name}: {target}"
