"""UAX #14 line breaking as GNU gettext's PO writer uses it (a port of libunistring 1.0).

gettext 0.21 wraps msgid and msgstr strings with libunistring's ``u8_width_linebreaks``;
``line_breaks`` below does the same, so that translate/po/pofile.py writes what ``msgcat``
writes. ``possible_breaks`` is ``u8_possible_linebreaks``, ``break_class`` the character
property it reads and ``char_width`` libunistring's ``uc_width``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Line breaking classes of UAX #14, as libunistring's pair table (lbrktables.c) indexes them.
(WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID,
 JL, JV, JT, HL, RI) = range(27)  # fmt: skip
SP, ZW, CM, BK = 100, 101, 102, 103

# Rows: the class before; columns: the class after. D: break, I: break only after spaces,
# P: no break. This is the pair table of libunistring 1.0 (the one GNU gettext 0.21 uses on
# Debian 12), measured from it; it differs from UAX #14 in small ways (e.g. it breaks between
# numeric punctuation and letters, so "<P>Some sentence.</P>" can break before "</P>").
_PAIRS = (
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PIPIDIPPPIIDIPDDDPDDDDDDDDD",
    "PDDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",
    "PDDIDIPPPIIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPIPDIPDIIPDDDDDDDDD",
    "PIDIDIPPPIIDIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPIIPIPIIIPIIIIIIIII",
    "PIDIDIPPPIIDIPIDDPDDDDDDDDD",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIIIPIDDPIDDDDDDID",
    "PIDIDIPPPIIIIPIDDPIIIIIIIID",
    "PIDIDIPPPIIDIPIDDPDDDDDDDID",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD",
    "PIDIDIPPPIIDIPDIDPDIIDIIDDD",
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",
    "PIDIDIPPPIIDIPDDDPDDDDDDDDI",
)

_EXPLICIT = {
    "\t": BA, " ": SP, "!": EX, '"': QU, "$": PR, "%": PO, "'": QU, "(": OP, ")": CP,
    "+": PR, ",": IS, "-": HY, ".": IS, "/": SY, ":": IS, ";": IS, "?": EX, "[": OP,
    "\\": PR, "]": CP, "{": OP, "|": BA, "}": CL,
    "\u00a0": GL, "\u00a1": OP, "\u00a2": PO, "\u00a3": PR, "\u00a4": PR, "\u00a5": PR,
    "\u00ab": QU, "\u00ad": BA, "\u00b0": PO, "\u00b1": PR, "\u00b4": BB, "\u00bb": QU,
    "\u00bf": OP, "\u034f": GL, "\u0589": IS, "\u058a": BA, "\u058f": PR, "\u05be": BA,
    "\u05c6": EX, "\u060c": IS, "\u060d": IS, "\u061b": EX, "\u061e": EX, "\u061f": EX,
    "\u066a": PO, "\u06d4": EX, "\u1806": BB, "\u2007": GL, "\u200b": ZW, "\u2010": BA,
    "\u2011": GL, "\u2012": BA, "\u2013": BA, "\u2014": B2, "\u2018": QU, "\u2019": QU,
    "\u201a": OP, "\u201b": QU, "\u201c": QU, "\u201d": QU, "\u201e": OP, "\u201f": QU,
    "\u2024": IN, "\u2025": IN, "\u2026": IN, "\u2027": BA, "\u2028": BK, "\u2029": BK,
    "\u202f": GL, "\u2039": QU, "\u203a": QU, "\u203c": NS, "\u203d": NS, "\u2044": IS,
    "\u2045": OP, "\u2046": CL, "\u2047": NS, "\u2048": NS, "\u2049": NS, "\u2056": BA,
    "\u205f": BA, "\u2060": WJ, "\u2116": PR, "\u2212": PR, "\u2213": PR, "\u2103": PO,
    "\u2109": PO, "\u20a7": PO, "\u20b6": PO, "\u20bb": PO, "\u20be": PO, "\u20c0": PO,
    "\u3000": BA, "\ufeff": WJ, "\u000b": BK, "\u000c": BK, "\n": BK, "\r": BK, "\x85": BK,
}  # fmt: skip


@lru_cache(maxsize=4096)
def break_class(char: str) -> int:
    """The UAX #14 line breaking class of ``char`` (AI, SA, XX resolved to AL, as
    libunistring does for a non-CJK encoding)."""
    if char in _EXPLICIT:
        return _EXPLICIT[char]
    code = ord(char)
    if 0x2030 <= code <= 0x2037:
        return PO
    if 0x2000 <= code <= 0x200A or 0x2058 <= code <= 0x205E:
        return BA
    if 0x05D0 <= code <= 0x05EA or 0x05EF <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return CM if unicodedata.category(char) == "Mn" else HL
    category = unicodedata.category(char)
    if category in ("Mn", "Mc", "Me", "Cc", "Cf"):
        return CM
    if category == "Nd":
        return NU
    if category == "Ps":
        return OP
    if category == "Pe":
        return CL
    if category in ("Pi", "Pf"):
        return QU
    if category == "Zs":
        return BA
    if category == "Sc":
        return PR
    if 0x1100 <= code <= 0x115F:
        return JL
    if 0xAC00 <= code <= 0xD7A3:
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return ID
    return AL


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns ``char`` takes, as libunistring's uc_width (control characters: 0)."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cc", "Cf"):
        return 0
    if 0x1160 <= ord(char) <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def possible_breaks(chars: Sequence[str]) -> list[int]:
    """Per char: 0 no break before it, 1 break possible, 2 mandatory (u8_possible_linebreaks)."""
    result = [0] * len(chars)
    last = BK  # class of the last non-space character
    marked = False  # a combining mark follows the last non-space character
    hebrew_hyphen = False  # the last two characters are a Hebrew letter and a hyphen
    seen_space = False
    for index, char in enumerate(chars):
        prop = break_class(char)
        if prop == BK:
            result[index] = 2
            last, marked, hebrew_hyphen, seen_space = BK, False, False, False
            continue
        if prop == SP:
            seen_space = True
            continue
        if prop == CM and last != BK and not seen_space and last != ZW:
            marked, hebrew_hyphen = True, False  # it belongs to the character before it
            continue
        if prop == CM:
            # At the start, after a space or a zero-width space it stands alone (LB10).
            result[index] = int(last != BK)
            last, marked, hebrew_hyphen, seen_space = AL, False, False, False
            continue
        if prop == ZW:
            last, marked, hebrew_hyphen, seen_space = ZW, False, False, False
            continue
        if last == BK:
            result[index] = 0
        elif last == ZW:
            result[index] = 1
        elif hebrew_hyphen and not seen_space:
            result[index] = 0  # UAX #14 LB21a: no break after a Hebrew letter and a hyphen
        else:
            rule = _PAIRS[last][prop]
            result[index] = int(rule == "D" or (rule == "I" and seen_space))
        hebrew_hyphen = prop in (HY, BA) and last == HL and not marked and not seen_space
        last, marked, seen_space = prop, False, False
    return result


def line_breaks(
    chars: Sequence[str], overrides: Sequence[bool | None], width: int, start: int
) -> list[bool]:
    """Where to break ``chars`` so lines fit ``width`` columns (u8_width_linebreaks)."""
    possible = possible_breaks(chars)
    breaks = [False] * len(chars)
    last: int | None = None
    column, piece = start, 0
    for index, char in enumerate(chars):
        kind = possible[index]
        if overrides[index] is False:
            kind = 0
        if kind and last is not None and column + piece > width:
            breaks[last] = True
            column = 0
        if kind == 2:
            last, column, piece = None, 0, 0
            continue
        if kind == 1:
            last = index
            column += piece
            piece = 0
        piece += char_width(char)
    if last is not None and column + piece > width:
        breaks[last] = True
    return breaks
