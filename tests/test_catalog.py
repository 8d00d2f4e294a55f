"""The shared face of PO catalogs: entry states, the machine-translation policy, notes."""

from __future__ import annotations

import subprocess
import sys

import polib
import pytest
from conftest import invoke

from translate import collect_status
from translate.po.catalog import (
    drafted_by,
    entry_state,
    get_notes,
    needs_mt,
    new_catalog,
    set_machine_translation,
    set_memory_translation,
    set_note,
)
from translate.po.pofile import format_catalog, read_catalog


def machine_draft(text: str = "б") -> polib.POEntry:
    entry = polib.POEntry(msgid="a", msgstr="")
    set_machine_translation(entry, text, "argos translate-en_ru 1.9 (confidence 0.62)")
    return entry


def memory_draft() -> polib.POEntry:
    entry = polib.POEntry(msgid="a", msgstr="")
    set_memory_translation(entry, "б", "locales/ru/LC_MESSAGES/other.po")
    return entry


def edited(entry: polib.POEntry, msgstr: str = "в", *, fuzzy: bool = True,
           previous: str | None = None) -> polib.POEntry:
    """``entry`` as a person (or a merge) left it: another msgstr, fuzzy or not, a
    ``#| msgid``; every note kept."""
    entry.msgstr = msgstr
    if not fuzzy:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = previous
    return entry


def legacy_draft() -> polib.POEntry:
    """A machine draft as earlier versions wrote it: no digest in its ``MT:`` note."""
    entry = polib.POEntry(msgid="a", msgstr="б", flags=["fuzzy"])
    set_note(entry, "MT", ["argos translate-en_ru 1.9 (confidence 0.62)"])
    return entry


@pytest.mark.parametrize(
    ("entry", "state", "drafted", "mt", "retranslate"),
    [
        (polib.POEntry(msgid="a", msgstr=""), "untranslated", None, True, True),
        (machine_draft(), "machine", "MT", False, True),
        # a draft of the tool made for an older source: the tool may replace it
        (edited(machine_draft(), "б", previous="old"), "review", "MT", True, True),
        (edited(memory_draft(), "б", previous="old"), "review", "TM", True, True),
        (memory_draft(), "review", "TM", False, False),
        # a person's work: never refilled, whatever it started from
        (edited(machine_draft()), "review", None, False, False),
        (edited(machine_draft(), previous="old"), "review", None, False, False),
        (edited(memory_draft()), "review", None, False, False),
        (edited(machine_draft(), "б", fuzzy=False), "approved", None, False, False),
        (legacy_draft(), "review", None, False, False),
        # edited back to the machine's text: the machine's draft again
        (edited(edited(machine_draft()), "б"), "machine", "MT", False, True),
    ],
    ids=["untranslated", "machine", "machine-old-source", "memory-old-source", "memory",
         "fuzzy-edit", "fuzzy-edit-old-source", "memory-edit", "approved", "legacy",
         "edited-back"],
)
def test_a_draft_is_the_tools_only_while_its_msgstr_is_what_the_tool_wrote(
    entry: polib.POEntry, state: str, drafted: str | None, mt: bool, retranslate: bool
) -> None:
    assert entry_state(entry) == state
    assert drafted_by(entry) == drafted
    assert (needs_mt(entry), needs_mt(entry, retranslate_mt=True)) == (mt, retranslate)


def test_the_digest_survives_an_editor_that_wraps_the_note(tmp_path):
    entry = machine_draft("Армения отзывает посла из Израиля в знак протеста")
    set_machine_translation(entry, entry.msgstr, "argos translate-en_ru-1_9 1.9 (confidence "
                            "0.62) — glossary: Armenia → Армения (замена варианта Армения)")
    po = new_catalog("ru")
    po.wrapwidth = 76  # as polib-based editors and Translate Toolkit wrap it
    po.append(entry)
    po.save(str(tmp_path / "a.po"))
    lines = (tmp_path / "a.po").read_text(encoding="utf-8").splitlines()
    assert "#. 9a187833) — glossary: Armenia → Армения (замена варианта Армения)" in lines
    again = read_catalog(tmp_path / "a.po").find("a")
    assert (entry_state(again), drafted_by(again)) == ("machine", "MT")


def test_set_note_keeps_documented_order():
    entry = polib.POEntry(msgid="a", comment="QA: numbers: 1994 missing\nfree text")
    set_note(entry, "MT", ["argos x 1"])
    set_note(entry, "role", ["headline"])
    set_note(entry, "glossary", ["Armenia → Հայաստան"])
    assert entry.comment.split("\n") == [
        "role: headline", "glossary: Armenia → Հայաստան", "MT: argos x 1",
        "QA: numbers: 1994 missing", "free text",
    ]
    set_note(entry, "MT", [])
    assert get_notes(entry, "MT") == []


def test_blank_msgstr_is_untranslated():
    entry = polib.POEntry(msgid="Moscow said.", msgstr="  ")
    assert entry_state(entry) == "untranslated"


@pytest.mark.parametrize("module", ["catalog", "pofile", "linebreak", "merge", "memory"])
def test_each_catalog_module_imports_first(module):
    """No import cycle: a program that imports one of these modules before any other works."""
    done = subprocess.run(
        [sys.executable, "-c", f"import translate.po.{module}"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_a_plural_entry_is_counted_as_what_the_outputs_make_of_it(project):
    # A translator turned the headline into a plural entry: it counted as approved while
    # every output fell back to English. Now it is a review entry, counted and published as
    # one (not published), and the next run makes it singular, as msgmerge does.
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    path = project / "locales/ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    po = read_catalog(path)
    for entry in po:
        entry.msgstr, entry.flags = f"перевод: {entry.msgid}", []  # all approved
    headline = po[0]
    headline.msgid_plural, headline.msgstr_plural = headline.msgid, {0: "Заголовок", 1: "Х"}
    headline.msgstr = ""
    path.write_text(format_catalog(po), encoding="utf-8")
    counts = collect_status(project / "locales", ["ru"]).totals("ru").units
    assert (counts["approved"], counts["review"]) == (15, 1)
    invoke("assemble", "--lang", "ru", "--include-drafts")
    built = (project / "build/ru/armenia-recalls-ambassador.txt").read_text(encoding="utf-8")
    header, _blank, body = built.split("\n", 2)
    assert header.endswith("1 of 16 units are not approved (1 needs review).")
    assert body.startswith(headline.msgid)  # the review entry is not published
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    merged = read_catalog(path).find(headline.msgid)
    assert (merged.msgid_plural, merged.msgstr, entry_state(merged)) == ("", "Заголовок", "review")


# --- the header (issue 16: gettext and Weblate fit) -------------------------------------------

SEED_ID = "armenia-recalls-ambassador"
#: Poedit's wording of the Russian rule (its own table), not Babel's.
POEDIT_RU = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")


def po_of(root, lang="ru", article=SEED_ID):
    return root / "locales" / lang / "LC_MESSAGES" / f"{article}.po"


def test_a_persons_header_fields_are_kept_through_runs_and_changes(project, monkeypatch):
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    path = po_of(project)
    po = read_catalog(path)
    person = {"Last-Translator": "Anna Petrova <anna@example.ru>",
              "Language-Team": "Russian desk <ru@example.com>",
              "Report-Msgid-Bugs-To": "newsroom@example.com",
              "Project-Id-Version": "JNS Russian edition 2020"}
    po.metadata.update(person)
    po[0].msgstr, po[0].flags = "Армения отзывает посла", []
    po.save(str(path))
    seed = project / "seeds" / f"{SEED_ID}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("fifth", "sixth"),
                    encoding="utf-8")
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    invoke("assemble", "--lang", "ru")
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet", "--retranslate-mt")
    header = read_catalog(path).metadata
    assert {key: header[key] for key in person} == person
    from translate import __version__
    assert header["X-Generator"] == f"translate-news {__version__}"


def test_the_tools_project_id_version_follows_the_articles_units(project):
    invoke("run", "--engine", "none", "--lang", "ru", "--quiet")
    first = read_catalog(po_of(project)).metadata["Project-Id-Version"]
    assert first.startswith(f"{SEED_ID} ") and len(first.split()[1]) == 8
    seed = project / "seeds" / f"{SEED_ID}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("fifth", "sixth"),
                    encoding="utf-8")
    invoke("run", "--engine", "none", "--lang", "ru", "--quiet")
    second = read_catalog(po_of(project)).metadata["Project-Id-Version"]
    assert second.startswith(f"{SEED_ID} ") and second != first
    # a file of an earlier release (the bare id) gets the version
    po = read_catalog(po_of(project))
    po.metadata["Project-Id-Version"] = SEED_ID
    po_of(project).write_text(format_catalog(po), encoding="utf-8")
    invoke("run", "--engine", "none", "--lang", "ru", "--quiet", "--retranslate-mt")
    assert read_catalog(po_of(project)).metadata["Project-Id-Version"] == second


def test_every_file_of_a_language_says_its_plural_forms_the_same_way(project):
    from translate.lang.cldr import plural_forms

    (project / "seeds" / "short.txt").write_text("Talks resume\nNo date was given.\n",
                                                 encoding="utf-8")
    invoke("run", "--engine", "pseudo", "--lang", "ru,he", "--quiet")
    po = read_catalog(po_of(project))
    po.metadata["Plural-Forms"] = POEDIT_RU  # Poedit saved it with its own wording
    po_of(project).write_text(format_catalog(po), encoding="utf-8")
    invoke("run", "--engine", "pseudo", "--lang", "ru,he", "--quiet")
    invoke("assemble", "--lang", "ru,he")
    for lang in ("ru", "he"):
        wordings = {read_catalog(path).metadata["Plural-Forms"]
                    for path in (project / "locales" / lang / "LC_MESSAGES").glob("*.po")}
        assert wordings == {plural_forms(lang)}, lang


def test_a_file_changed_only_in_layout_is_left_alone(project, monkeypatch):
    """An editor that wraps at another width and writes its own X-Generator changed nothing
    a run would change: the file is not rewritten, its PO-Revision-Date not moved."""
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    path = po_of(project)
    po = read_catalog(path)
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    path.write_text(format_catalog(po), encoding="utf-8")
    subprocess.run(["msgcat", "--width=60", "-o", str(path), str(path)], check=True)
    layout = path.read_bytes()
    assert b'"X-Generator: Poedit 3.4.2\\n"' in layout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a later day: a write would show
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet", "--retranslate-mt")
    invoke("assemble", "--lang", "ru")
    assert path.read_bytes() == layout
    # a change of content is written, in gettext's layout, with the date and generator
    po = read_catalog(path)
    po[0].msgstr, po[0].flags = "Армения отзывает посла", []
    po.save(str(path))
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    header = read_catalog(path).metadata
    assert header["PO-Revision-Date"] == "2023-11-14 22:13+0000"
    assert header["X-Generator"].startswith("translate-news ")
