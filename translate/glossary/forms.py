"""Term forms in target text: restore them into MT output, find allowed and forbidden ones.

``restore_one`` gives the target form whose case fits a place in MT output (a placeholder, a
wrong rendering): the suffix the model attached (Azerbaijani, Armenian), the Hebrew prefix
before it, the Russian preposition before it, else the role the English gave the term
(``terms.py``). ``find_term_forms`` says where a target holds each term's allowed forms and
forbidden variants (in the folded text: ``translate.text.fold``); the glossary's check and its
guard rules (``rule.py``) read it. Azerbaijani case forms are generated here too
(``inflect_azerbaijani``, vowel harmony), and the suffixes that may follow a case form in the
same word (``azerbaijani_tails``: İsraildəki, Bakıdakılara, Bakıdadır) are part of the name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.glossary.terms import POSSESSIVE, TermHit
from translate.glossary.types import LangForms, Term
from translate.lang.az import (
    AZ_SUFFIX_CASES,
    append_suffixes,
    azerbaijani_lower,
    azerbaijani_tails,
    inflect_azerbaijani,
)
from translate.mt.protect import Span
from translate.text.fold import Folded, fold, fold_string

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


@functools.lru_cache(maxsize=4096)
def azerbaijani_endings(form: str, case: str) -> frozenset[str]:
    """The letters that may follow ``form`` (a name in ``case``) in the same word: each suffix
    stack of ``azerbaijani_tails``, as written and in capitals."""
    endings = {append_suffixes(form, tail)[len(form):] for tail in azerbaijani_tails(case)}
    return frozenset(endings | {upper(ending, "az") for ending in endings})


def split_azerbaijani_suffixes(letters: str,
                               token: str = "") -> tuple[str, tuple[str, ...]] | None:
    """(case, the suffix stack after it) of the letters a model attached to a name
    (``dakı`` → locative, -ki), whatever their vowel harmony; None when they are none. When
    the ``token`` they follow ends in a case suffix of two letters or more (the rendering
    found was ``Israeldən`` of ``Israeldəndir``), the letters may be a stack after it."""
    key = azerbaijani_lower(letters)
    ending = azerbaijani_lower(token)
    for suffix in sorted(AZ_SUFFIX_CASES, key=len, reverse=True):
        if len(suffix) >= 2 and ending.endswith(suffix) and len(ending) > len(suffix):
            case = AZ_SUFFIX_CASES[suffix]
            tail = next((tail for tail in azerbaijani_tails(case)
                         if re.fullmatch(tail_pattern(tail), key)), None)
            if tail is not None:
                return case, tail
            break
    if key in AZ_SUFFIX_CASES:
        return AZ_SUFFIX_CASES[key], ()
    for cut in range(len(key) - 1, -1, -1):
        stem_case = AZ_SUFFIX_CASES.get(key[:cut]) if cut else "nominative"
        if stem_case is None:
            continue
        for tail in azerbaijani_tails(stem_case):
            if re.fullmatch(tail_pattern(tail), key[cut:]):
                return stem_case, tail
    return None


def tail_pattern(tail: tuple[str, ...]) -> str:
    """A regex for a suffix stack in any vowel harmony."""
    return "".join(re.sub(r"\((\w)\)", r"\1?", template).replace("A", "[aə]")
                   .replace("I", "[ıiuü]") for template in tail)


# ------------------------------------------------------------------------------ finding


def normalise_target(text: str, lang: str) -> str:
    """Same-length normalisation for matching (Hebrew geresh/maqaf variants)."""
    return text.translate(HE_NORMALISE) if lang == "he" else text


def fold_target(text: str, lang: str) -> Folded:
    """``text`` as matching sees it: folded (``translate.text.fold``), Hebrew variants
    normalised."""
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


def find_form(text: str, form: str, lang: str, *, stem: bool = False,
              endings: frozenset[str] = frozenset()) -> list[Span]:
    """Spans of ``form`` as a word of ``text`` (Hebrew: prefixes allowed; stem: any ending;
    ``endings``: the letters that may follow it in the same word, spanned with it)."""
    spans = []
    for match in re.finditer(re.escape(form), text):
        start, end = match.span()
        if not stem and end < len(text) and is_letter(text[end]):
            word_end = end
            while word_end < len(text) and is_letter(text[word_end]):
                word_end += 1
            if text[end:word_end] not in endings:
                continue
            end = word_end
        if lang == "he":
            prefix_start = hebrew_prefix_start(text, start)
            if prefix_start is None:
                continue
            start = prefix_start
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
    """Where ``text`` (already folded, ``fold_target``) holds an allowed form of a term (in
    Azerbaijani with the suffixes that may follow its case: İsraildəki)."""
    cases = azerbaijani_cases(forms) if forms.lang == "az" else {}
    spans = []
    for form in forms.allowed_forms():
        case = cases.get(form)
        endings = azerbaijani_endings(prepare_form(form, "az"), case) if case else frozenset()
        for spelling in spellings(form, forms.lang):
            spans.extend(find_form(text, spelling, forms.lang, endings=endings))
            if forms.lang == "hy" and spelling.endswith(("ը", "Ը")):
                spans.extend(armenian_article_before_vowel(text, spelling))
    return spans


def armenian_article_before_vowel(text: str, definite: str) -> list[Span]:
    """Where ``text`` holds the definite form ``definite`` (-ը) with the article -ն that
    takes its place before a word beginning with a vowel (Իսրայելն անօդաչուներ)."""
    article = definite[:-1] + ("Ն" if definite.isupper() else "ն")
    return [(start, end) for start, end in find_form(text, article, "hy")
            if re.match(r"\s+[աեէըիոօԱԵԷԸԻՈՕ]", text[end:])]


def azerbaijani_cases(forms: LangForms) -> dict[str, str]:
    """Form → its case, for the approved form's cases and those of each accepted form."""
    cases: dict[str, str] = {}
    for case, form in forms.cases.items():
        cases.setdefault(form, case)
    for accepted in forms.accepted:
        generated = (inflect_azerbaijani(accepted) if forms.inflect == "harmony"
                     else {"nominative": accepted})
        for case, form in generated.items():
            cases.setdefault(form, case)
    return cases


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
    stack: tuple[str, ...] = ()  # Azerbaijani suffixes after the case suffix (-dəki)
    possessive = POSSESSIVE.match(output, end)
    following = re.match(r"(['’-]?)([^\W\d_]+)", output[end:])
    if possessive:
        end = possessive.end()  # the genitive form replaces the English 's
        case = "genitive"
    elif following:
        separator, letters = following.groups()
        suffixes = (split_azerbaijani_suffixes(letters, output[start:end]) if lang == "az"
                    else (HY_SUFFIX_CASES[letters], ()) if lang == "hy"
                    and letters in HY_SUFFIX_CASES else None)
        english_word = output[start:end] + letters in input_words
        if suffixes is not None and (separator or not english_word):
            case, stack = suffixes  # the suffixes the model attached to the token
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
    return _Slot(start, end, append_suffixes(forms.form_for(case), stack))


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
