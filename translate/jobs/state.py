"""The run state: what earlier runs did and from which inputs, so that unchanged work is skipped.

``<locales>/.translate-state/`` holds one JSON file per kind of run (``all.json``,
``shard-K-of-N.json``), merged on reading; each run writes only its own. A record says: this
article × language was last processed from a source with this sha256, under this fingerprint
(tool version, glossary, options), and left a PO file and outputs with these sha256. Records
are only ever trusted after checking those hashes against the files, so a stale, foreign or
missing record costs time, never correctness; the PO hash is of the bytes the run wrote (or
found already right), never of the file as it is later, and an output some other command
rewrote is not taken for the one the run wrote. Source files are recorded relative to the
project root (the folder holding the locales folder, ``RunOptions.root``), so the records mean
the same whatever the working directory. A state file that is not valid (corrupt JSON, nested
too deeply, numbers too long, values of the wrong types) is discarded with a warning
(``RunState.discarded``), never fatal. The lock that keeps two runs from writing one project
at once is here too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.core.fsutil import (
    display_path,
    file_lock,
    project_lock,
    read_regular_file,
    write_text_atomic,
)
from translate.core.version import __version__
from translate.errors import NotRegularFileError
from translate.glossary.model import Glossary
from translate.jobs.summary import EntryCounts
from translate.options import RunOptions
from translate.po.catalog import po_path
from translate.publish.review import ReviewIndexRow

#: Folder of the run state under the locales folder.
STATE_DIR = ".translate-state"
#: Bumped when the meaning of a state record changes: older records then never match.
#: 2: source paths relative to the project root (were: to the working directory), output and
#: bundle sha256. 3: a review-index row says what QA errors hold its article back (``holds``),
#: and its counts and completion count identical texts once.
STATE_FORMAT = 3


def file_sha256(path: Path) -> str | None:
    """sha256 of the file's bytes, None when it cannot be read."""
    try:
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except OSError:
        return None


def sha256_json(data: object) -> str:
    """sha256 of ``data`` as canonical JSON."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_name(shard: tuple[int, int] | None) -> str:
    """The run-state file name (without ``.json``) of a run: ``all`` or ``shard-K-of-N``."""
    return "all" if shard is None else f"shard-{shard[0]}-of-{shard[1]}"


@dataclass(frozen=True)
class SourceFile:
    """One article file of the run: where it is, the sha256 of its bytes, and how the project
    names it (relative to the project root: PO references, run-state records)."""

    path: Path
    sha256: str | None
    ref: str

    @classmethod
    def read(cls, path: Path, ref: str) -> SourceFile:
        """The source file at ``path``, hashed now."""
        return cls(path, file_sha256(path), ref)


def row_to_json(row: ReviewIndexRow) -> dict[str, Any]:
    """A review-index row as plain JSON data."""
    return {
        "article_id": row.article_id,
        "lang": row.lang,
        "headline": row.headline,
        "counts": dict(row.counts),
        "findings": row.findings,
        "percent": row.percent,
        "publishable": row.publishable,
        "holds": list(row.holds),
    }


@dataclass(frozen=True)
class ArticleRecord:
    """What a run left for one article in one language, and the inputs it came from."""

    fingerprint: str  # run_fingerprint() of that run
    source: str | None  # sha256 of the source file
    ref: str  # the source file, as PO references name it
    po: str | None  # sha256 of the PO file as written
    counts: EntryCounts  # what a rerun counts for the PO file
    row: ReviewIndexRow  # the article's line of the review index
    #: Each output (path relative to the output folder) and the sha256 it was written with.
    outputs: Mapping[str, str | None] = field(default_factory=dict)

    def made_from(self, source: SourceFile, fingerprint: str | None = None) -> bool:
        """Whether this record is of ``source`` as it is now (under ``fingerprint``, if given)."""
        same_source = (self.source, self.ref) == (source.sha256, source.ref)
        return same_source and fingerprint in (None, self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        """The record as stored in a state file."""
        return {
            "fingerprint": self.fingerprint,
            "source": self.source,
            "ref": self.ref,
            "po": self.po,
            "already": self.counts.already,
            "untranslated": self.counts.untranslated,
            "reasons": dict(self.counts.reasons),
            "pending": self.counts.pending,
            "row": row_to_json(self.row),
            "outputs": dict(self.outputs),
        }

    @classmethod
    def from_json(cls, data: Any) -> ArticleRecord | None:
        """The record ``to_json`` stored, or None when ``data`` is not one."""
        try:
            counts = EntryCounts(
                _count(data["already"]), _count(data["untranslated"]),
                {_text(k): _count(v) for k, v in _mapping(data["reasons"]).items()},
                _count(data.get("pending", 0)),
            )
            outputs = {_text(k): _sha256(v) for k, v in _mapping(data["outputs"]).items()}
            return cls(_text(data["fingerprint"]), _sha256(data["source"]), _text(data["ref"]),
                       _sha256(data["po"]), counts, _row(data["row"]), outputs)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value < 2**53:
        raise ValueError("not a count")
    return value


def _sha256(value: Any) -> str | None:
    return None if value is None else _text(value)


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("not an object")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return tuple(_text(item) for item in value)


def _row(data: Any) -> ReviewIndexRow:
    """A review-index row stored by row_to_json (ValueError, TypeError when it is not one)."""
    data = _mapping(data)
    if set(data) != {"article_id", "lang", "headline", "counts", "findings", "percent",
                     "publishable", "holds"}:
        raise ValueError("not a review-index row")
    percent = data["percent"]
    if type(percent) not in (int, float) or not math.isfinite(percent):
        raise ValueError("not a percentage")
    if not isinstance(data["publishable"], bool):
        raise TypeError("not a boolean")
    return ReviewIndexRow(
        _text(data["article_id"]), _text(data["lang"]), _text(data["headline"]),
        {_text(k): _count(v) for k, v in _mapping(data["counts"]).items()},
        _count(data["findings"]), float(percent), data["publishable"], _texts(data["holds"]),
    )


@dataclass(frozen=True)
class BundleRecord:
    """A language bundle a run wrote: the inputs it was made from (``key``), the sha256 of the
    zip as written, and its outcome."""

    key: str
    sha256: str | None
    published: tuple[str, ...]
    held_back: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The record as stored in a state file."""
        return {"key": self.key, "sha256": self.sha256, "published": list(self.published),
                "held_back": list(self.held_back)}

    @classmethod
    def from_json(cls, data: Any) -> BundleRecord | None:
        """The record ``to_json`` stored, or None when ``data`` is not one."""
        try:
            return cls(_text(data["key"]), _sha256(data["sha256"]), _texts(data["published"]),
                       _texts(data["held_back"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class RunState:
    """The records of earlier runs (every state file merged) and those of this run's file."""

    path: Path
    known: dict[tuple[str, str], list[ArticleRecord]] = field(default_factory=dict)
    bundles: dict[str, list[BundleRecord]] = field(default_factory=dict)
    own_articles: dict[str, dict[str, ArticleRecord]] = field(default_factory=dict)
    own_bundles: dict[str, BundleRecord] = field(default_factory=dict)
    #: One line per state file (or part of one) that was not valid and was ignored.
    discarded: list[str] = field(default_factory=list)

    def candidates(self, lang: str, article_id: str) -> list[ArticleRecord]:
        """Records for ``article_id`` in ``lang``, this run's own file first."""
        return self.known.get((lang, article_id), [])

    def remember(self, lang: str, article_id: str, record: ArticleRecord) -> None:
        """Keep ``record`` in this run's file (replacing an older one)."""
        self.own_articles.setdefault(lang, {})[article_id] = record
        self.known[(lang, article_id)] = [record, *self.candidates(lang, article_id)]

    def find_bundle(self, lang: str, key: str, zip_sha256: str | None) -> BundleRecord | None:
        """The recorded bundle of ``lang`` built from the inputs ``key`` names, when the zip
        on disk (``zip_sha256``) is still the one that run wrote; else None."""
        return next(
            (
                b
                for b in self.bundles.get(lang, [])
                if b.key == key and zip_sha256 is not None and b.sha256 == zip_sha256
            ),
            None,
        )

    def remember_bundle(self, lang: str, record: BundleRecord) -> None:
        """Keep the bundle record of ``lang`` in this run's file."""
        self.own_bundles[lang] = record
        self.bundles[lang] = [record, *self.bundles.get(lang, [])]


def parse_state(
    data: Any,
) -> tuple[dict[str, dict[str, ArticleRecord]], dict[str, BundleRecord], int]:
    """The article and bundle records of a state file's JSON data, and how many records
    were not valid (ValueError when ``data`` is not a state file of this format)."""
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise ValueError("not a state file of this format")
    if not isinstance(data.get("articles"), dict) or not isinstance(data.get("bundles"), dict):
        raise ValueError("not a state file of this format")
    bad = 0
    articles: dict[str, dict[str, ArticleRecord]] = {}
    for lang, records in data["articles"].items():
        if not isinstance(records, dict):
            bad += 1
            continue
        for article_id, raw in records.items():
            record = ArticleRecord.from_json(raw)
            if record is None:
                bad += 1
            else:
                articles.setdefault(lang, {})[article_id] = record
    bundles: dict[str, BundleRecord] = {}
    for lang, raw in data["bundles"].items():
        bundle = BundleRecord.from_json(raw)
        if bundle is None:
            bad += 1
        else:
            bundles[lang] = bundle
    return articles, bundles, bad


#: What a run says about a state file it ignores.
DISCARDED = "ignored (the run state is a cache: this run redoes what it would have skipped)"


def read_state(locales: Path, shard: tuple[int, int] | None) -> RunState:
    """Every state file under ``<locales>/.translate-state/``, merged.

    A file of another format (an older release) is ignored; one that is not valid is
    ignored with a line in ``discarded``, and so is a file with records that are not.
    """
    folder = Path(locales) / STATE_DIR
    state = RunState(folder / f"{state_name(shard)}.json")
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    files.sort(key=lambda p: p != state.path)  # this run's own file first
    for path in files:
        shown = display_path(path)
        try:
            data = json.loads(read_regular_file(path).decode("utf-8"))
        except NotRegularFileError:
            state.discarded.append(f"{shown}: not a regular file; {DISCARDED}")
            continue
        except OSError:
            continue
        except RecursionError:
            state.discarded.append(f"{shown}: JSON nested too deeply; {DISCARDED}")
            continue
        except ValueError as err:  # also bad UTF-8 and numbers too long to convert
            state.discarded.append(f"{shown}: not valid JSON ({_reason(err)}); {DISCARDED}")
            continue
        try:
            articles, bundles, bad = parse_state(data)
        except ValueError:
            continue  # another format: an older release wrote it
        if bad:
            state.discarded.append(f"{shown}: {bad} record(s) not valid; {DISCARDED}")
        if path == state.path:
            state.own_articles, state.own_bundles = articles, bundles
        for lang, records in articles.items():
            for article_id, record in records.items():
                state.known.setdefault((lang, article_id), []).append(record)
        for lang, bundle in bundles.items():
            state.bundles.setdefault(lang, []).append(bundle)
    return state


def _reason(err: ValueError) -> str:
    """A short, one-line reason for a JSON decoding error."""
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 at byte {err.start}"
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} at line {err.lineno}, column {err.colno}"
    return "a number too long" if "digits" in str(err) else str(err).split("\n")[0][:80]


def write_state(state: RunState) -> bool:
    """Write this run's state file atomically (only when it changed)."""
    data = {
        "format": STATE_FORMAT,
        "articles": {
            lang: {article_id: record.to_json() for article_id, record in records.items()}
            for lang, records in state.own_articles.items()
        },
        "bundles": {lang: record.to_json() for lang, record in state.own_bundles.items()},
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=0) + "\n"
    return write_text_atomic(state.path, text)


def run_fingerprint(options: RunOptions, glossary: Glossary) -> str:
    """What, besides the source and the PO file, decides an article's files: tool version,
    glossary, engine and the options that change the PO file or the outputs."""
    return sha256_json(
        {
            "format": STATE_FORMAT,
            "tool": __version__,
            "glossary": glossary.sha256,
            "engine": options.engine,
            "source_lang": options.source_lang,
            "keep_obsolete": options.keep_obsolete,
            "tm": [file_sha256(path) for path in options.tm],
            "out": str(Path(options.out).resolve()),
            "formats": sorted(options.formats),
            "gate": [options.min_translated, options.include_drafts],
        }
    )


def bundle_key(fingerprint: str, inputs: Mapping[str, tuple[str | None, str | None]]) -> str:
    """What a language bundle is made from: the fingerprint, and the sha256 of each article's
    source and PO file (``inputs``: article id → (source, PO))."""
    articles = sorted(inputs.items())  # the zip lists them by id whatever the run's order
    return sha256_json([fingerprint, [[article_id, src, po] for article_id, (src, po) in articles]])


def expected_outputs(options: RunOptions, lang: str, article_id: str) -> list[Path]:
    """The files a run writes for one article in one language, besides its PO file."""
    out = Path(options.out)
    paths = [out / lang / f"{article_id}.{fmt}" for fmt in options.text_formats]
    if options.review:
        paths.append(out / "review" / lang / f"{article_id}.html")
    return paths


def output_hashes(options: RunOptions, lang: str, article_id: str) -> dict[str, str | None]:
    """The sha256 of each output of one article in one language, by its path under the output
    folder (None for one that is missing)."""
    out = Path(options.out)
    return {
        path.relative_to(out).as_posix(): file_sha256(path)
        for path in expected_outputs(options, lang, article_id)
    }


def find_current(
    state: RunState,
    lang: str,
    article_id: str,
    source: SourceFile,
    fingerprint: str,
    options: RunOptions,
    *,
    allow_pending: bool = False,
) -> ArticleRecord | None:
    """The state record showing ``article_id`` in ``lang`` needs no work, or None.

    It must match the source's and the PO file's sha256 and the fingerprint, leave no entry
    for MT to fill (unless MT is off, or ``allow_pending``), and every output must be there
    as the run wrote it.
    """
    if source.sha256 is None or options.retranslate_mt:
        return None
    wants_mt = options.engine != "none" and not allow_pending
    matching = [
        record
        for record in state.candidates(lang, article_id)
        if record.made_from(source, fingerprint) and not (record.counts.pending and wants_mt)
    ]
    if not matching:
        return None
    po_sha = file_sha256(po_path(options.locales, lang, article_id)) or ""
    record = next((r for r in matching if r.po == po_sha), None)
    if record is None:
        return None
    outputs = output_hashes(options, lang, article_id)
    if any(sha is None or record.outputs.get(name) != sha for name, sha in outputs.items()):
        return None
    return record


@dataclass(frozen=True)
class KnownArticle:
    """An article × language of an earlier run that this command does not process: its
    source and PO file as they are now, and the record whose review-index row still holds
    for them (None: the row is to be made again from the files)."""

    source: SourceFile
    po: str  # sha256 of its PO file now
    record: ArticleRecord | None


def find_others(
    state: RunState,
    langs: Iterable[str],
    options: RunOptions,
    fingerprint: str,
    *,
    skip: Callable[[str, str], bool] = lambda _lang, _article_id: False,
) -> tuple[dict[str, dict[str, KnownArticle]], list[str]]:
    """The articles × languages of ``langs`` that earlier runs recorded, and the ids of the
    articles whose source changed since (in that order).

    A run on one new article, or on one language, and ``assemble`` on a few files must not
    drop the others from the bundles and the review index: an article recorded in the run
    state whose source file (``ref``, under the project root) is still there, unchanged, and
    whose PO file exists is kept in them, as its files are. Pairs ``skip(lang, id)`` are left
    out (the command processes them). An article whose source changed since the run that
    recorded it is left out until a run names it again (its PO file does not follow the new
    text yet): its id is in the second list.
    """
    wanted = set(langs)
    others: dict[str, dict[str, KnownArticle]] = {lang: {} for lang in wanted}
    sources: dict[str, SourceFile | None] = {}
    stale: list[str] = []
    for (lang, article_id), records in sorted(state.known.items()):
        if lang not in wanted or skip(lang, article_id) or not records:
            continue
        if article_id not in sources:
            ref = records[0].ref
            path = options.root / ref
            sources[article_id] = SourceFile.read(path, ref) if path.is_file() else None
        source = sources[article_id]
        if source is None:
            continue
        matching = [r for r in records if r.made_from(source)]
        if not matching:
            if article_id not in stale:
                stale.append(article_id)
            continue
        po_sha = file_sha256(po_path(options.locales, lang, article_id))
        if po_sha is None:
            continue
        record = next(
            (r for r in matching if r.po == po_sha and r.fingerprint == fingerprint), None
        )
        others[lang][article_id] = KnownArticle(source, po_sha, record)
    return others, stale


@contextlib.contextmanager
def run_lock(locales: Path, shard: tuple[int, int] | None) -> Iterator[None]:
    """Lock the locales folder for one run; shards of one split may run side by side.

    A run without ``--shard`` holds ``<locales>/.translate.lock`` exclusively. A shard run
    holds it shared (so shards don't wait for each other, and a run without ``--shard`` can
    not start while shards write) plus ``.translate-state/shard-K-of-N.lock`` exclusively
    (so the same shard can not run twice at once). Shards of one split never write the same
    files: each writes only its own articles and its own state file.
    """
    if not shard:
        with project_lock(locales):
            yield
        return
    project = Path(locales) / ".translate.lock"
    shard_lock = Path(locales) / STATE_DIR / f"{state_name(shard)}.lock"
    with file_lock(
        project,
        shared=True,
        busy=f"{project}: a translate run without --shard holds the lock on this project; "
        "wait for it to finish",
    ), file_lock(
        shard_lock,
        busy=f"{shard_lock}: shard {shard[0]}/{shard[1]} is already running on this project; "
        "wait for it to finish",
    ):
        yield
