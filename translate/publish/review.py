"""Review pages: what a reviewer sees of an article in one language, and the index of all.

The render functions are pure (plain data in, HTML out); the ``write_*`` functions put their
output under a build folder through atomic writes, with paths made only from validated
article ids and language codes. The publish gate is decided here too, as the index shows it:
how much of an article must be approved before it goes into a bundle (``po.status.completion``),
and no approved unit of it may have an error-level QA finding (``po.status.holds_back``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from translate.core.fsutil import write_text_atomic
from translate.errors import InputError
from translate.formats.article import Article, Unit, check_article_id
from translate.formats.html import write_nodes
from translate.formats.layout import check_lang, group_blocks, headline_of, render_page
from translate.formats.unitview import STATE_LABELS, BlockView, Mark, show, unit_nodes
from translate.lang.cldr import language_name, text_direction
from translate.po.catalog import STATES
from translate.po.confidence import LOW, least_confident_first
from translate.po.status import completion, holds_back
from translate.qa.checks import Finding
from translate.text.worddiff import render_word_diff


@dataclass(frozen=True)
class UnitReview:
    """What a reviewer needs to know about one unit in one language."""

    unit: Unit
    target: str  # the msgstr ("" when untranslated)
    state: str  # one of STATES
    findings: tuple[Finding, ...] = ()  # the QA findings on its entry
    terms: tuple[str, ...] = ()  # glossary terms, "term" or "term → form"
    po_file: str = ""
    po_line: int = 0
    previous: str = ""  # the source the translation was made for (``#| msgid``), if it changed
    po_href: str = ""  # a link to the PO file, relative to the review page
    confidence: float | None = None  # a machine draft's, from its ``MT:`` note
    #: Glossary highlights of the source and of the target (``Glossary.highlights``).
    source_marks: tuple[Mark, ...] = ()
    target_marks: tuple[Mark, ...] = ()

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise ValueError(f"unknown unit state {self.state!r}; expected one of {STATES}")

    @property
    def where(self) -> str:
        """``<po file>:<line>`` of the unit's entry (the file alone without a line)."""
        return self.po_file + (f":{self.po_line}" if self.po_line else "")

    @property
    def holds(self) -> tuple[str, ...]:
        """``<file>:<line>: <code>: <message>`` of each finding that holds the article back
        from the bundle (``po.status.holds_back``)."""
        return tuple(f"{self.where}: {finding.code}: {finding.message}"
                     for finding in self.findings if holds_back(self.state, finding.severity))


@dataclass(frozen=True)
class ReviewIndexRow:
    """One article in one language, as the review index lists it."""

    article_id: str
    lang: str
    headline: str
    counts: Mapping[str, int]  # units by state
    findings: int
    percent: float  # the completion figure the publish gate counts (po.status.completion)
    publishable: bool
    holds: tuple[str, ...] = ()  # the QA errors of approved units that hold it back

    @property
    def units(self) -> int:
        """How many units the article has."""
        return sum(self.counts.values())


# --- counting and the publish gate ---------------------------------------------------------


def index_reviews(article: Article, reviews: Iterable[UnitReview]) -> dict[str, UnitReview]:
    """Each unit id of ``article`` mapped to its review; units without one are untranslated."""
    given = {review.unit.id: review for review in reviews}
    return {
        unit.id: given.get(unit.id) or UnitReview(unit=unit, target="", state="untranslated")
        for unit in article.units
    }


def distinct(article: Article, reviews: Iterable[UnitReview]) -> list[UnitReview]:
    """The review of each distinct text of ``article`` (identical sentences share one PO entry),
    the first unit's, in article order."""
    by_text: dict[str, UnitReview] = {}
    for review in index_reviews(article, reviews).values():
        by_text.setdefault(review.unit.text, review)
    return list(by_text.values())


def count_states(article: Article, reviews: Iterable[UnitReview]) -> dict[str, int]:
    """How many of the article's units are in each state (every state present, maybe 0),
    identical texts counted once, as their one PO entry (as ``translate status`` counts)."""
    counts = dict.fromkeys(STATES, 0)
    for review in distinct(article, reviews):
        counts[review.state] += 1
    return counts


def gate_holds(article: Article, reviews: Iterable[UnitReview]) -> tuple[str, ...]:
    """What holds the article back from the bundle whatever its completion: each error-level
    QA finding of an approved unit, ``<file>:<line>: <code>: <message>``."""
    return tuple(hold for review in distinct(article, reviews) for hold in review.holds)


def check_gate(min_translated: float) -> float:
    """Return ``min_translated`` if it is a percentage, else raise InputError."""
    if not 0 <= min_translated <= 100:
        raise InputError(f"--min-translated must be between 0 and 100, not {min_translated}")
    return min_translated


class Gate(NamedTuple):
    """What the publish gate makes of an article."""

    percent: float  # its completion figure (po.status.completion)
    passes: bool  # whether the article may be published
    holds: tuple[str, ...] = ()  # the QA errors that hold it back, whatever its completion


def publish_gate(
    counts: Mapping[str, int], *, min_translated: float = 80, include_drafts: bool = False,
    holds: tuple[str, ...] = (),
) -> Gate:
    """The gate for an article with ``counts`` units by state and the QA errors ``holds`` of
    its approved units (``gate_holds``): approved units (and machine drafts with
    ``include_drafts``) must be ``min_translated`` % of all units, no error may hold it back,
    and an article with no units never passes."""
    total = sum(counts.values())
    done = counts.get("approved", 0) + (counts.get("machine", 0) if include_drafts else 0)
    return Gate(
        percent=completion(counts, include_drafts=include_drafts),
        passes=total > 0 and done * 100 >= check_gate(min_translated) * total and not holds,
        holds=holds,
    )


# --- review pages ---------------------------------------------------------------------------

REVIEW_CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f4; color: #1a1a1a;
  font: 0.95rem/1.5 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
header, main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; }
header h1 { font-size: 1.3rem; margin: 0 0 0.5rem; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0;
  margin: 0.5rem 0; }
.counts li { padding: 0.15rem 0.6rem; border-radius: 1rem; border: 1px solid #ccc; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; font-weight: bold; }
.para { margin: 1rem 0; padding: 0.25rem 0; border-top: 2px solid #ddd; }
.para > .role { font-size: 0.8rem; color: #666; text-transform: uppercase; letter-spacing: 0.05em; }
.unit { display: grid; grid-template-columns: 1fr 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0;
  padding: 0.5rem 0.75rem; background: #fff; border-left: 6px solid #999; }
.unit .meta { grid-column: 1 / -1; font-size: 0.85rem; color: #444; }
.state { font-weight: bold; padding: 0 0.4rem; border-radius: 0.25rem; color: #fff; }
.state-approved { border-left-color: #2e7d32; } .state-approved .state { background: #2e7d32; }
.state-machine { border-left-color: #1565c0; } .state-machine .state { background: #1565c0; }
.state-review { border-left-color: #ef6c00; } .state-review .state { background: #ef6c00; }
.state-untranslated { border-left-color: #c62828; }
.state-untranslated .state { background: #c62828; }
li.state-approved { background: #e8f5e9; } li.state-machine { background: #e3f2fd; }
li.state-review { background: #fff3e0; } li.state-untranslated { background: #ffebee; }
.missing { color: #c62828; font-style: italic; }
.findings { margin: 0.25rem 0 0; padding: 0.25rem 0.5rem; list-style: none;
  background: #fff8c4; border: 1px solid #e0c200; }
.findings code { font-weight: bold; } .findings .warning { color: #555; }
.holds ul { margin: 0.25rem 0; padding-inline-start: 1.25rem; }
mark.term { background: #d9f2ff; outline: 1px dotted #0277bd; }
mark.term.forbidden { background: #ffd6d6; outline: 1px solid #c62828; }
.po { color: #555; }
a.po-link { text-decoration: underline dotted; }
.src ins { background: #c8f7c5; text-decoration: none; outline: 1px solid #2e7d32; }
.src del { background: #ffd6d6; text-decoration: line-through; }
.previous { display: block; margin-top: 0.35rem; padding-top: 0.35rem;
  border-top: 1px dashed #ccc; color: #555; }
.previous .label { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
.confidence.low, .review-first li.low .confidence { color: #b71c1c; font-weight: bold; }
.unit.low-confidence { outline: 2px dashed #b71c1c; }
.review-first { margin: 0.5rem 0; } .review-first ol { margin: 0.25rem 0; }
section.lang { margin: 1.5rem 0; }
section.lang h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: start; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
.below-gate { color: #c62828; font-weight: bold; }
.publishable { color: #2e7d32; }
tr.row-below-gate { background: #fff5f5; }
"""


def _render_unit_row(review: UnitReview, article: Article, lang: str) -> str:
    unit = review.unit
    source_lang = unit.lang or article.lang
    return (
        f'<div class="{_unit_classes(review)}" id="u-{html.escape(unit.id)}">'
        f'<div class="src" lang="{html.escape(source_lang)}" dir="{text_direction(source_lang)}">'
        f"{_render_source(review, source_lang)}</div>"
        f'<div class="tgt" lang="{lang}" dir="{text_direction(lang)}">'
        f"{_render_target(review, lang)}</div>"
        f'<div class="meta">{" · ".join(_render_meta(review))}'
        f"{_render_findings(review.findings)}</div>"
        "</div>"
    )


def _unit_classes(review: UnitReview) -> str:
    """The unit's CSS classes: its state, whether it has findings, whether MT was unsure."""
    classes = f"unit state-{review.state}" + (" has-findings" if review.findings else "")
    if review.confidence is not None and review.confidence < LOW:
        classes += " low-confidence"
    return classes


def _render_text(review: UnitReview, text: str, lang: str, marks: tuple[Mark, ...]) -> str:
    """``text`` of the unit of ``review`` in a cell of ``lang``, as ``formats.unitview`` shows
    a unit: its glossary highlights, one isolate of its own direction where its words read
    in the other (an English draft in a Hebrew cell), Latin runs isolated in right-to-left
    text."""
    shown = show(review.unit, [text], lang, marks=marks)
    return write_nodes(unit_nodes(shown, BlockView(lang, text_direction(lang))))


def _render_source(review: UnitReview, source_lang: str) -> str:
    """The source with its glossary terms marked, or, when it changed since the translation
    was made, the words added to it and those removed."""
    unit = review.unit
    if review.previous and review.previous != unit.text:
        removed, added = render_word_diff(review.previous, unit.text)
        return (
            f'<span class="now">{added}</span>'
            f'<span class="previous"><span class="label" lang="en">previous source: </span>'
            f"{removed}</span>"
        )
    return _render_text(review, unit.text, source_lang, review.source_marks)


def _render_target(review: UnitReview, lang: str) -> str:
    """The translation with its glossary forms marked, or a note that there is none."""
    if review.target:
        return _render_text(review, review.target, lang, review.target_marks)
    return '<span class="missing">no translation: the source text is used</span>'


def _render_meta(review: UnitReview) -> list[str]:
    """The unit's state, role, where to edit it, MT confidence and glossary terms."""
    meta = [
        f'<span class="state">{STATE_LABELS[review.state]}</span>',
        f'<span class="role">{html.escape(review.unit.role)}</span>',
        _render_location(review),
    ]
    if review.confidence is not None:
        low = " low" if review.confidence < LOW else ""
        meta.append(f'<span class="confidence{low}" data-confidence="{review.confidence:.2f}">'
                    f"MT confidence {review.confidence:.2f}{' ⚠' if low else ''}</span>")
    if review.terms:
        listed = ", ".join(html.escape(term) for term in review.terms)
        meta.append(f'<span class="terms">glossary: {listed}</span>')
    return meta


def _render_location(review: UnitReview) -> str:
    """Where to edit the unit: its PO file and line (a link when the page has one), or its
    line in the source when it has no PO file."""
    if not review.po_file:
        return f'<code class="po">line {review.unit.line} of the source</code>'
    line = review.po_line
    code = f'<code class="po">{html.escape(review.po_file + (f":{line}" if line else ""))}</code>'
    if not review.po_href:
        return code
    title = "the PO file" + (f", msgid at line {line}" if line else "")
    return (f'<a class="po-link" href="{html.escape(review.po_href)}" '
            f'data-line="{line}" title="{title}">{code}</a>')


def _render_findings(findings: Iterable[Finding]) -> str:
    """The QA findings as a list ("" when there are none), each marked error or warning."""
    items = "".join(
        f'<li class="{finding.severity}"><code>{html.escape(finding.code)}</code> '
        f"{html.escape(finding.message)}{' (warning)' if finding.severity == 'warning' else ''}"
        "</li>"
        for finding in findings
    )
    return f'<ul class="findings">{items}</ul>' if items else ""


def _render_holds(holds: Iterable[str]) -> str:
    """What holds the article back from the bundle, as a list ("" when nothing does)."""
    items = "".join(f"<li><code>{html.escape(hold)}</code></li>" for hold in holds)
    return (f'<div class="holds"><span class="below-gate">⚠ held back from the bundle: '
            f'QA errors in approved units</span><ul>{items}</ul></div>') if items else ""


def render_review_page(article: Article, lang: str, reviews: Iterable[UnitReview]) -> str:
    """The bilingual review page: source and target side by side, unit by unit.

    Units appear in article order grouped by paragraph; each shows its state by colour and
    label, its QA findings and glossary terms, and the PO file and line to fix it in.
    """
    check_lang(lang)
    by_unit = index_reviews(article, reviews)
    counts = count_states(article, by_unit.values())
    n_findings = sum(len(review.findings) for review in by_unit.values())
    holds = gate_holds(article, by_unit.values())
    title = headline_of(article, {})
    count_items = "".join(
        f'<li class="state-{state}">{STATE_LABELS[state]}: {counts[state]}</li>' for state in STATES
    )
    summary = (
        "<header>\n"
        f"<h1>Review: {html.escape(article.id)} ({html.escape(article.lang)} → {lang})</h1>\n"
        f'<p class="title" lang="{html.escape(article.lang)}">{html.escape(title)}</p>\n'
        f'<ul class="counts">{count_items}</ul>\n'
        f'<p class="completion">{sum(counts.values())} units; '
        f"{publish_gate(counts).percent}% approved, "
        f"{publish_gate(counts, include_drafts=True).percent}% with machine drafts; "
        f'<span class="finding-count">QA findings: {n_findings}</span></p>\n'
        + _render_holds(holds)
        + _render_review_first(by_unit.values())
        + "</header>"
    )
    sections = []
    for block in group_blocks(article):
        rows = "\n".join(_render_unit_row(by_unit[unit.id], article, lang) for unit in block.units)
        sections.append(
            f'<section class="para role-{html.escape(block.role)}">'
            f'<div class="role">{html.escape(block.role)}</div>\n{rows}\n</section>'
        )
    columns = (
        f'<div class="cols"><div lang="en">Source ({html.escape(article.lang)})</div>'
        f'<div lang="en">Translation ({lang})</div></div>'
    )
    body = summary + "\n<main>\n" + columns + "\n" + "\n".join(sections) + "\n</main>"
    return render_page(lang="en", title=f"Review: {article.id} → {lang}", css=REVIEW_CSS, body=body)


def _render_review_first(reviews: Iterable[UnitReview]) -> str:
    """The machine drafts with a confidence, least confident first, each a link to its unit:
    where the reviewer should start (those below LOW flagged)."""
    scored = sorted((r for r in reviews if r.confidence is not None and r.state == "machine"),
                    key=lambda r: (least_confident_first(r.confidence), r.unit.line))
    if not scored:
        return ""
    items = []
    for review in scored:
        low = review.confidence is not None and review.confidence < LOW
        excerpt = " ".join(review.unit.text.split())
        excerpt = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
        items.append(
            f'<li class="{"low" if low else "ok"}"><a href="#u-{html.escape(review.unit.id)}">'
            f'<span class="confidence">{review.confidence:.2f}{" ⚠" if low else ""}</span> '
            f"{html.escape(excerpt)}</a></li>"
        )
    return (
        '<details class="review-first" open><summary>Machine drafts, least confident first '
        f"({len(items)}; ⚠ below {LOW:.2f})</summary>\n<ol>{''.join(items)}</ol></details>\n"
    )


def summarise_review(
    article: Article,
    lang: str,
    reviews: Iterable[UnitReview],
    *,
    min_translated: float = 80,
    include_drafts: bool = False,
) -> ReviewIndexRow:
    """The review index's row for one article in one language."""
    by_unit = index_reviews(article, reviews)
    counts = count_states(article, by_unit.values())
    gate = publish_gate(counts, min_translated=min_translated, include_drafts=include_drafts,
                        holds=gate_holds(article, by_unit.values()))
    return ReviewIndexRow(
        article_id=article.id,
        lang=lang,
        headline=headline_of(article, {}),
        counts=counts,
        findings=sum(len(review.findings) for review in by_unit.values()),
        percent=gate.percent,
        publishable=gate.passes,
        holds=gate.holds,
    )


def render_review_index(rows: Iterable[ReviewIndexRow]) -> str:
    """The review index: a section per language (its units by state over all its articles),
    then every article in it: completion, counts by state, findings and gate mark."""
    by_lang: dict[str, list[ReviewIndexRow]] = {}
    for row in rows:
        check_article_id(row.article_id)
        by_lang.setdefault(check_lang(row.lang), []).append(row)
    heads = "".join(f"<th>{STATE_LABELS[state]}</th>" for state in STATES)
    sections = []
    for lang in sorted(by_lang):
        lang_rows = sorted(by_lang[lang], key=lambda r: r.article_id)
        totals = {state: sum(r.counts.get(state, 0) for r in lang_rows) for state in STATES}
        count_items = "".join(
            f'<li class="state-{state}" data-state="{state}">{STATE_LABELS[state]}: '
            f"{totals[state]}</li>"
            for state in STATES
        )
        held = sum(not r.publishable for r in lang_rows)
        sections.append(
            f'<section class="lang" id="lang-{lang}" data-lang="{lang}">\n'
            f"<h2>{html.escape(language_name(lang))} ({lang}): {len(lang_rows)} article(s), "
            f"{held} held back from the bundle</h2>\n"
            f'<ul class="counts">{count_items}</ul>\n<table>\n'
            f"<thead><tr><th>Article</th><th>Units</th>{heads}"
            "<th>Completion</th><th>Findings</th><th>Gate</th></tr></thead>\n<tbody>\n"
            + "\n".join(_render_index_row(row) for row in lang_rows)
            + "\n</tbody>\n</table>\n</section>"
        )
    pairs = sum(len(group) for group in by_lang.values())
    body = (
        "<header><h1>Translation review</h1>"
        f"<p>{pairs} article × language pairs. Articles marked ⚠ are left out of the language "
        "bundle: below the publish gate, or held back by QA errors in approved units.</p>"
        "</header>\n<main>\n"
        + "\n".join(sections)
        + "\n</main>"
    )
    return render_page(lang="en", title="Translation review", css=REVIEW_CSS, body=body)


def _render_index_row(row: ReviewIndexRow) -> str:
    gate = (
        '<span class="publishable">publishable</span>'
        if row.publishable
        else _render_holds(row.holds) or '<span class="below-gate">⚠ below gate</span>'
    )
    counts = "".join(
        f'<td class="num" data-state="{state}">{row.counts.get(state, 0)}</td>'
        for state in STATES
    )
    return (
        f'<tr class="{"row-publishable" if row.publishable else "row-below-gate"}">'
        f'<td><a href="{row.lang}/{row.article_id}.html">{html.escape(row.article_id)}</a>'
        f"<br><small>{html.escape(row.headline)}</small></td>"
        f'<td class="num">{row.units}</td>{counts}'
        f'<td class="num completion">{row.percent}%</td>'
        f'<td class="num finding-count">{row.findings}</td>'
        f"<td>{gate}</td></tr>"
    )


# --- writers ------------------------------------------------------------------------------


def write_review(out_dir: Path, article: Article, lang: str, reviews: Iterable[UnitReview]) -> Path:
    """Write the review page ``out_dir/review/<lang>/<id>.html``; return its path."""
    path = Path(out_dir) / "review" / check_lang(lang) / f"{check_article_id(article.id)}.html"
    write_text_atomic(path, render_review_page(article, lang, reviews))
    return path


def write_review_index(out_dir: Path, rows: Iterable[ReviewIndexRow]) -> Path:
    """Write ``out_dir/review/index.html``; return its path."""
    path = Path(out_dir) / "review" / "index.html"
    write_text_atomic(path, render_review_index(rows))
    return path
