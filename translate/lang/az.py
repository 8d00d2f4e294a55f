"""Azerbaijani: Latin script with ə (which tells it from Turkish), «» quotes; names inflect by
vowel harmony (buffer letters, the suffixes after a case: İsraildəki, Bakıdadır), attached
directly to the name."""

from __future__ import annotations

from translate.lang.language import Clue, Language, frozen
from translate.lang.turkic import TURKIC_LETTERS, Harmony, TurkicGrammar, ki_and_copula_tails

AZ_VOWELS = "aıoueəiöü"
HARMONY = Harmony(AZ_VOWELS, front="ə")
#: Each case's ending (``A`` a/ə, ``I`` ı/i/u/ü, a buffer letter after a vowel).
ENDINGS = {"genitive": "(n)In", "dative": "(y)A", "accusative": "(n)I", "locative": "dA",
           "ablative": "dAn", "instrumental": "(y)lA"}
AZ_SUFFIX_CASES = {
    **dict.fromkeys(("da", "də"), "locative"),
    **dict.fromkeys(("dan", "dən"), "ablative"),
    **dict.fromkeys(("ın", "in", "un", "ün", "nın", "nin", "nun", "nün"), "genitive"),
    **dict.fromkeys(("a", "ə", "ya", "yə"), "dative"),
    **dict.fromkeys(("ı", "i", "u", "ü", "nı", "ni", "nu", "nü"), "accusative"),
    **dict.fromkeys(("la", "lə", "yla", "ylə"), "instrumental"),
}
#: Suffixes that may follow an Azerbaijani case form, as templates.
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
    tails = ki_and_copula_tails(case, ki="kI", after_ki=AZ_CASES_AFTER_KI,
                                after_plural=AZ_CASES_AFTER_PLURAL, copulas=AZ_COPULAS)
    if case == "dative":
        tails.extend([("dək",), ("cAn",)])
    return tuple(tails)


GRAMMAR = TurkicGrammar(
    HARMONY, endings=ENDINGS, suffix_cases=AZ_SUFFIX_CASES, tails=azerbaijani_tails,
    role_cases=frozen({
        "nominative": "nominative", "subject": "nominative", "locative": "locative",
        "ablative": "ablative", "genitive": "genitive", "direction": "dative",
        "recipient": "dative", "comitative": "instrumental", "against": "dative",
        "about": "nominative", "between": "nominative"}),
    comitative="ilə",
)


def inflect_azerbaijani(name: str) -> dict[str, str]:
    """Case forms of an Azerbaijani name by vowel harmony (buffer n/y after a vowel)."""
    return GRAMMAR.generate(name)


AZERBAIJANI = Language(
    "az",
    script="Latin",
    # The schwa decides alone; Turkic letters with q or x (native Azerbaijani letters that
    # Turkish does not write) too.
    clues=(Clue(frozenset("əƏ")), Clue(TURKIC_LETTERS, with_letters=frozenset("qQxX"))),
    misread=frozen({"tr": "Turkic letters but no ə, q or x"}),
    quotes="«»",
    length_ratio=1.1,
    pseudo_letters="əbçdəfğhıjklmnöpqrştüvwxyz",
    grammar=GRAMMAR,
)
