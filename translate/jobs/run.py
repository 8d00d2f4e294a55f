"""The main job, composed from the stages: ``run`` (``translate run``).

``run()`` is what ``translate run`` calls. For each target language it merges every article
into its PO file (catalog), reuses exact matches from the translation memory,
machine-translates the distinct texts still untranslated in large chunks (schedule), writes
each PO file as soon as its article is done, so an interrupted run loses nothing that was
finished, and publishes the articles (publish). Work the run state shows as done is skipped
(state); the articles and languages a command does not name stay in the bundles and the
review index (project). ``translate assemble`` is translate.jobs.assemble: the same publishing, from
the PO files as translators left them. Nothing here touches the network.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.core.fsutil import (
    FileSnapshot,
    confined,
    display_path,
    remove_temporary_files,
    write_scope,
)
from translate.core.progress import Progress
from translate.errors import (
    CatalogError,
    InputError,
    ModelError,
    OutsideProjectError,
    SourceLanguageError,
)
from translate.formats.article import Article
from translate.formats.reader import read_article
from translate.glossary.model import Glossary
from translate.jobs.project import Others
from translate.jobs.sources import (
    collect_article_paths,
    load_run_glossary,
    read_compendia,
    tool_folders,
)
from translate.jobs.state import (
    ArticleRecord,
    BundleRecord,
    RunState,
    SourceFile,
    bundle_key,
    file_sha256,
    find_current,
    output_hashes,
    read_state,
    run_fingerprint,
    run_lock,
    write_state,
)
from translate.jobs.summary import (
    LanguageSummary,
    RunSummary,
    count_entries,
    count_outcomes,
    entry_outcome,
    next_steps,
)
from translate.models.engine import Translator
from translate.models.packages import describe_next_step
from translate.mt import schedule
from translate.mt.markup import PIECEWISE_NOTE
from translate.options import (
    RunOptions,
    in_shard,
    validate_engine,
    validate_langs,
    validate_source_lang,
)
from translate.po import catalog, merge, writeback
from translate.po.confidence import mt_note
from translate.po.memory import build_memory
from translate.publish.outputs import (
    Published,
    publish_article,
    read_bundle_item,
    write_index,
    write_language_bundle,
)
from translate.publish.review import ReviewIndexRow
from translate.qa import catalogs as qa


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
    #: lang → the --tm compendia that serve it.
    compendia: dict[str, list[polib.POFile]]
    #: Articles × languages of earlier runs that this run does not process: not processed,
    #: but still in the bundles and the review index (project.Others).
    others: Others
    articles: dict[str, Article] = field(default_factory=dict)

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
    finished: set[str] = field(default_factory=set)  # the articles finish_article was given

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
    a final run without ``--shard`` (docs/BATCH.md). Options are checked, and the glossary
    and compendia read, before anything is written.
    """
    langs = validate_langs(options.langs)
    validate_engine(options.engine)
    validate_source_lang(options.source_lang, langs, options.engine)
    glossary = load_run_glossary(options)
    compendia = read_compendia(options, langs)
    outside: list[str] = []  # articles behind links out of the folders searched
    found = collect_article_paths(options.paths, exclude=tool_folders(options), skipped=outside)
    paths = [p for p in found if in_shard(p.stem, options.shard)]
    with write_scope(*options.folders), run_lock(options.locales, options.shard):
        state = read_state(options.locales, options.shard)
        confined(state.path)  # refused before anything is written
        try:
            ctx = start_run(paths, langs, glossary, compendia, options, progress, state)
            ctx.summary.skipped[:0] = outside
            summary = run_locked(langs, ctx)
            if summary.articles:
                summary.next_steps = next_steps("run", options.locales, options.out,
                                                review=options.review)
            return summary
        finally:
            write_state(state)


def start_run(
    paths: Sequence[Path],
    langs: Sequence[str],
    glossary: Glossary,
    compendia: dict[str, list[polib.POFile]],
    options: RunOptions,
    progress: Progress | None,
    state: RunState,
) -> RunContext:
    """The context of a run: its sources, fingerprint, and the work the state shows done."""
    sources = {path.stem: SourceFile.read(path, options.project_path(path)) for path in paths}
    fingerprint = run_fingerprint(options, glossary)
    current: dict[str, dict[str, ArticleRecord]] = {lang: {} for lang in langs}
    for lang in langs:
        for article_id, source in sources.items():
            record = find_current(state, lang, article_id, source, fingerprint, options)
            if record is not None:
                current[lang][article_id] = record
    others = Others(options, glossary)
    if options.shard is None:
        others = Others.find(
            state, langs, options, fingerprint, glossary,
            skip=lambda lang, article_id: lang in langs and article_id in sources,
        )
    summary = RunSummary(left_out=others.stale, notices=[n for n in [glossary.notice] if n])
    summary.skipped += state.discarded  # a state file that is not valid: a warning
    if options.shard is None:  # the lock is exclusive: temporary files are killed runs'
        for folder in (options.locales, options.out):
            for kept in remove_temporary_files(folder).recovered:
                summary.skipped.append(
                    f"{display_path(kept)}: swapped out of {kept.name.split('.recovered-')[0]} "
                    "by a killed run; it may hold a translator's save: merge it by hand"
                )
    return RunContext(
        options, glossary, progress or Progress(), summary, state, fingerprint, sources,
        list(sources), current, compendia, others,
    )


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
        lang_rows = index_rows(work, ctx)
        work.summary.note_holds(lang_rows)
        rows += lang_rows
    if ctx.options.shard is None:
        rows += [row for lang in ctx.others.languages if lang not in langs
                 for row in ctx.others.rows(lang)]
        write_index(rows, ctx.options)
    return ctx.summary


def read_articles_to_do(langs: Sequence[str], ctx: RunContext) -> None:
    """Segment each article that some language still has to process; list the articles
    skipped (not in the source language), those that can't be read (errors: the others go
    on, unless ``--strict``) and those the run covers."""

    def done_everywhere(article_id: str) -> bool:
        return all(article_id in ctx.current[lang] for lang in langs)

    for article_id in ctx.order:
        if done_everywhere(article_id):
            continue
        try:
            ctx.article(article_id)
        except SourceLanguageError as err:
            ctx.summary.skipped.append(str(err))
        except InputError as err:
            if ctx.options.strict:
                raise
            ctx.summary.errors.append(str(err))
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
    try:
        translator, why_not = schedule.open_translator(lang, ctx.options)
    except ModelError as err:  # a package that does not load: this pair only
        work.summary.errors.append(str(err))
        translator, why_not = None, f"the en→{lang} package does not load"
    if translator is None:
        if ctx.options.engine == "argos" and not work.summary.errors:
            ctx.summary.missing_pairs[lang] = describe_next_step("en", lang)
        work.summary.leave_pending([e for entries in pending.values() for e in entries], why_not)
        for article in done:
            finish_article(article, foreign, work, ctx)
        return work
    try:
        translate_articles(done, pending, translator, foreign, work, ctx)
    except ModelError as err:  # the package failed on a text: this pair only, the rest goes on
        work.summary.errors.append(str(err))
        rest = [article for article in done if article.id not in work.finished]
        work.summary.leave_untranslated(sum(len(pending[a.id]) for a in rest),
                                        f"the en→{lang} package failed")
        for article in rest:  # their entries as merged: no draft of theirs was set
            finish_article(article, foreign, work, ctx)
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
        merged.fpath = options.project_path(path)  # the origin TM notes name
        work.catalogs[article.id] = merged
    return [a for a in articles if a.id in work.catalogs]


def fill_from_memory(
    articles: Sequence[Article], foreign: set[str], work: LanguageWork, ctx: RunContext
) -> dict[str, list[polib.POEntry]]:
    """Count the entries of each article, fill what the translation memory can, and return
    the entries left for MT, by article id."""
    redo = {"retranslate_mt": ctx.options.retranslate_mt,
            "replace_pseudo": ctx.options.replaces_pseudo}
    wanted_any = any(
        catalog.needs_mt(entry, **redo) for po in work.catalogs.values() for entry in po
    )
    compendia = ctx.compendia.get(work.lang, [])
    memory = build_memory([*memory_catalogs(work, ctx, with_current=wanted_any), *compendia])
    outcomes: Counter[str] = Counter()
    pending: dict[str, list[polib.POEntry]] = {}
    for article in articles:
        wanted = pending[article.id] = []
        for entry in work.catalogs[article.id]:
            if entry.obsolete:
                continue
            outcome = entry_outcome(entry, foreign, **redo)
            if outcome not in ("mt", "redraft"):
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
                po = writeback.read_project_catalog(path)
            except CatalogError:
                continue
            po.fpath = ctx.options.project_path(path)
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
            for entry in pending[article.id]:
                text, problems, confidence = translated[entry.msgid]
                # Each problem reaches the entry: a term still missing is its QA note
                # (refresh_notes: the glossary check finds it in the text again), and
                # what the MT step did to a term (a forbidden variant replaced) is said
                # on its MT line, which later runs keep, as is a piecewise translation
                # around inline markup; the run's report counts them. The MT line also
                # says how sure the model was (translate.po.confidence).
                glossary = [p for p in problems if p != PIECEWISE_NOTE]
                notes = [PIECEWISE_NOTE] if PIECEWISE_NOTE in problems else []
                catalog.set_machine_translation(
                    entry, text, mt_note(translator.provenance, confidence, glossary, notes))
                if glossary:
                    work.summary.reasons[GLOSSARY_REASON] += 1
                if notes:
                    work.summary.reasons[PIECEWISE_REASON] += 1
            work.summary.add_drafts(len(pending[article.id]), translator.name)
            finish_article(article, foreign, work, ctx)

    chunks = schedule.plan_chunks(articles, pending, max(1, ctx.options.chunk_units))
    try:
        schedule.translate_chunks(chunks, translate, finish)
    finally:
        ctx.progress.finish(lang)


#: The run report's line for machine drafts whose place names MT could not guarantee.
GLOSSARY_REASON = ("machine drafts with a glossary note (their MT: and QA: lines; "
                   "translate glossary check lists what is still wrong)")
#: ... and for those translated piece by piece around their inline markup.
PIECEWISE_REASON = ("machine drafts translated piece by piece around their inline markup "
                    "(their MT: lines say so)")


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
    work.finished.add(article.id)

    def remerge(saved: polib.POFile | None) -> polib.POFile:
        merged = merge.merge_catalog(
            saved, article, lang, source_ref=ctx.sources[article.id].ref,
            keep_obsolete=options.keep_obsolete,
        )
        merge.carry_drafts(merged, po, retranslate_mt=options.retranslate_mt,
                           replace_pseudo=options.replaces_pseudo)
        merged.fpath = po.fpath
        qa.refresh_notes(merged, ctx.glossary, lang)
        return merged

    qa.refresh_notes(po, ctx.glossary, lang)
    try:
        saved = writeback.save_catalog(path, po, work.read[article.id], remerge)
        po = work.catalogs[article.id] = saved.po
        work.summary.record_save(path, saved)
        published = publish_article(article, po, lang, ctx.glossary, options)
    except (CatalogError, OutsideProjectError) as err:
        work.summary.errors.append(str(err))
        return
    work.published[article.id] = published
    source = ctx.sources[article.id]
    no_mt = schedule.NO_MT if options.engine == "none" else None
    record = ArticleRecord(
        ctx.fingerprint, source.sha256, source.ref, saved.sha256,
        count_entries(po, foreign, no_mt=no_mt, replace_pseudo=options.replaces_pseudo),
        published.row,
        output_hashes(options, lang, article.id),
    )
    work.records[article.id] = record
    ctx.state.remember(lang, article.id, record)


def publish_bundle(work: LanguageWork, ctx: RunContext) -> None:
    """Write ``<out>/<lang>.zip`` unless the run state shows it is already up to date.

    The bundle holds this run's articles and the others kept (project.Others). Articles
    skipped as current are read back (source and PO file) only when the bundle has to be
    rebuilt; a zip on disk is trusted only when it is the one a run wrote from these inputs.
    """
    lang = work.lang
    current, others = ctx.current[lang], ctx.others
    ids = [a for a in ctx.order if a in work.published or a in current]
    if not ids + others.ids(lang):
        return
    inputs = {a: ((r := work.records.get(a) or current[a]).source, r.po) for a in ids}
    inputs |= {a: others.inputs(lang, a) for a in others.ids(lang)}
    key = bundle_key(ctx.fingerprint, inputs)
    zip_path = Path(ctx.options.out) / f"{lang}.zip"
    known = ctx.state.find_bundle(lang, key, file_sha256(zip_path))
    if known is None:
        items = [
            work.published[a].item
            if a in work.published
            else read_bundle_item(ctx.article(a), lang, ctx.glossary, ctx.options)
            for a in ids
        ] + [others.item(lang, a) for a in others.ids(lang)]
        outcome = write_language_bundle(
            lang, [item for item in items if item is not None], ctx.glossary, ctx.options
        )
        known = BundleRecord(key, file_sha256(zip_path), outcome.published, outcome.skipped)
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
    return rows + ctx.others.rows(work.lang)
