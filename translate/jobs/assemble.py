"""``translate assemble``: rebuild outputs, review pages and bundles from the PO files as
translators left them (no MT), with the same publishing as a run (translate.publish.outputs).

A PO file is written only to bring its QA and glossary notes up to date with its translations,
through the same compare-and-swap as a run (translate.po.writeback), so a save made meanwhile is
never overwritten. The bundles and the review index keep the articles and languages of earlier
runs that a command does not name (translate.jobs.project); the run state is read, not written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import polib

from translate.core.fsutil import write_scope
from translate.errors import CatalogError, OutsideProjectError
from translate.formats.article import Article
from translate.glossary.model import Glossary
from translate.jobs.project import Others
from translate.jobs.sources import load_run_glossary, read_articles, tool_folders
from translate.jobs.state import read_state, run_fingerprint
from translate.jobs.summary import LanguageSummary, RunSummary, count_entries, next_steps
from translate.options import RunOptions, in_shard, validate_langs, validate_source_lang
from translate.po import catalog, merge, writeback
from translate.publish.outputs import publish_article, write_index, write_language_bundle
from translate.publish.review import ReviewIndexRow
from translate.qa.catalogs import refresh_notes


def assemble(options: RunOptions) -> RunSummary:
    """Rebuild outputs, review pages and bundles from the PO files as they are (no MT).

    This is what ``translate assemble`` runs after translators edited PO files. A PO file is
    written only to bring its QA and glossary notes up to date with its translations, when
    they changed, and never when the file changed on disk since it was read. The bundles and
    the review index keep the articles and languages of earlier runs that it does not name
    (project.Others); the run state is read, not written. It writes only inside the
    project and the folders of ``options`` (fsutil.write_scope).
    """
    with write_scope(*options.folders):
        return assemble_in_scope(options)


def assemble_in_scope(options: RunOptions) -> RunSummary:
    """``assemble()`` once its writes are confined to the project."""
    langs = validate_langs(options.langs)
    validate_source_lang(options.source_lang, langs)
    glossary = load_run_glossary(options)
    errors: list[str] = []
    articles, skipped = read_articles(
        options.paths, source_lang=options.source_lang,
        exclude=tool_folders(options), errors=errors,
    )
    articles = [a for a in articles if in_shard(a.id, options.shard)]
    named = {a.id for a in articles}
    state = read_state(options.locales, None)
    state.start(read_only=True)
    others = Others.find(
        state, langs, options, run_fingerprint(options, glossary),
        glossary, skip=lambda lang, article_id: lang in langs and article_id in named,
    )
    summary = RunSummary(
        articles=[a.id for a in articles], skipped=skipped, errors=errors,
        left_out=others.stale, notices=[n for n in [glossary.notice] if n],
    )
    rows: list[ReviewIndexRow] = []
    for lang in langs:
        result = summary.languages[lang] = LanguageSummary(lang, states=Counter())
        rows += assemble_language(result, articles, glossary, options, others)
    rows += [row for lang in others.languages if lang not in langs for row in others.rows(lang)]
    write_index(rows, options)
    if summary.articles:
        summary.next_steps = next_steps("assemble", options.locales, options.out,
                                        review=options.review)
    return summary


def refreshed_catalog(
    path: Path, article: Article, lang: str, glossary: Glossary, result: LanguageSummary
) -> polib.POFile:
    """The catalog of ``article`` as its PO file holds it, its notes brought up to date.

    The notes of the run before a translator's edits may be stale: the file is written back
    when they changed (a file whose notes are current stays in its editor's layout), with the
    same compare-and-swap as a run, so a save made meanwhile is refreshed, never overwritten.
    Without a PO file, the untranslated catalog (nothing is written).
    """
    snapshot, po = writeback.read_catalog_snapshot(path)
    if po is None:
        return merge.merge_catalog(None, article, lang)
    if not refresh_notes(po, glossary, lang):
        return po

    def remerge(saved: polib.POFile | None) -> polib.POFile:
        fresh = saved if saved is not None else merge.merge_catalog(None, article, lang)
        refresh_notes(fresh, glossary, lang)
        return fresh

    saved = writeback.save_catalog(path, po, snapshot, remerge)
    result.record_save(path, saved)
    return saved.po


def assemble_language(
    result: LanguageSummary,
    articles: Sequence[Article],
    glossary: Glossary,
    options: RunOptions,
    others: Others,
) -> list[ReviewIndexRow]:
    """Publish ``articles`` in ``result.lang`` from their PO files, and bundle them with the
    ``others`` kept; return the index rows."""
    lang = result.lang
    published = []
    for article in articles:
        path = catalog.po_path(options.locales, lang, article.id)
        try:
            po = refreshed_catalog(path, article, lang, glossary, result)
            published.append(publish_article(article, po, lang, glossary, options, recheck=True))
        except (CatalogError, OutsideProjectError) as err:
            result.errors.append(str(err))
            continue
        counts = count_entries(po)
        result.add(counts)
        # no MT here: what MT would fill is untranslated (a draft it would replace is done)
        result.untranslated += counts.pending - counts.redrafts
        result.count_states(po)
    kept = [p for a in others.ids(lang) if (p := others.published(lang, a)) is not None]
    if published or kept:
        outcome = write_language_bundle(
            lang, [p.item for p in published + kept], glossary, options
        )
        result.published, result.held_back = outcome.published, outcome.skipped
    rows = [p.row for p in published + kept]
    result.note_holds(rows)
    return rows


#: The name ``assemble`` had before it matched its command (README, "Python API").
reassemble = assemble
