"""Draft marks: the outputs of ``build/<lang>/`` say which of their units are not approved.

``translate run`` and ``translate assemble`` write every article with its machine drafts and
review entries (and the source where there is no translation), so that editors can read a
draft edition; the zip bundle holds only what passes the publish gate. So that nobody takes
a draft build for a publishable one, each output says so: an HTML page opens with a note and
marks every unit that is not approved (``translate.formats.unitview``: the paragraph holding
it gets a dashed rule, the unit its label, an isolate of its own that reads left to right in
pages of either direction), and a text or Markdown file opens with a header line. A wholly
approved article is written without marks, exactly as the bundle holds it.

``states`` maps each msgid to its state in the PO file (``catalog.entry_state``); a unit
without an entry is untranslated.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping

from translate.formats.article import Article
from translate.formats.markdown import front_matter
from translate.formats.unitview import DRAFT_LABELS, unit_state

#: How the note counts the units of each state: (one, several).
_COUNTED = {
    "approved": ("approved", "approved"),
    "machine": ("machine draft", "machine drafts"),
    "review": ("needs review", "need review"),
    "untranslated": ("untranslated", "untranslated"),
}


def counted(state: str, count: int) -> str:
    """``count`` units of ``state`` in words: "1 machine draft", "2 need review"."""
    return f"{count} {_COUNTED[state][count != 1]}"

DRAFT_CSS = """\
.draft-note { margin: 0 0 1.25rem; padding: 0.5rem 0.75rem; background: #fff1c2;
  border: 2px solid #d39b00; color: #4a3500; font: 0.9rem/1.4 system-ui, sans-serif;
  font-style: normal; }
.unapproved { background: #fff6d8; box-shadow: inset 0 -2px #d39b00; }
.unapproved::before { content: "⚠ " attr(data-label) ": "; font: 0.75rem system-ui, sans-serif;
  color: #7a5600; direction: ltr; unicode-bidi: isolate; white-space: nowrap; }
:is(h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, caption, figcaption, footer):has(.unapproved) {
  border-inline-start: 4px dashed #d39b00; padding-inline-start: 0.5rem; }
"""


def draft_counts(article: Article, states: Mapping[str, str]) -> Counter[str]:
    """How many of the article's units are in each state other than approved."""
    return Counter(
        state for unit in article.units
        if (state := unit_state(unit.text, states)) != "approved"
    )


def draft_note(article: Article, states: Mapping[str, str] | None) -> str | None:
    """The line an output of a draft opens with, or None when every unit is approved (or
    no ``states`` are given: the bundle's outputs)."""
    if states is None:
        return None
    counts = draft_counts(article, states)
    if not counts:
        return None
    parts = ", ".join(counted(state, counts[state]) for state in DRAFT_LABELS if counts[state])
    return (f"DRAFT, not for publication: {sum(counts.values())} of {len(article.units)} "
            f"units are not approved ({parts}).")


#: The note's look where no style sheet can hold it (a fragment).
NOTE_STYLE = ("margin: 0 0 1.25rem; padding: 0.5rem 0.75rem; background: #fff1c2; "
              "border: 2px solid #d39b00; color: #4a3500")


def note_html(note: str, *, inline_style: bool = False) -> str:
    """The note as the first element of a page's article."""
    style = f' style="{NOTE_STYLE}"' if inline_style else ""
    return (f'<p class="draft-note" lang="en" dir="ltr" role="note"{style}>'
            f"{html.escape(note)}</p>")


_BODY = re.compile(r"<body\b[^>]*>\n?", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_STYLE_END = re.compile(r"</style\s*>", re.IGNORECASE)
#: A fragment's first element, when the note can go inside it.
_CONTAINER = re.compile(r"^\s*<(article|section|main|div|body)\b[^>]*>\n?", re.IGNORECASE)


def mark_page(page: str, note: str) -> str:
    """An HTML page (or fragment) written by its own document, opened by the note: right
    after ``<body>``, its style added to the page's ``<style>`` (or head); in a fragment,
    inside its first element when that is a container (a fragment stays a fragment), else
    before it, styled inline, the style of the marks in a ``<style>`` element after it."""
    found = _BODY.search(page)
    if found is None:
        first = _CONTAINER.match(page)
        at = first.end() if first else 0
        return page[:at] + _inline_note(note) + page[at:]
    head, rest = page[: found.end()], page[found.end():]
    if _STYLE_END.search(head):
        head = _STYLE_END.sub(lambda _m: DRAFT_CSS + "</style>", head, count=1)
    elif _HEAD_END.search(head):
        head = _HEAD_END.sub(lambda m: f"<style>\n{DRAFT_CSS}</style>\n" + m.group(), head,
                             count=1)
    else:
        return head + _inline_note(note) + rest
    return head + note_html(note) + "\n" + rest


def _inline_note(note: str) -> str:
    """The note styled inline, then the style of the unit marks (a page without a head)."""
    return note_html(note, inline_style=True) + f"\n<style>\n{DRAFT_CSS}</style>\n"


def mark_text(text: str, fmt: str, note: str) -> str:
    """A text (``txt``) or Markdown (``md``) output opened by the note: its first line, or
    the first after a Markdown article's front matter, then a blank line."""
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f"> **{note}**" if fmt == "md" else note
    lines = text.splitlines(keepends=True)
    skip = front_matter(lines) if fmt == "md" else 0
    head = "".join(lines[:skip])
    if head and not head.endswith(("\n", "\r")):
        head += newline
    return head + line + newline + newline + "".join(lines[skip:])
