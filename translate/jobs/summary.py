"""What a run did: progress events as they happen, counts per language at the end.

How a PO entry is counted is decided here once (``entry_outcome``), for the run itself, for
the run-state records that let a rerun skip an article, and for ``assemble``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from translate.core.report import json_text
from translate.po.catalog import entry_state, needs_mt
from translate.po.writeback import SavedCatalog


def untranslated_reason(why: str) -> str:
    """The summary's line for units left untranslated because of ``why``."""
    return f"left untranslated: {why}"


FOREIGN_REASON = untranslated_reason("already in another language")


def entry_outcome(
    entry: polib.POEntry, foreign: Collection[str] = (), *, retranslate_mt: bool = False
) -> str:
    """How a run counts a live entry: ``foreign`` (untranslated, its text already in another
    language: never machine-translated), ``mt`` (untranslated, for MT to fill), ``redraft``
    (a draft of the tool that MT may replace: catalog.needs_mt), ``already`` (translated)
    or ``untranslated``."""
    state = entry_state(entry)
    if state == "untranslated" and entry.msgid in foreign:
        return "foreign"
    if needs_mt(entry, retranslate_mt=retranslate_mt):
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
    po: Iterable[polib.POEntry], foreign: Collection[str] = (), *, no_mt: str | None = None
) -> EntryCounts:
    """Count the live entries of ``po`` (see count_outcomes)."""
    return count_outcomes(
        Counter(entry_outcome(entry, foreign) for entry in po if not entry.obsolete), no_mt=no_mt
    )


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
    memory: int = 0
    already: int = 0
    untranslated: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    package: str | None = None
    errors: list[str] = field(default_factory=list)
    files_written: int = 0
    published: tuple[str, ...] = ()
    held_back: tuple[str, ...] = ()
    #: PO files into which a translator's save made during the run was merged, with how
    #: many saves (``writeback.save_catalog``).
    merged: dict[str, int] = field(default_factory=dict)

    def add(self, counts: EntryCounts) -> None:
        """Add the already-done and untranslated entries of ``counts``."""
        self.already += counts.already
        self.untranslated += counts.untranslated
        self.reasons.update(counts.reasons)

    def record_save(self, path: Path, saved: SavedCatalog) -> None:
        """A PO file written back (or found current): counted when written, listed when a
        save made during the run was merged into it."""
        self.files_written += saved.written
        if saved.remerged:
            self.merged[str(path)] = self.merged.get(str(path), 0) + saved.remerged

    def leave_untranslated(self, count: int, why: str) -> None:
        """``count`` entries stay untranslated because of ``why``."""
        if count:
            self.untranslated += count
            self.reasons[untranslated_reason(why)] += count

    def to_dict(self) -> dict[str, Any]:
        """The language's part of ``RunSummary.to_json``."""
        return {"machine": self.machine, "memory": self.memory, "already": self.already,
                "untranslated": self.untranslated, "reasons": dict(sorted(self.reasons.items())),
                "package": self.package, "errors": self.errors,
                "files_written": self.files_written, "published": list(self.published),
                "held_back": list(self.held_back), "merged": self.merged}

    def lines(self) -> list[str]:
        """The language's lines of the run's report (long lists cut short: REPORT_LINES)."""
        head = f"{self.lang}: {self.machine} by MT, {self.memory} from memory, "
        head += f"{self.already} already done, {self.untranslated} untranslated"
        if self.package:
            head += f" [{self.package}]"
        lines = [head]
        lines += [f"    {count} {reason}" for reason, count in sorted(self.reasons.items())]
        if self.published or self.held_back:
            lines.append(
                f"    bundle: {len(self.published)} published, {len(self.held_back)} held back "
                "(below the publish gate)"
            )
        merged = [f"    merged {'a save' if saves == 1 else f'{saves} saves'} made during the "
                  f"run: {path}" for path, saves in self.merged.items()]
        lines += cut_short(merged, "    ", "merged files")
        return lines + cut_short([f"    error: {error}" for error in self.errors], "    ",
                                 "errors")


@dataclass
class RunSummary:
    """What ``run()`` did: per-language counts, skipped articles, missing pairs, errors (an
    article file that can not be read), and the articles of earlier runs ``left_out`` of the
    bundles and the index because their source changed since."""

    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    languages: dict[str, LanguageSummary] = field(default_factory=dict)
    missing_pairs: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def render(self) -> str:
        """A short plain-text report for the terminal, as readable for 10,000 articles as
        for one: counts, the first few ids and messages, and where the rest is (``--json``,
        to_json, keeps everything)."""
        lines = [f"{len(self.articles)} article(s): {first_ids(self.articles)}"]
        lines += cut_short([f"error: {line}" for line in self.errors], "", "errors")
        lines += cut_short([f"skipped {line}" for line in self.skipped], "", "skipped")
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
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """True when no file-level error was reported."""
        return not self.errors and not any(s.errors for s in self.languages.values())

    def to_json(self) -> str:
        """Everything the report says, as JSON: articles, skipped, errors, left out, missing
        pairs, and per language its counts, reasons, bundle and merged saves."""
        return json_text({
            "ok": self.ok, "articles": self.articles, "skipped": self.skipped,
            "errors": self.errors, "left_out": self.left_out,
            "missing_pairs": self.missing_pairs,
            "languages": {lang: summary.to_dict() for lang, summary in self.languages.items()},
        })
