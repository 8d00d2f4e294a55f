"""What of an HTML tree may reach an output: the one policy for every page, fragment and msgstr.

Articles come from a CMS and from the web; translations come from translators and models. None
of it is trusted. ``clean_tree`` removes, with their content, every element that runs code or
loads another document (``script``, ``iframe``, ``object``, forms, ``base``, ``meta`` refresh...),
every element in a foreign namespace (SVG, MathML), every comment, every ``on…`` attribute,
every URL whose scheme is not one of ``SAFE_SCHEMES`` (``javascript:``, ``vbscript:``,
``data:`` in any case and spacing), and CSS that can run code or load from elsewhere. The
writers (``html.write_nodes``, ``Renderer``) escape every text and attribute value,
so what is left can only be shown, never run.

Every HTML that enters goes through ``clean_tree`` after html5lib parsed it as a browser would:
HTML articles, the raw HTML blocks of a Markdown article and the inline tags of its paragraphs
(``translate.formats.inline.markdown_html_nodes``), msgstrs. ``disarm_markdown`` is the last check
of every Markdown output: it reads the document as a CommonMark renderer with HTML on and no link
check would, and makes inert any block that would still hold what ``clean_tree`` removes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

if TYPE_CHECKING:  # markdown-it is imported where Markdown is read
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def names(text: str) -> frozenset[str]:
    """The whitespace-separated names of ``text``, as a set."""
    return frozenset(text.split())


#: Elements removed with everything inside them.
REMOVED = names("script noscript template iframe frame frameset object embed applet param base "
    "form input button select option optgroup textarea keygen output datalist "
    "svg math canvas audio video source track portal dialog")
#: Attributes whose value is a URL (or a list of URLs: ``srcset``).
URL_ATTRIBUTES = names(
    "href src action formaction data poster cite background longdesc lowsrc dynsrc "
    "ping manifest codebase archive profile usemap icon srcset xlink:href")
#: URL schemes an output may link to; a URL without a scheme (relative, ``#id``) is kept.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: CSS that runs code, binds behaviour or loads a resource through an unsafe scheme.
UNSAFE_CSS = re.compile(
    r"javascript\s*:|vbscript\s*:|expression\s*\(|-moz-binding|behaviou?r\s*:|@import|"
    r"url\s*\(\s*['\"]?\s*(?!https?:|/|#|['\")])[a-z][a-z0-9+.\-]*\s*:",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
#: Characters a browser ignores inside a URL's scheme (``java\tscript:``).
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: str) -> bool:
    """Whether ``url`` may be linked to: http(s), mailto, tel, or no scheme at all."""
    cleaned = IGNORED_IN_URL.sub("", url)
    match = SCHEME.match(cleaned)
    if match is None:
        return True  # relative, "#id", or "//host/..." (the page's own scheme)
    return match.group(1).lower() in SAFE_SCHEMES


def safe_srcset(value: str) -> bool:
    """Whether every candidate URL of a ``srcset`` is safe."""
    return all(safe_url(part.strip().split(" ")[0]) for part in value.split(",") if part.strip())


def safe_attribute(name: str, value: str) -> bool:
    """Whether the attribute ``name="value"`` may stay on an element."""
    name = name.lower()
    if name.startswith("on") or name in ("action", "formaction", "http-equiv"):
        return False
    if name == "srcset":
        return safe_srcset(value)
    if name in URL_ATTRIBUTES:
        return safe_url(value)
    if name == "style":
        return not UNSAFE_CSS.search(value)
    return True


def clean_attributes(attributes: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The attributes that may stay, in their order."""
    return [(name, value) for name, value in attributes if safe_attribute(name, value)]


def is_removed(element: Element) -> bool:
    """Whether ``element`` goes with its content: a comment, a removed tag, a ``meta`` refresh,
    a stylesheet that can run code."""
    tag = element.tag
    if not isinstance(tag, str) or tag.startswith("{"):
        return True  # a comment, a processing instruction, SVG or MathML
    tag = tag.lower()
    if tag in REMOVED:
        return True
    if tag == "meta" and any(name.lower() == "http-equiv" for name in element.attrib):
        return True
    if tag == "style" and UNSAFE_CSS.search(element.text or ""):
        return True
    return tag == "link" and not safe_url(element.get("href", ""))


def clean_tree(root: Element) -> Element:
    """``root`` with everything :func:`is_removed` gone and unsafe attributes dropped (in place).

    The text after a removed element (its ``tail``) stays where it was.
    """
    for parent in list(iter_parents(root)):
        keep_children(parent)
    for element in root.iter():
        if isinstance(element.tag, str) and element.attrib:
            cleaned = clean_attributes(element.attrib.items())
            element.attrib.clear()
            element.attrib.update(cleaned)
    for parent in list(root.iter()):
        for index in range(len(parent) - 1, -1, -1):
            if parent[index].tag == "a" and not parent[index].attrib:
                unwrap(parent, index)  # a link whose address was unsafe: its text stays
    return root


def unwrap(parent: Element, index: int) -> None:
    """Replace ``parent[index]`` by its content."""
    child = parent[index]
    inner = list(child)
    text, tail = child.text or "", child.tail or ""
    if index > 0:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    if inner:
        inner[-1].tail = (inner[-1].tail or "") + tail
    elif index > 0:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent[index : index + 1] = inner


def iter_parents(root: Element) -> Iterator[Element]:
    """Every element of ``root`` (itself included) that is not removed, parents first, in
    document order. Iterative: a tree is as deep as its source."""
    stack = [root]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(reversed([child for child in element if not is_removed(child)]))


def keep_children(parent: Element) -> None:
    """Remove the children of ``parent`` that go, keeping the text that followed them."""
    for index in range(len(parent) - 1, -1, -1):
        child = parent[index]
        if not is_removed(child):
            continue
        tail = child.tail or ""
        if index > 0:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        del parent[index]


# --- What a written document holds that this policy removes -----------------------------


def hazards(root: Element) -> list[str]:
    """What :func:`clean_tree` would take out of ``root``: removed elements and unsafe
    attributes, named (an empty list for a tree that is clean)."""
    found = []
    for element in root.iter():
        if element is not root and is_removed(element):
            found.append(f"<{element.tag}>" if isinstance(element.tag, str) else "comment")
        elif isinstance(element.tag, str):
            found.extend(f"{element.tag} {name}" for name, value in element.attrib.items()
                         if not safe_attribute(name, value))
    return found


def html_hazards(text: str) -> list[str]:
    """:func:`hazards` of the HTML ``text`` as a browser parses it (html5lib)."""
    import html5lib  # lazy: 75 ms, only for a document that holds raw HTML

    root = html5lib.parseFragment(text, container="div", treebuilder="etree",
                                  namespaceHTMLElements=False)
    return hazards(root)


_PERMISSIVE: MarkdownIt | None = None


def permissive_markdown() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, raw HTML on and every link address taken
    as written: how the least careful renderer reads a Markdown document."""
    global _PERMISSIVE
    if _PERMISSIVE is None:
        from markdown_it import MarkdownIt  # lazy: for Markdown only

        class Permissive(MarkdownIt):
            def validateLink(self, url: str) -> bool:
                return True

        _PERMISSIVE = Permissive("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _PERMISSIVE


def markdown_hazards(text: str) -> set[int]:
    """The lines (0-based) of the blocks of the Markdown ``text`` that a CommonMark renderer
    with raw HTML on makes into something this policy removes: a link or image to an unsafe
    address, or, when the HTML it renders for the whole document is not clean, every block
    holding raw HTML."""
    if "<" not in text and "[" not in text:
        return set()  # no raw HTML, no autolink, no link: nothing to look at
    parser = permissive_markdown()
    tokens = parser.parse(text)
    lines: set[int] = set()
    raw: list[list[int]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            raw.append(token.map)
        elif token.type == "inline" and token.map:
            children = list(inline_tokens(token.children or []))
            if any(child.type == "html_inline" for child in children):
                raw.append(token.map)
            if any(not safe_url(str(child.attrs.get("href", child.attrs.get("src", ""))))
                   for child in children if child.type in ("link_open", "image")):
                lines.update(range(*token.map))
    if raw and html_hazards(parser.renderer.render(tokens, parser.options, {})):
        for start, end in raw:
            lines.update(range(start, end))
    return lines


def inline_tokens(tokens: Iterable[Token]) -> Iterator[Token]:
    """Every token of an inline token list, an image's alt-text tokens included."""
    stack = list(reversed(list(tokens)))
    while stack:
        token = stack.pop()
        yield token
        stack.extend(reversed(token.children or []))


LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Text that turns raw HTML and links into text wherever CommonMark reads it.
DISARMED = {"<": "&lt;", "[": "&#91;"}


def disarm_markdown(text: str) -> str:
    """``text`` with each block of :func:`markdown_hazards` made inert: every ``<`` and
    ``[`` of its lines written as a character reference, which CommonMark shows as that
    character and never reads as a tag or a link. The last safety net of every Markdown
    output (``translate.formats.layout.assemble_markdown``): the documents are written from
    sanitised nodes, so it finds nothing unless a writer has a bug."""
    for _round in range(3):
        found = markdown_hazards(text)
        if not found:
            return text
        rows = split_rows(text)
        for index in found:
            if index < len(rows):
                rows[index] = disarm(rows[index])
        text = "".join(rows)
    return disarm(text) if markdown_hazards(text) else text


def split_rows(text: str) -> list[str]:
    """The lines of ``text`` as CommonMark counts them (``\\r\\n``, ``\\r``, ``\\n``), each
    with its line break."""
    rows, start = [], 0
    for match in LINE_BREAK.finditer(text):
        rows.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        rows.append(text[start:])
    return rows


def disarm(text: str) -> str:
    """``text`` with every ``<`` and ``[`` a character reference."""
    return text.replace("<", DISARMED["<"]).replace("[", DISARMED["["])
