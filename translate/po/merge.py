"""Merging a catalog with its article, as msgmerge merges a PO file with a new template.

Entries are keyed, as gettext keys them, by (msgctxt, msgid); the tool's entries have no
msgctxt. An entry whose text is still in the article keeps everything a person wrote; a new
text takes the translation of the most similar entry that left the article, as a fuzzy
match with ``#| msgid`` its old source (state ``review``); translations that left the
article, and entries a person added under a msgctxt, are kept as obsolete entries (``#~``).
A plural entry for a unit's text becomes a singular fuzzy entry with its first form, as
msgmerge makes it (a ``kept:`` note holds the other forms). ``carry_drafts`` puts a run's
machine and memory drafts into a catalog merged again after a translator saved it.
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

import polib

from translate.formats.article import Article, Unit
from translate.formats.msgid_markup import link_notes
from translate.po.catalog import (
    complete_header,
    drafted_by,
    entry_state,
    get_notes,
    msgstr_text,
    needs_mt,
    project_version,
    set_note,
)
from translate.po.pofile import PAGE_WIDTH, format_date

#: Fuzzy matching threshold (difflib ratio), close to msgmerge's FUZZY_THRESHOLD of 0.6.
FUZZY_THRESHOLD = 0.6
#: msgmerge's weight for a match from another msgctxt: "a translation for a context is a good
#: proposal also for another context, but let's prefer messages with the same context".
OTHER_CONTEXT = 0.99

Key = tuple[str | None, str]  # (msgctxt, msgid)


def entry_key(entry: polib.POEntry) -> Key:
    """What identifies an entry in a catalog, for gettext and here: (msgctxt, msgid)."""
    return (entry.msgctxt, entry.msgid)


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
    * an entry (without msgctxt) whose msgid is still in the article keeps msgstr, flags,
      translator comments and its ``TM:``/``MT:``/``glossary:``/``QA:`` notes; ``role:``,
      ``unit:`` and ``lang:`` are rewritten; an obsolete entry whose text comes back is
      revived the same way; a plural one becomes singular and fuzzy, with its first
      translated form (``#| msgid``, ``#| msgid_plural``; the other forms in ``kept:``);
    * a new text gets the translation of the most similar old entry (difflib ratio >=
      FUZZY_THRESHOLD, among the entries that left the article and the obsolete ones), marked
      ``#, fuzzy`` with ``#| msgid`` the old source: state ``review``, as msgmerge offers it.
      A draft of the tool (catalog.drafted_by) keeps its ``MT:``/``TM:`` note, so the run may
      replace it with a fresh draft of the new source (catalog.needs_mt); a person's fuzzy
      edit is carried without them, as a person's work;
    * translated entries that left the article, and those under a msgctxt, become obsolete
      (``#~``; one under a msgctxt with a ``kept:`` note saying why), after all others,
      unless ``keep_obsolete`` is False; untranslated ones are dropped, as msgmerge does, and
      so are the tool's drafts (no person's work is at stake).

    ``POT-Creation-Date`` is set to now when the article's texts changed (as when msgmerge
    gets a new template). The input ``po`` is not modified.
    """
    source_ref = source_ref if source_ref is not None else str(article.source)
    units = _units_by_text(article)
    previous = _previous_entries(po, units)
    result = _merged_header(po, lang, project_version(article.id, units))
    matched: set[int] = set()  # ids of the entries that gave a fuzzy match
    for text, text_units in units.items():
        entry, match = _entry_for(text, previous.by_key.get((None, text)), previous.candidates)
        if match is not None:
            matched.add(id(match))
        _describe_units(entry, text_units, source_ref)
        result.append(entry)
    if keep_obsolete:
        for entry in _obsolete_entries(previous.left, matched):
            result.append(entry)
    if po is None or previous.keys != [(None, text) for text in units]:
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

    keys: list[Key]  # the keys of the live entries, in file order
    by_key: dict[Key, polib.POEntry]  # live and obsolete entries; a live one wins
    left: list[polib.POEntry]  # entries the article has no unit for: live ones, then obsolete
    candidates: list[polib.POEntry]  # those of them a fuzzy match may take a translation from


def _previous_entries(po: polib.POFile | None, texts: Container[str]) -> _Previous:
    """The entries of ``po`` (None: no catalog yet) against the article's ``texts``."""
    active, obsolete = _split_entries(po)
    by_key: dict[Key, polib.POEntry] = {}
    for entry in active + obsolete:  # the first of duplicates wins, as in gettext
        by_key.setdefault(entry_key(entry), entry)
    left = [
        entry for entry in active + obsolete
        if entry_key(entry)[0] is not None or entry.msgid not in texts
    ]
    return _Previous(
        keys=[entry_key(entry) for entry in active],
        by_key=by_key,
        left=left,
        candidates=[entry for entry in left if entry_state(entry) != "untranslated"],
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

    ``old`` is the entry that had ``text`` as msgid (live or obsolete): it is kept as it is
    (a plural one made singular).
    """
    if old is not None:
        entry = _singular_entry(old) if old.msgid_plural else _copy_entry(old)
        entry.obsolete = False
        return entry, None
    match = _closest(text, candidates)
    if match is None:
        return polib.POEntry(msgid=text, msgstr=""), None
    return _fuzzy_entry(text, match), match


def _singular_entry(old: polib.POEntry) -> polib.POEntry:
    """``old``, a plural entry, as msgmerge merges it with a singular message: fuzzy, its
    first translated form as msgstr (msgmerge takes ``msgstr[0]``), ``#| msgid`` and
    ``#| msgid_plural`` the plural source; the other forms, when they say something else,
    in a ``kept:`` note (a person's work is never dropped)."""
    forms = [old.msgstr_plural[index] for index in sorted(old.msgstr_plural, key=int)]
    chosen = next((form for form in forms if form.strip()), "")
    entry = _copy_entry(old)
    entry.msgid_plural, entry.msgstr_plural = "", {}
    entry.msgstr = chosen
    if not chosen:
        return entry
    entry.flags = [f for f in entry.flags if f != "fuzzy"] + ["fuzzy"]
    entry.previous_msgctxt = None
    entry.previous_msgid, entry.previous_msgid_plural = old.msgid, old.msgid_plural
    kept = [f"msgstr[{index}]: {form}" for index, form in sorted(old.msgstr_plural.items(),
                                                                  key=lambda item: int(item[0]))
            if form.strip() and form != chosen]
    set_note(entry, "kept", get_notes(entry, "kept") + [line.replace("\n", " ") for line in kept])
    return entry


def _fuzzy_entry(text: str, match: polib.POEntry) -> polib.POEntry:
    """An entry for ``text`` with the translation of ``match``: ``#, fuzzy``, ``#| msgid``
    (and ``#| msgctxt``) the source that translation was made for; the ``MT:`` and ``TM:``
    notes of a draft of the tool (which the run may replace), none for a person's work."""
    entry = polib.POEntry(msgid=text, msgstr=_first_form(match))
    entry.tcomment = match.tcomment
    entry.flags = [f for f in match.flags if f != "fuzzy"] + ["fuzzy"]
    entry.comment = match.comment
    if drafted_by(match) is None:
        set_note(entry, "MT", [])
        set_note(entry, "TM", [])
    set_note(entry, "kept", [])
    if "fuzzy" in match.flags and match.previous_msgid:  # it was a fuzzy match itself
        entry.previous_msgctxt = match.previous_msgctxt
        entry.previous_msgid = match.previous_msgid
        entry.previous_msgid_plural = match.previous_msgid_plural
    else:
        entry.previous_msgctxt = match.msgctxt
        entry.previous_msgid = match.msgid
        entry.previous_msgid_plural = match.msgid_plural or None
    return entry


def _first_form(entry: polib.POEntry) -> str:
    """The msgstr of ``entry``; of a plural one, its first translated form."""
    if not entry.msgid_plural:
        return entry.msgstr
    forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural, key=int)]
    return next((form for form in forms if form.strip()), "")


def _describe_units(entry: polib.POEntry, units: Sequence[Unit], source_ref: str) -> None:
    """Rewrite where ``entry``'s units are: references and the ``role:``, ``unit:`` and
    ``lang:`` notes (SOURCE_NOTES)."""
    entry.occurrences = [(source_ref, str(unit.line)) for unit in units]
    set_note(entry, "role", list(dict.fromkeys(unit.role for unit in units)))
    set_note(entry, "unit", [unit.id for unit in units])
    set_note(entry, "lang", sorted({unit.lang for unit in units if unit.lang}))
    set_note(entry, "link", link_notes(units))


def _obsolete_entries(left: Iterable[polib.POEntry], matched: set[int]) -> list[polib.POEntry]:
    """Obsolete copies of the entries that left the article (or were never the tool's: a
    msgctxt), gave no fuzzy match (``matched``: their ids) and hold a person's work (a
    translation or a translator comment); the others are dropped, as msgmerge does.

    As msgmerge writes them, they keep their translator comments and flags but no
    references and no extracted comments (``#.``): msgmerge, Translate Toolkit and polib
    drop those on obsolete entries, so keeping them would make files churn between tools.
    A draft of the tool (catalog.drafted_by: its msgstr is still what the tool wrote) is no
    person's work and is dropped too, unless a translator commented on it: without its
    notes it could not be told from a translator's fuzzy work. A person's fuzzy edit of a
    draft is kept.
    """
    kept: list[polib.POEntry] = []
    for old in left:
        if id(old) in matched or (not old.tcomment and (not msgstr_text(old) or drafted_by(old))):
            continue
        entry = _copy_entry(old)
        entry.obsolete = True
        entry.occurrences = []
        entry.comment = ""
        # polib cannot read `#~|` lines back: keep files stable
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        kept.append(entry)
    return kept


def _closest(text: str, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar to ``text`` (ratio >= FUZZY_THRESHOLD; one
    under a msgctxt counts OTHER_CONTEXT times its ratio, as in msgmerge)."""
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        weight = 1.0 if candidate.msgctxt is None else OTHER_CONTEXT
        matcher = difflib.SequenceMatcher(None, text, candidate.msgid, autojunk=False)
        if (weight * matcher.real_quick_ratio() < best_ratio
                or weight * matcher.quick_ratio() < best_ratio):
            continue
        ratio = weight * matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


def carry_drafts(
    po: polib.POFile, drafted: polib.POFile, *, retranslate_mt: bool = False,
    replace_pseudo: bool = False,
) -> int:
    """Copy into ``po`` the drafts of the tool ``drafted`` holds (machine translations and
    memory matches as the tool wrote them: catalog.drafted_by) for the entries ``po`` still
    leaves for the tool to fill (catalog.needs_mt); how many. A run that finds a PO file
    saved by a translator since it read it merges the saved file again and keeps its own
    work this way; a person's work, in either file, is never copied over anything."""
    drafts = {
        entry_key(entry): entry
        for entry in drafted
        if not entry.obsolete and drafted_by(entry) is not None
    }
    carried = 0
    for entry in po:
        draft = drafts.get(entry_key(entry))
        if draft is None or not needs_mt(entry, retranslate_mt=retranslate_mt,
                                         replace_pseudo=replace_pseudo):
            continue
        entry.msgstr = draft.msgstr
        entry.flags = ["fuzzy"] + [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgctxt = draft.previous_msgctxt  # a draft offered for a changed source
        entry.previous_msgid = draft.previous_msgid
        entry.previous_msgid_plural = draft.previous_msgid_plural
        set_note(entry, "TM", get_notes(draft, "TM"))
        set_note(entry, "MT", get_notes(draft, "MT"))
        carried += 1
    return carried


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
