"""``translate init``: a new project from the starter files, ready for ``translate run``,
never overwriting a file; and the commands' default articles folder (``articles/``, else
``seeds/``)."""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile
from pathlib import Path

import polib
import pytest
from conftest import ADVERSARIAL_MODELS, EPOCH, FIXTURE_MODELS, ROOT, invoke, unzip_packages

import translate
from translate.glossary.file import read_glossary
from translate.jobs.init import STARTER_FILES, starter_bytes

NEXT = [
    "next:",
    "  translate run --engine pseudo   try the whole chain now (marked ⟦…⟧, no translations)",
    "  translate models doctor         which language packages are installed, how to get the "
    "others",
    "  translate run                   translate the articles of articles/ (replace example.txt "
    "with yours)",
    "  translate status                how far each article is; README.md has the rest",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, its own empty package store, reproducible dates."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return tmp_path


def test_init_in_the_working_directory_writes_the_starter_and_says_what_next(
    here: Path,
) -> None:
    assert invoke("init").stdout.splitlines() == [
        "created glossary.yaml", "created articles/example.txt", "created .gitignore",
        "created README.md", *NEXT]
    for name in STARTER_FILES:
        assert (here / name).read_bytes() == starter_bytes(name)
    assert {p.relative_to(here).as_posix() for p in here.rglob("*") if p.is_file()} == set(
        STARTER_FILES)


def test_init_of_a_new_folder_names_it_and_says_to_cd_there(here: Path) -> None:
    lines = invoke("init", "news/desk").stdout.splitlines()
    assert lines[:4] == [f"created news/desk/{name}" for name in STARTER_FILES]
    assert lines[4:6] == ["next:", "  cd news/desk"]
    assert (here / "news/desk/articles/example.txt").is_file()


def test_init_never_overwrites_a_file_and_says_what_it_skipped(here: Path) -> None:
    (here / "glossary.yaml").write_text("version: 1\nterms: []\n", encoding="utf-8")
    (here / "articles").mkdir()
    (here / "articles" / "example.txt").write_text("Mine\nMy own words here.\n")
    os.symlink(here / "elsewhere.md", here / "README.md")  # a dangling link is something too
    lines = invoke("init", ".").stdout.splitlines()
    assert lines[:4] == [
        "created .gitignore",
        "skipped glossary.yaml: it exists (left as it is)",
        "skipped articles/example.txt: it exists (left as it is)",
        "skipped README.md: it exists (left as it is)"]
    assert (here / "glossary.yaml").read_text() == "version: 1\nterms: []\n"
    assert (here / "articles" / "example.txt").read_text() == "Mine\nMy own words here.\n"
    assert not (here / "elsewhere.md").exists()
    report = translate.init_project(here)
    assert (report.created, len(report.skipped)) == ([], 4)
    assert json.loads(report.to_json())["skipped"] == report.skipped


@pytest.mark.parametrize(("make", "args", "message"), [
    (lambda root: (root / "taken").write_text("x"), ("init", "taken"), "Error: Invalid value "
     "for '[FOLDER]': Directory 'taken' is a file."),
    (lambda root: (root / "articles").write_text("x"), ("init",),
     "Error: articles: not a folder; the starter article goes there"),
])
def test_init_where_a_file_is_in_the_way_is_one_line(here: Path, make, args, message) -> None:
    make(here)
    result = invoke(*args, code=None)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == message
    assert not (here / "glossary.yaml").exists()  # refused before anything is written


def test_the_starter_glossary_holds_the_projects_own_entries() -> None:
    """Its terms are this project's (whose forms the CLDR and morphology tests check), as
    they are there, so a starter never teaches a form the publisher does not use."""
    ours = {term.en: term for term in read_glossary(ROOT / "glossary.yaml").terms}
    starter = read_glossary(ROOT / "translate" / "jobs" / "starter" / "glossary.yaml")
    assert len(starter.terms) >= 6
    for term in starter.terms:
        assert dataclasses.replace(term, line=0).__dict__ == dataclasses.replace(
            ours[term.en], line=0).__dict__


def test_run_right_after_init_translates_the_example_with_the_pseudo_engine(
    here: Path,
) -> None:
    invoke("init")
    lines = invoke("run", "--engine", "pseudo", "--quiet").stdout.splitlines()
    assert lines[0] == "1 article(s): example"
    assert "warning" not in "\n".join(lines)  # the glossary is there
    for lang in translate.TARGET_LANGUAGES:
        assert f"{lang}: 0 by MT, 6 pseudo-translated, 0 from memory, 0 already done, " \
               "0 untranslated [pseudo]" in lines
        assert (here / "locales" / lang / "LC_MESSAGES" / "example.po").is_file()
        assert (here / "build" / lang / "example.txt").is_file()
    assert (here / "build" / "review" / "index.html").is_file()


def test_the_example_articles_place_names_are_enforced(here: Path) -> None:
    """With packages that write the forbidden names (Stepanakert → Ханкенди, Karabakh →
    Арцах), the drafts of the example article carry the glossary's forms."""
    invoke("init")
    store = here / "names"
    store.mkdir()
    for lang in ("ru", "hy"):
        name = f"translate-en_{lang}-names.argosmodel"
        with zipfile.ZipFile(ADVERSARIAL_MODELS / name) as archive:
            archive.extractall(store)
    invoke("run", "--lang", "ru,hy", "--models", str(store), "--quiet")
    ru = polib.pofile(str(here / "locales/ru/LC_MESSAGES/example.po"))
    town = next(e for e in ru if "Stepanakert" in e.msgid)
    assert "Степанакерт" in town.msgstr and "Ханкенди" not in town.msgstr
    assert "Нагорный Карабах" in town.msgstr and "Арцах" not in town.msgstr
    hy = polib.pofile(str(here / "locales/hy/LC_MESSAGES/example.po"))
    assert "Ստեփանակերտ" in next(e for e in hy if "Stepanakert" in e.msgid).msgstr
    assert invoke("glossary", "check", "--lang", "ru,hy").stdout.splitlines()[-1] == (
        "0 glossary problem(s)")


def test_the_journey_init_run_edit_assemble(here: Path) -> None:
    """The first hour of the issue: init, run with the fixture packages, a translator edits
    one PO file, assemble; each output says what happened."""
    invoke("init", "desk")
    os.chdir(here / "desk")
    unzip_packages(FIXTURE_MODELS, here / "packages")
    run = invoke("run", "--lang", "ru", "--quiet").stdout.splitlines()
    assert run[:2] == ["1 article(s): example",
                       "ru: 6 by MT, 0 from memory, 0 already done, 0 untranslated "
                       "[argos translate-en_ru-1_0 1.0]"]
    assert run[-1] == ("next: translators check and approve (or translate) the entries of "
                       "locales/<lang>/LC_MESSAGES/<article>.po in Poedit, Lokalize or Weblate, "
                       "then translate assemble; review pages: build/review/index.html")
    po_path = Path("locales/ru/LC_MESSAGES/example.po")
    po = polib.pofile(str(po_path))
    headline = po[0]
    headline.msgstr, headline.flags = "Армения и Азербайджан возобновят переговоры", []
    po.save()
    assembled = invoke("assemble", "--lang", "ru").stdout.splitlines()
    assert assembled[1] == "ru: 6 units: 1 approved, 5 machine drafts, 0 need review, " \
                           "0 untranslated"
    assert assembled[-1] == (
        "next: translated articles in build/<lang>/ (drafts say so on their first line); review "
        "pages: build/review/index.html; build/<lang>.zip: the articles that pass the publish "
        "gate; translate status: how far each language is")
    text = Path("build/ru/example.txt").read_text(encoding="utf-8")
    assert "Армения и Азербайджан возобновят переговоры" in text


def test_the_commands_take_articles_then_seeds_when_told_no_path(here: Path) -> None:
    assert invoke("run", "--engine", "none", code=1).output == (
        "Error: no articles/ or seeds/ folder here: name the articles (translate run "
        "FILE_OR_FOLDER...), or start a project with translate init DIR\n")
    (here / "seeds").mkdir()
    (here / "seeds" / "old.txt").write_text("Old news here\nIt was a day in Baku.\n")
    assert invoke("run", "--engine", "none", "--lang", "ru").stdout.startswith(
        "1 article(s): old\n")
    invoke("init")
    assert invoke("run", "--engine", "none", "--lang", "ru").stdout.startswith(
        "1 article(s): example\n")
    assert translate.default_paths() == (Path("articles"),)


def test_every_starter_file_is_package_data() -> None:
    """pyproject.toml's package-data globs take every starter file into the wheel (a file
    they miss would be absent from an installed translate, and init would fail there)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["translate.jobs"]
    jobs = ROOT / "translate" / "jobs"
    packaged = {path for pattern in globs for path in jobs.glob(pattern) if path.is_file()}
    starter = {jobs / "starter" / name for name in STARTER_FILES.values()}
    assert starter <= packaged
    assert {p for p in (jobs / "starter").rglob("*") if p.is_file()} == starter
