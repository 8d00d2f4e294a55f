"""Every file the tool reads is refused at once when it is not a regular file.

A FIFO blocks ``open()`` until something writes to it, and a device such as ``/dev/zero``
never ends: read as an input, either hangs the command for ever. Each test puts a real FIFO
(``os.mkfifo``) where one input is expected and runs the real command in a subprocess bounded
by a timeout, so a regression fails (TimeoutExpired) rather than hangs: one line naming the
file, "not a regular file", no traceback, and the batch goes on where the file concerns one
article.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, FIXTURE_MODELS, ROOT, SEED, unzip_packages

#: No command here may take longer (the slowest, a run with the fixture packages, takes ~2 s).
TIMEOUT = 60
SECOND = "council-votes"
PO = f"locales/ru/LC_MESSAGES/{SEED.stem}.po"


def make_project(root: Path) -> Path:
    """A project: the seed article and a second one, the glossary, the four packages."""
    (root / "seeds").mkdir(parents=True)
    shutil.copy(SEED, root / "seeds")
    (root / "seeds" / f"{SECOND}.txt").write_text(
        "Council votes on the budget\n\nThe council approved the budget on Monday.\n",
        encoding="utf-8")
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    unzip_packages(FIXTURE_MODELS, root / "packages")
    return root


def translate(root: Path, *args: str, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    """``translate ARGS`` in ``root``, killed (and the test failed) after TIMEOUT seconds."""
    environment = {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "packages"),
                   "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "translate", *args], cwd=root,
                          env=environment, capture_output=True, text=True, timeout=TIMEOUT)


def mkfifo(path: Path) -> Path:
    """A FIFO at ``path`` (whatever was there removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        shutil.rmtree(path)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def refusal_lines(result: subprocess.CompletedProcess[str], fifo: str) -> list[str]:
    """The lines of the output that name ``fifo`` and say it is not a regular file."""
    return [line for line in (result.stdout + result.stderr).splitlines()
            if fifo in line and "not a regular file" in line]


RUN = ("run", "--engine", "pseudo", "--lang", "ru", "--quiet")

#: (what the FIFO stands for, its path in the project, the command, its exit code)
INPUTS = [
    ("the project glossary", "glossary.yaml", RUN, 1),
    ("a --glossary file", "terms.yaml", (*RUN, "--glossary", "terms.yaml"), 1),
    ("a --tm compendium", "tm.po", (*RUN, "--tm", "tm.po"), 1),
    ("an article given by name", "seeds/wire.txt", ("run", "seeds/wire.txt", *RUN[1:]), 1),
    ("a package archive to install", "new.argosmodel", ("models", "install", "new.argosmodel"),
     1),
    ("an article to segment", "wire.txt", ("segment", "wire.txt"), 1),
    ("the project lock file", "locales/.translate.lock", RUN, 1),
    ("a PO file given to check", "draft.po", ("check", "draft.po"), 1),
]


@pytest.mark.parametrize(("what", "fifo", "command", "code"), INPUTS, ids=[i[0] for i in INPUTS])
def test_a_fifo_as_an_input_file_is_one_line_naming_it(
    tmp_path: Path, what: str, fifo: str, command: tuple[str, ...], code: int
) -> None:
    root = make_project(tmp_path)
    mkfifo(root / fifo)
    result = translate(root, *command)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(refusal_lines(result, fifo)) == 1, result.stdout + result.stderr


def test_a_fifo_as_a_po_file_is_an_error_of_that_article_and_the_others_go_on(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path)
    mkfifo(root / PO)
    result = translate(root, *RUN)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(refusal_lines(result, PO)) == 1, result.stdout + result.stderr
    assert (root / f"locales/ru/LC_MESSAGES/{SECOND}.po").is_file()
    assert (root / f"build/ru/{SECOND}.txt").is_file()
    assert (root / PO).is_fifo()  # left as it is


@pytest.mark.parametrize("command", [("status",), ("check", "--lang", "ru")])
def test_a_fifo_as_a_po_file_is_reported_by_status_and_check(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    root = make_project(tmp_path)
    assert translate(root, *RUN).returncode == 0
    mkfifo(root / PO)
    result = translate(root, *command)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(refusal_lines(result, PO)) == 1, result.stdout + result.stderr


def test_a_fifo_as_the_run_state_is_ignored_with_a_line_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path)
    state = mkfifo(root / "locales/.translate-state/all.json")
    result = translate(root, *RUN)
    assert result.returncode == 0, result.stderr
    assert len(refusal_lines(result, "all.json")) == 1, result.stdout + result.stderr
    assert json.loads(state.read_text(encoding="utf-8"))  # the run wrote its state in its place


#: Files the tool writes (and reads first, to leave an unchanged file alone): a FIFO there is
#: replaced by the file, never read.
OUTPUTS = [
    f"locales/{SEED.stem}.pot",
    f"build/ru/{SEED.stem}.txt",
    "build/ru.zip",
    "build/review/index.html",
]


@pytest.mark.parametrize("fifo", OUTPUTS)
def test_a_fifo_where_a_run_writes_a_file_is_replaced_not_read(tmp_path: Path,
                                                               fifo: str) -> None:
    root = make_project(tmp_path)
    mkfifo(root / fifo)
    result = translate(root, *RUN, "--min-translated", "0")
    assert result.returncode == 0, result.stderr
    assert (root / fifo).is_file() and not (root / fifo).is_fifo()


def test_a_fifo_as_a_package_metadata_file_makes_that_package_unusable(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    fifo = mkfifo(root / "packages/translate-en_ru-1_0/metadata.json")
    result = translate(root, "models", "list")
    assert result.returncode == 0, result.stderr
    assert len(refusal_lines(result, str(fifo))) == 1, result.stdout
    assert "translate-en_he-1_0" in result.stdout


#: (a file of the en→ru package, whether the package is still found: its model.bin and its
#: SentencePiece model are looked for when packages are listed, the others when it loads)
PACKAGE_FILES = [("model/model.bin", False), ("sentencepiece.model", False),
                 ("model/config.json", True), ("model/shared_vocabulary.json", True)]


@pytest.mark.parametrize(("fifo", "found"), PACKAGE_FILES)
def test_a_fifo_among_the_files_of_a_package_is_an_error_of_its_language(
    tmp_path: Path, fifo: str, found: bool
) -> None:
    root = make_project(tmp_path)
    path = mkfifo(root / "packages/translate-en_ru-1_0" / fifo)
    result = translate(root, "run", "--lang", "ru,he", "--quiet",
                       env={"XDG_CACHE_HOME": str(root / "cache")})
    assert "Traceback" not in result.stderr
    assert "he: 18 by MT" in result.stdout
    assert "ru: 0 by MT" in result.stdout
    listed = translate(root, "models", "list")
    if found:  # an error of the run, for that language
        assert result.returncode == 1, result.stderr
        assert len(refusal_lines(result, str(path))) == 1, result.stdout
        assert not refusal_lines(listed, path.name)
    else:  # not a usable package: the pair is missing, models list says why
        assert result.returncode == 0, result.stderr
        assert "missing en→ru" in result.stdout
        assert len(refusal_lines(listed, path.name)) == 1, listed.stdout


def test_a_fifo_in_a_model_folder_to_convert_is_one_line_naming_it(tmp_path: Path) -> None:
    from build_tiny_marian import build_tiny_marian

    root = make_project(tmp_path)
    marian = build_tiny_marian(root / "opus-mt")
    npz = next(marian.glob("*.npz"))
    mkfifo(npz)
    result = translate(root, "models", "convert", "--from", "en", "--to", "hy", str(marian),
                       "-o", "en_hy.argosmodel")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(refusal_lines(result, npz.name)) == 1, result.stderr
    assert not (root / "en_hy.argosmodel").exists()


def test_a_fifo_as_argos_settings_is_ignored(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    mkfifo(root / "config/argos-translate/settings.json")
    environment = {"XDG_CONFIG_HOME": str(root / "config"), "XDG_DATA_HOME": str(root / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "translate", "models", "list"], cwd=root, capture_output=True,
        text=True, timeout=TIMEOUT,
        env={**{k: v for k, v in os.environ.items() if k != "ARGOS_PACKAGES_DIR"},
             **environment})
    assert result.returncode == 0, result.stderr
    assert "No Argos packages installed." in result.stdout


@pytest.mark.parametrize("fifo", ["index.json", "translate-en_ru.argosmodel"])
def test_a_fifo_in_a_file_url_mirror_is_one_line_naming_it(tmp_path: Path, fifo: str) -> None:
    root = make_project(tmp_path)
    mirror = root / "usb"
    mirror.mkdir()
    (mirror / "index.json").write_text(json.dumps([{
        "from_code": "en", "to_code": "ru", "package_version": "1.0", "argos_version": "1.0",
        "type": "translate", "links": ["translate-en_ru.argosmodel"]}]))
    mkfifo(mirror / fifo)
    store = root / "store"
    result = translate(root, "models", "fetch", "--lang", "ru",
                       "--index", (mirror / "index.json").as_uri(),
                       env={"ARGOS_PACKAGES_DIR": str(store)})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(refusal_lines(result, fifo)) == 1, result.stdout + result.stderr
    assert not store.exists()
