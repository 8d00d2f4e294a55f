"""The public API (``translate/__init__.py``, README "Python API"): the README's example runs
and prints what the README says, every name resolves, and the CLI uses nothing else."""

from __future__ import annotations

import ast
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
    assert done.stdout.strip() == "['translate']"


def test_the_cli_calls_only_the_public_api() -> None:
    tree = ast.parse((ROOT / "translate" / "cli.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("translate")
    }
    assert imported <= {"translate", "translate.errors"}
    used = {
        node.attr for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        and node.value.id == "translate"
    }
    assert used and used <= set(translate.__all__)
