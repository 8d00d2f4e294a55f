"""The two main jobs, composed from the stages: ``run`` and ``reassemble``.

``run()`` is what ``translate run`` calls. For each target language it merges every article
into its PO file (catalog), reuses exact matches from the translation memory,
machine-translates the distinct texts still untranslated in large chunks (schedule), writes
each PO file as soon as its article is done, so an interrupted run loses nothing that was
finished, and publishes the articles (publish). Work the run state shows as done is skipped
(state). ``reassemble()`` is ``translate assemble``: the same publishing, from the PO files as
translators left them. Nothing here touches the network.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate import catalog, merge, pofile, qa, schedule, writeback
from translate.article import Article
from translate.engine import Translator
from translate.errors import CatalogError, SourceLanguageError
from translate.fsutil import FileSnapshot, display_path, remove_temporary_files
from translate.glossary import Glossary
from translate.memory import build_memory
from translate.options import RunOptions, in_shard, validate_engine, validate_langs
from translate.packages import describe_next_step
from translate.publish import (
    Published,
    publish_article,
    read_bundle_item,
    write_index,
    write_language_bundle,
)
from translate.review import ReviewIndexRow
from translate.segment import read_article
from translate.sources import collect_article_paths, load_glossary, read_articles
from translate.state import (
    ArticleRecord,
    BundleRecord,
    RunState,
    SourceFile,
    bundle_key,
    find_current,
    find_others,
    read_state,
    run_fingerprint,
    run_lock,
    write_state,
)
from translate.summary import (
    LanguageSummary,
    Progress,
    RunSummary,
    count_entries,
    count_outcomes,
    entry_outcome,
)


@dataclass
class RunContext:
    """What every stage of one run shares."""

    options: RunOptions
    glossary: Glossary
    progress: Progress
    summary: RunSummary
    state: RunState
    fingerprint: str
    sources: dict[str, SourceFile]
    order: list[str]  # the article ids this run names, in order
    #: lang → article id → the run-state record showing that article needs no work.
    current: dict[str, dict[str, ArticleRecord]]
    articles: dict[str, Article] = field(default_factory=dict)
    #: lang → article id → record, for articles of earlier runs that this run does not name:
    #: not processed, but still in the bundle and the review index (see find_others).
    others: dict[str, dict[str, ArticleRecord]] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        """The segmented article (read on first use)."""
        if article_id not in self.articles:
            source = self.sources[article_id]
            self.articles[article_id] = read_article(
                source.path, source_lang=self.options.source_lang
            )
        return self.articles[article_id]


@dataclass
class LanguageWork:
    """One language of a run in progress: its summary and what its articles left so far."""

    summary: LanguageSummary
    catalogs: dict[str, polib.POFile] = field(default_factory=dict)  # merged, by article id
    read: dict[str, FileSnapshot] = field(default_factory=dict)  # PO files as read
    published: dict[str, Published] = field(default_factory=dict)
    records: dict[str, ArticleRecord] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The target language."""
        return self.summary.lang


def run(options: RunOptions, progress: Progress | None = None) -> RunSummary:
    """Segment, translate and reassemble every article named by ``options.paths``.

    Work recorded as done in the run state (``<locales>/.translate-state/``) and still
    matching the files is skipped: an article × language whose source, PO file, glossary,
    tool version and options are unchanged is not even parsed. With ``options.shard`` the
    run takes only its share of the articles and leaves the bundles and the review index to
    a final run without ``--shard`` (docs/BATCH.md).
    """
    langs = validate_langs(options.langs)
    validate_engine(options.engine)
    paths = [p for p in collect_article_paths(options.paths) if in_shard(p.stem, options.shard)]
    glossary = load_glossary(options.glossary)
    with run_lock(options.locales, options.shard):
        state = read_state(options.locales, options.shard)
        try:
            ctx = start_run(paths, langs, glossary, options, progress or Progress(), state)
            return run_locked(langs, ctx)
        finally:
            write_state(state)


def start_run(
    paths: Sequence[Path],
    langs: Sequence[str],
    glossary: Glossary,
    options: RunOptions,
    progress: Progress,
    state: RunState,
) -> RunContext:
    """The context of a run: its sources, fingerprint, and the work the state shows done."""
    sources = {path.stem: SourceFile.read(path, display_path(path)) for path in paths}
    fingerprint = run_fingerprint(options, glossary)
    current: dict[str, dict[str, ArticleRecord]] = {lang: {} for lang in langs}
    for lang in langs:
        for article_id, source in sources.items():
            record = find_current(state, lang, article_id, source, fingerprint, options)
            if record is not None:
                current[lang][article_id] = record
    ctx = RunContext(
        options, glossary, progress, RunSummary(), state, fingerprint, sources, list(sources),
        current,
    )
    ctx.summary.skipped += state.discarded  # a state file that is not valid: a warning
    if options.shard is None:  # the lock is exclusive: temporary files are killed runs'
        for folder in (options.locales, options.out):
            for kept in remove_temporary_files(folder).recovered:
                ctx.summary.skipped.append(
                    f"{display_path(kept)}: swapped out of {kept.name.split('.recovered-')[0]} "
                    "by a killed run; it may hold a translator's save: merge it by hand"
                )
    if options.shard is None:
        ctx.others = find_others(state, langs, sources, fingerprint, options)
    return ctx


def run_locked(langs: Sequence[str], ctx: RunContext) -> RunSummary:
    """``run()`` once the lock is held: skip what is current, process the rest per language."""
    read_articles_to_do(langs, ctx)
    rows: list[ReviewIndexRow] = []
    for lang in langs:
        current = ctx.current[lang]
        todo = [ctx.articles[a] for a in ctx.order if a in ctx.articles and a not in current]
        work = translate_language(lang, todo, ctx)
        ctx.summary.languages[lang] = work.summary
        for record in current.values():
            work.summary.add(record.counts)
        write_state(ctx.state)
        if ctx.options.shard is None:
            publish_bundle(work, ctx)
        rows += index_rows(work, ctx)
    if ctx.options.shard is None:
        write_index(rows, ctx.options)
    return ctx.summary


def read_articles_to_do(langs: Sequence[str], ctx: RunContext) -> None:
    """Segment each article that some language still has to process; list the articles
    skipped (not in the source language) and those the run covers."""

    def done_everywhere(article_id: str) -> bool:
        return all(article_id in ctx.current[lang] for lang in langs)

    for article_id in ctx.order:
        if done_everywhere(article_id):
            continue
        try:
            ctx.article(article_id)
        except SourceLanguageError as err:
            ctx.summary.skipped.append(str(err))
    ctx.summary.articles = [a for a in ctx.order if a in ctx.articles or done_everywhere(a)]


def translate_language(lang: str, articles: Sequence[Article], ctx: RunContext) -> LanguageWork:
    """Merge, fill and write the catalogs of ``articles`` for one language, and their outputs.

    Distinct texts still untranslated are machine-translated in chunks of
    ``options.chunk_units``; after each chunk the articles it completes are written, so an
    interrupted run keeps them.
    """
    work = LanguageWork(LanguageSummary(lang))
    done = merge_catalogs(articles, work, ctx)
    foreign = {u.text for a in done for u in a.units if u.lang}
    pending = fill_from_memory(done, foreign, work, ctx)
    if not any(pending.values()):
        for article in done:
            finish_article(article, foreign, work, ctx)
        return work
    translator, why_not = schedule.open_translator(lang, ctx.options)
    if translator is None:
        if ctx.options.engine == "argos":
            ctx.summary.missing_pairs[lang] = describe_next_step("en", lang)
        work.summary.leave_untranslated(sum(map(len, pending.values())), why_not)
        for article in done:
            finish_article(article, foreign, work, ctx)
        return work
    translate_articles(done, pending, translator, foreign, work, ctx)
    return work


def merge_catalogs(
    articles: Sequence[Article], work: LanguageWork, ctx: RunContext
) -> list[Article]:
    """Merge each article into its PO file; return the articles whose PO file could be read."""
    options = ctx.options
    for article in articles:
        path = catalog.po_path(options.locales, work.lang, article.id)
        try:
            work.read[article.id], old = writeback.read_catalog_snapshot(path)
        except CatalogError as err:
            work.summary.errors.append(str(err))
            continue
        merged = merge.merge_catalog(
            old,
            article,
            work.lang,
            source_ref=ctx.sources[article.id].ref,
            keep_obsolete=options.keep_obsolete,
        )
        merged.fpath = display_path(path)
        work.catalogs[article.id] = merged
    return [a for a in articles if a.id in work.catalogs]


def fill_from_memory(
    articles: Sequence[Article], foreign: set[str], work: LanguageWork, ctx: RunContext
) -> dict[str, list[polib.POEntry]]:
    """Count the entries of each article, fill what the translation memory can, and return
    the entries left for MT, by article id."""
    retranslate_mt = ctx.options.retranslate_mt
    wanted_any = any(
        catalog.needs_mt(entry, retranslate_mt=retranslate_mt)
        for po in work.catalogs.values()
        for entry in po
    )
    memory = build_memory(
        memory_catalogs(work, ctx, with_current=wanted_any), compendia=ctx.options.tm
    )
    outcomes: Counter[str] = Counter()
    pending: dict[str, list[polib.POEntry]] = {}
    for article in articles:
        wanted = pending[article.id] = []
        for entry in work.catalogs[article.id]:
            if entry.obsolete:
                continue
            outcome = entry_outcome(entry, foreign, retranslate_mt=retranslate_mt)
            if outcome != "mt":
                outcomes[outcome] += 1
            elif memory.apply(entry) is not None:
                work.summary.memory += 1
            else:
                wanted.append(entry)
    work.summary.add(count_outcomes(outcomes))
    return pending


def memory_catalogs(
    work: LanguageWork, ctx: RunContext, *, with_current: bool
) -> list[polib.POFile]:
    """The catalogs the translation memory is built from, in article order.

    They are the run's merged catalogs and, when some entry is still to be filled, the PO
    files of the articles skipped as current (so the memory is what a full run would see).
    """
    result = []
    for article_id in ctx.order:
        if article_id in work.catalogs:
            result.append(work.catalogs[article_id])
        elif with_current and article_id in ctx.current[work.lang]:
            path = catalog.po_path(ctx.options.locales, work.lang, article_id)
            try:
                po = pofile.read_catalog(path)
            except CatalogError:
                continue
            po.fpath = display_path(path)
            result.append(po)
    return result


def translate_articles(
    articles: Sequence[Article],
    pending: dict[str, list[polib.POEntry]],
    translator: Translator,
    foreign: set[str],
    work: LanguageWork,
    ctx: RunContext,
) -> None:
    """Machine-translate the ``pending`` entries, chunk by chunk, and finish each article as
    soon as its chunk is translated."""
    lang = work.lang
    work.summary.package = translator.provenance
    ctx.progress.start(lang, len({e.msgid for entries in pending.values() for e in entries}))

    def translate(texts: list[str], cancel: threading.Event) -> schedule.Translations:
        return schedule.machine_translate(
            texts, translator, ctx.glossary, lang, ctx.progress, cancel=cancel
        )

    def finish(finished: list[Article], translated: schedule.Translations) -> None:
        for article in finished:
            # A draft whose glossary terms could not be guaranteed is caught again by the QA
            # check ``glossary`` (refresh_notes), which names the expected form.
            for entry in pending[article.id]:
                text, _problems = translated[entry.msgid]
                catalog.set_machine_translation(entry, text, translator.provenance)
            work.summary.machine += len(pending[article.id])
            finish_article(article, foreign, work, ctx)

    chunks = schedule.plan_chunks(articles, pending, max(1, ctx.options.chunk_units))
    try:
        schedule.translate_chunks(chunks, translate, finish)
    finally:
        ctx.progress.finish(lang)


def refresh_notes(po: polib.POFile, glossary: Glossary, lang: str) -> None:
    """Rewrite the tool's glossary and QA notes of every entry from the current texts."""
    for entry in po:
        if entry.obsolete:
            continue
        catalog.set_note(entry, "glossary", glossary.hint_lines(entry.msgid, lang))
        findings = qa.check_entry(entry, lang, glossary=glossary) if entry.msgstr else []
        catalog.set_note(entry, "QA", qa.qa_notes(findings))


def finish_article(
    article: Article, foreign: set[str], work: LanguageWork, ctx: RunContext
) -> None:
    """Write one article's PO file, outputs and review page; remember it in the run state.

    A translator may have saved the PO file since the run read it: the write never
    overwrites that save (writeback.save_catalog merges it, with this run's drafts, and
    writes the result), and the outputs and the state record are made from the file as
    written, never from a later one.
    """
    options, lang, po = ctx.options, work.lang, work.catalogs[article.id]
    path = catalog.po_path(options.locales, lang, article.id)

    def remerge(saved: polib.POFile | None) -> polib.POFile:
        merged = merge.merge_catalog(
            saved, article, lang, source_ref=ctx.sources[article.id].ref,
            keep_obsolete=options.keep_obsolete,
        )
        merge.carry_drafts(merged, po, retranslate_mt=options.retranslate_mt)
        merged.fpath = po.fpath
        refresh_notes(merged, ctx.glossary, lang)
        return merged

    refresh_notes(po, ctx.glossary, lang)
    try:
        saved = writeback.save_catalog(path, po, work.read[article.id], remerge)
    except CatalogError as err:
        work.summary.errors.append(str(err))
        return
    po = work.catalogs[article.id] = saved.po
    if saved.written:
        work.summary.files_written += 1
    published = work.published[article.id] = publish_article(
        article, po, lang, ctx.glossary, options
    )
    source = ctx.sources[article.id]
    no_mt = schedule.NO_MT if options.engine == "none" else None
    record = ArticleRecord(
        ctx.fingerprint, source.sha256, source.ref, saved.sha256,
        count_entries(po, foreign, no_mt=no_mt), published.row,
    )
    work.records[article.id] = record
    ctx.state.remember(lang, article.id, record)


def publish_bundle(work: LanguageWork, ctx: RunContext) -> None:
    """Write ``<out>/<lang>.zip`` unless the run state shows it is already up to date.

    Articles skipped as current are read back (source and PO file) only when the bundle has
    to be rebuilt.
    """
    lang = work.lang
    current, others = ctx.current[lang], ctx.others.get(lang, {})
    ids = [a for a in ctx.order if a in work.published or a in current] + list(others)
    if not ids:
        return
    records = {a: work.records.get(a) or current.get(a) or others[a] for a in ids}
    key = bundle_key(ctx.fingerprint, records)
    zip_exists = (Path(ctx.options.out) / f"{lang}.zip").exists()
    known = ctx.state.find_bundle(lang, key) if zip_exists else None
    if known is None:
        items = [
            work.published[a].item
            if a in work.published
            else read_bundle_item(ctx.article(a), lang, ctx.glossary, ctx.options)
            for a in ids
        ]
        outcome = write_language_bundle(
            lang, [item for item in items if item is not None], ctx.glossary, ctx.options
        )
        known = BundleRecord(key, outcome.published, outcome.skipped)
    work.summary.published, work.summary.held_back = known.published, known.held_back
    ctx.state.remember_bundle(lang, known)


def index_rows(work: LanguageWork, ctx: RunContext) -> list[ReviewIndexRow]:
    """The review-index rows of one language: this run's articles, then the others kept."""
    current = ctx.current[work.lang]
    rows = [
        work.published[a].row if a in work.published else current[a].row
        for a in ctx.order
        if a in work.published or a in current
    ]
    return rows + [record.row for record in ctx.others.get(work.lang, {}).values()]


def reassemble(options: RunOptions) -> RunSummary:
    """Rebuild outputs, review pages and bundles from the PO files as they are (no MT).

    This is what ``translate assemble`` runs after translators edited PO files; PO files are
    read, never written.
    """
    langs = validate_langs(options.langs)
    articles, skipped = read_articles(options.paths, source_lang=options.source_lang)
    articles = [a for a in articles if in_shard(a.id, options.shard)]
    summary = RunSummary(articles=[a.id for a in articles], skipped=skipped)
    glossary = load_glossary(options.glossary)
    rows: list[ReviewIndexRow] = []
    for lang in langs:
        result = summary.languages[lang] = LanguageSummary(lang)
        rows += reassemble_language(result, articles, glossary, options)
    write_index(rows, options)
    return summary


def reassemble_language(
    result: LanguageSummary, articles: Sequence[Article], glossary: Glossary, options: RunOptions
) -> list[ReviewIndexRow]:
    """Publish ``articles`` in ``result.lang`` from their PO files; return the index rows."""
    published = []
    for article in articles:
        path = catalog.po_path(options.locales, result.lang, article.id)
        try:
            po = pofile.read_catalog(path) if path.exists() else None
        except CatalogError as err:
            result.errors.append(str(err))
            continue
        if po is None:
            po = merge.merge_catalog(None, article, result.lang)
        counts = count_entries(po)
        result.add(counts)
        result.untranslated += counts.pending  # no MT here: what MT would fill is untranslated
        published.append(publish_article(article, po, result.lang, glossary, options, recheck=True))
    if published:
        outcome = write_language_bundle(
            result.lang, [p.item for p in published], glossary, options
        )
        result.published, result.held_back = outcome.published, outcome.skipped
    return [p.row for p in published]
