"""Merging a catalog with its article, as msgmerge merges a PO file with a new template.

An entry whose text is still in the article keeps everything a person wrote; a new text
takes the translation of the most similar entry that left the article, as a fuzzy match
with ``#| msgid`` its old source (state ``review``); translations that left the article
are kept as obsolete entries (``#~``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import polib

from translate.article import Article, Unit
from translate.catalog import HEADER_ORDER, complete_header, entry_state, msgstr_text, set_note
from translate.pofile import PAGE_WIDTH, format_date

#: Fuzzy matching threshold (difflib ratio), close to msgmerge's FUZZY_THRESHOLD of 0.6.
FUZZY_THRESHOLD = 0.6


def merge_catalog(
    po: polib.POFile | None,
    article: Article,
    lang: str,
    *,
    source_ref: str | None = None,
    keep_obsolete: bool = True,
) -> polib.POFile:
    """The catalog of ``article`` in ``lang``, merged with the existing ``po`` like msgmerge.

    * one entry per distinct unit text, in article order; its references are
      ``<source_ref>:<line>`` of every unit with that text (``source_ref`` defaults to the
      article's path as given);
    * an entry whose msgid is still in the article keeps msgstr, flags, translator comments
      and its ``TM:``/``MT:``/``glossary:``/``QA:`` notes; ``role:``, ``unit:`` and ``lang:``
      are rewritten; an obsolete entry whose text comes back is revived the same way;
    * a new text gets the translation of the most similar old entry (difflib ratio >=
      FUZZY_THRESHOLD, among the entries that left the article and the obsolete ones), marked
      ``#, fuzzy`` with ``#| msgid`` the old source: state ``review``. Machine drafts are not
      carried over this way (no person's work is at stake, and a fresh machine translation
      of the new source is better than one of the old source): the entry stays untranslated;
    * translated entries that left the article become obsolete (``#~``), after all others,
      unless ``keep_obsolete`` is False; untranslated ones are dropped, as msgmerge does.

    The input ``po`` is not modified.
    """
    source_ref = source_ref if source_ref is not None else str(article.source)
    result = polib.POFile(wrapwidth=PAGE_WIDTH)
    result.header = po.header if po is not None else ""
    result.metadata = dict(po.metadata) if po is not None else {}
    result.metadata_is_fuzzy = po.metadata_is_fuzzy if po is not None else False
    complete_header(result, lang, article.id)

    old_active = [e for e in po if not e.obsolete and e.msgid] if po is not None else []
    old_obsolete = [e for e in po if e.obsolete and e.msgid] if po is not None else []
    by_text: dict[str, list[Unit]] = {}
    for unit in article.units:
        by_text.setdefault(unit.text, []).append(unit)
    old_by_msgid = {e.msgid: e for e in old_obsolete}
    old_by_msgid.update({e.msgid: e for e in old_active})
    gone = [e for e in old_active if e.msgid not in by_text]
    candidates = [
        e for e in gone + [e for e in old_obsolete if e.msgid not in by_text]
        if entry_state(e) in ("approved", "review")
    ]
    used: set[int] = set()

    for text, units in by_text.items():
        old = old_by_msgid.get(text)
        if old is not None:
            entry = _copy_entry(old)
            entry.obsolete = False
        else:
            entry = polib.POEntry(msgid=text, msgstr="")
            match = _closest(text, candidates)
            if match is not None:
                used.add(id(match))
                entry.msgstr = match.msgstr
                entry.tcomment = match.tcomment
                entry.flags = [f for f in match.flags if f != "fuzzy"] + ["fuzzy"]
                entry.comment = match.comment
                set_note(entry, "MT", [])
                set_note(entry, "TM", [])
                entry.previous_msgid = (
                    match.previous_msgid
                    if "fuzzy" in match.flags and match.previous_msgid
                    else match.msgid
                )
        entry.occurrences = [(source_ref, str(unit.line)) for unit in units]
        set_note(entry, "role", list(dict.fromkeys(unit.role for unit in units)))
        set_note(entry, "unit", [unit.id for unit in units])
        set_note(entry, "lang", sorted({unit.lang for unit in units if unit.lang}))
        result.append(entry)

    if keep_obsolete:
        for old in gone + old_obsolete:
            if old.msgid in by_text or id(old) in used:
                continue
            if not msgstr_text(old) and not old.tcomment:
                continue
            entry = _copy_entry(old)
            entry.obsolete = True
            entry.occurrences = []
            entry.previous_msgid = None  # polib cannot read `#~|` back: keep files stable
            result.append(entry)

    if po is None or [e.msgid for e in old_active] != list(by_text):
        result.metadata["POT-Creation-Date"] = format_date()
        result.metadata = {
            key: result.metadata[key] for key in _ordered_keys(result.metadata)
        }
    return result


def _ordered_keys(meta: dict[str, str]) -> list[str]:
    return [k for k in HEADER_ORDER if k in meta] + [k for k in meta if k not in HEADER_ORDER]


def _closest(text: str, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar to ``text`` (ratio >= FUZZY_THRESHOLD)."""
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, text, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


def _copy_entry(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        msgctxt=entry.msgctxt,
        tcomment=entry.tcomment,
        comment=entry.comment,
        flags=list(entry.flags),
        occurrences=list(entry.occurrences),
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        previous_msgctxt=entry.previous_msgctxt,
        obsolete=entry.obsolete,
    )
