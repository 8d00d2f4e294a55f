"""The glossary's data: a term, its forms in one language, the cases, a problem a check finds.

Every module of the glossary reads these; none of them imports a module that uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translate.lang import profile


@dataclass(frozen=True)
class LangForms:
    """One term's forms in one language."""

    lang: str
    approved: str
    cases: dict[str, str]  # complete: every case of the language's grammar -> form
    accepted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    inflect: str = "none"
    note: str = ""

    def form_for(self, case: str) -> str:
        """The approved form in ``case`` (the nominative when the case is unknown)."""
        return self.cases.get(case, self.approved)

    def allowed_forms(self) -> tuple[str, ...]:
        """Every form a target may contain: the case forms, accepted forms (and theirs)."""
        grammar = profile(self.lang).grammar
        forms = list(dict.fromkeys(self.cases.values()))
        for form in self.accepted:
            forms.append(form)
            if self.inflect == "harmony":
                forms.extend(grammar.generate(form).values())
        return tuple(dict.fromkeys(grammar.more_forms(forms, (self.approved, *self.accepted))))


@dataclass(frozen=True, eq=False)
class Term:
    """A glossary entry: English form, aliases and per-language forms."""

    en: str
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = True
    keep: bool = False
    note: str = ""
    forms: dict[str, LangForms] = field(default_factory=dict)
    line: int = 0
    #: Phrases where a name of the term is not the place (``Tartar sauce``, ``Israel Katz``).
    false_friends: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        """The text sent to MT in place of the term: its canonical English form."""
        return self.en

    def forms_for(self, lang: str) -> LangForms | None:
        """The term's forms in ``lang``; a ``keep`` term is its English text everywhere."""
        if lang in self.forms:
            return self.forms[lang]
        if self.keep:
            return LangForms(lang, self.en, dict.fromkeys(profile(lang).grammar.cases, self.en))
        return None


@dataclass(frozen=True)
class GlossaryProblem:
    """A glossary rule a translation breaks."""

    code: str  # "missing" | "forbidden" | "unlisted" (a generated case form, a proposal)
    term: str
    message: str
    expected: str
    severity: str = "error"  # "warning": some mentions of the term are there, not all
