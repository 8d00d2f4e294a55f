"""Inline markup through MT: the model sees ``{N}`` markers, never a tag or an address.

A msgid with inline markup (``translate.formats.inline``) goes to the model as its text with each
element's opening and closing, each atom (code, a line break, an image, an autolink) and each
bare URL replaced by a ``{N}`` marker, the one shape models copy byte for byte most often (see
``tests/build_adversarial_models.py``). Each marker is a guarded span of
``translate.mt.protect`` (a :class:`MarkerRule`), beside the glossary's place names, so the same
machinery verifies it and, when the model drops or repeats one, sends the text back with the
missing markers renumbered. The output is then rebuilt as nodes from its markers (every marker
once, each element closed after it opens, inside what it opened in) and written back in the
msgid's syntax, whitespace moved out of emphasis so Markdown reads it.

When the markers still do not come back right, the text is translated again piece by piece,
each run of text between two markers on its own, and put back between the source's markup:
never a broken document, only a clumsier sentence (counted as ``piecewise`` in the outcome,
and noted for the reviewer: ``PIECEWISE_NOTE``, which the run puts on the entry's ``MT:`` line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from translate.formats.inline import (
    Inline,
    Node,
    collapse_space,
    is_atomic,
    merge_strings,
    plain_text,
    strip_nodes,
)
from translate.formats.msgid_markup import detect_markup, write_markup
from translate.mt.protect import (
    PLACEHOLDER,
    STRATEGIES,
    Guard,
    Guards,
    Outcome,
    Span,
    translate_guarded,
)
from translate.text.tokens import find_urls

#: The prefix of the problems this module's rules report (they never reach the PO file).
PROBLEM = "inline markup: "
#: The note an outcome translated by the piecewise fallback carries (to its entry's MT: line).
PIECEWISE_NOTE = ("inline markup: the model lost its markers, so the text between them was "
                  "translated piece by piece; check that the sentence reads well")
Model = Callable[[list[str], bool], list[str]]


@dataclass(frozen=True, eq=False)
class MarkerRule:
    """A marker ``{N}`` of inline markup: it must come back exactly once."""

    number: int

    @property
    def name(self) -> str:
        return f"{{{self.number}}}"

    def spans(self, output: str) -> list[Span]:
        return [m.span() for m in PLACEHOLDER.finditer(output) if int(m.group(1)) == self.number]

    def accepted(self, output: str) -> list[Span]:
        found = self.spans(output)
        return found if len(found) == 1 else []

    def wrong(self, output: str) -> list[Span]:
        return []

    def sounds(self) -> tuple[str, ...]:
        return ()

    def replace(self, output: str, span: Span, guard: Guard) -> tuple[tuple[Span, str], None]:
        return (span, guard.target), None

    def restore(self, output: str, span: Span, guard: Guard) -> tuple[Span, str]:
        return span, guard.target

    def problem(self, output: str, missing: int) -> str:
        return f"{PROBLEM}the marker {self.name} did not come back once"


@dataclass(frozen=True)
class Marker:
    """What a marker stands for: an element's opening or closing, or a whole atom."""

    kind: str  # "open" | "close" | "atom"
    node: Node | str  # the element (an atom whole); a URL atom is its text
    element: int  # which element (opening and closing share it)


@dataclass
class Masked:
    """A msgid ready for MT: the text the model sees, and what each marker stands for."""

    source: str
    syntax: str
    text: str
    markers: dict[int, Marker] = field(default_factory=dict)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # text runs between markers


def mask(text: str) -> Masked:
    """``text`` with its inline markup and bare URLs as ``{N}`` markers (numbers above any
    ``{N}`` of the text itself)."""
    found = detect_markup(text)
    syntax, nodes = found if found else ("", [text])
    used = [int(number) for number in PLACEHOLDER.findall(text)]
    masked = Masked(text, syntax, "")
    parts: list[str] = []
    counter = iter(range(max(used, default=0) + 1, 10**6))
    index = iter(range(10**6))

    def marker(kind: str, node: Node | str, element: int) -> None:
        number = next(counter)
        masked.markers[number] = Marker(kind, node, element)
        parts.append(f"{{{number}}}")

    def walk(items: Sequence[Inline]) -> None:
        for item in items:
            if isinstance(item, str):
                pos = 0
                for url in find_urls(item):
                    at = item.find(url, pos)
                    parts.append(item[pos:at])
                    marker("atom", url, next(index))
                    pos = at + len(url)
                parts.append(item[pos:])
            elif is_atomic(item, syntax):
                marker("atom", item, next(index))
            else:
                element = next(index)
                marker("open", Node(item.tag, item.attrs), element)
                walk([item.get("alt") or ""] if item.tag == "img" else item.children)
                marker("close", Node(item.tag, item.attrs), element)

    walk(nodes)
    masked.text = "".join(parts)
    bounds = [0, *(pos for m in PLACEHOLDER.finditer(masked.text)
                   if int(m.group(1)) in masked.markers for pos in m.span()), len(masked.text)]
    masked.pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    return masked


def rebuild(masked: Masked, output: str) -> list[Inline] | None:
    """Nodes from an MT output with markers, or None unless every marker is there once, each
    element's closing after its opening and inside what encloses it."""
    tokens: list[tuple[int, int, int]] = [
        (m.start(), m.end(), int(m.group(1))) for m in PLACEHOLDER.finditer(output)
        if int(m.group(1)) in masked.markers
    ]
    if sorted(number for _s, _e, number in tokens) != sorted(masked.markers):
        return None
    texts = []
    pos = 0
    for start, end, _number in tokens:
        texts.append(output[pos:start])
        pos = end
    texts.append(output[pos:])
    return assemble(masked, texts, [number for _s, _e, number in tokens])


def assemble(masked: Masked, texts: list[str], numbers: list[int]) -> list[Inline] | None:
    """Nodes from text runs and the markers between them (None when they do not nest)."""
    stack: list[tuple[Node, int, list[Inline]]] = [(Node(""), -1, [])]
    for text, number in zip(texts, [*numbers, None], strict=True):
        if text:
            stack[-1][2].append(text)
        if number is None:
            break
        marker = masked.markers[number]
        if marker.kind == "atom":
            stack[-1][2].append(marker.node)
        elif marker.kind == "open":
            assert isinstance(marker.node, Node)
            stack.append((marker.node, marker.element, []))
        else:
            node, element, children = stack.pop()
            if element != marker.element or not stack:
                return None
            stack[-1][2].append(finish(node, children))
    if len(stack) != 1:
        return None
    return strip_nodes(collapse_space(tidy(merge_strings(stack[0][2]))))


def finish(node: Node, children: list[Inline]) -> Node:
    """An element with its rebuilt content (an image's content is its alt text)."""
    if node.tag == "img":
        return node.with_attr("alt", " ".join(plain_text(children).split()))
    return Node(node.tag, node.attrs, tuple(children))


def tidy(nodes: list[Inline]) -> list[Inline]:
    """Whitespace at the edges of an element moved outside it (``* x*`` is no emphasis)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str) or is_atomic(node, "") or node.tag == "img":
            out.append(node)
            continue
        children = tidy(merge_strings(node.children))
        lead = trail = ""
        if children and isinstance(children[0], str):
            stripped = children[0].lstrip()
            lead, children[0] = children[0][: len(children[0]) - len(stripped)], stripped
        if children and isinstance(children[-1], str):
            stripped = children[-1].rstrip()
            trail, children[-1] = children[-1][len(stripped):], stripped
        out.extend([lead, Node(node.tag, node.attrs, tuple(c for c in children if c)), trail])
    return merge_strings(out)


def guards_of(masked: Masked) -> list[Guard]:
    """A guard for each marker of ``masked.text``."""
    return [Guard(m.start(), m.end(), m.group(), MarkerRule(int(m.group(1))))
            for m in PLACEHOLDER.finditer(masked.text) if int(m.group(1)) in masked.markers]


def write_back(masked: Masked, nodes: list[Inline]) -> str:
    """Rebuilt nodes in the msgid's syntax (plain text for a text without markup)."""
    if not masked.syntax:
        return plain_text(nodes)
    return write_markup(nodes, masked.syntax, links="keep").text


def translate_marked(texts: Sequence[str], glossary: Guards, lang: str, model: Model,
                     strategies: Sequence[str] = STRATEGIES) -> list[Outcome]:
    """Translate ``texts`` with their place names guarded (``translate.mt.protect``) and their
    inline markup and URLs as verified markers (see the module docstring)."""
    masks = [mask(text) for text in texts]
    prepared = [glossary.prepare(masked.text, lang) for masked in masks]
    items = [(p.source, [*guards_of(masked), *p.guards])
             for p, masked in zip(prepared, masks, strict=True)]
    outcomes = translate_guarded(items, model, strategies)
    failing: list[int] = []
    for index, (masked, outcome) in enumerate(zip(masks, outcomes, strict=True)):
        outcome.problems = [p for p in outcome.problems if not p.startswith(PROBLEM)]
        outcome.fixed = {k: v for k, v in outcome.fixed.items() if not PLACEHOLDER.fullmatch(k)}
        if not masked.markers:
            continue
        nodes = rebuild(masked, outcome.text)
        if nodes is None:
            failing.append(index)
        else:
            outcome.text = write_back(masked, nodes)
    if failing:
        translate_pieces([masks[i] for i in failing], [outcomes[i] for i in failing],
                         glossary, lang, model, strategies)
    return outcomes


def translate_pieces(masks: list[Masked], outcomes: list[Outcome], glossary: Guards,
                     lang: str, model: Model, strategies: Sequence[str]) -> None:
    """The fallback: each text run between markers translated on its own (one more model
    call for all of them) and put back between the source's markers."""
    wanted: list[str] = []
    for masked in masks:
        for start, end in masked.pieces:
            piece = masked.text[start:end]
            if re.search(r"\w", piece) and piece.strip() not in wanted:
                wanted.append(piece.strip())
    translated: dict[str, Outcome] = {}
    if wanted:
        prepared = [glossary.prepare(piece, lang) for piece in wanted]
        pieces = translate_guarded([(p.source, p.guards) for p in prepared], model, strategies)
        translated = dict(zip(wanted, pieces, strict=True))
    for masked, outcome in zip(masks, outcomes, strict=True):
        texts: list[str] = []
        problems: list[str] = []
        for start, end in masked.pieces:
            piece = masked.text[start:end]
            core = piece.strip()
            done = translated.get(core)
            if done is None or not done.text.strip():
                texts.append(piece)
                continue
            problems += done.problems
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            texts.append(lead + PLACEHOLDER.sub(" ", done.text).strip() + trail)
        numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(masked.text)
                   if int(m.group(1)) in masked.markers]
        nodes = assemble(masked, texts, numbers)
        outcome.text = write_back(masked, nodes) if nodes is not None else masked.source
        outcome.problems = problems + outcome.problems
        outcome.decodes += 1
        outcome.fixed["piecewise"] = "piecewise"
        outcome.notes.append(PIECEWISE_NOTE)
