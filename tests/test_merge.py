"""Merging a catalog with its article (msgmerge semantics): states, fuzzy matches, obsolete
entries, and a translator's work kept through update cycles."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import polib
import pytest
from po_helpers import LINES, SOURCE, assert_gettext_clean, make_article, write_catalog

from translate.errors import CatalogError
from translate.po.catalog import entry_state, get_notes, needs_mt, set_machine_translation
from translate.po.merge import carry_drafts, merge_catalog
from translate.po.pofile import read_catalog

pytestmark = [pytest.mark.gettext, pytest.mark.usefixtures("fixed_clock")]


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
        # kept for its translator comment, without the tool's notes (as msgmerge keeps it)
        (LINES[4], "review", 1),
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


def drafted(article_lines: list[str]) -> polib.POFile:
    """A catalog of ``article_lines``, every entry a machine draft ``MT <n>``."""
    po = merge_catalog(None, make_article(article_lines), "ru")
    for number, entry in enumerate(e for e in po if e.msgid):
        set_machine_translation(entry, f"MT {number}", "argos translate-en_ru 1.9")
    return po


def test_a_changed_source_takes_the_old_translation_a_draft_as_the_tools_an_edit_as_a_persons():
    old = drafted(LINES[:3])
    old.find(LINES[2]).msgstr = "правка переводчика"  # edited, left fuzzy
    new = [LINES[0], LINES[1] + " Update.", LINES[2].replace("fifth", "sixth")]
    po = merge_catalog(old, make_article(new), "ru")
    draft, edit = po.find(new[1]), po.find(new[2])
    assert (draft.msgstr, draft.previous_msgid, draft.fuzzy) == ("MT 1", LINES[1], True)
    assert get_notes(draft, "MT") and needs_mt(draft)  # a draft of the new text may replace it
    assert entry_state(draft) == "review"  # until then: a draft of an older source
    assert (edit.msgstr, edit.previous_msgid, edit.fuzzy) == ("правка переводчика", LINES[2], True)
    assert not get_notes(edit, "MT") and not needs_mt(edit, retranslate_mt=True)
    assert not [e for e in po if e.obsolete]  # both carried, as msgmerge carries them


def test_a_fuzzy_edit_whose_unit_left_is_kept_obsolete_a_machine_draft_is_dropped():
    old = drafted(LINES[:4])
    old.find(LINES[2]).msgstr = "правка переводчика"  # edited, left fuzzy
    legacy = old.find(LINES[3])  # a draft of an earlier version: its note has no digest
    legacy.comment = legacy.comment.replace(
        next(line for line in legacy.comment.splitlines() if line.startswith("MT: ")),
        "MT: argos translate-en_ru 1.9")
    po = merge_catalog(old, make_article([LINES[0]]), "ru")
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in po if e.obsolete] == [
        (LINES[2], "правка переводчика", True), (LINES[3], "MT 3", True)]


def test_a_remerge_carries_the_runs_drafts_never_over_or_instead_of_a_persons_work():
    """carry_drafts, when a run merges a file saved meanwhile: its machine drafts go to the
    entries the saved file leaves to the tool; a person's fuzzy edit, in the saved file or
    in the run's own catalog, is never copied over anything, even with retranslate_mt."""
    lines = LINES[:4]
    run = drafted(lines)
    run.find(LINES[3]).msgstr = "правка, прочитанная прогоном"  # the run read an edit
    saved = merge_catalog(None, make_article(lines), "ru")
    set_machine_translation(saved.find(LINES[0]), "MT 0", "argos translate-en_ru 1.9")
    saved.find(LINES[0]).msgstr = "правка, сохранённая во время прогона"  # left fuzzy
    saved.find(LINES[2]).msgstr = "одобрено"
    # LINES[1] and LINES[3] are empty in the saved file (LINES[3]: the person cleared it)
    merged = merge_catalog(saved, make_article(lines), "ru")
    assert carry_drafts(merged, run, retranslate_mt=True) == 1
    assert [(e.msgstr, entry_state(e)) for e in merged] == [
        ("правка, сохранённая во время прогона", "review"), ("MT 1", "machine"),
        ("одобрено", "approved"), ("", "untranslated")]


# --- Entries a translator added: msgctxt, duplicates, plural forms (as GNU gettext does) ---

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)


def write_po(path: Path, body: str) -> Path:
    """A PO file as a translator's editor left it: the header above, then ``body``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def msgmerged(po_file: Path, texts: list[str], tmp_path: Path) -> polib.POFile:
    """What GNU msgmerge --previous makes of ``po_file`` with a template of ``texts``."""
    pot = tmp_path / "article.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        + "".join(f'msgid "{text}"\nmsgstr ""\n\n' for text in texts),
        encoding="utf-8",
    )
    done = subprocess.run(["msgmerge", "--previous", "--quiet", str(po_file), str(pot)],
                          capture_output=True, text=True, check=True)
    return polib.pofile(done.stdout)


def outline(po: polib.POFile) -> list[tuple]:
    """Each entry as gettext sees it: key, translation, fuzzy, obsolete, previous source."""
    return sorted(
        (e.msgctxt or "", e.msgid, e.msgstr, dict(e.msgstr_plural), e.fuzzy, bool(e.obsolete),
         e.previous_msgctxt or "", e.previous_msgid or "", e.previous_msgid_plural or "")
        for e in po
    )


def test_an_entry_under_a_msgctxt_is_kept_as_msgmerge_keeps_it(tmp_path):
    # Poedit and Weblate add entries under a msgctxt. Keyed by msgid alone, the approved
    # translation of one with the same msgid as a unit was dropped, not even kept obsolete.
    path = write_po(tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po", (
        f'msgid "{LINES[0]}"\nmsgstr ""\n\n'
        f'msgctxt "edition"\nmsgid "{LINES[0]}"\nmsgstr "Армения отзывает посла"\n\n'
        'msgctxt "sidebar"\nmsgid "Gone."\nmsgstr "Ушло."\n'
    ))
    merged = merge_catalog(read_catalog(path), make_article(LINES[:2]), "ru")
    assert outline(merged) == outline(msgmerged(path, LINES[:2], tmp_path))
    kept = merged.find(LINES[0], msgctxt="edition", include_obsolete_entries=True)
    assert (kept.obsolete, kept.msgstr) == (1, "Армения отзывает посла")
    assert kept.comment == ""  # no #. on an obsolete entry, as msgmerge writes it
    written = tmp_path / "merged.po"
    write_catalog(merged, written)
    assert_gettext_clean(written)
    assert outline(read_catalog(written)) == outline(merged)


def test_a_translation_under_a_msgctxt_only_is_offered_for_review_as_msgmerge_does(tmp_path):
    path = write_po(tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po", (
        f'msgctxt "edition"\nmsgid "{LINES[0]}"\nmsgstr "Армения отзывает посла"\n'
    ))
    merged = merge_catalog(read_catalog(path), make_article(LINES[:2]), "ru")
    assert outline(merged) == outline(msgmerged(path, LINES[:2], tmp_path))
    entry = merged.find(LINES[0])
    assert (entry.msgctxt, entry.previous_msgctxt, entry.previous_msgid) == (
        None, "edition", LINES[0])
    assert entry_state(entry) == "review"  # a person confirms it: not approved, not lost


def test_a_plural_entry_for_a_unit_becomes_singular_and_fuzzy_as_msgmerge_makes_it(tmp_path):
    # It used to count as approved while every output fell back to English (the assembler
    # reads msgstr, which a plural entry leaves empty).
    path = write_po(tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po", (
        f'msgid "{LINES[0]}"\nmsgid_plural "Armenia recalls ambassadors"\n'
        'msgstr[0] "Армения отзывает посла"\nmsgstr[1] "Армения отзывает послов"\n'
        'msgstr[2] "Армения отзывает послов"\n'
    ))
    raw = read_catalog(path).find(LINES[0])
    assert entry_state(raw) == "review"  # what `translate assemble` and `status` count
    merged = merge_catalog(read_catalog(path), make_article(LINES[:2]), "ru")
    assert outline(merged) == outline(msgmerged(path, LINES[:2], tmp_path))
    entry = merged.find(LINES[0])
    assert (entry.msgstr, entry_state(entry)) == ("Армения отзывает посла", "review")
    assert get_notes(entry, "kept") == ["msgstr[1]: Армения отзывает послов",
                                        "msgstr[2]: Армения отзывает послов"]
    written = tmp_path / "merged.po"
    write_catalog(merged, written)
    assert_gettext_clean(written)
    assert write_catalog(merge_catalog(read_catalog(written), make_article(LINES[:2]), "ru"),
                         written) is False  # stable from then on


@pytest.mark.broken_po
@pytest.mark.parametrize("second", ["", "#~ "])
def test_a_duplicate_entry_is_refused_at_the_lines_msgfmt_gives(tmp_path, second):
    # The second translation used to replace the first without a word.
    body = (f'# checked\nmsgid "{LINES[0]}"\nmsgstr ""\n"Первый перевод"\n\n'
            f'#. note\n{second}msgid "{LINES[0]}"\n{second}msgstr "Второй перевод"\n')
    path = write_po(tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po", body)
    text = path.read_text(encoding="utf-8")
    check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 1
    second_line, first_line = re.findall(rf"^{re.escape(str(path))}:(\d+): ", check.stderr,
                                         re.MULTILINE)
    assert (int(second_line), int(first_line)) == (15, 11)  # second msgid, first msgstr
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert str(caught.value) == (
        f"{path}:{second_line}: duplicate message definition, first defined at line "
        f"{first_line}; keep one of the two entries"
    )
    assert path.read_text(encoding="utf-8") == text  # untouched


def test_the_same_msgid_under_two_contexts_is_no_duplicate(tmp_path):
    path = write_po(tmp_path / "ru/LC_MESSAGES/a.po", (
        'msgid "Title"\nmsgstr "Заголовок"\n\nmsgctxt "menu"\nmsgid "Title"\nmsgstr "Название"\n'
    ))
    assert [(e.msgctxt, e.msgstr) for e in read_catalog(path)] == [
        (None, "Заголовок"), ("menu", "Название")]


def test_obsolete_entries_carry_no_extracted_comments_as_msgmerge_writes_them(tmp_path):
    """Issue 16: msgmerge, Translate Toolkit and polib drop ``#.`` on obsolete entries; so
    does the merge, and the file is what msgmerge makes of it. A machine draft that left the
    article is no person's work: dropped, unless a translator commented on it."""
    old = merge_catalog(None, make_article(LINES[:4]), "ru")
    for number, entry in enumerate(old):
        entry.msgstr = f"перевод {number}"
    set_machine_translation(old.find(LINES[2]), "машинный", "argos translate-en_ru 1.9")
    set_machine_translation(old.find(LINES[3]), "машинный 2", "argos translate-en_ru 1.9")
    old.find(LINES[3]).tcomment = "keep this one"
    path = tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    path.parent.mkdir(parents=True)
    write_catalog(old, path)
    merged = merge_catalog(read_catalog(path), make_article([LINES[0]]), "ru")
    obsolete = [e for e in merged if e.obsolete]
    assert [(e.msgid, e.tcomment) for e in obsolete] == [
        (LINES[1], ""), (LINES[3], "keep this one")]
    assert all(e.comment == "" and not e.occurrences for e in obsolete)
    written = tmp_path / "merged.po"
    write_catalog(merged, written)
    text = written.read_text(encoding="utf-8")
    assert not [line for block in text.split("\n\n") if "#~ msgid" in block
                for line in block.splitlines() if line.startswith("#.")]
    gettext = msgmerged(path, [LINES[0]], tmp_path)
    ours = [e for e in read_catalog(written) if e.obsolete]
    theirs = {e.msgid: e for e in gettext if e.obsolete}
    for entry in ours:  # what msgmerge keeps of each, less nothing (a draft it keeps, we drop)
        assert theirs[entry.msgid].comment == entry.comment == ""
        assert (theirs[entry.msgid].msgstr, theirs[entry.msgid].tcomment) == (
            entry.msgstr, entry.tcomment)
