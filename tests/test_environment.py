"""What a fresh clone gets: the lock agrees with pyproject.toml and is what is installed; tests
that need GNU gettext or Chromium skip locally but fail under CI when the tool is missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "translate-news"


def read_toml(path: Path) -> dict:
    """A TOML file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def locked_packages() -> dict[str, list[dict]]:
    """uv.lock's packages by canonical name (a name may be locked twice, per Python version)."""
    packages: dict[str, list[dict]] = {}
    for package in read_toml(ROOT / "uv.lock")["package"]:
        packages.setdefault(canonicalize_name(package["name"]), []).append(package)
    return packages


def declared_requirements() -> set[tuple[str, str, str]]:
    """(name, specifier, extra) of every dependency pyproject.toml declares."""
    project = read_toml(ROOT / "pyproject.toml")["project"]
    found = {(Requirement(r), "") for r in project["dependencies"]}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        found |= {(Requirement(r), extra) for r in requirements}
    return {(canonicalize_name(r.name), str(r.specifier), extra) for r, extra in found}


def locked_requirements() -> set[tuple[str, str, str]]:
    """The same triples as uv.lock recorded them when it was resolved."""
    (package,) = locked_packages()[PROJECT]
    found = set()
    for item in package["metadata"]["requires-dist"]:
        extra = re.search(r"(?:^| and )extra == '([^']+)'$", item.get("marker", ""))
        found.add((canonicalize_name(item["name"]), item.get("specifier", ""),
                   extra.group(1) if extra else ""))
    return found


def test_lock_was_made_from_the_dependencies_pyproject_declares() -> None:
    # Fails when pyproject.toml changes without `make lock` (`uv sync --locked` refuses too).
    assert declared_requirements() == locked_requirements()


def test_every_locked_distribution_is_pinned_with_hashes() -> None:
    for name, versions in locked_packages().items():
        for package in versions:
            if package["source"].get("editable"):
                continue
            files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
            assert files, name
            assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", f["hash"]) for f in files), name


def test_installed_versions_are_exactly_the_locked_ones() -> None:
    # `make test` installed this environment with `uv sync --locked`: every distribution
    # present is the locked version, and nothing unlocked sneaked in.
    locked = {n: {p["version"] for p in packages} for n, packages in locked_packages().items()}
    installed = {canonicalize_name(d.metadata["Name"]): d.version
                 for d in metadata.distributions()}
    unlocked = sorted(set(installed) - set(locked) - {"pip", "setuptools", "wheel"})
    assert unlocked == []
    assert {n: v for n, v in installed.items() if n in locked and v not in locked[n]} == {}


def test_uv_itself_is_pinned_with_hashes() -> None:
    text = (ROOT / "uv-requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^uv==\d+\.\d+\.\d+ ", text, re.MULTILINE)
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 4  # one per platform wheel


def test_makefile_installs_from_the_lock_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    installs = re.findall(r"^\t.*\b(?:pip install|uv sync|uv pip install)\b.*$", makefile,
                          re.MULTILINE)
    assert installs, "the Makefile installs nothing?"
    for line in installs:
        assert "--require-hashes" in line or ("uv sync" in line and "--locked" in line), line


@pytest.mark.parametrize(("ci", "outcome"), [("true", "errors?"), ("", "skipped")])
def test_a_missing_tool_fails_under_ci_and_skips_with_the_install_command_locally(
    tmp_path: Path, ci: str, outcome: str
) -> None:
    # A PATH without GNU gettext: the gettext-marked tests of test_status.py.
    env = {**os.environ, "PATH": str(tmp_path), "CI": ci}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         str(ROOT / "tests" / "test_status.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert re.search(rf"\b\d+ {outcome}\b", done.stdout), done.stdout
    assert "needs msgfmt, msgcat, msgattrib, msgmerge (apt-get install gettext)" in done.stdout
    assert done.returncode == (1 if ci else 0), done.stdout
