"""Numbers as each language writes them: digits of any script, group and decimal separators.

:func:`find_numbers` reads every number of a text with the possible values it can have under
the language's own conventions (from Babel's CLDR data: the Latin digits' symbols and those of
each numbering system its profile names, Persian ۱۲٬۵۰۰٫۵; and the profile's others, Persian
۲/۵) and the English one, which translators and MT also use, so that "1 500,5" in Russian and
"1,500.5" in English compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from babel import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from translate.errors import LanguageError
from translate.lang import profile
from translate.text.tokens import PLACEHOLDER, strip_tokens

#: Separators a number may hold in every language (its own conventions add theirs).
SEPARATORS = ".,\u00a0\u202f '’"
SPACES = "\u00a0\u202f "


def normalise_digits(text: str) -> str:
    """``text`` with every decimal digit of any script written as an ASCII digit."""
    return "".join(
        str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char
        for char in text
    )


def number_symbols(lang: str, numbering_system: str = "latn") -> tuple[str, str]:
    """The group (thousands) separator and decimal symbol of ``lang`` in ``numbering_system``,
    from Babel's CLDR data."""
    try:
        return (get_group_symbol(lang, numbering_system=numbering_system),
                get_decimal_symbol(lang, numbering_system=numbering_system))
    except (ValueError, UnknownLocaleError) as err:
        raise LanguageError(f"unknown language code {lang!r}") from err


def parse_number(token: str, groups: str, decimal: str) -> Decimal | None:
    """The value of ``token`` written with ``groups`` separators and ``decimal`` symbol, or None."""
    whole, _, fraction = token.partition(decimal) if decimal in token else (token, "", "")
    if any(not char.isdigit() for char in fraction):
        return None
    runs = re.split(f"[{re.escape(groups)}]", whole) if groups else [whole]
    if any(not run.isdigit() for run in runs):
        return None
    if len(runs) > 1 and (len(runs[0]) > 3 or any(len(run) != 3 for run in runs[1:])):
        return None
    try:
        return Decimal("".join(runs) + ("." + fraction if fraction else "")).normalize()
    except InvalidOperation:
        return None


def number_readings(token: str, conventions: Sequence[tuple[str, str]]) -> set[Decimal] | None:
    """Every value ``token`` can have under ``conventions``; None when no convention reads it."""
    values = {v for g, d in conventions if (v := parse_number(token, g, d)) is not None}
    return values or None


@functools.lru_cache(maxsize=64)
def number_conventions(lang: str) -> tuple[tuple[str, str], ...]:
    """How numbers may be written in ``lang``: its own convention (with spaces as group
    separators) first, then those of its other numbering systems and of its profile, then the
    English one, which translators and MT also use."""
    group, decimal = number_symbols(lang)
    own = (group + (SPACES if group in SPACES or decimal == "," else ""), decimal)
    language = profile(lang)
    others = [number_symbols(lang, system) for system in language.numbering_systems]
    found = [own, *others, *language.number_conventions, (",", ".")]
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=64)
def number_token(lang: str) -> re.Pattern[str]:
    """A number as ``lang`` writes it: digits, and the separators of its conventions between
    digit runs."""
    symbols = set(SEPARATORS) | {char for pair in number_conventions(lang) for char in
                                  "".join(pair)}
    return re.compile(rf"\d+(?:[{re.escape(''.join(sorted(symbols)))}]\d+)*")


def find_numbers(text: str, lang: str) -> list[tuple[str, set[Decimal]]]:
    """The numbers of ``text`` as (written form, possible values), outside URLs, handles and
    placeholders.

    A token that no convention of ``lang`` reads as one number (two numbers separated by a
    space, a date "01.10.2020") is read as its digit runs.
    """
    conventions = number_conventions(lang)
    found: list[tuple[str, set[Decimal]]] = []
    plain = PLACEHOLDER.sub(" ", strip_tokens(text))
    for match in number_token(lang).finditer(normalise_digits(plain)):
        token = match.group()
        values = number_readings(token, conventions)
        if values is not None:
            found.append((token, values))
            continue
        for part in re.split(r"[^\d]", token):
            found.append((part, {Decimal(part).normalize()}))
    return found
