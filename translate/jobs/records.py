"""What the run state records, and how a record is stored: one compact JSON list per article
× language, read back with its values checked.

A state file of 10,000 articles × 4 languages holds 40,000 records, and a rerun that changes
nothing reads them all: so a record is a flat list (no repeated keys), its file hashes one
string, its fingerprint an index into the file's table of fingerprints, and its review-index
row is checked only when the index is made from it (``ArticleRecord.read_row``). A value of the
wrong type makes the record not valid (``ArticleRecord.from_json`` returns None); the state is
a cache, so a record that is not valid costs time, never correctness.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from translate.jobs.summary import EntryCounts
from translate.publish.review import ReviewIndexRow

#: The keys of a review-index row as stored (row_to_json), in order.
ROW_KEYS = ("headline", "counts", "findings", "percent", "publishable", "holds")
#: How a file hash that is missing (no such file) is written in a record's hash list.
NO_FILE = "-"


def row_to_json(row: ReviewIndexRow) -> list[Any]:
    """A review-index row as stored: ``[headline, counts, findings, percent, publishable,
    holds]`` (its article and language are the record's keys)."""
    return [row.headline, dict(row.counts), row.findings, row.percent, row.publishable,
            list(row.holds)]


def row_from_json(data: Any, article_id: str, lang: str) -> ReviewIndexRow:
    """A review-index row stored by row_to_json (ValueError, TypeError when it is not one)."""
    if not isinstance(data, list) or len(data) != len(ROW_KEYS):
        raise ValueError("not a review-index row")
    headline, counts, findings, percent, publishable, holds = data
    if type(percent) not in (int, float) or not math.isfinite(percent):
        raise ValueError("not a percentage")
    if not isinstance(publishable, bool):
        raise TypeError("not a boolean")
    return ReviewIndexRow(
        article_id, lang, text(headline),
        {text(k): count(v) for k, v in mapping(counts).items()},
        count(findings), float(percent), publishable, texts(holds),
    )


def text(value: Any) -> str:
    """``value`` if it is a string (TypeError otherwise)."""
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def count(value: Any) -> int:
    """``value`` if it is a count: an int from 0 to 2**53 (ValueError otherwise)."""
    if type(value) is not int or not 0 <= value < 2**53:
        raise ValueError("not a count")
    return value


def optional_text(value: Any) -> str | None:
    """``value`` if it is a string or None."""
    return None if value is None else text(value)


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object."""
    if not isinstance(value, dict):
        raise TypeError("not an object")
    return value


def texts(value: Any) -> tuple[str, ...]:
    """``value`` if it is a list of strings, as a tuple."""
    if not isinstance(value, list):
        raise TypeError("not a list")
    return tuple(text(item) for item in value)


@dataclass(frozen=True)
class ArticleRecord:
    """What a run left for one article in one language, and the inputs it came from."""

    fingerprint: str  # run_fingerprint() of that run
    source: str | None  # sha256 of the source file
    ref: str  # the source file, as PO references name it
    po: str | None  # sha256 of the PO file as written
    counts: EntryCounts  # what a rerun counts for the PO file
    #: The article's line of the review index: a ReviewIndexRow, or as stored (``read_row``).
    row_data: ReviewIndexRow | list[Any] = field(repr=False, compare=False)
    #: The sha256 of each output as written, in state.expected_outputs order (None: missing).
    outputs: tuple[str | None, ...] = ()
    #: stamps.stats_digest of the PO file and the outputs, once they are settled (None: the
    #: next run hashes them).
    stat: str | None = None
    #: What the PO file offers the translation memory (translate.jobs.offers).
    offers: str = ""

    def read_row(self, article_id: str, lang: str) -> ReviewIndexRow | None:
        """The review-index row, checked if it was read from a state file (None: not valid)."""
        if isinstance(self.row_data, ReviewIndexRow):
            return self.row_data
        try:
            return row_from_json(self.row_data, article_id, lang)
        except (TypeError, ValueError, AttributeError):
            return None

    def made_from(self, source_sha256: str | None, ref: str,
                  fingerprint: str | None = None) -> bool:
        """Whether this record is of the source ``ref`` with these bytes now (under
        ``fingerprint``, if given)."""
        same_source = self.source == source_sha256 and self.ref == ref
        return same_source and fingerprint in (None, self.fingerprint)

    def to_json(self, fingerprint: int) -> list[Any]:
        """The record as stored, its fingerprint as an index into the file's table."""
        counts = self.counts
        files = " ".join(sha or NO_FILE for sha in (self.po, *self.outputs))
        row = row_to_json(self.row_data) if isinstance(self.row_data, ReviewIndexRow) \
            else self.row_data
        return [fingerprint, self.ref, self.source, self.stat,
                [counts.already, counts.untranslated, counts.pending, counts.redrafts],
                dict(counts.reasons), files, self.offers, row]

    @classmethod
    def from_json(cls, data: Any, fingerprints: Sequence[str]) -> ArticleRecord | None:
        """The record ``to_json`` stored, or None when ``data`` is not one."""
        # A rerun reads every record: the checks are written out, not called per value.
        try:
            fp, ref, source, stat, numbers, reasons, files, offers, row = data
            already, untranslated, pending, redrafts = numbers
        except (TypeError, ValueError):
            return None
        if not (type(ref) is str and type(files) is str and type(offers) is str
                and (source is None or type(source) is str)
                and (stat is None or type(stat) is str) and type(fp) is int and fp >= 0
                and all(type(n) is int and 0 <= n < 2**53 for n in numbers)):
            return None
        try:
            fingerprint = fingerprints[fp]
            found = {text(k): count(v) for k, v in mapping(reasons).items()} if reasons else {}
        except (IndexError, TypeError, ValueError, AttributeError):
            return None
        shas = [None if sha == NO_FILE else sha for sha in files.split(" ")]
        return cls(fingerprint, source, ref, shas[0],
                   EntryCounts(already, untranslated, found, pending, redrafts), row,
                   tuple(shas[1:]), stat, offers)


@dataclass(frozen=True)
class BundleRecord:
    """A language bundle a run wrote: the inputs it was made from (``key``: the fingerprint,
    and ``inputs``: each article's, by id), the sha256 of the zip as written and its stamp,
    and its outcome."""

    key: str
    sha256: str | None
    published: tuple[str, ...]
    held_back: tuple[str, ...]
    stat: str | None = None  # stamps.stat_text of the zip, once settled
    #: Each article's inputs (publishing.input_digest), and the run's fingerprint: an
    #: article whose inputs are the same is taken from this zip when the bundle is rebuilt.
    inputs: Mapping[str, str] = field(default_factory=dict, repr=False)
    fingerprint: str = ""
    #: The QA errors that hold back each article held back for them (BundleResult.holds).
    holds: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The record as stored in a state file."""
        return {"key": self.key, "sha256": self.sha256, "published": list(self.published),
                "held_back": list(self.held_back), "stat": self.stat,
                "inputs": dict(self.inputs), "fingerprint": self.fingerprint,
                "holds": {article: list(found) for article, found in self.holds.items()}}

    @classmethod
    def from_json(cls, data: Any) -> BundleRecord | None:
        """The record ``to_json`` stored, or None when ``data`` is not one."""
        try:
            inputs = {text(k): text(v) for k, v in mapping(data.get("inputs", {})).items()}
            holds = {text(k): texts(v) for k, v in mapping(data.get("holds", {})).items()}
            return cls(text(data["key"]), optional_text(data["sha256"]),
                       texts(data["published"]), texts(data["held_back"]),
                       optional_text(data.get("stat")), inputs,
                       text(data.get("fingerprint", "")), holds)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


@dataclass(frozen=True)
class IndexRecord:
    """The review index a run wrote: what it was made from, its sha256 and stamp."""

    key: str
    sha256: str | None
    stat: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as stored in a state file."""
        return {"key": self.key, "sha256": self.sha256, "stat": self.stat}

    @classmethod
    def from_json(cls, data: Any) -> IndexRecord | None:
        """The record ``to_json`` stored, or None when ``data`` is not one."""
        try:
            return cls(text(data["key"]), optional_text(data["sha256"]),
                       optional_text(data.get("stat")))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
