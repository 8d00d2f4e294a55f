"""What of an HTML tree may reach an output: the one policy for every page, fragment and msgstr.

Articles come from a CMS and from the web; translations come from translators and models. None
of it is trusted. ``clean_tree`` removes, with their content, every element that runs code or
loads another document (``script``, ``iframe``, ``object``, forms, ``base``, ``meta`` refresh...),
every element in a foreign namespace (SVG, MathML), every comment, every ``on…`` attribute,
every URL whose scheme is not one of ``SAFE_SCHEMES`` (``javascript:``, ``vbscript:``,
``data:`` in any case and spacing), and CSS that can run code or load from elsewhere. The
writers (``html.write_nodes``, ``Renderer``) escape every text and attribute value,
so what is left can only be shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import Element


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
    """Every element of ``root`` (itself included) that is not removed, parents first."""
    yield root
    for child in root:
        if not is_removed(child):
            yield from iter_parents(child)


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
