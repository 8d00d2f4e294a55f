"""What a rerun sees and what it costs: a rerun reads the files that changed and no others,
sees every change however it was made (same size, same second, modification time put back,
a clock gone back), holds a chunk of articles at a time, and reports at any size.

Everything runs for real (the pseudo engine, real files, real edits); the readers of files
are wrapped to count what they read, never replaced.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import polib
import pytest
from conftest import invoke, make_project
from test_stamps import EDITS

from translate.core import stamps
from translate.formats import reader
from translate.jobs import context, offers
from translate.jobs.state import read_state
from translate.mt import schedule
from translate.options import RunOptions
from translate.po import pofile, writeback

LANGS = ("ru", "he")
PSEUDO = ("--engine", "pseudo", "--lang", ",".join(LANGS), "--min-translated", "0", "--quiet")
SHARED = "Shelling of the town continued overnight, local officials said."


def story(index: int, *extra: str) -> str:
    return "\n".join([
        f"Council {index} approves a new budget for the district",
        f"The vote in council {index} ended months of talks",
        f"Officials in district {index} said the plan would cost {index + 3} million.",
        *extra,
    ]) + "\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Six articles (one sentence shared by the odd ones), run twice with the pseudo
    engine: the second run stamps what the first wrote in its last clock tick."""
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    (root / "seeds").mkdir()
    for index in range(6):
        extra = (SHARED,) if index % 2 else ()
        (root / "seeds" / f"story-{index}.txt").write_text(story(index, *extra), encoding="utf-8")
    invoke("run", *PSEUDO)
    invoke("run", *PSEUDO)
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """What a run reads: files hashed, articles segmented, PO files parsed."""
    seen: Counter[str] = Counter()

    def count(kind: str, real):
        def counting(path, *args, **kwargs):
            seen[kind] += 1
            seen[f"{kind} {Path(path).name}"] += 1
            return real(path, *args, **kwargs)
        return counting

    def parse(data: bytes, path: Path, **kwargs: object) -> polib.POFile:
        seen.update(["parsed", f"parsed {Path(path).name}"])
        return pofile.parse_catalog(data, path, **kwargs)

    monkeypatch.setattr(stamps, "read_sha256", count("hashed", stamps.read_sha256))
    monkeypatch.setattr(context, "read_article", count("segmented", reader.read_article))
    monkeypatch.setattr(writeback, "read_catalog", count("parsed", pofile.read_catalog))
    monkeypatch.setattr(writeback, "parse_catalog", parse)
    return seen


def files_of(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the project (the lock files aside): mtime_ns and bytes."""
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".lock"}


def test_a_rerun_with_nothing_changed_reads_no_file_and_writes_none(
    project: Path, reads: Counter[str]
) -> None:
    before = files_of(project)
    result = invoke("run", *PSEUDO)
    assert reads == Counter()  # not a source, PO file or output read: their stats vouch
    assert files_of(project) == before  # nothing written, the state's clock stamp included
    for lang in LANGS:
        assert f"{lang}: 0 by MT, 0 from memory, 21 already done, 0 untranslated" in result.output


def po_of(root: Path, lang: str, index: int) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"story-{index}.po"


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_source_edited_to_the_same_size_is_seen(
    project: Path, edit: str, reads: Counter[str]
) -> None:
    source = project / "seeds" / "story-2.txt"
    EDITS[edit](source, source.read_bytes().replace(b"budget", b"budgie"))
    result = invoke("run", *PSEUDO)
    assert reads["segmented"] == 1 and reads["segmented story-2.txt"] == 1
    for lang in LANGS:
        po = polib.pofile(str(po_of(project, lang, 2)))
        assert po.find("Council 2 approves a new budgie for the district") is not None
    assert "ru: 0 by MT, 1 pseudo-translated" in result.output  # the changed headline, and only it


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_po_file_edited_to_the_same_size_is_seen(
    project: Path, edit: str, reads: Counter[str]
) -> None:
    # A translator's edit that keeps the size (one word for another of as many bytes), by
    # an editor that may put the modification time back.
    path = po_of(project, "ru", 4)
    data = path.read_bytes()
    assert data.count("будгет".encode()) == 1
    EDITS[edit](path, data.replace("будгет".encode(), "бюджет".encode()))
    invoke("run", *PSEUDO)
    assert reads["parsed story-4.po"] >= 1 and reads["segmented"] == 1
    assert "бюджет" in (project / "build/ru/story-4.txt").read_text(encoding="utf-8")
    others = [name for name in reads if name.startswith("parsed story-") and "-4." not in name]
    assert others == []


def test_a_clock_gone_back_makes_a_rerun_read_every_file_and_still_skip_the_work(
    project: Path, reads: Counter[str]
) -> None:
    # A state written under a clock later than now: the clock went back since, and a stat
    # can no longer vouch for a file (a write now could repeat a recorded time).
    path = project / "locales/.translate-state/all.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["clock"] = [state["clock"][0] + 3600 * 10**9, state["clock"][1] + 3600 * 10**9]
    path.write_text(json.dumps(state), encoding="utf-8")
    result = invoke("run", *PSEUDO)
    per_article = 1 + len(LANGS) * 5  # the source; per language the PO file and 4 outputs
    assert reads["hashed"] >= 6 * per_article
    assert reads["segmented"] == 0 and reads["parsed"] == 0  # every file was as recorded
    assert "ru: 0 by MT, 0 from memory, 21 already done" in result.output


def test_one_changed_article_costs_what_it_costs_alone(
    project: Path, reads: Counter[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = project / "seeds" / "story-3.txt"
    source.write_text(story(3, SHARED, "A new paragraph arrived late on Friday."),
                      encoding="utf-8")
    result = invoke("run", *PSEUDO)
    assert "ru: 0 by MT, 1 pseudo-translated" in result.output
    assert reads["segmented"] == 1  # once for every language
    parsed = sorted(name for name in reads if name.startswith("parsed "))
    assert parsed == ["parsed story-3.po"]  # no other PO file, not for memory, not for bundles
    # The bundles, made from the spool and the zips on disk, are those a full build makes.
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh)
    shutil.rmtree(fresh / "build")
    shutil.rmtree(fresh / "locales" / ".translate-state")
    monkeypatch.chdir(fresh)
    invoke("run", *PSEUDO)
    for lang in LANGS:
        assert (fresh / "build" / f"{lang}.zip").read_bytes() == \
            (project / "build" / f"{lang}.zip").read_bytes()
    assert (fresh / "build/review/index.html").read_bytes() == \
        (project / "build/review/index.html").read_bytes()


def test_a_translation_in_another_chunk_is_found_by_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "zeta.txt").write_text(story(9, SHARED), encoding="utf-8")
    invoke("run", *PSEUDO)
    po = polib.pofile(str(root / "locales/ru/LC_MESSAGES/zeta.po"))
    entry = po.find(SHARED)
    entry.msgstr, entry.flags = "Обстрел города продолжался всю ночь.", []
    po.save()
    # alpha comes first, zeta (whose source changes too, so it is processed again) in a
    # later chunk: what zeta held before the run is alpha's memory all the same.
    (seeds / "alpha.txt").write_text(story(1, SHARED), encoding="utf-8")
    (seeds / "zeta.txt").write_text(story(9, SHARED, "A late correction."), encoding="utf-8")
    result = invoke("run", *PSEUDO, "--chunk-articles", "1")
    assert "ru: 0 by MT, 4 pseudo-translated, 1 from memory" in result.output
    alpha = polib.pofile(str(root / "locales/ru/LC_MESSAGES/alpha.po")).find(SHARED)
    assert alpha.msgstr == "Обстрел города продолжался всю ночь."
    assert "TM: exact match from locales/ru/LC_MESSAGES/zeta.po" in alpha.comment


def test_chunks_of_articles_and_shards_give_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts: list[list[str]] = []
    real = schedule.machine_translate

    def counting(texts_in, *args, **kwargs):
        texts.append(list(texts_in))
        return real(texts_in, *args, **kwargs)

    monkeypatch.setattr(schedule, "machine_translate", counting)
    trees = {}
    for name, args in (("whole", ()), ("chunks", ("--chunk-articles", "2")),
                       ("shard", ("--shard", "1/2"))):
        root = make_project(tmp_path / name, monkeypatch, seed=False)
        (root / "seeds").mkdir()
        for index in range(7):
            extra = (SHARED,) if index % 2 else ()
            (root / "seeds" / f"story-{index}.txt").write_text(story(index, *extra),
                                                               encoding="utf-8")
        texts.clear()
        invoke("run", *PSEUDO, *args)
        sent = Counter(text for call in texts for text in call)
        if name != "shard":
            assert sent[SHARED] == len(LANGS)  # once per language, whatever the chunks
        trees[name] = {p.relative_to(root).as_posix(): p.read_bytes()
                       for p in sorted((root / "locales").rglob("*.po"))}
    assert trees["chunks"] == trees["whole"]
    assert trees["shard"] and all(trees["whole"][name] == data
                                  for name, data in trees["shard"].items())


def test_a_chunk_is_written_before_the_next_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    (root / "seeds").mkdir()
    for index in range(6):
        (root / "seeds" / f"story-{index}.txt").write_text(story(index), encoding="utf-8")
    written_when_read: dict[str, int] = {}

    def reading(path: Path, **kwargs: object):
        written_when_read[Path(path).stem] = len(list((root / "locales").rglob("*.po")))
        return reader.read_article(path, **kwargs)

    monkeypatch.setattr(context, "read_article", reading)
    invoke("run", *PSEUDO, "--chunk-articles", "2")
    assert written_when_read == {"story-0": 0, "story-1": 0, "story-2": 4, "story-3": 4,
                                 "story-4": 8, "story-5": 8}


def test_the_report_counts_and_shows_the_first_ids_and_json_keeps_every_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    (root / "seeds").mkdir()
    for index in range(25):
        (root / "seeds" / f"story-{index:02d}.txt").write_text(story(index), encoding="utf-8")
    for index in range(22):
        (root / "seeds" / f"broken-{index:02d}.txt").write_bytes(b"\xff\xfe not UTF-8\n")
    result = invoke("run", *PSEUDO, code=1)
    lines = result.stdout.splitlines()
    first = ", ".join(f"story-{index:02d}" for index in range(10))
    assert lines[0] == f"25 article(s): {first} and 15 more (--json lists them all)"
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 20 and "... and 2 more errors (--json lists them all)" in lines
    assert max(len(line) for line in lines) < 400
    report = json.loads(invoke("run", *PSEUDO, "--json", code=1).stdout)
    assert report["articles"] == [f"story-{index:02d}" for index in range(25)]
    assert len(report["errors"]) == 22 and report["ok"] is False
    assert report["languages"]["ru"]["already"] == 75
    assembled = json.loads(invoke("assemble", "--lang", ",".join(LANGS), "--json", code=1).stdout)
    assert len(assembled["articles"]) == 25 and len(assembled["errors"]) == 22


def test_the_bundle_reuses_the_zip_on_disk_only_for_unchanged_articles(
    project: Path, reads: Counter[str]
) -> None:
    # The zip of an earlier run gives the bundle its unchanged articles; an article whose
    # PO file changed (a translator's edit, between runs) is made again.
    def records(lang: str) -> dict[str, dict]:
        with zipfile.ZipFile(project / "build" / f"{lang}.zip") as archive:
            manifest = json.loads(archive.read("manifest.json"))
        return {record["id"]: record for record in manifest["articles"]}

    before = records("ru")
    path = po_of(project, "ru", 1)
    data = path.read_bytes()
    assert data.count("будгет".encode()) == 1
    path.write_bytes(data.replace("будгет".encode(), "бюджет".encode()))
    invoke("run", *PSEUDO)
    after = records("ru")
    assert after["story-1"]["units"] == {**before["story-1"]["units"], "machine": 3, "review": 1}
    assert {a: r for a, r in after.items() if a != "story-1"} == \
        {a: r for a, r in before.items() if a != "story-1"}
    assert reads["segmented"] == 1  # story-1 alone


def test_offers_are_read_from_records_not_from_files(project: Path) -> None:
    options = RunOptions(langs=LANGS)
    state = read_state(options.locales, None)
    found = offers.PreRunOffers.read(state, options, "ru", [f"story-{i}" for i in range(6)], {})
    assert [position for position, *_ in found.offers] == list(range(6))
    assert found.candidates({SHARED}) == [1, 3, 5]
    assert found.candidates({"A sentence no article has."}) == []


def test_a_model_is_loaded_once_per_language_in_a_row_of_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    (root / "seeds").mkdir()
    for index in range(4):
        (root / "seeds" / f"story-{index}.txt").write_text(story(index), encoding="utf-8")
    opened: list[str] = []
    real = schedule.open_translator

    def counting(lang: str, options: RunOptions):
        opened.append(lang)
        return real(lang, options)

    monkeypatch.setattr(schedule, "open_translator", counting)
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet", "--chunk-articles", "1")
    assert opened == ["ru"]  # one language: the model stays from chunk to chunk
    for index in range(4):
        (root / "seeds" / f"story-{index}.txt").write_text(story(index, SHARED),
                                                           encoding="utf-8")
    invoke("run", *PSEUDO, "--chunk-articles", "2")
    assert opened[1:] == ["ru", "he", "ru", "he"]  # one model at a time, per chunk
