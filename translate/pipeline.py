"""The main job: compose segment → catalog → glossary/engine → qa → assemble for many articles.

``run()`` is what ``translate run`` calls. For each target language it merges every article
into its PO file, reuses exact matches from the translation memory, machine-translates the
distinct texts still untranslated in large batches (one resident model per language pair),
writes each PO file as soon as its article is done (so an interrupted run loses nothing that
was finished), and reassembles the articles. Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate import ENGINES, TARGET_LANGUAGES
from translate.article import Article, is_valid_article_id
from translate.errors import (
    ArticleIdError,
    CatalogError,
    InputError,
    LanguageError,
    MissingModelError,
    SourceLanguageError,
)
from translate.interrupts import deferred_interrupt

#: How many distinct texts go to the model before the finished articles are written.
DEFAULT_CHUNK_UNITS = 2048
FOREIGN_REASON = "left untranslated: already in another language"


@dataclass(frozen=True)
class RunOptions:
    """Everything ``translate run`` can be told; defaults are the documented ones."""

    paths: tuple[Path, ...] = (Path("seeds"),)
    langs: tuple[str, ...] = TARGET_LANGUAGES
    locales: Path = Path("locales")
    out: Path = Path("build")
    glossary: Path | None = Path("glossary.yaml")
    engine: str = "argos"
    models: Path | None = None
    strict: bool = False
    source_lang: str | None = None
    retranslate_mt: bool = False
    tm: tuple[Path, ...] = ()
    keep_obsolete: bool = True
    device: str = "cpu"
    beam_size: int = 2
    batch_size: int = 32
    threads: int = 0
    shard: tuple[int, int] | None = None
    formats: tuple[str, ...] = ("txt", "md", "html", "review")
    min_translated: float = 80
    include_drafts: bool = False
    chunk_units: int = DEFAULT_CHUNK_UNITS

    @property
    def text_formats(self) -> tuple[str, ...]:
        """The article formats to write under ``<out>/<lang>/`` (``review`` is separate)."""
        return tuple(f for f in self.formats if f in ("txt", "md", "html"))


class Progress:
    """Receives progress events; the CLI subclasses it with a progress bar or log lines."""

    def start(self, lang: str, total: int) -> None:
        """MT for ``lang`` starts with ``total`` distinct texts."""

    def advance(self, lang: str, count: int) -> None:
        """``count`` more texts of ``lang`` were translated."""

    def finish(self, lang: str) -> None:
        """MT for ``lang`` is over."""

    def note(self, message: str) -> None:
        """A line worth telling the user as it happens."""


@dataclass
class LanguageSummary:
    """What one run did for one target language, in units (PO entries)."""

    lang: str
    machine: int = 0
    memory: int = 0
    already: int = 0
    untranslated: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    package: str | None = None
    errors: list[str] = field(default_factory=list)
    files_written: int = 0
    catalogs: dict = field(default_factory=dict, repr=False)
    rows: dict = field(default_factory=dict, repr=False)  # article id → ReviewIndexRow
    items: dict = field(default_factory=dict, repr=False)  # article id → BundleItem
    records: dict = field(default_factory=dict, repr=False)  # article id → run-state record
    read_sha256: dict = field(default_factory=dict, repr=False)  # article id → PO as read
    published: tuple[str, ...] = ()
    held_back: tuple[str, ...] = ()


@dataclass
class RunSummary:
    """What ``run()`` did: per-language counts, skipped articles, missing pairs, errors."""

    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    languages: dict[str, LanguageSummary] = field(default_factory=dict)
    missing_pairs: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def render(self) -> str:
        """A short plain-text report for the terminal."""
        lines = [f"{len(self.articles)} article(s): {', '.join(self.articles) or '-'}"]
        lines += [f"skipped {line}" for line in self.skipped]
        for lang, s in self.languages.items():
            head = f"{lang}: {s.machine} by MT, {s.memory} from memory, {s.already} already done, "
            head += f"{s.untranslated} untranslated"
            if s.package:
                head += f" [{s.package}]"
            lines.append(head)
            lines += [f"    {count} {reason}" for reason, count in sorted(s.reasons.items())]
            if s.published or s.held_back:
                lines.append(
                    f"    bundle: {len(s.published)} published, {len(s.held_back)} held back "
                    "(below the publish gate)"
                )
            lines += [f"    error: {error}" for error in s.errors]
        for lang, advice in self.missing_pairs.items():
            lines.append(f"missing en→{lang}: {advice}")
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """True when no file-level error was reported."""
        return not self.errors and not any(s.errors for s in self.languages.values())


def validate_langs(langs: Iterable[str]) -> tuple[str, ...]:
    """Check each code is a supported target language; keep the given order, drop repeats."""
    result: list[str] = []
    for lang in langs:
        lang = lang.strip()
        if not lang:
            continue
        if lang not in TARGET_LANGUAGES:
            raise LanguageError(
                f"unknown target language {lang!r}; supported: {', '.join(TARGET_LANGUAGES)}"
            )
        if lang not in result:
            result.append(lang)
    if not result:
        raise LanguageError("no target language given")
    return tuple(result)


def parse_shard(text: str) -> tuple[int, int]:
    """Parse ``K/N`` (1 <= K <= N) into (K, N)."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError as err:
        raise InputError(f"--shard {text!r}: expected K/N, for example 2/8") from err
    if not 1 <= k <= n:
        raise InputError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def in_shard(article_id: str, shard: tuple[int, int] | None) -> bool:
    """Deterministic share of article ids: the same id lands in the same shard everywhere."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def collect_article_paths(paths: Sequence[Path]) -> list[Path]:
    """Article files named by ``paths``: files as given, folders searched for ``*.txt``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.txt") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    ids: dict[str, Path] = {}
    for path in found:
        article_id = path.stem
        if not is_valid_article_id(article_id):
            raise ArticleIdError(
                f"{path}: {article_id!r} is not a valid article id "
                "(use letters, digits, '-' and '_'; rename the file)"
            )
        if article_id in ids and ids[article_id].resolve() != path.resolve():
            raise ArticleIdError(
                f"{path}: article id {article_id!r} is also used by {ids[article_id]}; "
                "article ids must be unique"
            )
        ids[article_id] = path
    return list(ids.values())


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_articles(
    paths: Sequence[Path], *, source_lang: str | None = None
) -> tuple[list[Article], list[str]]:
    """Segment every article; return them and a line for each article skipped (and why)."""
    from translate.segment import read_article

    articles, skipped = [], []
    for path in collect_article_paths(paths):
        try:
            articles.append(read_article(path, source_lang=source_lang))
        except SourceLanguageError as err:
            skipped.append(str(err))
    return articles, skipped


def load_glossary(path: Path | None):
    """The glossary at ``path``, or an empty one when there is no such file."""
    from translate.glossary import Glossary, read_glossary

    return read_glossary(path) if path is not None and path.exists() else Glossary.empty()


def run(options: RunOptions, progress: Progress | None = None) -> RunSummary:
    """Segment, translate and reassemble every article named by ``options.paths``.

    Work recorded as done in the run state (``<locales>/.translate-state/``) and still
    matching the files is skipped: an article × language whose source, PO file, glossary,
    tool version and options are unchanged is not even parsed. With ``options.shard`` the
    run takes only its share of the articles and leaves the bundles and the review index to
    a final run without ``--shard`` (docs/BATCH.md).
    """
    progress = progress or Progress()
    langs = validate_langs(options.langs)
    if options.engine not in ENGINES:
        raise InputError(f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    paths = [p for p in collect_article_paths(options.paths) if in_shard(p.stem, options.shard)]
    glossary = load_glossary(options.glossary)
    with run_lock(options.locales, options.shard):
        state = read_state(options.locales, options.shard)
        try:
            return run_locked(paths, langs, glossary, options, progress, state)
        finally:
            write_state(state)


@dataclass
class SourceFile:
    """One article file of the run: where it is, the sha256 of its bytes, its PO reference."""

    path: Path
    sha256: str | None
    ref: str


@dataclass
class RunContext:
    """What every stage of one run shares."""

    options: RunOptions
    glossary: object
    progress: Progress
    summary: RunSummary
    state: RunState
    fingerprint: str
    sources: dict[str, SourceFile]
    order: list[str]
    current: dict[str, dict[str, dict]]  # lang → article id → the run-state record that holds
    articles: dict[str, Article] = field(default_factory=dict)
    #: lang → article id → record, for articles of earlier runs that this run does not name:
    #: not processed, but still in the bundle and the review index (see find_others).
    others: dict[str, dict[str, dict]] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        """The segmented article (read on first use)."""
        from translate.segment import read_article

        if article_id not in self.articles:
            source = self.sources[article_id]
            self.articles[article_id] = read_article(
                source.path, source_lang=self.options.source_lang
            )
        return self.articles[article_id]


def run_locked(
    paths: Sequence[Path],
    langs: Sequence[str],
    glossary,
    options: RunOptions,
    progress: Progress,
    state: RunState,
) -> RunSummary:
    """``run()`` once the lock is held: skip what is current, process the rest per language."""
    sources = {
        path.stem: SourceFile(path, file_sha256(path), display_path(path)) for path in paths
    }
    order = list(sources)
    fingerprint = run_fingerprint(options, glossary)
    current: dict[str, dict[str, dict]] = {lang: {} for lang in langs}
    for lang in langs:
        for article_id, source in sources.items():
            record = find_current(state, lang, article_id, source, fingerprint, options)
            if record is not None:
                current[lang][article_id] = record
    summary = RunSummary()
    ctx = RunContext(options, glossary, progress, summary, state, fingerprint, sources, order,
                     current)
    if options.shard is None:
        ctx.others = find_others(state, langs, sources, fingerprint, options)
    for article_id in order:
        if all(article_id in current[lang] for lang in langs):
            continue
        try:
            ctx.article(article_id)
        except SourceLanguageError as err:
            summary.skipped.append(str(err))
    summary.articles = [
        a for a in order if a in ctx.articles or all(a in current[lang] for lang in langs)
    ]
    rows = []
    for lang in langs:
        todo = [ctx.articles[a] for a in order if a in ctx.articles and a not in current[lang]]
        result = translate_language(lang, todo, ctx)
        summary.languages[lang] = result
        for record in current[lang].values():
            result.already += record["already"]
            result.untranslated += record["untranslated"]
            result.reasons.update(record["reasons"])
        write_state(state)
        if options.shard is None:
            publish_bundle(lang, result, ctx)
        rows += [
            result.rows.get(a) or row_from_json(current[lang][a]["row"])
            for a in order
            if a in result.rows or a in current[lang]
        ]
        rows += [row_from_json(record["row"]) for record in ctx.others.get(lang, {}).values()]
    if options.shard is None and "review" in options.formats:
        from translate.bundle import write_review_index

        write_review_index(options.out, rows)
    return summary


def translate_language(lang: str, articles: Sequence[Article], ctx: RunContext) -> LanguageSummary:
    """Merge, fill and write the catalogs of ``articles`` for one language, and their outputs.

    Distinct texts still untranslated are machine-translated in chunks of
    ``options.chunk_units``; after each chunk the articles it completes are written, so an
    interrupted run keeps them.
    """
    from translate import catalog

    options = ctx.options
    result = LanguageSummary(lang)
    catalogs = result.catalogs
    for article in articles:
        path = catalog.po_path(options.locales, lang, article.id)
        result.read_sha256[article.id] = file_sha256(path)
        try:
            old = catalog.read_catalog(path) if path.exists() else None
        except CatalogError as err:
            result.errors.append(str(err))
            continue
        merged = catalog.merge_catalog(
            old,
            article,
            lang,
            source_ref=ctx.sources[article.id].ref,
            keep_obsolete=options.keep_obsolete,
        )
        merged.fpath = display_path(path)
        catalogs[article.id] = merged
    done = [a for a in articles if a.id in catalogs]
    foreign = {u.text for a in done for u in a.units if u.lang}
    wanted_any = any(
        catalog.needs_mt(entry, retranslate_mt=options.retranslate_mt)
        for po in catalogs.values()
        for entry in po
    )
    memory = catalog.build_memory(
        memory_catalogs(lang, catalogs, ctx, with_current=wanted_any), compendia=options.tm
    )

    # Which entries need MT, and which distinct texts that makes.
    pending: dict[str, list] = {}
    for article in done:
        po = catalogs[article.id]
        wanted = []
        for entry in po:
            if entry.obsolete:
                continue
            state = catalog.entry_state(entry)
            if entry.msgid in foreign and state == "untranslated":
                # Already in another language (a quoted Russian tweet): never MT from English.
                result.untranslated += 1
                result.reasons[FOREIGN_REASON] += 1
                continue
            if not catalog.needs_mt(entry, retranslate_mt=options.retranslate_mt):
                result.already += state != "untranslated"
                continue
            if memory.apply(entry) is not None:
                result.memory += 1
                continue
            wanted.append(entry)
        pending[article.id] = wanted

    if not any(pending.values()):
        for article in done:
            finish_article(article, catalogs[article.id], lang, foreign, ctx, result)
        return result
    translator, why_not = open_translator(lang, options)
    if translator is None:
        if options.engine == "argos":
            from translate.models import describe_next_step

            ctx.summary.missing_pairs[lang] = describe_next_step("en", lang)
        for article in done:
            for _entry in pending[article.id]:
                result.untranslated += 1
                result.reasons[f"left untranslated: {why_not}"] += 1
            finish_article(article, catalogs[article.id], lang, foreign, ctx, result)
        return result
    result.package = translator.provenance
    total = len({e.msgid for entries in pending.values() for e in entries})
    ctx.progress.start(lang, total)
    translated: dict[str, tuple[str, list[str]]] = {}
    chunks = plan_chunks(done, pending, max(1, options.chunk_units))
    # While the articles of one chunk are checked and written, the model already works on
    # the next one (CTranslate2 releases the GIL), so that work adds no time to the MT stage.
    def translate_ahead(calls: BackgroundCalls, texts: list[str]) -> Background:
        return calls.start(
            lambda cancel: machine_translate(
                texts, translator, ctx.glossary, lang, ctx.progress, cancel=cancel
            )
        )

    try:
        # Leaving the block (Ctrl-C included) stops the model after its current batch.
        with BackgroundCalls() as calls:
            ahead = translate_ahead(calls, chunks[0][1]) if chunks else None
            for number, (batch, _texts) in enumerate(chunks):
                assert ahead is not None
                translated.update(ahead.result())
                following = chunks[number + 1][1] if number + 1 < len(chunks) else None
                ahead = translate_ahead(calls, following) if following is not None else None
                for finished in batch:
                    fill_entries(
                        pending[finished.id], translated, translator, ctx.glossary, lang, result
                    )
                    finish_article(finished, catalogs[finished.id], lang, foreign, ctx, result)
    finally:
        ctx.progress.finish(lang)
    return result


def plan_chunks(
    articles: Sequence[Article], pending: dict[str, list], chunk_units: int
) -> list[tuple[list[Article], list[str]]]:
    """Group articles in order so each group brings about ``chunk_units`` new distinct texts.

    A text appears in the first group that needs it only; a group's articles are complete
    once its texts (and those of the groups before) are translated.
    """
    chunks: list[tuple[list[Article], list[str]]] = []
    seen: set[str] = set()
    batch: list[Article] = []
    texts: list[str] = []
    for article in articles:
        batch.append(article)
        for entry in pending[article.id]:
            if entry.msgid not in seen:
                seen.add(entry.msgid)
                texts.append(entry.msgid)
        if len(texts) >= chunk_units:
            chunks.append((batch, texts))
            batch, texts = [], []
    if batch:
        chunks.append((batch, texts))
    return chunks


class Cancelled(Exception):
    """Raised inside a background translation that was asked to stop."""


class Background:
    """``func(cancel)`` running in a thread; ``result()`` waits and re-raises its error.

    ``stop()`` sets ``cancel`` (a threading.Event that ``func`` checks between model
    batches) and waits until ``func`` has returned, so Ctrl-C ends a run within one batch and
    never with the model still running while the interpreter shuts down (that thread would be
    killed inside CTranslate2 when it takes the GIL back: SIGABRT, "terminate called without
    an active exception", or SIGSEGV).

    Waiting uses an Event the thread sets when ``func`` is over, never ``Thread.join``: in
    Python 3.11, a join interrupted by KeyboardInterrupt marks the still-running thread as
    stopped (CPython gh-90882), after which every join returns at once. The thread is started
    with Ctrl-C held back (``deferred_interrupt``), so no interrupt can leave a started
    thread that nobody will stop.
    """

    def __init__(self, func: Callable[[Any], Any]) -> None:
        import threading

        self._value: Any = None
        self._error: BaseException | None = None
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._call, args=(func,), daemon=True)
        with deferred_interrupt():
            self._thread.start()

    def _call(self, func: Callable[[Any], Any]) -> None:
        try:
            self._value = func(self._cancel)
        except BaseException as err:  # handed to the main thread by result()
            self._error = err
        finally:
            self._done.set()

    def result(self) -> Any:
        """The call's return value (after waiting for it)."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value

    def stop(self) -> None:
        """Ask the call to stop and wait until it has, through further Ctrl-Cs (re-raised)."""
        self._cancel.set()
        interrupted: KeyboardInterrupt | None = None
        while not self._done.is_set():
            try:
                self._done.wait()
            except KeyboardInterrupt as err:  # the model stops after its batch all the same
                interrupted = err
        if interrupted is not None:
            raise interrupted


class BackgroundCalls:
    """Every Background started through it, stopped together when the block ends.

    ``start`` registers a call before its thread exists, so a Ctrl-C that lands between the
    start and the caller's assignment cannot leave a model running unstopped.
    """

    def __init__(self) -> None:
        self._calls: list[Background] = []

    def start(self, func: Callable[[Any], Any]) -> Background:
        """Start ``func(cancel)`` in the background."""
        with deferred_interrupt():
            call = Background(func)
            self._calls.append(call)
        return call

    def __enter__(self) -> BackgroundCalls:
        return self

    def __exit__(self, *exc: object) -> None:
        interrupted: KeyboardInterrupt | None = None
        for call in self._calls:
            try:
                call.stop()
            except KeyboardInterrupt as err:  # stop the others all the same
                interrupted = err
        if interrupted is not None:
            raise interrupted


def memory_catalogs(lang: str, catalogs: dict, ctx: RunContext, *, with_current: bool) -> list:
    """The catalogs the translation memory is built from, in article order.

    They are the run's merged catalogs and, when some entry is still to be filled, the PO
    files of the articles skipped as current (so the memory is what a full run would see).
    """
    from translate import catalog

    result = []
    for article_id in ctx.order:
        if article_id in catalogs:
            result.append(catalogs[article_id])
        elif with_current and article_id in ctx.current[lang]:
            path = catalog.po_path(ctx.options.locales, lang, article_id)
            try:
                po = catalog.read_catalog(path)
            except CatalogError:
                continue
            po.fpath = display_path(path)
            result.append(po)
    return result


def open_translator(lang: str, options: RunOptions):
    """The translator for en→lang, or (None, why) when there is none."""
    if options.engine == "none":
        return None, "no MT requested (--engine none)"
    from translate.engine import load_translator, package_dirs

    dirs = package_dirs(options.models)
    try:
        translator = load_translator(
            options.engine,
            "en",
            lang,
            package_dirs=dirs,
            device=options.device,
            beam_size=options.beam_size,
            batch_size=options.batch_size,
            threads=options.threads,
        )
    except MissingModelError:
        return None, f"no Argos package for en→{lang}"
    return translator, ""


def machine_translate(
    texts: list[str], translator, glossary, lang: str, progress: Progress, *, cancel: Any = None
) -> dict[str, tuple[str, list[str]]]:
    """Translate distinct ``texts`` with glossary enforcement: text → (translation, problems).

    All of ``texts`` go to the translator in one call, so it can sort and batch them as it
    likes; a translator whose ``translate`` takes ``progress=`` reports as it goes.
    """
    if not texts:
        return {}
    prepared = [glossary.prepare(text, lang) for text in texts]
    inputs = [p.text for p in prepared]
    counter = ProgressCounter(progress, lang, len(inputs), cancel)
    if accepts_progress(translator):
        outputs = translator.translate(inputs, progress=counter.advance)
    else:
        outputs = translator.translate(inputs)
    counter.close()
    pairs = zip(texts, prepared, outputs, strict=True)
    return {text: prep.finish(output) for text, prep, output in pairs}


def accepts_progress(translator) -> bool:
    """Whether ``translator.translate`` takes a ``progress=`` callback."""
    import inspect

    try:
        parameters = inspect.signature(translator.translate).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


class ProgressCounter:
    """Turns an engine's progress calls into exactly ``total`` units of ``Progress.advance``.

    The engine counts the segments it translates (a long text may be several, repeats
    one); the run's total counts texts. Reports are capped below the total until the call
    returns, then the rest is reported.
    """

    def __init__(self, progress: Progress, lang: str, total: int, cancel: Any = None) -> None:
        self.progress, self.lang, self.total, self.done = progress, lang, total, 0
        self.cancel = cancel  # a threading.Event: when set, the next report stops the engine

    def advance(self, count: int) -> None:
        """The engine finished ``count`` more segments."""
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled
        step = min(count, self.total - 1 - self.done)
        if step > 0:
            self.done += step
            self.progress.advance(self.lang, step)

    def close(self) -> None:
        """The call returned: every text is done."""
        if self.total > self.done:
            self.progress.advance(self.lang, self.total - self.done)
            self.done = self.total


def fill_entries(entries, translated, translator, glossary, lang: str, result) -> None:
    """Put machine drafts (fuzzy, with provenance) into PO entries.

    A draft whose glossary terms could not be guaranteed is caught again by the QA check
    ``glossary`` when refresh_notes runs, which names the expected form in a ``QA:`` note.
    """
    from translate import catalog

    for entry in entries:
        text, _problems = translated[entry.msgid]
        catalog.set_machine_translation(entry, text, translator.provenance)
        result.machine += 1


def refresh_notes(po, glossary, lang: str) -> None:
    """Rewrite the tool's glossary and QA notes of every entry from the current texts."""
    from translate import catalog, qa

    for entry in po:
        if entry.obsolete:
            continue
        catalog.set_note(entry, "glossary", glossary.hint_lines(entry.msgid, lang))
        findings = qa.check_entry(entry, lang, glossary=glossary) if entry.msgstr else []
        catalog.set_note(entry, "QA", qa.qa_notes(findings))


def translations_of(po) -> dict[str, str]:
    """msgid → msgstr of every non-empty, live entry (machine drafts included)."""
    return {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr.strip()}


def finish_article(
    article: Article, po, lang: str, foreign: set[str], ctx: RunContext, result: LanguageSummary
) -> None:
    """Write one article's PO file, outputs and review page; remember it in the run state."""
    from translate import bundle, catalog

    options = ctx.options
    path = catalog.po_path(options.locales, lang, article.id)
    if file_sha256(path) != result.read_sha256.get(article.id):
        # Saved in an editor while the model worked: never overwrite a translator's work.
        result.errors.append(
            f"{display_path(path)}: changed on disk during this run (saved in an editor?); "
            "left as it is: run again to merge it"
        )
        return
    refresh_notes(po, ctx.glossary, lang)
    if catalog.write_catalog(po, path):
        result.files_written += 1
    formats = options.text_formats
    bundle.write_article_outputs(options.out, article, lang, translations_of(po), formats)
    row, item = review_article(article, po, lang, ctx.glossary, options)
    result.rows[article.id] = row
    result.items[article.id] = item
    source = ctx.sources[article.id]
    record = {
        "fingerprint": ctx.fingerprint,
        "source": source.sha256,
        "ref": source.ref,
        "po": file_sha256(path),
        **rerun_counts(po, foreign, options),
        "row": row_to_json(row),
    }
    result.records[article.id] = record
    ctx.state.remember(lang, article.id, record)


def rerun_counts(po, foreign: set[str], options: RunOptions) -> dict:
    """What a rerun would count for ``po`` as it is now: ``already``, ``untranslated`` (with
    ``reasons``) and ``pending`` (entries MT should still fill)."""
    from translate import catalog

    already = untranslated = pending = 0
    reasons: Counter[str] = Counter()
    for entry in po:
        if entry.obsolete:
            continue
        state = catalog.entry_state(entry)
        if entry.msgid in foreign and state == "untranslated":
            untranslated += 1
            reasons[FOREIGN_REASON] += 1
        elif not catalog.needs_mt(entry):
            already += state != "untranslated"
        else:
            pending += 1
    if options.engine == "none" and pending:
        untranslated += pending
        reasons["left untranslated: no MT requested (--engine none)"] += pending
    return {"already": already, "untranslated": untranslated, "reasons": dict(reasons),
            "pending": pending}


def packages_of(po) -> tuple[tuple[str, str], ...]:
    """(package, version) of every ``MT:`` note of ``po`` (for the bundle manifest)."""
    from translate import catalog

    return tuple(
        sorted(
            {tuple(note.split()[1:3]) for e in po for note in catalog.get_notes(e, "MT")
             if len(note.split()) >= 3}
        )
    )


def row_to_json(row) -> dict:
    """A review-index row as plain JSON data (for the run state)."""
    return {
        "article_id": row.article_id,
        "lang": row.lang,
        "headline": row.headline,
        "counts": dict(row.counts),
        "findings": row.findings,
        "percent": row.percent,
        "publishable": row.publishable,
    }


def row_from_json(data: dict):
    """The review-index row ``row_to_json`` stored."""
    from translate.bundle import ReviewIndexRow

    return ReviewIndexRow(**data)


def publish_bundle(lang: str, result: LanguageSummary, ctx: RunContext) -> None:
    """Write ``<out>/<lang>.zip`` unless the run state shows it is already up to date.

    Articles skipped as current are read back (source and PO file) only when the bundle has
    to be rebuilt. The bundle's generation time is the newest of its inputs (sources and PO
    files), so the same inputs give the same zip.
    """
    from translate import catalog

    options = ctx.options
    others = ctx.others.get(lang, {})
    ids = [a for a in ctx.order if a in result.items or a in ctx.current[lang]] + list(others)
    if not ids:
        return
    records = {
        a: result.records.get(a) or ctx.current[lang].get(a) or others[a] for a in ids
    }
    key = sha256_json(
        [ctx.fingerprint, [[a, records[a]["source"], records[a]["po"]] for a in ids]]
    )
    zip_path = options.out / f"{lang}.zip"
    known = ctx.state.find_bundle(lang, key) if zip_path.exists() else None
    if known is not None:
        result.published, result.held_back = tuple(known["published"]), tuple(known["held_back"])
        ctx.state.remember_bundle(lang, known)
        return
    items, inputs = [], []
    for article_id in ids:
        item = result.items.get(article_id) or read_bundle_item(article_id, lang, ctx)
        if item is None:
            continue
        items.append(item)
        inputs += [ctx.sources[article_id].path,
                   catalog.po_path(options.locales, lang, article_id)]
    outcome = write_language_bundle(lang, items, inputs, ctx.glossary, options)
    result.published, result.held_back = outcome.published, outcome.skipped
    ctx.state.remember_bundle(
        lang, {"key": key, "published": list(outcome.published),
               "held_back": list(outcome.skipped)}
    )


def read_bundle_item(article_id: str, lang: str, ctx: RunContext):
    """The bundle item of an article skipped as current, from its source and PO file."""
    from translate import catalog
    from translate.bundle import BundleItem, UnitReview

    path = catalog.po_path(ctx.options.locales, lang, article_id)
    try:
        po = catalog.read_catalog(path)
    except CatalogError:
        return None
    article = ctx.article(article_id)
    entries = {e.msgid: e for e in po if not e.obsolete}
    reviews = []
    for unit in article.units:
        entry = entries.get(unit.text)
        if entry is None:
            reviews.append(UnitReview(unit, "", "untranslated"))
        else:
            reviews.append(UnitReview(unit, entry.msgstr, catalog.entry_state(entry)))
    return BundleItem(article, tuple(reviews), packages_of(po))


# --- The run state: what earlier runs did, so that unchanged work is skipped ------------------

#: Folder of the run state under the locales folder: one JSON file per kind of run
#: (``all.json``, ``shard-K-of-N.json``), merged on reading; each run writes only its own.
STATE_DIR = ".translate-state"
#: Bumped when the meaning of a state record changes: older records then never match.
STATE_FORMAT = 1


def file_sha256(path: Path) -> str | None:
    """sha256 of the file's bytes, None when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def sha256_json(data: object) -> str:
    """sha256 of ``data`` as canonical JSON."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_name(shard: tuple[int, int] | None) -> str:
    """The run-state file name (without ``.json``) of a run: ``all`` or ``shard-K-of-N``."""
    return "all" if shard is None else f"shard-{shard[0]}-of-{shard[1]}"


@dataclass
class RunState:
    """The run state: records of earlier runs (every state file merged) and this run's file.

    A record says: this article × language was last processed from a source with this
    sha256, under this fingerprint (tool version, glossary, options), and left a PO file
    with this sha256. Records are only ever trusted after checking those hashes against the
    files, so a stale, foreign or missing record costs time, never correctness.
    """

    path: Path
    known: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    bundles: dict[str, list[dict]] = field(default_factory=dict)
    own: dict = field(default_factory=lambda: {"format": STATE_FORMAT, "articles": {},
                                                "bundles": {}})

    def candidates(self, lang: str, article_id: str) -> list[dict]:
        """Records for ``article_id`` in ``lang``, this run's own file first."""
        return self.known.get((lang, article_id), [])

    def remember(self, lang: str, article_id: str, record: dict) -> None:
        """Keep ``record`` in this run's file (replacing an older one)."""
        self.own["articles"].setdefault(lang, {})[article_id] = record
        self.known[(lang, article_id)] = [record, *self.candidates(lang, article_id)]

    def find_bundle(self, lang: str, key: str) -> dict | None:
        """The recorded bundle of ``lang`` built from the inputs ``key`` names, or None."""
        return next((b for b in self.bundles.get(lang, []) if b.get("key") == key), None)

    def remember_bundle(self, lang: str, record: dict) -> None:
        """Keep the bundle record of ``lang`` in this run's file."""
        self.own["bundles"][lang] = record
        self.bundles[lang] = [record, *self.bundles.get(lang, [])]


def read_state(locales: Path, shard: tuple[int, int] | None) -> RunState:
    """Every state file under ``<locales>/.translate-state/``, merged; unreadable ones ignored."""
    folder = Path(locales) / STATE_DIR
    state = RunState(folder / f"{state_name(shard)}.json")
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    files.sort(key=lambda p: p != state.path)  # this run's own file first
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT:
                continue
            articles = dict(data["articles"].items())
            bundles = dict(data["bundles"].items())
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            continue
        if path == state.path:
            state.own = {"format": STATE_FORMAT, "articles": articles, "bundles": bundles}
        for lang, records in articles.items():
            if not isinstance(records, dict):
                continue
            for article_id, record in records.items():
                if isinstance(record, dict):
                    state.known.setdefault((lang, article_id), []).append(record)
        for lang, record in bundles.items():
            if isinstance(record, dict):
                state.bundles.setdefault(lang, []).append(record)
    return state


def write_state(state: RunState) -> bool:
    """Write this run's state file atomically (only when it changed)."""
    from translate.fsutil import write_text_atomic

    text = json.dumps(state.own, sort_keys=True, ensure_ascii=False, indent=0) + "\n"
    return write_text_atomic(state.path, text)


def run_fingerprint(options: RunOptions, glossary) -> str:
    """What, besides the source and the PO file, decides an article's files: tool version,
    glossary, engine and the options that change the PO file or the outputs."""
    from translate import __version__

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


def expected_outputs(options: RunOptions, lang: str, article_id: str) -> list[Path]:
    """The files a run writes for one article in one language, besides its PO file."""
    out = Path(options.out)
    formats = options.text_formats
    paths = [out / lang / f"{article_id}.{fmt}" for fmt in formats]
    if "review" in options.formats:
        paths.append(out / "review" / lang / f"{article_id}.html")
    return paths


def find_others(
    state: RunState,
    langs: Sequence[str],
    sources: dict[str, SourceFile],
    fingerprint: str,
    options: RunOptions,
) -> dict[str, dict[str, dict]]:
    """Articles earlier runs processed that this run does not name, still as they were.

    A run on one new article must not drop the others from ``<out>/<lang>.zip`` and the
    review index: an article recorded in the run state whose source file (``ref``) still
    exists and whose source, PO file and outputs still match the record is kept in them.
    Their sources are added to ``sources`` (for rebuilding the bundle); they are not
    processed. An article whose file is gone, or that changed since, is left out until a run
    names it again.
    """
    others: dict[str, dict[str, dict]] = {lang: {} for lang in langs}
    for (lang, article_id), records in sorted(state.known.items()):
        if lang not in others or article_id in sources or not records:
            continue
        ref = records[0].get("ref")
        if not isinstance(ref, str) or not Path(ref).is_file():
            continue
        source = SourceFile(Path(ref), file_sha256(Path(ref)), ref)
        record = find_current(
            state, lang, article_id, source, fingerprint, options, allow_pending=True
        )
        if record is not None:
            others[lang][article_id] = record
    for lang_others in others.values():
        for article_id, record in lang_others.items():
            path = Path(record["ref"])
            sources.setdefault(article_id, SourceFile(path, file_sha256(path), record["ref"]))
    return others


def find_current(
    state: RunState,
    lang: str,
    article_id: str,
    source: SourceFile,
    fingerprint: str,
    options: RunOptions,
    *,
    allow_pending: bool = False,
) -> dict | None:
    """The state record showing ``article_id`` in ``lang`` needs no work, or None.

    It must match the source's and the PO file's sha256 and the fingerprint, leave no entry
    for MT to fill (unless MT is off, or ``allow_pending``), and every output must exist.
    """
    from translate import catalog

    candidates = state.candidates(lang, article_id)
    if not candidates or source.sha256 is None or options.retranslate_mt:
        return None
    po_sha: str | None = None
    for record in candidates:
        if (
            record.get("fingerprint") != fingerprint
            or record.get("source") != source.sha256
            or record.get("ref") != source.ref
            or (record.get("pending") and options.engine != "none" and not allow_pending)
        ):
            continue
        if po_sha is None:
            po_sha = file_sha256(catalog.po_path(options.locales, lang, article_id)) or ""
        if record.get("po") != po_sha:
            continue
        if not all(p.exists() for p in expected_outputs(options, lang, article_id)):
            return None
        if not all(k in record for k in ("already", "untranslated", "reasons", "row")):
            continue
        return record
    return None


@contextlib.contextmanager
def run_lock(locales: Path, shard: tuple[int, int] | None) -> Iterator[None]:
    """Lock the locales folder for one run; shards of one split may run side by side.

    A run without ``--shard`` holds ``<locales>/.translate.lock`` exclusively. A shard run
    holds it shared (so shards don't wait for each other, and a run without ``--shard`` can
    not start while shards write) plus ``.translate-state/shard-K-of-N.lock`` exclusively
    (so the same shard can not run twice at once). Shards of one split never write the same
    files: each writes only its own articles and its own state file.
    """
    from translate.fsutil import file_lock, project_lock

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


def review_units(
    article: Article, po, lang: str, glossary, po_file: str, *, recheck: bool = False
) -> list:
    """One UnitReview per unit of ``article``: its msgstr, state, findings, terms, PO line.

    Findings come from the entries' ``QA:`` notes, which a run has just refreshed; with
    ``recheck`` (``translate assemble``, after translators edited the files) they are computed
    anew from the current msgstr, as the notes may be stale.
    """
    from translate import catalog, qa
    from translate.bundle import UnitReview

    entries = {e.msgid: e for e in po if not e.obsolete}
    lines = catalog.msgid_lines(po)
    reviews = []
    for unit in article.units:
        entry = entries.get(unit.text)
        if entry is None:
            reviews.append(UnitReview(unit, "", "untranslated", po_file=po_file))
            continue
        notes = (
            qa.qa_notes(qa.check_entry(entry, lang, glossary=glossary))
            if recheck and entry.msgstr
            else catalog.get_notes(entry, "QA")
        )
        findings = tuple(
            tuple(note.split(": ", 1)) if ": " in note else (note, note) for note in notes
        )
        terms = tuple(
            f"{hit.term.en} → {hit.term.forms_for(lang).approved}"
            for hit in glossary.find_terms(unit.text)
            if hit.term.forms_for(lang) is not None
        )
        reviews.append(
            UnitReview(
                unit,
                entry.msgstr,
                catalog.entry_state(entry),
                findings=findings,
                terms=tuple(dict.fromkeys(terms)),
                po_file=po_file,
                po_line=lines.get(unit.text, 0),
            )
        )
    return reviews


def publish_language(
    lang: str, articles: Sequence[Article], result: LanguageSummary, glossary, options: RunOptions
) -> list:
    """Review pages and the publish-gated ``<out>/<lang>.zip`` for one language (assemble).

    Returns the review-index rows. The bundle's generation time is the newest of its inputs
    (sources and PO files), so a rerun that changes nothing rewrites nothing.
    """
    from translate import catalog

    rows, items, inputs = [], [], []
    for article in articles:
        po = result.catalogs[article.id]
        row, item = review_article(article, po, lang, glossary, options, recheck=True)
        rows.append(row)
        items.append(item)
        inputs += [article.source, catalog.po_path(options.locales, lang, article.id)]
    if items:
        outcome = write_language_bundle(lang, items, inputs, glossary, options)
        result.published, result.held_back = outcome.published, outcome.skipped
    return rows


def review_article(
    article: Article, po, lang: str, glossary, options: RunOptions, *, recheck: bool = False
):
    """Write the article's review page (if asked for); return its index row and bundle item."""
    from translate import bundle, catalog

    path = catalog.po_path(options.locales, lang, article.id)
    reviews = review_units(article, po, lang, glossary, display_path(path), recheck=recheck)
    if "review" in options.formats:
        bundle.write_review(options.out, article, lang, reviews)
    row = bundle.summarise_review(
        article,
        lang,
        reviews,
        min_translated=options.min_translated,
        include_drafts=options.include_drafts,
    )
    return row, bundle.BundleItem(article, tuple(reviews), packages_of(po))


def write_language_bundle(lang: str, items: list, inputs: list[Path], glossary, options):
    """``<out>/<lang>.zip`` from ``items``, dated by the newest of ``inputs`` (sources and PO
    files), so the same inputs give the same zip and a rerun rewrites nothing."""
    from datetime import UTC, datetime

    from translate import bundle

    newest = 0.0
    for path in inputs:
        with contextlib.suppress(OSError):
            newest = max(newest, path.stat().st_mtime)
    return bundle.write_bundle(
        options.out,
        lang,
        items,
        min_translated=options.min_translated,
        include_drafts=options.include_drafts,
        glossary_sha256=glossary.sha256,
        generated_at=datetime.fromtimestamp(int(newest), tz=UTC) if newest else None,
        formats=options.text_formats or ("txt",),
    )


def assemble(options: RunOptions) -> RunSummary:
    """Rebuild outputs, review pages and bundles from the PO files as they are (no MT).

    This is what ``translate assemble`` runs after translators edited PO files; PO files are
    read, never written.
    """
    from translate import catalog

    langs = validate_langs(options.langs)
    articles, skipped = read_articles(options.paths, source_lang=options.source_lang)
    articles = [a for a in articles if in_shard(a.id, options.shard)]
    summary = RunSummary(articles=[a.id for a in articles], skipped=skipped)
    glossary = load_glossary(options.glossary)
    rows = []
    for lang in langs:
        result = LanguageSummary(lang)
        summary.languages[lang] = result
        for article in articles:
            path = catalog.po_path(options.locales, lang, article.id)
            try:
                old = catalog.read_catalog(path) if path.exists() else None
            except CatalogError as err:
                result.errors.append(str(err))
                continue
            po = old if old is not None else catalog.merge_catalog(None, article, lang)
            result.catalogs[article.id] = po
            formats = options.text_formats
            from translate.bundle import write_article_outputs

            write_article_outputs(options.out, article, lang, translations_of(po), formats)
            for entry in po:
                if entry.obsolete:
                    continue
                state = catalog.entry_state(entry)
                if state == "untranslated":
                    result.untranslated += 1
                else:
                    result.already += 1
        done = [a for a in articles if a.id in result.catalogs]
        rows += publish_language(lang, done, result, glossary, options)
    if "review" in options.formats:
        from translate.bundle import write_review_index

        write_review_index(options.out, rows)
    return summary
