"""PO catalogs: read, merge (msgmerge semantics), entry states, translation memory, write.

One PO file per article and language (``locales/<lang>/LC_MESSAGES/<id>.po``). Merging
keeps everything a person wrote (msgstr, translator comments, flags); only the tool's
``#.`` lines (``key: value``, see NOTE_ORDER) are rewritten.

Files are written exactly as GNU gettext writes them, so that ``msgcat FILE.po`` prints
them unchanged and editors (Poedit, Lokalize, Weblate) cause no wrapping churn. polib's
own ``__unicode__`` wraps with Python's textwrap, which breaks lines differently from
gettext (gettext uses the Unicode line breaking algorithm of libunistring, counts columns
of the *escaped* string, and starts a string with ``msgid ""`` when it does not fit on one
line); that is why the writer below is hand-written after gettext's ``write-po.c`` and
libunistring's ``u8_width_linebreaks``.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import polib

from translate.article import Article, Unit
from translate.errors import CatalogError
from translate.fsutil import source_date_epoch, write_text_atomic

#: The tool's extracted-comment keys, in the order they are written (docs/ARCHITECTURE.md).
#: ``lang`` marks a unit already in another language (machine translation skips it).
NOTE_ORDER = ("role", "unit", "lang", "glossary", "TM", "MT", "QA")
#: Notes that describe where the source unit is; merge rewrites them on every run.
SOURCE_NOTES = ("role", "unit", "lang")
STATES = ("approved", "machine", "review", "untranslated")
#: Fuzzy matching threshold (difflib ratio), close to msgmerge's FUZZY_THRESHOLD of 0.6.
FUZZY_THRESHOLD = 0.6
PAGE_WIDTH = 79

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
)
DEFAULT_TRANSLATOR = "translate-news (no human translator yet)"
REVISION_LINE = re.compile(r'^"PO-Revision-Date: [^"\n]*"$', re.MULTILINE)


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


def entry_state(entry: polib.POEntry) -> str:
    """``approved``, ``machine``, ``review`` or ``untranslated`` (docs/ARCHITECTURE.md)."""
    if not _msgstr_of(entry).strip():  # a blank msgstr is no translation (never published)
        return "untranslated"
    if "fuzzy" not in entry.flags:
        return "approved"
    if get_notes(entry, "MT") and not entry.previous_msgid:
        return "machine"
    return "review"


def needs_mt(entry: polib.POEntry, *, retranslate_mt: bool = False) -> bool:
    """Whether machine translation may (re)fill ``entry``.

    True for an untranslated entry, and for a machine draft when ``retranslate_mt``; never
    for an approved or review entry, an obsolete one, or a unit marked ``lang:`` (already in
    another language).
    """
    if entry.obsolete or get_notes(entry, "lang"):
        return False
    state = entry_state(entry)
    return state == "untranslated" or (state == "machine" and retranslate_mt)


def set_machine_translation(entry: polib.POEntry, text: str, provenance: str) -> None:
    """Fill ``entry`` with a machine draft: msgstr, ``#, fuzzy`` and ``MT: <provenance>``."""
    entry.msgstr = text
    _add_flag(entry, "fuzzy")
    entry.previous_msgid = None
    set_note(entry, "TM", [])
    set_note(entry, "MT", [provenance])


def set_memory_translation(
    entry: polib.POEntry, text: str, origin: str, *, provenance: str | None = None
) -> None:
    """Fill ``entry`` from translation memory: msgstr, ``#, fuzzy``, ``TM: exact match from …``.

    The reused text is always fuzzy, even when it was approved where it came from: the same
    sentence can need another translation in another article, so a person confirms it
    (state ``review``). A reused machine draft keeps its ``MT:`` provenance (pass it as
    ``provenance``) and so stays a machine draft, which ``--retranslate-mt`` may redo.
    """
    entry.msgstr = text
    _add_flag(entry, "fuzzy")
    entry.previous_msgid = None
    set_note(entry, "TM", [f"exact match from {origin}"])
    set_note(entry, "MT", [provenance] if provenance else [])


# --- Header -----------------------------------------------------------------------------


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header value for ``lang``, from Babel's gettext plural table.

    That is the table ``pybabel init`` writes (Russian ``nplurals=3``, as Poedit, Lokalize
    and Weblate expect), not the raw CLDR rule, which gives Russian a fourth form for
    fractions and expressions gettext tools cannot simplify.
    """
    from babel import Locale, UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as err:
        raise CatalogError(f"unknown language code {lang!r}: {err}") from err
    return get_plural(lang).plural_forms


def language_team(lang: str) -> str:
    """A readable ``Language-Team`` value, e.g. ``Armenian``."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).english_name or lang
    except (ValueError, UnknownLocaleError):
        return lang


def format_date(epoch: float | None = None) -> str:
    """A gettext header date (UTC); honours ``SOURCE_DATE_EPOCH`` for reproducible output."""
    if epoch is None:
        epoch = source_date_epoch() or time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(epoch))


def new_catalog(lang: str, *, project: str | None = None) -> polib.POFile:
    """An empty catalog for ``lang`` with a complete header (it passes ``msgfmt --check``)."""
    po = polib.POFile(wrapwidth=PAGE_WIDTH)
    now = format_date()
    po.metadata = {
        "Project-Id-Version": project or "translate-news",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": DEFAULT_TRANSLATOR,
        "Language-Team": language_team(lang),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang),
    }
    return po


def _complete_header(po: polib.POFile, lang: str, project: str) -> None:
    """Add the header fields a catalog lacks; keep every value a person set.

    ``Language`` and ``Plural-Forms`` are not a person's choice: they follow the folder's
    language and Babel's plural table for it, so a file written by an older release (or an
    editor that guessed) gets the rule a translator's editor needs on the next run.
    """
    fresh = new_catalog(lang, project=project).metadata
    meta = dict(po.metadata)
    for key, value in fresh.items():
        if not meta.get(key):
            meta[key] = value
    meta["Language"] = lang
    meta["Plural-Forms"] = fresh["Plural-Forms"]
    ordered = {key: meta.pop(key) for key in HEADER_ORDER if key in meta}
    ordered.update(meta)
    po.metadata = ordered


# --- Merge ------------------------------------------------------------------------------


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
    _complete_header(result, lang, article.id)

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
            if not _msgstr_of(old) and not old.tcomment:
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


# --- Translation memory -----------------------------------------------------------------


class MemoryMatch(NamedTuple):
    """A translation memory hit: the text, where it came from, its state, its MT provenance."""

    msgstr: str
    origin: str
    state: str  # "approved" or "machine"
    provenance: str | None = None


class TranslationMemory:
    """Exact-match memory over catalogs of one language: approved first, then machine drafts."""

    def __init__(self) -> None:
        self._approved: dict[str, MemoryMatch] = {}
        self._machine: dict[str, MemoryMatch] = {}

    def add(self, po: polib.POFile, origin: str) -> None:
        """Remember the approved entries and machine drafts of ``po`` (first one wins)."""
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid_plural:
                continue
            state = entry_state(entry)
            if state == "approved":
                self._approved.setdefault(entry.msgid, MemoryMatch(entry.msgstr, origin, state))
            elif state == "machine":
                provenance = get_notes(entry, "MT")[0]
                match = MemoryMatch(entry.msgstr, origin, state, provenance)
                self._machine.setdefault(entry.msgid, match)

    def lookup(self, msgid: str) -> MemoryMatch | None:
        """The best exact match for ``msgid``, or None."""
        return self._approved.get(msgid) or self._machine.get(msgid)

    def apply(self, entry: polib.POEntry) -> MemoryMatch | None:
        """Fill an untranslated ``entry`` from memory (set_memory_translation); the match used."""
        if entry_state(entry) != "untranslated" or get_notes(entry, "lang"):
            return None
        match = self.lookup(entry.msgid)
        if match is not None:
            set_memory_translation(entry, match.msgstr, match.origin, provenance=match.provenance)
        return match

    def __len__(self) -> int:
        return len(self._approved.keys() | self._machine.keys())


def build_memory(
    catalogs: Iterable[polib.POFile | Path], compendia: Iterable[Path] = ()
) -> TranslationMemory:
    """A TranslationMemory over ``catalogs`` (one language), then the ``--tm`` compendia.

    Paths are read with read_catalog (a compendium is not checked against a folder's
    language); an in-memory POFile's origin is its ``fpath`` when set.
    """
    memory = TranslationMemory()
    for item in catalogs:
        if isinstance(item, polib.POFile):
            memory.add(item, item.fpath or "<memory>")
        else:
            memory.add(read_catalog(Path(item)), str(item))
    for path in compendia:
        memory.add(read_catalog(Path(path), check_language=False), str(path))
    return memory


# --- Reading ----------------------------------------------------------------------------

_POLIB_LINE = re.compile(r"\(line (\d+)\)")


def read_catalog(path: Path, *, check_language: bool = True) -> polib.POFile:
    """Parse the PO file at ``path``; CatalogError ``path:line: message`` when it is bad.

    With ``check_language``, a ``Language`` header that differs from the language folder
    (``<lang>/LC_MESSAGES/<id>.po``) is an error too. The file is never modified.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise CatalogError(f"{path}: cannot read: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        line = text_line_of(path.read_bytes(), err.start)
        byte = err.object[err.start]
        raise CatalogError(f"{path}:{line}: not UTF-8 (byte 0x{byte:02x})") from err
    bad_line = _malformed_string_line(text)
    if bad_line:
        raise CatalogError(f"{path}:{bad_line}: malformed quoted string; fix or remove the file")
    try:
        # From the path, not the text: polib splits a string with str.splitlines(), which
        # also breaks at U+2028, \x85, \x1c-\x1e (legal inside a msgid); a file splits at \n.
        po = polib.pofile(str(path), wrapwidth=PAGE_WIDTH, encoding="utf-8")
    except (OSError, ValueError) as err:
        found = _POLIB_LINE.search(str(err))
        line = found.group(1) if found else "1"
        message = str(err).split(" in po file")[0].split(" (line")[0].strip() or "syntax error"
        raise CatalogError(f"{path}:{line}: {message.lower()}; fix or remove the file") from err
    po.fpath = str(path)
    if check_language and path.parent.name == "LC_MESSAGES":
        folder_lang = path.parent.parent.name
        header_lang = po.metadata.get("Language", "")
        # Poedit writes a region when a translator picks one (ru_RU): the language decides.
        if header_lang and re.split(r"[_@-]", header_lang)[0] != folder_lang:
            raise CatalogError(
                f"{path}:{_header_line(text, 'Language')}: Language header is "
                f"{header_lang!r} but the file is in the {folder_lang!r} folder"
            )
    return po


_KEYWORD_LINE = re.compile(
    r"^(?:#~\|? |#\| )?(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*(\".*)$"
)
_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def _malformed_string_line(text: str) -> int:
    """The first line whose quoted string is not closed or well escaped (polib accepts
    some of those silently), or 0."""
    for number, line in enumerate(text.split("\n"), start=1):
        found = _KEYWORD_LINE.match(line)
        if found and not _QUOTED.match(found.group(1)):
            return number
    return 0


def text_line_of(data: bytes, offset: int) -> int:
    """1-based line number of byte ``offset`` in ``data``."""
    return data.count(b"\n", 0, offset) + 1


def _header_line(text: str, key: str) -> int:
    found = re.search(rf'^"{re.escape(key)}:', text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


# --- Writing ----------------------------------------------------------------------------


def write_catalog(po: polib.POFile, path: Path) -> bool:
    """Write ``po`` to ``path`` atomically, as GNU gettext would; whether the file changed.

    When the file already holds the same catalog (the ``PO-Revision-Date`` aside), nothing
    is written, so timestamps stay; otherwise ``PO-Revision-Date`` is set to now.
    """
    path = Path(path)
    text = format_catalog(po)
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    if old is not None and _without_revision(old) == _without_revision(text):
        return False
    if "PO-Revision-Date" in po.metadata:
        po.metadata["PO-Revision-Date"] = format_date()
        text = format_catalog(po)
    return write_text_atomic(path, text)


def _without_revision(text: str) -> str:
    return REVISION_LINE.sub('"PO-Revision-Date: "', text)


def format_catalog(po: polib.POFile) -> str:
    """The text of ``po`` exactly as GNU gettext's msgcat writes it (page width 79)."""
    blocks: list[list[str]] = []
    if po.metadata or po.header:
        header = polib.POEntry(msgid="", msgstr=_header_msgstr(po.metadata), tcomment=po.header)
        if po.metadata_is_fuzzy:
            header.flags = ["fuzzy"]
        blocks.append(_format_entry(header))
    entries = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    blocks.extend(_format_entry(e) for e in entries)
    return "\n".join("".join(block) for block in blocks)


def msgid_lines(po: polib.POFile) -> dict[str, int]:
    """msgid → the 1-based line of its ``msgid`` keyword in format_catalog(po) (live entries).

    The review page points translators there; polib's ``linenum`` is only known for a
    parsed file and points at the entry's first comment.
    """
    line = 1
    if po.metadata or po.header:
        header = polib.POEntry(msgid="", msgstr=_header_msgstr(po.metadata), tcomment=po.header)
        if po.metadata_is_fuzzy:
            header.flags = ["fuzzy"]
        line += "".join(_format_entry(header)).count("\n") + 1
    lines: dict[str, int] = {}
    for entry in (e for e in po if not e.obsolete):
        block = "".join(_format_entry(entry)).split("\n")
        offset = next(i for i, text in enumerate(block) if text.startswith("msgid"))
        lines[entry.msgid] = line + offset
        line += len(block)
    return lines


def _header_msgstr(metadata: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in metadata.items())


#: gettext's format flags, in the order it prints them (format_language[] of gettext 0.21).
_FORMAT_LANGS = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip


def _ordered_flags(flags: Sequence[str]) -> list[str]:
    """Flags in gettext's order: fuzzy, format flags, range, wrap; unknown ones last.

    (msgcat drops flags it does not know; we keep them, after gettext's own.)
    """
    flags = list(dict.fromkeys(f.strip() for f in flags if f.strip()))
    ordered = ["fuzzy"] if "fuzzy" in flags else []
    for lang in _FORMAT_LANGS:
        for flag in (f"{lang}-format", f"no-{lang}-format", f"possible-{lang}-format"):
            if flag in flags:
                ordered.append(flag.removeprefix("possible-"))
                break
    ordered += [f for f in flags if f.startswith("range:")][:1]
    ordered += [f for f in ("no-wrap", "wrap") if f in flags][:1]
    ordered += [f for f in flags if f not in ordered and not _is_known_flag(f)]
    return list(dict.fromkeys(ordered))


def _is_known_flag(flag: str) -> bool:
    if flag in ("fuzzy", "wrap", "no-wrap") or flag.startswith("range:"):
        return True
    name = flag.removeprefix("no-").removeprefix("possible-")
    return name.endswith("-format") and name[: -len("-format")] in _FORMAT_LANGS


def _format_entry(entry: polib.POEntry) -> list[str]:
    lines: list[str] = []
    for line in entry.tcomment.split("\n") if entry.tcomment else []:
        lines.append(f"# {line}\n" if line else "#\n")
    for line in entry.comment.split("\n") if entry.comment else []:
        lines.append(f"#. {line}\n" if line else "#.\n")
    lines.extend(_format_references(entry.occurrences))
    flags = _ordered_flags(entry.flags)
    if flags:
        lines.append(f"#, {', '.join(flags)}\n")
    do_wrap = "no-wrap" not in flags
    obsolete = entry.obsolete
    prev = "#~| " if obsolete else "#| "
    prefix = "#~ " if obsolete else ""
    if entry.previous_msgctxt is not None:
        lines += _wrap(prev, "msgctxt", entry.previous_msgctxt, do_wrap)
    if entry.previous_msgid is not None:
        lines += _wrap(prev, "msgid", entry.previous_msgid, do_wrap)
    if entry.previous_msgid_plural is not None:
        lines += _wrap(prev, "msgid_plural", entry.previous_msgid_plural, do_wrap)
    if entry.msgctxt is not None:
        lines += _wrap(prefix, "msgctxt", entry.msgctxt, do_wrap)
    lines += _wrap(prefix, "msgid", entry.msgid, do_wrap)
    if entry.msgid_plural:
        lines += _wrap(prefix, "msgid_plural", entry.msgid_plural, do_wrap)
        for index in sorted(entry.msgstr_plural, key=int):
            lines += _wrap(prefix, f"msgstr[{index}]", entry.msgstr_plural[index], do_wrap)
    else:
        lines += _wrap(prefix, "msgstr", entry.msgstr, do_wrap)
    return lines


def _format_references(occurrences: Sequence[tuple[str, str]]) -> list[str]:
    """``#:`` lines as gettext wraps them: a reference starts a new line past column 79."""
    refs = list(dict.fromkeys(f"{file}:{line}" if line else file for file, line in occurrences))
    if not refs:
        return []
    lines, current = [], "#:"
    for ref in refs:
        if len(current) > 2 and len(current) + 1 + len(ref) > PAGE_WIDTH:
            lines.append(current + "\n")
            current = "#:"
        current += " " + ref
    lines.append(current + "\n")
    return lines


def _msgstr_of(entry: polib.POEntry) -> str:
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


# --- gettext's string wrapping (write-po.c `wrap` + libunistring line breaking) ---------

_ESCAPES = {
    "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", '"': '"', "\\": "\\"
}
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")


def _wrap(prefix: str, name: str, value: str, do_wrap: bool) -> list[str]:
    """Lines of ``name "value"`` as gettext prints them, each ending in a newline."""
    return list(_wrap_cached(prefix, name, value, do_wrap))


@lru_cache(maxsize=16384)  # a run formats the same strings several times
def _wrap_cached(prefix: str, name: str, value: str, do_wrap: bool) -> tuple[str, ...]:
    return tuple(_wrap_lines(prefix, name, value, do_wrap))


def _wrap_lines(prefix: str, name: str, value: str, do_wrap: bool) -> list[str]:
    lines: list[str] = []
    after_break = len(prefix) + 1  # columns before the text of a continuation line
    portions = _PORTION.findall(value) or [""]
    first_line = True
    for number, portion in enumerate(portions):
        chars: list[str] = []
        overrides: list[bool | None] = []  # False: no break before this char; None: rules
        for char in portion:
            if char in _ESCAPES:
                chars += ["\\", _ESCAPES[char]]
                overrides += [None, False]
            else:
                chars.append(char)
                overrides.append(None)
        if portion.endswith("\n"):
            overrides[-2] = False  # don't break right before the final "\n"
        width = PAGE_WIDTH - 1 - after_break
        start = len(name) + 1 if first_line else 0
        breaks = _line_breaks(chars, overrides, width, start) if do_wrap else [False] * len(chars)
        more = number + 1 < len(portions)
        if first_line and chars and (more or start > width or any(breaks)):
            lines.append(f'{prefix}{name} ""\n')
            first_line = False
            start = 0
            breaks = (
                _line_breaks(chars, overrides, width, start) if do_wrap else [False] * len(chars)
            )
        head = f"{prefix}{name} " if first_line else prefix
        pieces, current = [], [head, '"']
        for char, brk in zip(chars, breaks, strict=True):
            if brk:
                pieces.append("".join(current) + '"\n')
                current = [prefix, '"']
            current.append(char)
        pieces.append("".join(current) + '"\n')
        lines += pieces
        first_line = False
    return lines


# Line breaking classes of UAX #14, as libunistring's pair table (lbrktables.c) indexes them.
(WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID,
 JL, JV, JT, HL, RI) = range(27)  # fmt: skip
SP, ZW, CM, BK = 100, 101, 102, 103

# Rows: the class before; columns: the class after. D: break, I: break only after spaces,
# P: no break. This is the pair table of libunistring 1.0 (the one GNU gettext 0.21 uses on
# Debian 12), measured from it; it differs from UAX #14 in small ways (e.g. it breaks between
# numeric punctuation and letters, so "<P>Some sentence.</P>" can break before "</P>").
_PAIRS = (
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PIPIDIPPPIIDIPDDDPDDDDDDDDD",
    "PDDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PDDIDIPPPIIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPIPDIPDIIPDDDDDDDDD",
    "PIDIDIPPPIIDIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPIIPIPIIIPIIIIIIIII",
    "PIDIDIPPPIIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIIIPIDDPIDDDDDDID",
    "PIDIDIPPPIIIIPIDDPIIIIIIIID",
    "PIDIDIPPPIIDIPIDDPDDDDDDDID",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDIDPDIIDIIDDD",
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDI",
)

_EXPLICIT = {
    "\t": BA, " ": SP, "!": EX, '"': QU, "$": PR, "%": PO, "'": QU, "(": OP, ")": CP,
    "+": PR, ",": IS, "-": HY, ".": IS, "/": SY, ":": IS, ";": IS, "?": EX, "[": OP,
    "\\": PR, "]": CP, "{": OP, "|": BA, "}": CL,
    "\u00a0": GL, "\u00a1": OP, "\u00a2": PO, "\u00a3": PR, "\u00a4": PR, "\u00a5": PR,
    "\u00ab": QU, "\u00ad": BA, "\u00b0": PO, "\u00b1": PR, "\u00b4": BB, "\u00bb": QU,
    "\u00bf": OP, "\u034f": GL, "\u0589": IS, "\u058a": BA, "\u058f": PR, "\u05be": BA,
    "\u05c6": EX, "\u060c": IS, "\u060d": IS, "\u061b": EX, "\u061e": EX, "\u061f": EX,
    "\u066a": PO, "\u06d4": EX, "\u1806": BB, "\u2007": GL, "\u200b": ZW, "\u2010": BA,
    "\u2011": GL, "\u2012": BA, "\u2013": BA, "\u2014": B2, "\u2018": QU, "\u2019": QU,
    "\u201a": OP, "\u201b": QU, "\u201c": QU, "\u201d": QU, "\u201e": OP, "\u201f": QU,
    "\u2024": IN, "\u2025": IN, "\u2026": IN, "\u2027": BA, "\u2028": BK, "\u2029": BK,
    "\u202f": GL, "\u2039": QU, "\u203a": QU, "\u203c": NS, "\u203d": NS, "\u2044": IS,
    "\u2045": OP, "\u2046": CL, "\u2047": NS, "\u2048": NS, "\u2049": NS, "\u2056": BA,
    "\u205f": BA, "\u2060": WJ, "\u2116": PR, "\u2212": PR, "\u2213": PR, "\u2103": PO,
    "\u2109": PO, "\u20a7": PO, "\u20b6": PO, "\u20bb": PO, "\u20be": PO, "\u20c0": PO,
    "\u3000": BA, "\ufeff": WJ, "\u000b": BK, "\u000c": BK, "\n": BK, "\r": BK, "\x85": BK,
}  # fmt: skip


@lru_cache(maxsize=4096)
def _lb_class(char: str) -> int:
    """The UAX #14 line breaking class of ``char`` (AI, SA, XX resolved to AL, as
    libunistring does for a non-CJK encoding)."""
    if char in _EXPLICIT:
        return _EXPLICIT[char]
    code = ord(char)
    if 0x2030 <= code <= 0x2037:
        return PO
    if 0x2000 <= code <= 0x200A or 0x2058 <= code <= 0x205E:
        return BA
    if 0x05D0 <= code <= 0x05EA or 0x05EF <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return CM if unicodedata.category(char) == "Mn" else HL
    category = unicodedata.category(char)
    if category in ("Mn", "Mc", "Me", "Cc", "Cf"):
        return CM
    if category == "Nd":
        return NU
    if category == "Ps":
        return OP
    if category == "Pe":
        return CL
    if category in ("Pi", "Pf"):
        return QU
    if category == "Zs":
        return BA
    if category == "Sc":
        return PR
    if 0x1100 <= code <= 0x115F:
        return JL
    if 0xAC00 <= code <= 0xD7A3:
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return ID
    return AL


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """Columns ``char`` takes, as libunistring's uc_width (control characters: 0)."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cc", "Cf"):
        return 0
    if 0x1160 <= ord(char) <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _possible_breaks(chars: Sequence[str]) -> list[int]:
    """Per char: 0 no break before it, 1 break possible, 2 mandatory (u8_possible_linebreaks)."""
    result = [0] * len(chars)
    last = BK  # class of the last non-space character
    marked = False  # a combining mark follows the last non-space character
    hebrew_hyphen = False  # the last two characters are a Hebrew letter and a hyphen
    seen_space = False
    for index, char in enumerate(chars):
        prop = _lb_class(char)
        if prop == BK:
            result[index] = 2
            last, marked, hebrew_hyphen, seen_space = BK, False, False, False
            continue
        if prop == SP:
            seen_space = True
            continue
        if prop == CM and last != BK and not seen_space and last != ZW:
            marked, hebrew_hyphen = True, False  # it belongs to the character before it
            continue
        if prop == CM:
            # At the start, after a space or a zero-width space it stands alone (LB10).
            result[index] = int(last != BK)
            last, marked, hebrew_hyphen, seen_space = AL, False, False, False
            continue
        if prop == ZW:
            last, marked, hebrew_hyphen, seen_space = ZW, False, False, False
            continue
        if last == BK:
            result[index] = 0
        elif last == ZW:
            result[index] = 1
        elif hebrew_hyphen and not seen_space:
            result[index] = 0  # UAX #14 LB21a: no break after a Hebrew letter and a hyphen
        else:
            rule = _PAIRS[last][prop]
            result[index] = int(rule == "D" or (rule == "I" and seen_space))
        hebrew_hyphen = prop in (HY, BA) and last == HL and not marked and not seen_space
        last, marked, seen_space = prop, False, False
    return result


def _line_breaks(
    chars: Sequence[str], overrides: Sequence[bool | None], width: int, start: int
) -> list[bool]:
    """Where to break ``chars`` so lines fit ``width`` columns (u8_width_linebreaks)."""
    possible = _possible_breaks(chars)
    breaks = [False] * len(chars)
    last: int | None = None
    column, piece = start, 0
    for index, char in enumerate(chars):
        kind = possible[index]
        if overrides[index] is False:
            kind = 0
        if kind and last is not None and column + piece > width:
            breaks[last] = True
            column = 0
        if kind == 2:
            last, column, piece = None, 0, 0
            continue
        if kind == 1:
            last = index
            column += piece
            piece = 0
        piece += _char_width(char)
    if last is not None and column + piece > width:
        breaks[last] = True
    return breaks
