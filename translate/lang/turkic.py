"""The mechanism Azerbaijani and Turkish share: suffixes in vowel harmony, stacked on a name.

A suffix is written as a template: ``A`` is the two-way vowel (a/ə in Azerbaijani, a/e in
Turkish), ``I`` the four-way one (ı/i/u/ü), ``D`` a d that is t after a voiceless consonant
(Turkish Kudüs'te), and a leading ``(y)`` or ``(n)`` a buffer letter written after a vowel
(Bakıya, Türkiye'nin). Each language's module gives its vowels, its case endings, what may
follow a case (-ki, the plural, a copula) and its separator (Turkish writes an apostrophe
before the suffixes of a proper name: İsrail'e); :class:`TurkicGrammar` does the rest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from translate.lang.language import Grammar, RoleCases

CASES = ("nominative", "genitive", "dative", "accusative", "locative", "ablative",
         "instrumental")
#: The four-way harmony vowel (ı/i/u/ü) after each vowel.
FOUR_WAY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
            "ü": "ü"}
BACK_VOWELS = "aıou"
#: Letters Azerbaijani and Turkish share that English and most other Latin languages lack.
TURKIC_LETTERS = frozenset("ğĞıİşŞçÇöÖüÜ")
#: Suffix stacks (templates) that may follow a name in a case: case → stacks.
Tails = Callable[[str], tuple[tuple[str, ...], ...]]


def ki_and_copula_tails(
    case: str, *, ki: str, after_ki: Sequence[str], after_plural: Sequence[str],
    copulas: Sequence[str],
) -> list[tuple[str, ...]]:
    """The suffix stacks both languages allow after ``case``: ``ki`` ("the one in / of")
    after the locative and the genitive, then the plural and a case (``after_plural``; one of
    ``after_ki`` without the plural) or a copula; a copula after the nominative, locative,
    ablative and genitive. A language's own stacks are added by its module."""
    tails: list[tuple[str, ...]] = []
    if case in ("locative", "genitive"):
        for plural in ((), ("lAr",)):
            after = after_plural if plural else after_ki
            tails.extend((ki, *plural, *more) for more in
                         ((), *((c,) for c in after), *((c,) for c in copulas)))
    if case in ("nominative", "locative", "ablative", "genitive"):
        tails.extend((copula,) for copula in copulas)
    return tails


def turkic_lower(text: str) -> str:
    """Lowercase with the dotted and dotless i (I → ı, İ → i)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


@dataclass(frozen=True)
class Harmony:
    """A language's vowel harmony: its vowels, its front two-way vowel, the consonants after
    which ``D`` is t."""

    vowels: str
    front: str  # the front form of A: ə (Azerbaijani), e (Turkish)
    voiceless: str = ""

    def harmonise(self, word: str, template: str) -> str:
        """The suffix ``template`` in the vowel harmony of ``word`` (and its buffer letter)."""
        lower = turkic_lower(word)
        vowel = next((ch for ch in reversed(lower) if ch in self.vowels), "a")
        buffer = re.match(r"\((\w)\)", template)
        if buffer:
            after_vowel = bool(lower) and lower[-1] in self.vowels
            template = (buffer.group(1) if after_vowel else "") + template[3:]
        voiced = not (lower and lower[-1] in self.voiceless)
        return (template.replace("A", "a" if vowel in BACK_VOWELS else self.front)
                .replace("I", FOUR_WAY[vowel]).replace("D", "d" if voiced else "t"))

    def append(self, word: str, templates: Sequence[str]) -> str:
        """``word`` with each suffix of ``templates`` attached in turn, in vowel harmony."""
        for template in templates:
            word += self.harmonise(word, template)
        return word

    def pattern(self, tail: Sequence[str]) -> str:
        """A regex for a suffix stack in any vowel harmony."""
        return "".join(re.sub(r"\((\w)\)", r"\1?", template).replace("A", f"[a{self.front}]")
                       .replace("I", "[ıiuü]").replace("D", "[dt]") for template in tail)


class TurkicGrammar(Grammar):
    """Names in seven cases by vowel harmony (the ``harmony`` rule generates them), with the
    suffixes that may follow a case (İsraildəki, Bakü'dekiler) part of the name."""

    cases = CASES
    inflect_rules = ("harmony", "table", "none")

    def __init__(self, harmony: Harmony, *, endings: Mapping[str, str],
                 suffix_cases: Mapping[str, str], tails: Tails, role_cases: RoleCases,
                 separator: str = "", comitative: str) -> None:
        self.harmony = harmony
        #: Case → its ending's template (the nominative has none).
        self.endings = endings
        #: A case suffix, in any harmony → its case.
        self.suffix_cases = suffix_cases
        self.tails_of = tails
        self.role_cases = role_cases
        #: Written between a name and its suffixes.
        self.separator = separator
        #: The postposition "with" written after the nominative (ilə, ile).
        self.comitative = comitative

    def generate(self, name: str) -> dict[str, str]:
        return {"nominative": name, **{
            case: name + self.separator + self.harmony.harmonise(name, template)
            for case, template in self.endings.items()}}

    def propose(self, name: str) -> dict[str, frozenset[str]]:
        return {case: frozenset({form}) for case, form in self.generate(name).items()}

    def more_forms(self, forms: list[str], names: Sequence[str]) -> list[str]:
        return forms + [f"{name} {self.comitative}" for name in names]

    def upper(self, text: str) -> str:
        return text.replace("i", "İ").upper()

    def attach(self, word: str, suffixes: tuple[str, ...]) -> str:
        return self.harmony.append(word, suffixes)

    def tails(self, form: str, case: str) -> frozenset[str]:
        return _tails(self, form, case)

    def suffix_case(self, letters: str, token: str) -> tuple[str, tuple[str, ...]] | None:
        """The case of the letters a model attached to a name (``dakı`` → locative, -ki),
        whatever their vowel harmony. When the ``token`` they follow ends in a case suffix
        of two letters or more (the rendering found was ``Israeldən`` of ``Israeldəndir``),
        the letters may be a stack after it."""
        key = turkic_lower(letters)
        ending = turkic_lower(token)
        for suffix in sorted(self.suffix_cases, key=len, reverse=True):
            if len(suffix) >= 2 and ending.endswith(suffix) and len(ending) > len(suffix):
                case = self.suffix_cases[suffix]
                tail = next((tail for tail in self.tails_of(case)
                             if re.fullmatch(self.harmony.pattern(tail), key)), None)
                if tail is not None:
                    return case, tail
                break
        if key in self.suffix_cases:
            return self.suffix_cases[key], ()
        for cut in range(len(key) - 1, -1, -1):
            stem_case = self.suffix_cases.get(key[:cut]) if cut else "nominative"
            if stem_case is None:
                continue
            for tail in self.tails_of(stem_case):
                if re.fullmatch(self.harmony.pattern(tail), key[cut:]):
                    return stem_case, tail
        return None


@functools.lru_cache(maxsize=4096)
def _tails(grammar: TurkicGrammar, form: str, case: str) -> frozenset[str]:
    """Each suffix stack that may follow ``form`` in ``case``, as written and in capitals."""
    endings = {grammar.harmony.append(form, tail)[len(form):] for tail in grammar.tails_of(case)}
    return frozenset(endings | {grammar.upper(ending) for ending in endings})
