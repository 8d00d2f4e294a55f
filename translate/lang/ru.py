"""Russian: Cyrillic script; «» quotes with the full stop after them, date abbreviations (2020
г.); names decline in six cases, listed in the glossary, proposed by pymorphy3's dictionary,
and the case a preposition governs (из, к, с, о, в ...) tells which form a name takes."""

from __future__ import annotations

import functools
import re
from typing import Any

from translate.lang.language import Grammar, Language, frozen

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
#: Our case names → pymorphy3's grammemes (with the variant forms it knows).
GRAMMEMES = {"nominative": ("nomn",), "genitive": ("gent", "gen2"),
             "dative": ("datv",), "accusative": ("accs",),
             "instrumental": ("ablt",), "prepositional": ("loct", "loc2")}
#: The case each preposition governs (в and на: the accusative of a direction, see below).
PREPOSITION_CASES = {
    **dict.fromkeys(("из", "от", "до", "у", "для", "без", "около", "против", "возле", "после",
                     "вокруг", "из-за", "вдоль", "среди"), "genitive"),
    **dict.fromkeys(("к", "ко", "по"), "dative"),
    **dict.fromkeys(("с", "со", "между", "над", "под", "перед", "за"), "instrumental"),
    **dict.fromkeys(("о", "об", "обо", "при"), "prepositional"),
    **dict.fromkeys(("в", "во", "на"), "prepositional"),
}


@functools.cache
def _analyzer() -> Any:  # a pymorphy3.MorphAnalyzer (pymorphy3 has no types)
    import pymorphy3  # lazy: 35 ms + its dictionaries, for glossary checks of Russian

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=4096)
def russian_forms(name: str) -> dict[str, frozenset[str]]:
    """Case → forms of a Russian place name by pymorphy3: the words up to its first noun
    agree (``Нагорный Карабах`` → ``Нагорном Карабахе``), the words after it stay
    (``Республика Армения`` → ``Республике Армения``); an indeclinable word stays."""
    words = name.split()
    parses = [best_parse(word) for word in words]
    head = next((i for i, p in enumerate(parses) if p is not None and "NOUN" in p.tag), 0)
    noun = parses[head]
    result: dict[str, frozenset[str]] = {}
    for case, grammemes in GRAMMEMES.items():
        options = [variants(word, parse, grammemes, noun) if i <= head else {word}
                   for i, (word, parse) in enumerate(zip(words, parses, strict=True))]
        result[case] = frozenset(" ".join(combo) for combo in combinations(options))
    return result


def best_parse(word: str) -> Any:  # a pymorphy3 Parse, or None
    """pymorphy3's parse of ``word`` as a noun or adjective in the nominative singular (the
    glossary's approved form is one), a place name first."""
    parses = [p for p in _analyzer().parse(word) if {"NOUN", "ADJF"} & set(p.tag.grammemes)
              and p.tag.case == "nomn" and p.tag.number in (None, "sing")]
    parses.sort(key=lambda p: ("Geox" not in p.tag, "NOUN" not in p.tag))
    return parses[0] if parses else None


def variants(word: str, parse: Any, grammemes: tuple[str, ...], noun: Any) -> set[str]:
    """The forms of ``word`` in one of ``grammemes`` (singular, agreeing with the gender and
    animacy of the ``noun`` it belongs to), in its letter case."""
    if parse is None or "Fixd" in parse.tag:
        return {word}
    gender = (noun or parse).tag.gender
    animacy = noun.tag.animacy if noun is not None else None
    found = {
        form.word for form in parse.lexeme
        if form.tag.case in grammemes and form.tag.number in (None, "sing")
        and (gender is None or form.tag.gender in (None, gender))
        and (animacy is None or form.tag.animacy in (None, animacy))}
    return {restore_case(form, word) for form in found} or {word}


def restore_case(form: str, like: str) -> str:
    """``form`` (pymorphy3 writes lower case) with the capitals of ``like``."""
    return "".join(f.upper() if i < len(like) and like[i].isupper() else f
                   for i, f in enumerate(form))


def combinations(options: list[set[str]]) -> list[tuple[str, ...]]:
    """Every choice of one form per word."""
    result: list[tuple[str, ...]] = [()]
    for forms in options:
        result = [(*done, form) for done in result for form in sorted(forms)]
    return result


class RussianGrammar(Grammar):
    """Russian names: six cases; a preposition before a name decides its case."""

    cases = CASES
    inflect_rules = ("table", "none")
    role_cases = frozen({
        "nominative": "nominative", "subject": "nominative", "locative": "prepositional",
        "ablative": "genitive", "genitive": "genitive", "direction": "accusative",
        "recipient": "dative", "comitative": "instrumental", "against": "genitive",
        "about": "prepositional", "between": "instrumental"})

    def propose(self, name: str) -> dict[str, frozenset[str]]:
        return russian_forms(name)

    def context_case(self, before: str, role: str) -> str | None:
        """The case a preposition right before the name governs, if any."""
        words = re.findall(r"[\w-]+", before[-20:])
        if not words or not before.endswith((" ", "\u00a0")):
            return None
        preposition = words[-1].casefold()
        if preposition not in PREPOSITION_CASES:
            return None
        if preposition in ("в", "во", "на") and role in ("direction", "recipient"):
            return "accusative"
        return PREPOSITION_CASES[preposition]


RUSSIAN = Language(
    "ru",
    script="Cyrillic",
    likeliest_in_script=True,
    stop_after_quote=True,
    abbreviations=frozenset({"г", "гг", "д", "п", "др", "тыс", "руб", "долл", "э"}),
    quotes="«»",
    length_ratio=1.15,
    pseudo_letters="абцдефгхийклмнопкрстуввхыз",
    grammar=RussianGrammar(),
)
