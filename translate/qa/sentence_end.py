"""How a unit ends: its final punctuation, as each target language writes it.

:func:`final_mark` reads the mark a text ends with, past closing quotation marks, brackets and
invisible characters, as a kind: ``stop``, ``question``, ``exclamation``, ``ellipsis``,
``colon``, ``semicolon``, ``comma``, ``dash``, or ``""`` for none (a headline, a date line).
:func:`ending_problem` compares a translation's ending with its source's, in the conventions of
the target language (its profile, ``translate.lang``: ``own_marks``, ``same_kind``,
``word_marks``, ``stop_after_quote``, ``abbreviations``):

* Armenian ends a sentence with the full stop ։ (typed as ``:`` on many keyboards), puts the
  question mark ՞ and the exclamation mark ՜ on the stressed word rather than at the end, and
  writes the English colon as ``.`` or ․ (mijaket).
* Russian and Armenian put the full stop after the closing quotation mark: ``«…».``, where
  English has ``…."``; a mark the quotation itself ends with (``«Почему?»``) ends the sentence.
* Persian asks with ؟ (and writes ، and ؛), not the ASCII marks.
* An abbreviation ending a date (``2020 г.``, ``2020 թ.``) is no full stop.
"""

from __future__ import annotations

import re
import unicodedata

from translate.lang import profile
from translate.lang.cldr import language_name
from translate.text.langid import script_counts

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
#: A full stop inside the closing guillemet at the very end.
STOP_INSIDE_QUOTE = re.compile(r"[.։]»\s*$")
WORD_BEFORE_STOP = re.compile(r"(\w+)\.$")
#: What the language's own mark of each kind is called in a message.
MARK_NAMES = {"stop": "the full stop", "question": "the question mark",
              "exclamation": "the exclamation mark", "comma": "the comma",
              "semicolon": "the semicolon", "colon": "the colon"}


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
    return match is not None and match.group(1).lower() in profile(lang).abbreviations


def marked_on_word(text: str, kind: str, lang: str) -> bool:
    """Whether a text marks a question or an exclamation on a word (Armenian ՞ ՜)."""
    mark = profile(lang).word_marks.get(kind)
    return mark is not None and mark in text


def in_script(text: str, script: str | None) -> bool:
    """Whether at least half the letters of ``text`` are in ``script`` (not English around
    the target language's names)."""
    counts = script_counts(text)
    total = sum(counts.values())
    return script is not None and total > 0 and counts[script] * 2 >= total


def own_mark_problem(text: str, kind: str, mark: str, lang: str) -> str | None:
    """The message when ``text`` ends with the ASCII mark of ``kind`` where its language
    writes its own (Armenian ։, Persian ؟), in text written in its script."""
    language = profile(lang)
    own = language.own_marks.get(kind)
    if own is None or mark == own or not mark.isascii() or not in_script(text, language.script):
        return None
    return f"{language_name(lang)} ends a sentence with {MARK_NAMES[kind]} {own}, not '{mark}'"


def shown(mark: str) -> str:
    """A mark for a message: "'.'", or "no punctuation"."""
    return f"'{mark}'" if mark else "no punctuation"


def ending_problem(source: str, target: str, lang: str) -> str | None:
    """What is wrong with how ``target`` ends, given how its English ``source`` ends, or None."""
    source_kind, source_mark = final_mark(source)
    kind, mark = final_mark(target)
    language = profile(lang)
    if language.stop_after_quote and source_kind == "stop" and STOP_INSIDE_QUOTE.search(target):
        stop = language.own_marks.get("stop", ".")
        return f"the full stop goes after the closing quotation mark: «…»{stop}"
    if mark == "." and source_kind in ("", "stop") and ends_with_abbreviation(target, lang):
        return None
    if kind == source_kind:
        return own_mark_problem(target, kind, mark, lang)
    if (source_kind, mark) in language.same_kind:
        return None
    if kind in ("stop", "") and marked_on_word(target, source_kind, lang):
        return None
    return (
        f"the translation ends with {shown(mark)} where the source ends with {shown(source_mark)}")
