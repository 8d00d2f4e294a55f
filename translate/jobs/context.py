"""What every stage of one run shares (``RunContext``), and how a run starts: which articles
and languages are already done, by the run state, and which records of earlier runs it keeps.

A run of 10,000 articles holds none of them in memory for long: the articles of one chunk
(``RunContext.articles``), and per language only what each article leaves for the bundle and
the review index (``LanguageRun``: a review-index row, the hashes of its inputs, its bundle
entry spooled to disk) and the translations of recent chunks (``LanguageRun.recent``, so a
text shared by articles of different chunks still reaches the model once, within reach).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.core.fsutil import display_path, remove_temporary_files
from translate.core.progress import Progress
from translate.formats.article import Article
from translate.formats.reader import read_article
from translate.glossary.model import Glossary
from translate.jobs.offers import PreRunOffers
from translate.jobs.project import Others
from translate.jobs.records import ArticleRecord
from translate.jobs.state import RunState, SourceFile, find_current, run_fingerprint
from translate.jobs.summary import LanguageSummary, RunSummary
from translate.models.engine import Translator
from translate.mt.schedule import Draft
from translate.options import RunOptions
from translate.po.memory import TranslationMemory
from translate.publish.review import ReviewIndexRow
from translate.publish.spool import BundleSpool


@dataclass
class LanguageRun:
    """One language across a run's chunks: its summary and what its processed articles left
    for the bundle and the index (only rows, input hashes and spooled bundle entries)."""

    summary: LanguageSummary
    rows: dict[str, ReviewIndexRow] = field(default_factory=dict)
    inputs: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    spool: BundleSpool | None = None
    #: Translations of recent chunks, most recent last (at most RECENT_TEXTS of them).
    recent: OrderedDict[str, Draft] = field(default_factory=OrderedDict)
    offers: PreRunOffers | None = None
    compendia: TranslationMemory | None = None
    merged: set[str] = field(default_factory=set)  # articles merged so far (done or failed)

    @property
    def lang(self) -> str:
        """The target language."""
        return self.summary.lang

    def remember(self, translated: dict[str, Draft], limit: int) -> None:
        """Keep the translations of a chunk, dropping the oldest beyond ``limit``."""
        for text, draft in translated.items():
            self.recent[text] = draft
            self.recent.move_to_end(text)
        while len(self.recent) > limit:
            self.recent.popitem(last=False)


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
    order: list[str]  # the article ids this run names, sorted
    #: lang → article id → the run-state record showing that article needs no work.
    current: dict[str, dict[str, ArticleRecord]]
    #: lang → the --tm compendia that serve it.
    compendia: dict[str, list[polib.POFile]]
    #: Articles × languages of earlier runs that this run does not process: not processed,
    #: but still in the bundles and the review index (project.Others).
    others: Others
    languages: dict[str, LanguageRun] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)  # this chunk's, by id
    done: set[str] = field(default_factory=set)  # articles read (or current everywhere)
    unsettled: list[tuple[str, str]] = field(default_factory=list)  # records to stamp
    #: The last translator opened (language, translator or None, why none): reused by the
    #: next chunk of the same language.
    translator: tuple[str, Translator | None, str] | None = None

    def article(self, article_id: str) -> Article:
        """The segmented article (this chunk's, or read now and not kept)."""
        if article_id in self.articles:
            return self.articles[article_id]
        source = self.sources[article_id]
        return read_article(source.path, source_lang=self.options.source_lang)

    def language(self, lang: str) -> LanguageRun:
        """The language's state across chunks."""
        if lang not in self.languages:
            self.languages[lang] = LanguageRun(LanguageSummary(lang))
        return self.languages[lang]


def start_run(
    paths: Sequence[Path],
    langs: Sequence[str],
    glossary: Glossary,
    compendia: dict[str, list[polib.POFile]],
    options: RunOptions,
    progress: Progress | None,
    state: RunState,
) -> RunContext:
    """The context of a run: its sources, fingerprint, and the work the state shows done.

    Files are checked under a clock read now (translate.core.stamps); the articles are taken
    in the order of their ids, the order of the bundle and the review index."""
    state.start()
    paths = sorted(paths, key=lambda path: path.stem)
    refs = options.project_paths(paths)
    sources = {path.stem: state.source(path, ref) for path, ref in zip(paths, refs, strict=True)}
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

