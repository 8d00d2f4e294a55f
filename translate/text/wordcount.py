"""Source words as Translate Toolkit's ``pocount`` counts them: Unicode words (UAX #29).

``pocount`` (and Weblate, which uses Translate Toolkit) splits a text at the word boundaries of
Unicode's UAX #29 and counts the pieces that hold a letter or a digit: "Nagorno-Karabakh" is two
words, a lone "-" or "—" none, "1,500", "don't", "Armenia’s" and "U.S" one each, and a URL
several (https, www.mfa.am, en, ...). HTML tags are no words (``<br>`` separates two).

One deliberate difference: before splitting, ``pocount`` 3.20 replaces every letter-dot-letter
triple (regex ``\\D\\.\\D``) with a space, which deletes letters: it counts "U.S. officials" as
one word, "e.g." as none and "press@mfa.am" as three. :func:`count_words` does not; on the
articles of this repository the difference is measured by ``benchmarks/peer_qa.py``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: What ``pocount`` removes before counting (its own expressions): <br> separates, tags vanish.
BR_TAG = re.compile(r"<br\s*?/?>")
XML_TAG = re.compile(
    r"<([\w.:]+)(\s([\w.:]+=((\".*?\")|('.*?')))?)*/?>|</([\w.]+)>"
)

# Word_Break classes of UAX #29 that are not decided by the general category alone.
MID_LETTER = frozenset(":\u00b7\u0387\u055f\u05f4\u2027\ufe13\ufe55\uff1a")
MID_NUM_LET = frozenset(".\u2018\u2019\u2024\ufe52\uff07\uff0e")
MID_NUM = frozenset(
    ",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b")
NEWLINES = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
#: Armenian marks written on a word (՚ ՛ ՜ ՞) and the Hebrew geresh are letters to UAX #29.
LETTER_MARKS = frozenset("\u055a\u055b\u055c\u055e\u05f3")


#: Characters whose Word_Break class their general category does not tell.
CHAR_CLASSES = {
    **dict.fromkeys(MID_LETTER, "L"),
    **dict.fromkeys(MID_NUM_LET, "P"),
    **dict.fromkeys(MID_NUM, "M"),
    "'": "Q",
    '"': "D",
    **dict.fromkeys(NEWLINES, "B"),
    **dict.fromkeys(LETTER_MARKS, "A"),
    "\u202f": "X",  # NARROW NO-BREAK SPACE, ExtendNumLet since Unicode 11
    "\u200b": "O",  # ZERO WIDTH SPACE, a format character but no Format one to UAX #29
    "\u30fc": "K",  # KATAKANA-HIRAGANA PROLONGED SOUND MARK
}
#: Word_Break classes that follow from the general category (marks, formats, digits, "_").
CATEGORY_CLASSES = {"Mn": "E", "Mc": "E", "Me": "E", "Cf": "E", "Nd": "N", "Pc": "X"}


def word_class(char: str) -> str:
    """The UAX #29 Word_Break class of ``char``, one letter: A(Letter), H(ebrew_Letter),
    N(umeric), K(atakana), X (ExtendNumLet), L (MidLetter), P (MidNumLet), M (MidNum),
    Q (Single_Quote), D (Double_Quote), E (Extend, Format, ZWJ), B (newline), O (other)."""
    if char in CHAR_CLASSES:
        return CHAR_CLASSES[char]
    category = unicodedata.category(char)
    if category in CATEGORY_CLASSES:
        return CATEGORY_CLASSES[category]
    if "\u05d0" <= char <= "\u05f2" or "\ufb1d" <= char <= "\ufb4f":
        return "H" if category == "Lo" else "O"
    return letter_class(char)


def letter_class(char: str) -> str:
    """The class of a character that is no Hebrew and none of the above: A for a letter, but
    K for Katakana and O for an ideograph or Hiragana (each is a word of its own)."""
    if not char.isalpha():
        return "O"
    name = unicodedata.name(char, "")
    if name.startswith("KATAKANA"):
        return "K"
    if name.startswith(("CJK", "HIRAGANA")):
        return "O"
    return "A"


#: The rules of UAX #29 that keep two characters in one word (WB5 to WB13b; WB4 attached the
#: Extend and Format characters already): the classes allowed two before the boundary, just
#: before it, just after it and one after, as (two_before, before, here, after); "*": any.
KEEP_TOGETHER = (
    ("*", "AH", "AH", "*"),  # WB5: letter letter
    ("*", "AH", "LPQ", "AH"),  # WB6: letter × (MidLetter | MidNumLet | ') letter
    ("AH", "LPQ", "AH", "*"),  # WB7: letter (MidLetter | MidNumLet | ') × letter
    ("*", "H", "Q", "*"),  # WB7a: Hebrew letter × '
    ("*", "H", "D", "H"),  # WB7b: Hebrew letter × " Hebrew letter
    ("H", "D", "H", "*"),  # WB7c: Hebrew letter " × Hebrew letter
    ("*", "NAH", "N", "*"),  # WB8, WB9: digit or letter × digit
    ("*", "N", "AH", "*"),  # WB10: digit × letter
    ("N", "MPQ", "N", "*"),  # WB11: digit (MidNum | MidNumLet | ') × digit
    ("*", "N", "MPQ", "N"),  # WB12: digit × (MidNum | MidNumLet | ') digit
    ("*", "K", "K", "*"),  # WB13: Katakana × Katakana
    ("*", "AHNKX", "X", "*"),  # WB13a: (letter | digit | Katakana | ExtendNumLet) × ExtendNumLet
    ("*", "X", "AHNK", "*"),  # WB13b: ExtendNumLet × (letter | digit | Katakana)
)
_RULES = tuple(tuple(None if allowed == "*" else frozenset(allowed) for allowed in rule)
               for rule in KEEP_TOGETHER)


def joined(classes: list[str], index: int) -> bool:
    """Whether UAX #29 keeps ``classes[index - 1]`` and ``classes[index]`` in one word
    (rules WB5 to WB13b, Extend and Format characters already attached: WB4)."""
    two_before = classes[index - 2] if index >= 2 else ""
    after = classes[index + 1] if index + 1 < len(classes) else ""
    return keeps_together(two_before, classes[index - 1], classes[index], after)


@functools.cache
def keeps_together(two_before: str, before: str, here: str, after: str) -> bool:
    """Whether a rule of KEEP_TOGETHER matches these classes ("" beyond the text's ends)."""
    window = (two_before, before, here, after)
    return any(all(allowed is None or cls in allowed
                   for cls, allowed in zip(window, rule, strict=True))
               for rule in _RULES)


def words(text: str) -> list[str]:
    """The words of ``text``: its UAX #29 segments that hold a letter or a digit."""
    units: list[list[str]] = []  # [class, characters]
    for char in text:
        cls = word_class(char)
        if cls == "E" and units and units[-1][0] != "B":
            units[-1][1] += char
        else:
            units.append([cls if cls != "E" else "O", char])
    classes = [cls for cls, _ in units]
    found, current = [], ""
    for index, (_, chars) in enumerate(units):
        if index and not joined(classes, index):
            found.append(current)
            current = ""
        current += chars
    found.append(current)
    return [word for word in found if any(c.isalpha() or unicodedata.category(c)[0] == "N"
                                          for c in word)]


def count_words(text: str) -> int:
    """Source words of a message, as ``pocount`` counts them (see the module docstring)."""
    return len(words(XML_TAG.sub("", BR_TAG.sub("\n", text))))
