"""Tests of translate.models.packages: where packages live, reading them, choosing one, the
table."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_MODELS, invoke
from package_archives import RU_TOP

from translate.models.install import install_package
from translate.models.packages import (
    default_package_dirs,
    find_package,
    find_packages,
    find_unusable_packages,
    license_from_readme,
    render_packages,
    version_key,
)


def set_version(package_dir, version):
    meta = json.loads((package_dir / "metadata.json").read_text())
    meta["package_version"] = version
    (package_dir / "metadata.json").write_text(json.dumps(meta))


# --- discovery --------------------------------------------------------------------------------


def test_default_package_dirs_honours_argos_packages_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "store"))
    assert default_package_dirs() == [tmp_path / "store"]


def test_default_package_dirs_falls_back_to_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.delenv("SNAP", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_package_dirs() == [tmp_path / "data/argos-translate/packages"]
    assert not (tmp_path / "data").exists()  # computing the path creates nothing
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_package_dirs() == [tmp_path / "home/.local/share/argos-translate/packages"]


def test_default_package_dirs_reads_argos_settings_json(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "argos-translate").mkdir()
    (tmp_path / "argos-translate/settings.json").write_text(
        json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "custom")})
    )
    assert default_package_dirs() == [tmp_path / "custom"]


def test_find_packages_reads_the_six_fixture_packages(installed_packages):
    packages = find_packages([installed_packages])
    assert [(p.from_code, p.to_code, p.name, p.version) for p in packages] == [
        ("en", "az", "translate-en_az-1_0", "1.0"),
        ("en", "fa", "translate-en_fa-1_0", "1.0"),
        ("en", "he", "translate-en_he-1_0", "1.0"),
        ("en", "hy", "translate-en_hy-1_0", "1.0"),
        ("en", "ru", "translate-en_ru-1_0", "1.0"),
        ("en", "tr", "translate-en_tr-1_0", "1.0"),
    ]
    ru = packages[-2]
    assert ru.path == installed_packages / "translate-en_ru-1_0"
    assert ru.model_dir == ru.path / "model"
    assert ru.source_spm == ru.target_spm == ru.path / "sentencepiece.model"
    assert ru.license == "MIT" and ru.target_prefix == ""
    assert 500_000 < ru.size_bytes < 2_000_000
    assert ru.provenance == "argos translate-en_ru-1_0 1.0"


def test_find_packages_skips_what_is_not_a_usable_package(installed_packages):
    (installed_packages / "no-metadata").mkdir()
    (installed_packages / "stray-file.txt").write_text("x")
    broken = installed_packages / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text("{not json")
    no_model = installed_packages / "translate-en_fr-1_0"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", no_model)
    shutil.rmtree(no_model / "model")
    assert len(find_packages([installed_packages, installed_packages / "absent"])) == 6
    assert find_package([installed_packages], "en", "fr") is None


def test_first_dir_wins_and_highest_version_within_a_dir(installed_packages, tmp_path):
    newer = installed_packages / "translate-en_ru-1_10"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", newer)
    set_version(newer, "1.10")
    assert find_package([installed_packages], "en", "ru").path == newer
    extra = tmp_path / "extra"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", extra / "mine")
    set_version(extra / "mine", "0.5")
    assert find_package([extra, installed_packages], "en", "ru").path == extra / "mine"
    assert find_package([installed_packages, extra], "en", "ru").path == newer


def test_license_is_read_from_the_readme_when_metadata_has_none(installed_packages):
    package_dir = installed_packages / "translate-en_he-1_0"
    meta = json.loads((package_dir / "metadata.json").read_text())
    del meta["license"]
    (package_dir / "metadata.json").write_text(json.dumps(meta))
    (package_dir / "README.md").write_text("# Model\n\n## License\n\nCC-BY 4.0\n")
    assert find_package([installed_packages], "en", "he").license == "CC-BY 4.0"


def test_render_packages_lists_pair_name_version_and_path(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert render_packages(find_packages([store])) == "No Argos packages installed."
    for lang in ("ru", "hy"):
        install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    lines = render_packages(find_packages([store])).splitlines()
    assert lines[0].split() == ["pair", "package", "version", "size", "licence", "path"]
    assert lines[1].split() == ["en→hy", "translate-en_hy-1_0", "1.0", "805.7", "KB", "MIT",
                                str(store / "translate-en_hy-1_0")]
    assert lines[2].split()[:3] == ["en→ru", RU_TOP, "1.0"] and len(lines) == 3



def test_a_readme_that_is_not_utf8_gives_no_licence(installed_packages: Path) -> None:
    package_dir = installed_packages / "translate-en_he-1_0"
    meta = json.loads((package_dir / "metadata.json").read_text())
    del meta["license"]
    (package_dir / "metadata.json").write_text(json.dumps(meta))
    (package_dir / "README.md").write_bytes(b"# Model\n\nLicense: \xff\xfe\n")
    assert find_package([installed_packages], "en", "he").license is None


# --- side effects ------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "shown", "code"), [
    (["models", "list"], "translate-en_ru-1_0", 0),
    (["models", "doctor", "--lang", "ru"],  # the copy package: exit 1
     "0 of 1 language pairs ready (1 installed package does not translate).", 1),
])
def test_reading_packages_creates_nothing_in_home(tmp_path: Path, installed_packages: Path,
                                                  args: list[str], shown: str,
                                                  code: int) -> None:
    """Importing argostranslate.package would create ~/.config/argos-translate, ~/.local/...:
    with HOME and XDG_* pointing into an empty folder, the commands must leave it empty.
    A fresh interpreter runs them, so no earlier test's imports hide the side effect."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "ARGOS_"))}
    env["HOME"] = str(home)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    done = subprocess.run(
        [sys.executable, "-m", "translate", *args, "--models", str(installed_packages)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert done.returncode == code, done.stderr
    assert shown in done.stdout
    assert sorted(home.rglob("*")) == []


# --- hostile packages in the store: reported, skipped, never a traceback --------------------------


def copy_ru(store: Path, name: str = "hostile") -> Path:
    folder = store / name
    shutil.copytree(store / RU_TOP, folder)
    return folder


def write_metadata(folder: Path, data: bytes | None = None, **changes: object) -> None:
    if data is None:
        meta = json.loads((folder / "metadata.json").read_text())
        meta.update(changes)
        data = json.dumps(meta).encode()
    (folder / "metadata.json").write_bytes(data)


DEEP = b"[" * 100_000 + b"]" * 100_000
HOSTILE_PACKAGES = {
    "metadata nested 100,000 deep": (
        "hostile", lambda folder: write_metadata(folder, DEEP),
        "{folder}/metadata.json: not JSON (nested too deeply)"),
    "a field nested 100,000 deep": (
        "hostile", lambda folder: write_metadata(folder, b'{"from_code": "en", "to_code": "ru", '
                                                 b'"x": ' + DEEP + b"}"),
        "{folder}/metadata.json: not JSON (nested too deeply)"),
    "a 5,000-digit version": (
        "hostile", lambda folder: write_metadata(folder, package_version="1" * 5000),
        "{folder}/metadata.json: package_version '" + "1" * 39 + "... (5000 characters) is "
        "not a version (a version is up to 32 characters: digits, letters, '.', '_', '-')"),
    "a 5,000-digit number": (
        "hostile", lambda folder: write_metadata(folder, b'{"n": ' + b"7" * 5000 + b"}"),
        "{folder}/metadata.json: not JSON (Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 di...)"),
    "a code with a final newline": (
        "hostile", lambda folder: write_metadata(folder, to_code="ru\n"),
        "{folder}/metadata.json: to_code 'ru\\n' is not a language code"),
    "a folder name with a newline": (
        "translate-en_ru\n-9_9", lambda folder: write_metadata(folder, package_version="9.9"),
        "{store}/translate-en_ru\\n-9_9: the folder name holds a control or invisible character"),
    "a folder name with a bidi override": (
        "translate-\u202eur_ne", lambda folder: None,
        "{store}/translate-\\u202eur_ne: the folder name holds a control or invisible "
        "character"),
    "metadata not UTF-8": (
        "hostile", lambda folder: write_metadata(folder, b'{"from_code": "\xff"}'),
        "{folder}/metadata.json: not JSON (not UTF-8 (byte 0xff at offset 15))"),
}


@pytest.mark.parametrize("case", HOSTILE_PACKAGES)
def test_a_hostile_package_is_reported_and_skipped(installed_packages: Path, case: str) -> None:
    name, spoil, message = HOSTILE_PACKAGES[case]
    folder = copy_ru(installed_packages, name)
    spoil(folder)
    found = find_packages([installed_packages])
    assert [info.name for info in found] == [f"translate-en_{lang}-1_0"
                                             for lang in ("az", "fa", "he", "hy", "ru", "tr")]
    assert find_unusable_packages([installed_packages]) == [
        message.format(folder=folder, store=installed_packages)]
    assert len(render_packages(found).splitlines()) == 7


def test_hidden_folders_are_work_folders_and_never_packages(installed_packages: Path) -> None:
    folder = copy_ru(installed_packages, ".install-x")
    write_metadata(folder, package_version="9.9")
    assert find_package([installed_packages], "en", "ru").name == RU_TOP
    assert find_unusable_packages([installed_packages]) == []


@pytest.mark.parametrize("args", [["models", "list"], ["models", "doctor", "--lang", "ru"],
                                  ["run", "--lang", "ru"]])
def test_hostile_packages_do_not_break_a_command(ready_project: Path, args: list[str]) -> None:
    store = ready_project / "packages"
    for case, (name, spoil, _message) in HOSTILE_PACKAGES.items():
        folder = copy_ru(store, name if name != "hostile" else case.replace(" ", "-"))
        spoil(folder)
    result = invoke(*args, code=1 if args[1] == "doctor" else 0)  # doctor: a copy package
    assert "Traceback" not in result.output
    if args[1] == "doctor":
        unusable = result.output.split("Unusable package folders (ignored):\n")[1]
        assert unusable.count("\n  " + str(store)) + 1 == len(HOSTILE_PACKAGES)
        assert ("0 of 1 language pairs ready (1 installed package does not translate)."
                in result.output)
    if args[1] == "list":  # the table, then each unusable folder on a line of its own
        table, unusable = result.output.split("Unusable package folders (ignored):\n")
        assert table.splitlines()[0].startswith("pair ") and "translate-en_ru-1_0" in table
        assert unusable.splitlines() == [
            f"  {line}" for line in find_unusable_packages([store])]
        assert len(unusable.splitlines()) == len(HOSTILE_PACKAGES)


def test_a_licence_is_shown_on_one_printable_line(installed_packages: Path) -> None:
    folder = installed_packages / "translate-en_he-1_0"
    write_metadata(folder, license="\x1b[2J**MIT**\nrm -rf /")
    assert find_package([installed_packages], "en", "he").license == "\\x1b[2J**MIT"
    write_metadata(folder, license="A" * 500)
    assert find_package([installed_packages], "en", "he").license == "A" * 119 + "…"


def test_reading_the_licence_of_a_hostile_readme_takes_linear_time() -> None:
    started = time.monotonic()
    found = license_from_readme("License: x" + "*" * 60_000 + "y")
    assert time.monotonic() - started < 1
    assert found == "x" + "*" * 118 + "…"


def test_a_readme_that_is_a_fifo_is_not_read(installed_packages: Path) -> None:
    folder = installed_packages / "translate-en_he-1_0"
    meta = json.loads((folder / "metadata.json").read_text())
    del meta["license"]
    write_metadata(folder, json.dumps(meta).encode())
    (folder / "README.md").unlink(missing_ok=True)
    os.mkfifo(folder / "README.md")
    worker = threading.Thread(target=find_packages, args=([installed_packages],), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader, then fail
        with open(folder / "README.md", "wb"):
            pass
        pytest.fail("find_packages blocked on a FIFO named README.md")
    assert find_package([installed_packages], "en", "he").license is None


def test_version_key_never_raises() -> None:
    assert len(version_key("1" * 5000)) == 278  # runs of 18 digits, no 5,000-digit int
    assert version_key("1.10") > version_key("1.9") > version_key("1_8")


def test_a_deeply_nested_argos_settings_file_is_ignored(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "argos-translate").mkdir()
    (tmp_path / "argos-translate/settings.json").write_bytes(DEEP)
    assert default_package_dirs() == [tmp_path / "data/argos-translate/packages"]
