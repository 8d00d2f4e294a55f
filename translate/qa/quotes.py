"""Quotation marks: which characters they are, and whether the sentences of a paragraph close
every quotation they open.

English sources quote with ASCII or curly double quotes; Russian, Armenian and Azerbaijani
with «» (and „“ inside them); Hebrew with ASCII or curly quotes, whose ASCII form is also the
gershayim of an abbreviation (צה"ל), which is no quotation mark. A quotation often opens in one
sentence and closes in a later one of the same paragraph («Мы ответим. Это неприемлемо», —
сказал он.), so the marks are judged per paragraph: :func:`paragraph_quote_problems` takes the
(source, translation) pairs of a paragraph's units and names the unit where the translation's
marks go wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Double quotation marks of every convention the target languages use (« » „ “ ” and ASCII).
DOUBLE_QUOTES = "\"“”„«»‟〝〞＂"
#: Marks that open and close alike: the second closes the first.
TOGGLES = "\"＂"
#: Marks that only open.
OPENERS = "«„‟〝"
#: (closing mark, the innermost open mark it closes).
CLOSES = frozenset({
    ("»", "«"), ("〞", "〝"), ("“", "„"),
    ("”", "„"), ("”", "“"), ("”", "‟"), ("”", "”"),
})


def hebrew_marks_removed(text: str) -> str:
    """``text`` without ASCII quotes used as geresh/gershayim inside Hebrew words (צה"ל)."""
    return re.sub(r"(?<=[\u05d0-\u05ea])[\"'](?=[\u05d0-\u05ea])", "", text)


def quote_marks(text: str) -> str:
    """The double quotation marks of ``text``, in order."""
    return "".join(char for char in hebrew_marks_removed(text) if char in DOUBLE_QUOTES)


def shown_quotation(marks: str) -> str:
    """The first quotation of ``marks`` as a reader sees it, its marks around an ellipsis:
    two ASCII quotes or more give ``"…"``, ``“”`` gives ``“…”``, one mark alone ``"…``."""
    return f"{marks[:1]}…{marks[1:2]}"


def quote_depths(marks: str) -> list[int | None]:
    """The nesting depth after each mark of ``marks``; None from a closing mark with nothing
    open on.

    « opens and » closes; „ opens and “ or ” close it (Russian „…“, Hebrew „…”); “ otherwise
    opens (English “…”); ” closes “, „ or an earlier ” (Hebrew and Swedish ”…”); ASCII " and
    ＂ close the same mark when it is the innermost one open, else open.
    """
    stack: list[str] = []
    depths: list[int | None] = []
    for mark in marks:
        top = stack[-1] if stack else ""
        if (mark in TOGGLES and top == mark) or (mark, top) in CLOSES:
            stack.pop()
        elif mark in TOGGLES or mark in OPENERS or mark in "“”":
            stack.append(mark)
        else:  # » or 〞 with nothing to close
            return [*depths, *[None] * (len(marks) - len(depths))]
        depths.append(len(stack))
    return depths


def is_balanced(marks: str) -> bool:
    """Whether ``marks`` close every quotation they open, in order."""
    depths = quote_depths(marks)
    return not depths or depths[-1] == 0


def depth_after(marks: str) -> int | None:
    """The nesting depth at the end of ``marks`` (None after a stray closing mark)."""
    depths = quote_depths(marks)
    return depths[-1] if depths else 0


def paragraph_quote_problems(pairs: Sequence[tuple[str, str]]) -> dict[int, str]:
    """What is wrong with the quotation marks of a paragraph's translations, by unit index.

    ``pairs`` are the (source, translation) of the paragraph's units, in order. A unit whose
    source quotes a whole quotation and whose translation has no mark has lost them; otherwise
    the translations of the paragraph together must close what they open, in order, unless the
    sources of the paragraph do not either. The unbalance is reported on the first unit after
    which the translation's nesting differs from the source's (where a mark went missing).
    """
    sources = [quote_marks(source) for source, _ in pairs]
    targets = [quote_marks(target) for _, target in pairs]
    problems: dict[int, str] = {}
    paragraph_has_marks = any(targets)
    for index, (source, target) in enumerate(zip(sources, targets, strict=True)):
        if source and not target and (is_balanced(source) or not paragraph_has_marks):
            problems[index] = "the quotation marks of the source are missing"
    joined = "".join(targets)
    if is_balanced(joined) or not is_balanced("".join(sources)):
        return problems
    culprit = next(
        (
            index
            for index in range(len(pairs))
            if depth_after("".join(targets[: index + 1]))
            != depth_after("".join(sources[: index + 1]))
        ),
        len(pairs) - 1,
    )
    where = "" if len(pairs) == 1 else " in the paragraph"
    problems.setdefault(culprit, f"unbalanced quotation marks{where}: {joined}")
    return problems
