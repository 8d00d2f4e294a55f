"""The glossary exported for translation tools: TBX (TermBase eXchange) and CSV.

Weblate and Translate Toolkit read glossaries as TBX or CSV; ``translate glossary export``
writes ``glossary.yaml`` in both.

**TBX** in the TBX-Basic dialect of TBX 2 (ISO 30042:2008, ``<martif type="TBX-Basic">``),
which Translate Toolkit's ``tbx`` storage (what Weblate imports with) reads: one
``<termEntry>`` per term; its ``note`` as ``<descrip type="definition">`` (Weblate: the
source string's explanation); a ``<langSet xml:lang="en">`` with the English form (preferred)
and its aliases (admitted); a ``<langSet>`` per target language with the approved form
(``preferredTerm-admn-sts``), the accepted variants (``admittedTerm-admn-sts``) and the
forbidden ones (``deprecatedTerm-admn-sts``: Weblate imports them as forbidden translations),
and the language's note and case forms as ``<note from="translator">`` (Weblate: the
translation's explanation). One file holds every language; Weblate takes the target language
from the file name of a glossary component (``glossary/ru.tbx``), so export one file per
language for it (``--lang ru``), or all in one for a termbase.

**CSV** for one language, as Weblate's and Translate Toolkit's bilingual CSV: ``source``,
``target``, ``context``, ``developer_comments``: a row per term and per English alias, the
approved form as target, and the note, accepted and forbidden variants and case forms in
``developer_comments``, separated by `` | `` (a CSV glossary cannot mark a translation
forbidden). Every field is the glossary's exact text, what tools that import it need, even
one that starts as a spreadsheet formula (``=``, ``+``, ``-``, ``@``). The spreadsheet-safe
form, for people who open the file in Excel or LibreOffice, follows OWASP's advice on CSV
injection: a field starting with one of those, a tab or a carriage return gets a leading
apostrophe (``'=1+2``: text, never a formula), every field is quoted and its quotes doubled.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape as escape_xml
from xml.sax.saxutils import quoteattr

from translate.core.fsutil import write_scope, write_text_atomic
from translate.core.version import __version__
from translate.errors import InputError
from translate.glossary.model import Glossary
from translate.glossary.types import LangForms, Term

EXPORT_FORMATS = ("tbx", "csv")
CSV_COLUMNS = ("source", "target", "context", "developer_comments")
#: How a spreadsheet cell that is a formula (or may become one) starts (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters XML 1.0 does not allow (a glossary note can't put them in a TBX file).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"


def export_glossary(
    glossary: Glossary,
    fmt: str,
    langs: Sequence[str],
    output: Path | None = None,
    spreadsheet_safe: bool = False,
) -> str:
    """The glossary in ``fmt`` ("tbx" or "csv") for ``langs`` (CSV: exactly one; with
    ``spreadsheet_safe``, in the form for spreadsheets, see write_csv), also written to
    ``output`` (atomically) when given: in its folder or the working directory, never
    through a link that leads elsewhere (OutsideProjectError). InputError for another
    format, a CSV of several languages, or ``spreadsheet_safe`` with TBX."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown glossary format {fmt!r}; choose from "
                         f"{', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and len(langs) != 1:
        raise InputError("a CSV glossary holds one language: give one with --lang "
                         "(or use --format tbx for several)")
    if spreadsheet_safe and fmt != "csv":
        raise InputError("--spreadsheet-safe is a form of --format csv (no spreadsheet "
                         "evaluates TBX)")
    text = (write_tbx(glossary, langs) if fmt == "tbx"
            else write_csv(glossary, langs[0], spreadsheet_safe=spreadsheet_safe))
    if output is not None:
        with write_scope(Path.cwd(), Path(output).parent):
            write_text_atomic(Path(output), text)
    return text


def language_notes(forms: LangForms) -> list[str]:
    """What a translator should know of a term in one language beyond its forms: its note,
    and the case forms it takes (other than the approved form)."""
    notes = [forms.note] if forms.note else []
    cases = [f"{case} {form}" for case, form in forms.cases.items() if form != forms.approved]
    if cases:
        notes.append("cases: " + "; ".join(cases))
    return notes


# --- TBX ------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` as XML character data: escaped, characters XML does not allow left out."""
    return escape_xml(_NOT_XML.sub("", text))


def _tig(text: str, status: str, indent: str) -> str:
    return (f"{indent}<tig>\n{indent}  <term>{escape(text)}</term>\n"
            f'{indent}  <termNote type="administrativeStatus">{status}</termNote>\n'
            f"{indent}</tig>\n")


def _lang_set(lang: str, terms: list[tuple[str, str]], notes: Sequence[str]) -> str:
    out = [f"        <langSet xml:lang={quoteattr(lang)}>\n"]
    out += [f'          <note from="translator">{escape(note)}</note>\n' for note in notes]
    out += [_tig(text, status, "          ") for text, status in terms]
    out.append("        </langSet>\n")
    return "".join(out)


def _term_entry(number: int, term: Term, langs: Sequence[str]) -> str:
    out = [f'      <termEntry id="term-{number}">\n']
    if term.note:
        out.append(f'        <descrip type="definition">{escape(term.note)}</descrip>\n')
    english = [(term.en, PREFERRED)] + [(alias, ADMITTED) for alias in term.aliases]
    out.append(_lang_set("en", english, []))
    for lang in langs:
        forms = term.forms_for(lang)
        if forms is None:
            continue
        terms = [(forms.approved, PREFERRED)]
        terms += [(form, ADMITTED) for form in forms.accepted if form != forms.approved]
        terms += [(form, DEPRECATED) for form in forms.forbidden]
        out.append(_lang_set(lang, list(dict.fromkeys(terms)), language_notes(forms)))
    out.append("      </termEntry>\n")
    return "".join(out)


def write_tbx(glossary: Glossary, langs: Sequence[str]) -> str:
    """The glossary as a TBX-Basic document (UTF-8 XML text)."""
    source = f"glossary.yaml (sha256 {glossary.sha256}), exported by translate-news {__version__}"
    entries = "".join(_term_entry(n, term, langs) for n, term in enumerate(glossary.terms, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        '<martif type="TBX-Basic" xml:lang="en">\n'
        "  <martifHeader>\n"
        "    <fileDesc>\n"
        "      <titleStmt><title>Place-name glossary</title></titleStmt>\n"
        f"      <sourceDesc><p>{escape(source)}</p></sourceDesc>\n"
        "    </fileDesc>\n"
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>\n'
        "  </martifHeader>\n"
        "  <text>\n"
        "    <body>\n"
        f"{entries}"
        "    </body>\n"
        "  </text>\n"
        "</martif>\n"
    )


# --- CSV ------------------------------------------------------------------------------------


def csv_rows(glossary: Glossary, lang: str) -> list[dict[str, str]]:
    """The rows of the CSV export for ``lang``: a term, then each of its aliases."""
    rows = []
    for term in glossary.terms:
        forms = term.forms_for(lang)
        if forms is None:
            continue
        comments = [term.note] if term.note else []
        comments += language_notes(forms)
        accepted = [form for form in forms.accepted if form != forms.approved]
        if accepted:
            comments.append("accepted: " + ", ".join(accepted))
        if forms.forbidden:
            comments.append("forbidden: " + ", ".join(forms.forbidden))
        for source in (term.en, *term.aliases):
            context = "" if source == term.en else f"alias of {term.en}"
            rows.append({"source": source, "target": forms.approved, "context": context,
                         "developer_comments": " | ".join(comments)})
    return rows


def formula_safe(field: str) -> str:
    """``field`` as a spreadsheet takes it for text: with a leading ``'`` when it starts
    like a formula (FORMULA_STARTS), else as it is."""
    return f"'{field}" if field.startswith(FORMULA_STARTS) else field


def write_csv(glossary: Glossary, lang: str, *, spreadsheet_safe: bool = False) -> str:
    """The glossary's terms in ``lang`` as CSV with a header row (CSV_COLUMNS), every field
    quoted (readers that sniff the dialect, as Translate Toolkit's does, are not misled by
    the semicolons of the notes), one line per row. Each field is the exact text, or with
    ``spreadsheet_safe`` its formula_safe form."""
    rows = csv_rows(glossary, lang)
    if spreadsheet_safe:
        rows = [{key: formula_safe(value) for key, value in row.items()} for row in rows]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
