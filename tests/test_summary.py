"""Tests of translate.jobs.summary: how entries are counted, the run's report, log-line progress."""

from __future__ import annotations

from pathlib import Path

import polib

from translate.core.progress import LogProgress
from translate.jobs.summary import (
    FOREIGN_REASON,
    LanguageSummary,
    RunSummary,
    count_entries,
    entry_outcome,
)
from translate.po.catalog import set_machine_translation, set_note
from translate.po.writeback import SavedCatalog


def catalog_of_every_kind() -> polib.POFile:
    """Entries in each state a run meets, one obsolete."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Approved.", msgstr="Одобрено."))
    draft = polib.POEntry(msgid="A draft.", msgstr="")
    set_machine_translation(draft, "Черновик.", "pseudo")
    po.append(draft)
    po.append(polib.POEntry(msgid="Review.", msgstr="Проверка.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty one.", msgstr=""))
    po.append(polib.POEntry(msgid="Empty two.", msgstr=""))
    tweet = polib.POEntry(msgid="Мы призываем.", msgstr="")
    set_note(tweet, "lang", ["ru"])
    po.append(tweet)
    stale = polib.POEntry(msgid="Changed.", msgstr="")  # a machine draft of an older source
    set_machine_translation(stale, "Изменено.", "pseudo")
    stale.previous_msgid = "Changed before."
    po.append(stale)
    wip = polib.POEntry(msgid="In progress.", msgstr="")  # a person's edit of a machine draft
    set_machine_translation(wip, "В работе.", "pseudo")
    wip.msgstr = "В работе, правка."
    po.append(wip)
    po.append(polib.POEntry(msgid="Gone.", msgstr="Ушло.", obsolete=True))
    return po


def test_entry_outcomes() -> None:
    po = catalog_of_every_kind()
    foreign = {"Мы призываем."}
    assert [entry_outcome(e, foreign) for e in po if not e.obsolete] == [
        "already", "already", "already", "mt", "mt", "foreign", "redraft", "already",
    ]  # fmt: skip
    assert entry_outcome(po[1], foreign, retranslate_mt=True) == "redraft"
    assert entry_outcome(po[7], foreign, retranslate_mt=True) == "already"  # a person's
    assert entry_outcome(po[5]) == "untranslated"  # not MT'd (``lang:``), not counted foreign


def test_count_entries_for_a_run_its_rerun_record_and_assemble() -> None:
    po = catalog_of_every_kind()
    counts = count_entries(po, {"Мы призываем."})
    # the draft of an older source is done, and MT may replace it
    assert (counts.already, counts.untranslated, counts.pending, counts.redrafts) == (5, 1, 3, 1)
    assert counts.reasons == {FOREIGN_REASON: 1}
    without_mt = count_entries(po, {"Мы призываем."}, no_mt="no MT requested (--engine none)")
    assert (without_mt.already, without_mt.untranslated, without_mt.pending) == (5, 3, 3)
    assert without_mt.reasons == {
        FOREIGN_REASON: 1, "left untranslated: no MT requested (--engine none)": 2,
    }  # fmt: skip
    plain = count_entries(po)  # assemble: every untranslated entry is untranslated
    assert (plain.already, plain.untranslated + plain.pending - plain.redrafts,
            plain.reasons) == (5, 3, {})


def test_run_summary_renders_one_block_per_language() -> None:
    ru = LanguageSummary("ru", machine=2, memory=1, already=3, package="pseudo",
                         published=("a",), held_back=("b", "c"))
    ru.add(count_entries(catalog_of_every_kind(), {"Мы призываем."}))
    ru.leave_untranslated(2, "no Argos package for en→ru")
    summary = RunSummary(articles=["a", "b", "c"], skipped=["d.txt: not English"],
                         languages={"ru": ru}, missing_pairs={"ru": "install one"})
    assert summary.render().splitlines() == [
        "3 article(s): a, b, c",
        "skipped d.txt: not English",
        "ru: 2 by MT, 1 from memory, 8 already done, 3 untranslated [pseudo]",
        "    1 left untranslated: already in another language",
        "    2 left untranslated: no Argos package for en→ru",
        "    bundle: 1 published, 2 held back (below the publish gate)",
        "missing en→ru: install one",
    ]
    assert summary.ok
    ru.errors.append("x.po: broken")
    assert not summary.ok and summary.render().splitlines()[-2] == "    error: x.po: broken"


def test_a_save_merged_during_the_run_is_one_line_per_file() -> None:
    ru = LanguageSummary("ru")
    po = polib.POFile()
    ru.record_save(Path("locales/ru/LC_MESSAGES/a.po"), SavedCatalog(po, "0" * 64, True, 1))
    ru.record_save(Path("locales/ru/LC_MESSAGES/b.po"), SavedCatalog(po, "0" * 64, True, 3))
    ru.record_save(Path("locales/ru/LC_MESSAGES/c.po"), SavedCatalog(po, "0" * 64, False, 0))
    assert ru.files_written == 2
    assert ru.lines()[1:] == [
        "    merged a save made during the run: locales/ru/LC_MESSAGES/a.po",
        "    merged 3 saves made during the run: locales/ru/LC_MESSAGES/b.po",
    ]


def test_log_lines_come_at_most_every_interval() -> None:
    now = [100.0]
    lines: list[str] = []
    progress = LogProgress(lines.append, interval=10.0, clock=lambda: now[0])
    progress.start("ru", 1000)
    for _ in range(100):  # 100 advances of 10 units, one second apart
        now[0] += 1.0
        progress.advance("ru", 10)
    progress.finish("ru")
    assert lines[0] == "en→ru: translating 1000 distinct units"
    assert lines[1] == "en→ru: 100/1000 units (10%), 10.0 units/s, ETA 0:01:30"
    assert lines[-1] == "en→ru: 1000/1000 units (100%), 10.0 units/s, done in 100.0 s"
    assert len(lines) == 1 + 9 + 1  # start, at 10 s, 20 s ... 90 s, the end
    progress.start("he", 0)  # nothing to translate: nothing to say
    progress.finish("he")
    assert len(lines) == 11
