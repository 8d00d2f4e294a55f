"""QA of PO catalogs: the checks of :mod:`translate.qa.checks` on entries, files and folders.

:func:`check_entry` checks one entry (every plural form), :func:`check_catalog` every translated
entry of a PO file, and :func:`check_paths` PO files and folders, returning a :class:`Report`
(text grouped by article and language, or JSON).

A translator silences a check on one entry with a translator comment ``# qa-ignore: numbers, urls``
(or ``# qa-ignore: all``), or with a flag on the entry's ``#,`` line in Weblate's convention:
``ignore-<check>`` with the check's name as ``translate check`` prints it (``ignore-glossary``),
or Weblate's own flag for one of our checks (``ignore-end-stop``, ``ignore-duplicate``, ...:
:data:`WEBLATE_FLAGS`), understood in the comment too. Findings reach translators as extracted
comments ``#. QA: <code>: <message>`` (`` (warning)`` after a warning): :func:`catalog_findings`
gives every entry's findings and :func:`qa_notes` the values for ``catalog.set_note(entry, "QA",
...)``; :func:`note_findings` reads them back.

Entries are checked one by one, except that the units of one paragraph (consecutive entries
whose one reference is the same source line) are judged together where a check looks beyond a
sentence (quotation marks opened in one sentence and closed in the next).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from translate.core.fsutil import read_regular_file
from translate.errors import CatalogError
from translate.glossary.model import Glossary
from translate.po.catalog import get_notes, qa_note, read_qa_note, set_note
from translate.po.pofile import msgid_line, read_catalog
from translate.qa.checks import CODES, Finding, check_translation

# --- Translator comments and notes ----------------------------------------------------------

QA_IGNORE = re.compile(r"^\s*qa-ignore\s*:\s*(.*)$", re.IGNORECASE | re.MULTILINE)

#: Weblate's ``ignore-*`` flags that mean one of our checks, and that check's code. Our
#: ``end_punctuation`` is one check for every final mark, so any of Weblate's six end checks
#: silences it; ``invisible`` covers more characters than Weblate's zero-width space check.
WEBLATE_FLAGS = {
    "ignore-end-stop": "end_punctuation",
    "ignore-end-colon": "end_punctuation",
    "ignore-end-question": "end_punctuation",
    "ignore-end-exclamation": "end_punctuation",
    "ignore-end-ellipsis": "end_punctuation",
    "ignore-end-semicolon": "end_punctuation",
    "ignore-duplicate": "doubled_words",
    "ignore-same": "identical",
    "ignore-placeholders": "placeholders",
    "ignore-c-format": "placeholders",
    "ignore-python-format": "placeholders",
    "ignore-python-brace-format": "placeholders",
    "ignore-check-glossary": "glossary",
    "ignore-zero-width-space": "invisible",
}


def flag_code(flag: str) -> str | None:
    """The check a ``#,`` flag silences: Weblate's ``ignore-*`` flag for one of our checks
    (:data:`WEBLATE_FLAGS`), or ``ignore-<check>`` with the check's name as ``translate
    check`` prints it (``ignore-glossary``, ``ignore-end_punctuation`` or
    ``ignore-end-punctuation``); None for any other flag."""
    flag = flag.strip().lower()
    if flag in WEBLATE_FLAGS:
        return WEBLATE_FLAGS[flag]
    code = flag.removeprefix("ignore-").replace("-", "_")
    return code if flag.startswith("ignore-") and code in CODES else None


def code_of(word: str) -> str:
    """A check code from what a translator wrote: ours (``end_punctuation`` or
    ``end-punctuation``) or a flag for it (``ignore-end-stop``, ``ignore-glossary``)."""
    word = word.strip().lower()
    code = flag_code(word)
    if code is not None:
        return code
    return word.replace("-", "_") if word.replace("-", "_") in CODES else word


def parse_qa_ignore(translator_comment: str) -> set[str]:
    """The check codes a translator comment silences: ``qa-ignore: numbers, urls`` or ``all``,
    Weblate's flags included (``qa-ignore: ignore-end-stop``)."""
    codes: set[str] = set()
    for match in QA_IGNORE.finditer(translator_comment or ""):
        codes.update(code_of(word) for word in re.split(r"[,\s]+", match.group(1)))
    codes.discard("")
    return codes


def ignored_codes(entry: polib.POEntry) -> set[str]:
    """The codes silenced on ``entry``: by its ``# qa-ignore:`` comment and by the
    ``ignore-*`` flags on its ``#,`` line (``flag_code``)."""
    flags = {code for flag in entry.flags if (code := flag_code(flag)) is not None}
    return parse_qa_ignore(entry.tcomment) | flags


def qa_notes(findings: Iterable[Finding]) -> list[str]:
    """Values for the entry's ``QA`` extracted comment: ``<code>: <message>``, one per finding,
    `` (warning)`` after a warning (``catalog.qa_note``; an error is what the publish gate
    asks about).

    The pipeline writes them with ``catalog.set_note(entry, "QA", qa_notes(findings))``, which
    gives lines ``#. QA: numbers: the number 1994 of the source is missing``.
    """
    return [qa_note(finding.code, finding.message, finding.severity) for finding in findings]


def note_findings(entry: polib.POEntry) -> list[Finding]:
    """The findings the entry's ``QA:`` notes record (as the last run or assemble wrote
    them)."""
    found = []
    for note in get_notes(entry, "QA"):
        code, message, severity = read_qa_note(note)
        found.append(Finding(code, message, "warning" if severity == "warning" else "error"))
    return found


# --- Catalogs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFinding:
    """A finding on one entry of a PO file."""

    file: Path | None
    line: int
    article: str
    lang: str
    msgid: str
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: file, line, article, lang, msgid, code, severity, message."""
        return {
            "file": str(self.file) if self.file is not None else None,
            "line": self.line,
            "article": self.article,
            "lang": self.lang,
            "msgid": self.msgid,
            "code": self.finding.code,
            "severity": self.finding.severity,
            "message": self.finding.message,
        }


def entry_pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, target) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


def is_translated(entry: polib.POEntry) -> bool:
    """Whether the entry has a non-empty translation (fuzzy or not)."""
    if entry.msgid_plural:
        return any(text.strip() for text in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def check_entry(
    entry: polib.POEntry,
    lang: str,
    *,
    glossary: Glossary | None = None,
    paragraph: tuple[tuple[str, str], ...] = (),
    position: int = 0,
) -> list[Finding]:
    """The findings on one entry, minus what its comment and flags silence.

    ``paragraph`` and ``position``: the (source, target) pairs of the entry's paragraph and
    its place there (see :func:`catalog_findings`); they apply to an entry without plurals.
    """
    ignore = ignored_codes(entry)
    if entry.msgid_plural:
        paragraph, position = (), 0
    found: list[Finding] = []
    for source, target in entry_pairs(entry):
        for finding in check_translation(
            source, target, lang, glossary=glossary, ignore=ignore,
            paragraph=paragraph, position=position,
        ):
            if finding not in found:
                found.append(finding)
    return found


def paragraph_key(entry: polib.POEntry) -> tuple[str, str] | None:
    """The source line of an entry's unit (its one reference), None when it has several."""
    return entry.occurrences[0] if len(entry.occurrences) == 1 else None


def group_paragraphs(entries: Iterable[polib.POEntry]) -> list[list[polib.POEntry]]:
    """``entries`` in runs of one paragraph: consecutive entries with the same one reference.

    A unit's reference is the line its paragraph starts on in the one-paragraph-per-line
    layout; the sentences of a hard-wrapped paragraph fall into runs per line, which the
    checks then judge as paragraphs of their own (a quotation across them is judged by the
    rule for sources whose own marks are unbalanced).
    """
    groups: list[list[polib.POEntry]] = []
    for entry in entries:
        key = paragraph_key(entry)
        if groups and key is not None and paragraph_key(groups[-1][-1]) == key:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def catalog_findings(
    po: polib.POFile, lang: str, *, glossary: Glossary | None = None
) -> list[tuple[polib.POEntry, list[Finding]]]:
    """Every live entry of ``po`` with its findings (none when it is untranslated).

    The entries of a paragraph whose units are all translated are judged together.
    """
    live = [entry for entry in po if not entry.obsolete and entry.msgid]
    result = []
    for group in group_paragraphs(live):
        whole = len(group) > 1 and all(is_translated(e) and not e.msgid_plural for e in group)
        pairs = tuple((e.msgid, e.msgstr) for e in group) if whole else ()
        for position, entry in enumerate(group):
            findings = (
                check_entry(entry, lang, glossary=glossary, paragraph=pairs, position=position)
                if is_translated(entry)
                else []
            )
            result.append((entry, findings))
    return result


def catalog_language(po: polib.POFile, path: Path | None = None) -> str:
    """The language of a PO file: its ``Language`` header, else its ``locales/<lang>/`` folder."""
    lang = (po.metadata.get("Language") or "").strip()
    if not lang and path is not None:
        parts = path.parts
        if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
            lang = parts[-3]
    if not lang:
        where = path if path is not None else "catalog"
        raise CatalogError(
            f"{where}: no Language header and not under locales/<lang>/LC_MESSAGES/; "
            "add a 'Language: ru' header")
    return lang.replace("-", "_").split("_")[0].lower()


def article_of(path: Path, lang: str) -> str:
    """The article id of a PO file: its name without ``.po`` (and without a ``.<lang>`` suffix,
    as in ``article.ru.po``)."""
    return path.stem.removesuffix(f".{lang}") or path.stem


def file_lines(po: polib.POFile) -> list[str]:
    """The lines of the file ``po`` was read from ([] when there is none)."""
    try:
        return read_regular_file(Path(po.fpath)).decode("utf-8").split("\n") if po.fpath else []
    except (OSError, UnicodeDecodeError):
        return []




def check_catalog(po: polib.POFile, lang: str, *,
                  glossary: Glossary | None = None) -> list[EntryFinding]:
    """Findings on every translated, non-obsolete entry of ``po`` (fuzzy ones included), each
    at the line of its ``msgid``."""
    path = Path(po.fpath) if po.fpath else None
    article = article_of(path, lang) if path is not None else ""
    lines = file_lines(po)
    return [
        EntryFinding(path, msgid_line(entry, lines), article, lang, entry.msgid, finding)
        for entry, findings in catalog_findings(po, lang, glossary=glossary)
        for finding in findings
    ]


@dataclass
class Report:
    """The findings of a ``check`` run over PO files, and its ``notices``: what it could not
    check (no glossary file)."""

    findings: list[EntryFinding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: Live entries of the files checked, and how many of them are untranslated (not checked).
    entries: int = 0
    untranslated: int = 0

    @property
    def errors(self) -> list[EntryFinding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.finding.severity == "error"]

    @property
    def warnings(self) -> list[EntryFinding]:
        """The findings of severity warning."""
        return [f for f in self.findings if f.finding.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings are for people to weigh)."""
        return not self.errors

    def to_json(self) -> str:
        """The findings as a JSON list of objects with the keys (stable, in this order)
        ``file, line, article, lang, msgid, code, severity, message``."""
        return json.dumps([f.to_dict() for f in self.findings], ensure_ascii=False, indent=2)

    def render(self) -> str:
        """Findings grouped by article and language, one ``file:line: code: message`` each."""
        lines = [f"warning: {notice}" for notice in self.notices]
        if not self.findings:
            return "\n".join([*lines, f"no findings in {len(self.files)} file(s)"
                               f"{self.untranslated_note()}"])
        groups: dict[tuple[str, str], list[EntryFinding]] = {}
        for item in self.findings:
            groups.setdefault((item.article, item.lang), []).append(item)
        for (article, lang), items in groups.items():
            lines.append(f"{article} [{lang}]")
            for item in items:
                warning = " (warning)" if item.finding.severity == "warning" else ""
                lines.append(
                    f"  {item.file}:{item.line}: {item.finding.code}: "
                    f"{item.finding.message}{warning}")
        lines.append(
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s) "
            f"in {len(self.files)} file(s){self.untranslated_note()}")
        return "\n".join(lines)

    def untranslated_note(self) -> str:
        """``; 16 of 16 entries are untranslated ...``: what the checks could not see."""
        if not self.untranslated:
            return ""
        return (f"; {self.untranslated} of {self.entries} entries are untranslated and not "
                "checked (translate run drafts them by MT, translators fill them in a PO "
                "editor)")


def find_po_files(paths: Sequence[Path]) -> list[Path]:
    """The PO files named in ``paths`` or under the folders there, sorted within each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.po")))
        elif path.exists():  # read_catalog says what is wrong with one that is no file
            found.append(path)
        else:
            raise CatalogError(f"{path}: no such file or folder")
    return found


def check(
    paths: Sequence[Path], *, glossary: Glossary | None = None, langs: Collection[str] | None = None
) -> Report:
    """Check every PO file in ``paths`` (files or folders searched for ``*.po``).

    ``langs`` limits the run to catalogs of those languages.
    """
    report = Report(notices=[glossary.notice] if glossary is not None and glossary.notice
                    else [])
    for path in find_po_files(paths):
        # read_catalog reports a bad file as path:line, and a Language header that is not
        # the language of its locales/<lang>/LC_MESSAGES/ folder as an error (else the file
        # would be checked as, or filtered out as, another language).
        po = read_catalog(path)
        lang = catalog_language(po, path)
        if langs is not None and lang not in langs:
            continue
        report.files.append(path)
        report.findings.extend(check_catalog(po, lang, glossary=glossary))
        # a unit already in another language (lang:) is left untranslated on purpose
        live = [entry for entry in po
                if not entry.obsolete and entry.msgid and not get_notes(entry, "lang")]
        report.entries += len(live)
        report.untranslated += sum(not is_translated(entry) for entry in live)
    return report


def refresh_notes(po: polib.POFile, glossary: Glossary, lang: str) -> bool:
    """Rewrite the tool's glossary and QA notes of every entry from the current texts; whether
    any note changed."""
    changed = False
    for entry, findings in catalog_findings(po, lang, glossary=glossary):
        before = entry.comment
        set_note(entry, "glossary", glossary.hint_lines(entry.msgid, lang))
        set_note(entry, "QA", qa_notes(findings))
        changed |= entry.comment != before
    return changed


#: The name ``check`` had before it matched its command (README, "Python API").
check_paths = check
