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
LETTERS = frozenset("AH")


def word_class(char: str) -> str:
    """The UAX #29 Word_Break class of ``char``, one letter: A(Letter), H(ebrew_Letter),
    N(umeric), K(atakana), X (ExtendNumLet), L (MidLetter), P (MidNumLet), M (MidNum),
    Q (Single_Quote), D (Double_Quote), E (Extend, Format, ZWJ), B (newline), O (other)."""
    if char in MID_LETTER:
        return "L"
    if char in MID_NUM_LET:
        return "P"
    if char in MID_NUM:
        return "M"
    if char in "'\"":
        return "Q" if char == "'" else "D"
    if char in NEWLINES:
        return "B"
    category = unicodedata.category(char)
    if category == "Pc" or char == "\u202f":
        return "X"
    if category[0] == "M" or (category == "Cf" and char != "\u200b"):
        return "E"
    if category == "Nd":
        return "N"
    if "\u05d0" <= char <= "\u05f2" or "\ufb1d" <= char <= "\ufb4f":
        return "H" if category == "Lo" else "O"
    if char in LETTER_MARKS:
        return "A"
    if not char.isalpha():
        return "O"
    name = unicodedata.name(char, "")
    if name.startswith("KATAKANA") or char == "\u30fc":
        return "K"
    if name.startswith(("CJK", "HIRAGANA")):
        return "O"  # each ideograph is a word of its own
    return "A"


def joined(classes: list[str], index: int) -> bool:
    """Whether UAX #29 keeps ``classes[index - 1]`` and ``classes[index]`` in one word
    (rules WB5 to WB13b, Extend and Format characters already attached: WB4)."""
    before, here = classes[index - 1], classes[index]
    two_before = classes[index - 2] if index >= 2 else ""
    after = classes[index + 1] if index + 1 < len(classes) else ""
    return (
        (before in LETTERS and here in LETTERS)  # WB5
        or (before in LETTERS and here in "LPQ" and after in LETTERS)  # WB6
        or (two_before in LETTERS and before in "LPQ" and here in LETTERS)  # WB7
        or (before == "H" and here == "Q")  # WB7a
        or (before == "H" and here == "D" and after == "H")  # WB7b
        or (two_before == "H" and before == "D" and here == "H")  # WB7c
        or (before in "NAH" and here == "N") or (before == "N" and here in LETTERS)  # WB8-10
        or (two_before == "N" and before in "MPQ" and here == "N")  # WB11
        or (before == "N" and here in "MPQ" and after == "N")  # WB12
        or (before == "K" and here == "K")  # WB13
        or (before in "AHNKX" and here == "X") or (before == "X" and here in "AHNK")  # WB13a/b
    )


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
