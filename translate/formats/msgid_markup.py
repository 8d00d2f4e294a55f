"""Inline markup written as PO text: in Markdown's syntax or po4a's HTML tags, links numbered.

``write_markup(nodes, syntax)`` writes a unit's nodes (``translate.formats.inline``) as its msgid:
the text, the links' addresses in number order (``[1]`` / ``href="1"`` stand for the first), and
where each element's markup lies (for MT, ``translate.mt.markup``); with ``links="inline"`` it
writes Markdown for an output document, each link with its address. ``detect_markup`` finds
the syntax of a msgid, ``element_key`` and ``describe`` are the QA check's words for an
element, ``link_notes`` the ``#. link:`` lines of a PO entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.formats.article import Unit
from translate.formats.inline import (
    ATOMIC,
    NUMBER,
    SYNTAXES,
    VOID,
    Inline,
    Node,
    Ref,
    elements,
    is_atomic,
    is_autolink,
    merge_strings,
    plain_text,
    read_markup,
    same_nodes,
)


@dataclass(frozen=True)
class Mark:
    """Where an element's markup is in written text: an opening, a closing or a whole atom."""

    start: int
    end: int
    kind: str  # "open" | "close" | "atom"
    element: int  # the element's index, in writing order


@dataclass(frozen=True)
class Written:
    """Text written from nodes: the text, the links in number order, where the markup is."""

    text: str
    refs: tuple[Ref, ...]
    marks: tuple[Mark, ...]


#: The elements Markdown has a syntax of its own for: the attributes each must have, and those
#: it may have (an element with others is written as inline HTML).
MARKDOWN_ATTRIBUTES = {
    **dict.fromkeys(("em", "strong", "s", "code", "br"), (frozenset(), frozenset())),
    "a": (frozenset({"href"}), frozenset({"href", "title"})),
    "img": (frozenset({"src"}), frozenset({"src", "alt", "title"})),
}
EMPHASIS = {"em": "*", "strong": "**", "s": "~~"}
MD_ESCAPED = set("\\`*[]|~")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
LEGACY_ENTITY = re.compile(r"&[A-Za-z#]")


def escape_markdown_text(text: str) -> str:
    """``text`` escaped so that Markdown reads it back as the same text, not as markup."""
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char in MD_ESCAPED:
            out.append("\\" + char)
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        elif char == "<" and (after.isalpha() or after in "/!?"):
            out.append("\\<")
        elif char == "&" and ENTITY.match(text, index):
            out.append("\\&")
        elif char == "\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def escape_html_text(text: str) -> str:
    """``text`` escaped as little as HTML needs to read it back as the same text."""
    text = LEGACY_ENTITY.sub(lambda m: "&amp;" + m.group()[1:], text)
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def escape_attribute(value: str) -> str:
    """An attribute value for ``name="value"``."""
    return value.replace("&", "&amp;").replace('"', "&quot;")


class Writer:
    """Writes nodes in one syntax. ``links``: "number" numbers links as it meets them (a new
    msgid), "keep" writes the href as it is (a parsed msgid, whose hrefs are numbers),
    "inline" writes Markdown links with their addresses (an output document)."""

    def __init__(self, syntax: str, *, links: str = "number", raw: bool = False,
                 breaks: str = "\\\n") -> None:
        self.syntax, self.links, self.raw, self.breaks = syntax, links, raw, breaks
        self.parts: list[str] = []
        self.length = 0
        self.refs: list[Ref] = []
        self.marks: list[Mark] = []
        self.count = 0

    def put(self, text: str, kind: str | None = None, element: int = -1) -> None:
        if kind is not None and text:
            self.marks.append(Mark(self.length, self.length + len(text), kind, element))
        self.parts.append(text)
        self.length += len(text)

    def ref(self, url: str, title: str = "") -> str:
        """The number standing for ``url`` (the url itself when it is not ours to number)."""
        if self.links != "number":
            return url
        self.refs.append((url, title))
        return str(len(self.refs))

    def write(self, nodes: Iterable[Inline]) -> None:
        escape = {"md": escape_markdown_text, "html": escape_html_text}.get(self.syntax, str)
        for node in merge_strings(nodes):
            if isinstance(node, str):
                self.put(escape(node))
            else:
                self.write_node(node)

    def write_node(self, node: Node) -> None:
        element = self.count
        self.count += 1
        if self.syntax == "md" and not self.raw and self.write_markdown(node, element):
            return
        if self.syntax not in SYNTAXES:
            self.write(node.children)
            return
        attrs = "".join(f' {name}="{escape_attribute(value)}"' for name, value in
                        self.numbered_attrs(node))
        if is_atomic(node, self.syntax):
            writer = Writer(self.syntax, links="keep", raw=self.raw)
            writer.write(node.children)
            closing = "" if node.tag in VOID else f"</{node.tag}>"
            self.put(f"<{node.tag}{attrs}>{''.join(writer.parts)}{closing}", "atom", element)
            return
        self.put(f"<{node.tag}{attrs}>", "open", element)
        if node.tag not in VOID:
            self.write(node.children)
            self.put(f"</{node.tag}>", "close", element)

    def numbered_attrs(self, node: Node) -> list[tuple[str, str]]:
        out = []
        titled = self.syntax == "md" and self.links != "inline" and node.tag in ("a", "img")
        for name, value in node.attrs:
            if name in ("href", "src") and node.tag in ("a", "img"):
                value = self.ref(value, (node.get("title") or "") if titled else "")
            if name == "title" and titled:
                continue
            out.append((name, value))
        return out

    def write_markdown(self, node: Node, element: int) -> bool:
        """Write ``node`` in Markdown's own syntax; False when it has none (raw HTML then)."""
        if node.tag not in MARKDOWN_ATTRIBUTES:
            return False
        required, allowed = MARKDOWN_ATTRIBUTES[node.tag]
        if not required <= {name for name, _value in node.attrs} <= allowed:
            return False
        writers = {"code": self.write_code_span, "br": self.write_line_break,
                   "a": self.write_link, "img": self.write_image}
        writers.get(node.tag, self.write_emphasis)(node, element)
        return True

    def write_emphasis(self, node: Node, element: int) -> None:
        """``*em*``, ``**strong**``, ``~~s~~``."""
        delimiter = EMPHASIS[node.tag]
        self.put(delimiter, "open", element)
        self.write(node.children)
        self.put(delimiter, "close", element)

    def write_code_span(self, node: Node, element: int) -> None:
        """A code span, fenced with enough backticks (``code_span``)."""
        self.put(code_span(plain_text(node.children)), "atom", element)

    def write_line_break(self, node: Node, element: int) -> None:
        """Markdown's line break (``breaks``: a backslash and a newline unless told)."""
        self.put(self.breaks, "atom", element)

    def write_link(self, node: Node, element: int) -> None:
        """``<https://…>`` for an autolink without a title, else ``[text][N]`` (or inline)."""
        if is_autolink(node) and node.get("title") is None:
            self.put(f"<{node.children[0]}>", "atom", element)
            return
        target = self.target(node.get("href") or "", node.get("title") or "")
        self.put("[", "open", element)
        self.write(node.children)
        self.put(f"]{target}", "close", element)

    def write_image(self, node: Node, element: int) -> None:
        """``![alt][N]`` (or inline)."""
        target = self.target(node.get("src") or "", node.get("title") or "")
        self.put("![", "open", element)
        self.put(escape_markdown_text(node.get("alt") or ""))
        self.put(f"]{target}", "close", element)

    def target(self, url: str, title: str) -> str:
        """What follows a link's text: ``[N]``, or ``(url "title")`` in an output document."""
        if self.links != "inline":
            return f"[{self.ref(url, title)}]"
        if not url or re.search(r"[\s<>]", url) or url.count("(") != url.count(")"):
            url = "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
        if title:
            title = title.replace("\\", "\\\\").replace('"', '\\"')
            return f'({url} "{title}")'
        return f"({url})"


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, fenced with enough backticks."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    if text.strip() == "":
        pad = ""
    return f"{fence}{pad}{text}{pad}{fence}"


def write_markup(nodes: Sequence[Inline], syntax: str, *, links: str = "number",
                 breaks: str = "\\\n") -> Written:
    """``nodes`` written in ``syntax`` ("md", "html", or "" for plain text); see the module
    docstring and :class:`Writer` for ``links``; ``breaks`` is Markdown's line break.

    Markdown emphasis that would not read back as written (a delimiter next to punctuation
    where CommonMark's flanking rules refuse it) is written as inline HTML instead.
    """
    writer = Writer(syntax, links=links, breaks=breaks)
    writer.write(nodes)
    written = Written("".join(writer.parts), tuple(writer.refs), tuple(writer.marks))
    if syntax == "md":
        refs = written.refs if links == "number" else None
        if not same_nodes(read_markup(written.text, syntax, refs), nodes):
            writer = Writer(syntax, links=links, raw=True, breaks=breaks)
            writer.write(nodes)
            written = Written("".join(writer.parts), tuple(writer.refs), tuple(writer.marks))
    return written


def detect_markup(text: str) -> tuple[str, list[Inline]] | None:
    """The syntax and nodes of a msgid with inline markup (links keep their numbers), or None
    when it has none that reads back exactly as written.

    A text that reads back in both syntaxes is taken in the one that finds more elements, HTML
    on a tie (``<sup>2</sup>`` alone): its escapes (``&amp;``, ``&lt;``) mean the same in
    Markdown, while Markdown's backslashes would show in HTML.
    """
    found: list[tuple[int, str, list[Inline]]] = []
    for syntax in ("html", "md"):
        nodes = read_markup(text, syntax, None)
        count = sum(1 for _ in elements(nodes))
        if count and write_markup(nodes, syntax, links="keep").text == text:
            found.append((count, syntax, nodes))
    if not found:
        return None
    count, syntax, nodes = max(found, key=lambda item: (item[0], item[1] == "html"))
    return syntax, nodes


def link_notes(units: Iterable[Unit]) -> list[str]:
    """The ``#. link:`` lines of a PO entry: ``[1] https://…`` for each link number of its
    units (a title after it), once each."""
    lines: list[str] = []
    for unit in units:
        for number, (url, title) in enumerate(unit.refs, start=1):
            line = f"[{number}] {url}" + (f' "{title}"' if title else "")
            if line not in lines:
                lines.append(line)
    return lines


def element_key(node: Node) -> tuple[str, str]:
    """What identifies an inline element across a translation: its tag, and its link number
    (or address), or a code span's text; other attributes may be translated."""
    if node.tag in ("a", "img"):
        return node.tag, node.get("href" if node.tag == "a" else "src") or ""
    if node.tag in ATOMIC and node.tag not in ("br", "wbr"):
        return node.tag, plain_text(node.children)
    return node.tag, ""


def describe(key: tuple[str, str], syntax: str) -> str:
    """An element for a message: ``link [1]``, ``<em>``, ``code `x```..."""
    tag, value = key
    if tag in ("a", "img"):
        kind = "link" if tag == "a" else "image"
        return f"{kind} [{value}]" if NUMBER.fullmatch(value) else f"{kind} to {value}"
    if tag in ("br", "wbr"):
        return "line break"
    if value:
        return f"{tag} {value!r}"
    if syntax == "md" and tag in ("em", "strong", "s"):
        return {"em": "*emphasis*", "strong": "**strong**", "s": "~~struck~~"}[tag]
    return f"<{tag}>"
