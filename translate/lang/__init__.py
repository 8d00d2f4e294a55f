"""What the tool knows of each language: names, direction and plurals (CLDR, through Babel:
``cldr.py``), and each target language's own rules, one profile module per language
(``hy.py``, ``az.py``, ``he.py``, ``ru.py``, ``fa.py``, ``tr.py``; see ``language.py``).

:func:`profile` is the one way the other stages learn a language's rules; nothing outside this
package compares language codes. The modules import no Babel or pymorphy3 on import (the
command line's ``--help`` reads :data:`TARGET_LANGUAGES`).
"""

from __future__ import annotations

from translate.lang.az import AZERBAIJANI
from translate.lang.fa import PERSIAN
from translate.lang.he import HEBREW
from translate.lang.hy import ARMENIAN
from translate.lang.language import Language, generic
from translate.lang.ru import RUSSIAN
from translate.lang.tr import TURKISH

#: The language the articles are written in (and MT translates from).
SOURCE_LANGUAGE = "en"
#: The source language's profile: its script.
ENGLISH = Language(SOURCE_LANGUAGE, script="Latin")
#: Every language with a profile, by code.
PROFILES: dict[str, Language] = {
    language.code: language
    for language in (ARMENIAN, AZERBAIJANI, HEBREW, RUSSIAN, PERSIAN, TURKISH)
}
#: The languages ``--lang`` accepts.
SUPPORTED_LANGUAGES = tuple(PROFILES)
#: The target languages, in the order ``--lang`` defaults to.
TARGET_LANGUAGES = ("hy", "az", "he", "ru")


def profile(code: str) -> Language:
    """The profile of ``code`` (``fa``); a language without one gets CLDR's facts only."""
    if code == SOURCE_LANGUAGE:
        return ENGLISH
    return PROFILES.get(code) or generic(code)


def profiles_in(script: str) -> tuple[Language, ...]:
    """The profiles of the languages written in ``script``, in the order of the registry."""
    return tuple(language for language in PROFILES.values() if language.script == script)
