"""Text for the terminal: plain-text tables (``translate status``, ``translate models list``),
and every text made safe to print (``terminal_safe``).

What the command line prints comes from files a stranger may have written: article text,
PO entries, file names, glossary terms, package metadata. A control character among them
would reach the terminal as a command (ESC ``]0;...BEL`` retitles the window, CSI sequences
move the cursor or rewrite lines, a carriage return hides what came before it, a bidi
override reverses what follows), so each is shown as its ``\\uXXXX`` escape instead. That
form is also a JSON escape: a JSON text stays valid, and decodes to the same data.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Characters never printed as they are: the C0 controls but tab and newline, DEL, the C1
#: controls (U+0080-009F: 0x9B is a one-byte CSI), and the bidi embeddings, overrides and
#: isolates (they reorder the rest of the line on screen).
UNPRINTABLE = frozenset(
    [*(chr(c) for c in range(0x20) if chr(c) not in "\t\n"), *map(chr, range(0x7F, 0xA0)),
     *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
)
_ESCAPES = str.maketrans({char: f"\\u{ord(char):04x}" for char in UNPRINTABLE})


def terminal_safe(text: str) -> str:
    """``text`` with every UNPRINTABLE character shown as its escape (``\\u001b``); newlines
    and tabs are kept, so a report keeps its lines."""
    return text.translate(_ESCAPES)


def render_table(rows: Sequence[Sequence[str]]) -> str:
    """``rows`` (the first is the header) as left-aligned columns two spaces apart, no trailing
    spaces, one line per row; each cell terminal_safe (its width is the width it shows)."""
    rows = [[terminal_safe(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
