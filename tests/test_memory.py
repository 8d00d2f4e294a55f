"""Translation memory: exact matches over the catalogs of a language and compendia."""

from __future__ import annotations

import polib
import pytest
from po_helpers import make_article, write_catalog

from translate.po.catalog import (
    entry_state,
    get_notes,
    msgstr_digest,
    needs_mt,
    set_machine_translation,
)
from translate.po.memory import build_memory
from translate.po.merge import merge_catalog

pytestmark = pytest.mark.usefixtures("fixed_clock")


def test_translation_memory_prefers_approved(tmp_path):
    one = merge_catalog(None, make_article(["Shared.", "Only machine."]), "ru")
    set_machine_translation(one.find("Shared."), "MT общий", "argos a 1")
    set_machine_translation(one.find("Only machine."), "MT только", "argos a 1")
    two = merge_catalog(None, make_article(["Shared."]), "ru")
    two.find("Shared.").msgstr = "Общий."
    paths = [tmp_path / "ru/LC_MESSAGES/one.po", tmp_path / "ru/LC_MESSAGES/two.po"]
    for po, path in zip([one, two], paths, strict=True):
        write_catalog(po, path)
    compendium = tmp_path / "compendium.po"
    extra = merge_catalog(None, make_article(["From compendium."]), "de")
    extra.find("From compendium.").msgstr = "Aus dem Kompendium."
    write_catalog(extra, compendium)
    memory = build_memory(paths, compendia=[compendium])
    assert memory.lookup("Shared.")[:3] == ("Общий.", str(paths[1]), "approved")
    assert memory.lookup("Only machine.")[:3] == ("MT только", str(paths[0]), "machine")
    assert memory.lookup("From compendium.").origin == str(compendium)
    assert memory.lookup("Unknown.") is None
    target = polib.POEntry(msgid="Shared.", msgstr="")
    memory.apply(target)
    assert entry_state(target) == "review"
    assert get_notes(target, "TM") == [
        f"exact match from {paths[1]} (msgstr sha256 {msgstr_digest('Общий.')})"]
    drafted = polib.POEntry(msgid="Only machine.", msgstr="")
    memory.apply(drafted)
    assert entry_state(drafted) == "machine" and needs_mt(drafted, retranslate_mt=True)


def test_memory_offers_no_persons_fuzzy_edit_and_refills_a_draft_of_an_older_source(tmp_path):
    one = merge_catalog(None, make_article(["Edited.", "Approved."]), "ru")
    set_machine_translation(one.find("Edited."), "MT правка", "argos a 1")
    one.find("Edited.").msgstr = "правка в работе"  # left fuzzy: a person's, not approved
    one.find("Approved.").msgstr = "Одобрено."
    path = tmp_path / "ru/LC_MESSAGES/one.po"
    write_catalog(one, path)
    memory = build_memory([path])
    assert memory.lookup("Edited.") is None  # neither approved nor a machine draft
    stale = polib.POEntry(msgid="Approved.", msgstr="", previous_msgid="Approved before.")
    set_machine_translation(stale, "MT старый", "argos a 1")
    stale.previous_msgid = "Approved before."  # a machine draft of an older source
    assert memory.apply(stale) is not None
    assert (stale.msgstr, stale.previous_msgid, entry_state(stale)) == ("Одобрено.", None, "review")
    edit = polib.POEntry(msgid="Approved.", msgstr="", previous_msgid="Approved before.")
    set_machine_translation(edit, "MT старый", "argos a 1")
    edit.msgstr, edit.previous_msgid = "правка", "Approved before."  # a person's
    assert memory.apply(edit) is None and edit.msgstr == "правка"
