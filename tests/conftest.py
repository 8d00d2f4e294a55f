"""Shared test helpers: the CLI in process, a project folder, the six tiny Argos packages,
an isolated Argos environment, the glossaries and golden files.

Importing ``argostranslate`` creates folders under ``$XDG_DATA_HOME``, ``$XDG_CONFIG_HOME`` and
``$XDG_CACHE_HOME`` and reads ``ARGOS_PACKAGES_DIR``. So that no test reads or writes the
developer's real Argos store, ``pytest_configure`` points all of them at an empty temporary
folder for the whole session (tests that need other values use ``monkeypatch.setenv``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from translate.cli import cli
from translate.glossary.file import read_glossary
from translate.glossary.model import Glossary
from translate.po import pofile

# No test asserts timings (speed is measured by benchmarks/): Hypothesis' per-example deadline
# and its too-slow health check would only make results depend on how busy the machine is.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Under CI the examples are derived from each test's name, not drawn at random: the same
# commit gives the same examples on every run (and a failure found locally is kept in
# .hypothesis/ for the developer, which CI never has).
settings.register_profile(
    "ci", parent=settings.get_profile("project"), derandomize=True, database=None,
    print_blob=True,
)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "project")

#: Set UPDATE_GOLDEN=1 to rewrite golden files from what the code writes now (then read the
#: diff: a golden changes only in a commit that says why).
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

#: External programs some tests run, by marker: what must be on the machine, how to get it.
#: Locally a missing one skips its tests with the install command in the reason; under
#: ``CI=true`` (``.ci/run`` installs both) it fails them: a silent skip would hide a broken
#: install.
REQUIRED_TOOLS = {
    "gettext": (("msgfmt", "msgcat", "msgattrib", "msgmerge"), "apt-get install gettext"),
    "browser": (("/usr/bin/chromium",), "apt-get install chromium"),
}
IN_CI = os.environ.get("CI") == "true"


def missing_tools(marker: str) -> list[str]:
    """The programs of ``marker`` (a key of REQUIRED_TOOLS) that this machine lacks."""
    programs, _install = REQUIRED_TOOLS[marker]
    return [p for p in programs if not (Path(p).is_file() if "/" in p else shutil.which(p))]


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker, (_programs, install) in REQUIRED_TOOLS.items():
        if item.get_closest_marker(marker) is None:
            continue
        missing = missing_tools(marker)
        if not missing:
            continue
        message = f"needs {', '.join(missing)} ({install})"
        if IN_CI:
            pytest.fail(f"{message}: CI=true, so a missing tool is a failure, not a skip")
        pytest.skip(message)


@pytest.fixture(autouse=True)
def every_po_file_passes_msgfmt_check(request: pytest.FixtureRequest, tmp_path: Path):
    """After each test, ``msgfmt --check`` on every PO file it left under its tmp_path: a
    file the tool writes (or leaves as a translator saved it) must always be one gettext
    accepts. A test that writes broken PO files on purpose is marked ``broken_po``."""
    yield
    if request.node.get_closest_marker("broken_po") or not shutil.which("msgfmt"):
        return
    files = sorted(p for p in tmp_path.rglob("*.po") if p.is_file())
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        checks = list(pool.map(
            lambda path: subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                                        capture_output=True, text=True),
            files,
        ))
    refused = [f"{path}: {check.stderr.strip()}"
               for path, check in zip(files, checks, strict=True) if check.returncode]
    if refused:
        pytest.fail("msgfmt --check refuses PO files left by this test (mark it broken_po if "
                    "that is its point):\n" + "\n".join(refused), pytrace=False)


TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE_MODELS = TESTS / "fixtures" / "models"
FIXTURE_LANGUAGES = ("hy", "az", "he", "ru", "fa", "tr")
SEED = ROOT / "seeds" / "armenia-recalls-ambassador.txt"
@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """PO header dates fixed at 2020-09-13 (SOURCE_DATE_EPOCH), for tests that compare files
    written at different moments."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")


#: SOURCE_DATE_EPOCH of every project: 2020-10-01, the seed article's date (reproducible dates).
EPOCH = "1601510400"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "broken_po: leaves PO files that msgfmt --check refuses, on purpose (they are then "
        "not checked after the test)",
    )
    home = Path(tempfile.mkdtemp(prefix="translate-tests-argos-"))
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("ARGOS_PACKAGES_DIR", "data/argos-translate/packages"),
    ):
        os.environ[variable] = str(home / sub)
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The project's glossary.yaml, read once (a Glossary is never changed by its users)."""
    return read_glossary(ROOT / "glossary.yaml")


@pytest.fixture(scope="session")
def qa_glossary() -> Glossary:
    """tests/data/qa/glossary.yaml: the project glossary's Nagorno-Karabakh term alone, so
    that a QA test's findings come from the check under test and that one term."""
    return read_glossary(TESTS / "data" / "qa" / "glossary.yaml")


def unzip_packages(models: Path, store: Path) -> Path:
    """Unzip every ``*.argosmodel`` of ``models`` into ``store`` (Argos store layout)."""
    store.mkdir(parents=True, exist_ok=True)
    for model in sorted(models.glob("*.argosmodel")):
        with zipfile.ZipFile(model) as archive:
            archive.extractall(store)
    return store


def invoke(*args: str, code: int | None = 0) -> Result:
    """Run the ``translate`` CLI in process and assert its exit code (unless ``code`` is None).

    The result has ``exit_code``, ``output`` (stdout and stderr), ``stdout`` and ``stderr``.
    """
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if code is not None:
        assert result.exit_code == code, result.output
    return result


def make_project(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, seed: bool = True, store: Path | None = None
) -> Path:
    """Make ``root`` a project folder and the working directory, with reproducible dates.

    With ``seed``, ``seeds/`` holds the seed article, next to the project's glossary.yaml;
    ``store`` is the Argos package store (default: ``root/packages``, empty).
    """
    root.mkdir(parents=True, exist_ok=True)
    if seed:
        (root / "seeds").mkdir()
        shutil.copy(SEED, root / "seeds" / SEED.name)
        shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    monkeypatch.chdir(root)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(store or root / "packages"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project (make_project): the seed article, the glossary, no packages."""
    return make_project(tmp_path, monkeypatch)


@pytest.fixture
def ready_project(project: Path) -> Path:
    """``project``, ready to run: the six fixture packages installed by ``translate models
    install``."""
    models = sorted(map(str, FIXTURE_MODELS.glob("*.argosmodel")))
    assert invoke("models", "install", *models).output.count("installed en→") == 6
    return project


@pytest.fixture
def fixture_models_dir() -> Path:
    """The folder of the six committed fixture packages (``translate-en_<xx>.argosmodel``)."""
    return FIXTURE_MODELS


@pytest.fixture
def installed_packages(tmp_path: Path) -> Path:
    """A package store (``tmp_path/packages``) with the six fixture packages unzipped."""
    return unzip_packages(FIXTURE_MODELS, tmp_path / "packages")


def with_library_plural_forms(text: str, lang: str) -> str:
    """A PO text with the ``Plural-Forms`` header that Babel, as installed, gives ``lang``.

    The header follows library data (Babel's gettext plural table, which changed for
    Armenian in Babel 2.19), not our code: goldens compare with the value the code takes
    from the same source, so they pin our behaviour and not the day Babel was installed.
    """
    import polib

    from translate.lang.cldr import plural_forms

    po = polib.pofile(text, wrapwidth=pofile.PAGE_WIDTH)
    po.metadata["Plural-Forms"] = plural_forms(lang)
    return pofile.format_catalog(po)


def check_golden(path: Path, golden: Path, *, lang: str | None = None) -> None:
    """``path`` equals the golden file (its Plural-Forms from Babel when ``lang`` is given);
    UPDATE_GOLDEN=1 rewrites the golden instead."""
    written = path.read_text(encoding="utf-8")
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(path.read_bytes())
    expected = golden.read_text(encoding="utf-8")
    if lang is not None:
        expected = with_library_plural_forms(expected, lang)
    assert written == expected


# --------------------------------------------------------------------------------------------
# Adversarial packages (tests/build_adversarial_models.py): tiny models that misbehave as real
# NMT does (transliterate, mangle markers, pick forbidden names), beside the copying ones.
# --------------------------------------------------------------------------------------------

ADVERSARIAL_MODELS = FIXTURE_MODELS / "adversarial"


@pytest.fixture
def adversarial_packages(tmp_path: Path):  # -> Callable[[str], Path]
    """``adversarial_packages(behaviour="combined")``: a package store holding the six en→xx
    adversarial packages of ``behaviour`` ("transliterate", "markers", "names", "combined"),
    installed with the real install code (``translate.models.install.install_package``)."""
    from translate.models.install import install_package

    def install(behaviour: str = "combined") -> Path:
        store = tmp_path / f"adversarial-{behaviour}"
        if not store.is_dir():
            store.mkdir()
            for lang in FIXTURE_LANGUAGES:
                name = f"translate-en_{lang}-{behaviour}.argosmodel"
                install_package(ADVERSARIAL_MODELS / name, store)
        return store

    return install
