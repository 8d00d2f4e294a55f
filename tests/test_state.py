"""Tests of translate.jobs.state: state files written and read back, records that can't be trusted,
what makes an article current, and the run lock.

End-to-end behaviour (reruns that skip work, shards) is tested in test_batch.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import invoke

from translate.errors import LockError
from translate.jobs.project import find_others
from translate.jobs.records import ArticleRecord, BundleRecord
from translate.jobs.state import (
    DISCARDED,
    STATE_DIR,
    STATE_FORMAT,
    RunState,
    SourceFile,
    expected_outputs,
    file_sha256,
    find_current,
    output_hashes,
    read_state,
    run_lock,
    write_state,
)
from translate.jobs.summary import EntryCounts
from translate.options import RunOptions
from translate.po.catalog import po_path
from translate.publish.review import ReviewIndexRow

ROW = ReviewIndexRow("story", "ru", "Headline", {"approved": 1, "machine": 2}, 0, 33.3, False)


def record(**changes: object) -> ArticleRecord:
    base = ArticleRecord("fp", "src-sha", "seeds/story.txt", "po-sha",
                         EntryCounts(1, 2, {"left untranslated: why": 2}, 0), ROW)
    return replace(base, **changes)


def test_state_written_is_read_back_by_every_kind_of_run(tmp_path: Path) -> None:
    state = read_state(tmp_path, (1, 2))
    assert state.path == tmp_path / STATE_DIR / "shard-1-of-2.json" and not state.known
    state.remember("ru", "story", record())
    state.remember_bundle("ru", BundleRecord("key", "zip-sha", ("story",), ()))
    assert write_state(state) and not write_state(state)  # the second write changes nothing
    data = json.loads(state.path.read_text(encoding="utf-8"))
    assert data["format"] == STATE_FORMAT
    assert data["articles"]["ru"]["story"][-1][1] == {"approved": 1, "machine": 2}  # the row
    zip_path = tmp_path / "ru.zip"
    for shard in ((1, 2), None):  # its own file, or another run's
        again = read_state(tmp_path, shard)
        assert again.candidates("ru", "story") == [record()]
        assert again.candidates("ru", "story")[0].read_row("story", "ru") == ROW
        zip_path.write_bytes(b"zip")
        bundle = BundleRecord("key", file_sha256(zip_path), ("story",), ())
        again.remember_bundle("ru", bundle)
        assert again.find_bundle("ru", "key", zip_path) == bundle
        assert again.find_bundle("ru", "other", zip_path) is None
        zip_path.write_bytes(b"a zip another command wrote")
        assert again.find_bundle("ru", "key", zip_path) is None
        zip_path.unlink()
        assert again.find_bundle("ru", "key", zip_path) is None  # no zip on disk
    assert read_state(tmp_path, None).own_articles == {}  # all.json is not written yet


def test_unreadable_files_and_records_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / STATE_DIR
    folder.mkdir()
    good = record().to_json(0)
    articles = {"ru": {"story": good, "short": good[:-1], "no-ref": [0, None, *good[2:]],
                       "no-fingerprint": [7, *good[1:]]}, "he": ["not", "a", "dict"]}
    (folder / "all.json").write_text(
        json.dumps({"format": STATE_FORMAT, "clock": [0, 0], "fingerprints": ["fp"],
                    "articles": articles,
                    "bundles": {"ru": {"key": "k"}, "he": {"key": "k", "sha256": "z",
                                                           "published": [], "held_back": []}}}),
        encoding="utf-8",
    )
    (folder / "old.json").write_text(json.dumps({"format": 0, "articles": {}}), encoding="utf-8")
    (folder / "cut.json").write_text('{"format": 1, "art', encoding="utf-8")
    state = read_state(tmp_path, None)
    assert state.known == {("ru", "story"): [record()]}
    assert state.bundles == {"he": [BundleRecord("k", "z", (), ())]}
    assert f"{folder / 'all.json'}: 5 record(s) not valid; {DISCARDED}" in state.discarded


@pytest.fixture
def current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """A state whose record matches a source, a PO file and every output on disk."""
    monkeypatch.chdir(tmp_path)
    options = RunOptions()
    source_path = Path("seeds/story.txt")
    source_path.parent.mkdir()
    source_path.write_text("Headline\nText.\n", encoding="utf-8")
    po = po_path(options.locales, "ru", "story")
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                  encoding="utf-8")
    for path in expected_outputs(options, "ru", "story"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("output", encoding="utf-8")
    source = SourceFile.read(source_path, "seeds/story.txt")
    state = RunState(tmp_path / "state.json")
    outputs = output_hashes(options, "ru", "story")
    state.remember("ru", "story", record(source=source.sha256, po=file_sha256(po), outputs=outputs))
    return state, source, options, po


def test_a_record_is_current_only_while_its_inputs_and_outputs_are_unchanged(current) -> None:
    state, source, options, po = current
    found = find_current(state, "ru", "story", source, "fp", options)
    assert found is not None and found.read_row("story", "ru") == ROW
    assert find_current(state, "ru", "story", source, "other-fp", options) is None
    assert find_current(state, "he", "story", source, "fp", options) is None
    moved = replace(source, ref="elsewhere/story.txt")
    assert find_current(state, "ru", "story", moved, "fp", options) is None
    redo_mt = replace(options, retranslate_mt=True)
    assert find_current(state, "ru", "story", source, "fp", redo_mt) is None
    txt = expected_outputs(options, "ru", "story")[0]
    txt.write_text("written by another command", encoding="utf-8")
    assert find_current(state, "ru", "story", source, "fp", options) is None
    txt.write_text("output", encoding="utf-8")  # the one the run wrote
    assert find_current(state, "ru", "story", source, "fp", options)
    expected_outputs(options, "ru", "story")[-1].unlink()  # the review page
    assert find_current(state, "ru", "story", source, "fp", options) is None
    text_only = replace(options, formats=("txt",))  # a record of another run's outputs
    assert find_current(state, "ru", "story", source, "fp", text_only) is None
    state.remember("ru", "story", replace(found, outputs=output_hashes(text_only, "ru", "story")))
    assert find_current(state, "ru", "story", source, "fp", text_only)
    po.write_text("# edited by a translator\n" + po.read_text(encoding="utf-8"), encoding="utf-8")
    assert find_current(state, "ru", "story", source, "fp", text_only) is None


def test_a_record_with_entries_left_for_mt_is_current_only_without_mt(current) -> None:
    done, source, options, _po = current
    state = RunState(done.path)
    state.remember("ru", "story", replace(done.candidates("ru", "story")[0],
                                          counts=EntryCounts(pending=3)))
    assert find_current(state, "ru", "story", source, "fp", options) is None
    assert find_current(state, "ru", "story", source, "fp", replace(options, engine="none"))
    assert find_current(state, "ru", "story", source, "fp", options, allow_pending=True)


def test_others_are_found_under_the_project_root_from_any_working_directory(
    current, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, _source, _options, po = current
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    options = RunOptions(locales=Path("../locales"), out=Path("../build"))
    assert options.root == tmp_path
    assert options.project_path(Path("../seeds/story.txt")) == "seeds/story.txt"
    assert options.project_path(tmp_path.parent / "else.txt") == "../else.txt"
    others, stale = find_others(state, ["ru", "he"], options, "fp")
    assert stale == [] and others["he"] == {}
    kept = others["ru"]["story"]
    assert kept.source.path == tmp_path / "seeds/story.txt"
    assert kept.po == file_sha256(tmp_path / po)
    assert kept.record is not None  # same files, same fingerprint
    assert kept.record.read_row("story", "ru") == ROW
    assert find_others(state, ["ru"], options, "other-fp")[0]["ru"]["story"].record is None
    assert find_others(state, ["ru"], options, "fp", skip=lambda *_: True)[0] == {"ru": {}}
    (tmp_path / "seeds/story.txt").write_text("Headline\nEdited text.\n", encoding="utf-8")
    assert find_others(state, ["ru"], options, "fp") == ({"ru": {}}, ["story"])


def test_lock_lets_shards_share_and_keeps_everything_else_out(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    with run_lock(locales, (1, 2)), run_lock(locales, (2, 2)):
        with (
            pytest.raises(LockError, match="another translate run holds the lock"),
            run_lock(locales, None),
        ):
            pass
        with (
            pytest.raises(LockError, match="shard 1/2 is already running"),
            run_lock(locales, (1, 2)),
        ):
            pass
    with (
        run_lock(locales, None),
        pytest.raises(LockError, match="without --shard holds the lock"),
        run_lock(locales, (1, 2)),
    ):
        pass
    with run_lock(locales, None):  # everything was released
        pass


# --- Hostile state files: the state is a cache, a bad one is discarded with a warning -------


def state_text(articles: dict, bundles: dict | None = None) -> str:
    return json.dumps({"format": STATE_FORMAT, "clock": [0, 0], "fingerprints": ["fp"],
                       "articles": articles, "bundles": bundles or {}})


def hostile_states() -> dict[str, bytes]:
    good = record().to_json(0)
    bad_types = [*good[:4], ["many", 2, 0, 0], *good[5:]]
    return {
        "nested 100,000 levels": b"[" * 100_000 + b"]" * 100_000,
        "a 5,000-digit number": state_text({"ru": {"story": good}}).replace(
            "[1,2,0,0]", "[1" + "0" * 5000 + ",2,0,0]").replace(
            "[1, 2, 0, 0]", "[1" + "0" * 5000 + ", 2, 0, 0]").encode(),
        "records of the wrong types": state_text(
            {"ru": {"story": bad_types}},
            {"ru": {"key": "k", "published": "story", "held_back": [7]}}).encode(),
        "a clock of the wrong type": state_text({"ru": {"story": good}}).replace(
            '"clock": [0, 0]', '"clock": [-1, "noon"]').encode(),
        "not UTF-8": b'{"format": 1, "articles": {"\xff": {}}, "bundles": {}}',
    }


@pytest.mark.parametrize("name", list(hostile_states()))
def test_a_hostile_state_file_is_discarded_with_a_warning(tmp_path: Path, name: str) -> None:
    folder = tmp_path / STATE_DIR
    folder.mkdir()
    (folder / "all.json").write_bytes(hostile_states()[name])
    state = read_state(tmp_path, None)
    assert state.known == {} and state.bundles == {}
    if name == "a clock of the wrong type":  # not a state file of this format: ignored
        assert state.discarded == []
        return
    assert len(state.discarded) == 1
    assert state.discarded[0].startswith(f"{folder / 'all.json'}: ")
    assert state.discarded[0].endswith(
        "; ignored (the run state is a cache: this run redoes what it would have skipped)")


@pytest.mark.parametrize("row", [
    ["Headline", {"approved": 1}, 0, 1e999, False],
    ["Headline", [1, 2], 0, 33.3, False],
    ["Headline", {"approved": 1}, 0, 33.3, "yes"],
    "a row",
], ids=["infinite percent", "counts not an object", "publishable not a boolean", "a string"])
def test_a_recorded_row_that_is_not_valid_is_not_used(tmp_path: Path, row: object) -> None:
    # Rows are checked when the index is made from them, not when 40,000 records are read.
    folder = tmp_path / STATE_DIR
    folder.mkdir()
    stored = record().to_json(0)
    (folder / "all.json").write_text(state_text({"ru": {"story": [*stored[:-1], row]}}),
                                     encoding="utf-8")
    (found,) = read_state(tmp_path, None).candidates("ru", "story")
    assert found.read_row("story", "ru") is None
    assert read_state(tmp_path, None).candidates("ru", "story")[0] == record()


def test_a_run_with_a_hostile_state_file_warns_and_does_the_work(project: Path) -> None:
    # A state file nested 100,000 levels deep ended the run with a RecursionError traceback.
    folder = project / "locales" / STATE_DIR
    folder.mkdir(parents=True)
    (folder / "all.json").write_bytes(hostile_states()["nested 100,000 levels"])
    result = invoke("run", "--engine", "pseudo", "--lang", "ru")
    assert (f"skipped locales/{STATE_DIR}/all.json: JSON nested too deeply; ignored (the run "
            "state is a cache") in result.output
    assert "ru: 0 by MT, 16 pseudo-translated" in result.output
    again = invoke("run", "--engine", "pseudo", "--lang", "ru")  # the file was rewritten
    assert "skipped" not in again.output
    assert "ru: 0 by MT, 0 from memory, 16 already done" in again.output
