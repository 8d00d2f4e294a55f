"""The shared face of PO catalogs: entry states, the machine-translation policy, notes."""

from __future__ import annotations

import subprocess
import sys

import polib
import pytest
from conftest import invoke

from translate import collect_status
from translate.catalog import entry_state, get_notes, needs_mt, set_machine_translation, set_note
from translate.pofile import format_catalog, read_catalog


def test_states_and_mt_policy():
    entry = polib.POEntry(msgid="a", msgstr="")
    assert entry_state(entry) == "untranslated" and needs_mt(entry)
    set_machine_translation(entry, "б", "argos translate-en_ru 1.9")
    assert entry_state(entry) == "machine"
    assert not needs_mt(entry) and needs_mt(entry, retranslate_mt=True)
    entry.previous_msgid = "old"
    assert entry_state(entry) == "review" and not needs_mt(entry, retranslate_mt=True)
    entry.flags.remove("fuzzy")
    assert entry_state(entry) == "approved" and not needs_mt(entry, retranslate_mt=True)


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
        [sys.executable, "-c", f"import translate.{module}"], capture_output=True, text=True
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
