"""Per-language article files and the publishable zip bundle with its manifest.

The ``write_*`` functions put their output under a build folder through atomic writes, with
paths made only from validated article ids and language codes. The bundle is deterministic:
the same inputs and the same ``generated_at`` give the same zip, byte for byte.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from translate.core.fsutil import write_stream_atomic, write_text_atomic
from translate.core.reproducible import add_zip_member, source_date_epoch
from translate.errors import ArticleIdError, InputError
from translate.formats.article import Article, check_article_id
from translate.formats.drafts import draft_note, mark_text
from translate.formats.layout import check_lang
from translate.formats.writers import assemble_html, assemble_markdown, assemble_text
from translate.options import ARTICLE_FORMATS
from translate.po.catalog import STATES
from translate.publish.review import (
    UnitReview,
    check_gate,
    count_states,
    gate_holds,
    index_reviews,
    publish_gate,
)

#: An output file's text: (article, translations, lang) -> text.
Renderer = Callable[[Article, Mapping[str, str], str], str]
_RENDERERS: dict[str, Renderer] = {
    "txt": lambda article, translations, lang: assemble_text(article, translations),
    "md": lambda article, translations, lang: assemble_markdown(article, translations),
    "html": assemble_html,
}


@dataclass(frozen=True)
class BundleItem:
    """One article offered to a language bundle: its reviews and the Argos packages used."""

    article: Article
    reviews: tuple[UnitReview, ...]
    packages: tuple[tuple[str, str], ...] = ()  # (package name, version)


@dataclass(frozen=True)
class BundleResult:
    """What write_bundle wrote: the zip, which articles went in and which were held back."""

    path: Path
    published: tuple[str, ...]
    skipped: tuple[str, ...]
    changed: bool
    manifest: dict[str, Any] = field(compare=False)
    #: The QA errors that hold each article back (``review.gate_holds``), by article id.
    holds: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


def publish_translations(
    reviews: Iterable[UnitReview], *, include_drafts: bool = False
) -> dict[str, str]:
    """msgid → msgstr of the units that may be published: approved, and drafts if asked."""
    allowed = {"approved", "machine"} if include_drafts else {"approved"}
    return {
        review.unit.text: review.target
        for review in reviews
        if review.state in allowed and review.target
    }


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    unknown = [fmt for fmt in formats if fmt not in ARTICLE_FORMATS]
    if unknown:
        choices = ", ".join(ARTICLE_FORMATS)
        raise InputError(f"unknown output format {unknown[0]!r}; choose from {choices}")
    return tuple(dict.fromkeys(formats))


def write_article_outputs(
    out_dir: Path,
    article: Article,
    lang: str,
    translations: Mapping[str, str],
    formats: Sequence[str] = ARTICLE_FORMATS,
    *,
    states: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``out_dir/<lang>/<id>.txt|.md|.html``; return the paths, written or unchanged.

    With ``states`` (msgid → state in the PO file), an article not wholly approved is marked
    as a draft (``translate.formats.drafts``): a note atop each page and each unit that is not
    approved marked, a header line in the text and Markdown files.
    """
    folder = Path(out_dir) / check_lang(lang)
    name = check_article_id(article.id)
    note = draft_note(article, states)
    paths = []
    for fmt in _check_formats(formats):
        path = folder / f"{name}.{fmt}"
        if fmt == "html":
            text = assemble_html(article, translations, lang, states=states)
        else:
            text = _RENDERERS[fmt](article, translations, lang)
            text = mark_text(text, fmt, note) if note else text
        write_text_atomic(path, text)
        paths.append(path)
    return paths


def resolve_generated_at(generated_at: datetime | None) -> datetime:
    """``generated_at`` in UTC to the second; default SOURCE_DATE_EPOCH, else now."""
    if generated_at is None:
        epoch = source_date_epoch()
        if epoch is not None:
            generated_at = datetime.fromtimestamp(epoch, tz=UTC)
        else:
            generated_at = datetime.now(UTC)
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=UTC)
    return generated_at.astimezone(UTC).replace(microsecond=0)


def source_sha256(article: Article) -> str:
    """sha256 of the article's source file, rebuilt byte for byte from its parts."""
    return hashlib.sha256(article.source_text().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BundleEntry:
    """One article's part of a bundle: its manifest record, whether it passed the publish
    gate, and its files (``members``: name and bytes, none when it was held back)."""

    article_id: str
    record: dict[str, Any]
    published: bool
    members: tuple[tuple[str, bytes], ...] = ()


def bundle_entry(
    item: BundleItem,
    lang: str,
    *,
    min_translated: float = 80,
    include_drafts: bool = False,
    formats: Sequence[str] = ARTICLE_FORMATS,
) -> BundleEntry:
    """The part of a bundle ``item`` makes: its manifest record and, when it passes the gate
    (its approved units, plus machine drafts with ``include_drafts``, are at least
    ``min_translated`` % of its units and no approved unit has an error-level QA finding),
    its files, from those units' translations only; held back, the QA errors that hold it."""
    article = item.article
    check_article_id(article.id)
    by_unit = index_reviews(article, item.reviews)
    counts = count_states(article, by_unit.values())
    gate = publish_gate(counts, min_translated=min_translated, include_drafts=include_drafts,
                        holds=gate_holds(article, by_unit.values()))
    percent = gate.percent
    if not gate.passes:
        return BundleEntry(article.id, {"id": article.id, "translated_percent": percent,
                                        "units": counts, "qa_errors": list(gate.holds)},
                           False)
    translations = publish_translations(by_unit.values(), include_drafts=include_drafts)
    fell_back = [
        {"unit": unit.id, "line": unit.line, "state": by_unit[unit.id].state}
        for unit in article.units
        if not translations.get(unit.text)
    ]
    members = tuple(
        (f"{article.id}.{fmt}", _RENDERERS[fmt](article, translations, lang).encode("utf-8"))
        for fmt in formats
    )
    record = {
        "id": article.id,
        "source": article.source.name,
        "source_sha256": source_sha256(article),
        "files": [name for name, _data in members],
        "units": counts,
        "translated_percent": percent,
        "fell_back_to_source": fell_back,
        "packages": [
            {"name": name, "version": version} for name, version in sorted(set(item.packages))
        ],
    }
    return BundleEntry(article.id, record, True, members)


def write_bundle(
    out_dir: Path,
    lang: str,
    items: Iterable[BundleItem],
    *,
    min_translated: float = 80,
    include_drafts: bool = False,
    glossary_sha256: str | None = None,
    generated_at: datetime | None = None,
    formats: Sequence[str] = ARTICLE_FORMATS,
) -> BundleResult:
    """Write ``out_dir/<lang>.zip``: the articles that pass the gate and ``manifest.json``.

    An article passes when its approved units (plus machine drafts with ``include_drafts``)
    are at least ``min_translated`` % of its units and no approved unit has an error-level QA
    finding (``review.publish_gate``; the manifest lists the ``qa_errors`` of each article held
    back). Published files use only those units' translations; the others fall back to the
    source text and the manifest lists them.
    """
    check_lang(lang)
    check_gate(min_translated)
    formats = _check_formats(formats)
    entries = sorted(
        (bundle_entry(item, lang, min_translated=min_translated, include_drafts=include_drafts,
                      formats=formats) for item in items),
        key=lambda entry: entry.article_id,
    )
    members = {entry.article_id: entry.members for entry in entries}
    return write_bundle_entries(
        out_dir, lang, [BundleEntry(e.article_id, e.record, e.published) for e in entries],
        members.__getitem__, min_translated=min_translated, include_drafts=include_drafts,
        glossary_sha256=glossary_sha256, generated_at=generated_at,
    )


def write_bundle_entries(
    out_dir: Path,
    lang: str,
    entries: Sequence[BundleEntry],
    members: Callable[[str], Iterable[tuple[str, bytes]]],
    *,
    min_translated: float = 80,
    include_drafts: bool = False,
    glossary_sha256: str | None = None,
    generated_at: datetime | None = None,
) -> BundleResult:
    """Write ``out_dir/<lang>.zip`` from ``entries`` sorted by article id (their records;
    their files are asked of ``members(article_id)`` one article at a time, so a bundle of
    any size is written in bounded memory); see write_bundle."""
    ids = [entry.article_id for entry in entries]
    duplicates = sorted({a for a, b in itertools.pairwise(ids) if a == b})
    if duplicates:
        raise ArticleIdError(f"two articles share the id {duplicates[0]!r}; rename one of them")
    moment = resolve_generated_at(generated_at)
    published = [entry.record for entry in entries if entry.published]
    unit_totals = {state: sum(r["units"][state] for r in published) for state in STATES}
    manifest = {
        "lang": lang,
        "generated_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "glossary_sha256": glossary_sha256,
        "gate": {"min_translated": min_translated, "include_drafts": include_drafts},
        "articles": published,
        "skipped": [entry.record for entry in entries if not entry.published],
        "totals": {
            "articles": len(entries),
            "published": len(published),
            "skipped": len(entries) - len(published),
            "units": unit_totals,
            "fell_back_to_source": sum(len(r["fell_back_to_source"]) for r in published),
        },
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def fill(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w") as archive:
            add_zip_member(archive, "manifest.json", manifest_bytes, moment)
            for entry in entries:
                if entry.published:
                    for name, data in members(entry.article_id):
                        add_zip_member(archive, name, data, moment)

    path = Path(out_dir) / f"{check_lang(lang)}.zip"
    changed = write_stream_atomic(path, fill)
    return BundleResult(
        path=path,
        published=tuple(record["id"] for record in published),
        skipped=tuple(entry.article_id for entry in entries if not entry.published),
        changed=changed,
        manifest=manifest,
        holds={entry.article_id: tuple(entry.record.get("qa_errors", ()))
               for entry in entries if not entry.published and entry.record.get("qa_errors")},
    )
