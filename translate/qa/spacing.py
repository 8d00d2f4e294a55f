"""Spaces a translation has and its source has not: at its start, at its end, doubled inside.

The three tests of Translate Toolkit's ``pofilter`` (``startwhitespace``, ``endwhitespace``,
``doublespacing``) and of Weblate (``begin_space``, ``end_space``, ``double_space``), whose names
our checks take. A space that the source has too is never reported: a source that begins with
a space, or holds a doubled one, is matched by its translation. Where pofilter reports any
difference in the number of doubled spaces, a translation with *fewer* doubled spaces than its
source (the translator fixed a typo of the English) is no finding here.

Spaces are the horizontal ones a reader cannot tell apart on the page: the space, the tab, the
no-break and narrow no-break spaces, and the other Unicode spaces (``Zs``); a line break is
msgfmt's to judge (``msgfmt --check`` refuses a translation that begins or ends with ``\\n``
where its source does not).
"""

from __future__ import annotations

import re

#: One horizontal space (``\\s`` less the line breaks).
SPACE = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"
LEADING = re.compile(rf"^{SPACE}*")
TRAILING = re.compile(rf"{SPACE}*$")
#: Two or more spaces in a row, inside the text (not at its start or end).
DOUBLED = re.compile(rf"(?<=\S){SPACE}{{2,}}(?=\S)")


def describe(spaces: str) -> str:
    """``spaces`` for people: "a space", "2 spaces", "a no-break space", "a tab"..."""
    if len(set(spaces)) != 1:
        return f"{len(spaces)} spaces"
    kind = {" ": "space", "\t": "tab", "\u00a0": "no-break space",
            "\u202f": "narrow no-break space"}.get(spaces[0], "space")
    return f"a {kind}" if len(spaces) == 1 else f"{len(spaces)} {kind}s"


def found(pattern: re.Pattern[str], text: str) -> str:
    """What ``pattern`` (LEADING or TRAILING, which always match) finds in ``text``."""
    match = pattern.search(text)
    return match.group() if match else ""


def edge_space(source: str, target: str, pattern: re.Pattern[str], edge: str) -> str | None:
    """What differs in the spaces ``target`` begins (``edge`` "begins") or ends ("ends") with,
    or None when they are the source's (or the target is blank: ``untranslated``'s)."""
    want, have = found(pattern, source), found(pattern, target)
    if want == have or not target.strip():
        return None
    if not have:
        return f"the source {edge} with {describe(want)}, the translation does not"
    return f"the translation {edge} with {describe(have)}" + (
        f" (the source with {describe(want)})" if want else "")


def begin_space(source: str, target: str) -> str | None:
    """What differs in the spaces ``target`` begins with, or None when they are the source's."""
    return edge_space(source, target, LEADING, "begins")


def end_space(source: str, target: str) -> str | None:
    """What differs in the spaces ``target`` ends with, or None when they are the source's."""
    return edge_space(source, target, TRAILING, "ends")


def double_space(source: str, target: str) -> str | None:
    """Where ``target`` has more runs of two or more spaces inside it than its source, the
    first of them ("2 spaces after 'посла'"), else None."""
    found = list(DOUBLED.finditer(target))
    if len(found) <= len(DOUBLED.findall(source)):
        return None
    first = found[0]
    before = target[: first.start()].split()
    after = f" after {before[-1]!r}" if before else ""
    return f"{describe(first.group())} in a row{after}"
