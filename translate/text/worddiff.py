"""A word diff of two source texts, as Weblate and Poedit show a changed msgid.

When an article's sentence changes, the merge keeps the old translation as a fuzzy entry
with the old source in ``#| msgid`` (state "needs review"). The reviewer needs to see what
changed in the source to know what to change in the translation: ``diff_words`` marks the
words that left the old text and the words that came into the new one, and
``render_word_diff`` writes both texts as HTML with ``<del>`` and ``<ins>``.

Words are runs of letters and digits (``\\w``), each other character but spaces a token of
its own, and spaces go with the change around them, so "in 1994" → "in 1995" marks "1994"
and "1995", not the whole sentence.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import NamedTuple

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class Piece(NamedTuple):
    """A run of text of one side of a diff: ``changed`` when the other side lacks it."""

    text: str
    changed: bool


def tokenize(text: str) -> list[str]:
    """``text`` as words, runs of spaces and single other characters (they join to it)."""
    return _TOKEN.findall(text)


def diff_words(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The pieces of ``old`` and of ``new``; a changed piece of ``old`` was removed, one of
    ``new`` was added. Joined, each side's pieces are its text exactly."""
    before, after = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        _append(left, "".join(before[i1:i2]), changed)
        _append(right, "".join(after[j1:j2]), changed)
    return left, right


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    """Add ``text`` to ``pieces``, joined to the last piece when that is of the same kind; a
    space alone between two changes is part of the change (one mark, not two)."""
    if not text:
        return
    if pieces and pieces[-1].changed == changed:
        pieces[-1] = Piece(pieces[-1].text + text, changed)
        return
    if changed and len(pieces) >= 2 and pieces[-2].changed and not pieces[-1].text.strip():
        space = pieces.pop()
        pieces[-1] = Piece(pieces[-1].text + space.text + text, True)
        return
    pieces.append(Piece(text, changed))


def render_pieces(pieces: list[Piece], tag: str) -> str:
    """The pieces as escaped HTML, each changed one in ``<tag>`` (``del`` or ``ins``)."""
    return "".join(
        f"<{tag}>{html.escape(piece.text)}</{tag}>" if piece.changed else html.escape(piece.text)
        for piece in pieces
    )


def render_word_diff(old: str, new: str) -> tuple[str, str]:
    """``old`` with its removed words in ``<del>`` and ``new`` with its added words in
    ``<ins>``, as escaped HTML."""
    left, right = diff_words(old, new)
    return render_pieces(left, "del"), render_pieces(right, "ins")
