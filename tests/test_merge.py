"""Merging a catalog with its article (msgmerge semantics): states, fuzzy matches, obsolete
entries, and a translator's work kept through update cycles."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from po_helpers import LINES, SOURCE, assert_gettext_clean, make_article

from translate.catalog import entry_state, get_notes, needs_mt, set_machine_translation
from translate.merge import merge_catalog
from translate.pofile import read_catalog, write_catalog

pytestmark = pytest.mark.gettext


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")


@pytest.mark.parametrize("lang", ["hy", "az", "he", "ru"])
def test_a_stale_plural_forms_header_gets_babels_rule_on_the_next_merge(tmp_path, lang):
    from babel.messages.plurals import get_plural

    old = merge_catalog(None, make_article(LINES), lang)
    old.metadata["Plural-Forms"] = "nplurals=1; plural=0;"  # what Babel < 2.19 gave Armenian
    old.metadata["Last-Translator"] = "Anna <anna@example.am>"
    merged = merge_catalog(old, make_article(LINES), lang)
    assert merged.metadata["Plural-Forms"] == get_plural(lang).plural_forms
    assert merged.metadata["Last-Translator"] == "Anna <anna@example.am>"  # a person's value


def test_identical_texts_share_one_entry(tmp_path):
    po = merge_catalog(None, make_article(["Same.", "Other.", "Same."]), "ru")
    entries = [e for e in po if e.msgid]
    assert [e.msgid for e in entries] == ["Same.", "Other."]
    assert entries[0].occurrences == [(SOURCE, "1"), (SOURCE, "3")]
    assert len(get_notes(entries[0], "unit")) == 2


def test_unit_in_other_language_is_marked_and_skipped_by_mt():
    po = merge_catalog(None, make_article(["Title", "Привет, мир."], langs={1: "ru"}), "hy")
    entry = po.find("Привет, мир.")
    assert get_notes(entry, "lang") == ["ru"]
    assert not needs_mt(entry)
    assert needs_mt(po.find("Title"))


def cycle(path: Path, lines: list[str]) -> polib.POFile:
    po = merge_catalog(read_catalog(path) if path.exists() else None, make_article(lines), "ru")
    for entry in po:
        if needs_mt(entry):
            set_machine_translation(entry, f"MT({entry.msgid})", "pseudo test 1.0")
    write_catalog(po, path)
    assert_gettext_clean(path)
    return read_catalog(path)


def test_translator_edits_survive_three_update_cycles(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    lines = list(LINES)
    cycle(path, lines)
    # A translator approves entry 0 with msgattrib and rewrites entry 2 by hand.
    subprocess.run(
        ["msgattrib", "--clear-fuzzy", "--only-fuzzy", "-o", str(path), str(path)], check=True
    )
    po = read_catalog(path)
    for entry in po:
        if entry.msgid != LINES[0]:
            entry.flags.append("fuzzy") if "fuzzy" not in entry.flags else None
    rewritten = po.find(LINES[2])
    rewritten.msgstr = "Столкновения продолжались пятый день подряд в четверг."
    rewritten.flags.remove("fuzzy")
    rewritten.tcomment = "checked against the Russian press"
    rewritten.flags.append("no-wrap")
    write_catalog(po, path)
    approved_0 = po.find(LINES[0]).msgstr
    for edit in range(3):
        lines[3] = f"{LINES[3]} Edit {edit}."
        lines.append(f"New sentence number {edit}.")
        po = cycle(path, lines)
        assert entry_state(po.find(LINES[0])) == "approved"
        assert po.find(LINES[0]).msgstr == approved_0
        kept = po.find(LINES[2])
        assert (kept.msgstr, entry_state(kept)) == (rewritten.msgstr, "approved")
        assert kept.tcomment == "checked against the Russian press"
        assert "no-wrap" in kept.flags


def test_changed_new_and_removed_units_get_their_states(tmp_path):
    old = merge_catalog(None, make_article(LINES), "ru")
    for number, entry in enumerate(e for e in old if e.msgid):
        entry.msgstr = f"перевод {number}"
        entry.tcomment = f"note {number}"
    set_machine_translation(old.find(LINES[4]), "машинный", "argos translate-en_ru 1.9")
    changed = LINES[1].replace("fresh fighting", "new fighting")
    po = merge_catalog(old, make_article([LINES[0], changed, LINES[3], "Brand new."]), "ru")
    assert [(e.msgid, entry_state(e), e.obsolete) for e in po] == [
        (LINES[0], "approved", 0),
        (changed, "review", 0),
        (LINES[3], "approved", 0),
        ("Brand new.", "untranslated", 0),
        (LINES[2], "approved", 1),
        (LINES[4], "machine", 1),
    ]
    fuzzy = po.find(changed)
    assert (fuzzy.msgstr, fuzzy.previous_msgid, fuzzy.tcomment) == ("перевод 1", LINES[1], "note 1")
    assert "fuzzy" in fuzzy.flags and not needs_mt(fuzzy, retranslate_mt=True)
    assert po.find(LINES[2], include_obsolete_entries=True).msgstr == "перевод 2"
    dropped = merge_catalog(old, make_article([LINES[0]]), "ru", keep_obsolete=False)
    assert [e.msgid for e in dropped] == [LINES[0]]
    # The source comes back: the obsolete translation is revived.
    revived = merge_catalog(po, make_article(LINES), "ru")
    assert revived.find(LINES[2]).msgstr == "перевод 2"
    assert not revived.find(LINES[2]).obsolete
