"""A glossary term as the rule of guarded spans (``translate.mt.protect``): what MT must write for
it.

``guards_for`` turns the term hits of an English unit into guards: each mention's target text
is the approved form in the case (Hebrew: with the prefix) that the English context calls for
(``Grammar.context_form`` of the language, ``translate.lang``),
in capitals where the source has them. A ``TermRule`` recognises the term's allowed forms in
MT output, its forbidden variants, the sound of its names; it says what replaces a wrong
rendering or a placeholder (the case the context the model wrote asks for: a suffix, a Hebrew
prefix, a Russian preposition), and names the expected form when it is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate.glossary.forms import find_term_forms, restore_one, upper
from translate.glossary.terms import TermHit
from translate.glossary.types import LangForms, Term
from translate.lang import profile
from translate.lang.language import is_letter
from translate.mt.protect import Edit, Guard, Span


@dataclass(frozen=True, eq=False)
class TermRule:
    """One term's forms in one language, for the mentions of one unit."""

    term: Term
    forms: LangForms
    lang: str
    hits: tuple[TermHit, ...]

    @property
    def name(self) -> str:
        return self.term.en

    @property
    def mentions(self) -> int:
        """How many times the unit mentions the term."""
        return len(self.hits)

    def accepted(self, output: str) -> list[Span]:
        (found,) = find_term_forms(output, [self.forms], self.lang)
        return list(found.allowed)

    def wrong(self, output: str) -> list[Span]:
        (found,) = find_term_forms(output, [self.forms], self.lang)
        return [span for _bad, spans in found.forbidden for span in spans]

    def sounds(self) -> tuple[str, ...]:
        names = [form_for_hit(hit, self.forms, self.lang) for hit in self.hits]
        return tuple(dict.fromkeys([*names, self.forms.approved, self.term.en,
                                    *self.term.aliases]))

    def replace(self, output: str, span: Span, guard: Guard) -> tuple[Edit, str | None]:
        start, end = span
        bad = self.forbidden_at(output, span)
        kept = (profile(self.lang).grammar.kept_prefix(output[start:end - len(bad)])
                if bad is not None else None)
        if kept is not None:  # "בח'אנקנדי": keep the prefix the model wrote
            edit: Edit = ((start, word_end(output, end)), kept + self.forms.approved)
        else:
            edit = self.restore(output, span, guard)
        note = None
        if bad is not None:
            wrote = output[edit[0][0]:edit[0][1]]
            note = (f"{self.term.en} → {self.forms.approved}: MT wrote {wrote!r}, replaced by "
                    f"{edit[1]!r}; check the grammar")
        return edit, note

    def forbidden_at(self, output: str, span: Span) -> str | None:
        """The forbidden variant found at ``span`` of ``output``, if it is one."""
        (found,) = find_term_forms(output, [self.forms], self.lang)
        return next((bad for bad, spans in found.forbidden if span in spans), None)

    def restore(self, output: str, span: Span, guard: Guard) -> Edit:
        hit = hit_of(guard, self.hits)
        slot = restore_one(output, span[0], span[1], hit, self.forms, self.lang, set(),
                           whole_word=True)
        assert slot is not None
        text = upper(slot.replacement, self.lang) if hit.capitals else slot.replacement
        return (slot.start, slot.end), text

    def problem(self, output: str, missing: int) -> str:
        what = "missing from the translation"
        if missing < self.mentions:
            what = f"{missing} of its {self.mentions} mentions missing from the translation"
        expected = describe_forms(self.forms)
        return f"{self.term.en} → {self.forms.approved}: {what} (write {expected})"


def guards_for(hits: Sequence[TermHit], lang: str) -> list[Guard]:
    """One guard per hit that has forms in ``lang`` (one rule per term)."""
    rules: dict[Term, TermRule] = {}
    for hit in hits:
        forms = hit.term.forms_for(lang)
        if forms is not None and hit.term not in rules:
            rules[hit.term] = TermRule(hit.term, forms, lang,
                                       tuple(h for h in hits if h.term is hit.term))
    return [Guard(hit.start, hit.possessive_end, form_for_hit(hit, rules[hit.term].forms, lang),
                  rules[hit.term])
            for hit in hits if hit.term in rules]


def form_for_hit(hit: TermHit, forms: LangForms, lang: str) -> str:
    """The form of ``hit`` that its English context calls for."""
    text = profile(lang).grammar.context_form(forms.form_for, hit.role, hit.conjoined,
                                              hit.possessive)
    return upper(text, lang) if hit.capitals else text


def hit_of(guard: Guard, hits: Sequence[TermHit]) -> TermHit:
    """The hit a guard was made for."""
    return next(hit for hit in hits if hit.start == guard.start)


def word_end(text: str, position: int) -> int:
    """Where the word going on at ``position`` ends."""
    while position < len(text) and is_letter(text[position]):
        position += 1
    return position


def describe_forms(forms: LangForms) -> str:
    """'Нагорный Карабах (or Нагорного Карабаха, ...)' for messages."""
    others = [f for f in forms.allowed_forms() if f != forms.approved]
    return profile(forms.lang).grammar.describe(forms.approved, others)
