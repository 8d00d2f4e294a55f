"""Inline markup of a unit (links, emphasis, code, line breaks) as a small tree, and as PO text.

A unit of a Markdown or HTML article is a list of :class:`Node`\\ s and strings. In its ``msgid``
the markup is written in the article's own syntax, where translators can move it and editors
render it: Markdown's (``*em*``, ``**strong**``, ``~~struck~~``, `` `code` ``, ``[text][1]``,
``![alt][1]``, ``<https://…>``, a backslash line break; other inline HTML as written) or po4a's
inline HTML tags (``<em>``, ``<a href="1">``, ``<br>``). The URL of a link or image is not in the
text: ``[1]`` / ``href="1"`` stands for the unit's first link, whose address the PO entry lists
(``#. link: [1] https://…``). A translator localising a link writes the address instead of the
number (``[текст](https://ru.example/)``, ``<a href="https://ru.example/">``).

``translate.formats.msgid_markup.write_markup(nodes, syntax)`` writes a msgid;
``read_markup(text, syntax, refs)`` parses a msgid or msgstr back with a real parser
(markdown-it-py, html5lib) into sanitised nodes; with ``refs=None`` a link keeps its number.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from translate.formats.sanitize import clean_tree, names, safe_url

if TYPE_CHECKING:  # markdown-it is imported where Markdown is read (50 ms)
    from xml.etree.ElementTree import Element

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Inline elements kept in a unit; any other tag inside a unit is unwrapped (its text kept).
INLINE_TAGS = names(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span "
    "strong sub sup time u var wbr")
VOID = frozenset({"br", "img", "wbr"})
#: Elements whose content is never translated: one marker each for MT.
ATOMIC = frozenset({"code", "kbd", "samp", "var", "br", "wbr"})
SYNTAXES = ("md", "html")
#: How deep inline elements may nest in a unit: an element inside this many others is
#: unwrapped when a unit's nodes are built (its text kept). Nothing a reader sees is lost
#: (``<em>`` inside 64 ``<em>``\ s looks the same), and every later walk of the nodes, the
#: dataclass comparisons included, stays far from Python's recursion limit whatever the input
#: (2,000 nested ``*`` in Markdown, 10,000 nested ``<span>`` in HTML or in a msgstr).
MAX_INLINE_DEPTH = 64
#: The href a reference ``[text][N]`` gets while a msgid is parsed.
REF_PREFIX = "translate-ref:"
NUMBER = re.compile(r"[1-9][0-9]{0,3}")

Ref: TypeAlias = tuple[str, str]  # (url, title)


@dataclass(frozen=True)
class Node:
    """An inline element: its tag, its (sanitised) attributes, its content."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[Inline, ...] = ()

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of attribute ``name``."""
        return next((value for key, value in self.attrs if key == name), default)

    def with_attr(self, name: str, value: str | None) -> Node:
        """This node with attribute ``name`` set to ``value`` (removed when None)."""
        attrs = [(k, v) for k, v in self.attrs if k != name]
        if value is not None:
            position = next((i for i, (k, _v) in enumerate(self.attrs) if k == name), len(attrs))
            attrs.insert(position, (name, value))
        return Node(self.tag, tuple(attrs), self.children)


Inline: TypeAlias = Node | str


def plain_text(nodes: Iterable[Inline]) -> str:
    """What a reader reads: text, code, image alt text; a line break as ``\\n``."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag == "br":
            out.append("\n")
        elif node.tag == "img":
            out.append(node.get("alt") or "")
        else:
            out.append(plain_text(node.children))
    return "".join(out)


def is_autolink(node: Node) -> bool:
    """A link whose text is its own address (``<https://…>``): nothing to translate in it."""
    if node.tag != "a" or len(node.children) != 1 or not isinstance(node.children[0], str):
        return False
    href, text = node.get("href") or "", node.children[0]
    return bool(text) and href in (text, f"mailto:{text}") and not set(text) & set(" <>")


def is_atomic(node: Node, syntax: str) -> bool:
    """Whether MT sees ``node`` as one marker (its content is not translated)."""
    return node.tag in ATOMIC or is_autolink(node) or (node.tag == "img" and syntax == "html")


def collapse_space(nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` with every run of whitespace in their text one space (code kept as it is)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            text = re.sub(r"[ \t\n\r\f]+", " ", node)
            if out and isinstance(out[-1], str):
                out[-1] += text
            elif text:
                out.append(text)
        elif node.tag in ATOMIC:
            out.append(node)
        else:
            out.append(Node(node.tag, node.attrs, tuple(collapse_space(node.children))))
    return out


def strip_nodes(nodes: Sequence[Inline]) -> list[Inline]:
    """``nodes`` without the whitespace at both ends of their text."""
    out = list(nodes)
    while out and isinstance(out[0], str) and not out[0].strip():
        out.pop(0)
    while out and isinstance(out[-1], str) and not out[-1].strip():
        out.pop()
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return out


def elements(nodes: Iterable[Inline]) -> Iterator[Node]:
    """Every element of ``nodes``, outer before inner."""
    for node in nodes:
        if isinstance(node, Node):
            yield node
            yield from elements(node.children)


def same_nodes(a: Sequence[Inline], b: Sequence[Inline]) -> bool:
    """Whether two node lists are the same markup (adjacent strings merged, attributes in
    any order)."""
    return canonical(a) == canonical(b)


def canonical(nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` merged (merge_strings), every element's attributes sorted."""
    return [node if isinstance(node, str) else
            Node(node.tag, tuple(sorted(node.attrs)), tuple(canonical(node.children)))
            for node in merge_strings(nodes)]


def merge_strings(nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` with adjacent strings joined and empty ones left out (recursively: the
    ``join_strings`` of each level)."""
    return [node if isinstance(node, str) else
            Node(node.tag, node.attrs, tuple(merge_strings(node.children)))
            for node in join_strings(nodes)]


# --- Reading -----------------------------------------------------------------------------


def read_markup(text: str, syntax: str, refs: Sequence[Ref] | None = None) -> list[Inline]:
    """Parse a msgid or msgstr written in ``syntax`` into sanitised nodes.

    With ``refs`` a numbered link gets its address from them (a number it does not have
    leaves the link without one, so it is shown as text); with ``refs=None`` it keeps its
    number as its href. An unsafe address (``javascript:``) is dropped with its link.
    """
    if syntax == "md":
        nodes = read_markdown(text)
    elif syntax == "html":
        nodes = read_html(text)
    else:
        nodes = [text]
    return resolve(nodes, refs)


def resolve(nodes: Iterable[Inline], refs: Sequence[Ref] | None) -> list[Inline]:
    """Links and images numbered ``N`` get ``refs[N-1]``; unsafe or unknown ones unwrapped."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        children = tuple(resolve(node.children, refs))
        key = "href" if node.tag == "a" else "src" if node.tag == "img" else None
        value = node.get(key) if key else None
        if key and value is not None:
            number = value.removeprefix(REF_PREFIX)
            if NUMBER.fullmatch(number):
                if refs is None:
                    node = node.with_attr(key, number)
                elif int(number) <= len(refs):
                    url, title = refs[int(number) - 1]
                    node = node.with_attr(key, url)
                    if title and node.get("title") is None:
                        node = node.with_attr("title", title)
                else:
                    value = None
            elif not safe_url(value):
                value = None
            if value is None:
                if node.tag == "img":
                    continue
                out.extend(children)
                continue
        if node.tag == "a" and not node.attrs:
            out.extend(children)  # a link whose address was unsafe: its text stays
            continue
        out.append(Node(node.tag, node.attrs, children))
    return merge_strings(out)


_MARKDOWN = None


def markdown_parser() -> MarkdownIt:
    """The CommonMark parser with GFM tables and strikethrough, raw HTML allowed (sanitised
    afterwards), created once."""
    global _MARKDOWN
    if _MARKDOWN is None:
        from markdown_it import MarkdownIt  # lazy: 50 ms, for Markdown only

        _MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _MARKDOWN


#: Every reference a msgid may use: ``[text][N]`` is the unit's link N.
REFERENCES = {str(n): {"href": f"{REF_PREFIX}{n}", "title": ""} for n in range(1, 1000)}


def read_markdown(text: str) -> list[Inline]:
    """Inline Markdown into nodes; ``[text][N]`` is a link numbered N."""
    tokens = markdown_parser().parseInline(text, {"references": dict(REFERENCES)})
    return markdown_nodes(tokens[0].children or [] if tokens else [])


class Frame:
    """An element being built while reading: its tag, attributes and children so far."""

    def __init__(self, tag: str, attrs: Sequence[tuple[str, str]] = ()) -> None:
        self.tag, self.attrs = tag, tuple(attrs)
        self.children: list[Inline] = []


class Builder:
    """A stack of open frames that Markdown's inline tokens build on (they always nest); an
    element opened inside MAX_INLINE_DEPTH others is unwrapped."""

    def __init__(self) -> None:
        self.stack = [Frame("")]
        self.unwrapped = 0  # elements opened beyond MAX_INLINE_DEPTH, not yet closed

    def add(self, node: Inline) -> None:
        self.stack[-1].children.append(node)

    def open(self, frame: Frame) -> None:
        if len(self.stack) > MAX_INLINE_DEPTH:
            self.unwrapped += 1
        else:
            self.stack.append(frame)

    def close(self) -> None:
        if self.unwrapped:
            self.unwrapped -= 1
        elif len(self.stack) > 1:
            frame = self.stack.pop()
            self.add(Node(frame.tag, frame.attrs, tuple(frame.children)))

    def nodes(self) -> list[Inline]:
        while len(self.stack) > 1:
            self.close()
        return merge_strings(self.stack[0].children)


EMPHASIS_TOKENS = {"em_open": "em", "strong_open": "strong", "s_open": "s"}
CLOSING_TOKENS = frozenset({"em_close", "strong_close", "s_close", "link_close"})
URLS = frozenset({"href", "src"})


def markdown_nodes(tokens: Sequence[Token]) -> list[Inline]:
    """Nodes from markdown-it inline tokens. Raw HTML among them is read as the HTML of an
    article is (``markdown_html_nodes``)."""
    if any(token.type == "html_inline" for token in tokens):
        return markdown_html_nodes(tokens)
    build = Builder()
    for token in tokens:
        kind = token.type
        if kind in EMPHASIS_TOKENS:
            build.open(Frame(EMPHASIS_TOKENS[kind]))
        elif kind in CLOSING_TOKENS:
            build.close()
        elif kind == "link_open":
            build.open(Frame("a", link_attributes(token, "href")))
        else:
            node = leaf_node(token)
            if node is not None:
                build.add(node)
    return build.nodes()


def link_attributes(token: Token, key: str) -> list[tuple[str, str]]:
    """``href`` (or ``src``) and ``title`` of a link or image token; a reference ``[t][N]``
    keeps its number."""
    attrs = [(key, str(token.attrs.get(key, "")))]
    if token.attrs.get("title"):
        attrs.append(("title", str(token.attrs["title"])))
    return attrs


def leaf_node(token: Token) -> Inline | None:
    """The node of a token that opens and closes nothing: text, a break, code, an image."""
    kind = token.type
    if kind in ("text", "text_special"):
        return str(token.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return Node("br")
    if kind == "code_inline":
        return Node("code", (), (token.content,))
    if kind == "image":
        alt = plain_text(markdown_nodes(token.children or []))
        src, *title = link_attributes(token, "src")
        return Node("img", (src, ("alt", alt), *title))
    return None


def markdown_html_nodes(tokens: Sequence[Token]) -> list[Inline]:
    """Inline tokens holding raw HTML: written out as the HTML a CommonMark renderer makes of
    them (text escaped, raw tags as they are, links numbered as in a msgid), then parsed by
    html5lib and sanitised (``read_html``), as the HTML of an article is: what a browser would
    build of a tag split across tokens is what is kept of it."""
    out: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "html_inline":
            out.append(token.content)
        elif kind in EMPHASIS_TOKENS:
            out.append(f"<{EMPHASIS_TOKENS[kind]}>")
        elif kind in CLOSING_TOKENS:
            out.append("</a>" if kind == "link_close" else f"</{kind.removesuffix('_close')}>")
        elif kind == "link_open":
            out.append(f"<a{html_attributes(link_attributes(token, 'href'))}>")
        else:
            node = leaf_node(token)
            if isinstance(node, str):
                out.append(html.escape(node, quote=False))
            elif node is not None:
                out.append(node_html(node))
    return read_html("".join(out))


def html_attributes(attrs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` for each attribute, escaped; a reference number ``translate-ref:N``
    written as ``N`` (a relative address the sanitiser keeps, read back as link N)."""
    return "".join(
        f' {name}="{html.escape(value.removeprefix(REF_PREFIX) if name in URLS else value)}"'
        for name, value in attrs)


def node_html(node: Node) -> str:
    """A leaf node (br, code, img) as HTML."""
    if node.tag in VOID:
        return f"<{node.tag}{html_attributes(node.attrs)}>"
    return f"<{node.tag}>{html.escape(plain_text(node.children), quote=False)}</{node.tag}>"


def read_html(text: str) -> list[Inline]:
    """Inline HTML (po4a's tags) into nodes, parsed as a browser would (html5lib)."""
    import html5lib  # lazy: 75 ms, for HTML only

    fragment = html5lib.parseFragment(text, container="div", treebuilder="etree",
                                      namespaceHTMLElements=False)
    return merge_strings(element_nodes(clean_tree(fragment)))


def element_nodes(element: Element) -> list[Inline]:
    """The content of a (sanitised) element as nodes: inline tags kept, others unwrapped, and
    so is an inline element inside MAX_INLINE_DEPTH others. Iterative: an HTML tree is as
    deep as its source (html5lib sets no limit)."""
    top: list[Inline] = [element.text] if element.text else []
    stack = [_Converting(iter(element), top, top)]
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            frame.finish()
            continue
        tag = child.tag.lower()
        attrs = tuple(child.attrib.items())
        keep = tag in INLINE_TAGS and (frame.depth < MAX_INLINE_DEPTH or tag in VOID) and not (
            tag == "a" and child.get("href") is None and not attrs)
        content: list[Inline] = [child.text] if child.text else []
        stack.append(_Converting(iter(child), content, frame.content, tag if keep else "",
                                 attrs, child.tail or "", depth=frame.depth + keep,
                                 drop=tag == "img" and child.get("src") is None))
    return top


class _Converting:
    """An element of ``element_nodes`` being converted: its children still to read, its
    content so far, and the list it goes into when done (as a node, or unwrapped)."""

    def __init__(self, children: Iterator[Element], content: list[Inline], parent: list[Inline],
                 tag: str = "", attrs: tuple[tuple[str, str], ...] = (), tail: str = "", *,
                 depth: int = 0, drop: bool = False) -> None:
        self.children, self.content, self.parent = children, content, parent
        self.tag, self.attrs, self.tail, self.drop = tag, attrs, tail, drop
        self.depth = depth  # the inline elements kept around its content

    def finish(self) -> None:
        """Put the converted element (or its content) into its parent, then its tail."""
        if self.parent is self.content:
            return  # the element converted itself
        if self.drop:
            pass  # an image without a source
        elif self.tag:
            children = () if self.tag in VOID else tuple(join_strings(self.content))
            self.parent.append(Node(self.tag, self.attrs, children))
        else:
            self.parent.extend(join_strings(self.content))
        if self.tail:
            self.parent.append(self.tail)


def join_strings(nodes: Iterable[Inline]) -> list[Inline]:
    """``nodes`` with adjacent strings joined and empty ones left out (this level only)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += node
                continue
        out.append(node)
    return out
