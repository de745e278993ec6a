"""ARCHITECTURE.md names only modules, folders and names that are in the tree.

The rule the document follows: a path in backticks (`something.py`, `folder/`) is written
from the repository's root (`tests/cli/test_documents.py`, `benchmarks/speed.py`) or from
the package (`core/files.py` for narrate/core/files.py, `text/extract/html/` for a folder);
a bare name such as `mail.py` resolves nowhere and fails, so no reader has to guess which of
several modules of that name is meant. A dotted reference (`load.decode`,
`batch.ARTICLE_SUFFIXES`) names a module by its last part and something the module defines.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "narrate"
DOCUMENT = ROOT / "ARCHITECTURE.md"

_CODE = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"^[\w./<>*-]+(?:\.py|/)$")
_DOTTED = re.compile(r"^([a-z_][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)(?:\(.*\))?$")
_GENERATED = ("OUT.", "NAME", "<")  # names the document uses for files a run writes
_FILE = re.compile(r"\.(py|html|js|css|json|toml|md|txt|png)$")


def _spans() -> list[str]:
    text = DOCUMENT.read_text("utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # the tree is checked on its own
    return _CODE.findall(text)


def _resolves(path: str) -> bool:
    """A path from the repository's root or from the package, a glob's folder included."""
    folder_only = path.endswith("/")
    stem = path.split("*")[0].split("<")[0].rstrip("/")
    for base in (ROOT, PACKAGE):
        target = base / stem
        if "*" in path or "<" in path:
            if target.is_dir():  # a pattern: its folder is there
                return True
            continue
        if target.is_dir() if folder_only else target.is_file():
            return True
    return False


def test_every_path_in_backticks_is_in_the_tree() -> None:
    paths = [span for span in _spans() if _PATH.match(span)]
    assert len(paths) > 50  # the document names modules throughout
    missing = sorted(
        {p for p in paths if not p.startswith(_GENERATED) and not _resolves(p.split("#")[0])}
    )
    assert not missing, "not in the tree: " + ", ".join(missing)


@cache
def _modules() -> dict[str, list[Path]]:
    """narrate's modules and packages by their last name."""
    found: dict[str, list[Path]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = path.parent.name if path.name == "__init__.py" else path.stem
        found.setdefault(name, []).append(path)
    return found


@cache
def _defined(path: Path) -> frozenset[str]:
    """Every name a module defines or imports at any depth (functions, classes, constants,
    methods, attributes set on self)."""
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return frozenset(names)


def test_every_module_reference_names_a_module_and_what_it_defines() -> None:
    references = [
        m.groups()
        for span in _spans()
        if not _FILE.search(span) and (m := _DOTTED.match(span)) and not _elsewhere(span)
    ]
    assert len(references) > 20
    wrong = sorted(
        f"{module}.{name}"
        for module, name in set(references)
        if module in _modules() or "_" in module
        if not any(name in _defined(path) for path in _modules().get(module, []))
    )
    assert not wrong, "not in the code: " + ", ".join(wrong)


def _elsewhere(dotted: str) -> bool:
    """A module of the standard library or a dependency (`http.client`), not narrate's."""
    try:
        return importlib.util.find_spec(dotted.split("(")[0]) is not None
    except (ImportError, ValueError):
        return False


def test_the_package_tree_names_each_top_level_package() -> None:
    """The tree at the top lists every stage folder of narrate/."""
    text = DOCUMENT.read_text("utf-8")
    tree = re.search(r"```\nnarrate/\n(.*?)```", text, flags=re.DOTALL)
    assert tree is not None
    listed = set(re.findall(r"^  (\w+)/", tree.group(1), flags=re.MULTILINE))
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert listed == stages - {"voices"}


def test_the_extraction_tree_lists_every_folder() -> None:
    """The tree of narrate/text/extract/ has a line for each of its folders, and no other."""
    text = DOCUMENT.read_text("utf-8")
    tree = re.search(r"```\nnarrate/text/extract/\n(.*?)```", text, flags=re.DOTALL)
    assert tree is not None
    listed = set(re.findall(r"^  (\w+)/", tree.group(1), flags=re.MULTILINE))
    folders = {p.name for p in (PACKAGE / "text/extract").iterdir() if (p / "__init__.py").exists()}
    assert listed == folders


_SOURCE_PATH = re.compile(r"\bnarrate/[\w/]+\.py\b")


def test_every_module_path_in_the_source_is_in_the_tree() -> None:
    """A docstring or comment that sends a reader to `narrate/x/y.py` sends them somewhere real
    (narrate/speaker.py and narrate/calibrate.py outlived their move into audio/)."""
    named = {
        (path.relative_to(ROOT).as_posix(), found)
        for path in PACKAGE.rglob("*.py")
        for found in _SOURCE_PATH.findall(path.read_text("utf-8"))
    }
    assert named  # the package does name its own modules in places
    missing = sorted(f"{where}: {found}" for where, found in named if not (ROOT / found).is_file())
    assert not missing, "not in the tree: " + ", ".join(missing)


_PATH_DOTTED = re.compile(r"^([a-z_]+(?:/[a-z_]+)+)\.([A-Za-z_][A-Za-z0-9_]*)(?:\(.*\))?$")


def test_every_path_with_a_name_names_a_module_and_what_it_defines() -> None:
    """`core/ffmpeg.ffmpeg_encoders`: the module at that path, and the name in it (the
    document named `audio/espeak_library.load_espeak` after the module moved to engines/)."""
    references = [
        m.groups()
        for span in _spans()
        if not _FILE.search(span) and (m := _PATH_DOTTED.match(span))
    ]
    assert len(references) > 20
    wrong = []
    for module, name in sorted(set(references)):
        paths = [base / f"{module}.py" for base in (ROOT, PACKAGE)]
        found = [path for path in paths if path.is_file()]
        if not found or not any(name in _defined(path) for path in found):
            wrong.append(f"{module}.{name}")
    assert not wrong, "not in the code: " + ", ".join(wrong)
