"""Inline markup of a unit (links, emphasis, code, line breaks) as a small tree, and as PO text.

A unit of a Markdown or HTML article is a list of :class:`Node`\\ s and strings. In its ``msgid``
the markup is written in the article's own syntax, where translators can move it and editors
render it: Markdown's (``*em*``, ``**strong**``, ``~~struck~~``, `` `code` ``, ``[text][1]``,
``![alt][1]``, ``<https://…>``, a backslash line break; other inline HTML as written) or po4a's
inline HTML tags (``<em>``, ``<a href="1">``, ``<br>``). The URL of a link or image is not in the
text: ``[1]`` / ``href="1"`` stands for the unit's first link, whose address the PO entry lists
(``#. link: [1] https://…``). A translator localising a link writes the address instead of the
number (``[текст](https://ru.example/)``, ``<a href="https://ru.example/">``).

``write_markup(nodes, syntax)`` gives the text and the links in number order;
``read_markup(text, syntax, refs)`` parses a msgid or msgstr back with a real parser
(markdown-it-py, html5lib) into sanitised nodes; with ``refs=None`` a link keeps its number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TypeAlias

from translate.sanitize import REMOVED, clean_attributes, names, safe_url

#: Inline elements kept in a unit; any other tag inside a unit is unwrapped (its text kept).
INLINE_TAGS = names(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span "
    "strong sub sup time u var wbr")
VOID = frozenset({"br", "img", "wbr"})
#: Elements whose content is never translated: one marker each for MT.
ATOMIC = frozenset({"code", "kbd", "samp", "var", "br", "wbr"})
SYNTAXES = ("md", "html")
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


# --- Writing ------------------------------------------------------------------------------


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
        for node in nodes:
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
        names = {name for name, _value in node.attrs}
        delimiter = {"em": "*", "strong": "**", "s": "~~"}.get(node.tag)
        if delimiter and not names:
            self.put(delimiter, "open", element)
            self.write(node.children)
            self.put(delimiter, "close", element)
        elif node.tag == "code" and not names:
            self.put(code_span(plain_text(node.children)), "atom", element)
        elif node.tag == "br" and not names:
            self.put(self.breaks, "atom", element)
        elif node.tag == "a" and is_autolink(node) and names == {"href"}:
            self.put(f"<{node.children[0]}>", "atom", element)
        elif node.tag == "a" and "href" in names and names <= {"href", "title"}:
            target = self.target(node.get("href") or "", node.get("title") or "")
            self.put("[", "open", element)
            self.write(node.children)
            self.put(f"]{target}", "close", element)
        elif node.tag == "img" and "src" in names and names <= {"src", "alt", "title"}:
            target = self.target(node.get("src") or "", node.get("title") or "")
            self.put("![", "open", element)
            self.put(escape_markdown_text(node.get("alt") or ""))
            self.put(f"]{target}", "close", element)
        else:
            return False
        return True

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
    """``nodes`` with adjacent strings joined and empty ones left out (recursively)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += node
            else:
                out.append(node)
        else:
            out.append(Node(node.tag, node.attrs, tuple(merge_strings(node.children))))
    return out


def detect_markup(text: str) -> tuple[str, list[Inline]] | None:
    """The syntax and nodes of a msgid with inline markup (links keep their numbers), or None
    when it has none that reads back exactly as written."""
    for syntax in ("md", "html"):
        nodes = read_markup(text, syntax, None)
        if any(True for _ in elements(nodes)) and write_markup(
                nodes, syntax, links="keep").text == text:
            return syntax, nodes
    return None


def link_notes(units: Iterable) -> list[str]:  # units: Iterable[article.Unit]
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


def markdown_parser():  # -> markdown_it.MarkdownIt
    """The CommonMark parser with GFM tables and strikethrough, raw HTML allowed (sanitised
    afterwards), created once."""
    global _MARKDOWN
    if _MARKDOWN is None:
        from markdown_it import MarkdownIt

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

    def __init__(self, tag: str, attrs: Sequence[tuple[str, str]] = (), *,
                 closer: str = "", drop: bool = False) -> None:
        self.tag, self.attrs, self.closer, self.drop = tag, tuple(attrs), closer, drop
        self.children: list[Inline] = []

    def node(self) -> Node:
        return Node(self.tag, self.attrs, tuple(self.children))


class Builder:
    """A stack of open frames that inline tokens (Markdown's or raw HTML tags) build on."""

    def __init__(self) -> None:
        self.stack = [Frame("")]

    def add(self, node: Inline) -> None:
        self.stack[-1].children.append(node)

    def open(self, frame: Frame) -> None:
        self.stack.append(frame)

    def close(self, closer: str) -> None:
        """Close the innermost frame opened with ``closer`` (and any open inside it)."""
        if not any(frame.closer == closer for frame in self.stack[1:]):
            return
        while True:
            frame = self.stack.pop()
            self.finish(frame)
            if frame.closer == closer:
                return

    def finish(self, frame: Frame) -> None:
        if frame.drop:
            return
        if frame.tag in INLINE_TAGS:
            self.add(frame.node())
        else:
            self.stack[-1].children.extend(frame.children)

    def nodes(self) -> list[Inline]:
        while len(self.stack) > 1:
            self.finish(self.stack.pop())
        return merge_strings(self.stack[0].children)


def markdown_nodes(tokens: Sequence) -> list[Inline]:
    """Nodes from markdown-it inline tokens (raw HTML tags parsed by ``html.parser``)."""
    build = Builder()
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):
            build.add(token.content)
        elif kind == "softbreak":
            build.add(" ")
        elif kind == "hardbreak":
            build.add(Node("br"))
        elif kind == "code_inline":
            build.add(Node("code", (), (token.content,)))
        elif kind in ("em_open", "strong_open", "s_open"):
            build.open(Frame(kind.removesuffix("_open"), closer=kind.removesuffix("_open")))
        elif kind in ("em_close", "strong_close", "s_close"):
            build.close(kind.removesuffix("_close"))
        elif kind == "link_open":
            attrs = [("href", str(token.attrs.get("href", "")))]
            if token.attrs.get("title"):
                attrs.append(("title", str(token.attrs["title"])))
            build.open(Frame("a", attrs, closer="link"))
        elif kind == "link_close":
            build.close("link")
        elif kind == "image":
            alt = plain_text(markdown_nodes(token.children or []))
            attrs = [("src", str(token.attrs.get("src", ""))), ("alt", alt)]
            if token.attrs.get("title"):
                attrs.append(("title", str(token.attrs["title"])))
            build.add(Node("img", tuple(attrs)))
        elif kind == "html_inline":
            add_raw_tag(build, token.content)
    return build.nodes()


class TagReader(HTMLParser):
    """Reads one raw inline HTML token (a tag, a comment) with the standard library's parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(("start", tag, [(k, v or "") for k, v in attrs]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(("start", tag, [(k, v or "") for k, v in attrs]))
        if tag not in VOID:
            self.found.append(("end", tag, []))

    def handle_endtag(self, tag: str) -> None:
        self.found.append(("end", tag, []))


def add_raw_tag(build: Builder, raw: str) -> None:
    """Apply one raw HTML token of Markdown: open, close or add an element (comments and
    processing instructions are dropped, ``<script>``…``</script>`` with what is inside)."""
    reader = TagReader()
    reader.feed(raw)
    reader.close()
    for kind, tag, attrs in reader.found:
        if kind == "end":
            build.close(f"<{tag}")
        elif tag in REMOVED:
            build.open(Frame(tag, closer=f"<{tag}", drop=True))
        elif tag in VOID:
            if tag in INLINE_TAGS:
                build.add(Node(tag, tuple(clean_attributes(attrs))))
        else:
            build.open(Frame(tag, clean_attributes(attrs), closer=f"<{tag}"))


def read_html(text: str) -> list[Inline]:
    """Inline HTML (po4a's tags) into nodes, parsed as a browser would (html5lib)."""
    import html5lib

    from translate.sanitize import clean_tree

    fragment = html5lib.parseFragment(text, container="div", treebuilder="etree",
                                      namespaceHTMLElements=False)
    return merge_strings(element_nodes(clean_tree(fragment)))


def element_nodes(element) -> list[Inline]:  # element: xml.etree.ElementTree.Element
    """The content of a (sanitised) element as nodes: inline tags kept, others unwrapped."""
    out: list[Inline] = [element.text] if element.text else []
    for child in element:
        tag = child.tag.lower()
        children = tuple(merge_strings(element_nodes(child)))
        if tag in INLINE_TAGS:
            attrs = tuple(child.attrib.items())
            if tag == "img" and child.get("src") is None:
                pass
            elif tag == "a" and child.get("href") is None and not attrs:
                out.extend(children)
            else:
                out.append(Node(tag, attrs, () if tag in VOID else children))
        else:
            out.extend(children)
        if child.tail:
            out.append(child.tail)
    return out
