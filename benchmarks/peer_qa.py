"""Side by side with Translate Toolkit: ``pofilter`` against ``translate check``, ``pocount``
against ``translate status``'s word counts.

    .venv/bin/python benchmarks/peer_qa.py [--venv build/peers] [--json FILE] [--glossary FILE]

The peers run for real, in their own virtualenv (``build/peers``, created on first use and
installed with ``pip install --require-hashes -r benchmarks/peers-requirements.txt``; needs the
package index once). Both QA tools read the same hand-made files, ``tests/data/qa/peers/<lang>.po``
(ru, hy, az, he: 11 or 12 defects and 13 or 14 clean entries each, every entry labelled in its
translator comment ``defect: <check>: <what>`` or ``clean``). For each check and language the
script prints how many defects each tool found with the check that looks for them (pofilter's tests
are mapped to our checks in :data:`POFILTER_CHECKS`), how many it missed, and the false positives:
clean entries with any finding, and those findings by check. ``translate check`` runs without a
glossary, as pofilter has none (``--glossary FILE``: also with that glossary, whose false positives
are printed after the others).

Word counts: every article of ``seeds/`` and ``tests/data/`` is merged into a PO catalog (the
units ``translate run`` would write), and ``pocount`` counts its source words beside
:func:`translate.text.wordcount.count_words` (and the old whitespace count); every message where the
two differ is listed, with pocount's own word splitter's view of it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "qa" / "peers"
REQUIREMENTS = ROOT / "benchmarks" / "peers-requirements.txt"
LANGS = ("ru", "hy", "az", "he")
ARTICLES = (ROOT / "seeds", ROOT / "tests/data/articles", ROOT / "tests/data/glossary-news")

#: pofilter's tests by the check of ours that looks for the same defects; the others keep
#: their own names (acronyms, startcaps, puncspacing...), which no defect is labelled with.
POFILTER_CHECKS = {
    "doublewords": "doubled_words",
    "endpunc": "end_punctuation",
    "urls": "urls",
    "numbers": "numbers",
    "doublequoting": "quotes",
    "brackets": "brackets",
    "emails": "emails",
    "unchanged": "identical",
    "untranslated": "untranslated",
    "blank": "untranslated",
    "printf": "placeholders",
    "pythonbraceformat": "placeholders",
    "variables": "placeholders",
    "long": "length",
    "short": "length",
    "startwhitespace": "begin_space",
    "endwhitespace": "end_space",
    "doublespacing": "double_space",
}
POFILTER_NOTE = re.compile(r"^\(pofilter\) (\w+): ", re.MULTILINE)
LABEL = re.compile(r"^(?:defect: (\w+):|(clean))", re.MULTILINE)


# --- The peers' virtualenv ----------------------------------------------------------------


def ensure_peers(venv: Path) -> Path:
    """The ``bin`` folder of a virtualenv holding exactly the pinned peers (made if needed)."""
    venv = venv.absolute()
    stamp = venv / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == wanted):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "--disable-pip-version-check", "--require-hashes", "-r", str(REQUIREMENTS)],
            check=True)
        stamp.write_text(wanted)
    return venv / "bin"


def run_peer(bin_dir: Path, *args: str, stdin: str | None = None) -> str:
    """Run a peer's command (in a scratch folder, where no ``translate`` package of ours can
    shadow Translate Toolkit's) and return its standard output."""
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [str(bin_dir / args[0]), *args[1:]], input=stdin, capture_output=True, text=True,
            cwd=scratch, check=True)
    return done.stdout


# --- QA: pofilter and translate check on the labelled set ------------------------------------


@dataclass(frozen=True)
class Labelled:
    """An entry of the set: its language, message, line and label (a check, or "" if clean)."""

    lang: str
    msgid: str
    line: int
    check: str


def read_labels(folder: Path = DATA) -> list[Labelled]:
    """Every labelled entry of the set's files, in file order."""
    entries = []
    for lang in LANGS:
        for entry in polib.pofile(str(folder / f"{lang}.po")):
            match = LABEL.search(entry.tcomment)
            if match is None:
                raise ValueError(f"{lang}.po:{entry.linenum}: no 'defect: <check>:' or 'clean'")
            entries.append(Labelled(lang, entry.msgid, entry.linenum, match.group(1) or ""))
    return entries


def pofilter_findings(bin_dir: Path, folder: Path = DATA) -> dict[tuple[str, str], list[str]]:
    """(lang, msgid) -> pofilter's failing tests, as ``pofilter --language=<lang>`` reports."""
    found: dict[tuple[str, str], list[str]] = {}
    with tempfile.TemporaryDirectory() as out:
        for lang in LANGS:
            output = Path(out) / f"{lang}.po"
            run_peer(bin_dir, "pofilter", f"--language={lang}", "--progress=none",
                     "-i", str(folder / f"{lang}.po"), "-o", str(output))
            for entry in polib.pofile(str(output)):
                if entry.msgid:
                    found[(lang, entry.msgid)] = POFILTER_NOTE.findall(entry.tcomment)
    return found


def check_findings(
    folder: Path = DATA, glossary: Path | None = None
) -> dict[tuple[str, str], list[str]]:
    """(lang, msgid) -> the codes of ``translate check --json``: without a glossary (run in a
    scratch folder, where the default ``glossary.yaml`` is absent), or with ``glossary``."""
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [sys.executable, "-m", "translate", "check", "--json",
             *(("--glossary", str(glossary.absolute())) if glossary else ()),
             *(str((folder / f"{lang}.po").absolute()) for lang in LANGS)],
            capture_output=True, text=True, check=True, cwd=scratch)
    found: dict[tuple[str, str], list[str]] = {}
    for item in json.loads(done.stdout):
        found.setdefault((item["lang"], item["msgid"]), []).append(item["code"])
    return found


@dataclass
class Score:
    """One tool on the set: defects found and missed per (check, lang), false positives."""

    found: Counter[tuple[str, str]] = field(default_factory=Counter)
    missed: Counter[tuple[str, str]] = field(default_factory=Counter)
    found_any: Counter[tuple[str, str]] = field(default_factory=Counter)
    found_defects: list[tuple[str, str]] = field(default_factory=list)  # (lang, msgid)
    false_entries: Counter[str] = field(default_factory=Counter)  # lang -> clean entries hit
    false_checks: Counter[tuple[str, str]] = field(default_factory=Counter)  # (check, lang)


def score(
    labels: list[Labelled], findings: dict[tuple[str, str], list[str]], mapping: dict[str, str]
) -> Score:
    """How a tool's findings (its own codes, mapped to our checks) fare against the labels."""
    result = Score()
    for item in labels:
        codes = [mapping.get(code, code) for code in findings.get((item.lang, item.msgid), [])]
        if item.check:
            key = (item.check, item.lang)
            if item.check in codes:
                result.found[key] += 1
                result.found_defects.append((item.lang, item.msgid))
            else:
                result.missed[key] += 1
            result.found_any[key] += bool(codes)
        elif codes:
            result.false_entries[item.lang] += 1
            for code in codes:
                result.false_checks[(code, item.lang)] += 1
    return result


def render_qa(labels: list[Labelled], pofilter: Score, ours: Score) -> str:
    """The side-by-side table: defects per check and language, then false positives."""
    defects = Counter((item.check, item.lang) for item in labels if item.check)
    lines = [
        f"{'check':<16}{'lang':<6}{'defects':>8}   {'pofilter found/missed':<24}"
        f"{'translate check found/missed':<30}",
    ]
    for check, lang in sorted(defects, key=lambda k: (k[0], LANGS.index(k[1]))):
        key = (check, lang)
        lines.append(
            f"{check:<16}{lang:<6}{defects[key]:>8}   "
            f"{pofilter.found[key]}/{pofilter.missed[key]:<22}{ours.found[key]}/{ours.missed[key]}")
    total = sum(defects.values())
    clean = sum(1 for item in labels if not item.check)
    lines.append(
        f"{'all':<22}{total:>8}   {sum(pofilter.found.values())}/"
        f"{sum(pofilter.missed.values()):<22}{sum(ours.found.values())}/"
        f"{sum(ours.missed.values())}")
    lines.append(
        f"(any finding on a defect entry: pofilter {sum(pofilter.found_any.values())}, "
        f"translate check {sum(ours.found_any.values())})")
    lines.append("")
    lines.append(
        f"false positives: clean entries with a finding (of {clean}), and findings by check")
    for name, result in (("pofilter", pofilter), ("translate check", ours)):
        lines.append(render_false_positives(name, result))
    return "\n".join(lines)


def render_false_positives(name: str, result: Score) -> str:
    """'  name: N (ru n, hy n, az n, he n); check n, ...': clean entries with a finding."""
    per_lang = ", ".join(f"{lang} {result.false_entries[lang]}" for lang in LANGS)
    checks: Counter[str] = Counter()
    for (code, _lang), count in result.false_checks.items():
        checks[code] += count
    detail = ", ".join(f"{code} {n}" for code, n in checks.most_common()) or "none"
    return f"  {name}: {sum(result.false_entries.values())} ({per_lang}); {detail}"


# --- Word counts: pocount and translate status -----------------------------------------------


def write_article_catalogs(out: Path) -> list[Path]:
    """A PO catalog (ru, untranslated) per article of seeds/ and tests/data/, as run writes."""
    from translate.formats.reader import read_article
    from translate.po.merge import merge_catalog
    from translate.po.pofile import format_catalog

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for folder in ARTICLES:
        for source in sorted(folder.glob("*.txt")):
            article = read_article(source)
            path = out / f"{article.id}.po"
            path.write_text(format_catalog(merge_catalog(None, article, "ru")), encoding="utf-8")
            paths.append(path)
    return paths


def pocount_totals(bin_dir: Path, paths: list[Path]) -> dict[str, int]:
    """File name -> total source words, from ``pocount --csv``."""
    rows = csv.DictReader(io.StringIO(run_peer(bin_dir, "pocount", "--csv", *map(str, paths))))
    return {
        Path(row["Filename"]).name: int(row["Total Source Words"])
        for row in rows
        if row.get("Filename") and row["Filename"].endswith(".po")
    }


def pocount_words(bin_dir: Path, texts: list[str]) -> list[int]:
    """pocount's own word count (translate.tools.pocount.wordcount) of each text."""
    program = (
        "import json, sys\n"
        "from translate.tools.pocount import wordcount\n"
        "print(json.dumps([wordcount(t) for t in json.load(sys.stdin)]))\n")
    return json.loads(run_peer(bin_dir, "python", "-c", program, stdin=json.dumps(texts)))


@dataclass
class WordCounts:
    """Source words of the same catalogs by pocount, by us, and as whitespace runs."""

    files: int
    messages: int
    pocount: int
    ours: int
    whitespace: int
    differing: list[tuple[str, int, int]]  # (message, pocount, ours)


def compare_word_counts(bin_dir: Path, out: Path) -> WordCounts:
    """Count the article catalogs both ways; list the messages where the counts differ."""
    from translate.text.wordcount import count_words

    paths = write_article_catalogs(out)
    totals = pocount_totals(bin_dir, paths)
    texts = [e.msgid for p in paths for e in polib.pofile(str(p)) if e.msgid and not e.obsolete]
    theirs = pocount_words(bin_dir, texts)
    ours = [count_words(text) for text in texts]
    assert sum(totals.values()) == sum(theirs), "pocount's files and its word splitter disagree"
    return WordCounts(
        files=len(paths), messages=len(texts), pocount=sum(theirs), ours=sum(ours),
        whitespace=sum(len(text.split()) for text in texts),
        differing=[(t, a, b) for t, a, b in zip(texts, theirs, ours, strict=True) if a != b])


def render_words(words: WordCounts) -> str:
    """Totals and the differing messages."""
    def percent(value: int) -> str:
        return f"{100.0 * (value - words.pocount) / words.pocount:+.2f} %"

    lines = [
        f"source words of {words.messages} messages in {words.files} article catalogs:",
        f"  pocount {words.pocount}, translate status {words.ours} ({percent(words.ours)}), "
        f"whitespace-separated {words.whitespace} ({percent(words.whitespace)})",
        f"  {len(words.differing)} message(s) counted differently:",
    ]
    for text, theirs, ours in words.differing:
        lines.append(f"    pocount {theirs}, ours {ours}: {text[:90]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "peers",
                        help="virtualenv for the peers (made on first use)")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    parser.add_argument("--glossary", type=Path,
                        help="also run translate check with this glossary (e.g. glossary.yaml) "
                             "and print its false positives")
    args = parser.parse_args(argv)
    bin_dir = ensure_peers(args.venv)
    labels = read_labels()
    pofilter = score(labels, pofilter_findings(bin_dir), POFILTER_CHECKS)
    ours = score(labels, check_findings(), {})
    with tempfile.TemporaryDirectory() as scratch:
        words = compare_word_counts(bin_dir, Path(scratch))
    print(render_qa(labels, pofilter, ours))
    if args.glossary:
        with_glossary = score(labels, check_findings(glossary=args.glossary), {})
        print(render_false_positives(f"translate check --glossary {args.glossary}",
                                     with_glossary))
    print()
    print(render_words(words))
    if args.json:
        data = {"pofilter": score_json(pofilter), "translate": score_json(ours),
                "words": asdict(words)}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def score_json(result: Score) -> dict[str, object]:
    """A Score as JSON: counters keyed "check/lang" (or lang)."""
    def keyed(counter: Counter) -> dict[str, int]:
        return {"/".join(k) if isinstance(k, tuple) else k: n for k, n in sorted(counter.items())}

    return {
        "found": keyed(result.found), "missed": keyed(result.missed),
        "found_any": keyed(result.found_any), "false_entries": keyed(result.false_entries),
        "false_checks": keyed(result.false_checks),
    }


if __name__ == "__main__":
    sys.exit(main())
