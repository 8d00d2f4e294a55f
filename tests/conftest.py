"""Shared test fixtures: the four tiny Argos packages and an isolated Argos environment.

Importing ``argostranslate`` creates folders under ``$XDG_DATA_HOME``, ``$XDG_CONFIG_HOME`` and
``$XDG_CACHE_HOME`` and reads ``ARGOS_PACKAGES_DIR``. So that no test reads or writes the
developer's real Argos store, ``pytest_configure`` points all of them at an empty temporary
folder for the whole session (tests that need other values use ``monkeypatch.setenv``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test asserts timings (speed is measured by benchmarks/): Hypothesis' per-example deadline
# and its too-slow health check would only make results depend on how busy the machine is.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

TESTS = Path(__file__).resolve().parent
FIXTURE_MODELS = TESTS / "fixtures" / "models"
FIXTURE_LANGUAGES = ("hy", "az", "he", "ru")


def pytest_configure(config: pytest.Config) -> None:
    home = Path(tempfile.mkdtemp(prefix="translate-tests-argos-"))
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("ARGOS_PACKAGES_DIR", "data/argos-translate/packages"),
    ):
        os.environ[variable] = str(home / sub)
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


def unzip_packages(models: Path, store: Path) -> Path:
    """Unzip every ``*.argosmodel`` of ``models`` into ``store`` (Argos store layout)."""
    store.mkdir(parents=True, exist_ok=True)
    for model in sorted(models.glob("*.argosmodel")):
        with zipfile.ZipFile(model) as archive:
            archive.extractall(store)
    return store


@pytest.fixture
def fixture_models_dir() -> Path:
    """The folder of the four committed fixture packages (``translate-en_<xx>.argosmodel``)."""
    return FIXTURE_MODELS


@pytest.fixture
def installed_packages(tmp_path: Path) -> Path:
    """A package store (``tmp_path/packages``) with the four fixture packages unzipped."""
    return unzip_packages(FIXTURE_MODELS, tmp_path / "packages")
