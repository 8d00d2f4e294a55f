"""A language profile: what the tool knows of one target language, in one typed object.

CLDR's facts (the English name, the text direction, the gettext ``Plural-Forms``, the number
symbols) come from Babel for any code (``cldr.py``); a :class:`Language` adds what CLDR does
not say and each stage needs: the script and the letters that tell the language from others of
its script, punctuation (the full stop, the marks of a question, quotation marks, what a
sentence ends with), which numbering systems its numbers are written in, words it doubles on
purpose, how long a translation usually is, and, as its :class:`Grammar`, how a place name
takes its grammar (cases, suffixes, prefixes, prepositions). The shared code asks the profile
(``profile(lang).grammar.tails(...)``) and never compares language codes itself; each
language's profile is one module of this package (``hy.py``, ``az.py`` ...), registered in
``__init__.py``.

Grammar works on text only (a form, the letters after it, the text before it), so that this
package stays below the glossary that uses it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

#: An English role of a term (``translate.glossary.terms``) → the case that renders it.
RoleCases = Mapping[str, str]


def is_letter(char: str) -> bool:
    """Whether ``char`` continues a word (a letter or a digit)."""
    return char.isalpha() or char.isdigit()


def frozen(mapping: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """A read-only copy of ``mapping`` (profiles are shared by every thread)."""
    return MappingProxyType(dict(mapping or {}))


class Grammar:
    """How a place name takes its grammar in a language; this base is a language whose names
    never change (no cases, no prefixes), and each method is a question the glossary asks."""

    #: The cases a glossary entry may list, the nominative first.
    cases: tuple[str, ...] = ("nominative",)
    #: The ``inflect`` rules a glossary entry may name; the first is the default.
    inflect_rules: tuple[str, ...] = ("none",)
    #: Why an entry may not list cases ("" when it may: the rule is ``table``).
    no_cases: str = ""
    role_cases: RoleCases = frozen()

    def case_for(self, role: str) -> str:
        """The case the English ``role`` of a mention calls for."""
        return self.role_cases.get(role, "nominative")

    def generate(self, name: str) -> dict[str, str]:
        """Case → form of ``name`` by the language's rule (the ``harmony`` rule)."""
        return dict.fromkeys(self.cases, name)

    def propose(self, name: str) -> dict[str, frozenset[str]]:
        """Case → the forms morphology proposes for ``name`` (proposals, never the authority)."""
        return {"nominative": frozenset({name})}

    def more_forms(self, forms: list[str], names: Sequence[str]) -> list[str]:
        """``forms`` (a term's case forms and accepted forms) with the other spellings a
        target may use for them; ``names`` are the approved and accepted forms."""
        return forms

    def normalise(self, text: str) -> str:
        """``text`` with variants of the same letter made one, character for character (the
        length never changes: offsets stay valid)."""
        return text

    def upper(self, text: str) -> str:
        """``text`` in capitals."""
        return text.upper()

    def suffix_case(self, letters: str, token: str) -> tuple[str, tuple[str, ...]] | None:
        """(case, the suffixes after it) of ``letters`` a model attached to a name written as
        ``token``; None when they are no case suffix (part of a longer word)."""
        return None

    def attach(self, word: str, suffixes: tuple[str, ...]) -> str:
        """``word`` with the ``suffixes`` of :meth:`suffix_case` attached."""
        return word + "".join(suffixes)

    def tails(self, form: str, case: str) -> frozenset[str]:
        """The letters that may follow ``form`` (a name in ``case``) in the same word and
        still be the name (Azerbaijani İsraildə|ki)."""
        return frozenset()

    def context_case(self, before: str, role: str) -> str | None:
        """The case the words right ``before`` a name call for (a Russian preposition)."""
        return None

    def stand_ins(self, form: str) -> tuple[tuple[str, str], ...]:
        """(form, a pattern of what must follow it) for each form that stands for ``form`` in
        a context (Armenian: the article -ն before a vowel for the definite -ը)."""
        return ()

    def word_start(self, text: str, start: int) -> int | None:
        """Where the word holding a form found at ``start`` begins (a prefix may come first),
        or None when the form is part of a longer word."""
        return None if start > 0 and is_letter(text[start - 1]) else start

    def restore_prefix(self, before: str, role: str, conjoined: bool) -> tuple[int, str] | None:
        """For a language that attaches prepositions to names: (where the name's word begins in
        ``before``, the prefix to write) for a name put back after ``before``; None otherwise."""
        return None

    def kept_prefix(self, written: str) -> str | None:
        """The prefix to keep of ``written`` (what precedes a wrong name in its word), or None
        when the language attaches none."""
        return None

    def context_form(self, form_for: Callable[[str], str], role: str, conjoined: bool,
                     possessive: bool) -> str:
        """The form a mention's English context calls for (``form_for(case)`` gives a case)."""
        return form_for(self.case_for(role))

    def describe(self, approved: str, others: Sequence[str]) -> str:
        """'Нагорный Карабах or a case form: ...' for messages."""
        return approved + (f" or a case form: {', '.join(others[:6])}" if others else "")


@dataclass(frozen=True)
class Clue:
    """Letters that tell a language from the others of its script: text holding one of
    ``letters`` (and one of ``with_letters`` when given), none of ``unless``, with at least
    ``min_letters`` letters in all."""

    letters: frozenset[str]
    with_letters: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    min_letters: int = 0

    @property
    def decisive(self) -> bool:
        """Whether the letters decide alone (the Azerbaijani ə)."""
        return not (self.with_letters or self.unless or self.min_letters)

    def holds(self, chars: set[str] | frozenset[str], letters: int) -> bool:
        """Whether text of these ``chars`` and ``letters`` letters shows the language."""
        return bool(chars & self.letters) and letters >= self.min_letters and (
            not self.with_letters or bool(chars & self.with_letters)
        ) and not chars & self.unless


def no_conventions(source: str, target: str) -> Iterator[str]:
    """A language with no punctuation conventions beyond its sentence end."""
    return iter(())


@dataclass(frozen=True)
class Language:
    """One target language: everything language-specific the stages ask (see the module
    docstring); a code without a profile gets :func:`generic`'s defaults."""

    code: str
    #: The script its letters are in, as ``translate.text.langid`` names scripts (None: any).
    script: str | None = None
    #: Whether text in its script is this language without further evidence (Armenian).
    names_script: bool = False
    #: Whether this is the language text in its script most likely is (Russian for Cyrillic).
    likeliest_in_script: bool = False
    #: Letters that tell it from the other languages of its script, tried in order.
    clues: tuple[Clue, ...] = ()
    #: A language identification of this language is believed only on text with one of these.
    identified_by: frozenset[str] = frozenset()
    #: Language a text in it is mistaken for → why that text is not in it (for a message).
    misread: Mapping[str, str] = field(default_factory=frozen)
    #: Final marks of its own: kind ("stop", "question"...) → mark (Armenian ։).
    own_marks: Mapping[str, str] = field(default_factory=frozen)
    #: (kind of the English ending, mark) pairs it writes for that kind (Armenian ':' as ։).
    same_kind: frozenset[tuple[str, str]] = frozenset()
    #: Kinds it may mark on a word rather than at the end → the mark (Armenian ՞ ՜).
    word_marks: Mapping[str, str] = field(default_factory=frozen)
    #: Whether the full stop goes after a closing quotation mark: «…».
    stop_after_quote: bool = False
    #: Abbreviations that may end a unit with '.' without ending a sentence (2020 г.).
    abbreviations: frozenset[str] = frozenset()
    #: The quotation marks it quotes with, its usual pair first ("": any marks will do).
    quotes: str = ""
    #: Its punctuation conventions inside the text: (source without tokens, target) → messages.
    punctuation: Callable[[str, str], Iterator[str]] = no_conventions
    #: Expected length of a translation relative to its English source, by characters.
    length_ratio: float = 1.0
    #: Words it doubles on purpose, with a space between (Hebrew לאט לאט).
    doubled_words: frozenset[str] = frozenset()
    #: CLDR numbering systems its numbers are written in, besides ``latn`` (Persian arabext).
    numbering_systems: tuple[str, ...] = ()
    #: More (group, decimal) conventions its writers use besides CLDR's (Persian 2/5).
    number_conventions: tuple[tuple[str, str], ...] = ()
    #: a-z written in its script by the pseudo-translation (26 letters; "" keeps them).
    pseudo_letters: str = ""
    #: The OPUS-MT model to convert when the public Argos index has no en→code package.
    opus_mt: str = ""
    grammar: Grammar = field(default_factory=Grammar)

    def __post_init__(self) -> None:
        if self.pseudo_letters and len(self.pseudo_letters) != 26:
            raise ValueError(f"{self.code}: pseudo_letters must map each of a-z")


@functools.lru_cache(maxsize=64)
def generic(code: str) -> Language:
    """The profile of a language the tool has no rules for: CLDR's facts only."""
    return Language(code)
