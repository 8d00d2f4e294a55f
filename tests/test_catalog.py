"""PO catalogs: merge semantics, states, translation memory, and files exactly as gettext writes."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.article import Article, Unit
from translate.catalog import (
    build_memory,
    entry_state,
    format_catalog,
    get_notes,
    merge_catalog,
    needs_mt,
    po_path,
    read_catalog,
    set_machine_translation,
    set_note,
    write_catalog,
)
from translate.errors import CatalogError

pytestmark = pytest.mark.gettext

SOURCE = "seeds/armenia-recalls-ambassador.txt"
LINES = [
    "Armenia recalls ambassador from Israel to protest sale of weapons to Azerbaijan",
    "Jerusalem says it regrets Armenian decision, which comes after Azeri official confirmed "
    "his country is using Israeli attack drones in fresh fighting",
    "The clash continued for a fifth straight day on Thursday.",
    'A spokeswoman called it "Israel’s supply of ultra-modern weapons to Azerbaijan."',
    "Nagorno-Karabakh is disputed.",
]


def make_article(lines: list[str], *, langs: dict[int, str] | None = None) -> Article:
    """An article with one unit per line (the first is the headline)."""
    parts: list[str | Unit] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines):
        seen[text] = seen.get(text, 0) + 1
        digest = hashlib.sha1(f"{text}\0{seen[text]}".encode()).hexdigest()[:8]
        role = "headline" if number == 0 else "sentence"
        lang = (langs or {}).get(number)
        parts += [Unit(digest, role, text, number, number + 1, lang=lang), "\n"]
    return Article("armenia-recalls-ambassador", Path(SOURCE), tuple(parts))


def msgcat(path: Path) -> str:
    done = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    return done.stdout


def assert_gettext_clean(path: Path) -> None:
    """msgcat prints the file unchanged and msgfmt --check accepts it."""
    assert msgcat(path) == path.read_text(encoding="utf-8")
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert check.stderr == ""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")


@pytest.mark.parametrize("lang", ["hy", "az", "he", "ru"])
def test_new_catalog_is_what_gettext_writes(tmp_path, lang):
    path = po_path(tmp_path, lang, "armenia-recalls-ambassador")
    po = merge_catalog(None, make_article(LINES), lang)
    assert write_catalog(po, path)
    assert_gettext_clean(path)
    po = read_catalog(path)
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    entry = po.find(LINES[1])
    assert entry.occurrences == [(SOURCE, "2")]
    assert get_notes(entry, "role") == ["sentence"]
    assert entry_state(entry) == "untranslated"


@pytest.mark.parametrize("lang", ["hy", "az", "he", "ru"])
def test_a_stale_plural_forms_header_gets_babels_rule_on_the_next_merge(tmp_path, lang):
    from babel.messages.plurals import get_plural

    old = merge_catalog(None, make_article(LINES), lang)
    old.metadata["Plural-Forms"] = "nplurals=1; plural=0;"  # what Babel < 2.19 gave Armenian
    old.metadata["Last-Translator"] = "Anna <anna@example.am>"
    merged = merge_catalog(old, make_article(LINES), lang)
    assert merged.metadata["Plural-Forms"] == get_plural(lang).plural_forms
    assert merged.metadata["Last-Translator"] == "Anna <anna@example.am>"  # a person's value


def test_seed_entry_text_is_pinned(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    write_catalog(merge_catalog(None, make_article(LINES[:2]), "ru"), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: armenia-recalls-ambassador\\n"\n'
    )
    assert '"PO-Revision-Date: 2020-09-13 12:26+0000\\n"\n' in text
    assert text.endswith(
        "#. role: sentence\n"
        "#. unit: " + make_article(LINES[:2]).units[1].id + "\n"
        "#: seeds/armenia-recalls-ambassador.txt:2\n"
        'msgid ""\n'
        '"Jerusalem says it regrets Armenian decision, which comes after Azeri "\n'
        '"official confirmed his country is using Israeli attack drones in fresh "\n'
        '"fighting"\n'
        'msgstr ""\n'
    )


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


def test_write_catalog_leaves_unchanged_file_alone(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    po = merge_catalog(None, make_article(LINES), "ru")
    assert write_catalog(po, path)
    os.utime(path, (1, 1))
    again = merge_catalog(read_catalog(path), make_article(LINES), "ru")
    assert not write_catalog(again, path)
    assert path.stat().st_mtime == 1
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    again.find(LINES[0]).msgstr = "Армения"
    assert write_catalog(again, path)
    assert read_catalog(path).metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense\n', 6),
        ('msgid ""\nmsgstr ""\n\nmsgid "unterminated\nmsgstr ""\n', 4),
    ],
)
def test_bad_po_file_reported_with_line_and_untouched(tmp_path, text, line):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == text
    subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True)
    assert message.split(":")[1].isdigit()
    assert abs(int(message.split(":")[1]) - line) <= 1


def test_language_header_must_match_folder(tmp_path):
    path = tmp_path / "hy/LC_MESSAGES/a.po"
    write_catalog(merge_catalog(None, make_article(LINES), "ru"), path)
    with pytest.raises(CatalogError, match=r"a\.po:\d+: Language header is 'ru'.*'hy' folder"):
        read_catalog(path)


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
    assert get_notes(target, "TM") == [f"exact match from {paths[1]}"]
    drafted = polib.POEntry(msgid="Only machine.", msgstr="")
    memory.apply(drafted)
    assert entry_state(drafted) == "machine" and needs_mt(drafted, retranslate_mt=True)


TRICKY = [
    "",
    "x" * 300,
    "a\nb",
    "ends with newline\n",
    "\n",
    "two\n\nblank lines\n\n",
    'quotes "inside" and \\backslashes\\ and \ttabs',
    "Armenian foreign ministry spokewoman @naghdalyan: \"For us, Israel's supply of ultra-modern "
    'weapons to Azerbaijan is unacceptable"',
    "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին՝ ի նշան բողոքի Ադրբեջանին զենք վաճառելու "
    "դեմ։ Իսրայելը ափսոսանք է հայտնել։",
    "ירושלים אומרת שהיא מצטערת על החלטת ארמניה, שהגיעה לאחר שבכיר אזרי אישר כי ארצו משתמשת "
    "ברחפני תקיפה ישראליים בלחימה־החדשה",
    "Армения отозвала посла — «решение» МИД (2020) стоит 5 000 ₽, 50% и №7… http://x.am/a/b/c",
    "http://example.com/" + "segment/" * 15,
    "中文字符的宽度是两个列所以换行的位置会不同这是一个很长的句子用来测试换行",
    "e\u0301 combining and zero\u200bwidth and no\u00a0break and soft\u00adhyphen " * 3,
]


def write_entries(tmp_path: Path, texts: list[str], flags: list[str]) -> Path:
    po = merge_catalog(None, make_article(["Title"]), "he")
    for number, text in enumerate(dict.fromkeys(texts)):
        if text and text != "Title":
            po.append(
                polib.POEntry(
                    msgid=text,
                    msgstr=text.swapcase(),
                    flags=list(flags),
                    occurrences=[(f"seeds/{'long-' * number}name.txt", str(number))] * 1,
                    tcomment=f"translator {number}",
                    previous_msgid=text if number % 2 else None,
                )
            )
    path = tmp_path / "he/LC_MESSAGES/x.po"
    write_catalog(po, path)
    return path


@pytest.mark.parametrize("flags", [[], ["fuzzy"], ["no-wrap", "python-format"]])
def test_tricky_strings_round_trip_through_msgcat(tmp_path, flags):
    path = write_entries(tmp_path, TRICKY, flags)
    assert_gettext_clean(path)
    again = read_catalog(path)
    assert [e.msgstr for e in again if e.msgid][1:] == [t.swapcase() for t in TRICKY if t]
    assert format_catalog(again) == path.read_text(encoding="utf-8")


def test_obsolete_entries_round_trip(tmp_path):
    old = merge_catalog(None, make_article(LINES), "ru")
    for entry in old:
        if entry.msgid:
            entry.msgstr = entry.msgid.upper() * 2
    po = merge_catalog(old, make_article(["Completely different text here."]), "ru")
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    write_catalog(po, path)
    assert_gettext_clean(path)
    assert "#~ msgid" in path.read_text(encoding="utf-8")
    assert format_catalog(read_catalog(path)) == path.read_text(encoding="utf-8")


TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 .,;:!?-/\\\"'()[]%$@#\t\n")
        + list("«»“”‘’„—–…€₽№")
        + list("Հայաստան՝։֊")
        + list("ישראל־׳״")
        + list("Армения")
        + ["\u00a0", "\u200b", "\u0301", "\u05b8", "中"]
    ),
    max_size=220,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), no_wrap=st.booleans())
def test_any_catalog_is_printed_unchanged_by_msgcat(tmp_path_factory, texts, no_wrap):
    path = write_entries(tmp_path_factory.mktemp("po"), texts, ["no-wrap"] if no_wrap else [])
    assert msgcat(path) == path.read_text(encoding="utf-8")


def test_line_separators_inside_a_unit_survive_write_read_and_msgcat(tmp_path):
    from translate.segment import parse_article

    text = (
        "Headline here\nThe ambassador,\u2028who will return.\n"
        "Soft\x0bbreak in a line. A \x1e record and a \x85 next line.\n"
    )
    article = parse_article(text, "seps", Path("seps.txt"))
    path = tmp_path / "ru" / "LC_MESSAGES" / "seps.po"
    write_catalog(merge_catalog(None, article, "ru"), path)
    again = read_catalog(path)
    assert [e.msgid for e in again] == [u.text for u in article.units]
    catted = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert catted.stdout == path.read_text(encoding="utf-8")
    assert write_catalog(merge_catalog(again, article, "ru"), path) is False  # stable


def test_blank_msgstr_is_untranslated():
    entry = polib.POEntry(msgid="Moscow said.", msgstr="  ")
    assert entry_state(entry) == "untranslated"


def test_language_header_with_a_region_is_accepted_in_its_language_folder(tmp_path):
    path = tmp_path / "ru" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru_RU\\n"\n', encoding="utf-8")
    assert read_catalog(path).metadata["Language"] == "ru_RU"
    path.write_text('msgid ""\nmsgstr ""\n"Language: he_IL\\n"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="Language header is 'he_IL'"):
        read_catalog(path)


@pytest.mark.parametrize(("value", "fixed"), [("1601510400", True), ("yesterday", False)])
def test_source_date_epoch_fixes_dates_and_a_bad_value_is_ignored(monkeypatch, value, fixed):
    from translate.catalog import format_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert (format_date() == "2020-10-01 00:00+0000") is fixed
