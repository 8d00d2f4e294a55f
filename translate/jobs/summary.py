"""What a run did: counts per language at the end, the files it wrote or could not.

How a PO entry is counted is decided here once (``entry_outcome``), for the run itself, for
the run-state records that let a rerun skip an article, and for ``assemble``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from translate.core.report import json_text
from translate.formats.drafts import counted
from translate.formats.unitview import STATE_LABELS
from translate.po.catalog import entry_state, is_pseudo_draft, needs_mt
from translate.po.writeback import SavedCatalog
from translate.publish.review import ReviewIndexRow


def untranslated_reason(why: str) -> str:
    """The summary's line for units left untranslated because of ``why``."""
    return f"left untranslated: {why}"


FOREIGN_REASON = untranslated_reason("already in another language")
#: The summary's line for pseudo-translations: what they are, and what replaces them.
PSEUDO_REASON = ("pseudo-translated: marked ⟦…⟧, not translations (a run with a language "
                 "package replaces them)")


def entry_outcome(
    entry: polib.POEntry, foreign: Collection[str] = (), *, retranslate_mt: bool = False,
    replace_pseudo: bool = False,
) -> str:
    """How a run counts a live entry: ``foreign`` (untranslated, its text already in another
    language: never machine-translated), ``mt`` (untranslated, for MT to fill), ``redraft``
    (a draft of the tool that MT may replace: catalog.needs_mt), ``already`` (translated)
    or ``untranslated``."""
    state = entry_state(entry)
    if state == "untranslated" and entry.msgid in foreign:
        return "foreign"
    if needs_mt(entry, retranslate_mt=retranslate_mt, replace_pseudo=replace_pseudo):
        return "mt" if state == "untranslated" else "redraft"
    return "untranslated" if state == "untranslated" else "already"


@dataclass(frozen=True)
class EntryCounts:
    """Entries of a catalog as a run counts them; ``pending`` ones are still for MT to fill,
    ``redrafts`` of them hold a draft MT may replace (counted ``already`` too)."""

    already: int = 0
    untranslated: int = 0
    reasons: Mapping[str, int] = field(default_factory=dict)
    pending: int = 0
    redrafts: int = 0


def count_entries(
    po: Iterable[polib.POEntry], foreign: Collection[str] = (), *, no_mt: str | None = None,
    replace_pseudo: bool = False,
) -> EntryCounts:
    """Count the live entries of ``po`` (see count_outcomes); with ``replace_pseudo`` the
    pseudo engine's drafts are drafts MT will replace."""
    outcomes = Counter(entry_outcome(entry, foreign, replace_pseudo=replace_pseudo)
                       for entry in po if not entry.obsolete)
    return count_outcomes(outcomes, no_mt=no_mt)


def count_outcomes(outcomes: Mapping[str, int], *, no_mt: str | None = None) -> EntryCounts:
    """EntryCounts from how many entries had each outcome of ``entry_outcome``. With ``no_mt``
    (why MT does not run) the entries MT would fill are untranslated for that reason, and
    still ``pending``; a draft MT would replace is ``already`` done, and still ``pending``."""
    mt = outcomes.get("mt", 0)
    redrafts = outcomes.get("redraft", 0)
    foreign = outcomes.get("foreign", 0)
    reasons = {FOREIGN_REASON: foreign}
    untranslated = foreign + outcomes.get("untranslated", 0)
    if no_mt is not None:
        reasons[untranslated_reason(no_mt)] = mt
        untranslated += mt
    return EntryCounts(
        already=outcomes.get("already", 0) + redrafts,
        untranslated=untranslated,
        reasons={reason: n for reason, n in reasons.items() if n},
        pending=mt + redrafts,
        redrafts=redrafts,
    )


#: How many ids, and lines of one kind, a report shows before it says how many more there are.
REPORT_IDS, REPORT_LINES = 10, 20
#: Where a report sends its reader for what it leaves out.
FULL_LIST = "--json lists them all"


def first_ids(ids: list[str]) -> str:
    """``a, b, c`` for a few ids; the first REPORT_IDS and how many more for many."""
    if not ids:
        return "-"
    shown = ", ".join(ids[:REPORT_IDS])
    more = len(ids) - REPORT_IDS
    return shown if more <= 0 else f"{shown} and {more} more ({FULL_LIST})"


def cut_short(lines: list[str], indent: str, what: str) -> list[str]:
    """``lines``, or the first REPORT_LINES of them and one line saying how many more."""
    if len(lines) <= REPORT_LINES:
        return lines
    return [*lines[:REPORT_LINES],
            f"{indent}... and {len(lines) - REPORT_LINES} more {what} ({FULL_LIST})"]


@dataclass
class LanguageSummary:
    """What one run did for one target language, in units (PO entries)."""

    lang: str
    machine: int = 0
    #: Entries filled by the pseudo engine (``--engine pseudo``): drafts, but no translations.
    pseudo: int = 0
    memory: int = 0
    already: int = 0
    untranslated: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    package: str | None = None
    errors: list[str] = field(default_factory=list)
    files_written: int = 0
    published: tuple[str, ...] = ()
    held_back: tuple[str, ...] = ()
    #: The articles held back by QA errors in approved entries, with those errors
    #: (``<file>:<line>: <code>: <message>``: ``publish.review.gate_holds``).
    holds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: PO files into which a translator's save made during the run was merged, with how
    #: many saves (``writeback.save_catalog``).
    merged: dict[str, int] = field(default_factory=dict)
    #: ``assemble`` (no MT): the live entries of the PO files by state (count_states); None
    #: for a run, which reports what it did instead.
    states: Counter[str] | None = None

    def count_states(self, po: Iterable[polib.POEntry]) -> None:
        """Count the live entries of ``po`` by state (catalog.entry_state)."""
        self.states = self.states if self.states is not None else Counter()
        self.states.update(entry_state(entry) for entry in po if not entry.obsolete)

    def add(self, counts: EntryCounts) -> None:
        """Add the already-done and untranslated entries of ``counts``."""
        self.already += counts.already
        self.untranslated += counts.untranslated
        self.reasons.update(counts.reasons)

    def add_drafts(self, count: int, engine: str) -> None:
        """``count`` entries drafted by ``engine`` ("argos" or "pseudo")."""
        if engine == "pseudo":
            self.pseudo += count
            if count:
                self.reasons[PSEUDO_REASON] += count
        else:
            self.machine += count

    def record_save(self, path: Path, saved: SavedCatalog) -> None:
        """A PO file written back (or found current): counted when written, listed when a
        save made during the run was merged into it."""
        self.files_written += saved.written
        if saved.remerged:
            self.merged[str(path)] = self.merged.get(str(path), 0) + saved.remerged

    def note_holds(self, rows: Iterable[ReviewIndexRow]) -> None:
        """Keep what holds back each article of ``rows`` that the bundle held back."""
        held = set(self.held_back)
        self.holds = {row.article_id: row.holds for row in rows
                      if row.holds and row.article_id in held}

    def leave_pending(self, entries: Sequence[polib.POEntry], why: str) -> None:
        """The ``entries`` MT was to fill, when it can not run because of ``why``: the
        untranslated ones stay so, the drafts MT would have replaced stay as they are (and
        the pseudo engine's are said to be no translations)."""
        drafts = [entry for entry in entries if entry_state(entry) != "untranslated"]
        self.already += len(drafts)
        pseudo = sum(map(is_pseudo_draft, drafts))
        if pseudo:
            self.reasons[f"pseudo-translations kept, not translations: {why}"] += pseudo
        self.leave_untranslated(len(entries) - len(drafts), why)

    def leave_untranslated(self, count: int, why: str) -> None:
        """``count`` entries stay untranslated because of ``why``."""
        if count:
            self.untranslated += count
            self.reasons[untranslated_reason(why)] += count

    def to_dict(self) -> dict[str, Any]:
        """The language's part of ``RunSummary.to_json``."""
        return {"machine": self.machine, "pseudo": self.pseudo, "memory": self.memory,
                "already": self.already,
                "untranslated": self.untranslated, "reasons": dict(sorted(self.reasons.items())),
                "package": self.package, "errors": self.errors,
                "files_written": self.files_written, "published": list(self.published),
                "held_back": list(self.held_back),
                "qa_errors": {article: list(holds) for article, holds in self.holds.items()},
                "merged": self.merged,
                "states": None if self.states is None else dict(self.states)}

    def head(self) -> str:
        """The language's first line: what a run did, or the states ``assemble`` found."""
        if self.states is not None:
            states = ", ".join(counted(state, self.states[state]) for state in STATE_LABELS)
            return f"{self.lang}: {sum(self.states.values())} units: {states}"
        head = f"{self.lang}: {self.machine} by MT, "
        head += f"{self.pseudo} pseudo-translated, " if self.pseudo else ""
        head += f"{self.memory} from memory, "
        head += f"{self.already} already done, {self.untranslated} untranslated"
        return head + (f" [{self.package}]" if self.package else "")

    def lines(self) -> list[str]:
        """The language's lines of the run's report (long lists cut short: REPORT_LINES)."""
        lines = [self.head()]
        lines += [f"    {count} {reason}" for reason, count in sorted(self.reasons.items())]
        if self.published or self.held_back:
            lines += self.bundle_lines()
        merged = [f"    merged {'a save' if saves == 1 else f'{saves} saves'} made during the "
                  f"run: {path}" for path, saves in self.merged.items()]
        lines += cut_short(merged, "    ", "merged files")
        return lines + cut_short([f"    error: {error}" for error in self.errors], "    ",
                                 "errors")


    def bundle_lines(self) -> list[str]:
        """What the bundle published and held back, and why: the first QA error of the
        first articles QA holds back (a count of the rest, which ``translate status``
        lists)."""
        below = len(self.held_back) - len(self.holds)
        why = [f"{below} below the publish gate"] if below and self.holds else []
        why += [f"{len(self.holds)} for QA errors in approved entries"] if self.holds else []
        lines = [f"    bundle: {len(self.published)} published, {len(self.held_back)} held back "
                 f"({', '.join(why) or 'below the publish gate'})"]
        for article, holds in list(self.holds.items())[:SHOWN_HOLDS]:
            more = f" (+{len(holds) - 1} more)" if len(holds) > 1 else ""
            lines.append(f"    held back: {article}: {holds[0]}{more}")
        if len(self.holds) > SHOWN_HOLDS:
            lines.append(f"    held back: {len(self.holds) - SHOWN_HOLDS} more for QA errors "
                         "(translate status lists them)")
        return lines


#: How many articles held back by QA errors the report names (the others are counted).
SHOWN_HOLDS = 5


@dataclass
class RunSummary:
    """What ``run()`` did: per-language counts, skipped articles, missing pairs, errors (an
    article file that can not be read), the articles of earlier runs ``left_out`` of the
    bundles and the index because their source changed since, and ``notices``: what the
    run could not do that nobody asked it to leave out (no glossary file)."""

    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    languages: dict[str, LanguageSummary] = field(default_factory=dict)
    missing_pairs: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: What to do next, for someone who runs the command for the first time (next_steps).
    next_steps: list[str] = field(default_factory=list)

    def render(self) -> str:
        """A short plain-text report for the terminal, as readable for 10,000 articles as
        for one: counts, the first few ids and messages, and where the rest is (``--json``,
        to_json, keeps everything)."""
        lines = [f"{len(self.articles)} article(s): {first_ids(self.articles)}"]
        lines += cut_short([f"error: {line}" for line in self.errors], "", "errors")
        lines += cut_short([f"skipped {line}" for line in self.skipped], "", "skipped")
        lines += cut_short([f"warning: {line}" for line in self.notices], "", "warnings")
        if self.left_out:
            lines.append(
                f"{len(self.left_out)} article(s) not in the bundles and the review index until "
                "a run names them (source changed since their last run): "
                f"{first_ids(self.left_out)}"
            )
        for summary in self.languages.values():
            lines += summary.lines()
        for lang, advice in self.missing_pairs.items():
            lines.append(f"missing en→{lang}: {advice}")
        lines += [f"next: {step}" for step in self.next_steps]
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """True when no file-level error was reported."""
        return not self.errors and not any(s.errors for s in self.languages.values())

    def to_json(self) -> str:
        """Everything the report says, as JSON: articles, skipped, errors, left out, notices,
        missing pairs, and per language its counts, reasons, bundle and merged saves."""
        return json_text({
            "ok": self.ok, "articles": self.articles, "skipped": self.skipped,
            "errors": self.errors, "left_out": self.left_out, "notices": self.notices,
            "next_steps": self.next_steps,
            "missing_pairs": self.missing_pairs,
            "languages": {lang: summary.to_dict() for lang, summary in self.languages.items()},
        })


def next_steps(command: str, locales: Path, out: Path, *, review: bool) -> list[str]:
    """What comes after ``run`` or ``assemble`` (``command``) in a project whose PO files are
    under ``locales`` and outputs under ``out``: the step a newcomer would otherwise guess."""
    pages = f"; review pages: {(out / 'review' / 'index.html').as_posix()}" if review else ""
    if command == "run":
        po = (locales / "<lang>" / "LC_MESSAGES" / "<article>.po").as_posix()
        return [f"translators check and approve (or translate) the entries of {po} in Poedit, "
                f"Lokalize or Weblate, then translate assemble{pages}"]
    return [f"translated articles in {(out / '<lang>').as_posix()}/ (drafts say so on their "
            f"first line){pages}; {(out / '<lang>.zip').as_posix()}: the articles that pass "
            "the publish gate; translate status: how far each language is"]
