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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate import TARGET_LANGUAGES
from translate.article import Article, is_valid_article_id
from translate.errors import (
    ArticleIdError,
    CatalogError,
    InputError,
    LanguageError,
    MissingModelError,
    SourceLanguageError,
)

ENGINES = ("argos", "pseudo", "none")
#: How many distinct texts go to the model before the finished articles are written.
DEFAULT_CHUNK_UNITS = 2048


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


def missing_pair_advice(lang: str) -> str:
    """What to do about a missing en→lang package (shared wording with models doctor)."""
    from translate.models import describe_next_step

    return describe_next_step("en", lang)


def run(options: RunOptions, progress: Progress | None = None) -> RunSummary:
    """Segment, translate and reassemble every article named by ``options.paths``."""
    from translate.fsutil import project_lock
    from translate.glossary import Glossary, read_glossary

    progress = progress or Progress()
    langs = validate_langs(options.langs)
    if options.engine not in ENGINES:
        raise InputError(f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    articles, skipped = read_articles(options.paths, source_lang=options.source_lang)
    articles = [a for a in articles if in_shard(a.id, options.shard)]
    summary = RunSummary(articles=[a.id for a in articles], skipped=skipped)
    if options.glossary is not None and options.glossary.exists():
        glossary = read_glossary(options.glossary)
    else:
        glossary = Glossary.empty()
    rows = []
    with project_lock(options.locales):
        for lang in langs:
            result = translate_language(lang, articles, glossary, options, progress, summary)
            summary.languages[lang] = result
            done = [a for a in articles if a.id in result.catalogs]
            rows += publish_language(lang, done, result, glossary, options)
        if "review" in options.formats:
            from translate.bundle import write_review_index

            write_review_index(options.out, rows)
    return summary


def translate_language(
    lang: str,
    articles: Sequence[Article],
    glossary,
    options: RunOptions,
    progress: Progress,
    summary: RunSummary,
) -> LanguageSummary:
    """Merge, fill and write every article's catalog for one language, then reassemble."""
    from translate import catalog

    result = LanguageSummary(lang)
    catalogs = result.catalogs
    for article in articles:
        path = catalog.po_path(options.locales, lang, article.id)
        try:
            old = catalog.read_catalog(path) if path.exists() else None
        except CatalogError as err:
            result.errors.append(str(err))
            continue
        merged = catalog.merge_catalog(
            old,
            article,
            lang,
            source_ref=display_path(article.source),
            keep_obsolete=options.keep_obsolete,
        )
        merged.fpath = display_path(path)
        catalogs[article.id] = merged
    done = [a for a in articles if a.id in catalogs]
    memory = catalog.build_memory(list(catalogs.values()), compendia=options.tm)
    foreign = {u.text for a in done for u in a.units if u.lang and u.lang != lang}

    # Which entries need MT, and which distinct texts that makes.
    pending: dict[str, list] = {}
    for article in done:
        po = catalogs[article.id]
        wanted = []
        for entry in po:
            if entry.obsolete:
                continue
            if not catalog.needs_mt(entry, retranslate_mt=options.retranslate_mt):
                if catalog.entry_state(entry) != "untranslated":
                    result.already += 1
                continue
            if entry.msgid in foreign:
                result.untranslated += 1
                result.reasons["left untranslated: already in another language"] += 1
                continue
            if memory.apply(entry) is not None:
                result.memory += 1
                continue
            wanted.append(entry)
        pending[article.id] = wanted

    if not any(pending.values()):
        for article in done:
            write_article(article, catalogs[article.id], lang, glossary, options, result)
        return result
    translator, why_not = open_translator(lang, options)
    if translator is None:
        if options.engine == "argos":
            summary.missing_pairs[lang] = missing_pair_advice(lang)
        for article in done:
            for _entry in pending[article.id]:
                result.untranslated += 1
                result.reasons[f"left untranslated: {why_not}"] += 1
            write_article(article, catalogs[article.id], lang, glossary, options, result)
        return result
    result.package = translator.provenance
    total = len({e.msgid for entries in pending.values() for e in entries})
    progress.start(lang, total)
    translated: dict[str, tuple[str, list[str]]] = {}
    batch: list[Article] = []
    batch_texts: dict[str, None] = {}
    try:
        for index, article in enumerate(done):
            batch.append(article)
            for entry in pending[article.id]:
                if entry.msgid not in translated:
                    batch_texts[entry.msgid] = None
            last = index == len(done) - 1
            if len(batch_texts) < options.chunk_units and not last:
                continue
            texts = list(batch_texts)
            translated.update(
                machine_translate(texts, translator, glossary, lang, progress)
            )
            for finished in batch:
                fill_entries(
                    pending[finished.id], translated, translator, glossary, lang, result
                )
                write_article(finished, catalogs[finished.id], lang, glossary, options, result)
            batch, batch_texts = [], {}
    finally:
        progress.finish(lang)
    return result


def open_translator(lang: str, options: RunOptions):
    """The translator for en→lang, or (None, why) when there is none."""
    if options.engine == "none":
        return None, "no MT requested (--engine none)"
    from translate.engine import default_package_dirs, load_translator

    dirs = ([options.models] if options.models else []) + default_package_dirs()
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
    texts: list[str], translator, glossary, lang: str, progress: Progress
) -> dict[str, tuple[str, list[str]]]:
    """Translate distinct ``texts`` with glossary enforcement: text → (translation, problems)."""
    prepared = [glossary.prepare(text, lang) for text in texts]
    outputs: list[str] = []
    step = 256
    for start in range(0, len(prepared), step):
        chunk = [p.text for p in prepared[start : start + step]]
        outputs += translator.translate(chunk)
        progress.advance(lang, len(chunk))
    pairs = zip(texts, prepared, outputs, strict=True)
    return {text: prep.finish(output) for text, prep, output in pairs}


def fill_entries(entries, translated, translator, glossary, lang: str, result) -> None:
    """Put machine drafts into PO entries; glossary problems keep them fuzzy with a note."""
    from translate import catalog

    for entry in entries:
        text, problems = translated[entry.msgid]
        catalog.set_machine_translation(entry, text, translator.provenance)
        catalog.set_note(entry, "QA", [f"glossary: {problem}" for problem in problems])
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
    return {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr}


def write_article(article: Article, po, lang: str, glossary, options: RunOptions, result) -> None:
    """Write one article's PO file and its reassembled outputs (atomic, only when changed)."""
    from translate import bundle, catalog

    refresh_notes(po, glossary, lang)
    path = catalog.po_path(options.locales, lang, article.id)
    if catalog.write_catalog(po, path):
        result.files_written += 1
    formats = [f for f in options.formats if f in ("txt", "md", "html")]
    bundle.write_article_outputs(options.out, article, lang, translations_of(po), formats)


def review_units(article: Article, po, lang: str, glossary, po_file: str) -> list:
    """One UnitReview per unit of ``article``: its msgstr, state, findings, terms, PO line."""
    from translate import catalog
    from translate.bundle import UnitReview

    entries = {e.msgid: e for e in po if not e.obsolete}
    lines = catalog.msgid_lines(po)
    reviews = []
    for unit in article.units:
        entry = entries.get(unit.text)
        if entry is None:
            reviews.append(UnitReview(unit, "", "untranslated", po_file=po_file))
            continue
        findings = tuple(
            tuple(note.split(": ", 1)) if ": " in note else (note, note)
            for note in catalog.get_notes(entry, "QA")
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
    """Review pages and the publish-gated ``<out>/<lang>.zip`` for one language.

    Returns the review-index rows. The bundle's generation time is the newest of its inputs
    (sources and PO files), so a rerun that changes nothing rewrites nothing.
    """
    from datetime import UTC, datetime

    from translate import bundle, catalog

    rows, items, newest = [], [], 0.0
    for article in articles:
        po = result.catalogs[article.id]
        path = catalog.po_path(options.locales, lang, article.id)
        reviews = review_units(article, po, lang, glossary, display_path(path))
        if "review" in options.formats:
            bundle.write_review(options.out, article, lang, reviews)
        rows.append(
            bundle.summarise_review(
                article,
                lang,
                reviews,
                min_translated=options.min_translated,
                include_drafts=options.include_drafts,
            )
        )
        packages = sorted(
            {tuple(note.split()[1:3]) for e in po for note in catalog.get_notes(e, "MT")
             if len(note.split()) >= 3}
        )
        items.append(bundle.BundleItem(article, tuple(reviews), tuple(packages)))
        for source in (article.source, path):
            with contextlib.suppress(OSError):
                newest = max(newest, source.stat().st_mtime)
    if items:
        generated = datetime.fromtimestamp(int(newest), tz=UTC) if newest else None
        outcome = bundle.write_bundle(
            options.out,
            lang,
            items,
            min_translated=options.min_translated,
            include_drafts=options.include_drafts,
            glossary_sha256=glossary.sha256,
            generated_at=generated,
            formats=[f for f in options.formats if f in ("txt", "md", "html")] or ["txt"],
        )
        result.published, result.held_back = outcome.published, outcome.skipped
    return rows


def assemble(options: RunOptions) -> RunSummary:
    """Rebuild outputs, review pages and bundles from the PO files as they are (no MT).

    This is what ``translate assemble`` runs after translators edited PO files; PO files are
    read, never written.
    """
    from translate import catalog
    from translate.glossary import Glossary, read_glossary

    langs = validate_langs(options.langs)
    articles, skipped = read_articles(options.paths, source_lang=options.source_lang)
    articles = [a for a in articles if in_shard(a.id, options.shard)]
    summary = RunSummary(articles=[a.id for a in articles], skipped=skipped)
    if options.glossary is not None and options.glossary.exists():
        glossary = read_glossary(options.glossary)
    else:
        glossary = Glossary.empty()
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
            formats = [f for f in options.formats if f in ("txt", "md", "html")]
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
