"""Term forms in target text: restore them into MT output, find allowed and forbidden ones.

After MT each token (a term's canonical English form, copied by the model) is replaced by the
target form whose case fits: the suffix the model attached (Azerbaijani, Armenian), the Hebrew
prefix before it, the Russian preposition before it, else the role the English gave the term
(``terms.py``). ``find_term_forms`` says where a target holds each term's allowed forms and
forbidden variants; the glossary's check and ``replace_forbidden`` both read it.
Azerbaijani case forms are generated here too (``inflect_azerbaijani``, vowel harmony).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    """Where the word holding ``text[start:]`` begins, if only a Hebrew prefix precedes it."""
    position = start
    if position > 0 and text[position - 1] == "-":
        position -= 1
    begin = position
    while begin > 0 and "\u05d0" <= text[begin - 1] <= "\u05ea":
        begin -= 1
    if begin > 0 and is_letter(text[begin - 1]):
        return None
    prefix = text[begin:position]
    if prefix and not HE_PREFIX.match(prefix):
        return None
    return begin if prefix else start


def allowed_spans(text: str, forms: LangForms) -> list[Span]:
    """Where ``text`` (already normalised) holds an allowed form of a term."""
    return [span for form in forms.allowed_forms()
            for span in find_form(text, normalise_target(form, forms.lang), forms.lang)]


@dataclass(frozen=True)
class FormsFound:
    """Where a target text holds one term's allowed forms and forbidden variants."""

    forms: LangForms
    allowed: tuple[Span, ...]
    #: Each forbidden variant (in the order of ``forms.forbidden``) with its spans, stems
    #: with any ending, outside every allowed form of every term of the source.
    forbidden: tuple[tuple[str, tuple[Span, ...]], ...]


def find_term_forms(target: str, all_forms: Sequence[LangForms], lang: str) -> list[FormsFound]:
    """For each term's forms, where ``target`` holds them (spans of the same-length
    normalised text, so they index ``target`` too)."""
    haystack = normalise_target(target, lang)
    allowed = [allowed_spans(haystack, forms) for forms in all_forms]
    exempt = [span for spans in allowed for span in spans]
    found = []
    for forms, spans in zip(all_forms, allowed, strict=True):
        forbidden = tuple(
            (bad, tuple(span for span in find_form(haystack, normalise_target(bad, lang), lang,
                                                   stem=True)
                        if not inside_any(span, exempt)))
            for bad in forms.forbidden)
        found.append(FormsFound(forms, tuple(spans), forbidden))
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


def restore_terms(output: str, hits: list[TermHit], lang: str, mt_input: str) -> str:
    """Replace the tokens of ``output`` by the inflected forms of their terms."""
    input_words = set(re.findall(r"\w+", mt_input))
    by_term: dict[Term, list[TermHit]] = {}
    for hit in hits:
        by_term.setdefault(hit.term, []).append(hit)
    slots: list[_Slot] = []
    for term in sorted(by_term, key=lambda t: -len(t.token)):
        forms = term.forms_for(lang)
        assert forms is not None
        term_hits = by_term[term]
        found = 0
        for match in re.finditer(re.escape(term.token), output):
            start, end = match.span()
            if any(s.overlaps(start, end) for s in slots):
                continue
            if start > 0 and (output[start - 1].isascii() and is_letter(output[start - 1])):
                continue
            if inside_english_word(output, start, end, mt_input):
                continue  # "Israeli", "pro-Israel", "Israel-based" were in the MT input
            hit = term_hits[min(found, len(term_hits) - 1)]
            slot = restore_one(output, start, end, hit, forms, lang, input_words)
            if slot is None:
                continue
            slots.append(slot)
            found += 1
    return apply_slots(output, slots)


def apply_slots(text: str, slots: list[_Slot]) -> str:
    """``text`` with each slot's span replaced (slots do not overlap)."""
    for slot in sorted(slots, key=lambda s: -s.start):
        text = text[:slot.start] + slot.replacement + text[slot.end:]
    return text


def replace_forbidden(text: str, hits: list[TermHit], lang: str) -> tuple[str, list[str]]:
    """Replace the forbidden variants MT wrote for a term it left out; note each one."""
    terms = terms_with_forms(hits, lang)
    found_forms = find_term_forms(text, [forms for _term, forms in terms], lang)
    slots: list[_Slot] = []
    notes = []
    for (term, _forms), found in zip(terms, found_forms, strict=True):
        if found.allowed:
            continue
        hit = next(h for h in hits if h.term is term)
        for bad, spans in found.forbidden:
            for start, end in spans:
                if any(s.overlaps(start, end) for s in slots):
                    continue
                slot = forbidden_slot(text, start, end, len(bad), found.forms, hit.role, lang)
                slots.append(slot)
                notes.append(f"{term.en} → {found.forms.approved}: MT wrote "
                             f"{text[start:slot.end]!r}, replaced by {slot.replacement!r}; "
                             "check the grammar")
    return apply_slots(text, slots), notes


def forbidden_slot(text: str, start: int, end: int, stem_length: int, forms: LangForms,
                   role: str, lang: str) -> _Slot:
    """The approved form in place of the forbidden word whose stem ends at ``end``."""
    word_end = end
    while word_end < len(text) and is_letter(text[word_end]):
        word_end += 1
    if lang == "he":
        prefix = text[start:end - stem_length].rstrip("-־")
        return _Slot(start, word_end, prefix + forms.approved)
    case = ROLE_CASES.get(lang, {}).get(role, "nominative")
    return _Slot(start, word_end, forms.form_for(case))


def inside_english_word(output: str, start: int, end: int, mt_input: str) -> bool:
    """True when the token at ``start:end`` is part of a longer word the MT input had."""
    token = output[start:end]
    while start > 0 and (output[start - 1].isalnum() or output[start - 1] in "-_"):
        start -= 1
    while end < len(output) and (output[end].isalnum() or output[end] in "-_"):
        end += 1
    word = output[start:end].strip("-_")
    if word == token:
        return False
    return bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", mt_input))


def restore_one(output: str, start: int, end: int, hit: TermHit, forms: LangForms, lang: str,
                input_words: set[str]) -> _Slot | None:
    """The replacement of one token occurrence, or None when it is part of a longer word."""
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
