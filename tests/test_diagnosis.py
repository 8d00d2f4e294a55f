"""Tests of translate.models.doctor: installed, missing and broken pairs, and the report's text.

A pair is ready when its package translates: the adversarial ``transliterate`` packages write
the test sentence in the target script (as a translation would be), while the copy packages of
``tests/fixtures/models/`` give it back in English and "do not translate"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ADVERSARIAL_MODELS, FIXTURE_LANGUAGES, FIXTURE_MODELS

from translate.models.doctor import doctor, translation_problem
from translate.models.install import install_package


def translating(lang: str) -> Path:
    """The en→``lang`` package that writes its output in the target script."""
    return ADVERSARIAL_MODELS / f"translate-en_{lang}-transliterate.argosmodel"


def test_doctor_reports_installed_and_missing_pairs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for lang in ("hy", "ru"):
        install_package(translating(lang), store)
    report = doctor(["hy", "az", "he", "ru"], [store, tmp_path / "absent"])
    assert [entry.status for entry in report.entries] == ["ok", "missing", "missing", "ok"]
    assert not report.ok
    hy = report.entries[0]
    assert hy.package is not None and hy.package.name == "translate-en_hy-transliterate-1_0"
    assert hy.sample == "Թհե մինիսթեր արրիվեդ ին Մոսքոու ոն Թուեսդայ."
    assert hy.seconds is not None and hy.seconds >= 0
    lines = report.render().splitlines()
    assert lines[:3] == ["Argos package folders:", f"  {store}",
                         f"  {tmp_path / 'absent'} (does not exist)"]
    assert lines[3].startswith("en→hy: OK  translate-en_hy-transliterate-1_0 1.0, ")
    assert lines[3].endswith(" KB, licence: MIT")
    assert lines[5].startswith("  test: 'The minister arrived in Moscow on Tuesday.' → "
                               "'Թհե մինիսթեր արրիվեդ ին Մոսքոու ոն Թուեսդայ.' (")
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
        install_package(translating(lang), store)
    assert doctor(FIXTURE_LANGUAGES, [store]).ok
    (store / "translate-en_he-transliterate-1_0" / "model" / "model.bin").write_bytes(b"broken")
    az = store / "translate-en_az-transliterate-1_0"
    shutil.rmtree(az / "model")
    report = doctor(FIXTURE_LANGUAGES, [store])
    assert [entry.status for entry in report.entries] == [
        "ok", "missing", "broken", "ok", "ok", "ok"]
    assert "cannot load" in report.entries[2].detail
    assert report.skipped == [f"{az}: no CTranslate2 model (model/model.bin is missing)"]
    assert report.render().splitlines()[-3:] == [
        "Unusable package folders (ignored):",
        f"  {az}: no CTranslate2 model (model/model.bin is missing)",
        "4 of 6 language pairs ready."]



def test_doctor_lists_hostile_package_folders_one_line_each(tmp_path: Path) -> None:
    store = tmp_path / "store"
    install_package(translating("ru"), store)
    for name in ("evil\nname", "deep"):
        shutil.copytree(store / "translate-en_ru-transliterate-1_0", store / name)
    (store / "deep" / "metadata.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    # a work folder of the installer
    shutil.copytree(store / "translate-en_ru-transliterate-1_0", store / ".install-abc")
    report = doctor(["ru"], [store])
    assert report.ok
    assert report.skipped == [
        f"{store}/deep/metadata.json: not JSON (nested too deeply)",
        f"{store}/evil\\nname: the folder name holds a control or invisible character"]
    assert report.render().splitlines()[-4:] == [
        "Unusable package folders (ignored):", *(f"  {line}" for line in report.skipped),
        "1 of 1 language pairs ready."]


def test_the_copy_packages_do_not_translate(tmp_path: Path) -> None:
    store = tmp_path / "store"
    install_package(FIXTURE_MODELS / "translate-en_ru.argosmodel", store)
    report = doctor(["ru"], [store])
    (ru,) = report.entries
    assert ru.status == "does not translate" and not report.ok
    assert ru.sample == "The minister arrived in Москва on Tuesday."
    assert ru.detail == "its test sentence comes back in English (6 of 7 words unchanged)"


def test_a_package_for_another_target_does_not_translate(tmp_path: Path) -> None:
    """An en→ru package labelled en→he: it translates, but not into Hebrew."""
    store = tmp_path / "store"
    folder = install_package(translating("ru"), store).path
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    (folder / "metadata.json").write_text(json.dumps({**metadata, "to_code": "he"}))
    (he,) = doctor(["he"], [store]).entries
    assert (he.status, he.detail) == (
        "does not translate",
        "its test sentence does not come back in Hebrew (written in Cyrillic letters, not "
        "Hebrew)")


@pytest.mark.parametrize(("sample", "target", "problem"), [
    ("The minister arrived in Moscow on Tuesday.", "ru",
     "its test sentence comes back unchanged"),
    ("  The minister arrived in Moscow on Tuesday.\n", "he",
     "its test sentence comes back unchanged"),
    ("The minister arrived in Moskva on Tuesday.", "az",
     "its test sentence comes back in English (6 of 7 words unchanged)"),
    ("THE MINISTER ARRIVED IN Москва ON TUESDAY.", "ru",
     "its test sentence comes back in English (6 of 7 words unchanged)"),
    ("Министр прибыл в Москву во вторник.", "he",
     "its test sentence does not come back in Hebrew (written in Cyrillic letters, not Hebrew)"),
    ("Министр прибыл в Москву во вторник.", "ru", None),
    ("Nazir çərşənbə axşamı Moskvaya gəlib.", "az", None),
    ("השר הגיע למוסקבה ביום שלישי.", "he", None),
    ("Նախարարը երեքշաբթի ժամանեց Մոսկվա։", "hy", None),
    ("", "ru", "its test sentence comes back without a word"),
    (" . ", "hy", "its test sentence comes back without a word"),
])
def test_what_does_not_translate(sample: str, target: str, problem: str | None) -> None:
    assert translation_problem(sample, "en", target) == problem
