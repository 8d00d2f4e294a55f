"""The public API (``translate/__init__.py``, README "Python API"): the README's example runs
and prints what the README says, every name resolves, and the CLI uses nothing else."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT, make_project

import translate

README = ROOT / "README.md"


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_example_prints_what_the_readme_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, printed = re.findall(r"```(?:python)?\n(.*?)```", readme_section("Python API"), re.S)[:2]
    root = make_project(tmp_path, monkeypatch)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == printed
    assert (root / "build" / "ru.zip").is_file()


def test_every_name_of_the_api_resolves_and_is_documented() -> None:
    section = readme_section("Python API")
    for name in translate.__all__:
        assert getattr(translate, name) is not None
        assert f"`{name}" in section, f"{name} is not in the README's Python API section"
    assert set(dir(translate)) >= set(translate.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'run_locked'"):
        translate.run_locked  # noqa: B018


def test_importing_the_package_loads_none_of_the_api() -> None:
    probe = "import sys, translate; print(sorted(m for m in sys.modules if m.startswith(('translate', 'polib', 'click', 'yaml'))))"  # noqa: E501
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['translate', 'translate.core', 'translate.core.version']"


def test_the_cli_calls_only_the_public_api() -> None:
    modules = sorted((ROOT / "translate" / "cli").glob("*.py"))
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in modules]
    imported = {
        node.module for tree in trees for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("translate")
    }
    assert imported <= {"translate", "translate.errors"} | {
        f"translate.cli.{path.stem}" for path in modules}
    used = {
        node.attr for tree in trees for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        and node.value.id == "translate"
    }
    assert used and used <= set(translate.__all__)


def test_type_checkers_see_every_name_of_the_api_from_its_module() -> None:
    """``translate/__init__.py`` imports each API name under TYPE_CHECKING from the module
    ``translate.API`` names, so mypy and editors see its real type, not ``object``."""
    tree = ast.parse((ROOT / "translate" / "__init__.py").read_text(encoding="utf-8"))
    (block,) = [node for node in tree.body if isinstance(node, ast.If)
                and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    seen = {alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom)
            for alias in node.names if alias.asname == alias.name}
    assert seen == translate.API
    assert (ROOT / "translate" / "py.typed").is_file()


def test_mypy_sees_the_types_of_the_api_as_a_user_of_the_package_does(tmp_path: Path) -> None:
    """A user's script type-checked against the package: the API names have their own types
    (a wrong call is an error), not the ``object`` a module ``__getattr__`` would give."""
    script = tmp_path / "use_api.py"
    script.write_text(
        "import translate\n"
        "reveal_type(translate.run)\n"
        "reveal_type(translate.RunOptions)\n"
        "translate.validate_langs(42)\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         str(script)], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)})
    revealed = re.findall(r'use_api\.py:\d: note: Revealed type is "(.*)"', done.stdout)
    assert revealed[0] == ("def (options: translate.options.RunOptions, progress: "
                           "translate.core.progress.Progress | None =) -> "
                           "translate.jobs.summary.RunSummary")
    assert revealed[1].startswith("def (paths: tuple[pathlib.Path, ...] =")
    assert revealed[1].endswith("-> translate.options.RunOptions")
    assert 'use_api.py:4: error: Argument 1 to "validate_langs" has incompatible type "int"' in (
        done.stdout)


@pytest.mark.parametrize("make", [
    lambda: translate.RunSummary(articles=["a"], errors=["a.txt:1: not UTF-8"]),
    lambda: translate.check([]),
    lambda: translate.doctor([], []),
    lambda: translate.InitReport(Path("news"), created=["glossary.yaml"]),
])
def test_every_result_has_one_shape_ok_render_and_json_text(make) -> None:
    from translate.core.report import Report

    result = make()
    assert isinstance(result, Report)
    assert isinstance(result.ok, bool) and isinstance(result.render(), str)
    assert isinstance(json.loads(result.to_json()), (dict, list))


def test_the_status_and_fetch_reports_have_the_same_shape(tmp_path: Path) -> None:
    from translate.core.report import Report
    from translate.models.index import FetchReport, FetchResult

    (tmp_path / "locales").mkdir()
    status = translate.collect_status(tmp_path / "locales", ["ru"])
    fetched = FetchReport("file:///index.json", [FetchResult("en", "hy", "not in index", "")])
    for result in (status, fetched):
        assert isinstance(result, Report) and result.ok
        assert json.loads(result.to_json())


def test_every_exception_of_the_library_is_exported_from_the_package() -> None:
    import translate.errors

    classes = {name for name, value in vars(translate.errors).items()
               if isinstance(value, type) and issubclass(value, Exception)
               and value.__module__ == "translate.errors"}
    assert classes and classes <= set(translate.__all__)
    assert translate.LockError is translate.errors.LockError
    assert issubclass(translate.MissingModelError, translate.TranslateError)
