"""One run-state file read back: its JSON parsed and every record checked.

A file of another format (an older release wrote it) is not this run's; a file that is not
valid JSON, is nested too deeply or is not a regular file is discarded with a warning
(``DISCARDED``), and so is each record whose values are of the wrong types
(translate.jobs.records): the state is a cache, so what is discarded costs time, never
correctness. translate.jobs.state merges the files of a project.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.core.fsutil import display_path, read_regular_file
from translate.errors import NotRegularFileError
from translate.jobs.records import ArticleRecord, BundleRecord, IndexRecord, mapping, text

#: Bumped when the meaning of a state record changes: older records then never match.
#: 2: source paths relative to the project root (were: to the working directory), output and
#: bundle sha256. 3: a review-index row says what QA errors hold its article back (``holds``),
#: and its counts and completion count identical texts once. 4: compact records with stamps
#: (a rerun stats files instead of reading them), source stamps, the review index's record.
STATE_FORMAT = 4


@dataclass
class StateFile:
    """What one state file holds (parse_state)."""

    articles: dict[str, dict[str, ArticleRecord]] = field(default_factory=dict)
    bundles: dict[str, BundleRecord] = field(default_factory=dict)
    index: IndexRecord | None = None
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    clock: tuple[int, int] = (0, 0)
    bad: int = 0  # records that were not valid


def parse_state(data: Any) -> StateFile:
    """The records of a state file's JSON data (ValueError when ``data`` is not a state file
    of this format); ``bad`` counts the records that are not valid."""
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise ValueError("not a state file of this format")
    try:
        fingerprints = [text(fp) for fp in data["fingerprints"]]
        articles_data, bundles_data = mapping(data["articles"]), mapping(data["bundles"])
        clock = (nanoseconds(data["clock"][0]), nanoseconds(data["clock"][1]))
    except (KeyError, IndexError, TypeError, ValueError) as err:
        raise ValueError("not a state file of this format") from err
    parsed = StateFile(clock=clock)
    for lang, records in articles_data.items():
        if not isinstance(records, dict):
            parsed.bad += 1
            continue
        mine = parsed.articles[lang] = {}
        for article_id, raw in records.items():
            record = ArticleRecord.from_json(raw, fingerprints)
            if record is None:
                parsed.bad += 1
            else:
                mine[article_id] = record
    for lang, raw in bundles_data.items():
        bundle = BundleRecord.from_json(raw)
        parsed.bad += bundle is None
        if bundle is not None:
            parsed.bundles[lang] = bundle
    if data.get("index") is not None:
        parsed.index = IndexRecord.from_json(data["index"])
        parsed.bad += parsed.index is None
    parsed.sources, bad = parse_sources(data.get("sources", {}))
    parsed.bad += bad
    return parsed


def nanoseconds(value: Any) -> int:
    """``value`` if it is a time in nanoseconds (an int from 0 to 2**63)."""
    if type(value) is not int or not 0 <= value < 2**63:
        raise ValueError("not a time")
    return value


def parse_sources(data: Any) -> tuple[dict[str, tuple[str, str | None]], int]:
    """The source stamps of a state file (ref → (sha256, stat)), and how many were not valid."""
    sources: dict[str, tuple[str, str | None]] = {}
    bad = 0
    for ref, stamp in (data.items() if isinstance(data, dict) else ()):
        if (isinstance(stamp, list) and len(stamp) == 2 and isinstance(stamp[0], str)
                and (stamp[1] is None or isinstance(stamp[1], str))):
            sources[ref] = (stamp[0], stamp[1])
        else:
            bad += 1
    return sources, bad


#: What a run says about a state file it ignores.
DISCARDED = "ignored (the run state is a cache: this run redoes what it would have skipped)"


def read_state_file(path: Path, discarded: list[str]) -> StateFile | None:
    """One state file, or None (with a line in ``discarded`` when it is not valid JSON)."""
    shown = display_path(path)
    try:
        data = json.loads(read_regular_file(path).decode("utf-8"))
    except NotRegularFileError:
        discarded.append(f"{shown}: not a regular file; {DISCARDED}")
        return None
    except OSError:
        return None
    except RecursionError:
        discarded.append(f"{shown}: JSON nested too deeply; {DISCARDED}")
        return None
    except ValueError as err:  # also bad UTF-8 and numbers too long to convert
        discarded.append(f"{shown}: not valid JSON ({_reason(err)}); {DISCARDED}")
        return None
    try:
        return parse_state(data)
    except ValueError:
        return None  # another format: an older release wrote it


def _reason(err: ValueError) -> str:
    """A short, one-line reason for a JSON decoding error."""
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 at byte {err.start}"
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} at line {err.lineno}, column {err.colno}"
    return "a number too long" if "digits" in str(err) else str(err).split("\n")[0][:80]
