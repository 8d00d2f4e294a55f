"""UAX #14 line breaking as libunistring 1.0 does it, pinned on cases GNU gettext 0.21 decides.

Every expected value below is where ``msgcat`` 0.21 breaks the same string (measured on
Debian 12); test_pofile compares whole files with msgcat.
"""

from __future__ import annotations

import pytest

from translate.po.linebreak import char_width, line_breaks, possible_breaks

#: Columns of a continuation line of a PO string: 79, less the quotes.
WIDTH = 77


def break_indexes(text: str) -> list[int]:
    """Where ``line_breaks`` starts a new line in ``text`` (a string on its own lines)."""
    breaks = line_breaks(list(text), [None] * len(text), WIDTH, 0)
    return [index for index, brk in enumerate(breaks) if brk]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b", [0, 0, 1]),  # after a space
        ("a\nb", [0, 2, 0]),  # a line feed is a mandatory break
        ("a-b", [0, 0, 1]),  # after a hyphen
        ("(2020)", [0] * 6),  # not inside brackets
        ("中文字", [0, 1, 1]),  # between ideographs
        ("e\u0301x", [0, 0, 0]),  # not before a combining mark
        ("ירושלים־החדשה", [0] * 13),  # LB21a: not after a Hebrew letter and a hyphen (maqaf)
        ("sentence.</P>", [0] * 9 + [1, 0, 1, 0]),  # libunistring 1.0, unlike UAX #14 LB29
    ],
)
def test_possible_breaks(text, expected):
    assert possible_breaks(list(text)) == expected


@pytest.mark.parametrize(
    ("char", "width"), [("a", 1), ("Ա", 1), ("中", 2), ("\u0301", 0), ("\u200b", 0), ("\t", 0)]
)
def test_char_width(char, width):
    assert char_width(char) == width


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e" * 74 + " tail", [75]),
        ("e\u0301" * 38 + " tail", []),  # combining marks take no column
        ("中" * 40, [38]),  # an ideograph takes two
        ("a" * 75 + ".</P>", [76]),
        ("a" * 60 + " x-y-" + "z" * 20, [65]),
        ("a" * 60 + " ירושלים־" + "ה" * 20, [61]),
    ],
)
def test_line_breaks_fill_lines_as_msgcat(text, expected):
    assert break_indexes(text) == expected


def test_an_override_forbids_a_break():
    text = "e" * 74 + " tail"
    overrides: list[bool | None] = [None] * len(text)
    overrides[75] = False
    assert line_breaks(list(text), overrides, WIDTH, 0) == [False] * len(text)
