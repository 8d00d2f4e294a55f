"""The import graph and the module rules, read from the code itself: a stage never imports the
CLI, Click is the CLI's alone, the network is the fetch module's alone, every module says what it
is for and stays readable in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "translate").glob("*.py"))
#: "One module per concern ... none much over 500 lines."
MAX_LINES = 550
NETWORK_MODULES = {"urllib", "http", "socket", "ssl", "requests", "urllib3", "httpx", "ftplib"}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute names (``from translate import x`` gives both
    ``translate`` and ``translate.x``), wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def importers_of(predicate) -> set[str]:
    """The file names of translate/ that import a module for which ``predicate(name)`` holds."""
    return {path.name for path in MODULES if any(map(predicate, imported_modules(path)))}


def test_no_stage_imports_the_cli() -> None:
    assert importers_of(lambda name: name == "translate.cli") == {"__main__.py"}


def test_click_is_imported_by_the_cli_alone() -> None:
    assert importers_of(lambda name: name.split(".")[0] == "click") == {"cli.py"}


def test_fetch_is_the_only_module_that_opens_network_connections() -> None:
    assert importers_of(lambda name: name.split(".")[0] in NETWORK_MODULES) == {"fetch.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_every_module_says_what_it_is_for_and_stays_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and docstring.strip(), f"{path.name} has no module docstring"
    assert text.count("\n") <= MAX_LINES, f"{path.name} has {text.count(chr(10))} lines"


def test_every_library_exception_has_a_one_line_docstring() -> None:
    tree = ast.parse((ROOT / "translate" / "errors.py").read_text(encoding="utf-8"))
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert classes
    for node in classes:
        docstring = ast.get_docstring(node) or ""
        assert docstring and "\n" not in docstring.strip(), node.name
