"""Term forms in target text: restore them into MT output, find allowed and forbidden ones.

``restore_one`` gives the target form whose case fits a place in MT output (a placeholder, a
wrong rendering): the suffix the model attached (Azerbaijani, Turkish, Armenian), the prefix
before it (Hebrew), the preposition before it (Russian), else the role the English gave the
term (``terms.py``). ``find_term_forms`` says where a target holds each term's allowed forms and
forbidden variants (in the folded text: ``translate.text.fold``); the glossary's check and its
guard rules (``rule.py``) read it. What differs between languages is the language's
``Grammar`` (``translate.lang``): the suffixes that may follow a case form in the same word
(İsraildəki, Bakü'deki) are part of the name, a prefix (בירושלים) is part of the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.glossary.terms import POSSESSIVE, TermHit
from translate.glossary.types import LangForms, Term
from translate.lang import profile
from translate.lang.language import is_letter
from translate.mt.protect import Span
from translate.text.fold import Folded, fold, fold_string

# ------------------------------------------------------------------------------ finding


def fold_target(text: str, lang: str) -> Folded:
    """``text`` as matching sees it: folded (``translate.text.fold``), variants of a letter
    made one (``Grammar.normalise``: the Hebrew geresh, the Persian yeh)."""
    folded = fold(text)
    return Folded(profile(lang).grammar.normalise(folded.text), folded.starts, folded.ends)


def prepare_form(form: str, lang: str) -> str:
    """A glossary form as matching sees it."""
    return profile(lang).grammar.normalise(fold_string(form))


def upper(text: str, lang: str) -> str:
    """``text`` in capitals (Azerbaijani and Turkish ``i`` → ``İ``)."""
    return profile(lang).grammar.upper(text)


def spellings(form: str, lang: str) -> tuple[str, ...]:
    """A form as matching looks for it: as written and in capitals (a heading, a fact box)."""
    prepared = prepare_form(form, lang)
    return tuple(dict.fromkeys((prepared, upper(prepared, lang))))


def find_form(text: str, form: str, lang: str, *, stem: bool = False,
              endings: frozenset[str] = frozenset()) -> list[Span]:
    """Spans of ``form`` as a word of ``text`` (a prefix of the language allowed; stem: any
    ending; ``endings``: the letters that may follow it in the same word, spanned with it)."""
    grammar = profile(lang).grammar
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
        word_start = grammar.word_start(text, start)
        if word_start is not None:
            spans.append((word_start, end))
    return spans


def allowed_spans(text: str, forms: LangForms) -> list[Span]:
    """Where ``text`` (already folded, ``fold_target``) holds an allowed form of a term, with
    the letters that may follow its case in the same word (``Grammar.tails``: İsraildəki) and
    the forms that stand for it in a context (``Grammar.stand_ins``: Armenian Իսրայելն ա...)."""
    grammar = profile(forms.lang).grammar
    cases = form_cases(forms)
    spans = []
    for form in forms.allowed_forms():
        case = cases.get(form)
        prepared = prepare_form(form, forms.lang)
        endings = grammar.tails(prepared, case) if case else frozenset()
        for spelling in dict.fromkeys((prepared, grammar.upper(prepared))):
            spans.extend(find_form(text, spelling, forms.lang, endings=endings))
            for stand_in, following in grammar.stand_ins(spelling):
                spans.extend((start, end) for start, end in find_form(text, stand_in, forms.lang)
                             if re.match(following, text[end:]))
    return spans


def form_cases(forms: LangForms) -> dict[str, str]:
    """Form → its case, for the approved form's cases and those of each accepted form."""
    grammar = profile(forms.lang).grammar
    cases: dict[str, str] = {}
    for case, form in forms.cases.items():
        cases.setdefault(form, case)
    for accepted in forms.accepted:
        generated = (grammar.generate(accepted) if forms.inflect == "harmony"
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
    grammar = profile(lang).grammar
    case = None
    stack: tuple[str, ...] = ()  # suffixes after the case suffix (Azerbaijani -dəki)
    possessive = POSSESSIVE.match(output, end)
    following = re.match(r"(['’-]?)([^\W\d_]+)", output[end:])
    if possessive:
        end = possessive.end()  # the genitive form replaces the English 's
        case = "genitive"
    elif following:
        separator, letters = following.groups()
        suffixes = grammar.suffix_case(letters, output[start:end])
        english_word = output[start:end] + letters in input_words
        if suffixes is not None and (separator or not english_word):
            case, stack = suffixes  # the suffixes the model attached to the token
            end += following.end()
        elif whole_word:
            end += following.end() if not separator else 0
        elif not separator:
            return None  # part of a longer word (Israeli, Armenians)
    prefixed = grammar.restore_prefix(output[:start], hit.role, hit.conjoined)
    if prefixed is not None:  # a language that attaches prepositions: its prefix, no case
        prefix_start, prefix = prefixed
        return _Slot(prefix_start, end, prefix + forms.approved)
    if case is None:
        case = grammar.context_case(output[:start], hit.role)
    if case is None:
        case = grammar.case_for(hit.role)
    return _Slot(start, end, grammar.attach(forms.form_for(case), stack))
