"""A person's fuzzy edit of a machine draft is a person's work, end to end.

Translators leave work in progress fuzzy: Lokalize and Poedit keep ``#, fuzzy`` until the
translation is approved, Weblate writes "needs editing" as fuzzy, and a text editor leaves the
flag as it was. Such an entry keeps the ``MT:`` note of the draft it started from; the tool
must not take it for machine work: never retranslated (``--retranslate-mt``), carried to a
changed source as fuzzy with ``#| msgid``, kept as ``#~`` when its unit leaves, as GNU
``msgmerge --previous`` keeps it, and counted and shown as needing review. A machine draft
nobody touched stays machine work: when its source changes it is offered as msgmerge offers
it (fuzzy, ``#| msgid``) where no MT runs, and replaced by a fresh draft where MT runs.

Everything is real: the CLI, the fixture Argos packages, the PO files, msgcat and msgmerge.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke

from translate.po import catalog

pytestmark = pytest.mark.gettext

ARTICLE = SEED.stem
PO = Path("locales/ru/LC_MESSAGES") / f"{ARTICLE}.po"
POT = Path("locales") / f"{ARTICLE}.pot"
WIP = "Гаджиев высоко оценил эффективность израильского оружия (черновик переводчика)."
EDITED = "Hajiyev lauded the effectiveness of the Israeli weapons."
EDITED_NEW = "Hajiyev praised the effectiveness of the Israeli weapons."
CHANGED = ("a fifth straight day on Thursday", "a sixth straight day on Friday")
REMOVED = "The Azeri Ministry of Defense released several videos showing drones in action against Armenian forces."  # noqa: E501
CREDIT = "The Associated Press contributed to this report."


def run_ru(*extra: str) -> str:
    return invoke("run", "--threads", "1", "--quiet", "--lang", "ru", *extra).output


def entries(path: Path, *, obsolete: bool = False) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if bool(e.obsolete) == obsolete}


def edit_keeping_fuzzy(path: Path, msgid: str, msgstr: str) -> None:
    """What Lokalize, Weblate's "needs editing" and vim leave: a new msgstr, ``#, fuzzy``
    and every comment kept (the ``MT:`` note included); normalised by ``msgcat``."""
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    assert "fuzzy" in entry.flags and catalog.get_notes(entry, "MT")
    entry.msgstr = msgstr
    po.save(str(path))
    done = subprocess.run(["msgcat", "-o", str(path), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def edit_source(root: Path, old: str, new: str) -> None:
    path = root / "seeds" / SEED.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def msgmerge_previous(po_path: Path, pot_path: Path) -> polib.POFile:
    """What GNU ``msgmerge --previous`` makes of ``po_path`` with the template."""
    done = subprocess.run(["msgmerge", "--previous", "--quiet", str(po_path), str(pot_path)],
                          capture_output=True, text=True, check=True)
    return polib.pofile(done.stdout)


def review_label(root: Path, entry: polib.POEntry) -> str:
    """The state class of ``entry``'s unit on its review page."""
    unit_id = catalog.get_notes(entry, "unit")[0]
    page = (root / "build/review/ru" / f"{ARTICLE}.html").read_text(encoding="utf-8")
    found = re.search(rf'<div class="unit state-(\w+)[^"]*" id="u-{re.escape(unit_id)}"', page)
    assert found, unit_id
    return found.group(1)


def test_a_fuzzy_edit_of_a_machine_draft_is_never_retranslated(ready_project: Path) -> None:
    run_ru()
    edit_keeping_fuzzy(ready_project / PO, EDITED, WIP)
    run_ru("--retranslate-mt")
    entry = entries(ready_project / PO)[EDITED]
    assert (entry.msgstr, entry.fuzzy) == (WIP, True)
    assert catalog.entry_state(entry) == "review"
    assert review_label(ready_project, entry) == "review"
    status = json.loads(invoke("status", "--json", "--lang", "ru").output)
    assert status["languages"]["ru"]["total"]["units"]["review"] == 1


def test_a_fuzzy_edit_follows_its_changed_source_as_msgmerge_carries_it(
    ready_project: Path,
) -> None:
    run_ru()
    edit_keeping_fuzzy(ready_project / PO, EDITED, WIP)
    before = ready_project / "before.po"
    shutil.copy(ready_project / PO, before)
    edit_source(ready_project, EDITED, EDITED_NEW)
    run_ru()
    carried = entries(ready_project / PO)[EDITED_NEW]
    assert (carried.msgstr, carried.fuzzy, carried.previous_msgid) == (WIP, True, EDITED)
    assert catalog.entry_state(carried) == "review"
    theirs = msgmerge_previous(before, ready_project / POT).find(EDITED_NEW)
    # msgmerge carries it the same way; its "#| msgid" of a fuzzy entry is the entry's own
    # "#| msgid" (none here), where the tool names the source the edit was made for
    assert (theirs.msgstr, theirs.fuzzy, theirs.previous_msgid) == (WIP, True, None)
    assert EDITED not in entries(ready_project / PO, obsolete=True)  # carried, as msgmerge does


def test_a_fuzzy_edit_whose_unit_leaves_is_kept_obsolete_as_msgmerge_keeps_it(
    ready_project: Path,
) -> None:
    run_ru()
    edit_keeping_fuzzy(ready_project / PO, REMOVED, WIP)
    before = ready_project / "before.po"
    shutil.copy(ready_project / PO, before)
    edit_source(ready_project, REMOVED + "\n", "")
    run_ru()
    kept = entries(ready_project / PO, obsolete=True).get(REMOVED)
    assert kept is not None and (kept.msgstr, kept.fuzzy) == (WIP, True)
    theirs = msgmerge_previous(before, ready_project / POT)
    assert theirs.find(REMOVED, include_obsolete_entries=True).msgstr == WIP


def gettext_view(po: polib.POFile) -> list[tuple]:
    """Every entry as msgmerge decides it: key, translation, fuzzy, previous source,
    translator comment, references and source notes of live entries (the tool's other notes
    aside: msgmerge takes ``#.`` from the template, where they are not)."""
    rows = []
    for e in po:
        notes = [line for line in (e.comment.split("\n") if e.comment else [])
                 if line.split(": ", 1)[0] in catalog.SOURCE_NOTES]
        rows.append((bool(e.obsolete), e.msgctxt or "", e.msgid, e.msgstr, e.fuzzy,
                     e.previous_msgid or "", e.tcomment, sorted(e.occurrences), notes))
    return sorted(rows)


def change_article(root: Path) -> None:
    """A sentence edited (a machine draft), one a translator edited fuzzily changed, one
    removed (a machine draft)."""
    edit_source(root, *CHANGED)
    edit_source(root, EDITED, EDITED_NEW)
    edit_source(root, REMOVED + "\n", "")


def remove_ru_package(root: Path) -> tuple[str, ...]:
    """Take the en→ru package out of the store: MT has no package for Russian."""
    store = root / "packages"
    found = [path for path in store.iterdir() if "en_ru" in path.name]
    assert found, sorted(store.iterdir())
    for path in found:
        shutil.rmtree(path)
    return ()


@pytest.mark.parametrize("no_mt", ["--engine none", "no package"])
def test_without_mt_a_changed_units_machine_draft_comes_back_as_msgmerge_offers_it(
    ready_project: Path, no_mt: str
) -> None:
    run_ru()
    edit_keeping_fuzzy(ready_project / PO, EDITED, WIP)
    before = ready_project / "before.po"
    shutil.copy(ready_project / PO, before)
    change_article(ready_project)
    options = ("--engine", "none") if no_mt == "--engine none" else remove_ru_package(ready_project)
    report = run_ru(*options)
    ours = polib.pofile(str(ready_project / PO))
    theirs = msgmerge_previous(before, ready_project / POT)
    old_changed = next(e.msgid for e in polib.pofile(str(before)) if CHANGED[0] in e.msgid)
    offered = next(e for e in ours if CHANGED[1] in e.msgid)
    assert (offered.fuzzy, offered.previous_msgid) == (True, old_changed)
    assert offered.msgstr == polib.pofile(str(before)).find(old_changed).msgstr
    assert catalog.entry_state(offered) == "review"  # a draft of an older source
    assert ours.find(EDITED_NEW).msgstr == WIP
    # The two differences from msgmerge (README): msgmerge keeps the removed machine draft as
    # #~, the tool drops machine work whose unit left; msgmerge's "#| msgid" of a fuzzy
    # entry is that entry's own (none here), the tool's is the source it was made for.
    assert [e.msgid for e in theirs if e.obsolete] == [REMOVED]
    theirs.remove(theirs.find(REMOVED, include_obsolete_entries=True))
    for msgid, previous in ((offered.msgid, old_changed), (EDITED_NEW, EDITED)):
        assert theirs.find(msgid).previous_msgid is None
        theirs.find(msgid).previous_msgid = previous
    assert gettext_view(ours) == gettext_view(theirs)
    assert "ru: 0 by MT, 0 from memory, 15 already done, 0 untranslated" in report
    # assemble counts them by state, as catalog.entry_state does: the edit left fuzzy and the
    # draft offered for a changed source are a person's to review
    states = Counter(catalog.entry_state(e) for e in ours if not e.obsolete)
    assert (states["machine"], states["review"]) == (13, 2)
    assert invoke("assemble", "--lang", "ru").stdout.splitlines()[1] == (
        "ru: 15 units: 0 approved, 13 machine drafts, 2 need review, 0 untranslated")


def test_with_mt_a_changed_units_machine_draft_is_redone_a_fuzzy_edit_is_not(
    ready_project: Path,
) -> None:
    run_ru()
    edit_keeping_fuzzy(ready_project / PO, EDITED, WIP)
    change_article(ready_project)
    report = run_ru()
    po = polib.pofile(str(ready_project / PO))
    redone = next(e for e in po if CHANGED[1] in e.msgid)
    assert catalog.entry_state(redone) == "machine" and redone.previous_msgid is None
    assert "sixth straight day on Friday" in redone.msgstr  # the copy model's draft of it
    kept = po.find(EDITED_NEW)
    assert (kept.msgstr, kept.previous_msgid, catalog.entry_state(kept)) == (WIP, EDITED, "review")
    assert "ru: 1 by MT, 0 from memory, 14 already done, 0 untranslated" in report


def test_drafts_of_an_earlier_version_are_kept_as_a_persons_until_their_msgstr_is_cleared(
    ready_project: Path,
) -> None:
    """An ``MT:`` note without a digest (as earlier versions wrote it) proves nothing about the
    msgstr: it is kept as a person's work, and the README's way to have it drafted anew
    (``msgattrib --no-fuzzy``) works."""
    run_ru()
    path = ready_project / PO
    text = path.read_text(encoding="utf-8")
    legacy = re.sub(r" \(msgstr sha256 [0-9a-f]{8}\)", "", text)
    assert legacy.count("#. MT: ") == text.count("#. MT: ") == 16 and legacy != text
    path.write_text(legacy, encoding="utf-8")
    legacy_msgstrs = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
    run_ru("--retranslate-mt")
    po = polib.pofile(str(path))
    assert {e.msgid: e.msgstr for e in po} == legacy_msgstrs
    assert {catalog.entry_state(e) for e in po} == {"review"}
    status = json.loads(invoke("status", "--json", "--lang", "ru").output)
    assert status["languages"]["ru"]["total"]["units"]["review"] == 16
    done = subprocess.run(["msgattrib", "--no-fuzzy", "--force-po", "-o", str(path), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ru: 16 by MT" in run_ru()
    assert {catalog.entry_state(e) for e in polib.pofile(str(path))} == {"machine"}
