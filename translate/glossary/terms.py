"""Glossary terms in English text: where each name occurs and its grammatical role.

``find_terms`` matches the names of the terms (longest first, whole words, a hyphen counting as
a word boundary: ``Israel-based``, ``the Armenia-Azerbaijan border``), in the text as written or
all in capitals (``AZERBAIJAN:`` in a fact box), on the folded text (``translate.text.fold``: NFC,
no soft hyphens or zero-width characters), skipping the term's false friends (``Tartar
sauce``). Each hit gets a role from the English words before it: ``in`` → locative, ``from``
→ ablative, ``to`` after a verb of motion → direction, ``the town of X`` → nominative, and so
on. ``forms.py`` turns a role into the case (or Hebrew prefix) of the target form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate.glossary.types import Term
from translate.text.fold import fold, fold_string

LOCATIVE_WORDS = {"in", "inside", "within", "at"}
DIRECTION_WORDS = {"into", "towards", "toward"}
MOTION_WORDS = re.compile(
    r"^(go|goes|went|gone|going|come|comes|came|coming|travel\w*|fl(y|ies|ew|own|ying)|flight\w*|"
    r"return\w*|sen[dt]\w*|mov(e|ed|es|ing)|head\w*|arriv\w*|deport\w*|recall\w*|trip\w*|"
    r"visit\w*|dr(ive|ove|iven)|march\w*|route\w*|way|bound|back|fle(e|d|eing)\w*|exiled?|"
    r"emigrat\w*|evacuat\w*|relocat\w*|transfer\w*|deploy\w*|extradit\w*|shipped|flown)$"
)
APPOSITION_NOUNS = {"town", "city", "village", "region", "province", "district", "capital",
                    "republic", "state", "enclave", "exclave", "area", "port"}
POSSESSIVE = re.compile(r"['’]s(?!\w)")

#: A compiled alternation of term names and the term each (folded) name stands for.
TermPattern = tuple[re.Pattern[str], dict[str, "Term"]]
#: Letters a name may not touch (a hyphen, an apostrophe or a quote may: ``Israel-based``).
BEFORE_NAME = r"(?<![\w@#/])"
AFTER_NAME = r"(?!\w)"


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a term in an English text, with its grammatical role."""

    term: Term
    start: int
    end: int
    text: str
    role: str = "nominative"
    conjoined: bool = False  # preceded by "and"/"or" (Hebrew prefix ו)
    possessive: bool = False  # followed by 's
    capitals: bool = False  # written all in capitals ("AZERBAIJAN") where the name is not

    @property
    def possessive_end(self) -> int:
        """Where the hit ends with its possessive 's (``end`` when it has none)."""
        return self.end + (2 if self.possessive else 0)


def compile_term_patterns(terms: tuple[Term, ...]) -> list[TermPattern]:
    """One regex for the case-sensitive names (as written and in capitals), one for the others
    (longest first)."""
    result = []
    for sensitive in (True, False):
        names: dict[str, Term] = {}
        for term in terms:
            if term.case_sensitive == sensitive:
                for name in map(fold_string, (term.en, *term.aliases)):
                    if sensitive:
                        names.setdefault(name.upper(), term)
                    names[name if sensitive else name.casefold()] = term
        if not names:
            continue
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        flags = 0 if sensitive else re.IGNORECASE
        pattern = re.compile(rf"{BEFORE_NAME}(?:{alternation}){AFTER_NAME}", flags)
        result.append((pattern, names))
    return result


def find_terms(source: str, patterns: list[TermPattern]) -> list[TermHit]:
    """The terms of ``source``, longest match first, in text order, with their roles."""
    folded = fold(source)
    candidates = []
    for pattern, terms in patterns:
        for match in pattern.finditer(folded.text):
            matched = match.group(0)
            term = lookup_term(terms, matched, pattern.flags & re.IGNORECASE != 0)
            if is_false_friend(folded.text, match.start(), term):
                continue
            start, end = folded.span(*match.span())
            capitals = (not pattern.flags & re.IGNORECASE and matched.isupper()
                        and not any(n.isupper() and fold_string(n) == matched
                                    for n in (term.en, *term.aliases)))
            candidates.append((start, end, term, capitals))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    hits: list[TermHit] = []
    position = 0
    for start, end, term, capitals in candidates:
        if start < position:
            continue
        hits.append(TermHit(term, start, end, source[start:end], capitals=capitals))
        position = end
    return assign_roles(source, hits)


def is_false_friend(text: str, start: int, term: Term) -> bool:
    """Whether the name at ``start`` begins one of the term's false friends (``Tartar sauce``,
    ``Turkey sandwiches``: the phrase, any ending on its last word, any letter case)."""
    return any(re.match(rf"{re.escape(fold_string(phrase))}\w*", text[start:], re.IGNORECASE)
               for phrase in term.false_friends)


def lookup_term(names: dict[str, Term], matched: str, ignore_case: bool) -> Term:
    """The term a pattern match stands for. Without case, the regex also matches letters whose
    casefold differs ("İstanbul" for "Istanbul"), so fall back to a case-insensitive compare."""
    if not ignore_case:
        return names[matched]
    found = names.get(matched.casefold())
    if found is not None:
        return found
    return next(term for name, term in names.items()
                if re.fullmatch(re.escape(name), matched, re.IGNORECASE))


def words_before(text: str, position: int, count: int = 4) -> list[str]:
    """Up to ``count`` lowercase words before ``position``, nearest last (stops at . ; :)."""
    chunk = re.split(r"[.;:!?\"“”()]", text[:position])[-1]
    return [w.casefold() for w in re.findall(r"[\w'’-]+|,", chunk)][-count:]


def assign_roles(source: str, hits: list[TermHit]) -> list[TermHit]:
    """Give each hit its role from the English words around it."""
    result: list[TermHit] = []
    for index, hit in enumerate(hits):
        before = words_before(source, hit.start, 6)
        possessive = bool(POSSESSIVE.match(source, hit.end))
        conjoined = bool(before) and before[-1] in ("and", "or")
        if possessive:
            role = "genitive"
        elif conjoined:
            gap = source[hits[index - 1].end:hit.start] if index else ""
            if index and re.fullmatch(r"(['’]s)?,?\s+(and|or)\s+", gap):
                role = result[-1].role
            else:
                role = role_after(before[:-1])
                role = "nominative" if role == "subject" else role
        else:
            role = role_after(before)
        result.append(TermHit(hit.term, hit.start, hit.end, hit.text, role, conjoined,
                              possessive, hit.capitals))
    return result


def role_after(before: list[str]) -> str:
    """The role of a name that follows the English words ``before`` (nearest last)."""
    if not before or before in (["the"], ["a"]):
        return "subject"
    if before[-1] == "the":
        before = before[:-1]
    previous = before[-1] if before else ""
    if previous in LOCATIVE_WORDS:
        return "locative"
    if previous == "from" or before[-2:] == ["out", "of"]:
        return "ablative"
    if previous in DIRECTION_WORDS:
        return "direction"
    if previous == "to":
        return ("direction" if any(MOTION_WORDS.match(word) for word in before[:-1])
                else "recipient")
    if previous == "of":
        return ("nominative" if len(before) >= 2 and before[-2] in APPOSITION_NOUNS
                else "genitive")
    if previous == "with":
        return "comitative"
    if previous in ("against", "about", "between"):
        return previous
    return "nominative"
