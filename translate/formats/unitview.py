"""One way to show a unit, for every output that shows one: the HTML pages of text, Markdown and
HTML articles (``translate.formats.writers``, ``translate.formats.html``) and the review pages
(``translate.publish.review``).

A unit is shown as inline nodes (its translation read back, or its source where it has none),
and :func:`show` says how:

* **its state and draft mark**: on a draft page a unit that is not approved is wrapped in
  ``<span class="unapproved state-<state>" data-label="<label>">``; the label shows before it
  (``DRAFT_CSS`` in ``translate.formats.drafts``: an isolate of its own, left to right, on one
  line, so it reads right in pages of either direction);
* **its direction**: the direction its words read in (:func:`reading_direction`), which decides
  the base direction of its block (:func:`block_view`): a block whose units all read in one
  direction is laid out in that direction as a whole (three English drafts in a Hebrew page:
  ``<p dir="ltr">``, the sentences in their order), a mixed block keeps the direction of the
  element around it and isolates each unit (``<span dir>``), so that each reads in its own
  order and the units follow the page's; Latin runs inside right-to-left text in ``<bdi>``;
* **its language**, where it is not the block's (a source sentence left untranslated);
* **its glossary highlights**: ``<mark class="term">`` over spans of its text (found by the
  glossary's matcher: case forms, prefixes and suffixes included).

Directions come from the text and from the language (``translate.lang.cldr.text_direction``),
never from a language code, so any right-to-left language is shown as Hebrew is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from translate.formats.article import Unit
from translate.formats.inline import Inline, Node, plain_text, read_markup
from translate.lang.cldr import text_direction

#: A glossary highlight: (start, end) in the plain text shown, and its kind ("term": a form the
#: glossary allows, "forbidden": a variant it forbids), the ``<mark>``'s class.
Mark = tuple[int, int, str]

#: How every output and page names the unit states of ``po.catalog.STATES``, in that order.
STATE_LABELS = {
    "approved": "approved",
    "machine": "machine draft",
    "review": "needs review",
    "untranslated": "untranslated",
}
#: The states of the units a draft marks: all but approved.
DRAFT_LABELS = {state: label for state, label in STATE_LABELS.items() if state != "approved"}

_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_WORD = (
    r"(?:https?://[^\s<>\"]*[^\s<>\".,;:!?'’)\]]"
    rf"|[@#]?[{_LATIN}0-9](?:[{_LATIN}0-9_.,:/'’&%+\-]*[{_LATIN}0-9%])?)"
)
_TOKEN = rf"(?:\({_WORD}(?: {_WORD})*\)|{_WORD})"
#: A run of Latin-script words, handles, URLs and numbers, as it appears inside RTL text.
LATIN_RUN = re.compile(rf"{_TOKEN}(?:(?: |, (?=[0-9])){_TOKEN})*")


def reading_direction(text: str, default: str) -> str:
    """The direction ``text`` reads in: "rtl" when more of its words start with a
    right-to-left letter than with a left-to-right one, "ltr" when fewer; ``default`` (the
    direction of the element it is in) on a tie, and for a text without letters.

    Words, not letters, are counted, so a Hebrew sentence quoting a long URL or a name stays
    right-to-left, and an English draft holding a Hebrew place name reads left to right.
    """
    rtl = ltr = 0
    for word in text.split():
        for char in word:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                rtl += 1
                break
            if kind == "L":
                ltr += 1
                break
    if rtl == ltr:
        return default
    return "rtl" if rtl > ltr else "ltr"


@dataclass(frozen=True)
class Shown:
    """How a unit is shown: its nodes, the language and direction they read in, its draft
    mark (``label``: "machine draft"...; None when it has none) and glossary highlights
    (``Mark``: spans of ``plain_text(nodes)``)."""

    unit: Unit
    nodes: tuple[Inline, ...]
    lang: str
    direction: str
    state: str = "approved"
    label: str | None = None
    marks: tuple[Mark, ...] = ()


def show(unit: Unit, nodes: Sequence[Inline], lang: str, *, state: str = "approved",
         label: str | None = None, marks: Sequence[Mark] = ()) -> Shown:
    """``nodes`` (a translation into ``lang``, or the unit's source in ``lang``) as shown: the
    direction they read in (that of ``lang`` when their words do not tell); ``label`` the
    draft mark of a unit in ``state`` (None on a page that marks nothing, or an approved
    unit)."""
    direction = reading_direction(plain_text(nodes), text_direction(lang))
    return Shown(unit, tuple(nodes), lang, direction, state, label, tuple(marks))


def unit_state(text: str, states: Mapping[str, str]) -> str:
    """The state of the unit whose msgid is ``text`` (untranslated without an entry)."""
    return states.get(text, "untranslated")


def show_unit(unit: Unit, translations: Mapping[str, str], lang: str, article_lang: str, *,
              states: Mapping[str, str] | None = None,
              nodes: Sequence[Inline] | None = None) -> Shown:
    """A unit of an article as a page in ``lang`` shows it: its translation, else its source
    in its own language (``unit.lang``, else the article's); with ``states`` (msgid → state,
    a draft page) the draft mark of a unit that is not approved. ``nodes``: what is shown,
    when the caller has them (an HTML article's own nodes of an untranslated unit), else its
    text read back (``inline.read_markup``)."""
    target = translations.get(unit.text)
    text, shown_lang = (target, lang) if target else (unit.text, unit.lang or article_lang)
    if nodes is None:
        nodes = read_markup(text, unit.markup, unit.refs)
    state = unit_state(unit.text, states) if states is not None else "approved"
    return show(unit, nodes, shown_lang, state=state, label=DRAFT_LABELS.get(state))


@dataclass(frozen=True)
class BlockView:
    """A block of units as shown: its language, its base direction, and whether its units
    read in more than one direction (then each is isolated)."""

    lang: str
    direction: str
    mixed: bool = False


def block_view(units: Iterable[Shown], lang: str, direction: str | None = None) -> BlockView:
    """The block of ``units`` inside an element of ``lang`` and ``direction`` (default: that
    of ``lang``): the direction its units all read in, else the element's; their one
    language, else the element's."""
    shown = list(units)
    directions = {unit.direction for unit in shown}
    langs = {unit.lang for unit in shown}
    around = direction or text_direction(lang)
    return BlockView(
        langs.pop() if len(langs) == 1 else lang,
        directions.pop() if len(directions) == 1 else around,
        mixed=len(directions) > 1,
    )


def list_item(block: BlockView, direction: str) -> BlockView:
    """``block`` as an item of a list laid out in ``direction``: in that direction (its
    marker stands on its list's side, in the list's padding), its units isolated when they
    read the other way. A list whose items all read one way takes that direction itself
    (the callers: ``writers.article_body``, ``html.Renderer``)."""
    if block.direction == direction:
        return block
    return BlockView(block.lang, direction, mixed=True)


def block_attrs(block: BlockView, lang: str, direction: str | None = None) -> dict[str, str]:
    """The ``lang`` and ``dir`` a block's element needs inside an element of ``lang`` and
    ``direction`` (default: that of ``lang``): those that differ."""
    attrs = {}
    if block.lang != lang:
        attrs["lang"] = block.lang
    if block.direction != (direction or text_direction(lang)):
        attrs["dir"] = block.direction
    return attrs


def unit_nodes(shown: Shown, block: BlockView) -> list[Inline]:
    """The nodes an HTML output writes for ``shown`` in ``block``: glossary highlights,
    Latin runs isolated in right-to-left text, and, where needed, one ``<span>`` around the
    unit with its draft mark, its language (when not the block's) and its direction (when
    not the block's, or in a mixed block: an isolate)."""
    nodes = highlight(shown.nodes, shown.marks)
    if shown.direction == "rtl":
        nodes = isolate_latin(nodes)
    attrs: list[tuple[str, str]] = []
    if shown.label is not None:
        attrs += [("class", f"unapproved state-{shown.state}"), ("data-label", shown.label)]
    if shown.lang != block.lang:
        attrs.append(("lang", shown.lang))
    if block.mixed or shown.direction != block.direction:
        attrs.append(("dir", shown.direction))
    return [Node("span", tuple(attrs), tuple(nodes))] if attrs else nodes


def latin_pieces(text: str) -> Iterator[Inline]:
    """``text`` with each Latin run (LATIN_RUN) a ``<bdi>`` of its own."""
    pos = 0
    for match in LATIN_RUN.finditer(text):
        if match.start() > pos:
            yield text[pos : match.start()]
        yield Node("bdi", (), (match.group(),))
        pos = match.end()
    if pos < len(text):
        yield text[pos:]


def isolate_latin(nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` with the Latin runs of their text in ``<bdi>`` (inline nodes nest no deeper
    than ``inline.MAX_INLINE_DEPTH``: the walk may recurse)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            out.extend(latin_pieces(node))
        elif node.tag == "bdi" or not node.children:
            out.append(node)
        else:
            out.append(Node(node.tag, node.attrs, tuple(isolate_latin(node.children))))
    return out


def highlight(nodes: Iterable[Inline], marks: Sequence[Mark]) -> list[Inline]:
    """``nodes`` with each span of ``marks`` (offsets in their plain text) in ``<mark>`` of
    its kind's class, cut at element bounds; of overlapping marks the first (then longest)
    is kept."""
    spans: list[Mark] = []
    for start, end, kind in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < end and (not spans or start >= spans[-1][1]):
            spans.append((start, end, kind))
    if not spans:
        return list(nodes)
    out, _end = _highlight(list(nodes), spans, 0)
    return out


def _highlight(nodes: list[Inline], spans: list[Mark], pos: int) -> tuple[list[Inline], int]:
    """(the nodes highlighted, the plain-text offset after them) from offset ``pos``."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            out.extend(_highlight_text(node, spans, pos))
            pos += len(node)
        elif node.children:
            children, pos = _highlight(list(node.children), spans, pos)
            out.append(Node(node.tag, node.attrs, tuple(children)))
        else:
            out.append(node)
            pos += len(plain_text([node]))
    return out, pos


def _highlight_text(text: str, spans: list[Mark], offset: int) -> list[Inline]:
    """``text`` (at ``offset`` of the plain text) cut into plain and ``<mark>`` pieces."""
    out: list[Inline] = []
    at = 0
    for start, end, kind in spans:
        lo, hi = max(start - offset, at), min(end - offset, len(text))
        if lo >= hi:
            continue
        if lo > at:
            out.append(text[at:lo])
        out.append(Node("mark", (("class", kind),), (text[lo:hi],)))
        at = hi
    if at < len(text):
        out.append(text[at:])
    return out
