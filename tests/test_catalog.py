"""The shared face of PO catalogs: entry states, the machine-translation policy, notes."""

from __future__ import annotations

import subprocess
import sys

import polib
import pytest

from translate.catalog import entry_state, get_notes, needs_mt, set_machine_translation, set_note


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
