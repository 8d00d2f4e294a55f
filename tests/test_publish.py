"""Tests of translate.publish.outputs: reviews from PO entries, and the one publishing path that
``translate run`` and ``translate assemble`` share."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke

from translate.formats.reader import parse_article, read_article
from translate.glossary.model import Glossary
from translate.jobs.assemble import assemble
from translate.jobs.sources import load_glossary
from translate.options import RunOptions
from translate.po.catalog import po_path, set_machine_translation
from translate.po.merge import merge_catalog
from translate.publish.outputs import packages_of, read_bundle_item, review_units
from translate.publish.review import render_review_page
from translate.qa.checks import Finding


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``root`` but the lock: mtime_ns and bytes."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_assemble_after_a_run_rewrites_nothing(project: Path) -> None:
    # run publishes the catalogs it just wrote, assemble the PO files as they are: the same
    # path, so assemble finds every page, index and bundle as it would write them.
    invoke("run", "--engine", "pseudo", "--quiet", "--lang", "ru,he", "--min-translated", "0")
    before = snapshot(project)
    assert "build/ru.zip" in before and "build/review/index.html" in before
    output = invoke("assemble", "--lang", "ru,he", "--min-translated", "0").output
    assert ("ru: 16 units: 0 approved, 16 machine drafts, 0 need review, 0 untranslated"
            in output)
    assert snapshot(project) == before


def test_reviews_take_findings_from_the_qa_notes_or_check_anew() -> None:
    article = read_article(SEED)
    po = merge_catalog(None, article, "ru")
    headline, second = article.units[0], article.units[1]
    provenance = "argos translate-en_ru-1_9 1.9"
    set_machine_translation(po.find(headline.text), "Армения отзывает посла", provenance)
    po.find(second.text).msgstr = "В 1995 году."  # a wrong number, no QA note yet
    glossary = load_glossary(Path(__file__).parent.parent / "glossary.yaml")
    noted = review_units(article, po, "ru", glossary, "x.po")
    assert [r.state for r in noted[:3]] == ["machine", "approved", "untranslated"]
    assert noted[0].terms == ("Armenia → Армения", "Israel → Израиль", "Azerbaijan → Азербайджан")
    assert noted[1].findings == () and noted[1].po_file == "x.po" and noted[1].po_line > 0
    rechecked = review_units(article, po, "ru", glossary, "x.po", recheck=True)
    assert Finding("numbers", "the number 1995 is not in the source", "warning") in (
        rechecked[1].findings)
    assert packages_of(po) == (("translate-en_ru-1_9", "1.9"),)


@pytest.mark.parametrize(
    ("note", "packages"),
    [
        ("argos translate-en_ru-1_9 1.9 (confidence 0.62)", (("translate-en_ru-1_9", "1.9"),)),
        ("argos translate-en_ru-1_9 1.9 — glossary: Baku → Баку: MT wrote 'Baku'",
         (("translate-en_ru-1_9", "1.9"),)),
        ("pseudo", ()),
        ("pseudo — inline markup: translated piece by piece", ()),
    ],
)
def test_the_manifest_names_the_package_of_an_mt_note_whatever_follows_it(note, packages):
    po = merge_catalog(None, read_article(SEED), "ru")
    set_machine_translation(po[0], "Армения отзывает посла", note)
    assert packages_of(po) == packages


def test_a_unit_without_an_entry_is_reviewed_as_untranslated() -> None:
    article = read_article(SEED)
    reviews = review_units(article, polib.POFile(), "ru", Glossary.empty(), "x.po")
    assert {r.state for r in reviews} == {"untranslated"} and len(reviews) == 16


@pytest.mark.broken_po
def test_a_po_file_that_cannot_be_read_gives_no_bundle_item(project: Path) -> None:
    options = RunOptions()
    path = po_path(options.locales, "ru", SEED.stem)
    path.parent.mkdir(parents=True)
    path.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert read_bundle_item(read_article(SEED), "ru", Glossary.empty(), options) is None


# --- Issue 13: partial runs and assembles keep every article and language ------------------

GATE = ("--min-translated", "0")


def bundled(root: Path, lang: str) -> list[str]:
    """The article ids published in ``<root>/build/<lang>.zip``."""
    with zipfile.ZipFile(root / "build" / f"{lang}.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    return sorted(article["id"] for article in manifest["articles"])


def index_pairs(root: Path) -> list[tuple[str, str]]:
    """(lang, article id) of every row of ``<root>/build/review/index.html``."""
    text = (root / "build/review/index.html").read_text(encoding="utf-8")
    return sorted(re.findall(r'<a href="(\w\w)/([\w-]+)\.html">', text))


def add_article(root: Path, name: str) -> Path:
    path = root / "seeds" / f"{name}.txt"
    path.write_text(
        f"Talks on {name} resume in Geneva\nDiplomats met on Tuesday to discuss {name}.\n",
        encoding="utf-8",
    )
    return path


def test_a_run_on_one_language_keeps_the_other_languages_in_the_index(
    project: Path,
) -> None:
    add_article(project, "talks")
    invoke("run", "--quiet", "--engine", "pseudo", *GATE)
    assert len(index_pairs(project)) == 8
    invoke("run", "--quiet", "--engine", "pseudo", "--lang", "he", *GATE)
    assert len(index_pairs(project)) == 8
    invoke("assemble", "--lang", "he", *GATE)
    assert len(index_pairs(project)) == 8


def test_assembling_one_article_keeps_the_others_in_bundles_and_index(
    project: Path,
) -> None:
    add_article(project, "talks")
    invoke("run", "--quiet", "--engine", "pseudo", "--lang", "ru,he", *GATE)
    everyone = sorted([SEED.stem, "talks"])
    invoke("assemble", "seeds/talks.txt", "--lang", "ru", *GATE, "--include-drafts")
    assert bundled(project, "ru") == everyone
    assert index_pairs(project) == [(lang, a) for lang in ("he", "ru") for a in everyone]
    rerun = invoke("run", "--quiet", "--engine", "pseudo", "--lang", "ru,he", *GATE)
    assert "ru: 0 by MT" in rerun.output
    assert bundled(project, "ru") == bundled(project, "he") == everyone


def test_a_run_trusts_a_cached_output_only_when_it_is_the_one_it_wrote(
    project: Path,
) -> None:
    invoke("run", "--quiet", "--engine", "pseudo", "--lang", "ru", *GATE)
    written = {
        path: path.read_bytes()
        for path in [project / "build/ru.zip", *sorted((project / "build/ru").iterdir())]
    }
    assert bundled(project, "ru") == [SEED.stem]
    # Another command writes the same files from other options (a stricter gate) ...
    invoke("assemble", "--lang", "ru", "--min-translated", "100", "--format", "txt,md,html")
    assert bundled(project, "ru") == []
    (project / "build/ru" / SEED.name).write_text("edited by hand\n", encoding="utf-8")
    # ... so the rerun with the first options may not take them for its own.
    invoke("run", "--quiet", "--engine", "pseudo", "--lang", "ru", *GATE)
    assert bundled(project, "ru") == [SEED.stem]
    assert {path: path.read_bytes() for path in written} == written


def test_assemble_of_one_shard_keeps_the_other_shard_in_bundles_and_index(
    project: Path,
) -> None:
    add_article(project, "peace")  # shard 1 of 2; the seed article is in shard 2
    invoke("run", "--quiet", "--engine", "pseudo", "--lang", "ru", *GATE)
    # The library's reassemble takes a shard (the command does not): the other shard stays.
    assemble(RunOptions(langs=("ru",), shard=(1, 2), min_translated=0))
    assert bundled(project, "ru") == sorted([SEED.stem, "peace"])
    assert index_pairs(project) == [("ru", SEED.stem), ("ru", "peace")]


# --- glossary highlights on review pages: the glossary check's own matcher ------------------

HIGHLIGHTS = "Aid reached Nagorno-Karabakh on Friday.\nArmenia thanked Israel.\nTalks in Armenia.\n"
SOURCE_TERMS = (["Nagorno-Karabakh"], ["Armenia", "Israel"], ["Armenia"])


@pytest.mark.parametrize(("lang", "translations", "target_terms", "forbidden"), [
    # a case form (dative), the nominative of another term
    ("ru", ["Помощь поступила Нагорному Карабаху в пятницу.", "Армения поблагодарила Израиль.",
            "Переговоры в Армении."],
     (["Нагорному Карабаху"], ["Армения", "Израиль"], ["Армении"]), []),
    # Hebrew prefixes (ל־, ב־), Azerbaijani suffixes
    ("he", ["הסיוע הגיע לנגורנו-קרבאך ביום שישי.", "ארמניה הודתה לישראל.", "שיחות בארמניה."],
     (["לנגורנו-קרבאך"], ["ארמניה", "לישראל"], ["בארמניה"]), []),
    ("az", ["Yardım cümə günü Dağlıq Qarabağa çatıb.", "Ermənistan İsrailə təşəkkür edib.",
            "Ermənistanda danışıqlar."],
     (["Dağlıq Qarabağa"], ["Ermənistan", "İsrailə"], ["Ermənistanda"]), []),
    # the forbidden variant, marked as such
    ("ru", ["Помощь поступила в Арцах в пятницу.", "Армения поблагодарила Израиль.",
            "Переговоры в Армении."],
     ([], ["Армения", "Израиль"], ["Армении"]), ["Арцах"]),
])
def test_review_pages_highlight_the_forms_glossary_check_finds(
    tmp_path: Path, lang: str, translations: list[str], target_terms: tuple[list[str], ...],
    forbidden: list[str],
) -> None:
    """A review page boxed a term only in its base form (Нагорному Карабаху, the dative
    glossary check knows, was not boxed); its highlights come from the check's matcher."""
    article = parse_article(HIGHLIGHTS, "aid", tmp_path / "aid.txt", source_lang="en")
    po = merge_catalog(None, article, lang)
    for unit, text in zip(article.units, translations, strict=True):
        po.find(unit.text).msgstr = text
    glossary = load_glossary(Path(__file__).parent.parent / "glossary.yaml")
    page = render_review_page(article, lang, review_units(article, po, lang, glossary, "x.po"))

    def marked(kind: str) -> list[str]:
        return [re.sub(r"</?bdi>", "", text)
                for text in re.findall(rf'<mark class="{kind}">(.*?)</mark>', page)]

    expected = [term for source, target in zip(SOURCE_TERMS, target_terms, strict=True)
                for term in source + target]
    assert marked("term") == expected
    assert marked("term forbidden") == forbidden
