"""Quality checks on translations: machine drafts and human edits alike.

Each check is a small function ``(source, target, lang, context) -> Iterator[Finding]`` registered
with its code in :data:`CHECKS` (the shape of Babel's ``messages/checkers.py``). The checks run on
one pair of texts (:func:`check_translation`), on every entry of a PO file (:func:`check_catalog`)
or on PO files and folders (:func:`check_paths`, which returns a :class:`Report`).

A translator silences a check on one entry with a translator comment ``# qa-ignore: numbers, urls``
(or ``# qa-ignore: all``). Findings reach translators as extracted comments ``#. QA: <code>:
<message>``: :func:`qa_notes` gives the values for ``catalog.set_note(entry, "QA", ...)``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import polib

from translate.errors import CatalogError, LanguageError
from translate.langid import (
    EXPECTED_SCRIPT,
    MIN_LANGDETECT_PROB,
    MIN_LETTERS_FOR_LANGDETECT,
    describe_language,
    detect_langdetect,
    looks_english,
    looks_like,
    script_of_char,
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
    """What a check may need beyond the two texts: the glossary (duck-typed, may be None)."""

    glossary: Any = None


Check = Callable[[str, str, str, CheckContext], Iterator[Finding]]


# --- Tokens that must survive translation unchanged -------------------------------------------

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}\b")
HASHTAG = re.compile(r"(?<![\w&#])#[^\W\d_][\w]*")
WORD = re.compile(r"[^\W\d_]+")
#: Trailing punctuation is the sentence's, not the URL's.
URL_TRAILING = ".,;:!?)]}'’"


def find_urls(text: str) -> list[str]:
    """The URLs of ``text``, without the sentence punctuation that may follow them."""
    found = []
    for match in URL.finditer(text):
        url = match.group().rstrip(URL_TRAILING)
        if url.count("(") > url.count(")") and match.group()[len(url) :].startswith(")"):
            url += ")"
        found.append(url)
    return found


def find_emails(text: str) -> list[str]:
    """The e-mail addresses of ``text``."""
    return EMAIL.findall(text)


def find_handles(text: str) -> list[str]:
    """The @handles of ``text`` (not the ``@`` of e-mail addresses or URLs)."""
    return HANDLE.findall(strip_tokens(text, (URL, EMAIL)))


def find_hashtags(text: str) -> list[str]:
    """The #hashtags of ``text`` (not URL fragments)."""
    return HASHTAG.findall(strip_tokens(text, (URL,)))


def strip_tokens(text: str, patterns: Iterable[re.Pattern[str]] | None = None) -> str:
    """``text`` with URLs, e-mail addresses, handles and hashtags replaced by spaces."""
    for pattern in patterns if patterns is not None else (URL, EMAIL, HANDLE, HASHTAG):
        text = pattern.sub(" ", text)
    return text


def missing_items(source_items: list[str], target_items: list[str]) -> list[str]:
    """The items of the source missing from the target (as often as they are missing), sorted."""
    remaining = list(target_items)
    missing = []
    for item in source_items:
        if item in remaining:
            remaining.remove(item)
        else:
            missing.append(item)
    return sorted(missing)


#: Leftover protection markers and format placeholders, none of which belongs in a translation.
PLACEHOLDER = re.compile(
    r"⟦[^⟧]*⟧|[⟦⟧]"  # protection markers (glossary)
    r"|%(?:\(\w+\))?(?:[sd]|\.\d+f)(?!\w)"  # printf
    r"|\{\d*\}|\{[A-Za-z_]\w*\}"  # str.format
    r"|__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*__"  # __TERM0__
    r"|<(?:unk|UNK|s|/s|pad)>"  # model special tokens
)


# --- Numbers ---------------------------------------------------------------------------------

#: Digits with single separator characters between digit runs: "1,234.5", "60 000", "1.000,5".
NUMBER_TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f '’]\d+)*")
SPACES = "\u00a0\u202f "


def normalise_digits(text: str) -> str:
    """``text`` with every decimal digit of any script written as an ASCII digit."""
    return "".join(
        str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char
        for char in text
    )


def number_symbols(lang: str) -> tuple[str, str]:
    """The group (thousands) separator and decimal symbol of ``lang``, from Babel's CLDR data."""
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_group_symbol(lang), get_decimal_symbol(lang)
    except (ValueError, UnknownLocaleError) as err:
        raise LanguageError(f"unknown language code {lang!r}") from err


def parse_number(token: str, groups: str, decimal: str) -> Decimal | None:
    """The value of ``token`` written with ``groups`` separators and ``decimal`` symbol, or None."""
    whole, _, fraction = token.partition(decimal) if decimal in token else (token, "", "")
    if any(not char.isdigit() for char in fraction):
        return None
    runs = re.split(f"[{re.escape(groups)}]", whole) if groups else [whole]
    if any(not run.isdigit() for run in runs):
        return None
    if len(runs) > 1 and (len(runs[0]) > 3 or any(len(run) != 3 for run in runs[1:])):
        return None
    try:
        return Decimal("".join(runs) + ("." + fraction if fraction else "")).normalize()
    except InvalidOperation:
        return None


def number_readings(token: str, conventions: Sequence[tuple[str, str]]) -> set[Decimal] | None:
    """Every value ``token`` can have under ``conventions``; None when no convention reads it."""
    values = {v for g, d in conventions if (v := parse_number(token, g, d)) is not None}
    return values or None


def number_conventions(lang: str) -> list[tuple[str, str]]:
    """How numbers may be written in ``lang``: its own convention (with spaces as group
    separators) first, then the English one, which translators and MT also use."""
    group, decimal = number_symbols(lang)
    own = (group + (SPACES if group in SPACES or decimal == "," else ""), decimal)
    return [own, (",", ".")] if own != (",", ".") else [own]


def find_numbers(text: str, lang: str) -> list[tuple[str, set[Decimal]]]:
    """The numbers of ``text`` as (written form, possible values), outside URLs, handles and
    placeholders.

    A token that no convention of ``lang`` reads as one number (two numbers separated by a
    space, a date "01.10.2020") is read as its digit runs.
    """
    conventions = number_conventions(lang)
    found: list[tuple[str, set[Decimal]]] = []
    plain = PLACEHOLDER.sub(" ", strip_tokens(text))
    for match in NUMBER_TOKEN.finditer(normalise_digits(plain)):
        token = match.group()
        values = number_readings(token, conventions)
        if values is not None:
            found.append((token, values))
            continue
        for part in re.split(r"[^\d]", token):
            found.append((part, {Decimal(part).normalize()}))
    return found


# --- Checks ----------------------------------------------------------------------------------


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
    if EXPECTED_SCRIPT.get(lang) == "Latin" and only_names(source):
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
#: Double quotation marks of every convention the four languages use.
DOUBLE_QUOTES = "\"“”„«»‟〝〞＂"


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


def hebrew_marks_removed(text: str) -> str:
    """``text`` without ASCII quotes used as geresh/gershayim inside Hebrew words (צה"ל)."""
    return re.sub(r"(?<=[\u05d0-\u05ea])[\"'](?=[\u05d0-\u05ea])", "", text)


def quote_marks(text: str) -> str:
    """The double quotation marks of ``text``, in order."""
    return "".join(char for char in hebrew_marks_removed(text) if char in DOUBLE_QUOTES)


def quotes(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """Quotation marks of the target are balanced and not dropped."""
    source_marks, target_marks = quote_marks(source), quote_marks(target)
    odd = len(target_marks) % 2 != len(source_marks) % 2
    if odd or target_marks.count("«") != target_marks.count("»"):
        yield Finding("quotes", f"unbalanced quotation marks: {target_marks}")
    elif source_marks and not target_marks:
        yield Finding("quotes", "the quotation marks of the source are missing")


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


def glossary(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The glossary's forms are used (only when a glossary is given).

    The glossary is duck-typed: ``glossary.check(source, target, lang)`` returns problems with
    ``.message`` (and optionally ``.severity``), as translate/glossary.py's Glossary does.
    """
    if context.glossary is None:
        return
    for problem in context.glossary.check(source, target, lang):
        severity = "warning" if getattr(problem, "severity", "error") == "warning" else "error"
        message = str(problem.message).removeprefix("glossary: ")
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
    expected = EXPECTED_SCRIPT.get(lang)
    if expected is None:
        return
    foreign = foreign_words(target, expected)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        yield Finding("script", f"words not in {expected} letters: {shown}")
    for word in mixed_words(target):
        yield Finding("script", f"the word {word} mixes scripts")


def reads_as_english(text: str) -> bool:
    """Whether ``text`` is English with a few names in another language put in.

    English function words throughout decide; otherwise langdetect is asked about the words
    written in plain ASCII letters only (the inserted names carry the ə, ı, ş ... that make
    the whole look Azerbaijani), when they are long enough for it to be right.
    """
    if looks_english(text):
        return True
    ascii_words = [word for word in WORD.findall(text) if word.isascii()]
    residue = " ".join(ascii_words)
    if sum(len(word) for word in ascii_words) < MIN_LETTERS_FOR_LANGDETECT:
        return False
    guess = detect_langdetect(residue)
    return guess is not None and guess[0] == "en" and guess[1] >= MIN_LANGDETECT_PROB


def language(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target reads as the target language: script and letter evidence, then langdetect.

    Not asked when the ``script`` check already reports the target.
    """
    if any(True for _ in script(source, target, lang, context)):
        return
    text = strip_tokens(target)
    plausible, reason = looks_like(text, lang)
    if plausible and lang != "en" and reads_as_english(text):
        # An English sentence with a few target-language names in it ("Ermənistan recalls
        # ambassador from İsraildən"): the names' letters (ə) must not make it Azerbaijani.
        plausible, reason = False, "reads as English (the words around the names are English)"
    if not plausible:
        yield Finding("language", f"not {describe_language(lang)}: {reason}")


#: Expected length of a translation relative to its English source, by characters.
LENGTH_RATIO = {"hy": 1.15, "az": 1.1, "he": 0.85, "ru": 1.15}
#: Sources shorter than this vary too much in length to judge.
LENGTH_MIN_SOURCE = 50
#: Outside these bounds of (target length / source length / LENGTH_RATIO) a warning is given.
LENGTH_BOUNDS = (0.4, 2.5)


def length(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target is not much shorter or longer than a translation usually is (a warning)."""
    if len(source) < LENGTH_MIN_SOURCE or not target.strip():
        return
    ratio = len(target) / len(source) / LENGTH_RATIO.get(lang, 1.0)
    if ratio < LENGTH_BOUNDS[0]:
        yield Finding(
            "length", f"the translation is short for its source ({len(target)} vs "
            f"{len(source)} characters): something left out?", "warning")
    elif ratio > LENGTH_BOUNDS[1]:
        yield Finding(
            "length", f"the translation is long for its source ({len(target)} vs "
            f"{len(source)} characters): something repeated?", "warning")


#: An ASCII full stop after an Armenian word of two or more letters (not "թ." for year).
ARMENIAN_FULL_STOP = re.compile(r"[\u0531-\u0587]{2}\.(?=\s|$)")
HEBREW_GERESH = re.compile(r"(?<=[\u05d0-\u05ea])'(?=[\u05d0-\u05ea]|\s|$)")
HEBREW_GERSHAYIM = re.compile(r"(?<=[\u05d0-\u05ea])\"(?=[\u05d0-\u05ea])")
#: Languages whose quotation marks are guillemets «».
GUILLEMET_LANGS = frozenset({"ru", "hy", "az"})


def punctuation(source: str, target: str, lang: str, context: CheckContext) -> Iterator[Finding]:
    """The target language's punctuation conventions (warnings)."""
    if lang == "hy" and ARMENIAN_FULL_STOP.search(target):
        yield Finding(
            "punctuation", "Armenian ends a sentence with the full stop ։, not '.'", "warning")
    if lang == "he":
        if HEBREW_GERSHAYIM.search(target):
            yield Finding(
                "punctuation", "Hebrew abbreviations take gershayim ״, not '\"'", "warning")
        if HEBREW_GERESH.search(target):
            yield Finding("punctuation", "Hebrew takes the geresh ׳, not \"'\"", "warning")
    if lang in GUILLEMET_LANGS and quote_marks(source) and WORD.search(strip_tokens(target)):
        marks = quote_marks(target)
        if marks and "«" not in marks:
            name = describe_language(lang)
            yield Finding("punctuation", f"{name} quotes with «», not {marks}", "warning")


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
    glossary,
    script,
    language,
    length,
    punctuation,
)
CODES: tuple[str, ...] = tuple(check.__name__ for check in CHECKS)


def check_translation(
    source: str,
    target: str,
    lang: str,
    *,
    glossary: Any = None,
    ignore: Collection[str] = (),
) -> list[Finding]:
    """Every finding of every check of :data:`CHECKS` not in ``ignore`` ("all" silences all).

    An empty target gets only ``untranslated``, a target identical to its source only
    ``identical`` and a pseudo-translation only ``placeholders``: what the other checks would
    say follows from that.
    """
    if "all" in ignore:
        return []
    context = CheckContext(glossary=glossary)
    for first in (untranslated, identical):
        found = list(first(source, target, lang, context))
        if found:
            return [] if first.__name__ in ignore else found
    if PSEUDO.match(target) and not PSEUDO.match(source):
        return [] if "placeholders" in ignore else list(placeholders(source, target, lang, context))
    return [
        finding
        for check in CHECKS
        if check.__name__ not in ignore
        for finding in check(source, target, lang, context)
    ]


QA_IGNORE = re.compile(r"^\s*qa-ignore\s*:\s*(.*)$", re.IGNORECASE | re.MULTILINE)


def parse_qa_ignore(translator_comment: str) -> set[str]:
    """The check codes a translator comment silences: ``qa-ignore: numbers, urls`` or ``all``."""
    codes: set[str] = set()
    for match in QA_IGNORE.finditer(translator_comment or ""):
        codes.update(code.strip().lower() for code in re.split(r"[,\s]+", match.group(1)))
    codes.discard("")
    return codes


def qa_notes(findings: Iterable[Finding]) -> list[str]:
    """Values for the entry's ``QA`` extracted comment: ``<code>: <message>``, one per finding.

    The pipeline writes them with ``catalog.set_note(entry, "QA", qa_notes(findings))``, which
    gives lines ``#. QA: numbers: the number 1994 of the source is missing``.
    """
    return [f"{finding.code}: {finding.message}" for finding in findings]


# --- Catalogs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFinding:
    """A finding on one entry of a PO file."""

    file: Path | None
    line: int
    article: str
    lang: str
    msgid: str
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: file, line, article, lang, msgid, code, severity, message."""
        return {
            "file": str(self.file) if self.file is not None else None,
            "line": self.line,
            "article": self.article,
            "lang": self.lang,
            "msgid": self.msgid,
            "code": self.finding.code,
            "severity": self.finding.severity,
            "message": self.finding.message,
        }


def entry_pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, target) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


def is_translated(entry: polib.POEntry) -> bool:
    """Whether the entry has a non-empty translation (fuzzy or not)."""
    if entry.msgid_plural:
        return any(text.strip() for text in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def check_entry(entry: polib.POEntry, lang: str, *, glossary: Any = None) -> list[Finding]:
    """The findings on one entry, minus what its translator comment silences."""
    ignore = parse_qa_ignore(entry.tcomment)
    found: list[Finding] = []
    for source, target in entry_pairs(entry):
        for finding in check_translation(source, target, lang, glossary=glossary, ignore=ignore):
            if finding not in found:
                found.append(finding)
    return found


def catalog_language(po: polib.POFile, path: Path | None = None) -> str:
    """The language of a PO file: its ``Language`` header, else its ``locales/<lang>/`` folder."""
    lang = (po.metadata.get("Language") or "").strip()
    if not lang and path is not None:
        parts = path.parts
        if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
            lang = parts[-3]
    if not lang:
        where = path if path is not None else "catalog"
        raise CatalogError(
            f"{where}: no Language header and not under locales/<lang>/LC_MESSAGES/; "
            "add a 'Language: ru' header")
    return lang.replace("-", "_").split("_")[0].lower()


def article_of(path: Path, lang: str) -> str:
    """The article id of a PO file: its name without ``.po`` (and without a ``.<lang>`` suffix,
    as in ``article.ru.po``)."""
    return path.stem.removesuffix(f".{lang}") or path.stem


def check_catalog(po: polib.POFile, lang: str, *, glossary: Any = None) -> list[EntryFinding]:
    """Findings on every translated, non-obsolete entry of ``po`` (fuzzy ones included)."""
    path = Path(po.fpath) if po.fpath else None
    article = article_of(path, lang) if path is not None else ""
    return [
        EntryFinding(path, entry.linenum, article, lang, entry.msgid, finding)
        for entry in po
        if not entry.obsolete and entry.msgid and is_translated(entry)
        for finding in check_entry(entry, lang, glossary=glossary)
    ]


@dataclass
class Report:
    """The findings of a ``check`` run over PO files."""

    findings: list[EntryFinding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[EntryFinding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.finding.severity == "error"]

    @property
    def warnings(self) -> list[EntryFinding]:
        """The findings of severity warning."""
        return [f for f in self.findings if f.finding.severity == "warning"]

    def to_json(self) -> str:
        """The findings as a JSON list of objects with the keys (stable, in this order)
        ``file, line, article, lang, msgid, code, severity, message``."""
        return json.dumps([f.to_dict() for f in self.findings], ensure_ascii=False, indent=2)

    def render(self) -> str:
        """Findings grouped by article and language, one ``file:line: code: message`` each."""
        if not self.findings:
            return f"no findings in {len(self.files)} file(s)"
        lines: list[str] = []
        groups: dict[tuple[str, str], list[EntryFinding]] = {}
        for item in self.findings:
            groups.setdefault((item.article, item.lang), []).append(item)
        for (article, lang), items in groups.items():
            lines.append(f"{article} [{lang}]")
            for item in items:
                warning = " (warning)" if item.finding.severity == "warning" else ""
                lines.append(
                    f"  {item.file}:{item.line}: {item.finding.code}: "
                    f"{item.finding.message}{warning}")
        lines.append(
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s) "
            f"in {len(self.files)} file(s)")
        return "\n".join(lines)


def find_po_files(paths: Sequence[Path]) -> list[Path]:
    """The PO files named in ``paths`` or under the folders there, sorted within each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.po")))
        elif path.is_file():
            found.append(path)
        else:
            raise CatalogError(f"{path}: no such file or folder")
    return found


def check_paths(
    paths: Sequence[Path], *, glossary: Any = None, langs: Collection[str] | None = None
) -> Report:
    """Check every PO file in ``paths`` (files or folders searched for ``*.po``).

    ``langs`` limits the run to catalogs of those languages.
    """
    from translate.catalog import read_catalog

    report = Report()
    for path in find_po_files(paths):
        # read_catalog reports a bad file as path:line, and a Language header that is not
        # the language of its locales/<lang>/LC_MESSAGES/ folder as an error (else the file
        # would be checked as, or filtered out as, another language).
        po = read_catalog(path)
        lang = catalog_language(po, path)
        if langs is not None and lang not in langs:
            continue
        report.files.append(path)
        report.findings.extend(check_catalog(po, lang, glossary=glossary))
    return report
