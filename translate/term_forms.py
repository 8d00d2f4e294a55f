"""Term forms in target text: restore them into MT output, find allowed and forbidden ones.

``restore_one`` gives the target form whose case fits a place in MT output (a placeholder, a
wrong rendering): the suffix the model attached (Azerbaijani, Armenian), the Hebrew prefix
before it, the Russian preposition before it, else the role the English gave the term
(``terms.py``). ``find_term_forms`` says where a target holds each term's allowed forms and
forbidden variants (in the folded text: ``translate.fold``); the glossary's check and its
guard rules (``term_rule.py``) read it. Azerbaijani case forms are generated here too
(``inflect_azerbaijani``, vowel harmony).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translate.fold import Folded, fold, fold_string
from translate.terms import POSSESSIVE, TermHit

if TYPE_CHECKING:  # glossary.py imports this module
    from translate.glossary import LangForms, Term

#: A span of a text: (start, end).
Span = tuple[int, int]

# Role of a term in the English sentence -> case per language (Hebrew: the prefix).
ROLE_CASES: dict[str, dict[str, str]] = {
    "ru": {"nominative": "nominative", "subject": "nominative", "locative": "prepositional",
           "ablative": "genitive", "genitive": "genitive", "direction": "accusative",
           "recipient": "dative", "comitative": "instrumental", "against": "genitive",
           "about": "prepositional", "between": "instrumental"},
    "hy": {"nominative": "nominative", "subject": "definite", "locative": "locative",
           "ablative": "ablative", "genitive": "genitive", "direction": "nominative",
           "recipient": "dative", "comitative": "genitive", "against": "genitive",
           "about": "genitive", "between": "genitive"},
    "az": {"nominative": "nominative", "subject": "nominative", "locative": "locative",
           "ablative": "ablative", "genitive": "genitive", "direction": "dative",
           "recipient": "dative", "comitative": "instrumental", "against": "dative",
           "about": "nominative", "between": "nominative"},
}
HE_ROLE_PREFIX = {"locative": "ב", "ablative": "מ", "direction": "ל", "recipient": "ל"}

AZ_VOWELS = "aıoueəiöü"
AZ_SUFFIX_CASES = {
    **dict.fromkeys(("da", "də"), "locative"),
    **dict.fromkeys(("dan", "dən"), "ablative"),
    **dict.fromkeys(("ın", "in", "un", "ün", "nın", "nin", "nun", "nün"), "genitive"),
    **dict.fromkeys(("a", "ə", "ya", "yə"), "dative"),
    **dict.fromkeys(("ı", "i", "u", "ü", "nı", "ni", "nu", "nü"), "accusative"),
    **dict.fromkeys(("la", "lə", "yla", "ylə"), "instrumental"),
}
HY_SUFFIX_CASES = {"ում": "locative", "ից": "ablative", "ով": "instrumental", "ի": "genitive",
                   "ին": "dative", "ը": "definite", "ն": "definite"}
RU_PREPOSITION_CASES = {
    **dict.fromkeys(("из", "от", "до", "у", "для", "без", "около", "против", "возле", "после",
                     "вокруг", "из-за", "вдоль", "среди"), "genitive"),
    **dict.fromkeys(("к", "ко", "по"), "dative"),
    **dict.fromkeys(("с", "со", "между", "над", "под", "перед", "за"), "instrumental"),
    **dict.fromkeys(("о", "об", "обо", "при"), "prepositional"),
    **dict.fromkeys(("в", "во", "на"), "prepositional"),
}
HE_PREFIX = re.compile(r"^ו?ש?[בלמכה]?$")
HE_SEPARATE_PREPOSITIONS = {
    "אל", "על", "עם", "מן", "בתוך", "מתוך", "לתוך", "עד", "נגד", "של", "בין", "אצל", "מול",
    "ליד", "לעבר", "כלפי", "לגבי", "אודות", "דרך", "מאת", "בשביל", "עבור", "לפני", "אחרי",
}
HE_NORMALISE = str.maketrans({"'": "׳", "’": "׳", "‘": "׳", "־": "-", '"': "״"})


# --------------------------------------------------------------------------- inflection


def azerbaijani_lower(text: str) -> str:
    """Lowercase with Azerbaijani dotted/dotless i."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def inflect_azerbaijani(name: str) -> dict[str, str]:
    """Case forms of an Azerbaijani name by vowel harmony (buffer n/y after a vowel)."""
    lower = azerbaijani_lower(name)
    vowel = next((ch for ch in reversed(lower) if ch in AZ_VOWELS), "a")
    two = "a" if vowel in "aıou" else "ə"
    four = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
            "ü": "ü"}[vowel]
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


# ------------------------------------------------------------------------------ finding


def normalise_target(text: str, lang: str) -> str:
    """Same-length normalisation for matching (Hebrew geresh/maqaf variants)."""
    return text.translate(HE_NORMALISE) if lang == "he" else text


def fold_target(text: str, lang: str) -> Folded:
    """``text`` as matching sees it: folded (``translate.fold``), Hebrew variants normalised."""
    folded = fold(text)
    return Folded(normalise_target(folded.text, lang), folded.starts, folded.ends)


def prepare_form(form: str, lang: str) -> str:
    """A glossary form as matching sees it."""
    return normalise_target(fold_string(form), lang)


def upper(text: str, lang: str) -> str:
    """``text`` in capitals (Azerbaijani ``i`` → ``İ``)."""
    return (text.replace("i", "İ") if lang == "az" else text).upper()


def spellings(form: str, lang: str) -> tuple[str, ...]:
    """A form as matching looks for it: as written and in capitals (a heading, a fact box)."""
    prepared = prepare_form(form, lang)
    return tuple(dict.fromkeys((prepared, upper(prepared, lang))))


def is_letter(ch: str) -> bool:
    return ch.isalpha() or ch.isdigit()


def find_form(text: str, form: str, lang: str, *, stem: bool = False) -> list[Span]:
    """Spans of ``form`` as a word of ``text`` (Hebrew: prefixes allowed; stem: any ending)."""
    spans = []
    for match in re.finditer(re.escape(form), text):
        start, end = match.span()
        if not stem and end < len(text) and is_letter(text[end]):
            continue
        if lang == "he":
            start = hebrew_prefix_start(text, start)
            if start is None:
                continue
        elif start > 0 and is_letter(text[start - 1]):
            continue
        spans.append((start, end))
    return spans


def hebrew_prefix_start(text: str, start: int) -> int | None:
    """Where the word holding ``text[start:]`` begins, if only a Hebrew prefix precedes it
    (``בירושלים``, ``ב-ירושלים``); after a hyphen that joins two names (``UAE-ישראל``,
    ``אזרבייג׳ן-ישראל``) the name begins a word of its own."""
    begin = hebrew_letters_before(text, start)
    if begin < start:
        prefix_ok = HE_PREFIX.match(text[begin:start]) is not None
        return begin if prefix_ok and not (begin > 0 and is_letter(text[begin - 1])) else None
    if start > 0 and text[start - 1] == "-":
        begin = hebrew_letters_before(text, start - 1)
        if begin < start - 1 and HE_PREFIX.match(text[begin:start - 1]) and not (
                begin > 0 and is_letter(text[begin - 1])):
            return begin
        return start
    return None if start > 0 and is_letter(text[start - 1]) else start


def hebrew_letters_before(text: str, position: int) -> int:
    """Where the run of Hebrew letters that ends at ``position`` begins."""
    while position > 0 and "\u05d0" <= text[position - 1] <= "\u05ea":
        position -= 1
    return position


def allowed_spans(text: str, forms: LangForms) -> list[Span]:
    """Where ``text`` (already folded, ``fold_target``) holds an allowed form of a term."""
    return [span for form in forms.allowed_forms() for spelling in spellings(form, forms.lang)
            for span in find_form(text, spelling, forms.lang)]


@dataclass(frozen=True)
class FormsFound:
    """Where a target text holds one term's allowed forms and forbidden variants."""

    forms: LangForms
    allowed: tuple[Span, ...]
    #: Each forbidden variant (in the order of ``forms.forbidden``) with its spans, stems
    #: with any ending, outside every allowed form of every term of the source.
    forbidden: tuple[tuple[str, tuple[Span, ...]], ...]


def find_term_forms(target: str, all_forms: Sequence[LangForms], lang: str) -> list[FormsFound]:
    """For each term's forms, where ``target`` holds them (spans of ``target``, found in its
    folded text: a soft hyphen or a zero-width space inside a word hides nothing)."""
    folded = fold_target(target, lang)
    haystack = folded.text
    allowed = [allowed_spans(haystack, forms) for forms in all_forms]
    exempt = [span for spans in allowed for span in spans]
    found = []
    for forms, spans in zip(all_forms, allowed, strict=True):
        forbidden = tuple(
            (bad, tuple(folded.span(*span) for spelling in spellings(bad, lang)
                        for span in find_form(haystack, spelling, lang, stem=True)
                        if not inside_any(span, exempt)))
            for bad in forms.forbidden)
        found.append(FormsFound(forms, tuple(folded.span(*span) for span in spans), forbidden))
    return found


def terms_with_forms(hits: Iterable[TermHit], lang: str) -> list[tuple[Term, LangForms]]:
    """Each term of ``hits`` once, in text order, with its forms in ``lang`` (if it has any)."""
    terms = dict.fromkeys(hit.term for hit in hits)
    return [(term, forms) for term in terms if (forms := term.forms_for(lang))]


def inside_any(span: Span, spans: list[Span]) -> bool:
    """True when ``span`` lies within one of ``spans``."""
    start, end = span
    return any(s <= start and end <= e for s, e in spans)


# ----------------------------------------------------------------------------- restoring


@dataclass
class _Slot:
    start: int
    end: int
    replacement: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def restore_one(output: str, start: int, end: int, hit: TermHit, forms: LangForms, lang: str,
                input_words: set[str], *, whole_word: bool = False) -> _Slot | None:
    """The replacement of one token occurrence (a name, a placeholder), or None when it is part
    of a longer word; with ``whole_word``, letters after it that are no case suffix are
    replaced with it, and None is never returned."""
    case = None
    possessive = POSSESSIVE.match(output, end)
    following = re.match(r"(['’-]?)([^\W\d_]+)", output[end:])
    if possessive:
        end = possessive.end()  # the genitive form replaces the English 's
        case = "genitive"
    elif following:
        separator, letters = following.groups()
        table = {"az": AZ_SUFFIX_CASES, "hy": HY_SUFFIX_CASES}.get(lang, {})
        key = azerbaijani_lower(letters) if lang == "az" else letters
        english_word = output[start:end] + letters in input_words
        if key in table and (separator or not english_word):
            case = table[key]  # the suffix the model attached to the token
            end += following.end()
        elif whole_word:
            end += following.end() if not separator else 0
        elif not separator:
            return None  # part of a longer word (Israeli, Armenians)
    if lang == "he":
        return restore_hebrew(output, start, end, hit, forms)
    if case is None and lang == "ru":
        case = russian_case_from_preposition(output, start, hit)
    if case is None:
        case = ROLE_CASES.get(lang, {}).get(hit.role, "nominative")
    return _Slot(start, end, forms.form_for(case))


def russian_case_from_preposition(output: str, start: int, hit: TermHit) -> str | None:
    """The case a Russian preposition right before the token governs, if any."""
    words = re.findall(r"[\w-]+", output[:start][-20:])
    if not words or not output[:start].endswith((" ", "\u00a0")):
        return None
    preposition = words[-1].casefold()
    if preposition not in RU_PREPOSITION_CASES:
        return None
    if preposition in ("в", "во", "на") and hit.role in ("direction", "recipient"):
        return "accusative"
    return RU_PREPOSITION_CASES[preposition]


def restore_hebrew(output: str, start: int, end: int, hit: TermHit,
                   forms: LangForms) -> _Slot:
    """Attach the Hebrew prefix the model wrote (or the English context implies)."""
    before = output[:start]
    match = re.search(r"(?<![\w\u05f3'])([\u05d0-\u05ea]{1,3})([-־]?)(\s?)$", before)
    if match and HE_PREFIX.match(match.group(1)) and (
            not match.group(3) or match.group(2) or len(match.group(1)) == 1
            or match.group(1) in ("וב", "ול", "ומ", "וה", "וכ")):
        # "בNagorno-Karabakh", "ב-Nagorno-Karabakh", "ב Nagorno-Karabakh" (not "של ...")
        return _Slot(match.start(1), end, match.group(1) + forms.approved)
    words = before.split()
    if words and words[-1] in HE_SEPARATE_PREPOSITIONS:
        return _Slot(start, end, forms.approved)  # "עם Azerbaijan": no prefix
    prefix = ("ו" if hit.conjoined else "") + HE_ROLE_PREFIX.get(hit.role, "")
    return _Slot(start, end, prefix + forms.approved)
