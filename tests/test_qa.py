"""QA of PO catalogs: qa-ignore comments, QA notes, PO files with injected defects, reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from conftest import invoke

from translate.errors import CatalogError
from translate.po.catalog import read_qa_note
from translate.qa.catalogs import (
    catalog_findings,
    check,
    check_catalog,
    parse_qa_ignore,
    qa_notes,
)
from translate.qa.checks import Finding

DATA = Path(__file__).parent / "data" / "qa"


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
        # Weblate's flags where they mean one of our checks; our codes with hyphens.
        ("qa-ignore: ignore-end-stop, ignore-duplicate", {"end_punctuation", "doubled_words"}),
        ("qa-ignore: ignore-end-question ignore-same ignore-zero-width-space",
         {"end_punctuation", "identical", "invisible"}),
        ("qa-ignore: ignore-c-format, ignore-check-glossary", {"placeholders", "glossary"}),
        ("qa-ignore: end-punctuation, Doubled-Words", {"end_punctuation", "doubled_words"}),
        # ignore-<check>, the check's name as translate check prints it (Weblate's convention)
        ("qa-ignore: ignore-glossary, ignore-end_punctuation, ignore-double-space",
         {"glossary", "end_punctuation", "double_space"}),
    ],
)
def test_parse_qa_ignore(comment, codes):
    assert parse_qa_ignore(comment) == codes


def test_weblate_flags_on_the_flags_line_silence_their_checks(tmp_path):
    path = tmp_path / "flags.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#, ignore-end-stop, ignore-duplicate\nmsgid "{S_RECALL}"\n'
        'msgstr "Армения отозвала посла посла из Израиля"\n\n'
        f'msgid "{S_RECALL} Again."\nmsgstr "Армения отозвала посла посла из Израиля. Снова"\n',
        encoding="utf-8")
    assert [(f.msgid, f.finding.code) for f in check([path]).findings] == [
        (f"{S_RECALL} Again.", "end_punctuation"), (f"{S_RECALL} Again.", "doubled_words")]


def test_qa_notes_are_code_and_message_and_say_which_are_warnings():
    findings = [Finding("numbers", "the number 1994 of the source is missing"),
                Finding("length", "short", "warning")]
    assert qa_notes(findings) == [
        "numbers: the number 1994 of the source is missing", "length: short (warning)"]


@pytest.mark.parametrize(("note", "parsed"), [
    ("numbers: 1994 is missing: really", ("numbers", "1994 is missing: really", "error")),
    ("length: short (warning)", ("length", "short", "warning")),
    ("odd note", ("odd note", "odd note", "error")),
])
def test_qa_notes_read_back_as_code_message_and_severity(note, parsed):
    assert read_qa_note(note) == parsed


# --- PO files with injected defects ---------------------------------------------------------

#: Findings at the line of each entry's msgid, as GNU gettext reports an entry.
EXPECTED_DEFECTS = {
    "defects.ru.po": [
        (19, "numbers", "error", "the number 1994 of the source is missing"),
        (19, "numbers", "warning", "the number 1995 is not in the source"),
        (24, "handles", "error", "the handle @naghdalyan is missing or changed"),
        (28, "identical", "error",
         "the translation is identical to the source (left in English?)"),
        (32, "urls", "error",
         "the URL https://www.mfa.am/en/press-release/2020/10/01 is missing or changed"),
        (37, "quotes", "error", "unbalanced quotation marks: «"),
        (41, "placeholders", "error", "leftover placeholder or marker ⟦T0⟧"),
        (45, "script", "error", "the word Aрмения mixes scripts"),
        (49, "language", "error", "not Russian: reads as Ukrainian, not Russian"),
        (53, "length", "warning",
         "the translation is short for its source (26 vs 97 characters): something left out?"),
        (57, "punctuation", "warning", 'Russian quotes with «…», not "…"'),
    ],
    "defects.hy.po": [
        (13, "hashtags", "error", "the hashtag #Artsakh is missing or changed"),
        (17, "brackets", "error", "unbalanced brackets: a ')' without its '('"),
        (21, "emails", "error", "the e-mail address press@mfa.am is missing or changed"),
        (26, "numbers", "error", "the number 1994 of the source is missing"),
        (35, "end_punctuation", "warning",
         "Armenian ends a sentence with the full stop ։, not '.'"),
    ],
}


def test_check_finds_each_injected_defect_and_nothing_else(tmp_path):
    for name in EXPECTED_DEFECTS:
        shutil.copy(DATA / name, tmp_path / name)
    report = check([tmp_path])
    found = {
        name: [(f.line, f.finding.code, f.finding.severity, f.finding.message)
               for f in report.findings if f.file.name == name]
        for name in EXPECTED_DEFECTS
    }
    assert found == EXPECTED_DEFECTS
    assert sorted(p.name for p in report.files) == sorted(EXPECTED_DEFECTS)


def test_report_json_has_the_documented_shape(tmp_path):
    shutil.copy(DATA / "defects.hy.po", tmp_path / "defects.hy.po")
    report = check([tmp_path / "defects.hy.po"])
    data = json.loads(report.to_json())
    assert data[0] == {
        "file": str(tmp_path / "defects.hy.po"),
        "line": 13,
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
    assert check([path]).render().splitlines() == [
        "defects [hy]",
        f"  {path}:13: hashtags: the hashtag #Artsakh is missing or changed",
        f"  {path}:17: brackets: unbalanced brackets: a ')' without its '('",
        f"  {path}:21: emails: the e-mail address press@mfa.am is missing or changed",
        f"  {path}:26: numbers: the number 1994 of the source is missing",
        f"  {path}:35: end_punctuation: Armenian ends a sentence with the full stop ։, not '.' "
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
    report = check([tmp_path / "locales"])
    assert {(f.article, f.lang, f.finding.code) for f in report.findings} == {
        ("armenia", "ru", "numbers")}


@pytest.mark.broken_po
def test_language_unknown_is_a_catalog_error(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello", msgstr="Привет"))
    po.save(str(tmp_path / "x.po"))
    with pytest.raises(CatalogError, match="no Language header"):
        check([tmp_path / "x.po"])


def test_missing_path_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="no such file"):
        check([tmp_path / "nope.po"])


def test_clean_report_renders_no_findings(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "az", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=S_RECALL, msgstr="Ermənistan İsraildəki səfirini geri çağırıb."))
    po.save(str(tmp_path / "clean.po"))
    report = check([tmp_path])
    assert report.findings == []
    assert report.render() == "no findings in 1 file(s)"
    assert report.to_json() == "[]"


def test_check_catalog_uses_glossary_and_entry_line(tmp_path, qa_glossary):
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=S_GLOSSARY,
                            msgstr="Нагорно-Карабах находится в пределах Азербайджана."))
    po.save(str(tmp_path / "g.po"))
    loaded = polib.pofile(str(tmp_path / "g.po"))
    found = check_catalog(loaded, "ru", glossary=qa_glossary)
    assert [(f.line, f.finding.code, f.finding.message) for f in found] == [
        (loaded[0].linenum, "glossary",  # no comment: the entry starts at its msgid
         "Nagorno-Karabakh → Нагорный Карабах: missing from the translation (write Нагорный "
         "Карабах or a case form: Нагорного Карабаха, Нагорному Карабаху, Нагорным Карабахом, "
         "Нагорном Карабахе)")]
    assert check_catalog(loaded, "ru") == []


# --- Paragraphs: units on one source line are judged together ------------------------------

PARAGRAPH_PO = """msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: seeds/a.txt:3
msgid "\\"We will respond."
msgstr "«Мы ответим."

#: seeds/a.txt:3
msgid "This is unacceptable,\\" the spokeswoman said."
msgstr "{second}"

#: seeds/a.txt:4
msgid "\\"We will respond again."
msgstr "«Мы ответим снова."
"""


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("Это неприемлемо», — заявила пресс-секретарь.", []),
        ("Это неприемлемо, — заявила пресс-секретарь.",
         [(11, "unbalanced quotation marks in the paragraph: «")]),
    ],
)
def test_quotation_marks_are_judged_per_paragraph(tmp_path, second, expected):
    # Lines 3 and 4 differ: the last entry is a paragraph of its own, whose source does not
    # close its quotation either.
    path = tmp_path / "a.po"
    path.write_text(PARAGRAPH_PO.replace("{second}", second), encoding="utf-8")
    found = [(f.line, f.finding.message) for f in check([path]).findings
             if f.finding.code == "quotes"]
    assert found == expected


def test_an_untranslated_sentence_leaves_its_paragraph_judged_sentence_by_sentence(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(PARAGRAPH_PO.replace("{second}", ""), encoding="utf-8")
    po = polib.pofile(str(path))
    assert [(e.msgstr, f) for e, f in catalog_findings(po, "ru")] == [
        ("«Мы ответим.", []), ("", []), ("«Мы ответим снова.", [])]


# --- QA notes are current after translate assemble -------------------------------------------


def test_assemble_refreshes_the_qa_notes_a_translators_edit_made_stale(ready_project):
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    path = ready_project / "locales/ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    credit = "The Associated Press contributed to this report."
    po = polib.pofile(str(path))
    assert po.find(credit).comment.splitlines()[-1].startswith("QA: identical:")
    po.find(credit).msgstr = "В подготовке материала участвовало агентство AP"
    po.find(credit).flags = []
    po.save(str(path))
    invoke("assemble", "--lang", "ru")
    notes = [line for line in polib.pofile(str(path)).find(credit).comment.splitlines()
             if line.startswith("QA:")]
    assert notes == ["QA: end_punctuation: the translation ends with no punctuation where the "
                     "source ends with '.' (warning)"]
    assert check([path]).findings[-1].finding.message == notes[0].split(": ", 2)[2].removesuffix(
        " (warning)")
