"""The main job, composed from the stages: ``run`` (``translate run``).

``run()`` is what ``translate run`` calls. It takes the articles a chunk at a time
(``RunOptions.chunk_articles`` of them, in the order of their ids) and, for each target
language, merges every article of the chunk into its PO file (catalog), reuses exact matches
from the translation memory (offers), machine-translates the distinct texts still
untranslated in large MT calls (schedule), writes each PO file as soon as its article is
done, so an interrupted run loses nothing that was finished, and publishes the articles
(publish). So memory is bounded by a chunk, not by the archive. Work the run state shows as
done is skipped, reading no file whose stamp still holds (state); the bundles and the review
index are written at the end (publishing), keeping the articles and languages a command does
not name (project). ``translate assemble`` is translate.jobs.assemble: the same publishing,
from the PO files as translators left them. Nothing here touches the network.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.core.fsutil import FileSnapshot, confined, write_scope
from translate.core.progress import Progress
from translate.errors import (
    CatalogError,
    InputError,
    ModelError,
    OutsideProjectError,
    SourceLanguageError,
)
from translate.formats.article import Article
from translate.jobs.context import LanguageRun, RunContext, start_run
from translate.jobs.offers import PreRunOffers
from translate.jobs.publishing import publish_bundle, publish_index, settle
from translate.jobs.records import ArticleRecord
from translate.jobs.sources import (
    collect_article_paths,
    load_run_glossary,
    read_compendia,
    tool_folders,
)
from translate.jobs.state import output_hashes, read_state, run_lock, write_state
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
from translate.po.memory import TranslationMemory, build_memory, offers_of
from translate.publish.bundle import bundle_entry
from translate.publish.outputs import publish_article
from translate.publish.spool import BundleSpool
from translate.qa import catalogs as qa

#: At most one state write per this many seconds while chunks are done (and one at the end):
#: a killed run loses the records of that long, never a PO file.
STATE_WRITE_SECONDS = 60.0
#: How many of the latest distinct translations a language keeps for the next chunks, as a
#: multiple of the MT chunk (a text shared by articles far apart may be translated twice).
RECENT_CHUNKS = 4


@dataclass
class LanguageWork:
    """One language of one chunk in progress: its merged catalogs and their files as read."""

    run: LanguageRun
    catalogs: dict[str, polib.POFile] = field(default_factory=dict)  # merged, by article id
    read: dict[str, FileSnapshot] = field(default_factory=dict)  # PO files as read
    finished: set[str] = field(default_factory=set)  # the articles finish_article was given

    @property
    def lang(self) -> str:
        """The target language."""
        return self.run.lang

    @property
    def summary(self) -> LanguageSummary:
        """The language's summary, over every chunk."""
        return self.run.summary


def run(options: RunOptions, progress: Progress | None = None) -> RunSummary:
    """Segment, translate and reassemble every article named by ``options.paths``.

    Work recorded as done in the run state (``<locales>/.translate-state/``) and still
    matching the files is skipped: an article × language whose source, PO file, glossary,
    tool version and options are unchanged is not even parsed, and a file whose stamp still
    holds is not even read. With ``options.shard`` the run takes only its share of the
    articles and leaves the bundles and the review index to a final run without ``--shard``
    (docs/BATCH.md). Options are checked, and the glossary and compendia read, before
    anything is written.
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
        ctx: RunContext | None = None
        try:
            ctx = start_run(paths, langs, glossary, compendia, options, progress, state)
            ctx.summary.skipped[:0] = outside
            summary = run_locked(langs, ctx)
            if summary.articles:
                summary.next_steps = next_steps("run", options.locales, options.out,
                                                review=options.review)
            return summary
        finally:
            if ctx is not None:
                for language in ctx.languages.values():
                    if language.spool is not None:
                        language.spool.close()
            write_state(state)


def run_locked(langs: Sequence[str], ctx: RunContext) -> RunSummary:
    """``run()`` once the lock is held: skip what is current, process the rest chunk by
    chunk, then write the bundles and the review index."""
    done = {a for a in ctx.order if all(a in ctx.current[lang] for lang in langs)}
    ctx.done |= done
    todo = [a for a in ctx.order if a not in done]
    if todo:  # what the PO files offered before this run writes any of them
        for lang in langs:
            ctx.language(lang).offers = PreRunOffers.read(
                ctx.state, ctx.options, lang, ctx.order, ctx.current[lang])
    process_chunks(todo, langs, ctx)
    for lang in langs:
        language = ctx.language(lang)
        for record in ctx.current[lang].values():
            language.summary.add(record.counts)
        ctx.summary.languages[lang] = language.summary
    ctx.summary.articles = [a for a in ctx.order if a in ctx.done]
    write_state(ctx.state)
    if ctx.options.shard is None:
        for lang in langs:
            publish_bundle(ctx.language(lang), ctx)
        publish_index(ctx, list(langs))
    settle(ctx, final=True)
    return ctx.summary


def process_chunks(todo: Sequence[str], langs: Sequence[str], ctx: RunContext) -> None:
    """Read, translate and write the articles ``todo``, a chunk of them at a time, every
    language of a chunk before the next chunk is read; the run state is written at most
    every STATE_WRITE_SECONDS."""
    written = time.monotonic()
    size = max(1, ctx.options.chunk_articles)
    for start in range(0, len(todo), size):
        read_chunk(todo[start:start + size], ctx)
        for lang in langs:
            articles = [article for article_id, article in ctx.articles.items()
                        if article_id not in ctx.current[lang]]
            if articles:
                translate_language(lang, articles, ctx)
        ctx.articles.clear()
        settle(ctx)
        if time.monotonic() - written > STATE_WRITE_SECONDS:
            write_state(ctx.state)
            written = time.monotonic()


def read_chunk(chunk: Sequence[str], ctx: RunContext) -> None:
    """Segment the articles of one chunk; list the articles skipped (not in the source
    language) and those that can't be read (errors: the others go on, unless ``--strict``)."""
    for article_id in chunk:
        try:
            ctx.articles[article_id] = ctx.article(article_id)
        except SourceLanguageError as err:
            ctx.summary.skipped.append(str(err))
            continue
        except InputError as err:
            if ctx.options.strict:
                raise
            ctx.summary.errors.append(str(err))
            continue
        ctx.done.add(article_id)


def translate_language(lang: str, articles: Sequence[Article], ctx: RunContext) -> LanguageWork:
    """Merge, fill and write the catalogs of one chunk's ``articles`` for one language, and
    their outputs.

    Distinct texts still untranslated are machine-translated in MT chunks of
    ``options.chunk_units``; after each MT chunk the articles it completes are written, so an
    interrupted run keeps them.
    """
    work = LanguageWork(ctx.language(lang))
    done = merge_catalogs(articles, work, ctx)
    foreign = {u.text for a in done for u in a.units if u.lang}
    pending = fill_from_memory(done, foreign, work, ctx)
    if not any(pending.values()):
        for article in done:
            finish_article(article, foreign, work, ctx)
        return work
    try:
        translator, why_not = open_translator(lang, ctx)
    except ModelError as err:  # a package that does not load: this pair only
        if str(err) not in work.summary.errors:
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


def open_translator(lang: str, ctx: RunContext) -> tuple[Translator | None, str]:
    """The translator for en→lang (schedule.open_translator): the one the last chunk used
    when it is of the same language, else a new one, loaded once the last one is let go (one
    model in memory at a time)."""
    if ctx.translator is not None and ctx.translator[0] == lang:
        return ctx.translator[1], ctx.translator[2]
    ctx.translator = None
    translator, why_not = schedule.open_translator(lang, ctx.options)
    ctx.translator = (lang, translator, why_not)
    return translator, why_not


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
    work.run.merged.update(article.id for article in articles)
    return [a for a in articles if a.id in work.catalogs]


def fill_from_memory(
    articles: Sequence[Article], foreign: set[str], work: LanguageWork, ctx: RunContext
) -> dict[str, list[polib.POEntry]]:
    """Count the entries of each article, fill what the translation memory can, and return
    the entries left for MT, by article id."""
    redo = {"retranslate_mt": ctx.options.retranslate_mt,
            "replace_pseudo": ctx.options.replaces_pseudo}
    outcomes: Counter[str] = Counter()
    wanted: dict[str, list[polib.POEntry]] = {}
    for article in articles:
        entries = wanted[article.id] = []
        for entry in work.catalogs[article.id]:
            if entry.obsolete:
                continue
            outcome = entry_outcome(entry, foreign, **redo)
            if outcome not in ("mt", "redraft"):
                outcomes[outcome] += 1
            else:
                entries.append(entry)
    needed = {e.msgid for es in wanted.values() for e in es if catalog.needs_mt(e, **redo)}
    memory = chunk_memory(needed, work, ctx)
    pending: dict[str, list[polib.POEntry]] = {}
    for article_id, entries in wanted.items():
        pending[article_id] = []
        for entry in entries:
            if memory.apply(entry) is not None:
                work.summary.memory += 1
            else:
                pending[article_id].append(entry)
    work.summary.add(count_outcomes(outcomes))
    return pending


def chunk_memory(needed: set[str], work: LanguageWork, ctx: RunContext) -> TranslationMemory:
    """The translation memory for the ``needed`` texts of one chunk: the catalogs of the
    run's articles that offered one of them before the run (offers.PreRunOffers), in
    article order, then the ``--tm`` compendia (read once per language)."""
    run = work.run
    if run.compendia is None:
        run.compendia = build_memory(ctx.compendia.get(work.lang, []))
    memory = TranslationMemory(fallback=run.compendia)
    if needed and run.offers is not None:
        for position in run.offers.candidates(needed):
            po = pre_run_catalog(ctx.order[position], work, ctx)
            if po is not None:
                memory.add(po, po.fpath or "<memory>")
    return memory


def pre_run_catalog(article_id: str, work: LanguageWork, ctx: RunContext) -> polib.POFile | None:
    """An article's catalog as the translation memory sees it before the run's MT: merged
    in this chunk, or merged now (an article of a later chunk), or its PO file (an article
    the run does not process, or one an earlier chunk wrote: what it offered before the
    run, approved entries and machine drafts, it still holds)."""
    if article_id in work.catalogs:
        return work.catalogs[article_id]
    path = catalog.po_path(ctx.options.locales, work.lang, article_id)
    try:
        if article_id in ctx.current[work.lang] or article_id in work.run.merged:
            po = writeback.read_project_catalog(path)
        else:
            article = ctx.article(article_id)
            _snapshot, old = writeback.read_catalog_snapshot(path)
            po = merge.merge_catalog(old, article, work.lang,
                                     source_ref=ctx.sources[article_id].ref,
                                     keep_obsolete=ctx.options.keep_obsolete)
    except (CatalogError, InputError):
        return None
    po.fpath = ctx.options.project_path(path)
    return po


def translate_articles(
    articles: Sequence[Article],
    pending: dict[str, list[polib.POEntry]],
    translator: Translator,
    foreign: set[str],
    work: LanguageWork,
    ctx: RunContext,
) -> None:
    """Machine-translate the ``pending`` entries, MT chunk by MT chunk, and finish each
    article as soon as its chunk is translated. A text translated for an earlier chunk of
    articles (``LanguageRun.recent``) is not sent again."""
    lang, recent = work.lang, work.run.recent
    work.summary.package = translator.provenance
    fresh = {a: [e for e in entries if e.msgid not in recent] for a, entries in pending.items()}
    ctx.progress.start(lang, len({e.msgid for entries in fresh.values() for e in entries}))
    seen: list[schedule.Translations] = []

    def translate(texts: list[str], cancel: threading.Event) -> schedule.Translations:
        return schedule.machine_translate(
            texts, translator, ctx.glossary, lang, ctx.progress, cancel=cancel
        )

    def finish(finished: list[Article], translated: schedule.Translations) -> None:
        seen[:] = [translated]
        for article in finished:
            for entry in pending[article.id]:
                draft = translated.get(entry.msgid)
                if draft is None:
                    draft = recent[entry.msgid]
                    recent.move_to_end(entry.msgid)
                text, problems, confidence = draft
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

    chunk_units = max(1, ctx.options.chunk_units)
    chunks = schedule.plan_chunks(articles, fresh, chunk_units)
    try:
        schedule.translate_chunks(chunks, translate, finish)
    finally:
        ctx.progress.finish(lang)
    if seen:
        work.run.remember(seen[0], RECENT_CHUNKS * chunk_units)


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
    language, source = work.run, ctx.sources[article.id]
    language.rows[article.id] = published.row
    language.inputs[article.id] = (source.sha256, saved.sha256)
    if options.shard is None:  # the bundle is written at the end: spooled until then
        language.spool = language.spool or BundleSpool(Path(options.out))
        language.spool.add(bundle_entry(
            published.item, lang, min_translated=options.min_translated,
            include_drafts=options.include_drafts, formats=options.text_formats or ("txt",)))
    no_mt = schedule.NO_MT if options.engine == "none" else None
    record = ArticleRecord(
        ctx.fingerprint, source.sha256, source.ref, saved.sha256,
        count_entries(po, foreign, no_mt=no_mt, replace_pseudo=options.replaces_pseudo),
        published.row, output_hashes(options, lang, article.id), None, offers_of(po),
    )
    ctx.state.remember(lang, article.id, record)
    ctx.unsettled.append((lang, article.id))
