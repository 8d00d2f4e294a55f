"""Text folded for matching: NFC, without default-ignorable characters, mapped back to offsets.

A soft hyphen or a zero-width space inside a word (``Хан\\u00adкенди``), a name typed with a
combining accent instead of the composed letter, or a bidi mark beside a Hebrew word must not
hide a name from the glossary. ``fold`` returns the text as matching sees it and, for every
character of that text, the stretch of the original it came from, so that a match in the folded
text is a span of the original (``Folded.span``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): soft hyphen, combining
#: grapheme joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels, Mongolian
#: variation selectors, zero-width space/joiners, bidi marks and controls, word joiner and
#: invisible operators, variation selectors, BOM, tags.
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


@dataclass(frozen=True)
class Folded:
    """A folded text; ``starts[i]``/``ends[i]``: the original stretch of its character i."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end`` (an empty one stays empty)."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (
                self.ends[-1] if self.ends else 0)
            return position, position
        return self.starts[start], self.ends[end - 1]


def fold_string(text: str) -> str:
    """``text`` as matching sees it (NFC, default-ignorable characters removed)."""
    return unicodedata.normalize("NFC", IGNORABLE.sub("", text))


def fold(text: str) -> Folded:
    """``text`` folded, with the map back to its offsets."""
    if not IGNORABLE.search(text) and unicodedata.is_normalized("NFC", text):
        positions = tuple(range(len(text)))
        return Folded(text, positions, tuple(p + 1 for p in positions))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in clusters(text):
        folded = fold_string(text[start:end])
        pieces.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
    return Folded("".join(pieces), tuple(starts), tuple(ends))


def clusters(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that NFC composes independently: a starter with the marks and the
    default-ignorable characters after it (``a``, ZWSP, acute folds to ``á``)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text)):
        char = text[index]
        if not IGNORABLE.match(char) and unicodedata.combining(char) == 0:
            spans.append((start, index))
            start = index
    if text:
        spans.append((start, len(text)))
    return spans
