"""Tests of translate.models.doctor: installed, missing and broken pairs, and the report's text."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE_LANGUAGES, FIXTURE_MODELS

from translate.models.doctor import doctor
from translate.models.install import install_package


def test_doctor_reports_installed_and_missing_pairs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for lang in ("hy", "ru"):
        install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    report = doctor(["hy", "az", "he", "ru"], [store, tmp_path / "absent"])
    assert [entry.status for entry in report.entries] == ["ok", "missing", "missing", "ok"]
    assert not report.ok
    hy = report.entries[0]
    assert hy.package is not None and hy.package.name == "translate-en_hy-1_0"
    assert hy.sample == "The minister arrived in Մոսկվա on Tuesday."
    assert hy.seconds is not None and hy.seconds >= 0
    lines = report.render().splitlines()
    assert lines[:3] == ["Argos package folders:", f"  {store}",
                         f"  {tmp_path / 'absent'} (does not exist)"]
    assert lines[3].startswith("en→hy: OK  translate-en_hy-1_0 1.0, ")
    assert lines[3].endswith(" KB, licence: MIT")
    assert lines[5].startswith("  test: 'The minister arrived in Moscow on Tuesday.' → "
                               "'The minister arrived in Մոսկվա on Tuesday.' (")
    assert lines[6:8] == [
        "en→az: MISSING",
        "  next step: run translate models fetch --lang az (needs the network), or install an "
        "en_az .argosmodel file: translate models install FILE.argosmodel"]
    assert lines[-1] == "2 of 4 language pairs ready."


def test_doctor_gives_the_armenian_route(tmp_path: Path) -> None:
    report = doctor(["hy"], [tmp_path / "store"])
    (entry,) = report.entries
    assert entry.status == "missing"
    assert entry.detail == (
        "the public Argos index has no en→hy package; download the OPUS-MT model "
        "Helsinki-NLP/opus-mt-en-hy and convert it: translate models convert --from en --to hy "
        "MODEL_DIR -o translate-en_hy.argosmodel, then translate models install "
        "translate-en_hy.argosmodel (or install any en_hy .argosmodel from a file: "
        "translate models install FILE.argosmodel)")


def test_doctor_all_ok_and_broken_package(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for lang in FIXTURE_LANGUAGES:
        install_package(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel", store)
    assert doctor(FIXTURE_LANGUAGES, [store]).ok
    (store / "translate-en_he-1_0" / "model" / "model.bin").write_bytes(b"broken")
    shutil.rmtree(store / "translate-en_az-1_0" / "model")
    report = doctor(FIXTURE_LANGUAGES, [store])
    assert [entry.status for entry in report.entries] == [
        "ok", "missing", "broken", "ok", "ok", "ok"]
    assert "cannot load" in report.entries[2].detail
    assert report.skipped == [f"{store / 'translate-en_az-1_0'}: no CTranslate2 model "
                              "(model/model.bin is missing)"]
    assert report.render().splitlines()[-3:] == [
        "Unusable package folders (ignored):",
        f"  {store / 'translate-en_az-1_0'}: no CTranslate2 model (model/model.bin is missing)",
        "4 of 6 language pairs ready."]



def test_doctor_lists_hostile_package_folders_one_line_each(tmp_path: Path) -> None:
    store = tmp_path / "store"
    install_package(FIXTURE_MODELS / "translate-en_ru.argosmodel", store)
    for name in ("evil\nname", "deep"):
        shutil.copytree(store / "translate-en_ru-1_0", store / name)
    (store / "deep" / "metadata.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    shutil.copytree(store / "translate-en_ru-1_0", store / ".install-abc")  # a work folder
    report = doctor(["ru"], [store])
    assert report.ok
    assert report.skipped == [
        f"{store}/deep/metadata.json: not JSON (nested too deeply)",
        f"{store}/evil\\nname: the folder name holds a control or invisible character"]
    assert report.render().splitlines()[-4:] == [
        "Unusable package folders (ignored):", *(f"  {line}" for line in report.skipped),
        "1 of 1 language pairs ready."]
