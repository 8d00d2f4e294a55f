"""A block of a Markdown or HTML article (a paragraph, a heading, a list item, a table cell):
its sentences as units, and its content again, each unit translated or as it was.

``split_block`` cuts a block's inline nodes into sentences with the sentence splitter, on the
text a reader reads, never inside a link, emphasis or any other inline element (a line break
between two sentences stays between them). ``UnitMaker`` turns the pieces into units: the
``msgid`` is the piece written in the article's syntax (``translate.formats.inline``), its links
numbered from 1, the id stable as for text articles. ``Slot.content`` gives the block's nodes
for an output: a unit with a translation is the msgstr read back (sanitised), a unit without
one its source nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from translate.formats.article import Unit
from translate.formats.inline import (
    Inline,
    Node,
    collapse_space,
    plain_text,
    read_markup,
    strip_nodes,
)
from translate.formats.msgid_markup import write_markup
from translate.formats.units import has_word
from translate.text.langid import identify_unit_language
from translate.text.sentences import sentence_spans

Piece = tuple[Inline, ...]


@dataclass(frozen=True)
class Slot:
    """A block's units, the source nodes of each (``pieces``) and what lies between them
    (``joins``: before the first unit, between two, after the last)."""

    role: str
    units: tuple[Unit, ...]
    pieces: tuple[Piece, ...]
    joins: tuple[Piece, ...]
    #: Elements around the whole block (a wholly emphasised standfirst), outermost first, and
    #: the whitespace outside them: not in any msgid, kept as they are.
    outer: tuple[Node, ...] = ()
    lead: Piece = ()
    trail: Piece = ()
    #: An image alone in its block: the units are its alt text, written back into it.
    image: Node | None = None

    def translated(self, translations: Mapping[str, str]) -> bool:
        """Whether some unit of the block has a translation."""
        return any(translations.get(unit.text) for unit in self.units)

    def unit_nodes(self, translations: Mapping[str, str]) -> list[list[Inline]]:
        """Each unit's nodes: its msgstr read back (sanitised) when it has one, else its
        source nodes."""
        return [
            read_markup(target, unit.markup, unit.refs) if (target := translations.get(unit.text))
            else list(piece)
            for unit, piece in zip(self.units, self.pieces, strict=True)
        ]

    def assemble(self, units: Sequence[Sequence[Inline]]) -> list[Inline]:
        """The block's nodes from the nodes of each of its units (``unit_nodes``, maybe
        wrapped by an output: ``translate.formats.unitview``) and what lies around them."""
        out: list[Inline] = list(self.joins[0])
        for nodes, join in zip(units, self.joins[1:], strict=True):
            out.extend(nodes)
            out.extend(join)
        for node in reversed(self.outer):
            out = [Node(node.tag, node.attrs, tuple(out))]
        if self.image is not None:
            out = [self.image.with_attr("alt", " ".join(plain_text(out).split()))]
        return [*self.lead, *out, *self.trail]

    def content(self, translations: Mapping[str, str]) -> list[Inline]:
        """The block's nodes, each unit translated (its msgstr read back) or as in the
        source."""
        return self.assemble(self.unit_nodes(translations))


def top_spans(nodes: Sequence[Inline]) -> list[tuple[int, int]]:
    """Where each top-level node's text lies in ``plain_text(nodes)``."""
    spans, pos = [], 0
    for node in nodes:
        length = len(plain_text([node]))
        spans.append((pos, pos + length))
        pos += length
    return spans


def cut(nodes: Sequence[Inline], spans: list[tuple[int, int]], start: int, end: int) -> Piece:
    """The nodes covering ``[start, end)`` of the plain text: strings cut, elements whole,
    each in the range where its first non-blank character is (its start when it has none)."""
    out: list[Inline] = []
    for node, (a, b) in zip(nodes, spans, strict=True):
        if isinstance(node, str):
            lo, hi = max(a, start), min(b, end)
            if lo < hi:
                out.append(node[lo - a : hi - a])
            continue
        text = plain_text([node])
        anchor = a + len(text) - len(text.lstrip()) if text.strip() else a
        if start <= anchor < end:
            out.append(node)
    return tuple(out)


def split_block(nodes: Sequence[Inline]) -> tuple[list[Piece], list[Piece]]:
    """The sentences of a block (pieces with words) and the nodes between them (joins, one
    more than pieces). A "sentence" without a letter or digit (a lone dash) is a join."""
    nodes = list(nodes)
    spans = top_spans(nodes)
    text = plain_text(nodes)
    keep = [span for node, span in zip(nodes, spans, strict=True) if isinstance(node, Node)]
    sentences = [(s, e) for s, e in sentence_spans(text, keep) if has_word(text[s:e])]
    bounds = [0]
    pieces: list[Piece] = []
    for s, e in sentences:
        bounds += [s, e]
    bounds.append(len(text) + 1)
    joins = [cut(nodes, spans, bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    pieces = [cut(nodes, spans, bounds[i], bounds[i + 1]) for i in range(1, len(bounds) - 1, 2)]
    return pieces, joins


class UnitMaker:
    """Makes the units of one article: stable ids (the n-th repeat of a text gets ``-n``)."""

    def __init__(self, article_lang: str, unit_id: Callable[[str, int], str]) -> None:
        self.lang = article_lang
        self.unit_id = unit_id
        self.seen: dict[str, int] = {}
        self.paragraph = 0

    def unit(self, text: str, role: str, line: int, *, markup: str = "",
             refs: tuple[tuple[str, str], ...] = (), plain: str | None = None) -> Unit:
        """One unit with the next paragraph number (call ``next_paragraph`` between blocks)."""
        self.seen[text] = self.seen.get(text, 0) + 1
        return Unit(
            id=self.unit_id(text, self.seen[text]),
            role=role,
            text=text,
            paragraph=self.paragraph,
            line=line,
            lang=identify_unit_language(plain if plain is not None else text, self.lang),
            markup=markup,
            refs=refs,
        )

    def slot(self, nodes: Sequence[Inline], role: str, line: int, syntax: str) -> Slot | None:
        """The block of ``nodes`` as a slot of units (None when it has no words)."""
        outer, lead, trail, nodes = peel(nodes)
        image = None
        core = [n for n in nodes if not (isinstance(n, str) and not n.strip())]
        if syntax == "html" and not outer and len(core) == 1 and isinstance(core[0], Node) and (
                core[0].tag == "img"):
            at = list(nodes).index(core[0])
            lead, trail = tuple(nodes[:at]), tuple(nodes[at + 1 :])
            image, nodes, role, syntax = core[0], [core[0].get("alt") or ""], "image", ""
        pieces, joins = split_block(nodes)
        if not pieces:
            return None
        units = []
        for piece in pieces:
            clean = strip_nodes(collapse_space(piece))
            written = write_markup(clean, syntax)
            units.append(self.unit(written.text, role, line, markup=syntax, refs=written.refs,
                                   plain=plain_text(clean)))
        self.paragraph += 1
        return Slot(role, tuple(units), tuple(pieces), tuple(joins), outer, lead, trail, image)


#: Elements that may wrap a whole block without being part of its units.
WRAPPERS = frozenset({"em", "strong", "i", "b"})


def peel(nodes: Sequence[Inline]) -> tuple[tuple[Node, ...], Piece, Piece, list[Inline]]:
    """A block wholly inside emphasis (``*The Kremlin offers…*``): the emphasis elements
    (childless), the whitespace before and after them, and what is inside."""
    outer: list[Node] = []
    lead: Piece = ()
    trail: Piece = ()
    nodes = list(nodes)
    while True:
        first = next((i for i, n in enumerate(nodes) if not (isinstance(n, str)
                                                              and not n.strip())), None)
        if first is None:
            break
        last = max(i for i, n in enumerate(nodes) if not (isinstance(n, str) and not n.strip()))
        node = nodes[first]
        if first != last or not isinstance(node, Node) or node.tag not in WRAPPERS:
            break
        if outer and (first, last) != (0, len(nodes) - 1):
            break
        if not outer:
            lead, trail = tuple(nodes[:first]), tuple(nodes[last + 1 :])
        outer.append(Node(node.tag, node.attrs))
        nodes = list(node.children)
    return tuple(outer), lead, trail, nodes
