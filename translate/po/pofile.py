"""PO text in and out, exactly as GNU gettext writes it.

Files are written exactly as GNU gettext writes them, so that ``msgcat FILE.po`` prints
them unchanged and editors (Poedit, Lokalize, Weblate) cause no wrapping churn. polib's
own ``__unicode__`` wraps with Python's textwrap, which breaks lines differently from
gettext (gettext uses the Unicode line breaking algorithm of libunistring, counts columns
of the *escaped* string, and starts a string with ``msgid ""`` when it does not fit on one
line); that is why the writer below is hand-written after gettext's ``write-po.c``, with
libunistring's ``u8_width_linebreaks`` ported in translate/po/linebreak.py.

Reading goes through polib, with the checks it lacks, each a CatalogError ``path:line:
message``: bytes that are not in the charset the header declares (or UTF-8 text under a
header that declares another charset), a malformed quoted string, two entries with the same
msgctxt and msgid (gettext's "duplicate message definition"), and a ``Language`` header that
is not the language of the file's folder. Files are always written in UTF-8, with a header
that says so (catalog.complete_header).
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import polib

from translate.core.fsutil import read_regular_file
from translate.core.reproducible import source_date_epoch
from translate.errors import CatalogError
from translate.po.linebreak import line_breaks

PAGE_WIDTH = 79
#: Header fields that change without the catalog changing: a file that differs from the one
#: on disk only in these (and in its layout) is not rewritten (text_to_write).
VOLATILE_FIELDS = ("PO-Revision-Date", "X-Generator")


def format_date(epoch: float | None = None) -> str:
    """A gettext header date (UTC); honours ``SOURCE_DATE_EPOCH`` for reproducible output."""
    if epoch is None:
        epoch = source_date_epoch() or time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(epoch))


# --- Reading ----------------------------------------------------------------------------

_POLIB_LINE = re.compile(r"\(line (\d+)\)")


def read_catalog(path: Path, *, check_language: bool = True) -> polib.POFile:
    """Parse the PO file at ``path``; CatalogError ``path:line: message`` when it is bad.

    With ``check_language``, a ``Language`` header that differs from the language folder
    (``<lang>/LC_MESSAGES/<id>.po``) is an error too. The file is never modified.
    """
    path = Path(path)
    try:
        data = read_regular_file(path)
    except OSError as err:
        raise CatalogError(f"{path}: cannot read: {err.strerror or err}") from err
    return parse_catalog(data, path, check_language=check_language)


def parse_catalog(data: bytes, path: Path, *, check_language: bool = True) -> polib.POFile:
    """The catalog in ``data``, the bytes of the PO file at ``path`` (see read_catalog)."""
    path = Path(path)
    text = decode_catalog(data, path)
    bad_line = _malformed_string_line(text)
    if bad_line:
        raise CatalogError(f"{path}:{bad_line}: malformed quoted string; fix or remove the file")
    try:
        po = _parse_text(text)
    except (OSError, ValueError) as err:
        found = _POLIB_LINE.search(str(err))
        line = found.group(1) if found else "1"
        message = str(err).split(" in po file")[0].split(" (line")[0].strip() or "syntax error"
        raise CatalogError(f"{path}:{line}: {message.lower()}; fix or remove the file") from err
    po.fpath = str(path)
    _check_duplicates(po, text, path)
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


def _parse_text(text: str) -> polib.POFile:
    """polib's catalog of the PO ``text`` (polib raises OSError or ValueError when it is bad)."""
    lines: Any = _Lines(text)  # polib takes it for a file's text (types-polib: a str or Path)
    return polib.pofile(lines, wrapwidth=PAGE_WIDTH, encoding="utf-8")


class _Lines:
    r"""PO text for polib, split into lines at "\n" only, as gettext splits a file.

    polib parses anything with a ``splitlines`` method as the text of a file (and a ``str``
    as a file name when such a file exists); ``str.splitlines`` would also break at U+2028,
    \x85 and \x1c-\x1e, which are legal inside a msgid.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def splitlines(self) -> list[str]:
        """The lines of the text."""
        return self.text.split("\n")


_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*charset=([^"\s;\\]+)', re.MULTILINE)
_UTF8_NAMES = ("utf-8", "utf8")


def decode_catalog(data: bytes, path: Path) -> str:
    """The text of a PO file, decoded by the charset its header declares (UTF-8 when it
    declares none, or gettext's placeholder ``CHARSET``).

    CatalogError ``path:line`` when the bytes are not in that charset, or when a header
    declares another charset over UTF-8 text: decoding that as declared (as ``msgconv``
    does) would turn every non-ASCII letter into mojibake, so the header must be corrected.
    """
    header_end = data.find(b"\n\n")
    found = _CHARSET.search(data, 0, header_end if header_end >= 0 else len(data))
    charset = found.group(1).decode("ascii", "replace") if found else "UTF-8"
    line = text_line_of(data, found.start()) if found else 1
    if charset.upper() == "CHARSET":
        charset = "UTF-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise CatalogError(
            f"{path}:{line}: unknown charset {charset!r} in the Content-Type header; "
            "declare charset=UTF-8 (or convert the file with msgconv)"
        ) from None
    if codec not in _UTF8_NAMES and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = next(i for i, byte in enumerate(data) if byte >= 0x80)
            raise CatalogError(
                f"{path}:{text_line_of(data, first)}: the text is UTF-8 but the header "
                f"(line {line}) declares charset={charset}; correct it to charset=UTF-8"
            )
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        byte = err.object[err.start]
        name = "UTF-8" if codec in _UTF8_NAMES else charset
        raise CatalogError(
            f"{path}:{text_line_of(data, err.start)}: not {name} (byte 0x{byte:02x})"
        ) from err


def _check_duplicates(po: polib.POFile, text: str, path: Path) -> None:
    """CatalogError for the second of two entries (live or obsolete) with the same msgctxt
    and msgid, with the lines msgfmt gives: the second entry's ``msgid`` and the first
    one's ``msgstr`` (gettext refuses such a file)."""
    lines = _entry_lines(text, len(po))
    first: dict[tuple[str | None, str], int] = {}
    for index, entry in enumerate(po):
        key = (entry.msgctxt, entry.msgid)
        msgid_line, msgstr_line = lines[index] if lines else (entry.linenum or 1,) * 2
        if key in first:
            context = f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt is not None else ""
            raise CatalogError(
                f"{path}:{msgid_line}: duplicate message definition{context}, first defined "
                f"at line {first[key]}; keep one of the two entries"
            )
        first[key] = msgstr_line


_MSGID_LINE = re.compile(r"^\s*(?:#~\s+)?msgid\s")
_MSGSTR_LINE = re.compile(r"^\s*(?:#~\s+)?msgstr(?:\[\d+\])?\s")


def _entry_lines(text: str, entries: int) -> list[tuple[int, int]]:
    """(line of ``msgid``, line of the first ``msgstr``) of each entry polib parsed from
    ``text``, 1-based, the header aside; empty when they can't be told apart."""
    msgids: list[int] = []
    msgstrs: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        if _MSGID_LINE.match(line):
            msgids.append(number)
        elif _MSGSTR_LINE.match(line) and len(msgstrs) < len(msgids):
            msgstrs.append(number)
    if len(msgids) == entries + 1:
        msgids, msgstrs = msgids[1:], msgstrs[1:]
    if len(msgids) != entries or len(msgstrs) != entries:
        return []
    return list(zip(msgids, msgstrs, strict=True))


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


def text_to_write(po: polib.POFile, old: str | None) -> str | None:
    """The text of ``po`` to write over a file holding ``old`` (None: no file), with
    ``PO-Revision-Date`` now; None when ``old`` is the same catalog.

    The same catalog: the same entries and header, whatever the layout of the file (an
    editor that wraps lines at another width, orders the header or the flags otherwise) and
    whatever its ``PO-Revision-Date`` and ``X-Generator`` say (Poedit and Weblate write
    theirs). So a file is rewritten only when its content changes, and ``PO-Revision-Date``
    moves only then, never for layout alone.
    """
    text = format_catalog(po)
    if old is not None and (_without_volatile(old) == _without_volatile(text)
                            or _same_content(old, po)):
        return None
    if "PO-Revision-Date" in po.metadata:
        po.metadata["PO-Revision-Date"] = format_date()
        text = format_catalog(po)
    return text


#: The header lines of VOLATILE_FIELDS.
_VOLATILE_LINE = re.compile(
    r'^"(' + "|".join(map(re.escape, VOLATILE_FIELDS)) + r'): [^"\n]*"$', re.MULTILINE)


def _without_volatile(text: str) -> str:
    return _VOLATILE_LINE.sub(r'"\1: "', text)


def _same_content(old: str, po: polib.POFile) -> bool:
    """Whether the PO text ``old`` holds the catalog ``po`` (its layout, the order of its
    header fields and the volatile fields aside)."""
    try:
        parsed = _parse_text(old)
    except (OSError, ValueError):
        return False
    return _content(parsed) == _content(po)


def _content(po: polib.POFile) -> str:
    """``po`` as gettext writes it, its header fields sorted and the volatile ones left out."""
    saved = po.metadata
    po.metadata = {k: v for k, v in sorted(saved.items()) if k not in VOLATILE_FIELDS}
    try:
        return format_catalog(po)
    finally:
        po.metadata = saved


def format_catalog(po: polib.POFile) -> str:
    """The text of ``po`` exactly as GNU gettext's msgcat writes it (page width 79)."""
    return "\n".join("".join(block) for _, block in _formatted_blocks(po))


def msgid_lines(po: polib.POFile) -> dict[str, int]:
    """msgid → the 1-based line of its ``msgid`` keyword in format_catalog(po) (live entries).

    The review page points translators there; polib's ``linenum`` is only known for a
    parsed file and points at the entry's first comment.
    """
    lines: dict[str, int] = {}
    line = 1
    for entry, block in _formatted_blocks(po):
        if entry is not None and entry.obsolete:
            break  # obsolete entries come last
        rows = "".join(block).split("\n")  # the block's lines and the blank line after it
        if entry is not None:
            lines[entry.msgid] = line + next(
                number for number, row in enumerate(rows) if row.startswith("msgid")
            )
        line += len(rows)
    return lines


def _formatted_blocks(po: polib.POFile) -> Iterator[tuple[polib.POEntry | None, list[str]]]:
    """The blocks of format_catalog(po) in file order, each with its entry: the header's
    (entry None), the live entries', then the obsolete entries'."""
    if po.metadata or po.header:
        header = polib.POEntry(msgid="", msgstr=_header_msgstr(po.metadata), tcomment=po.header)
        if po.metadata_is_fuzzy:
            header.flags = ["fuzzy"]
        yield None, _format_entry(header)
    for entry in [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]:
        yield entry, _format_entry(entry)


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
        breaks = line_breaks(chars, overrides, width, start) if do_wrap else [False] * len(chars)
        more = number + 1 < len(portions)
        if first_line and chars and (more or start > width or any(breaks)):
            lines.append(f'{prefix}{name} ""\n')
            first_line = False
            start = 0
            breaks = (
                line_breaks(chars, overrides, width, start) if do_wrap else [False] * len(chars)
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


def msgid_line(entry: polib.POEntry, lines: Sequence[str]) -> int:
    """The line of the entry's ``msgid`` keyword in the file it was read from (``lines``):
    the line GNU gettext's tools report. polib's ``linenum`` is the entry's first line."""
    for number in range(max(entry.linenum or 0, 1), len(lines) + 1):
        if lines[number - 1].startswith("msgid"):
            return number
    return entry.linenum or 1
