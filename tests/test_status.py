"""Project status counts agree with an independent polib count and with msgfmt --statistics."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import polib
import pytest
from po_helpers import write_catalog

from translate.formats.article import Article, Unit
from translate.po.catalog import po_path, set_machine_translation
from translate.po.merge import merge_catalog
from translate.po.status import collect_status

pytestmark = pytest.mark.gettext


LINES = [
    "Armenia recalls ambassador from Israel",
    "Jerusalem says it regrets the decision.",
    "The clash continued for a fifth straight day.",
    "Fighting goes on.",
]


def make_article(lines: list[str]) -> Article:
    parts = tuple(
        Unit(f"u{n}", "sentence", text, n, n + 1) for n, text in enumerate(lines)
    )
    return Article("a", Path("seeds/a.txt"), parts)


def build_project(locales):
    """Two languages; entries approved, machine, review and untranslated; one broken file."""
    for lang in ("ru", "hy"):
        old = merge_catalog(None, make_article(LINES), lang)
        old.find(LINES[0]).msgstr = f"{lang} headline"
        old.find(LINES[1]).msgstr = f"{lang} second"
        set_machine_translation(old.find(LINES[2]), f"{lang} MT", "argos x 1")
        set_machine_translation(old.find(LINES[3]), f"{lang} MT 2", "argos x 1")
        old.find(LINES[3]).msgstr = f"{lang} MT 2, edited"  # and left fuzzy: a person's work
        changed = [LINES[0], LINES[1] + " Update.", LINES[2], LINES[3], "Extra."]
        write_catalog(merge_catalog(old, make_article(changed), lang), po_path(locales, lang, "a"))
    broken = po_path(locales, "hy", "broken")
    broken.write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")


def machine_wrote(entry):
    """Whether an ``MT:`` note records the digest of the entry's msgstr (README)."""
    digest = hashlib.sha256(entry.msgstr.encode("utf-8")).hexdigest()[:8]
    notes = [line for line in entry.comment.splitlines() if line.startswith("MT: ")]
    return any(f"(msgstr sha256 {digest})" in note for note in notes)


def independent_count(path):
    counts = {"approved": [0, 0], "machine": [0, 0], "review": [0, 0], "untranslated": [0, 0]}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        if not entry.msgstr:
            state = "untranslated"
        elif not entry.fuzzy:
            state = "approved"
        elif entry.previous_msgid is None and machine_wrote(entry):
            state = "machine"
        else:
            state = "review"
        counts[state][0] += 1
        counts[state][1] += len(entry.msgid.split())
    return counts


@pytest.mark.broken_po
def test_status_matches_polib_and_msgfmt(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    build_project(tmp_path)
    status = collect_status(tmp_path, ["ru", "hy"])
    data = status.to_dict()
    assert data["states"] == ["approved", "machine", "review", "untranslated"]
    assert len(data["problems"]) == 1 and re.match(r".*broken\.po:\d+: ", data["problems"][0])
    for lang in ("ru", "hy"):
        article = data["languages"][lang]["articles"]["a"]
        expected = independent_count(po_path(tmp_path, lang, "a"))
        for state, (units, words) in expected.items():
            assert article["units"][state] == units
            assert article["words"][state] == words
        assert data["languages"][lang]["total"] == article
        stats = subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po_path(tmp_path, lang, "a"))],
            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"}, check=True,
        ).stderr
        numbers = {
            kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", stats)
        }
        units = article["units"]
        assert numbers.get("translated", 0) == units["approved"]
        assert numbers.get("fuzzy", 0) == units["machine"] + units["review"]
        assert numbers.get("untranslated", 0) == units["untranslated"]
    assert data["languages"]["ru"]["total"]["units"] == {
        "approved": 1, "machine": 1, "review": 2, "untranslated": 1, "total": 5,
    }
    table = status.render()
    assert table.splitlines()[0].split() == [
        "lang", "article", "approved", "machine", "review", "untranslated", "words", "done",
    ]
    assert "TOTAL" in table and "problem: " in table


def test_listed_article_without_catalog_counts_zero(tmp_path):
    status = collect_status(tmp_path, ["az"], articles=["missing"])
    assert status.to_dict()["languages"]["az"]["total"]["units"]["total"] == 0
    assert status.to_dict()["languages"]["az"]["total"]["percent"]["words"]["approved"] == 0.0


def test_status_of_a_missing_locales_folder_is_an_error(tmp_path, monkeypatch):
    from conftest import invoke

    monkeypatch.chdir(tmp_path)
    result = invoke("status", "--locales", "MISSING", code=1)
    assert result.output.splitlines() == [
        "Error: MISSING: no such folder (give the locales folder of a project with --locales)"
    ]
    assert invoke("status", "--locales", "MISSING", "--json", code=1).output.startswith("Error:")
