"""What Babel (CLDR) knows about a language: its English name, direction and gettext plurals.

One place parses language codes with Babel, so every stage names a language, picks its text
direction and writes its ``Plural-Forms`` from the same data.
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from translate.errors import LanguageError


@functools.lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """Babel's locale for ``lang`` (``hy``, ``pt-BR``, ``ru_RU``); LanguageError if unknown."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as err:
        raise LanguageError(f"unknown language code {lang!r}: use a code such as he, ru") from err


def language_name(lang: str) -> str:
    """A language's English name ("Armenian"), or the code itself when Babel does not know it."""
    try:
        return babel_locale(lang).english_name or lang
    except LanguageError:
        return lang


def text_direction(lang: str) -> str:
    """The text direction of a language, "rtl" or "ltr" (LanguageError if unknown)."""
    return "rtl" if babel_locale(lang).character_order == "right-to-left" else "ltr"


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header value for ``lang``, from Babel's gettext plural table.

    That is the table ``pybabel init`` writes (Russian ``nplurals=3``, as Poedit, Lokalize
    and Weblate expect), not the raw CLDR rule, which gives Russian a fourth form for
    fractions and expressions gettext tools cannot simplify.
    """
    babel_locale(lang)
    return get_plural(lang).plural_forms
