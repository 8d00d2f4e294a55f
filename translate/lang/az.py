"""Azerbaijani: how names inflect (vowel harmony, buffer letters, the suffixes after a case)."""

from __future__ import annotations

import re
from collections.abc import Sequence

AZ_VOWELS = "aıoueəiöü"
#: The four-way harmony vowel (ı/i/u/ü) after each vowel.
FOUR_WAY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
            "ü": "ü"}
AZ_SUFFIX_CASES = {
    **dict.fromkeys(("da", "də"), "locative"),
    **dict.fromkeys(("dan", "dən"), "ablative"),
    **dict.fromkeys(("ın", "in", "un", "ün", "nın", "nin", "nun", "nün"), "genitive"),
    **dict.fromkeys(("a", "ə", "ya", "yə"), "dative"),
    **dict.fromkeys(("ı", "i", "u", "ü", "nı", "ni", "nu", "nü"), "accusative"),
    **dict.fromkeys(("la", "lə", "yla", "ylə"), "instrumental"),
}


def azerbaijani_lower(text: str) -> str:
    """Lowercase with Azerbaijani dotted/dotless i."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def inflect_azerbaijani(name: str) -> dict[str, str]:
    """Case forms of an Azerbaijani name by vowel harmony (buffer n/y after a vowel)."""
    lower = azerbaijani_lower(name)
    vowel = next((ch for ch in reversed(lower) if ch in AZ_VOWELS), "a")
    two = "a" if vowel in "aıou" else "ə"
    four = FOUR_WAY[vowel]
    after_vowel = lower[-1] in AZ_VOWELS
    n, y = ("n", "y") if after_vowel else ("", "")
    return {
        "nominative": name,
        "genitive": f"{name}{n}{four}n",
        "dative": f"{name}{y}{two}",
        "accusative": f"{name}{n}{four}",
        "locative": f"{name}d{two}",
        "ablative": f"{name}d{two}n",
        "instrumental": f"{name}{y}l{two}",
    }


#: Suffixes that may follow an Azerbaijani case form, as templates: ``A`` is a/ə and ``I``
#: ı/i/u/ü by vowel harmony, a leading ``(y)``/``(n)`` a buffer letter after a vowel.
AZ_COPULAS = ("dIr", "dIrlAr", "(y)dI", "(y)mIş", "(y)sA")  # Bakıdır, İsraildəydi


#: After -ki the case endings take a pronominal n (İsraildəkinin, Bakıdakına).
AZ_CASES_AFTER_KI = ("nIn", "nA", "nI", "ndA", "ndAn", "(y)lA")
AZ_CASES_AFTER_PLURAL = ("In", "A", "I", "dA", "dAn", "lA")


def azerbaijani_tails(case: str) -> tuple[tuple[str, ...], ...]:
    """The suffix stacks (templates) that may follow a name in ``case``: -ki after the
    locative and the genitive ("the one in / of": İsraildəki, İsrailinki), then the plural
    and a case (İsraildəkilərə) or a copula (Bakıdakılardır); a copula after the nominative,
    locative, ablative, genitive (İsraildir, Bakıdadır); -dək / -can after the dative
    (Bakıyadək)."""
    tails: list[tuple[str, ...]] = []
    if case in ("locative", "genitive"):
        for plural in ((), ("lAr",)):
            after = AZ_CASES_AFTER_PLURAL if plural else AZ_CASES_AFTER_KI
            tails.extend(("kI", *plural, *more) for more in
                         ((), *((c,) for c in after), *((c,) for c in AZ_COPULAS)))
    if case in ("nominative", "locative", "ablative", "genitive"):
        tails.extend((copula,) for copula in AZ_COPULAS)
    if case == "dative":
        tails.extend([("dək",), ("cAn",)])
    return tuple(tails)


def harmonise(word: str, template: str) -> str:
    """The suffix ``template`` in the vowel harmony of ``word`` (and its buffer letter)."""
    lower = azerbaijani_lower(word)
    vowel = next((ch for ch in reversed(lower) if ch in AZ_VOWELS), "a")
    buffer = re.match(r"\((\w)\)", template)
    if buffer:
        after_vowel = bool(lower) and lower[-1] in AZ_VOWELS
        template = (buffer.group(1) if after_vowel else "") + template[3:]
    return (template.replace("A", "a" if vowel in "aıou" else "ə")
            .replace("I", FOUR_WAY[vowel]))


def append_suffixes(word: str, templates: Sequence[str]) -> str:
    """``word`` with each suffix of ``templates`` attached in turn, in vowel harmony."""
    for template in templates:
        word += harmonise(word, template)
    return word
