"""The template of an article: ``locales/<article-id>.pot``, its units without translations.

gettext's tools and the translation platforms work from a template: ``msgmerge`` updates a
PO file from it, Poedit's "Update from POT file" reads it, Weblate's component discovery
pairs it with the PO files of each language. The layout is Babel's (a template beside the
language folders, named for the domain):

    locales/<article-id>.pot                      the template (this module)
    locales/<lang>/LC_MESSAGES/<article-id>.po    one catalog per language

The template holds the same entries, in the same order, with the same references and the
same source notes (``role:``, ``unit:``, ``lang:``, ``link:``) as the catalogs, and empty
msgstrs; its header is xgettext's (``#, fuzzy``, placeholders for the translator fields, no
``Language``), with the catalogs' ``Project-Id-Version`` and ``X-Generator``. So
``msgmerge --previous locales/ru/LC_MESSAGES/a.po locales/a.pot`` makes of a translator's
file what ``translate run`` makes of it (tests/test_template.py runs both on a changed
article).

Its ``POT-Creation-Date`` is kept while its entries stay the same, so an unchanged article
rewrites nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from translate.core.fsutil import read_regular_file, write_text_atomic
from translate.formats.article import Article, check_article_id
from translate.po.catalog import GENERATOR, SOURCE_NOTES, get_notes, project_version, set_note
from translate.po.merge import merge_catalog
from translate.po.pofile import PAGE_WIDTH, format_catalog, format_date


def template_path(locales: Path, article_id: str) -> Path:
    """Where the template of ``article_id`` lives: ``<locales>/<article-id>.pot``."""
    return Path(locales) / f"{check_article_id(article_id)}.pot"


def build_template(article: Article, *, source_ref: str | None = None) -> polib.POFile:
    """The template of ``article``: one entry per distinct unit text, in article order, its
    references ``<source_ref>:<line>`` and source notes as the catalogs have them."""
    entries = merge_catalog(None, article, "en", source_ref=source_ref)
    pot = polib.POFile(wrapwidth=PAGE_WIDTH)
    pot.metadata_is_fuzzy = True
    pot.metadata = {
        "Project-Id-Version": project_version(article.id, (u.text for u in article.units)),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": format_date(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
    }
    for entry in entries:
        notes = {key: get_notes(entry, key) for key in SOURCE_NOTES}
        entry.comment = ""
        for key, values in notes.items():
            set_note(entry, key, values)
        pot.append(entry)
    return pot


_CREATION_LINE = re.compile(r'^"POT-Creation-Date: [^"\n]*"$', re.MULTILINE)


def write_template(locales: Path, article: Article, *, source_ref: str | None = None) -> bool:
    """Write the template of ``article`` under ``locales``; whether the file changed. A
    template that holds the same entries keeps its ``POT-Creation-Date`` (and its file)."""
    path = template_path(locales, article.id)
    text = format_catalog(build_template(article, source_ref=source_ref))
    try:
        old = read_regular_file(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    if old is not None and _CREATION_LINE.sub("", old) == _CREATION_LINE.sub("", text):
        return False
    return write_text_atomic(path, text)
