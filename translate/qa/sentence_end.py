"""How a unit ends: its final punctuation, as each target language writes it.

:func:`final_mark` reads the mark a text ends with, past closing quotation marks, brackets and
invisible characters, as a kind: ``stop``, ``question``, ``exclamation``, ``ellipsis``,
``colon``, ``semicolon``, ``comma``, ``dash``, or ``""`` for none (a headline, a date line).
:func:`ending_problem` compares a translation's ending with its source's, in the conventions of
the target language:

* Armenian ends a sentence with the full stop ։ (typed as ``:`` on many keyboards), puts the
  question mark ՞ and the exclamation mark ՜ on the stressed word rather than at the end, and
  writes the English colon as ``.`` or ․ (mijaket).
* Russian and Armenian put the full stop after the closing quotation mark: ``«…».``, where
  English has ``…."``; a mark the quotation itself ends with (``«Почему?»``) ends the sentence.
* An abbreviation ending a date (``2020 г.``, ``2020 թ.``) is no full stop.
"""

from __future__ import annotations

import re
import unicodedata

#: What follows the final mark and does not count: closing quotation marks and brackets.
CLOSERS = "\"'”’“»›)]}〞＂"
#: The kind of each final mark.
MARKS = {
    ".": "stop", "։": "stop", "׃": "stop", "。": "stop",
    "?": "question", "՞": "question", "؟": "question",
    "!": "exclamation", "՜": "exclamation",
    "…": "ellipsis",
    ":": "colon", "․": "colon",
    ";": "semicolon",
    ",": "comma", "،": "comma",
    "—": "dash", "–": "dash", "-": "dash",
}  # fmt: skip
#: Abbreviations that may end a unit without ending a sentence, per language (the word before
#: the final '.').
ABBREVIATIONS = {
    "ru": frozenset({"г", "гг", "д", "п", "др", "тыс", "руб", "долл", "э"}),
    "hy": frozenset({"թ", "թթ", "դ", "դդ"}),
}
#: Languages that put the full stop after a closing quotation mark: «…». (never «….»).
STOP_AFTER_QUOTE = frozenset({"ru", "hy"})
#: A full stop inside the closing guillemet at the very end.
STOP_INSIDE_QUOTE = re.compile(r"[.։]»\s*$")
WORD_BEFORE_STOP = re.compile(r"(\w+)\.$")
ARMENIAN = re.compile(r"[\u0531-\u0587]")
#: Kinds a language writes with marks of another kind: Armenian ':' is its full stop as typed,
#: and '.' its colon (mijaket) as typed.
SAME_KIND = {
    "hy": {("stop", ":"), ("colon", ".")},
}


def strip_end(text: str) -> str:
    """``text`` without trailing spaces, invisible characters and closing marks."""
    end = len(text)
    while end and (
        text[end - 1].isspace()
        or text[end - 1] in CLOSERS
        or unicodedata.category(text[end - 1]) == "Cf"
    ):
        end -= 1
    return text[:end]


def final_mark(text: str) -> tuple[str, str]:
    """(kind, mark as written) of the final punctuation of ``text``; ("", "") when none."""
    body = strip_end(text)
    if body.endswith("..."):
        return "ellipsis", "..."
    if body.endswith(("?!", "!?")):
        return "question", body[-2:]
    if body and body[-1] in MARKS:
        return MARKS[body[-1]], body[-1]
    return "", ""


def ends_with_abbreviation(text: str, lang: str) -> bool:
    """Whether ``text`` ends with an abbreviation of ``lang`` and its '.' (2020 г.)."""
    match = WORD_BEFORE_STOP.search(strip_end(text))
    return match is not None and match.group(1).lower() in ABBREVIATIONS.get(lang, ())


def marked_on_word(text: str, kind: str, lang: str) -> bool:
    """Whether an Armenian text marks a question (՞) or an exclamation (՜) on a word."""
    return lang == "hy" and {"question": "՞", "exclamation": "՜"}.get(kind, "\0") in text


def is_armenian(text: str) -> bool:
    """Whether most letters of ``text`` are Armenian (not English around Armenian names)."""
    letters = [char for char in text if char.isalpha()]
    return sum(1 for char in letters if ARMENIAN.match(char)) * 2 >= len(letters) > 0


def shown(mark: str) -> str:
    """A mark for a message: "'.'", or "no punctuation"."""
    return f"'{mark}'" if mark else "no punctuation"


def ending_problem(source: str, target: str, lang: str) -> str | None:
    """What is wrong with how ``target`` ends, given how its English ``source`` ends, or None."""
    source_kind, source_mark = final_mark(source)
    kind, mark = final_mark(target)
    if lang in STOP_AFTER_QUOTE and source_kind == "stop" and STOP_INSIDE_QUOTE.search(target):
        stop = "։" if lang == "hy" else "."
        return f"the full stop goes after the closing quotation mark: «…»{stop}"
    if mark == "." and source_kind in ("", "stop") and ends_with_abbreviation(target, lang):
        return None
    if kind == source_kind or (source_kind, mark) in SAME_KIND.get(lang, ()):
        if lang == "hy" and source_kind == "stop" and mark == "." and is_armenian(target):
            return "Armenian ends a sentence with the full stop ։, not '.'"
        return None
    if kind in ("stop", "") and marked_on_word(target, source_kind, lang):
        return None
    return (
        f"the translation ends with {shown(mark)} where the source ends with {shown(source_mark)}")
