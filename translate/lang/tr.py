"""Turkish: Latin script with the dotted and dotless i (İ/i, I/ı), “” quotes (« » are used
too); a proper name takes its suffixes after an apostrophe (İsrail'e, Bakü'de,
Ermenistan'ın), in vowel harmony and with d/t by the consonant before it (Kudüs'te,
Stepanakert'ten), and the suffixes after a case (Bakü'deki) are part of the name."""

from __future__ import annotations

from translate.lang.language import Clue, Language, frozen
from translate.lang.turkic import TURKIC_LETTERS, Harmony, TurkicGrammar, ki_and_copula_tails

#: d is written t after these (fıstıkçı şahap): Kudüs'te, Irak'tan.
VOICELESS = "fstkçşhp"
HARMONY = Harmony("aıoueiöü", front="e", voiceless=VOICELESS)
#: Each case's ending (``A`` a/e, ``I`` ı/i/u/ü, ``D`` d/t, a buffer letter after a vowel).
ENDINGS = {"genitive": "(n)In", "dative": "(y)A", "accusative": "(y)I", "locative": "DA",
           "ablative": "DAn", "instrumental": "(y)lA"}
SUFFIX_CASES = {
    **dict.fromkeys(("da", "de", "ta", "te"), "locative"),
    **dict.fromkeys(("dan", "den", "tan", "ten"), "ablative"),
    **dict.fromkeys(("ın", "in", "un", "ün", "nın", "nin", "nun", "nün"), "genitive"),
    **dict.fromkeys(("a", "e", "ya", "ye"), "dative"),
    **dict.fromkeys(("ı", "i", "u", "ü", "yı", "yi", "yu", "yü"), "accusative"),
    **dict.fromkeys(("la", "le", "yla", "yle"), "instrumental"),
}
COPULAS = ("DIr", "DIrlAr", "(y)DI", "(y)mIş", "(y)sA")  # İsrail'dir, Bakü'deydi
#: After -ki (which keeps its i: Bakü'deki) the case endings take a pronominal n.
CASES_AFTER_KI = ("nIn", "nA", "nI", "ndA", "ndAn", "(y)lA")
CASES_AFTER_PLURAL = ("In", "A", "I", "DA", "DAn", "lA")
#: Latin letters other Turkic languages write and Turkish does not (Azerbaijani ə, q, x).
NOT_TURKISH = frozenset("əƏqQxX")
#: Same-length normalisation for matching: the apostrophe as typed.
NORMALISE = str.maketrans({"’": "'", "‘": "'"})


def turkish_tails(case: str) -> tuple[tuple[str, ...], ...]:
    """The suffix stacks (templates) that may follow a name in ``case``: -ki after the
    locative and the genitive (İsrail'deki, İsrail'inki), then the plural and a case
    (Bakü'dekilere) or a copula; a copula after the nominative, locative, ablative and
    genitive (İsrail'dir, Bakü'dedir)."""
    return tuple(ki_and_copula_tails(case, ki="ki", after_ki=CASES_AFTER_KI,
                                     after_plural=CASES_AFTER_PLURAL, copulas=COPULAS))


class TurkishGrammar(TurkicGrammar):
    """Turkic harmony with the apostrophe of proper names."""

    def normalise(self, text: str) -> str:
        return text.translate(NORMALISE)


GRAMMAR = TurkishGrammar(
    HARMONY, endings=ENDINGS, suffix_cases=SUFFIX_CASES, tails=turkish_tails,
    role_cases=frozen({
        "nominative": "nominative", "subject": "nominative", "locative": "locative",
        "ablative": "ablative", "genitive": "genitive", "direction": "dative",
        "recipient": "dative", "comitative": "instrumental", "against": "dative",
        "about": "nominative", "between": "nominative"}),
    separator="'",
    comitative="ile",
)

TURKISH = Language(
    "tr",
    script="Latin",
    # Turkic letters without ə, q or x, in text long enough that Azerbaijani would show one.
    clues=(Clue(TURKIC_LETTERS, unless=NOT_TURKISH, min_letters=60),),
    identified_by=TURKIC_LETTERS,
    misread=frozen({"az": "ə, q or x, which Turkish does not write"}),
    quotes="“”«»",
    length_ratio=1.05,
    doubled_words=frozenset({"yavaş", "ağır", "tek", "sık", "zaman", "ayrı", "güle", "koşa",
                             "adım", "yer", "bir"}),
    pseudo_letters="âbçdefğhıjklmnöpqrştüvwxyz",
    grammar=GRAMMAR,
)
