"""Case forms of a place name the glossary may not list: proposals, never the authority.

The glossary's listed forms decide what is right. When a translation lacks every listed form of
a term, ``unlisted_forms`` says whether it holds a form the name can take all the same: a
Russian case form from pymorphy3's dictionary (``Шушою``, the other instrumental of ``Шуша``),
an Armenian or Azerbaijani case suffix by rule; ``Glossary.check`` reports that as a warning
proposing to add the form, not as a missing term. Hebrew prefixes are matched directly
(``term_forms.find_form``). pymorphy3 is imported on first use only.
"""

from __future__ import annotations

import functools
from typing import Any

from translate.glossary.types import LangForms
from translate.lang.az import inflect_azerbaijani

#: Our Russian case names → pymorphy3's grammemes (with the variant forms it knows).
RU_GRAMMEMES = {"nominative": ("nomn",), "genitive": ("gent", "gen2"),
                "dative": ("datv",), "accusative": ("accs",),
                "instrumental": ("ablt",), "prepositional": ("loct", "loc2")}
#: Armenian case endings after a consonant and after a vowel (definite: -ը / -ն).
HY_ENDINGS = {"definite": ("ը", "ն"), "genitive": ("ի", "յի"), "dative": ("ին", "յին"),
              "ablative": ("ից", "յից"), "instrumental": ("ով", "յով"),
              "locative": ("ում", "յում")}
HY_VOWELS = "աեէըիոօու"


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
    for case, grammemes in RU_GRAMMEMES.items():
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


def armenian_forms(name: str) -> dict[str, frozenset[str]]:
    """Case → form of an Armenian name by its ending (the last word takes the suffix): a glide
    ``յ`` after ``ա``/``ո`` (Շուշա → Շուշայի), ``-ություն`` → ``-ության`` (Միություն →
    Միության); irregular stems (Բաքու → Բաքվի) are for the glossary to list."""
    if name.endswith("ություն"):
        stem = name[:-len("ություն")]
        endings = {"definite": "ությունը", "genitive": "ության", "dative": "ությանը",
                   "ablative": "ությունից", "instrumental": "ությամբ", "locative": "ությունում"}
        return {"nominative": frozenset({name}),
                **{case: frozenset({stem + end}) for case, end in endings.items()}}
    glide = name[-1] in "աո"
    result = {"nominative": frozenset({name}),
              "definite": frozenset({name + ("ն" if name[-1] in HY_VOWELS else "ը")})}
    for case, (after_consonant, after_glide) in HY_ENDINGS.items():
        if case != "definite":
            result[case] = frozenset({name + (after_glide if glide else after_consonant)})
    return result


def proposed_forms(forms: LangForms) -> dict[str, frozenset[str]]:
    """Case → the forms morphology proposes for a term's approved form (and accepted ones)."""
    names = (forms.approved, *(a for a in forms.accepted if not a.isupper()))  # not ԽՍՀՄ
    merged: dict[str, set[str]] = {}
    for name in names:
        if forms.lang == "ru" and forms.inflect != "none":
            generated = russian_forms(name)
        elif forms.lang == "hy" and forms.inflect != "none":
            generated = armenian_forms(name)
        elif forms.lang == "az" and forms.inflect != "none":
            generated = {case: frozenset({form}) for case, form in
                         inflect_azerbaijani(name).items()}
        else:
            generated = {"nominative": frozenset({name})}
        for case, found in generated.items():
            merged.setdefault(case, set()).update(found)
    return {case: frozenset(found) for case, found in merged.items()}


def unlisted_forms(forms: LangForms) -> tuple[str, ...]:
    """Proposed forms the glossary does not allow, longest first."""
    allowed = set(forms.allowed_forms())
    found = {form for options in proposed_forms(forms).values() for form in options}
    return tuple(sorted(found - allowed, key=lambda form: (-len(form), form)))
