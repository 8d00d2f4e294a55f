"""Armenian: Armenian script; the full stop ։, questions and exclamations marked on the word
(՞ ՜), «» quotes with the full stop after them; names decline by suffix (the definite article
-ը/-ն and six cases), listed in the glossary, proposed here by rule."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from translate.lang.language import Grammar, Language, frozen

#: The cases of an Armenian name, as the glossary lists them.
CASES = ("nominative", "definite", "genitive", "dative", "ablative", "instrumental", "locative")
#: The case a suffix attached to a name marks.
SUFFIX_CASES = {"ում": "locative", "ից": "ablative", "ով": "instrumental", "ի": "genitive",
                "ին": "dative", "ը": "definite", "ն": "definite"}
#: Case endings after a consonant and after a vowel (definite: -ը / -ն).
ENDINGS = {"definite": ("ը", "ն"), "genitive": ("ի", "յի"), "dative": ("ին", "յին"),
           "ablative": ("ից", "յից"), "instrumental": ("ով", "յով"),
           "locative": ("ում", "յում")}
VOWELS = "աեէըիոօու"
#: A word beginning with a vowel, after which the definite article -ը is written -ն.
VOWEL_NEXT = r"\s+[աեէըիոօԱԵԷԸԻՈՕ]"


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
              "definite": frozenset({name + ("ն" if name[-1] in VOWELS else "ը")})}
    for case, (after_consonant, after_glide) in ENDINGS.items():
        if case != "definite":
            result[case] = frozenset({name + (after_glide if glide else after_consonant)})
    return result


class ArmenianGrammar(Grammar):
    """Armenian names: suffixes for the definite article and the cases."""

    cases = CASES
    inflect_rules = ("table", "none")
    role_cases = frozen({
        "nominative": "nominative", "subject": "definite", "locative": "locative",
        "ablative": "ablative", "genitive": "genitive", "direction": "nominative",
        "recipient": "dative", "comitative": "genitive", "against": "genitive",
        "about": "genitive", "between": "genitive"})

    def propose(self, name: str) -> dict[str, frozenset[str]]:
        return armenian_forms(name)

    def more_forms(self, forms: list[str], names: Sequence[str]) -> list[str]:
        # the ligature և and the spelling եւ are both correct
        return forms + [form.replace("և", "եւ") for form in forms if "և" in form]

    def suffix_case(self, letters: str, token: str) -> tuple[str, tuple[str, ...]] | None:
        return (SUFFIX_CASES[letters], ()) if letters in SUFFIX_CASES else None

    def stand_ins(self, form: str) -> tuple[tuple[str, str], ...]:
        # The definite -ը is written -ն before a word beginning with a vowel (Իսրայելն անօդաչուներ).
        if not form.endswith(("ը", "Ը")):
            return ()
        return ((form[:-1] + ("Ն" if form.isupper() else "ն"), VOWEL_NEXT),)


#: An ASCII full stop after an Armenian word of two or more letters (not "թ." for year) inside
#: the text (at its end it is the ``end_punctuation`` check's).
FULL_STOP_INSIDE = re.compile(r"[\u0531-\u0587]{2}\.(?=\s+\S)")
#: A colon of the English source (not one between digits, as in 10:30).
COLON = re.compile(r"(?<!\d):|:(?!\d)")


def punctuation(source: str, target: str) -> Iterator[str]:
    """Armenian writes the English colon as '.' (mijaket): more such full stops than the
    source has colons are full stops that should be ։."""
    if len(FULL_STOP_INSIDE.findall(target)) > len(COLON.findall(source)):
        yield "Armenian ends a sentence with the full stop ։, not '.'"


ARMENIAN = Language(
    "hy",
    script="Armenian",
    names_script=True,
    own_marks=frozen({"stop": "։"}),
    # ':' is its full stop as typed, and '.' its colon (mijaket) as typed.
    same_kind=frozenset({("stop", ":"), ("colon", ".")}),
    word_marks=frozen({"question": "՞", "exclamation": "՜"}),
    stop_after_quote=True,
    abbreviations=frozenset({"թ", "թթ", "դ", "դդ"}),
    quotes="«»",
    punctuation=punctuation,
    length_ratio=1.15,
    pseudo_letters="աբցդեֆգհիջկլմնօպքրստովվխյզ",
    opus_mt="Helsinki-NLP/opus-mt-en-hy",
    grammar=ArmenianGrammar(),
)
