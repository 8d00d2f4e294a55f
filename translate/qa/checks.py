"""The quality checks on one translation: machine drafts and human edits alike.

Each check is a small function ``(source, target, lang, context) -> Iterator[Finding]`` registered
with its code (its name) in :data:`CHECKS`, the shape of Babel's ``messages/checkers.py``.
:func:`check_translation` runs them on one pair of texts; :mod:`translate.qa.catalogs` runs them on
PO entries, files and folders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Literal

from translate.formats.inline import elements, plain_text, read_markup
from translate.formats.msgid_markup import describe, detect_markup, element_key
from translate.glossary.model import Glossary
from translate.lang import SOURCE_LANGUAGE, profile
from translate.lang.cldr import language_name
from translate.qa.invisible import bidi_problems, control_problems, invisible_problems
from translate.qa.numbers import find_numbers
from translate.qa.quotes import paragraph_quote_problems, quote_marks, shown_quotation
from translate.qa.sentence_end import ending_problem
from translate.qa.spacing import begin_space as begin_space_problem
from translate.qa.spacing import double_space as double_space_problem
from translate.qa.spacing import end_space as end_space_problem
from translate.text.langid import (
    WORD,
    looks_like,
    reads_as_english,
    script_of_char,
)
from translate.text.tokens import (
    PLACEHOLDER,
    URL,
    find_emails,
    find_handles,
    find_hashtags,
    find_urls,
    missing_items,
    strip_tokens,
)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem of a translation: a check code, a message for people, a severity."""

    code: str
    message: str
    severity: Severity = "error"


@dataclass(frozen=True)
class CheckContext:
    """What a check may need beyond the two texts: the glossary (duck-typed, may be None), and
    the (source, target) pairs of the unit's paragraph with the unit's position among them
    (empty when the unit is judged alone)."""

    glossary: Glossary | None = None
    paragraph: tuple[tuple[str, str], ...] = ()
    position: int = 0


Check = Callable[[str, str, str, CheckContext], Iterator[Finding]]


def untranslated(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target is empty or blank while the source is not."""
    if source.strip() and not target.strip():
        yield Finding("untranslated", "the translation is empty")


#: English month and weekday names: capitalised, yet words every target language translates.
ENGLISH_CALENDAR_WORDS = frozenset((
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
))


def only_names(text: str) -> bool:
    """Whether every word of ``text`` is capitalised, as in a name ("Barak Ravid").

    English month and weekday names do not count as names ("October 1" is "1 oktyabr").
    """
    words = WORD.findall(strip_tokens(text))
    return bool(words) and all(
        word[0].isupper() and word not in ENGLISH_CALENDAR_WORDS for word in words
    )


def identical(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target is the source, unchanged, though the source has words to translate.

    A source of names only may stay as it is in a language written in Latin letters (az).
    """
    if target.strip() != source.strip() or not WORD.search(strip_tokens(source)):
        return
    if profile(lang).script == "Latin" and only_names(source):
        return
    yield Finding("identical", "the translation is identical to the source (left in English?)")


def numbers(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Every number of the source is in the target, as the target language writes it."""
    source_numbers = find_numbers(source, "en")
    target_numbers = find_numbers(target, lang)
    unused = list(target_numbers)
    missing = []
    for written, values in source_numbers:
        match = next((t for t in unused if t[1] & values), None)
        if match is None:
            missing.append(written)
        else:
            unused.remove(match)
    source_values = set().union(*(values for _, values in source_numbers))
    for written in missing:
        yield Finding("numbers", f"the number {written} of the source is missing")
    for written, values in unused:
        if not values & source_values:
            yield Finding("numbers", f"the number {written} is not in the source", "warning")


def token_check(code: str, kind: str, finder: Callable[[str], list[str]]) -> Check:
    """A check that every item ``finder`` finds in the source is in the target unchanged."""

    def check(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
        for item in missing_items(finder(source), finder(target)):
            yield Finding(code, f"the {kind} {item} is missing or changed")

    check.__name__ = code
    check.__doc__ = f"Every {kind} of the source is in the target exactly as written."
    return check


urls = token_check("urls", "URL", find_urls)
emails = token_check("emails", "e-mail address", find_emails)
handles = token_check("handles", "handle", find_handles)
hashtags = token_check("hashtags", "hashtag", find_hashtags)

BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}"}


def bracket_problem(text: str) -> str | None:
    """What is wrong with the brackets of ``text`` ("an unclosed '('"), None when balanced."""
    closers = {v: k for k, v in BRACKET_PAIRS.items()}
    stack: list[str] = []
    for char in strip_tokens(text, (URL,)):
        if char in BRACKET_PAIRS:
            stack.append(char)
        elif char in closers:
            if not stack or stack[-1] != closers[char]:
                return f"a '{char}' without its '{closers[char]}'"
            stack.pop()
    return f"an unclosed '{stack[-1]}'" if stack else None


def brackets(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Brackets of the target are balanced (unless the source's are not either)."""
    problem = bracket_problem(target)
    if problem is not None and bracket_problem(source) is None:
        yield Finding("brackets", f"unbalanced brackets: {problem}")


def quotes(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Quotation marks of the target are balanced and not dropped, judged over the unit's
    paragraph: a quotation may open in one sentence and close in the next."""
    pairs = context.paragraph or ((source, target),)
    problem = paragraph_quote_problems(pairs).get(context.position if context.paragraph else 0)
    if problem is not None:
        yield Finding("quotes", problem)


#: The engine's pseudo-translation wraps its output in ⟦ru⟧ … ⟦/ru⟧.
PSEUDO = re.compile(r"^\s*⟦(?P<lang>[\w-]+)⟧.*⟦/(?P=lang)⟧\s*$", re.DOTALL)


def placeholders(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """No protection marker or placeholder is left in the target unless the source has it.

    A pseudo-translation (``⟦ru⟧ … ⟦/ru⟧``) is reported once, as not a real translation.
    """
    if PSEUDO.match(target) and not PSEUDO.match(source):
        yield Finding("placeholders", "a pseudo-translation (⟦…⟧ markers), not a translation")
        return
    for item in missing_items(PLACEHOLDER.findall(target), PLACEHOLDER.findall(source)):
        yield Finding("placeholders", f"leftover placeholder or marker {item}")
    for item in missing_items(PLACEHOLDER.findall(source), PLACEHOLDER.findall(target)):
        yield Finding("placeholders", f"the placeholder {item} of the source is missing")


def inline(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Every inline element of the source (link, emphasis, code, line break, image) is in the
    target once, each link with the address of its number; a link whose number was replaced
    by an address of its own (a localised link) is a warning."""
    found = detect_markup(source)
    if found is None:
        return
    syntax, nodes = found
    wanted = [element_key(node) for node in elements(nodes)]
    given = [element_key(node) for node in elements(read_markup(target, syntax, None))]
    missing = []
    for key in dict.fromkeys(wanted):
        have, need = given.count(key), wanted.count(key)
        if have > need:
            yield Finding("inline", f"{describe(key, syntax)} appears {have} times "
                          f"({need} in the source)")
        missing += [key] * max(0, need - have)
    extra = [key for key in dict.fromkeys(given) if key not in wanted for _ in
             range(given.count(key))]
    for key in missing:
        other = next((e for e in extra if e[0] == key[0] and key[0] in ("a", "img")), None)
        if other is not None:
            extra.remove(other)
            yield Finding("inline", f"{describe(key, syntax)} points to {other[1]} instead of "
                          "the source's address (a localised link? check it)", "warning")
        else:
            yield Finding("inline", f"{describe(key, syntax)} of the source is missing")
    for key in extra:
        yield Finding("inline", f"{describe(key, syntax)} is not in the source")


def glossary(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The glossary's forms are used (only when a glossary is given).

    ``Glossary.check`` finds the problems: a missing or forbidden form is an error, a term
    with fewer forms than mentions or a form the glossary does not list a warning.
    """
    if context.glossary is None:
        return
    for problem in context.glossary.check(source, target, lang):
        severity: Severity = "warning" if problem.severity == "warning" else "error"
        message = problem.message.removeprefix("glossary: ")
        yield Finding("glossary", message, severity)


def mixed_words(text: str) -> list[str]:
    """Words mixing two scripts ("Aрмения" with a Latin A): usually homoglyph damage."""
    return [
        word
        for word in WORD.findall(strip_tokens(text))
        if len({script_of_char(c) for c in word} - {None}) > 1
    ]


def foreign_words(text: str, expected: str) -> list[str]:
    """Words of ``text`` in a script that is neither ``expected`` nor Latin (names are Latin)."""
    found = []
    for word in WORD.findall(strip_tokens(text)):
        scripts = {script_of_char(c) for c in word} - {None}
        if scripts and not scripts & {expected, "Latin"}:
            found.append(word)
    return found


def script(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Letters are in the target language's script, Latin allowed for names, handles and URLs.

    Words in a third script (Cyrillic in Armenian text, Cyrillic in Azerbaijani text) and words
    mixing scripts (a Latin "A" in a Russian word) are reported; a target wholly in Latin letters
    where another script is expected is the ``language`` check's to report.
    """
    expected = profile(lang).script
    if expected is None:
        return
    foreign = foreign_words(target, expected)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        yield Finding("script", f"words not in {expected} letters: {shown}")
    for word in mixed_words(target):
        yield Finding("script", f"the word {word} mixes scripts")


def language(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target reads as the target language: script and letter evidence, then langdetect.

    Not asked when the ``script`` check already reports the target.
    """
    if any(True for _ in script(source, target, lang, context)):
        return
    text = strip_tokens(target)
    plausible, reason = looks_like(text, lang)
    if plausible and lang != SOURCE_LANGUAGE and reads_as_english(text):
        # An English sentence with a few target-language names in it ("Ermənistan recalls
        # ambassador from İsraildən"): the names' letters (ə) must not make it Azerbaijani.
        plausible, reason = False, "reads as English (the words around the names are English)"
    if not plausible:
        yield Finding("language", f"not {language_name(lang)}: {reason}")


#: Sources shorter than this vary too much in length to judge.
LENGTH_MIN_SOURCE = 50
#: Outside these bounds of (target length / source length / LENGTH_RATIO) a warning is given.
LENGTH_BOUNDS = (0.4, 2.5)


def length(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target is not much shorter or longer than a translation usually is (a warning)."""
    if len(source) < LENGTH_MIN_SOURCE or not target.strip():
        return
    ratio = len(target) / len(source) / profile(lang).length_ratio
    if ratio < LENGTH_BOUNDS[0]:
        yield Finding(
            "length", f"the translation is short for its source ({len(target)} vs "
            f"{len(source)} characters): something left out?", "warning")
    elif ratio > LENGTH_BOUNDS[1]:
        yield Finding(
            "length", f"the translation is long for its source ({len(target)} vs "
            f"{len(source)} characters): something repeated?", "warning")


def punctuation(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target language's punctuation conventions (warnings): its own (``Language.
    punctuation``: the Armenian full stop, the Hebrew geresh, Persian marks) and its
    quotation marks."""
    language = profile(lang)
    for message in language.punctuation(strip_tokens(source), target):
        yield Finding("punctuation", message, "warning")
    if language.quotes and quote_marks(source) and WORD.search(strip_tokens(target)):
        marks = quote_marks(target)
        if marks and not set(marks) & set(language.quotes):
            name = language_name(lang)
            yield Finding("punctuation", f"{name} quotes with {shown_quotation(language.quotes)}, "
                          f"not {shown_quotation(marks)}",
                          "warning")


def end_punctuation(
    source: str, target: str, lang: str, context: CheckContext
) -> Iterator[Finding]:
    """The target ends as its source does (full stop, question, colon, none...), in the target
    language's conventions (Armenian ։, «…». in Russian and Armenian, Persian ؟): a warning."""
    problem = ending_problem(source, target, lang)
    if problem is not None:
        yield Finding("end_punctuation", problem, "warning")


DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.IGNORECASE)


def doubled_words(
    source: str, target: str, lang: str, context: CheckContext
) -> Iterator[Finding]:
    """No word is written twice in a row ("посла посла"), unless the language doubles it on
    purpose (``Language.doubled_words``: Hebrew לאט לאט; Russian, Armenian and Azerbaijani
    write theirs with a hyphen, чуть-чуть, which this check never sees as two words) or the
    source has it doubled too (a name such as "Bora Bora", which a capitalised doubled word of
    the target may be, transliterated: "Бора Бора")."""
    valid = profile(lang).doubled_words
    in_source = [m.group(1) for m in DOUBLED.finditer(strip_tokens(source))]
    source_words = {word.casefold() for word in in_source}
    source_names = any(word[0].isupper() for word in in_source)
    reported = set()
    for match in DOUBLED.finditer(strip_tokens(target)):
        word = match.group(1).casefold()
        is_name = source_names and match.group(1)[0].isupper()
        if word in valid or word in source_words or is_name or word in reported:
            continue
        reported.add(word)
        yield Finding("doubled_words", f"the word '{match.group(1)}' is doubled")


def bidi(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """No bidi override, no unclosed embedding or isolate; direction controls and marks only
    in right-to-left languages (see translate/qa/invisible.py)."""
    for message, is_error in bidi_problems(source, target, lang):
        yield Finding("bidi", message, "error" if is_error else "warning")


def invisible(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """No zero-width space, soft hyphen, byte-order mark or other invisible character the
    source does not have, but for joiners where their script needs them (a warning)."""
    for message in invisible_problems(source, target):
        yield Finding("invisible", message, "warning")


def controls(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """No control character (ESC, BEL, a carriage return, DEL, C1; tab and newline are
    text): see translate/qa/invisible.py."""
    for message in control_problems(target):
        yield Finding("controls", message)


def begin_space(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target begins with the spaces its source begins with, no more, no fewer (a
    warning; see translate/qa/spacing.py)."""
    if (problem := begin_space_problem(source, target)) is not None:
        yield Finding("begin_space", problem, "warning")


def end_space(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target ends with the spaces its source ends with (a warning)."""
    if (problem := end_space_problem(source, target)) is not None:
        yield Finding("end_space", problem, "warning")


def double_space(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """No doubled space inside the target that its source does not have (a warning)."""
    if (problem := double_space_problem(source, target)) is not None:
        yield Finding("double_space", problem, "warning")


#: Every check, in the order findings are reported.
CHECKS: tuple[Check, ...] = (
    untranslated,
    identical,
    numbers,
    urls,
    emails,
    handles,
    hashtags,
    brackets,
    quotes,
    placeholders,
    inline,
    glossary,
    script,
    language,
    length,
    punctuation,
    end_punctuation,
    doubled_words,
    bidi,
    invisible,
    controls,
    begin_space,
    end_space,
    double_space,
)
CODES: tuple[str, ...] = tuple(check.__name__ for check in CHECKS)
#: The checks that read the texts as written, inline markup and all (the others read what a
#: reader reads: ``readable_texts``).
RAW: frozenset[Check] = frozenset({inline, begin_space, end_space, double_space})
#: The glossary check, by a name that check_translation's ``glossary`` parameter does not hide.
glossary_check = glossary


def check_translation(
    source: str,
    target: str,
    lang: str,
    *,
    glossary: Glossary | None = None,
    ignore: Collection[str] = (),
    paragraph: tuple[tuple[str, str], ...] = (),
    position: int = 0,
) -> list[Finding]:
    """Every finding of every check of :data:`CHECKS` not in ``ignore`` ("all" silences all).

    ``paragraph`` holds the (source, target) pairs of the unit's paragraph, the unit at
    ``position`` among them, for the checks that judge a paragraph (``quotes``).

    An empty target gets only ``untranslated``, a target identical to its source only
    ``identical`` and ``glossary`` (the place forms it needs), and a pseudo-translation only
    ``placeholders``: what the other checks would say follows from that.
    """
    if "all" in ignore:
        return []
    context = CheckContext(glossary=glossary, paragraph=paragraph, position=position)
    for first in (untranslated, identical):
        found = list(first(source, target, lang, context))
        if found:
            found = [] if first.__name__ in ignore else found
            if first is identical and "glossary" not in ignore:
                found += glossary_check(source, target, lang, context)
            return found
    if PSEUDO.match(target) and not PSEUDO.match(source):
        return [] if "placeholders" in ignore else list(placeholders(source, target, lang, context))
    texts = readable_texts(source, target)
    return [
        finding
        for check in CHECKS
        if check.__name__ not in ignore
        for finding in check(*((source, target) if check in RAW else texts), lang, context)
    ]


def readable_texts(source: str, target: str) -> tuple[str, str]:
    """What a reader reads of a source with inline markup and of its target (the markup left
    out, for every check but ``inline``); the texts themselves when the source has none."""
    found = detect_markup(source)
    if found is None:
        return source, target
    syntax, nodes = found
    return plain_text(nodes), plain_text(read_markup(target, syntax, None))
