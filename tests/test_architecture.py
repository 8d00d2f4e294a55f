"""The import graph and the module rules, read from the code itself: a stage never imports the
CLI, Click is the CLI's alone, the network is the fetch module's alone, every module says what it
is for and stays readable in one sitting, and so does every function (radon grade C at most)."""

from __future__ import annotations

import ast
import textwrap
import tomllib
from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "translate").rglob("*.py"))
PACKAGE = ROOT / "translate"
#: "One module per concern ... none much over 500 lines."
MAX_LINES = 500
#: docs/ARCHITECTURE.md: "No function above radon grade C" (cyclomatic complexity 20 at most).
WORST_GRADE = "C"
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
    """The paths under translate/ that import a module for which ``predicate(name)`` holds."""
    return {path.relative_to(PACKAGE).as_posix() for path in MODULES if any(map(predicate,
    imported_modules(path)))}


def test_no_stage_imports_the_cli() -> None:
    importers = importers_of(lambda name: name.split(".")[:2] == ["translate", "cli"])
    assert {path for path in importers if not path.startswith("cli/")} == {"__main__.py"}


def test_click_is_imported_by_the_cli_alone() -> None:
    importers = importers_of(lambda name: name.split(".")[0] == "click")
    assert importers and all(path.startswith("cli/") for path in importers)


def test_fetch_is_the_only_module_that_opens_network_connections() -> None:
    assert importers_of(lambda name: name.split(".")[0] in NETWORK_MODULES) == {"models/fetch.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
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


def too_complex(source: str) -> list[str]:
    """The functions, methods and classes of ``source`` that radon ranks above WORST_GRADE, as
    ``radon cc`` names them: ``Writer.write_markdown (line 158): D (22)``."""
    return [f"{block.fullname} (line {block.lineno}): {cc_rank(block.complexity)} "
            f"({block.complexity})" for block in cc_visit(source)
            if cc_rank(block.complexity) > WORST_GRADE]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_function_is_ranked_above_radon_grade_c(path: Path) -> None:
    found = too_complex(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: split into smaller functions: {'; '.join(found)}"


def test_a_function_above_grade_c_is_named_and_one_of_grade_c_passes() -> None:
    body = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(20))
    source = f"def pick(x):\n{body}    return 0\n"
    assert too_complex(source) == ["pick (line 1): D (21)"]
    assert too_complex(source.replace("    if x == 19:\n        return 19\n", "")) == []
    method = "class Chooser:\n" + textwrap.indent(source, "    ")
    assert too_complex(method) == ["Chooser (line 1): D (22)", "Chooser.pick (line 2): D (21)"]


ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"


def test_the_architecture_page_names_every_module_of_every_stage() -> None:
    """docs/ARCHITECTURE.md is the map: a module it does not name is a room nobody drew."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    unnamed = [path.relative_to(PACKAGE).as_posix() for path in MODULES
               if path.parent != PACKAGE and path.name != "__init__.py"
               and f"`{path.relative_to(PACKAGE).as_posix()}`" not in text]
    assert not unnamed, f"docs/ARCHITECTURE.md does not name: {', '.join(unnamed)}"


def test_the_architecture_page_draws_the_layers_of_the_import_contract() -> None:
    """The layers table of docs/ARCHITECTURE.md, top first, is the import-linter contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [contract["layers"] for contract in config["tool"]["importlinter"]["contracts"]
                 if contract["type"] == "layers"]
    table = ARCHITECTURE.read_text(encoding="utf-8").split("| layer (top first) |")[1]
    drawn = [name.strip("`/") for row in table.split("\n\n")[0].splitlines()[2:]
             for name in row.split("|")[1].split(",")]
    assert [f"translate.{name.strip().strip('`/')}" for name in drawn] == layers
