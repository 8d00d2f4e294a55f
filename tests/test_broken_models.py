"""A package that CTranslate2 loads but cannot translate with is refused, reported or skipped.

The packages are real CTranslate2 models built by ``tests/build_broken_models.py`` (one thing
broken each: ``num_heads`` 0, weights of the wrong width, a short vocabulary...). Before these
checks, ``models install`` accepted most of them and died with SIGFPE (exit 136) on
``num_heads`` 0, ``models doctor`` died the same way, and ``run`` gave a traceback or wrote
empty drafts. Now the model's files are checked first (``translate.models.check``) and the
package is tried in a child process (``translate.models.probe``): ``install`` refuses it and leaves
the store as it was, ``doctor`` says BROKEN, a run reports that pair and translates the others.
Every command runs in a subprocess (a SIGFPE would take pytest down) with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from build_broken_models import BREAKAGES, build_package
from conftest import EPOCH, FIXTURE_MODELS, SEED, unzip_packages

from translate.errors import ModelError
from translate.models.check import check_model
from translate.models.packages import read_package

TIMEOUT = 120
#: What the one line of each breakage says (after the package's path), from the check or the
#: trial translation.
REASONS = {
    "no-heads": "model.bin: decoder/num_heads is 0 (a model needs at least one attention head)",
    "narrow-projection": "model.bin: decoder/projection/weight is 512x72, expected 512x64 (the "
                         "model's width is 64)",
    "narrow-embeddings": "model.bin: encoder/embeddings_0/weight is 512x32, expected 512x64 "
                         "(the model's width is 64)",
    "wide-feed-forward": "model.bin: encoder/layer_0/ffn/linear_0/weight is 4x68, expected 4x64 "
                         "(the model's width is 64)",
    "short-vocabulary": "model.bin: decoder/embeddings/weight has 512 rows but the target "
                        "vocabulary has 502 tokens",
    "no-end-token": "config.json: eos_token '</end>' is not in the target vocabulary "
                    "shared_vocabulary.json",
    "short-positions": "CTranslate2 cannot translate with this package (No position encodings "
                       "are defined for positions >= 4, but got position ",
    "no-heads-v3": "CTranslate2 crashed (SIGFPE) loading the model or translating with it",
    "few-positions": "CTranslate2 cannot translate with this package (No position encodings "
                     "are defined for positions >= 24, but got position ",
}
#: Those a trial translation of one short sentence sees (few-positions translates it).
REFUSED = [breakage for breakage in BREAKAGES if breakage != "few-positions"]


@pytest.fixture(scope="session")
def broken_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every broken package, built once: breakage → its .argosmodel."""
    folder = tmp_path_factory.mktemp("broken-packages")
    return {breakage: build_package(breakage, folder) for breakage in BREAKAGES}


def translate(cwd: Path, store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``translate ARGS`` in ``cwd`` with the package store ``store``, in a subprocess."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(store), "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "translate", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)


def store_with(tmp_path: Path, broken: Path) -> Path:
    """A store with the en→az, en→he and en→hy fixture packages and ``broken`` (en→ru),
    unzipped as they are (as packages copied in by hand, never installed)."""
    store = tmp_path / "store"
    for archive in [*sorted(FIXTURE_MODELS.glob("translate-en_*.argosmodel")), broken]:
        if archive.name != "translate-en_ru.argosmodel":
            with zipfile.ZipFile(archive) as handle:
                handle.extractall(store)
    return store


@pytest.mark.parametrize("breakage", REFUSED)
def test_install_refuses_a_package_that_cannot_translate(
    tmp_path: Path, broken_packages: dict[str, Path], breakage: str
) -> None:
    store = tmp_path / "store"
    result = translate(tmp_path, store, "models", "install", str(broken_packages[breakage]))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {broken_packages[breakage]}: ")
    assert REASONS[breakage] in lines[0], lines[0]
    assert not store.exists()  # the store is left as it was: not even created


@pytest.mark.parametrize("breakage", ["no-heads", "short-positions", "no-heads-v3"])
def test_doctor_reports_a_package_that_cannot_translate_as_broken(
    tmp_path: Path, broken_packages: dict[str, Path], breakage: str
) -> None:
    store = store_with(tmp_path, broken_packages[breakage])
    result = translate(tmp_path, store, "models", "doctor", "--lang", "ru,az")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # the copy package of en→az loads and is tried; it gives the sentence back in English
    assert "en→ru: BROKEN" in result.stdout and "en→az: DOES NOT TRANSLATE" in result.stdout
    assert "→ 'The minister arrived in Moskva on Tuesday.' (" in result.stdout
    problem = next(line for line in result.stdout.splitlines() if "problem:" in line)
    assert REASONS[breakage] in problem
    assert ("0 of 2 language pairs ready (1 installed package does not translate)."
            in result.stdout)


@pytest.mark.parametrize("breakage", ["no-heads", "narrow-projection", "short-positions",
                                      "no-heads-v3", "few-positions"])
def test_a_run_reports_the_pair_that_cannot_translate_and_translates_the_others(
    tmp_path: Path, broken_packages: dict[str, Path], breakage: str
) -> None:
    store = store_with(tmp_path, broken_packages[breakage])
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    result = translate(project, store, "run", "--lang", "ru,az,he", "--quiet")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
              if REASONS[breakage] in line]
    assert len(errors) == 1, result.stdout + result.stderr
    assert "translate-en_ru-" in errors[0]  # names the package
    for lang in ("az", "he"):
        assert f"{lang}: 16 by MT" in result.stdout
        assert (project / f"locales/{lang}/LC_MESSAGES/{SEED.stem}.po").is_file()
    assert "ru: 0 by MT" in result.stdout
    if breakage == "few-positions":  # tried and loaded: it failed on a long sentence
        assert "16 left untranslated: the en→ru package failed" in result.stdout


def test_a_run_tries_a_package_again_only_when_its_files_change(
    tmp_path: Path, broken_packages: dict[str, Path]
) -> None:
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    article = project / "seeds" / SEED.name
    article.write_bytes(SEED.read_bytes())

    def run(store: Path, note: str) -> subprocess.CompletedProcess[str]:
        article.write_text(SEED.read_text(encoding="utf-8") + f"\n{note}\n", encoding="utf-8")
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(store), "SOURCE_DATE_EPOCH": EPOCH,
               "XDG_CACHE_HOME": str(cache)}
        return subprocess.run([sys.executable, "-m", "translate", "run", "--lang", "ru,az",
                               "--quiet"], cwd=project, env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)

    def remembered() -> dict[str, str]:
        data = json.loads((cache / "translate-news/tried-packages.json").read_text("utf-8"))
        return data["packages"]

    first = unzip_packages(FIXTURE_MODELS, tmp_path / "first")
    assert run(first, "One.").returncode == 0
    assert sorted(remembered().values()) == ["translate-en_az-1_0"] * 2 + [
        "translate-en_ru-1_0"] * 2  # each by its files on disk and by their bytes
    copy = unzip_packages(FIXTURE_MODELS, tmp_path / "copy")  # the same bytes elsewhere
    assert run(copy, "Two.").returncode == 0
    keys = remembered()
    assert sum(key.startswith("sha256:") for key in keys) == 2  # the copies: not tried again
    assert sum(key.startswith("stat:") for key in keys) == 4
    with zipfile.ZipFile(broken_packages["no-heads-v3"]) as archive:  # one file changes
        model = archive.read("translate-en_ru-no-heads-v3-1_0/model/model.bin")
    (copy / "translate-en_ru-1_0/model/model.bin").write_bytes(model)
    result = run(copy, "Three.")
    assert result.returncode == 1  # tried again: its trial crashed, the run went on
    assert REASONS["no-heads-v3"] in result.stdout, result.stdout
    assert "az: 1 by MT" in result.stdout


@pytest.mark.parametrize("model", sorted(FIXTURE_MODELS.glob("**/*.argosmodel")),
                         ids=lambda path: path.stem)
def test_the_check_accepts_every_working_fixture_package(tmp_path: Path, model: Path) -> None:
    store = tmp_path / "store"
    unzip_packages(model.parent, store)
    for folder in store.iterdir():
        check_model(read_package(folder).model_dir)


def test_the_check_names_the_file_of_a_model_cut_short(tmp_path: Path) -> None:
    store = unzip_packages(FIXTURE_MODELS, tmp_path / "store")
    model = store / "translate-en_ru-1_0/model/model.bin"
    with open(model, "r+b") as handle:
        handle.truncate(model.stat().st_size // 2)
    with pytest.raises(ModelError, match=r"model\.bin: damaged or cut short \(.* goes past the "
                                         "end of the file\\)"):
        check_model(model.parent)
