"""Case forms of a place name the glossary may not list: proposals, never the authority.

The glossary's listed forms decide what is right. When a translation lacks every listed form of
a term, ``unlisted_forms`` says whether it holds a form the name can take all the same, as the
language's grammar proposes it (``Grammar.propose`` in ``translate.lang``: a Russian case form
from pymorphy3's dictionary, ``Шушою``, the other instrumental of ``Шуша``; an Armenian,
Azerbaijani or Turkish case suffix by rule); ``Glossary.check`` reports that as a warning
proposing to add the form, not as a missing term. Hebrew prefixes are matched directly
(``forms.find_form``).
"""

from __future__ import annotations

from translate.glossary.types import LangForms
from translate.lang import profile


def proposed_forms(forms: LangForms) -> dict[str, frozenset[str]]:
    """Case → the forms morphology proposes for a term's approved form (and accepted ones)."""
    names = (forms.approved, *(a for a in forms.accepted if not a.isupper()))  # not ԽՍՀՄ
    grammar = profile(forms.lang).grammar
    merged: dict[str, set[str]] = {}
    for name in names:
        generated = (grammar.propose(name) if forms.inflect != "none"
                     else {"nominative": frozenset({name})})
        for case, found in generated.items():
            merged.setdefault(case, set()).update(found)
    return {case: frozenset(found) for case, found in merged.items()}


def unlisted_forms(forms: LangForms) -> tuple[str, ...]:
    """Proposed forms the glossary does not allow, longest first."""
    allowed = set(forms.allowed_forms())
    found = {form for options in proposed_forms(forms).values() for form in options}
    return tuple(sorted(found - allowed, key=lambda form: (-len(form), form)))
