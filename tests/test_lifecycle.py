"""Issue 4 end to end: the PO lifecycle through `translate run`, with GNU gettext's own tools.

Translators' edits are made the way translators make them: ``msgattrib --clear-fuzzy`` on
chosen entries, or a msgstr rewritten by an editor and normalised by ``msgcat``. Sources are
edited between runs. Everything is real: the CLI, the fixture Argos packages installed with
`translate models install`, CTranslate2, the PO writer, msgcat, msgattrib and msgfmt.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke

from translate.po.catalog import entry_state, msgstr_digest, set_machine_translation
from translate.text.wordcount import count_words

pytestmark = pytest.mark.gettext  # msgcat, msgattrib, msgfmt (conftest)

ARTICLE = SEED.stem

HEADLINE = "Armenia recalls ambassador from Israel to protest sale of weapons to Azerbaijan"
HEADLINE_RU = "Армения отзывает посла из Израиля в знак протеста против продажи оружия Азербайджану"
EDITED = "Hajiyev lauded the effectiveness of the Israeli weapons."
EDITED_NEW = "Hajiyev praised the effectiveness of the Israeli weapons."
REMOVED = "The Azeri Ministry of Defense released several videos showing drones in action against Armenian forces."  # noqa: E501
CREDIT = "The Associated Press contributed to this report."
ADDED = "Officials in Baku declined to comment on Friday."
#: Entries the translator approves with msgattrib --clear-fuzzy (keeping the MT text).
APPROVED = (EDITED, REMOVED, CREDIT)


def run_ru(*extra: str, code: int = 0) -> str:
    return invoke("run", "--threads", "1", "--quiet", "--lang", "ru", *extra, code=code).output


def gettext(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a GNU gettext tool; it must succeed."""
    done = subprocess.run(list(args), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def po_file(root: Path, lang: str = "ru", article: str = ARTICLE) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{article}.po"


def entries(path: Path) -> dict[str, polib.POEntry]:
    """Live entries by msgid."""
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def assert_msgcat_identical(path: Path) -> None:
    """`msgcat FILE` prints the file unchanged, and `msgfmt --check` accepts it."""
    printed = gettext("msgcat", str(path)).stdout
    assert printed == path.read_text(encoding="utf-8"), f"msgcat rewrites {path}"
    gettext("msgfmt", "--check", "-o", os.devnull, str(path))


TOOL_NOTE = re.compile(r"^(?:role|unit|lang|glossary|TM|MT|QA): \S")


def assert_notes_whole(path: Path) -> None:
    """Every `#.` line is one whole note of the tool: none is the stray tail of a note that
    an editor (polib) wrapped, left behind when the note was rewritten."""
    for entry in polib.pofile(str(path)):
        for line in entry.comment.splitlines():
            assert TOOL_NOTE.match(line), f"{path}: stray extracted comment {line!r}"


def approve_with_msgattrib(path: Path, msgids: tuple[str, ...]) -> None:
    """`msgattrib --clear-fuzzy --only-file=LIST`: approve exactly those entries, in place."""
    chosen = polib.POFile()
    chosen.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid in msgids:
        chosen.append(polib.POEntry(msgid=msgid, msgstr=""))
    listing = path.parent / "approve-list.pot"
    chosen.save(str(listing))
    gettext("msgattrib", "--clear-fuzzy", f"--only-file={listing}", "-o", str(path), str(path))
    listing.unlink()


def rewrite_msgstr(path: Path, msgid: str, msgstr: str) -> None:
    """What an editor does: a new msgstr, fuzzy cleared, saved, then `msgcat` normalisation."""
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save(str(path))
    gettext("msgcat", "-o", str(path), str(path))


def edit_source(root: Path, old: str, new: str) -> None:
    path = root / "seeds" / SEED.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_human_work_intact(path: Path, approved: dict[str, str]) -> None:
    """Every approved msgstr is still there, word for word, and still approved."""
    live = entries(path)
    for msgid, msgstr in approved.items():
        assert live[msgid].msgstr == msgstr, msgid
        assert entry_state(live[msgid]) == "approved", msgid
        assert "fuzzy" not in live[msgid].flags


def test_human_edits_survive_three_update_cycles(ready_project: Path) -> None:
    path = po_file(ready_project)
    run_ru()
    assert {entry_state(e) for e in entries(path).values()} == {"machine"}

    # A translator approves three drafts with msgattrib and rewrites the headline in an editor.
    approve_with_msgattrib(path, APPROVED)
    rewrite_msgstr(path, HEADLINE, HEADLINE_RU)
    live = entries(path)
    human = {msgid: live[msgid].msgstr for msgid in (*APPROVED, HEADLINE)}
    assert human[HEADLINE] == HEADLINE_RU
    assert sum(entry_state(e) == "approved" for e in live.values()) == 4
    old_edited_translation = human.pop(EDITED)

    # Cycle 1: a sentence is edited → fuzzy, `#| msgid` the old source, the old translation.
    edit_source(ready_project, EDITED, EDITED_NEW)
    output = run_ru()
    assert "ru: 0 by MT, 0 from memory, 16 already done, 0 untranslated" in output
    live = entries(path)
    changed = live[EDITED_NEW]
    assert EDITED not in live
    assert entry_state(changed) == "review"
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == EDITED
    assert changed.msgstr == old_edited_translation
    assert "MT:" not in changed.comment
    assert not [e for e in polib.pofile(str(path)) if e.obsolete]  # reused, not obsoleted
    assert_human_work_intact(path, human)
    assert_msgcat_identical(path)
    assert_notes_whole(path)

    # Cycle 2: a paragraph is added → a new machine draft; nothing else moves.
    edit_source(ready_project, CREDIT, f"{ADDED}\n{CREDIT}")
    output = run_ru()
    assert "ru: 1 by MT, 0 from memory, 16 already done, 0 untranslated" in output
    live = entries(path)
    assert list(live).index(ADDED) == list(live).index(CREDIT) - 1  # article order
    assert entry_state(live[ADDED]) == "machine"
    note = ("MT: argos translate-en_ru-1_0 1.0 (confidence 1.00) "
            f"(msgstr sha256 {msgstr_digest(live[ADDED].msgstr)})")
    assert note in live[ADDED].comment.splitlines()
    assert entry_state(live[EDITED_NEW]) == "review"
    assert live[EDITED_NEW].previous_msgid == EDITED
    assert_human_work_intact(path, human)
    assert_msgcat_identical(path)

    # Cycle 3: an approved paragraph is removed → an obsolete `#~` entry, translation kept.
    removed_translation = human.pop(REMOVED)
    edit_source(ready_project, f"{REMOVED}\n", "")
    run_ru()
    obsolete = [e for e in polib.pofile(str(path)) if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [(REMOVED, removed_translation)]
    text = path.read_text(encoding="utf-8")
    assert text.index("#~ msgid") > text.index(f'msgid "{CREDIT}"')  # after the live ones
    assert REMOVED not in entries(path)
    assert_human_work_intact(path, human)
    assert entry_state(entries(path)[EDITED_NEW]) == "review"
    assert_msgcat_identical(path)

    # A rerun keeps the obsolete entry; --drop-obsolete drops it, and only it.
    run_ru()
    assert [e.msgid for e in polib.pofile(str(path)) if e.obsolete] == [REMOVED]
    before = entries(path)
    run_ru("--drop-obsolete")
    assert not [e for e in polib.pofile(str(path)) if e.obsolete]
    after = entries(path)
    assert list(after) == list(before)
    assert all(after[m].msgstr == before[m].msgstr for m in after)
    assert_human_work_intact(path, human)
    assert_msgcat_identical(path)


def test_retranslate_mt_redoes_machine_drafts_only(ready_project: Path) -> None:
    path = po_file(ready_project)
    run_ru()
    approve_with_msgattrib(path, (CREDIT,))
    rewrite_msgstr(path, HEADLINE, HEADLINE_RU)
    # A review entry: a person's translation of an older source, still fuzzy.
    edit_source(ready_project, EDITED, EDITED_NEW)
    approve_with_msgattrib(path, (EDITED,))
    run_ru()
    pristine = entries(path)
    drafts = [m for m, e in pristine.items() if entry_state(e) == "machine"]
    draft, wip = drafts[0], drafts[1]
    po = polib.pofile(str(path))
    # A machine draft of another model (its MT note says so, digest included), and a
    # translator's work in progress: a machine draft edited and left fuzzy.
    set_machine_translation(po.find(draft), "СТАРЫЙ ЧЕРНОВИК", "argos translate-en_ru-0_9 0.9")
    po.find(wip).msgstr = "ЧЕРНОВИК ПЕРЕВОДЧИКА"
    po.save(str(path))
    gettext("msgcat", "-o", str(path), str(path))

    run_ru()  # without the option, machine drafts stay as they are
    assert entries(path)[draft].msgstr == "СТАРЫЙ ЧЕРНОВИК"

    output = run_ru("--retranslate-mt")
    machine_count = sum(entry_state(e) == "machine" for e in pristine.values())
    assert f"ru: {machine_count - 1} by MT" in output  # all but the translator's
    after = entries(path)
    assert after[draft].msgstr == pristine[draft].msgstr  # the model's output again
    assert entry_state(after[draft]) == "machine"
    assert (after[wip].msgstr, entry_state(after[wip])) == ("ЧЕРНОВИК ПЕРЕВОДЧИКА", "review")
    for msgid in (CREDIT, HEADLINE, EDITED_NEW):
        assert after[msgid].msgstr == pristine[msgid].msgstr
        assert after[msgid].flags == pristine[msgid].flags
        assert after[msgid].previous_msgid == pristine[msgid].previous_msgid
    assert after[HEADLINE].msgstr == HEADLINE_RU
    assert entry_state(after[EDITED_NEW]) == "review"
    assert_msgcat_identical(path)


def write_article(root: Path, name: str, lines: list[str]) -> None:
    (root / "seeds" / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


SHARED = "Shelling of the town continued overnight, local officials said."


def test_translation_memory_reuses_approved_work_across_articles(ready_project: Path) -> None:
    (ready_project / "seeds" / SEED.name).unlink()
    write_article(ready_project, "alpha", ["Ceasefire talks stall in Moscow", SHARED])
    write_article(ready_project, "beta", ["Fighting resumes in the north", SHARED])
    run_ru()
    # In alpha the translator rewrites the shared sentence; in beta it stays a machine draft.
    human = "Обстрелы города продолжались всю ночь, сообщили местные власти."
    rewrite_msgstr(po_file(ready_project, article="alpha"), SHARED, human)
    beta_draft = entries(po_file(ready_project, article="beta"))[SHARED].msgstr
    assert beta_draft != human

    write_article(ready_project, "gamma", ["Aid convoy reaches the town", SHARED])
    output = run_ru()
    assert "ru: 1 by MT, 1 from memory, 4 already done" in output
    reused = entries(po_file(ready_project, article="gamma"))[SHARED]
    assert reused.msgstr == human  # approved beats machine draft
    assert (f"TM: exact match from locales/ru/LC_MESSAGES/alpha.po (msgstr sha256 "
            f"{msgstr_digest(human)})") in reused.comment.splitlines()
    assert "fuzzy" in reused.flags and entry_state(reused) == "review"
    assert not [line for line in reused.comment.splitlines() if line.startswith("MT:")]
    assert entries(po_file(ready_project, article="beta"))[SHARED].msgstr == beta_draft
    for article in ("alpha", "beta", "gamma"):
        assert_msgcat_identical(po_file(ready_project, article=article))


def test_compendium_given_with_tm_is_used(ready_project: Path) -> None:
    (ready_project / "seeds" / SEED.name).unlink()
    compendium = polib.POFile()
    compendium.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    compendium.append(polib.POEntry(msgid=SHARED, msgstr="Обстрелы продолжались всю ночь."))
    compendium.save(str(ready_project / "compendium.po"))
    write_article(ready_project, "delta", ["Aid convoy reaches the town", SHARED])
    output = run_ru("--tm", "compendium.po")
    assert "ru: 1 by MT, 1 from memory" in output
    entry = entries(po_file(ready_project, article="delta"))[SHARED]
    assert entry.msgstr == "Обстрелы продолжались всю ночь."
    assert (f"TM: exact match from compendium.po (msgstr sha256 {msgstr_digest(entry.msgstr)})"
            in entry.comment.splitlines())
    assert entry_state(entry) == "review"


TRICKY = [
    'Tricky "quoted" headline with a \\backslash, C:\\path and a very long URL '
    "https://example.com/a/very/long/path/that/does/not/fit/on/one/line/of/seventy-nine/columns?x=1",
    "A standfirst with “curly quotes”, ‘single ones’, «guillemets», an em dash — and "
    "3,000.5 percent; it goes on long enough that gettext has to wrap it over several lines.",
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword "
    "follows.",
    "Residents said: “We heard the sirens at night,” and went to the shelters.",
]
HEBREW = (
    "שגרירות ארמניה בישראל\nהודיעה ביום חמישי כי השגריר נקרא להתייעצויות בירוואן, "
    'לאחר שדווח על מכירת נשק ישראלי לאזרבייג\'ן; צה"ל לא הגיב לדיווח.'
)
ARMENIAN = (
    "Հայաստանի Հանրապետությունը հինգշաբթի հայտարարեց,\nոր հետ է կանչում Իսրայելում իր "
    "դեսպանին՝ ի նշան բողոքի Ադրբեջանին զենք վաճառելու դեմ։"
)


def test_msgcat_round_trip_is_identical_for_every_po_the_pipeline_writes(
    ready_project: Path,
) -> None:
    write_article(ready_project, "tricky", TRICKY)
    invoke("run", "--threads", "1", "--quiet")
    # Translators put multi-line Hebrew and Armenian text (and a long Russian one) in.
    for lang, msgstr in (("he", HEBREW), ("hy", ARMENIAN), ("ru", "Кавычки «ёлочки» " * 12)):
        for article, msgid in (("tricky", TRICKY[1]), (ARTICLE, HEADLINE)):
            rewrite_msgstr(po_file(ready_project, lang, article), msgid, msgstr)
    edit_source(ready_project, EDITED, EDITED_NEW)  # `#| msgid` lines too
    invoke("run", "--threads", "1", "--quiet")
    written = sorted((ready_project / "locales").rglob("*.po"))
    assert len(written) == 8
    for path in written:
        assert_msgcat_identical(path)
        assert_notes_whole(path)
    he = entries(po_file(ready_project, "he", "tricky"))
    assert he[TRICKY[1]].msgstr == HEBREW
    assert entries(po_file(ready_project, "hy", "tricky"))[TRICKY[1]].msgstr == ARMENIAN
    raw = po_file(ready_project, "he", "tricky").read_text(encoding="utf-8")
    assert '"שגרירות ארמניה בישראל\\n"' in raw  # a multi-line msgstr breaks after \n
    assert "C:\\\\path" in raw and '\\"quoted\\"' in raw


def count_independently(path: Path) -> dict[str, dict[str, int]]:
    """Units and words per state of one PO file, counted here with polib only."""
    units = dict.fromkeys(("approved", "machine", "review", "untranslated"), 0)
    words = dict(units)
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        notes = entry.comment.splitlines()
        digest = hashlib.sha256(entry.msgstr.encode("utf-8")).hexdigest()[:8]
        if not entry.msgstr:
            state = "untranslated"
        elif "fuzzy" not in entry.flags:
            state = "approved"
        elif entry.previous_msgid is None and any(
                n.startswith("MT: ") and f"(msgstr sha256 {digest})" in n for n in notes):
            state = "machine"  # its msgstr is the one the MT note records (README)
        else:
            state = "review"
        units[state] += 1
        words[state] += count_words(entry.msgid)
    return {"units": units, "words": words}


MSGFMT_STATISTICS = re.compile(
    r"(?:(\d+) translated messages?)?(?:, )?(?:(\d+) fuzzy translations?)?(?:, )?"
    r"(?:(\d+) untranslated messages?)?\."
)


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as `msgfmt --statistics` reports them."""
    done = gettext("msgfmt", "--statistics", "-o", os.devnull, str(path))
    found = MSGFMT_STATISTICS.search(done.stderr.strip())
    assert found, done.stderr
    return tuple(int(group or 0) for group in found.groups())  # type: ignore[return-value]


def test_status_json_matches_an_independent_count_and_msgfmt(ready_project: Path) -> None:
    import json

    invoke("run", "--threads", "1", "--quiet", "--lang", "ru,he")
    approve_with_msgattrib(po_file(ready_project), (EDITED, CREDIT, REMOVED))
    rewrite_msgstr(po_file(ready_project, "he"), HEADLINE, "ארמניה מחזירה את שגרירה מישראל")
    ru = polib.pofile(str(po_file(ready_project)))
    ru.find(HEADLINE).msgstr = HEADLINE_RU  # work in progress: left fuzzy
    ru.save(str(po_file(ready_project)))
    edit_source(ready_project, EDITED, EDITED_NEW)  # a review entry in ru
    write_article(ready_project, "later", ["Talks to resume next week", "No date was given."])
    invoke("run", "--quiet", "--engine", "none", "--lang", "ru,he")  # untranslated entries
    data = json.loads(invoke("status", "--json", "--lang", "ru,he").output)
    assert data["problems"] == []
    seen_states = set()
    for lang in ("ru", "he"):
        totals = {"units": {}, "words": {}}
        for article in (ARTICLE, "later"):
            path = po_file(ready_project, lang, article)
            expected = count_independently(path)
            got = data["languages"][lang]["articles"][article]
            for kind in ("units", "words"):
                assert {k: v for k, v in got[kind].items() if k != "total"} == expected[kind]
                assert got[kind]["total"] == sum(expected[kind].values())
                for state, n in expected[kind].items():
                    totals[kind][state] = totals[kind].get(state, 0) + n
            seen_states |= {s for s, n in expected["units"].items() if n}
            units = expected["units"]
            assert msgfmt_statistics(path) == (
                units["approved"],
                units["machine"] + units["review"],
                units["untranslated"],
            )
            share = round(100 * units["approved"] / sum(units.values()), 1)
            assert got["percent"]["units"]["approved"] == share
        total = data["languages"][lang]["total"]
        for kind in ("units", "words"):
            assert {k: v for k, v in total[kind].items() if k != "total"} == totals[kind]
    assert seen_states == {"approved", "machine", "review", "untranslated"}


def test_po_whose_language_header_differs_from_its_folder_is_an_error(ready_project: Path) -> None:
    run_ru()
    path = po_file(ready_project)
    text = path.read_text(encoding="utf-8").replace('"Language: ru\\n"', '"Language: he\\n"')
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("Language: he")].count("\n") + 1
    message = f"locales/ru/LC_MESSAGES/{ARTICLE}.po:{line}: Language header is 'he'"
    output = run_ru(code=1)
    assert message in output and "Traceback" not in output
    assert path.read_text(encoding="utf-8") == text  # left untouched
    assert message in invoke("status", "--lang", "ru", code=1).output
    result = invoke("check", "--lang", "ru", code=1)
    assert message in result.output


LOCK_HOLDER = textwrap.dedent(
    """
    import sys
    from translate.core.fsutil import project_lock
    with project_lock(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.readline()
    """
)


def test_a_run_fails_clearly_while_another_process_holds_the_lock(ready_project: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(ready_project / "locales")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = invoke("run", "--quiet", "--lang", "ru", code=1)
        assert "another translate run holds the lock on this project" in result.output
        assert "locales/.translate.lock" in result.output
        assert "Traceback" not in result.output
        assert not po_file(ready_project).exists()  # nothing was written
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    assert "ru: 16 by MT" in run_ru()
