"""The publish gate asks QA: an approved unit with an error-level finding holds its article
back from the bundle, and every report (run and assemble summaries, status, the review index)
names the article, the entry's file:line and the finding; a translator's ``#, ignore-<check>``
flag accepts a finding for that entry; warnings never gate."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke
from test_review import msgid_line_numbers, set_msgstrs

pytestmark = pytest.mark.gettext  # msgcat (test_review.set_msgstrs), msgfmt

#: article id -> (English lines, the translator's Russian for each).
ARTICLES = {
    "clean": (["Talks resume on Friday",
               "The foreign ministers of Armenia and Azerbaijan met in Geneva."],
              ["Переговоры возобновятся в пятницу",
               "Министры иностранных дел Армении и Азербайджана встретились в Женеве."]),
    # a warning only (Russian quotes with «»): published all the same
    "quotes": (["Talks resume on Friday", 'She called the deal "a betrayal".'],
               ["Переговоры возобновятся в пятницу", 'Она назвала сделку "предательством".']),
    # the forbidden variant (Артсах for Nagorno-Karabakh)
    "artsakh": (["Fighting continues in Nagorno-Karabakh",
                 "The ministry said the shelling stopped at night."],
                ["Бои в Арцахе продолжаются",
                 "Министерство сообщило, что обстрелы прекратились ночью."]),
    # an entry approved as it was, in English
    "english": (["Ceasefire holds", "The ministry said the shelling stopped at night."],
                ["Ceasefire holds", "Министерство сообщило, что обстрелы прекратились ночью."]),
}
HELD = {"artsakh": ("Fighting continues in Nagorno-Karabakh", "glossary"),
        "english": ("Ceasefire holds", "identical")}


def po_path(root: Path, article: str) -> Path:
    return root / "locales" / "ru" / "LC_MESSAGES" / f"{article}.po"


@pytest.fixture
def approved_project(ready_project: Path) -> Path:
    """Four articles, every entry translated by a person and approved (ru)."""
    (ready_project / "seeds" / SEED.name).unlink()
    for name, (lines, _russian) in ARTICLES.items():
        (ready_project / "seeds" / f"{name}.txt").write_text("\n".join(lines) + "\n",
                                                              encoding="utf-8")
    invoke("run", "--lang", "ru", "--engine", "none", "--quiet")
    for name, (lines, russian) in ARTICLES.items():
        set_msgstrs(po_path(ready_project, name), dict(zip(lines, russian, strict=True)))
    return ready_project


def where(root: Path, article: str) -> str:
    """``locales/ru/LC_MESSAGES/<article>.po:<line>`` of the held entry of ``article``."""
    msgid, _code = HELD[article]
    line = msgid_line_numbers(po_path(root, article))[msgid]
    return f"locales/ru/LC_MESSAGES/{article}.po:{line}"


def bundle(root: Path) -> tuple[list[str], dict]:
    with zipfile.ZipFile(root / "build" / "ru.zip") as archive:
        return archive.namelist(), json.loads(archive.read("manifest.json"))


def test_gate_publishes_the_clean_article_and_holds_back_known_errors(
    approved_project: Path,
) -> None:
    root = approved_project
    output = invoke("assemble", "--lang", "ru").output
    assert "bundle: 2 published, 2 held back (2 for QA errors in approved entries)" in output
    for article, (_msgid, code) in HELD.items():
        assert re.search(rf"held back: {article}: {re.escape(where(root, article))}: {code}: ",
                         output), output
    names, manifest = bundle(root)
    assert sorted(names) == sorted(["manifest.json", *(f"{a}.{fmt}" for a in ("clean", "quotes")
                                                      for fmt in ("txt", "md", "html"))])
    skipped = {record["id"]: record["qa_errors"] for record in manifest["skipped"]}
    assert set(skipped) == set(HELD)
    assert skipped["artsakh"][0].startswith(f"{where(root, 'artsakh')}: glossary: ")
    assert "Арцах" in skipped["artsakh"][-1]
    assert skipped["english"] == [f"{where(root, 'english')}: identical: the translation is "
                                  "identical to the source (left in English?)"]


def test_status_and_the_review_index_name_what_holds_an_article_back(
    approved_project: Path,
) -> None:
    root = approved_project
    invoke("assemble", "--lang", "ru")
    status = invoke("status", "--lang", "ru").output
    held = json.loads(invoke("status", "--lang", "ru", "--json").output)["held_back"]
    index = (root / "build" / "review" / "index.html").read_text(encoding="utf-8")
    for article, (_msgid, code) in HELD.items():
        assert re.search(rf"ru +{article} +{re.escape(where(root, article))}: {code}: ", status)
        assert any(item["article"] == article and item["code"] == code
                   and f"{item['file']}:{item['line']}" == where(root, article) for item in held)
        row = re.search(rf'<tr class="row-below-gate">.*?>{article}</a>.*?</tr>', index, re.S)
        assert row is not None and f"{where(root, article)}: {code}: " in row.group()
    assert {item["article"] for item in held} == set(HELD)


def test_a_run_says_what_holds_an_article_back(approved_project: Path) -> None:
    # The second run finds the bundle up to date (the run state): it says the same, from the
    # bundle's record, without reading the articles again.
    for _run in ("first", "nothing changed"):
        output = invoke("run", "--lang", "ru", "--engine", "none").output
        assert "bundle: 2 published, 2 held back (2 for QA errors in approved entries)" in output
        assert f"held back: artsakh: {where(approved_project, 'artsakh')}: glossary: " in output


@pytest.mark.parametrize(("flag", "article"), [
    ("ignore-glossary", "artsakh"),  # the check's name, as translate check prints it
    ("ignore-check-glossary", "artsakh"),  # Weblate's name for it
    ("ignore-identical", "english"),
    ("ignore-same", "english"),  # Weblate's
])
def test_a_translators_ignore_flag_accepts_the_finding(
    approved_project: Path, flag: str, article: str
) -> None:
    root = approved_project
    path = po_path(root, article)
    po = polib.pofile(str(path))
    entry = po.find(HELD[article][0])
    assert entry is not None
    entry.flags.append(flag)
    po.save(str(path))
    before = json.loads(invoke("check", "--json", str(path), code=None).output)
    assert [item["code"] for item in before if item["code"] == HELD[article][1]] == []
    invoke("assemble", "--lang", "ru")
    assert f"{article}.txt" in bundle(root)[0]
    # the flag stays on the entry through a run, and so does its effect
    invoke("run", "--lang", "ru", "--engine", "none", "--quiet")
    assert flag in polib.pofile(str(path)).find(HELD[article][0]).flags
    assert f"{article}.txt" in bundle(root)[0]


def test_status_the_review_index_and_page_give_one_completion_figure(ready_project: Path) -> None:
    """10 of the seed's 16 units approved: 62.5 % everywhere (units, each distinct text once,
    README "Completion"), where the approved words are another share."""
    invoke("run", "--lang", "ru", "--quiet")
    path = po_path(ready_project, SEED.stem)
    po = polib.pofile(str(path))
    for entry in list(po)[:10]:
        entry.flags.remove("fuzzy")
    po.save(str(path))
    words = sum(len(e.msgid.split()) for e in list(po)[:10]) / sum(len(e.msgid.split())
                                                                   for e in po)
    assert round(100 * words, 1) != 62.5  # the words would give another figure
    invoke("assemble", "--lang", "ru", "--min-translated", "0")
    status = json.loads(invoke("status", "--lang", "ru", "--json").output)
    assert status["languages"]["ru"]["articles"][SEED.stem]["completion"] == 62.5
    assert re.search(rf"ru +{SEED.stem} +10 +6 +0 +0 +\d+ +62\.5%",
                     invoke("status", "--lang", "ru").output)
    index = (ready_project / "build" / "review" / "index.html").read_text(encoding="utf-8")
    assert '<td class="num completion">62.5%</td>' in index
    page = (ready_project / "build" / "review" / "ru" / f"{SEED.stem}.html").read_text(
        encoding="utf-8")
    assert "16 units; 62.5% approved, 100.0% with machine drafts" in page
    with zipfile.ZipFile(ready_project / "build" / "ru.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert [record["translated_percent"] for record in manifest["skipped"]] == [62.5]
