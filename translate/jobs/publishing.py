"""The files of a run that cover every article: each language's bundle and the review index,
written at the end of a run (never by a shard), and only when what they are made from
changed; and the stamps a run settles for the files it wrote.

A bundle is keyed by the fingerprint and each article's inputs (source, PO file). When the
key is the one the zip on disk was written from, nothing is done. Otherwise the zip is made
again in bounded memory (translate.publish.spool): the articles this run published come from
its spool, the others whose inputs did not change from the zip on disk, and only the rest
are read and rendered again. The review index is keyed the same way over every row; its
rows come from the run-state records, so an unchanged index is not even rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from translate.core.stamps import Checker
from translate.jobs.context import LanguageRun, RunContext
from translate.jobs.records import BundleRecord, IndexRecord
from translate.jobs.state import bundle_key, file_sha256, lines_key, output_paths, po_file
from translate.publish.bundle import BundleEntry, BundleItem, bundle_entry, write_bundle_entries
from translate.publish.outputs import read_published, write_index
from translate.publish.review import ReviewIndexRow
from translate.publish.spool import BundleSpool, OldBundle

#: (source file as the project names it, sha256 of the source, sha256 of the PO file).
Inputs = tuple[str, str | None, str | None]


def input_digest(inputs: Inputs) -> str:
    """A short digest of an article's inputs, as a bundle record keeps them."""
    text = "\0".join(part or "" for part in inputs)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def language_inputs(run: LanguageRun, ctx: RunContext) -> dict[str, Inputs]:
    """Every article in the language's bundle and index, with its inputs: those this run
    published, those current, and the others kept (project.Others)."""
    lang, current = run.lang, ctx.current.get(run.lang, {})
    inputs: dict[str, Inputs] = {}
    for article_id in ctx.order:
        if article_id in run.inputs:
            inputs[article_id] = (ctx.sources[article_id].ref, *run.inputs[article_id])
        elif article_id in current:
            record = current[article_id]
            inputs[article_id] = (record.ref, record.source, record.po)
    for article_id in ctx.others.ids(lang):
        known = ctx.others.known[lang][article_id]
        inputs[article_id] = (known.source.ref, known.source.sha256, known.po)
    return inputs


def publish_bundle(run: LanguageRun, ctx: RunContext) -> None:
    """Write ``<out>/<lang>.zip`` unless the run state shows it is already up to date."""
    lang = run.lang
    inputs = language_inputs(run, ctx)
    if not inputs:
        return
    key = bundle_key(ctx.fingerprint, {a: (src, po) for a, (_ref, src, po) in inputs.items()})
    zip_path = Path(ctx.options.out) / f"{lang}.zip"
    known = ctx.state.find_bundle(lang, key, zip_path)
    if known is None:
        known = rebuild_bundle(run, ctx, inputs, key, zip_path)
    run.summary.published, run.summary.held_back = known.published, known.held_back
    run.summary.holds = dict(known.holds)
    ctx.state.remember_bundle(lang, known)


def old_bundle(ctx: RunContext, lang: str, zip_path: Path) -> tuple[BundleRecord, OldBundle] | None:
    """The zip on disk and its record, when a run of this fingerprint wrote it as it is."""
    for record in ctx.state.bundles.get(lang, []):
        if record.fingerprint == ctx.fingerprint and record.sha256 is not None:
            sha, _stat = ctx.state.checker.sha256(zip_path, record.sha256, record.stat)
            bundle = OldBundle.open(zip_path) if sha == record.sha256 else None
            if bundle is not None:
                return record, bundle
    return None


def rebuild_bundle(
    run: LanguageRun, ctx: RunContext, inputs: dict[str, Inputs], key: str, zip_path: Path
) -> BundleRecord:
    """Write the bundle from the run's spool, the zip on disk and, for the rest, the files."""
    lang, options = run.lang, ctx.options
    spool = run.spool = run.spool or BundleSpool(Path(options.out))
    found = old_bundle(ctx, lang, zip_path)
    record, old = found if found is not None else (None, None)
    entries: list[BundleEntry] = []
    from_old: set[str] = set()
    digests = {article_id: input_digest(found) for article_id, found in inputs.items()}
    for article_id in sorted(inputs):
        if article_id in spool.entries:
            entries.append(spool.entries[article_id])
        elif old is not None and record is not None and article_id in old.entries \
                and record.inputs.get(article_id) == digests[article_id]:
            entries.append(old.entries[article_id])
            from_old.add(article_id)
        else:
            item = (ctx.others.item(lang, article_id) if article_id not in ctx.sources
                    else read_item(ctx, lang, article_id))
            if item is None:
                continue
            spool.add(bundle_entry(item, lang, min_translated=options.min_translated,
                                   include_drafts=options.include_drafts,
                                   formats=options.text_formats or ("txt",)))
            entries.append(spool.entries[article_id])
    try:
        outcome = write_bundle_entries(
            options.out, lang, entries,
            lambda a: old.members(a) if old is not None and a in from_old else spool.members(a),
            min_translated=options.min_translated, include_drafts=options.include_drafts,
            glossary_sha256=ctx.glossary.sha256,
            generated_at=newest_input(ctx, lang, [e.article_id for e in entries]),
        )
    finally:
        if old is not None:
            old.close()
    return BundleRecord(key, file_sha256(zip_path), outcome.published, outcome.skipped, None,
                        {e.article_id: digests[e.article_id] for e in entries}, ctx.fingerprint,
                        outcome.holds)


def read_item(ctx: RunContext, lang: str, article_id: str) -> BundleItem | None:
    """The bundle item of an article of the run, from its files as they are."""
    published = read_published(ctx.article(article_id), lang, ctx.glossary, ctx.options,
                               recheck=False)
    return published.item if published is not None else None


def newest_input(ctx: RunContext, lang: str, article_ids: list[str]) -> datetime | None:
    """The modification time of the newest source or PO file of the bundle's articles (the
    bundle is dated by it, so the same inputs give the same zip). The PO file's path is made
    as a string (state.po_file): a bundle of 10,000 articles costs 10,000 of them."""
    newest = 0.0
    for article_id in article_ids:
        source = ctx.sources.get(article_id)
        if source is None:
            source = ctx.others.known[lang][article_id].source
        for path in (source.path, po_file(ctx.options, lang, article_id)):
            with contextlib.suppress(OSError):
                newest = max(newest, os.stat(path).st_mtime)
    return datetime.fromtimestamp(int(newest), tz=UTC) if newest else None


def publish_index(ctx: RunContext, langs: list[str]) -> None:
    """Write the review index ``<out>/review/index.html`` unless it is up to date: every
    language of the run, and the languages of earlier runs it keeps."""
    if not ctx.options.review:
        return
    every = list(langs) + [lang for lang in ctx.others.languages if lang not in langs]
    inputs = {lang: language_inputs(ctx.language(lang), ctx) for lang in every}
    key = lines_key([ctx.fingerprint, *("\t".join([lang, a, *map(str, found)])
                                        for lang in sorted(inputs)
                                        for a, found in sorted(inputs[lang].items()))])
    path = Path(ctx.options.out) / "review" / "index.html"
    known = ctx.state.find_index(key, path)
    if known is None:
        rows = [row for lang in every for row in language_rows(ctx, lang, inputs[lang])]
        write_index(rows, ctx.options)
        known = IndexRecord(key, file_sha256(path))
    ctx.state.remember_index(known)


def language_rows(ctx: RunContext, lang: str, inputs: dict[str, Inputs]) -> list[ReviewIndexRow]:
    """The review-index rows of one language: made by this run, recorded, or made from the
    files (a record whose row can't be read, an article kept with stale notes)."""
    run, current = ctx.language(lang), ctx.current.get(lang, {})
    rows = []
    for article_id in inputs:
        row = run.rows.get(article_id)
        if row is None and article_id in current:
            row = current[article_id].read_row(article_id, lang)
            if row is None:
                published = read_published(ctx.article(article_id), lang, ctx.glossary,
                                           ctx.options, recheck=False)
                row = published.row if published is not None else None
        elif row is None:
            row = ctx.others.row(lang, article_id)
        if row is not None:
            rows.append(row)
    return rows


#: At the end of a run, how often and how long apart the files written in the clock's last
#: tick are read again to be stamped (so that the next run need not read them).
SETTLE_TRIES, SETTLE_WAIT = 10, 0.005


def settle(ctx: RunContext, *, final: bool = False) -> None:
    """Stamp the files this run wrote since the last call (translate.core.stamps): each is
    read again under a new clock reading, and stamped when it still holds what the run
    wrote and is settled. With ``final``, the bundles and the review index too, and files
    written in the tick of the reading are tried again a few milliseconds later."""
    state = ctx.state
    for attempt in range(SETTLE_TRIES if final else 1):
        if attempt:
            time.sleep(SETTLE_WAIT)
        checker = Checker(Path(state.path).with_suffix(".clock"), recorded=state.clock)
        left = settle_records(ctx, checker) + (settle_outputs(ctx, checker) if final else 0)
        if checker.reading is not None:
            state.clock = checker.reading.latest(state.clock)
        if not left:
            return


def settle_records(ctx: RunContext, checker: Checker) -> int:
    """Stamp the records of ctx.unsettled; keep there those whose files are not settled
    yet, and return how many."""
    state, options = ctx.state, ctx.options
    left = []
    for lang, article_id in ctx.unsettled:
        record = state.own_articles.get(lang, {}).get(article_id)
        if record is None or record.stat is not None:
            continue
        paths = [po_file(options, lang, article_id), *output_paths(options, lang, article_id)]
        same, stat = checker.same_files(paths, (record.po, *record.outputs), None)
        if same and stat is not None:
            state.remember(lang, article_id, replace(record, stat=stat))
        elif same:
            left.append((lang, article_id))
    ctx.unsettled[:] = left
    return len(left)


def settle_outputs(ctx: RunContext, checker: Checker) -> int:
    """Stamp the bundles and the review index this run wrote; return how many are not
    settled yet."""
    state, out = ctx.state, Path(ctx.options.out)
    left = 0
    for lang, bundle in list(state.own_bundles.items()):
        if bundle.stat is None and bundle.sha256 is not None:
            sha, stat = checker.read(out / f"{lang}.zip")
            if sha == bundle.sha256 and stat is not None:
                state.remember_bundle(lang, replace(bundle, stat=stat))
            left += sha == bundle.sha256 and stat is None
    index = state.own_index
    if index is not None and index.stat is None and index.sha256 is not None:
        sha, stat = checker.read(out / "review" / "index.html")
        if sha == index.sha256 and stat is not None:
            state.remember_index(replace(index, stat=stat))
        left += sha == index.sha256 and stat is None
    return left
