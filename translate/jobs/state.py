"""The run state: what earlier runs did and from which inputs, so that unchanged work is skipped.

``<locales>/.translate-state/`` holds one JSON file per kind of run (``all.json``,
``shard-K-of-N.json``), merged on reading; each run writes only its own, and only when it
changed. A record (translate.jobs.records) says: this article × language was last processed
from a source with this sha256, under this fingerprint (tool version, glossary, options), and
left a PO file and outputs with these sha256. Records are only ever trusted after checking
those hashes against the files, so a stale, foreign or missing record costs time, never
correctness; the PO hash is of the bytes the run wrote (or found already right), never of the
file as it is later, and an output some other command rewrote is not taken for the one the
run wrote. A file is read and hashed only when its stat is not the one a stamp recorded
(translate.core.stamps: the stamps, the clock they were settled under, and why a stat can
vouch for bytes), so a rerun that changes nothing reads no file but the state. Source files
are recorded relative to the project root (the folder holding the locales folder,
``RunOptions.root``), so the records mean the same whatever the working directory. A state
file that is not valid (corrupt JSON, nested too deeply, numbers too long, values of the
wrong types) is discarded with a warning (``RunState.discarded``; translate.jobs.statefile
reads one file), never fatal. The lock that
keeps two runs from writing one project at once is here too.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from translate.core.fsutil import (
    display_path,
    file_lock,
    open_regular_file,
    project_lock,
    write_stream_atomic,
)
from translate.core.stamps import Checker, Clock, sha256_of
from translate.core.version import __version__
from translate.glossary.model import Glossary
from translate.jobs.records import ArticleRecord, BundleRecord, IndexRecord
from translate.jobs.statefile import (
    DISCARDED,
    STATE_FORMAT,
    read_state_file,
)
from translate.options import RunOptions

#: Folder of the run state under the locales folder.
STATE_DIR = ".translate-state"


def file_sha256(path: Path) -> str | None:
    """sha256 of the file's bytes, None when it cannot be read."""
    try:
        with open_regular_file(path) as handle:
            return sha256_of(handle)
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


@dataclass
class RunState:
    """The records of earlier runs (every state file merged) and those of this run's file.

    ``checker`` hashes files only when their stats can't vouch for them; its clock is read
    when the run takes the lock (``start``), and ``clock`` is the latest reading any state
    file was written under (a reading earlier than that: the clock went backwards).
    """

    path: Path
    known: dict[tuple[str, str], list[ArticleRecord]] = field(default_factory=dict)
    bundles: dict[str, list[BundleRecord]] = field(default_factory=dict)
    index: list[IndexRecord] = field(default_factory=list)
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # ref → stamp
    own_articles: dict[str, dict[str, ArticleRecord]] = field(default_factory=dict)
    own_bundles: dict[str, BundleRecord] = field(default_factory=dict)
    own_index: IndexRecord | None = None
    own_sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    clock: tuple[int, int] = (0, 0)  # (fs_ns, wall_ns) of the latest state file
    #: One line per state file (or part of one) that was not valid and was ignored.
    discarded: list[str] = field(default_factory=list)
    checker: Checker = field(default_factory=Checker)
    changed: bool = False  # whether this run's file needs writing

    def start(self, *, read_only: bool = False) -> None:
        """Check files from now on under a clock read in ``<name>.clock`` beside the state
        file when the first file has to be read (``read_only``: the wall clock, nothing is
        written); trust no stamp when the clock is now earlier than when a state file was
        written (it went backwards)."""
        trust = not Clock.now().behind(self.clock)
        clock_file = None if read_only else self.path.with_suffix(".clock")
        self.checker = Checker(clock_file, trust=trust, recorded=self.clock)

    def candidates(self, lang: str, article_id: str) -> list[ArticleRecord]:
        """Records for ``article_id`` in ``lang``, this run's own file first."""
        return self.known.get((lang, article_id), [])

    def remember(self, lang: str, article_id: str, record: ArticleRecord) -> None:
        """Keep ``record`` in this run's file (replacing an older one)."""
        self.own_articles.setdefault(lang, {})[article_id] = record
        self.known[(lang, article_id)] = [record, *self.candidates(lang, article_id)]
        self.changed = True

    def source(self, path: Path, ref: str) -> SourceFile:
        """The source file at ``path`` and its sha256, read only if its stamp does not hold."""
        known = self.sources.get(ref)
        if known is None:
            sha, stat = self.checker.read(path)
        else:
            sha, stat = self.checker.sha256(path, *known)
        if sha is not None and (sha, stat) != known:
            self.sources[ref] = self.own_sources[ref] = (sha, stat)
            self.changed = True
        return SourceFile(path, sha, ref)

    def find_bundle(self, lang: str, key: str, zip_path: Path) -> BundleRecord | None:
        """The recorded bundle of ``lang`` built from the inputs ``key`` names, when the zip
        on disk is still the one that run wrote (its stamp, else its sha256); else None."""
        for bundle in self.bundles.get(lang, []):
            if bundle.key == key and bundle.sha256 is not None:
                sha, stat = self.checker.sha256(zip_path, bundle.sha256, bundle.stat)
                if sha == bundle.sha256:
                    return bundle if stat == bundle.stat else replace(bundle, stat=stat)
        return None

    def remember_bundle(self, lang: str, record: BundleRecord) -> None:
        """Keep the bundle record of ``lang`` in this run's file."""
        if self.own_bundles.get(lang) != record:
            self.changed = True
        self.own_bundles[lang] = record
        self.bundles[lang] = [record, *self.bundles.get(lang, [])]

    def find_index(self, key: str, index_path: Path) -> IndexRecord | None:
        """The record of the review index made from ``key``, while the file is as written."""
        for record in self.index:
            if record.key == key and record.sha256 is not None:
                sha, stat = self.checker.sha256(index_path, record.sha256, record.stat)
                if sha == record.sha256:
                    return record if stat == record.stat else replace(record, stat=stat)
        return None

    def remember_index(self, record: IndexRecord) -> None:
        """Keep the review index's record in this run's file."""
        if self.own_index != record:
            self.changed = True
        self.own_index = record
        self.index.insert(0, record)


def read_state(locales: Path, shard: tuple[int, int] | None) -> RunState:
    """Every state file under ``<locales>/.translate-state/``, merged.

    A file of another format (an older release) is ignored; one that is not valid is
    ignored with a line in ``discarded``, and so is a file with records that are not.

    The cyclic garbage collector is paused meanwhile: 40,000 records are a million objects,
    none of them garbage, which it would otherwise scan again and again (it halves the time
    a rerun spends reading the state).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_state(locales, shard)
    finally:
        if collecting:
            gc.enable()


def _read_state(locales: Path, shard: tuple[int, int] | None) -> RunState:
    folder = Path(locales) / STATE_DIR
    state = RunState(folder / f"{state_name(shard)}.json")
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    files.sort(key=lambda p: p != state.path)  # this run's own file first
    for path in files:
        parsed = read_state_file(path, state.discarded)
        if parsed is None:
            continue
        if parsed.bad:
            state.discarded.append(f"{display_path(path)}: {parsed.bad} record(s) not valid; "
                                   f"{DISCARDED}")
        if path == state.path:
            state.own_articles, state.own_bundles = parsed.articles, parsed.bundles
            state.own_index, state.own_sources = parsed.index, dict(parsed.sources)
        for lang, records in parsed.articles.items():
            for article_id, record in records.items():
                state.known.setdefault((lang, article_id), []).append(record)
        for lang, bundle in parsed.bundles.items():
            state.bundles.setdefault(lang, []).append(bundle)
        state.index += [parsed.index] if parsed.index is not None else []
        for ref, stamp in parsed.sources.items():
            state.sources.setdefault(ref, stamp)
        state.clock = (max(state.clock[0], parsed.clock[0]), max(state.clock[1], parsed.clock[1]))
    return state


def write_state(state: RunState) -> bool:
    """Write this run's state file atomically, when something in it changed.

    The records go out as compact JSON, one language per line (a rerun reads 40,000 records
    in a fraction of a second), each record's fingerprint an index into ``fingerprints``;
    one language's records are made into JSON at a time, and written as they are made.
    """
    if not state.changed:
        return False
    fingerprints = {fp: index for index, fp in enumerate(sorted(
        {record.fingerprint for records in state.own_articles.values()
         for record in records.values()}))}
    clock = state.checker.reading
    if clock is not None:
        state.clock = clock.latest(state.clock)
    head = json.dumps({
        "format": STATE_FORMAT,
        "clock": list(state.clock),
        "fingerprints": list(fingerprints),
        "bundles": {lang: record.to_json() for lang, record in sorted(state.own_bundles.items())},
        "index": state.own_index.to_json() if state.own_index else None,
        "sources": {ref: list(stamp) for ref, stamp in sorted(state.own_sources.items())},
    }, separators=(",", ":"), ensure_ascii=False)

    def fill(handle: BinaryIO) -> None:
        handle.write(head[:-1].encode("utf-8") + b',"articles":{')
        for number, (lang, records) in enumerate(sorted(state.own_articles.items())):
            part = {article_id: record.to_json(fingerprints[record.fingerprint])
                    for article_id, record in sorted(records.items())}
            line = json.dumps(lang) + ":" + json.dumps(part, separators=(",", ":"),
                                                       ensure_ascii=False)
            handle.write(("," if number else "").encode() + b"\n" + line.encode("utf-8"))
        handle.write(b"\n}}\n")

    written = write_stream_atomic(state.path, fill)
    state.changed = False
    return written


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
    return lines_key([fingerprint, *(f"{a}\t{src}\t{po}" for a, (src, po) in articles)])


def lines_key(lines: Iterable[str]) -> str:
    """sha256 of ``lines`` one per line (none may hold a newline: ids, hashes, paths of the
    project), made without JSON: a rerun keys every bundle and the index, 40,000 lines."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def expected_outputs(options: RunOptions, lang: str, article_id: str) -> list[Path]:
    """The files a run writes for one article in one language, besides its PO file."""
    return [Path(path) for path in output_paths(options, lang, article_id)]


def output_paths(options: RunOptions, lang: str, article_id: str) -> list[str]:
    """expected_outputs as strings, made without pathlib (a rerun makes 160,000 of them)."""
    out, formats, review = _layout(options)
    paths = [f"{out}/{lang}/{article_id}.{fmt}" for fmt in formats]
    if review:
        paths.append(f"{out}/review/{lang}/{article_id}.html")
    return paths


@functools.lru_cache(maxsize=16)
def _layout(options: RunOptions) -> tuple[str, tuple[str, ...], bool]:
    """The output folder, the article formats and whether review pages are written."""
    return str(options.out), options.text_formats, options.review


def po_file(options: RunOptions, lang: str, article_id: str) -> str:
    """catalog.po_path as a string, made without pathlib."""
    return f"{options.locales}/{lang}/LC_MESSAGES/{article_id}.po"


def output_hashes(options: RunOptions, lang: str, article_id: str) -> tuple[str | None, ...]:
    """The sha256 of each output of one article in one language, in expected_outputs order
    (None for one that is missing)."""
    return tuple(file_sha256(Path(path)) for path in output_paths(options, lang, article_id))


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
    as the run wrote it. The files are read only when their stats do not match the record's
    stamp; a record whose files were read and found right is stamped again (settled).
    """
    if source.sha256 is None or options.retranslate_mt:
        return None
    wants_mt = options.engine != "none" and not allow_pending
    paths = [po_file(options, lang, article_id), *output_paths(options, lang, article_id)]
    for record in state.candidates(lang, article_id):
        if not record.made_from(source.sha256, source.ref, fingerprint):
            continue
        if (record.counts.pending and wants_mt) or len(record.outputs) != len(paths) - 1:
            continue
        same, stat = state.checker.same_files(paths, (record.po, *record.outputs), record.stat)
        if same:
            if stat != record.stat:
                record = replace(record, stat=stat)
                state.remember(lang, article_id, record)
            return record
    return None


def vouched_po(
    state: RunState, options: RunOptions, lang: str, article_id: str,
    records: list[ArticleRecord],
) -> str | None:
    """The sha256 of an article's PO file now: a record's, when the stamp of its files
    still holds, else read (None: no such file)."""
    po = po_file(options, lang, article_id)
    paths = [po, *output_paths(options, lang, article_id)]
    for record in records:
        if len(record.outputs) == len(paths) - 1 and state.checker.vouched(paths, record.stat):
            return record.po
    return file_sha256(Path(po))


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
