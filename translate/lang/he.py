"""Hebrew: Hebrew script, right to left; geresh ׳ and gershayim ״ (not ASCII quotes) in
abbreviations; names take no cases but one-letter prefixes (ב ל מ ו ה כ ש: בירושלים, לבאקו),
which the glossary attaches as the English context calls for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from translate.lang.language import Grammar, Language, is_letter

#: The prefix an English role calls for (in Jerusalem → בירושלים).
ROLE_PREFIX = {"locative": "ב", "ablative": "מ", "direction": "ל", "recipient": "ל"}
#: What may be attached before a name: and, that, then one preposition or the article.
PREFIX = re.compile(r"^ו?ש?[בלמכה]?$")
#: Prepositions written as words of their own: the name after them takes no prefix.
SEPARATE_PREPOSITIONS = {
    "אל", "על", "עם", "מן", "בתוך", "מתוך", "לתוך", "עד", "נגד", "של", "בין", "אצל", "מול",
    "ליד", "לעבר", "כלפי", "לגבי", "אודות", "דרך", "מאת", "בשביל", "עבור", "לפני", "אחרי",
}
#: Same-length normalisation for matching: geresh, gershayim and maqaf as typed.
NORMALISE = str.maketrans({"'": "׳", "’": "׳", "‘": "׳", "־": "-", '"': "״"})
#: A prefix the model wrote before a name (``בNagorno-Karabakh``, ``ב-``, ``ב ``).
PREFIX_BEFORE = re.compile(r"(?<![\w\u05f3'])([\u05d0-\u05ea]{1,3})([-־]?)(\s?)$")


def letters_before(text: str, position: int) -> int:
    """Where the run of Hebrew letters that ends at ``position`` begins."""
    while position > 0 and "\u05d0" <= text[position - 1] <= "\u05ea":
        position -= 1
    return position


class HebrewGrammar(Grammar):
    """Hebrew names: no cases; prefixes attached."""

    inflect_rules = ("prefixes",)
    no_cases = "Hebrew names have no cases (the prefixes ב ל מ ו ה כ ש are generated)"

    def normalise(self, text: str) -> str:
        return text.translate(NORMALISE)

    def word_start(self, text: str, start: int) -> int | None:
        """The prefix may come first (``בירושלים``, ``ב-ירושלים``); after a hyphen that joins
        two names (``UAE-ישראל``, ``אזרבייג׳ן-ישראל``) the name begins a word of its own."""
        begin = letters_before(text, start)
        if begin < start:
            prefix_ok = PREFIX.match(text[begin:start]) is not None
            return begin if prefix_ok and not (begin > 0 and is_letter(text[begin - 1])) else None
        if start > 0 and text[start - 1] == "-":
            begin = letters_before(text, start - 1)
            if begin < start - 1 and PREFIX.match(text[begin:start - 1]) and not (
                    begin > 0 and is_letter(text[begin - 1])):
                return begin
            return start
        return None if start > 0 and is_letter(text[start - 1]) else start

    def restore_prefix(self, before: str, role: str, conjoined: bool) -> tuple[int, str] | None:
        """The prefix the model wrote (or the English context implies)."""
        match = PREFIX_BEFORE.search(before)
        if match and PREFIX.match(match.group(1)) and (
                not match.group(3) or match.group(2) or len(match.group(1)) == 1
                or match.group(1) in ("וב", "ול", "ומ", "וה", "וכ")):
            # "בNagorno-Karabakh", "ב-Nagorno-Karabakh", "ב Nagorno-Karabakh" (not "של ...")
            return match.start(1), match.group(1)
        words = before.split()
        if words and words[-1] in SEPARATE_PREPOSITIONS:
            return len(before), ""  # "עם Azerbaijan": no prefix
        return len(before), ("ו" if conjoined else "") + ROLE_PREFIX.get(role, "")

    def kept_prefix(self, written: str) -> str | None:
        return written.rstrip("-־")  # "בח'אנקנדי": keep the prefix the model wrote

    def context_form(self, form_for: Callable[[str], str], role: str, conjoined: bool,
                     possessive: bool) -> str:
        prefix = "" if possessive else ROLE_PREFIX.get(role, "")
        return ("ו" if conjoined else "") + prefix + form_for("nominative")

    def describe(self, approved: str, others: Sequence[str]) -> str:
        return f"{approved} (prefixes ב ל מ ו ה כ ש may be attached)"


GERESH = re.compile(r"(?<=[\u05d0-\u05ea])'(?=[\u05d0-\u05ea]|\s|$)")
GERSHAYIM = re.compile(r"(?<=[\u05d0-\u05ea])\"(?=[\u05d0-\u05ea])")


def punctuation(source: str, target: str) -> Iterator[str]:
    """Geresh and gershayim, not the ASCII quotes typed for them."""
    if GERSHAYIM.search(target):
        yield "Hebrew abbreviations take gershayim ״, not '\"'"
    if GERESH.search(target):
        yield "Hebrew takes the geresh ׳, not \"'\""


HEBREW = Language(
    "he",
    script="Hebrew",
    names_script=True,
    punctuation=punctuation,
    length_ratio=0.85,
    doubled_words=frozenset({"לאט", "אט", "מעט", "טיפין", "צעד", "אחד", "יום", "שבוע", "חודש",
                             "שנה"}),
    pseudo_letters="אבצדעפגהייכלמנופקרסתוווכיז",
    grammar=HebrewGrammar(),
)
