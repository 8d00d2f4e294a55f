"""Per-language article files and the publishable zip bundle with its manifest.

The ``write_*`` functions put their output under a build folder through atomic writes, with
paths made only from validated article ids and language codes. The bundle is deterministic:
the same inputs and the same ``generated_at`` give the same zip, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from translate.core.fsutil import (
    source_date_epoch,
    write_bytes_atomic,
    write_text_atomic,
    zip_bytes,
)
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
    moment = resolve_generated_at(generated_at)
    items = sorted(items, key=lambda item: check_article_id(item.article.id))
    ids = [item.article.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ArticleIdError(f"two articles share the id {duplicates[0]!r}; rename one of them")

    members: list[tuple[str, bytes]] = []
    published: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    unit_totals = dict.fromkeys(STATES, 0)
    fell_back_total = 0
    for item in items:
        article = item.article
        by_unit = index_reviews(article, item.reviews)
        counts = count_states(article, by_unit.values())
        gate = publish_gate(counts, min_translated=min_translated, include_drafts=include_drafts,
                            holds=gate_holds(article, by_unit.values()))
        percent = gate.percent
        record: dict[str, Any] = {"id": article.id, "translated_percent": percent, "units": counts}
        if not gate.passes:
            skipped.append({**record, "qa_errors": list(gate.holds)})
            continue
        translations = publish_translations(by_unit.values(), include_drafts=include_drafts)
        fell_back = [
            {"unit": unit.id, "line": unit.line, "state": by_unit[unit.id].state}
            for unit in article.units
            if not translations.get(unit.text)
        ]
        files = []
        for fmt in formats:
            name = f"{article.id}.{fmt}"
            members.append((name, _RENDERERS[fmt](article, translations, lang).encode("utf-8")))
            files.append(name)
        published.append(
            {
                "id": article.id,
                "source": article.source.name,
                "source_sha256": source_sha256(article),
                "files": files,
                "units": counts,
                "translated_percent": percent,
                "fell_back_to_source": fell_back,
                "packages": [
                    {"name": name, "version": version}
                    for name, version in sorted(set(item.packages))
                ],
            }
        )
        for state in STATES:
            unit_totals[state] += counts[state]
        fell_back_total += len(fell_back)

    manifest = {
        "lang": lang,
        "generated_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "glossary_sha256": glossary_sha256,
        "gate": {"min_translated": min_translated, "include_drafts": include_drafts},
        "articles": published,
        "skipped": skipped,
        "totals": {
            "articles": len(items),
            "published": len(published),
            "skipped": len(skipped),
            "units": unit_totals,
            "fell_back_to_source": fell_back_total,
        },
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    data = zip_bytes([("manifest.json", manifest_bytes), *members], moment)
    path = Path(out_dir) / f"{lang}.zip"
    changed = write_bytes_atomic(path, data)
    return BundleResult(
        path=path,
        published=tuple(record["id"] for record in published),
        skipped=tuple(record["id"] for record in skipped),
        changed=changed,
        manifest=manifest,
        holds={record["id"]: tuple(record["qa_errors"]) for record in skipped
               if record["qa_errors"]},
    )
