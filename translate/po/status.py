"""Project status: per article and language, units and source words in each entry state.

The numbers are those of ``msgfmt --statistics`` (translated = approved, fuzzy = machine +
review, untranslated) and of ``pocount`` (words = the Unicode words of the msgid, see
:mod:`translate.text.wordcount`), for the whole project at once. Obsolete entries and the header
are not counted; identical texts in one article share one entry and count once.

Beside the counts, the machine drafts whose ``MT:`` note records the model's confidence
(:mod:`translate.po.confidence`), least confident first: where reviewers should start; and the
approved entries whose ``QA:`` notes record an error, which hold their article back from the
bundles (``holds_back``), as the last run or ``translate assemble`` found them.

Two figures are defined here once for every report: ``completion`` (status, the review pages
and index, the bundle's manifest and gate) and ``holds_back`` (the publish gate's QA rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.core.fsutil import read_regular_file
from translate.core.report import json_text
from translate.core.tables import render_table
from translate.errors import CatalogError, InputError
from translate.po.catalog import STATES, entry_state, get_notes, po_path, read_qa_note
from translate.po.confidence import LOW, entry_confidence
from translate.po.pofile import msgid_line, read_catalog
from translate.text.wordcount import count_words


def completion(units: Mapping[str, int], *, include_drafts: bool = False) -> float:
    """How far an article (or a language) is: its approved units, and its machine drafts too
    with ``include_drafts``, as % of its units, rounded to 0.1 (0.0 without units). ``units``:
    how many units are in each state, identical texts of one article counted once, as their one
    PO entry. The one completion figure of ``translate status``, the review pages and index and
    the bundle's manifest and gate."""
    total = sum(units.values())
    done = units.get("approved", 0) + (units.get("machine", 0) if include_drafts else 0)
    return round(100.0 * done / total, 1) if total else 0.0


def holds_back(state: str, severity: str) -> bool:
    """Whether a QA finding of ``severity`` on an entry in ``state`` holds its article back
    from the bundle: an error on an approved entry (warnings never gate; a translator accepts
    an error for one entry with ``#, ignore-<check>``, and then it is no finding)."""
    return state == "approved" and severity == "error"


@dataclass(frozen=True)
class Hold:
    """An error-level QA finding on an approved entry: what holds its article back."""

    lang: str
    article: str
    path: str  # the PO file, as the locales folder was given
    line: int  # of the entry's msgid
    code: str
    message: str

    def render(self) -> str:
        """``<file>:<line>: <code>: <message>``."""
        return f"{self.path}:{self.line}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "article": self.article, "file": self.path,
                "line": self.line, "code": self.code, "message": self.message}


@dataclass
class Counts:
    """Units and words per state."""

    units: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    def add(self, other: Counts) -> None:
        for state in STATES:
            self.units[state] += other.units[state]
            self.words[state] += other.words[state]

    def to_dict(self) -> dict[str, object]:
        total_units, total_words = sum(self.units.values()), sum(self.words.values())
        return {
            "units": {**self.units, "total": total_units},
            "words": {**self.words, "total": total_words},
            "completion": completion(self.units),
            "percent": {
                "units": {s: _percent(self.units[s], total_units) for s in STATES},
                "words": {s: _percent(self.words[s], total_words) for s in STATES},
            },
        }


@dataclass(frozen=True)
class ScoredDraft:
    """A machine draft and how sure the model was of it (its ``MT:`` note)."""

    confidence: float
    lang: str
    article: str
    path: str  # the PO file, as the locales folder was given
    line: int  # of the entry's msgid
    msgid: str

    def to_dict(self) -> dict[str, object]:
        return {"confidence": self.confidence, "lang": self.lang, "article": self.article,
                "file": self.path, "line": self.line, "msgid": self.msgid}


@dataclass
class Status:
    """Counts per language and article, per-language totals, and files that could not be read;
    the machine drafts with a confidence, least confident first."""

    langs: list[str]
    articles: dict[str, dict[str, Counts]]  # lang -> article id -> counts
    problems: list[str] = field(default_factory=list)
    drafts: list[ScoredDraft] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)

    def totals(self, lang: str) -> Counts:
        total = Counts()
        for counts in self.articles.get(lang, {}).values():
            total.add(counts)
        return total

    @property
    def ok(self) -> bool:
        """True when every PO file could be read."""
        return not self.problems

    def to_json(self) -> str:
        """``to_dict()`` as JSON text."""
        return json_text(self.to_dict())

    def to_dict(self) -> dict[str, object]:
        """A stable dict: ``{"states": [...], "languages": {lang: {"total": C, "articles":
        {id: C}}}, "problems": [...], "drafts": [...], "held_back": [...]}`` where C is
        ``{"units": {state: n, "total": n}, "words": {...}, "completion": %, "percent":
        {"units": {state: %}, "words": {state: %}}}``."""
        return {
            "states": list(STATES),
            "languages": {
                lang: {
                    "total": self.totals(lang).to_dict(),
                    "articles": {
                        article: counts.to_dict()
                        for article, counts in sorted(self.articles.get(lang, {}).items())
                    },
                }
                for lang in self.langs
            },
            "problems": list(self.problems),
            "drafts": [draft.to_dict() for draft in self.least_confident()],
            "held_back": [hold.to_dict() for hold in self.holds],
        }

    def least_confident(self, limit: int | None = None) -> list[ScoredDraft]:
        """The scored machine drafts, least confident first (then by file and line)."""
        ordered = sorted(self.drafts, key=lambda d: (d.confidence, d.path, d.line))
        return ordered if limit is None else ordered[:limit]

    def render(self, drafts: int = 10) -> str:
        """A plain-text table: one row per language and article, then the language total
        (``done``: the completion figure); the articles QA errors hold back from the bundles,
        and where; then the ``drafts`` least confident machine drafts, where reviewing should
        start."""
        header = ("lang", "article", *STATES, "words", "done")
        rows: list[tuple[str, ...]] = []
        for lang in self.langs:
            items = sorted(self.articles.get(lang, {}).items())
            for name, counts in [*items, ("TOTAL", self.totals(lang))]:
                rows.append(
                    (
                        lang,
                        name,
                        *(str(counts.units[s]) for s in STATES),
                        str(sum(counts.words.values())),
                        f"{completion(counts.units):.1f}%",
                    )
                )
        lines = [render_table([header, *rows])]
        if self.holds:
            lines.append("\nheld back from the bundles by QA errors in approved entries (fix "
                         "each, or accept it with #, ignore-<check> on the entry):")
            lines.append(render_table([("lang", "article", "finding"), *(
                (hold.lang, hold.article, hold.render()) for hold in self.holds)]))
        shown = self.least_confident(drafts)
        if shown:
            lines.append(f"\nleast confident machine drafts ({len(shown)} of "
                         f"{len(self.drafts)}; ! below {LOW:.2f}), review these first:")
            lines.append(render_table([
                ("confidence", "lang", "entry", "source"),
                *((f"{d.confidence:.2f}{' !' if d.confidence < LOW else ''}", d.lang,
                   f"{d.path}:{d.line}", _excerpt(d.msgid)) for d in shown),
            ]))
        lines += [f"problem: {problem}" for problem in self.problems]
        return "\n".join(lines) + "\n"


def collect_status(
    locales: Path, langs: Iterable[str], articles: Sequence[str] | None = None
) -> Status:
    """Count the states of every catalog under ``locales`` for ``langs``.

    ``articles`` limits the count to those article ids (an article without a catalog counts
    zero); by default every ``<id>.po`` found is counted. A catalog that cannot be read is
    listed in ``Status.problems`` and the others are still counted; a ``locales`` folder that
    does not exist is an InputError (not a project with nothing translated yet).
    """
    if not Path(locales).is_dir():
        raise InputError(
            f"{locales}: no such folder (give the locales folder of a project with --locales)"
        )
    langs = list(langs)
    status = Status(langs=langs, articles={})
    for lang in langs:
        folder = Path(locales) / lang / "LC_MESSAGES"
        ids = list(articles) if articles is not None else sorted(
            path.stem for path in folder.glob("*.po")
        )
        per_article: dict[str, Counts] = {}
        for article_id in ids:
            counts = Counts()
            path = po_path(locales, lang, article_id)
            if path.exists():
                try:
                    po = read_catalog(path)
                except CatalogError as err:
                    status.problems.append(str(err))
                    continue
                count_catalog(status, counts, po, lang, article_id, path)
            per_article[article_id] = counts
        status.articles[lang] = per_article
    return status


def count_catalog(status: Status, counts: Counts, po: polib.POFile, lang: str, article_id: str,
                  path: Path) -> None:
    """Add the live entries of ``po`` to ``counts``, its scored machine drafts and its holds
    (``holds_back``, read off the ``QA:`` notes) to ``status``."""
    lines = _file_lines(path)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        state = entry_state(entry)
        counts.units[state] += 1
        counts.words[state] += count_words(entry.msgid)
        confidence = entry_confidence(entry) if state == "machine" else None
        if confidence is not None:
            status.drafts.append(ScoredDraft(
                confidence, lang, article_id, str(path), msgid_line(entry, lines), entry.msgid))
        for note in get_notes(entry, "QA"):
            code, message, severity = read_qa_note(note)
            if holds_back(state, severity):
                status.holds.append(Hold(lang, article_id, str(path), msgid_line(entry, lines),
                                         code, message))


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _file_lines(path: Path) -> list[str]:
    try:
        return read_regular_file(path).decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def _excerpt(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
