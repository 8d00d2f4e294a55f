"""QA of PO catalogs: qa-ignore comments, QA notes, PO files with injected defects, reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from translate.checks import Finding
from translate.errors import CatalogError
from translate.glossary_file import read_glossary
from translate.qa import check_catalog, check_paths, parse_qa_ignore, qa_notes

DATA = Path(__file__).parent / "data" / "qa"


@pytest.fixture(scope="module")
def glossary():
    """The project glossary's Nagorno-Karabakh term, read by translate/glossary.py."""
    return read_glossary(DATA / "glossary.yaml")


S_YEAR = "Nagorno-Karabakh has been under the control of ethnic Armenian forces since 1994."
S_HASHTAG = "The ministry posted the videos with the hashtag #Artsakh."
S_GLOSSARY = "Nagorno-Karabakh lies within Azerbaijan."
S_RECALL = "Armenia recalled its ambassador from Israel."


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("qa-ignore: numbers, urls", {"numbers", "urls"}),
        ("checked by Anna\nqa-ignore: all", {"all"}),
        ("QA-Ignore:handles", {"handles"}),
        ("qa-ignore: numbers\nqa-ignore: quotes", {"numbers", "quotes"}),
        ("nothing to ignore", set()),
        ("", set()),
    ],
)
def test_parse_qa_ignore(comment, codes):
    assert parse_qa_ignore(comment) == codes


def test_qa_notes_are_code_and_message():
    findings = [Finding("numbers", "the number 1994 of the source is missing"),
                Finding("length", "short", "warning")]
    assert qa_notes(findings) == [
        "numbers: the number 1994 of the source is missing", "length: short"]


# --- PO files with injected defects ---------------------------------------------------------

EXPECTED_DEFECTS = {
    "defects.ru.po": [
        (16, "numbers", "error", "the number 1994 of the source is missing"),
        (16, "numbers", "warning", "the number 1995 is not in the source"),
        (22, "handles", "error", "the handle @naghdalyan is missing or changed"),
        (27, "identical", "error",
         "the translation is identical to the source (left in English?)"),
        (31, "urls", "error",
         "the URL https://www.mfa.am/en/press-release/2020/10/01 is missing or changed"),
        (36, "quotes", "error", "unbalanced quotation marks: «"),
        (40, "placeholders", "error", "leftover placeholder or marker ⟦T0⟧"),
        (44, "script", "error", "the word Aрмения mixes scripts"),
        (48, "language", "error", "not Russian: reads as Ukrainian, not Russian"),
        (52, "length", "warning",
         "the translation is short for its source (26 vs 97 characters): something left out?"),
        (56, "punctuation", "warning", 'Russian quotes with «», not ""'),
    ],
    "defects.hy.po": [
        (12, "hashtags", "error", "the hashtag #Artsakh is missing or changed"),
        (16, "brackets", "error", "unbalanced brackets: a ')' without its '('"),
        (20, "emails", "error", "the e-mail address press@mfa.am is missing or changed"),
        (24, "numbers", "error", "the number 1994 of the source is missing"),
        (34, "punctuation", "warning", "Armenian ends a sentence with the full stop ։, not '.'"),
    ],
}


def test_check_paths_finds_each_injected_defect_and_nothing_else(tmp_path):
    for name in EXPECTED_DEFECTS:
        shutil.copy(DATA / name, tmp_path / name)
    report = check_paths([tmp_path])
    found = {
        name: [(f.line, f.finding.code, f.finding.severity, f.finding.message)
               for f in report.findings if f.file.name == name]
        for name in EXPECTED_DEFECTS
    }
    assert found == EXPECTED_DEFECTS
    assert sorted(p.name for p in report.files) == sorted(EXPECTED_DEFECTS)


def test_report_json_has_the_documented_shape(tmp_path):
    shutil.copy(DATA / "defects.hy.po", tmp_path / "defects.hy.po")
    report = check_paths([tmp_path / "defects.hy.po"])
    data = json.loads(report.to_json())
    assert data[0] == {
        "file": str(tmp_path / "defects.hy.po"),
        "line": 12,
        "article": "defects",
        "lang": "hy",
        "msgid": S_HASHTAG,
        "code": "hashtags",
        "severity": "error",
        "message": "the hashtag #Artsakh is missing or changed",
    }
    assert [list(item) for item in data] == [
        ["file", "line", "article", "lang", "msgid", "code", "severity", "message"]] * len(data)


def test_report_render_groups_by_article_and_language(tmp_path):
    shutil.copy(DATA / "defects.hy.po", tmp_path / "defects.hy.po")
    path = tmp_path / "defects.hy.po"
    assert check_paths([path]).render().splitlines() == [
        "defects [hy]",
        f"  {path}:12: hashtags: the hashtag #Artsakh is missing or changed",
        f"  {path}:16: brackets: unbalanced brackets: a ')' without its '('",
        f"  {path}:20: emails: the e-mail address press@mfa.am is missing or changed",
        f"  {path}:24: numbers: the number 1994 of the source is missing",
        f"  {path}:34: punctuation: Armenian ends a sentence with the full stop ։, not '.' "
        "(warning)",
        "4 error(s), 1 warning(s) in 1 file(s)",
    ]


@pytest.mark.broken_po
def test_language_comes_from_the_locales_folder_without_header(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid=S_YEAR, msgstr="С 1995 года Нагорный Карабах под контролем.",
                            flags=["fuzzy"]))
    path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "armenia.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    report = check_paths([tmp_path / "locales"])
    assert {(f.article, f.lang, f.finding.code) for f in report.findings} == {
        ("armenia", "ru", "numbers")}


@pytest.mark.broken_po
def test_language_unknown_is_a_catalog_error(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello", msgstr="Привет"))
    po.save(str(tmp_path / "x.po"))
    with pytest.raises(CatalogError, match="no Language header"):
        check_paths([tmp_path / "x.po"])


def test_missing_path_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="no such file"):
        check_paths([tmp_path / "nope.po"])


def test_clean_report_renders_no_findings(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "az", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=S_RECALL, msgstr="Ermənistan İsraildəki səfirini geri çağırıb."))
    po.save(str(tmp_path / "clean.po"))
    report = check_paths([tmp_path])
    assert report.findings == []
    assert report.render() == "no findings in 1 file(s)"
    assert report.to_json() == "[]"


def test_check_catalog_uses_glossary_and_entry_line(tmp_path, glossary):
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=S_GLOSSARY,
                            msgstr="Нагорно-Карабах находится в пределах Азербайджана."))
    po.save(str(tmp_path / "g.po"))
    loaded = polib.pofile(str(tmp_path / "g.po"))
    found = check_catalog(loaded, "ru", glossary=glossary)
    assert [(f.line, f.finding.code, f.finding.message) for f in found] == [
        (loaded[0].linenum, "glossary",
         "Nagorno-Karabakh → Нагорный Карабах: missing from the translation (write Нагорный "
         "Карабах or a case form: Нагорного Карабаха, Нагорному Карабаху, Нагорным Карабахом, "
         "Нагорном Карабахе)")]
    assert check_catalog(loaded, "ru") == []
