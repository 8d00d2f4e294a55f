"""The outputs of an article and of a language: article files, review pages, bundle, index.

One path serves ``run`` and ``assemble``: ``publish_article`` for each article whose PO file
the command has in hand, ``write_language_bundle`` once per language, ``write_index`` at the
end. Only the inputs differ: ``run`` publishes the catalogs it just wrote, ``assemble`` the PO
files as translators left them; both refresh the ``QA:`` notes first (``recheck`` computes
the findings anew for a catalog whose notes may be stale).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from translate.errors import CatalogError
from translate.formats.article import Article
from translate.formats.unitview import Mark
from translate.glossary.model import Glossary
from translate.options import RunOptions
from translate.po import catalog, pofile
from translate.po.confidence import entry_confidence
from translate.po.template import write_template
from translate.po.writeback import read_project_catalog
from translate.publish.bundle import BundleItem, BundleResult, write_article_outputs, write_bundle
from translate.publish.review import (
    ReviewIndexRow,
    UnitReview,
    summarise_review,
    write_review,
    write_review_index,
)
from translate.qa import catalogs as qa
from translate.qa.checks import Finding


@dataclass(frozen=True)
class Published:
    """An article published in one language: its review-index row and its bundle item."""

    row: ReviewIndexRow
    item: BundleItem


def translations_of(po: polib.POFile) -> dict[str, str]:
    """msgid → msgstr of every non-empty, live entry (machine drafts included)."""
    return {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr.strip()}


def states_of(po: polib.POFile) -> dict[str, str]:
    """msgid → state (``catalog.entry_state``) of every live entry: the outputs mark the
    units that are not approved."""
    return {e.msgid: catalog.entry_state(e) for e in po if not e.obsolete}


def packages_of(po: polib.POFile) -> tuple[tuple[str, str], ...]:
    """(package, version) of every ``MT:`` note of ``po`` (for the bundle manifest)."""
    heads = (note.partition(" — ")[0].partition(" (")[0]  # "argos <package> <version>"
             for entry in po for note in catalog.get_notes(entry, "MT"))
    notes = (head.split() for head in heads)
    return tuple(sorted({(words[1], words[2]) for words in notes if len(words) >= 3}))


def review_findings(
    entry: polib.POEntry, fresh: dict[int, list[Finding]] | None
) -> tuple[Finding, ...]:
    """The QA findings on ``entry``: those its ``QA:`` notes record, or those computed anew
    (``fresh``: findings by ``id(entry)``, from ``qa.catalog_findings``)."""
    if fresh is not None:
        return tuple(fresh.get(id(entry), []))
    return tuple(qa.note_findings(entry))


def review_units(
    article: Article,
    po: polib.POFile,
    lang: str,
    glossary: Glossary,
    po_file: str,
    *,
    recheck: bool = False,
    po_href: str = "",
    highlight: bool = True,
) -> tuple[UnitReview, ...]:
    """One UnitReview per unit of ``article``: its msgstr, state, findings, terms, PO line
    (and ``po_href``, the link to the PO file), the previous source of a changed one, and
    (``highlight``: for a review page) the glossary highlights of its source and target.

    Findings come from the entries' ``QA:`` notes, which a run has just refreshed; with
    ``recheck`` (``translate assemble``, after translators edited the files) they are computed
    anew from the current msgstr, as the notes may be stale, and ``po`` is the file as read
    from disk. The PO line is that of the entry's ``msgid``, as ``translate check`` and GNU
    gettext report it: in the file as read, or as a run has just written it.
    """
    entries = {e.msgid: e for e in po if not e.obsolete}
    fresh = (
        {id(e): found for e, found in qa.catalog_findings(po, lang, glossary=glossary)}
        if recheck
        else None
    )
    lines = read_msgid_lines(po) if recheck else pofile.msgid_lines(po)
    reviews = []
    for unit in article.units:
        entry = entries.get(unit.text)
        source_marks, target_marks = (glossary_marks(glossary, unit.text, entry, lang)
                                      if highlight else ((), ()))
        if entry is None:
            reviews.append(UnitReview(unit, "", "untranslated", po_file=po_file,
                                      po_href=po_href, source_marks=source_marks))
            continue
        terms = (
            f"{hit.term.en} → {forms.approved}"
            for hit in glossary.find_terms(unit.text)
            if (forms := hit.term.forms_for(lang)) is not None
        )
        state = catalog.entry_state(entry)
        reviews.append(
            UnitReview(
                unit,
                entry.msgstr,
                state,
                findings=review_findings(entry, fresh),
                terms=tuple(dict.fromkeys(terms)),
                po_file=po_file,
                po_line=lines.get(unit.text, 0),
                previous=entry.previous_msgid or "",
                po_href=po_href,
                confidence=entry_confidence(entry) if state == "machine" else None,
                source_marks=source_marks,
                target_marks=target_marks,
            )
        )
    return tuple(reviews)


def glossary_marks(glossary: Glossary, source: str, entry: polib.POEntry | None,
                   lang: str) -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
    """The glossary highlights of a unit's source and of its msgstr, as the glossary's check
    finds the terms (``Glossary.highlights``: case forms, prefixes, suffixes; a forbidden
    variant marked as such)."""
    found, forms = glossary.highlights(source, entry.msgstr if entry is not None else "", lang)
    return (tuple((start, end, "term") for start, end in found),
            tuple((start, end, "term forbidden" if bad else "term")
                  for (start, end), bad in forms))


def po_link(path: Path, page_dir: Path) -> str:
    """The relative URL of the PO file ``path`` from a review page in ``page_dir``."""
    relative = os.path.relpath(Path(path).absolute(), Path(page_dir).absolute())
    return "".join(char if char.isascii() and (char.isalnum() or char in "/._-~") else
                   "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
                   for char in Path(relative).as_posix())


def read_msgid_lines(po: polib.POFile) -> dict[str, int]:
    """msgid → the line of its ``msgid`` in the file ``po`` was read from (live entries), or
    as format_catalog would write it when ``po`` was not read from a file."""
    lines = qa.file_lines(po)
    if not lines:
        return pofile.msgid_lines(po)
    return {e.msgid: pofile.msgid_line(e, lines) for e in reversed(po) if not e.obsolete}


def publish_article(
    article: Article,
    po: polib.POFile,
    lang: str,
    glossary: Glossary,
    options: RunOptions,
    *,
    recheck: bool = False,
) -> Published:
    """Write the article's files under ``<out>/<lang>/``, its review page (if asked for) and
    its template ``<locales>/<id>.pot`` (translate.po.template; unchanged: not rewritten)."""
    write_template(options.locales, article, source_ref=options.project_path(article.source))
    write_article_outputs(options.out, article, lang, translations_of(po), options.text_formats,
                          states=states_of(po))
    published = review_article(article, po, lang, glossary, options, recheck=recheck)
    if options.review:
        write_review(options.out, article, lang, published.item.reviews)
    return published


def review_article(
    article: Article,
    po: polib.POFile,
    lang: str,
    glossary: Glossary,
    options: RunOptions,
    *,
    recheck: bool = False,
) -> Published:
    """The review-index row and bundle item of an article (review_units), writing nothing.

    Review pages name the PO file relative to the project root (``RunOptions.project_path``),
    so they do not depend on the working directory.
    """
    path = catalog.po_path(options.locales, lang, article.id)
    po_file = options.project_path(path)
    href = po_link(path, Path(options.out) / "review" / lang)
    reviews = review_units(article, po, lang, glossary, po_file, recheck=recheck, po_href=href,
                           highlight=options.review)
    row = summarise_review(
        article,
        lang,
        reviews,
        min_translated=options.min_translated,
        include_drafts=options.include_drafts,
    )
    return Published(row, BundleItem(article, reviews, packages_of(po)))


def read_published(
    article: Article, lang: str, glossary: Glossary, options: RunOptions, *, recheck: bool
) -> Published | None:
    """The row and bundle item of an article from its PO file as it is on disk (None when it
    can't be read), writing nothing: how bundles and the index keep an article the command
    does not process. With ``recheck`` the findings are computed anew (the file may have been
    edited since its ``QA:`` notes were written)."""
    path = catalog.po_path(options.locales, lang, article.id)
    try:
        po = read_project_catalog(path)
    except CatalogError:
        return None
    return review_article(article, po, lang, glossary, options, recheck=recheck)


def read_bundle_item(
    article: Article, lang: str, glossary: Glossary, options: RunOptions
) -> BundleItem | None:
    """The bundle item of an article from its PO file as it is (None if it can't be read)."""
    published = read_published(article, lang, glossary, options, recheck=False)
    return published.item if published is not None else None


def write_language_bundle(
    lang: str, items: Sequence[BundleItem], glossary: Glossary, options: RunOptions
) -> BundleResult:
    """``<out>/<lang>.zip`` from ``items``, dated by the newest of their inputs (sources and
    PO files), so the same inputs give the same zip and a rerun rewrites nothing."""
    newest = 0.0
    for item in items:
        for path in (item.article.source, catalog.po_path(options.locales, lang, item.article.id)):
            with contextlib.suppress(OSError):
                newest = max(newest, path.stat().st_mtime)
    return write_bundle(
        options.out,
        lang,
        items,
        min_translated=options.min_translated,
        include_drafts=options.include_drafts,
        glossary_sha256=glossary.sha256,
        generated_at=datetime.fromtimestamp(int(newest), tz=UTC) if newest else None,
        formats=options.text_formats or ("txt",),
    )


def write_index(rows: Iterable[ReviewIndexRow], options: RunOptions) -> None:
    """Write the review index ``<out>/review/index.html`` (when review pages are asked for)."""
    if options.review:
        write_review_index(options.out, rows)
