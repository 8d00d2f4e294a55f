"""Merging a catalog with its article, as msgmerge merges a PO file with a new template.

An entry whose text is still in the article keeps everything a person wrote; a new text
takes the translation of the most similar entry that left the article, as a fuzzy match
with ``#| msgid`` its old source (state ``review``); translations that left the article
are kept as obsolete entries (``#~``).
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

import polib

from translate.article import Article, Unit
from translate.catalog import complete_header, entry_state, msgstr_text, set_note
from translate.inline_syntax import link_notes
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

    ``POT-Creation-Date`` is set to now when the article's texts changed (as when msgmerge
    gets a new template). The input ``po`` is not modified.
    """
    source_ref = source_ref if source_ref is not None else str(article.source)
    units = _units_by_text(article)
    previous = _previous_entries(po, units)
    result = _merged_header(po, lang, article.id)
    matched: set[int] = set()  # ids of the entries that gave a fuzzy match
    for text, text_units in units.items():
        entry, match = _entry_for(text, previous.by_msgid.get(text), previous.candidates)
        if match is not None:
            matched.add(id(match))
        _describe_units(entry, text_units, source_ref)
        result.append(entry)
    if keep_obsolete:
        for entry in _obsolete_entries(previous.left, matched):
            result.append(entry)
    if po is None or previous.texts != list(units):
        result.metadata["POT-Creation-Date"] = format_date()
    return result


def _units_by_text(article: Article) -> dict[str, list[Unit]]:
    """The article's units grouped by text, texts in article order (one entry each)."""
    units: dict[str, list[Unit]] = {}
    for unit in article.units:
        units.setdefault(unit.text, []).append(unit)
    return units


@dataclass(frozen=True)
class _Previous:
    """The entries of the catalog being merged, as the merge uses them."""

    texts: list[str]  # the msgids of the live entries, in file order
    by_msgid: dict[str, polib.POEntry]  # live and obsolete entries; a live one wins
    left: list[polib.POEntry]  # entries whose text left the article: live ones, then obsolete
    candidates: list[polib.POEntry]  # those of them a fuzzy match may take a translation from


def _previous_entries(po: polib.POFile | None, texts: Container[str]) -> _Previous:
    """The entries of ``po`` (None: no catalog yet) against the article's ``texts``."""
    active, obsolete = _split_entries(po)
    left = [entry for entry in active + obsolete if entry.msgid not in texts]
    return _Previous(
        texts=[entry.msgid for entry in active],
        by_msgid={entry.msgid: entry for entry in obsolete + active},
        left=left,
        candidates=[entry for entry in left if entry_state(entry) in ("approved", "review")],
    )


def _split_entries(po: polib.POFile | None) -> tuple[list[polib.POEntry], list[polib.POEntry]]:
    """The live and the obsolete entries of ``po`` that have a msgid, in file order."""
    active: list[polib.POEntry] = []
    obsolete: list[polib.POEntry] = []
    for entry in po if po is not None else ():
        if entry.msgid:
            (obsolete if entry.obsolete else active).append(entry)
    return active, obsolete


def _merged_header(po: polib.POFile | None, lang: str, project: str) -> polib.POFile:
    """An empty catalog with the header of ``po`` (if any), completed for ``lang``."""
    result = polib.POFile(wrapwidth=PAGE_WIDTH)
    result.metadata_is_fuzzy = False
    if po is not None:
        result.header = po.header
        result.metadata = dict(po.metadata)
        result.metadata_is_fuzzy = po.metadata_is_fuzzy
    complete_header(result, lang, project)
    return result


def _entry_for(
    text: str, old: polib.POEntry | None, candidates: Sequence[polib.POEntry]
) -> tuple[polib.POEntry, polib.POEntry | None]:
    """The merged entry of ``text``, and the candidate it took a fuzzy translation from.

    ``old`` is the entry that had ``text`` as msgid (live or obsolete): it is kept as it is.
    """
    if old is not None:
        entry = _copy_entry(old)
        entry.obsolete = False
        return entry, None
    match = _closest(text, candidates)
    if match is None:
        return polib.POEntry(msgid=text, msgstr=""), None
    return _fuzzy_entry(text, match), match


def _fuzzy_entry(text: str, match: polib.POEntry) -> polib.POEntry:
    """An entry for ``text`` with the translation of ``match``: ``#, fuzzy``, ``#| msgid``
    the source that translation was made for, and no ``MT:`` or ``TM:`` note."""
    entry = polib.POEntry(msgid=text, msgstr=match.msgstr)
    entry.tcomment = match.tcomment
    entry.flags = [f for f in match.flags if f != "fuzzy"] + ["fuzzy"]
    entry.comment = match.comment
    set_note(entry, "MT", [])
    set_note(entry, "TM", [])
    was_fuzzy_match = "fuzzy" in match.flags and match.previous_msgid
    entry.previous_msgid = match.previous_msgid if was_fuzzy_match else match.msgid
    return entry


def _describe_units(entry: polib.POEntry, units: Sequence[Unit], source_ref: str) -> None:
    """Rewrite where ``entry``'s units are: references and the ``role:``, ``unit:`` and
    ``lang:`` notes (SOURCE_NOTES)."""
    entry.occurrences = [(source_ref, str(unit.line)) for unit in units]
    set_note(entry, "role", list(dict.fromkeys(unit.role for unit in units)))
    set_note(entry, "unit", [unit.id for unit in units])
    set_note(entry, "lang", sorted({unit.lang for unit in units if unit.lang}))
    set_note(entry, "link", link_notes(units))


def _obsolete_entries(left: Iterable[polib.POEntry], matched: set[int]) -> list[polib.POEntry]:
    """Obsolete copies of the entries that left the article, gave no fuzzy match (``matched``:
    their ids) and hold a person's work (a translation or a translator comment); the others
    are dropped, as msgmerge does."""
    kept: list[polib.POEntry] = []
    for old in left:
        if id(old) in matched or (not msgstr_text(old) and not old.tcomment):
            continue
        entry = _copy_entry(old)
        entry.obsolete = True
        entry.occurrences = []
        entry.previous_msgid = None  # polib cannot read `#~|` back: keep files stable
        kept.append(entry)
    return kept


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
