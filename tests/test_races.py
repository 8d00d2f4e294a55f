"""Issue 14: a translator's save is never lost, whatever the editor and whatever the timing.

A run reads a PO file, merges and translates, then writes it back; a translator may save the
same file at any moment in between. These tests save at the worst moments on purpose, and
the stress test saves hundreds of edits from a separate editor process (tests/po_editor.py:
rename, in-place and backup-rename saves; approved, or left fuzzy as work in progress) while
runs rewrite the same files, every other one redrafting machine drafts (--retranslate-mt),
on a loaded machine, and then looks for every single edit, and for the latest translation
of every entry a person edited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from conftest import EPOCH, make_project

from translate.jobs import run as pipeline
from translate.jobs.state import file_sha256
from translate.options import RunOptions
from translate.po import writeback
from translate.qa import catalogs as qa

TESTS = Path(__file__).resolve().parent
PO = Path("locales/ru/LC_MESSAGES")


def write_story(folder: Path, index: int, version: int) -> Path:
    """Article ``story-<index>``; its last line changes with ``version`` (so each run has
    something to merge and write), the others never do."""
    path = folder / f"story-{index:03d}.txt"
    lines = [f"Council {index} approves a new budget for the district"]
    lines += [f"Officials in district {index} said on day {day} that the plan would cost "
              f"{index * 7 + day} million." for day in range(6)]
    lines.append(f"Update {version}: the council meets again on day {version % 28 + 1}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def save_as_editor(path: Path, msgid: str, msgstr: str, note: str, *, fuzzy: bool = False) -> None:
    """Approve ``msgid`` with ``msgstr`` (or, ``fuzzy``, leave it fuzzy: work in progress)
    and save the file as Poedit does (temp + rename)."""
    po = polib.pofile(path.read_text(encoding="utf-8"))
    entry = po.find(msgid)
    entry.msgstr, entry.tcomment = msgstr, note
    if "fuzzy" in entry.flags and not fuzzy:
        entry.flags.remove("fuzzy")
    tmp = path.with_name(path.name + ".poedit")
    tmp.write_text(str(po), encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with three articles, run once (pseudo engine, Russian)."""
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    for index in range(3):
        write_story(root / "seeds", index, 0)
    pipeline.run(RunOptions(engine="pseudo", langs=("ru",)))
    return root


HEADLINE = "Council 1 approves a new budget for the district"


def test_a_save_just_before_the_rename_is_merged_not_overwritten(
    stories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The save lands after the run read the file and after its last look at it, while it
    # refreshes the QA notes: before the fix the rename that followed dropped it (exit 0).
    path = stories / PO / "story-001.po"
    write_story(stories / "seeds", 1, 1)
    real = qa.refresh_notes
    saved = []

    def refresh_then_editor_saves(po, glossary, lang):
        changed = real(po, glossary, lang)
        if not saved and po.fpath.endswith("story-001.po"):
            save_as_editor(path, HEADLINE, "Совет 1 утверждает бюджет", "checked")
            saved.append(file_sha256(path))
        return changed

    monkeypatch.setattr(qa, "refresh_notes", refresh_then_editor_saves)
    summary = pipeline.run(RunOptions(engine="pseudo", langs=("ru",)))
    assert summary.ok, summary.render()
    assert [line for line in summary.render().splitlines() if "merged" in line] == [
        f"    merged a save made during the run: {PO / 'story-001.po'}"]
    po = polib.pofile(str(path))
    entry = po.find(HEADLINE)
    assert (entry.msgstr, entry.tcomment, entry.fuzzy) == ("Совет 1 утверждает бюджет", "checked",
                                                           False)
    assert po.find("Update 1: the council meets again on day 2.").msgstr  # the run's work too
    text = (stories / "build/ru/story-001.txt").read_text(encoding="utf-8")
    header, _blank, body = text.split("\n", 2)  # a draft says so in its first line
    assert header.startswith("DRAFT, not for publication: 7 of 8 units")
    assert body.startswith("Совет 1 утверждает бюджет\n")  # published from the merged file


def test_the_state_never_vouches_for_a_file_saved_after_it_was_published(
    stories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The save lands after the PO file was written and published, before the run state
    # records it: before the fix the state took the new file's hash, so the next run said
    # "already done" while build/ lacked the edit.
    path = stories / PO / "story-001.po"
    write_story(stories / "seeds", 1, 1)
    real = pipeline.publish_article

    def publish_then_editor_saves(article, po, lang, *args, **kwargs):
        published = real(article, po, lang, *args, **kwargs)
        if article.id == "story-001":
            save_as_editor(path, HEADLINE, "Совет 1 утверждает бюджет", "checked")
        return published

    monkeypatch.setattr(pipeline, "publish_article", publish_then_editor_saves)
    pipeline.run(RunOptions(engine="pseudo", langs=("ru",)))
    monkeypatch.setattr(pipeline, "publish_article", real)
    rerun = pipeline.run(RunOptions(engine="pseudo", langs=("ru",)))
    assert rerun.languages["ru"].files_written == 1  # story-001 was processed again
    text = (stories / "build/ru/story-001.txt").read_text(encoding="utf-8")
    assert text.split("\n", 2)[2].startswith("Совет 1 утверждает бюджет\n")  # under the DRAFT line


def test_a_fuzzy_edit_saved_during_a_retranslating_run_is_kept(
    stories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The translator edits a machine draft and leaves it fuzzy (work in progress) while a
    # --retranslate-mt run has already redrafted it: the save is merged, and before the fix
    # the merge took the edit (fuzzy, its MT: note kept) for machine work and put the run's
    # draft over it (exit 0).
    path = stories / PO / "story-001.po"
    write_story(stories / "seeds", 1, 1)  # so that the run has something to write
    real = qa.refresh_notes

    def refresh_then_editor_saves(po, glossary, lang):
        changed = real(po, glossary, lang)
        if po.fpath.endswith("story-001.po") and "edited" not in path.read_text(encoding="utf-8"):
            save_as_editor(path, HEADLINE, "Совет 1 утверждает бюджет", "edited", fuzzy=True)
        return changed

    monkeypatch.setattr(qa, "refresh_notes", refresh_then_editor_saves)
    summary = pipeline.run(RunOptions(engine="pseudo", langs=("ru",), retranslate_mt=True))
    assert summary.ok and "merged a save made during the run" in summary.render()
    entry = polib.pofile(str(path)).find(HEADLINE)
    assert (entry.msgstr, entry.tcomment, entry.fuzzy) == ("Совет 1 утверждает бюджет", "edited",
                                                           True)
    monkeypatch.setattr(qa, "refresh_notes", real)
    pipeline.run(RunOptions(engine="pseudo", langs=("ru",), retranslate_mt=True))
    assert polib.pofile(str(path)).find(HEADLINE).msgstr == "Совет 1 утверждает бюджет"


# --- The stress test ------------------------------------------------------------------------

#: How long the editor saves while runs write, and how many articles they share.
RACE_SECONDS, RACE_ARTICLES = 60, 24


def burn_cpu(count: int) -> list[subprocess.Popen[bytes]]:
    """``count`` busy processes, so that the run and the editor are preempted at random."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


@pytest.mark.slow
def test_hundreds_of_edits_saved_while_runs_rewrite_the_files_are_all_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    for index in range(RACE_ARTICLES):
        write_story(root / "seeds", index, 0)
    options = RunOptions(engine="pseudo", langs=("ru",), formats=("txt",))
    pipeline.run(options)
    redo = replace(options, retranslate_mt=True)  # every other run redrafts every machine draft
    saves: Counter[str] = Counter()
    real_save = writeback.save_catalog

    def counting_save(*args, **kwargs):
        saved = real_save(*args, **kwargs)
        saves["re-merged"] += saved.remerged
        saves["written"] += saved.written
        return saved

    monkeypatch.setattr(writeback, "save_catalog", counting_save)
    log, stop = tmp_path / "edits.jsonl", tmp_path / "stop"
    load = burn_cpu(min(16, max(2, os.cpu_count() or 2)))
    editor = subprocess.Popen(
        [sys.executable, str(TESTS / "po_editor.py"), str(root / "locales"), str(log), str(stop),
         "20261130"], env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    runs, run_errors = 0, 0
    started = time.monotonic()
    try:
        while time.monotonic() - started < RACE_SECONDS:
            runs += 1
            for index in range(RACE_ARTICLES):
                write_story(root / "seeds", index, runs)
            summary = pipeline.run(redo if runs % 2 else options)
            run_errors += len(summary.languages["ru"].errors)
        load_average = os.getloadavg()[0]
    finally:
        stop.touch()
        editor.wait(timeout=60)
        for proc in load:
            proc.kill()
            proc.wait()
    elapsed = time.monotonic() - started
    pipeline.run(redo)  # every edit, the last ones included, through a redrafting run
    edits = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    final = {path: polib.pofile(path) for path in {edit["file"] for edit in edits}}
    lost = [edit for edit in edits if not edit_is_kept(edit, final[edit["file"]])]
    latest = latest_edits(final, {edit["n"]: edit for edit in edits})
    overwritten = [(entry.msgid, entry.msgstr, edit) for entry, edit in latest
                   if not text_is_kept(edit, entry)]
    modes = Counter(edit["mode"] for edit in edits)
    in_progress = sum(edit["fuzzy"] for edit in edits)
    with capsys.disabled():
        print(f"\nsave-during-run stress: {len(edits)} edits saved {dict(modes)}, "
              f"{in_progress} of them left fuzzy, "
              f"{len(edits) - len(lost)} found after, {len(lost)} lost; "
              f"{len(latest) - len(overwritten)} of {len(latest)} edited entries keep their "
              f"latest translation, "
              f"{len(overwritten)} overwritten; {runs} runs (every other --retranslate-mt), "
              f"{saves['written']} PO writes, {saves['re-merged']} re-merged after a save, "
              f"{run_errors} PO files left to the next run; {elapsed:.0f} s, "
              f"load average {load_average:.1f} on {os.cpu_count()} CPUs")
    assert len(edits) >= 200 and runs >= 5 and in_progress >= 50
    assert lost == [] and overwritten == []
    for path in sorted((root / PO).glob("*.po")):
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def edits_of(entry: polib.POEntry) -> list[int]:
    """The numbers of the edits an entry's translator comment lists (``edit N`` lines)."""
    return [int(line[5:]) for line in entry.tcomment.split("\n") if line.startswith("edit ")]


def edit_is_kept(edit: dict, po: polib.POFile) -> bool:
    """Whether the final file still has edit ``n`` in the comment of an entry: the one it
    changed, or the one a changed source carried it to (the last line of each story)."""
    return any(edit["n"] in edits_of(entry) for entry in po)


def latest_edits(final: dict[str, polib.POFile], edits: dict[int, dict]) -> list[tuple]:
    """Each entry of the final files that a person edited, with its latest edit."""
    return [(entry, edits[max(edits_of(entry))])
            for po in final.values() for entry in po if edits_of(entry)]


def text_is_kept(edit: dict, entry: polib.POEntry) -> bool:
    """Whether ``entry`` still has the translation of ``edit``, its latest edit, and its
    fuzzy flag while the source is the one edited (a changed source makes it fuzzy)."""
    same_source = entry.msgid == edit["msgid"]
    return entry.msgstr == edit["msgstr"] and (not same_source or entry.fuzzy == edit["fuzzy"])
