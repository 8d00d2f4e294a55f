"""The shared face of PO catalogs: where they live, entry states, the tool's notes, headers.

One PO file per article and language (``locales/<lang>/LC_MESSAGES/<id>.po``). An entry's
state (STATES) follows from its msgstr, its ``fuzzy`` flag and the tool's notes: the
``#.`` lines ``key: value`` (see NOTE_ORDER), the only lines of a file the tool rewrites;
everything a person wrote (msgstr, translator comments, flags) is kept.

The rest of the job lives beside this module: translate/po/pofile.py reads and writes PO text
exactly as GNU gettext does (translate/po/linebreak.py its line breaking), translate/po/merge.py
merges a catalog with its article as msgmerge does, and translate/po/memory.py is the
translation memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import polib

from translate.core.version import __version__
from translate.lang.cldr import language_name, plural_forms
from translate.po.pofile import PAGE_WIDTH, format_date

#: The tool's extracted-comment keys, in the order they are written (docs/ARCHITECTURE.md).
#: ``lang`` marks a unit already in another language (machine translation skips it); ``link``
#: gives the address each link number of the msgid stands for (``[1] https://…``); ``kept``
#: what a merge kept of a person's work that it could not keep in place.
NOTE_ORDER = ("role", "unit", "lang", "link", "glossary", "TM", "MT", "QA", "kept")
#: Notes that describe where the source unit is; merge rewrites them on every run.
SOURCE_NOTES = ("role", "unit", "lang", "link")
STATES = ("approved", "machine", "review", "untranslated")

HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
)
DEFAULT_TRANSLATOR = "translate-news (no human translator yet)"
#: The ``X-Generator`` of every file the tool writes (Poedit and Weblate write theirs).
GENERATOR = f"translate-news {__version__}"


# --- Paths and states -------------------------------------------------------------------


def po_path(locales: Path, lang: str, article_id: str) -> Path:
    """Where the catalog of ``article_id`` in ``lang`` lives."""
    return Path(locales) / lang / "LC_MESSAGES" / f"{article_id}.po"


def get_notes(entry: polib.POEntry, key: str) -> list[str]:
    """The values of the tool's ``key: value`` extracted-comment lines, in file order."""
    prefix = f"{key}: "
    return [line[len(prefix) :] for line in _comment_lines(entry) if line.startswith(prefix)]


def set_note(entry: polib.POEntry, key: str, values: Sequence[str]) -> None:
    """Replace the tool's ``key: value`` lines of ``entry`` (one line per value).

    Lines are kept in NOTE_ORDER; extracted-comment lines that are not the tool's come last,
    unchanged. An empty ``values`` removes the key.
    """
    if key not in NOTE_ORDER:
        raise ValueError(f"unknown note key {key!r}; expected one of {', '.join(NOTE_ORDER)}")
    groups: dict[str, list[str]] = {name: [] for name in NOTE_ORDER}
    others: list[str] = []
    for line in _comment_lines(entry):
        name = _note_key(line)
        (groups[name] if name else others).append(line)
    groups[key] = [f"{key}: {value}" for value in values]
    lines = [line for name in NOTE_ORDER for line in groups[name]] + others
    entry.comment = "\n".join(lines)


#: How a ``QA:`` note ends when its finding is a warning, as ``translate check`` prints one; a
#: note without it is an error (what the publish gate asks: ``po.status.holds_back``).
WARNING_MARK = " (warning)"


def qa_note(code: str, message: str, severity: str) -> str:
    """The value of a ``QA:`` note: ``<code>: <message>``, `` (warning)`` after a warning."""
    return f"{code}: {message}" + (WARNING_MARK if severity == "warning" else "")


def read_qa_note(note: str) -> tuple[str, str, str]:
    """(code, message, severity) of the value of a ``QA:`` note (``qa_note``)."""
    severity = "warning" if note.endswith(WARNING_MARK) else "error"
    note = note.removesuffix(WARNING_MARK)
    code, sep, message = note.partition(": ")
    return (code, message, severity) if sep else (note, note, severity)


def entry_state(entry: polib.POEntry) -> str:
    """``approved``, ``machine``, ``review`` or ``untranslated`` (docs/ARCHITECTURE.md).

    ``machine`` is a machine draft exactly as the machine wrote it (drafted_by), for the
    source it was made for; every other fuzzy entry needs review: a person's edit of a draft
    (still fuzzy: work in progress), a translation of an older source (``#| msgid``), a
    memory match. A plural entry (``msgid_plural``) is never approved: an article's unit is
    one text, with no number to choose a form by, so its outputs can't use it; a person has
    to look at it (merge_catalog makes it a singular fuzzy entry, as msgmerge does).
    """
    if not msgstr_text(entry).strip():  # a blank msgstr is no translation (never published)
        return "untranslated"
    if entry.msgid_plural:
        return "review"
    if "fuzzy" not in entry.flags:
        return "approved"
    if drafted_by(entry) == "MT" and not entry.previous_msgid:
        return "machine"
    return "review"


def drafted_by(entry: polib.POEntry) -> str | None:
    """``"MT"`` or ``"TM"`` when ``entry`` holds a draft of the tool exactly as the tool
    wrote it (a machine translation, a translation-memory match); None when it holds a
    person's work, or nothing.

    The one test of "may the tool overwrite or drop this msgstr": a draft is the tool's only
    while it is fuzzy and its msgstr is the text whose digest its ``MT:`` or ``TM:`` note
    records (``(msgstr sha256 1a2b3c4d)``, written by set_machine_translation and
    set_memory_translation). A msgstr a person changed and left fuzzy (work in progress in
    Lokalize, Weblate's "needs editing") no longer matches: it is a person's work, never
    re-translated, carried to a changed source and kept as ``#~`` like any other. So is an
    approved entry, and a draft whose note records no digest (written by an earlier version
    of the tool): nothing proves that no person edited it, so it is kept as a person's.
    """
    if "fuzzy" not in entry.flags or entry.msgid_plural or not entry.msgstr.strip():
        return None
    digest = hashlib.sha256(entry.msgstr.encode("utf-8")).hexdigest()
    for key in ("MT", "TM"):
        for note in get_notes(entry, key):
            if any(digest.startswith(found) for found in _DIGEST.findall(note)):
                return key
    return None


#: The provenance the pseudo engine's drafts are noted with, ``#. MT: pseudo (...)``
#: (translate.models.engine.PseudoTranslator.provenance).
PSEUDO_PROVENANCE = "pseudo"


def is_pseudo_draft(entry: polib.POEntry) -> bool:
    """Whether ``entry`` holds a draft of the pseudo engine as it wrote it (``MT: pseudo``):
    marked text, never a translation."""
    return drafted_by(entry) == "MT" and any(
        note.split(" ", 1)[0] == PSEUDO_PROVENANCE for note in get_notes(entry, "MT"))


def needs_mt(
    entry: polib.POEntry, *, retranslate_mt: bool = False, replace_pseudo: bool = False
) -> bool:
    """Whether the tool may (re)fill ``entry``: from memory, else by MT.

    True for an untranslated entry; for a draft of the tool (drafted_by) carried to a
    changed source (``#| msgid``: made for an older text, a fresh one of the new text
    replaces it); for a machine draft when ``retranslate_mt``, and for a draft of the pseudo
    engine when ``replace_pseudo`` (a run with a real engine). Never for a person's work
    (approved, or fuzzy and not the tool's draft), an obsolete entry, or a unit marked
    ``lang:`` (already in another language).
    """
    if entry.obsolete or get_notes(entry, "lang"):
        return False
    state = entry_state(entry)
    if state == "untranslated":
        return True
    if drafted_by(entry) is None:
        return False
    if state == "machine" and replace_pseudo and is_pseudo_draft(entry):
        return True
    return bool(entry.previous_msgid) or (state == "machine" and retranslate_mt)


def set_machine_translation(entry: polib.POEntry, text: str, provenance: str) -> None:
    """Fill ``entry`` with a machine draft: msgstr, ``#, fuzzy`` and ``MT: <provenance>``,
    the note recording the digest of ``text`` after the provenance (drafted_by)."""
    entry.msgstr = text
    _add_flag(entry, "fuzzy")
    entry.previous_msgid = None
    set_note(entry, "TM", [])
    set_note(entry, "MT", [_with_digest(provenance, text)])


def set_memory_translation(
    entry: polib.POEntry, text: str, origin: str, *, provenance: str | None = None
) -> None:
    """Fill ``entry`` from translation memory: msgstr, ``#, fuzzy``, ``TM: exact match from …``
    with the digest of ``text`` (drafted_by).

    The reused text is always fuzzy, even when it was approved where it came from: the same
    sentence can need another translation in another article, so a person confirms it
    (state ``review``). A reused machine draft keeps its ``MT:`` note (pass it as
    ``provenance``, digest included) and so stays a machine draft, which ``--retranslate-mt``
    may redo.
    """
    entry.msgstr = text
    _add_flag(entry, "fuzzy")
    entry.previous_msgid = None
    set_note(entry, "TM", [_with_digest(f"exact match from {origin}", text)])
    set_note(entry, "MT", [provenance] if provenance else [])


#: The digest a draft's note records: ``(msgstr sha256 <the first 8 hex digits>)``.
_DIGEST = re.compile(r"\(msgstr sha256 ([0-9a-f]{8,64})\)")


def msgstr_digest(text: str) -> str:
    """The digest a draft's note records of its msgstr ``text``: the first 8 hex digits of
    its sha256 (a person's edit that keeps them has 1 chance in 4 billion)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _with_digest(note: str, text: str) -> str:
    """``note`` with the digest of ``text`` after its first part (the provenance and the
    confidence, before any `` — `` remark)."""
    head, sep, tail = note.partition(" — ")
    return f"{head} (msgstr sha256 {msgstr_digest(text)}){sep}{tail}"


# --- Header -----------------------------------------------------------------------------


def project_version(article_id: str, texts: Iterable[str]) -> str:
    """``Project-Id-Version`` of an article's catalogs: its id and a version of its units,
    the first 8 hex digits of the sha256 of their texts (it changes when they do, as
    ``POT-Creation-Date`` does, and not when only the article's layout changes)."""
    digest = hashlib.sha256("\0".join(dict.fromkeys(texts)).encode("utf-8")).hexdigest()
    return f"{article_id} {digest[:8]}"


def new_catalog(lang: str, *, project: str | None = None) -> polib.POFile:
    """An empty catalog for ``lang`` with a complete header (it passes ``msgfmt --check``)."""
    po = polib.POFile(wrapwidth=PAGE_WIDTH)
    now = format_date()
    po.metadata = {
        "Project-Id-Version": project or GENERATOR,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": DEFAULT_TRANSLATOR,
        "Language-Team": language_name(lang),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang),
        "X-Generator": GENERATOR,
    }
    return po


def complete_header(po: polib.POFile, lang: str, project: str) -> None:
    """Add the header fields a catalog lacks; keep every value a person set.

    A person's ``Last-Translator``, ``Language-Team``, ``Report-Msgid-Bugs-To`` and
    ``Project-Id-Version`` are kept as they are; ``Project-Id-Version`` follows ``project``
    (project_version) while it is the tool's own (the article id, with or without a
    version). ``Language`` and ``Plural-Forms`` are not a person's choice: they follow the
    folder's language and Babel's plural table for it, in Babel's wording, so every file of
    a language says it the same way, and a file written by an older release (or an editor
    that guessed) gets the rule a translator's editor needs on the next run. Nor is the
    charset: the file is written in UTF-8 (read_catalog decoded it by the charset it
    declared), so the header says UTF-8 and 8bit. ``X-Generator`` names this tool (it is
    only written with a change of content: pofile.text_to_write).
    """
    fresh = new_catalog(lang, project=project).metadata
    meta = dict(po.metadata)
    for key, value in fresh.items():
        if key not in meta or (not meta[key] and value):
            meta[key] = value
    if _is_tool_project(meta.get("Project-Id-Version", ""), project):
        meta["Project-Id-Version"] = project
    for key in ("Language", "Plural-Forms", "Content-Type", "Content-Transfer-Encoding",
                "X-Generator"):
        meta[key] = fresh[key]
    ordered = {key: meta.pop(key) for key in HEADER_ORDER if key in meta}
    ordered.update(meta)
    po.metadata = ordered


def _is_tool_project(value: str, project: str) -> bool:
    """Whether ``value`` is a ``Project-Id-Version`` the tool wrote for ``project``'s article
    (its id alone, as earlier releases wrote it, or with a version), or gettext's
    placeholder."""
    article_id = project.split(" ", 1)[0]
    return value in ("", article_id, "PACKAGE VERSION", GENERATOR) or bool(
        re.fullmatch(rf"{re.escape(article_id)} [0-9a-f]{{8}}", value))


# --- Helpers ---------------------------------------------------------------------------


def msgstr_text(entry: polib.POEntry) -> str:
    """The translation of ``entry``: its msgstr, or its plural forms joined."""
    if entry.msgid_plural:
        return "".join(entry.msgstr_plural.values())
    return entry.msgstr


def _add_flag(entry: polib.POEntry, flag: str) -> None:
    if flag not in entry.flags:
        entry.flags.insert(0, flag) if flag == "fuzzy" else entry.flags.append(flag)


#: Editors built on polib or translate-toolkit wrap long ``#.`` lines at 76-79 columns; a line
#: that would have fitted after a long note of the tool at that width is not a wrap of it.
WRAPPED_NOTE_MIN_WIDTH = 72


def _comment_lines(entry: polib.POEntry) -> list[str]:
    """The extracted-comment lines of ``entry``, with a tool note that an editor wrapped
    onto several ``#.`` lines joined back into one line (else its tail would be kept as a
    stray line forever, and duplicated on the next wrap)."""
    lines: list[str] = []
    physical = ""  # the previous line as it is in the file, when it belongs to a tool note
    for line in entry.comment.split("\n") if entry.comment else []:
        if lines and physical and _is_wrapped_tail(physical, line):
            lines[-1] = f"{lines[-1]} {line.strip()}"
            physical = line
        else:
            lines.append(line)
            physical = line if _note_key(line) else ""
    return lines


def _is_wrapped_tail(previous: str, line: str) -> bool:
    """Whether ``line`` continues a tool note whose last physical line is ``previous``: an
    editor broke it at a space (``#. `` + previous + the next word would not have fitted)."""
    if not line.strip() or _note_key(line):
        return False
    first_word = line.split()[0]
    return len("#. ") + len(previous) + 1 + len(first_word) > WRAPPED_NOTE_MIN_WIDTH


def _note_key(line: str) -> str | None:
    key, sep, _ = line.partition(": ")
    return key if sep and key in NOTE_ORDER else None
