"""Helpers for the tests of Markdown and HTML articles: DOMs to compare, Markdown rendered by a
real CommonMark parser, the test articles, and what no output may hold."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import yaml
from markdown_it import MarkdownIt

from translate.formats.sanitize import clean_tree

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
MARKDOWN_ARTICLES = sorted((ARTICLES / "md").glob("*.md"))
HTML_ARTICLES = sorted((ARTICLES / "html").glob("*.html"))
#: Files written to attack the tool (tests/data/articles/README.md marks them "hostile").
HOSTILE = {"hostile-embed.md", "hostile-page.html"}

RENDERER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def dom(text: str, *, fragment: bool = False, sanitise: bool = True) -> tuple:
    """The DOM of ``text`` as nested tuples, whitespace normalised (runs collapsed, blank
    text dropped), comments left out; sanitised as the tool sanitises, unless asked not to."""
    text = text.removeprefix("\ufeff")
    if fragment:
        root = html5lib.parseFragment(text, container="div", treebuilder="etree",
                                      namespaceHTMLElements=False)
    else:
        root = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    if sanitise:
        clean_tree(root)
    return shape(root)


def shape(element: Element) -> tuple:
    """An element as ``(tag, attributes, children)``, text normalised."""
    children: list = []

    def add_text(text: str | None) -> None:
        text = re.sub(r"\s+", " ", text or "")
        if not text.strip():
            return
        if children and isinstance(children[-1], str):
            children[-1] = re.sub(r"\s+", " ", children[-1] + text)
        else:
            children.append(text)

    add_text(element.text)
    for child in element:
        if isinstance(child.tag, str):
            children.append(shape(child))
        add_text(child.tail)
    children = [c.strip() if isinstance(c, str) else c for c in children]
    return (element.tag, tuple(sorted(element.attrib.items())), tuple(c for c in children if c))


def split_front_matter(text: str) -> tuple[dict, str]:
    """(YAML front matter as data, the body) of a Markdown article."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = re.search(r"^(?:---|\.\.\.)\s*$", text[4:], re.MULTILINE)
        if end:
            return yaml.safe_load(text[4 : 4 + end.start()]) or {}, text[4 + end.end() :]
    return {}, text


def markdown_dom(text: str) -> tuple[dict, tuple]:
    """(front matter, the DOM of the rendered body) of a Markdown document."""
    front, body = split_front_matter(text)
    return front, dom(RENDERER.render(body), fragment=True)


#: What no output of a hostile article may hold, in any file: live code or a way to it.
DANGEROUS_MARKUP = re.compile(
    r"<script|<iframe|<object|<embed|<svg|<form|<base\b|http-equiv|\son[a-z]+\s*=|"
    r"(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
    re.IGNORECASE,
)


#: Elements that run code, load or submit to another document, or change how the page parses.
LIVE_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "form", "base", "noscript", "template", "portal"})
#: Attributes holding an address (or a list of them: srcset).
ADDRESS_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "data", "poster", "background", "cite",
    "longdesc", "ping", "xlink:href", "srcset", "codebase", "archive", "manifest"})
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
CSS_DANGER = re.compile(r"@import|expression\s*\(|javascript:|vbscript:|-moz-binding|"
                        r"behaviou?r\s*:|url\s*\(", re.IGNORECASE)


def address_danger(value: str) -> bool:
    """Whether a browser would follow ``value`` to a scheme other than http(s), mailto, tel
    (tabs, newlines and spaces inside the scheme ignored, as browsers ignore them)."""
    scheme = SCHEME.match(re.sub(r"[\x00-\x20\x7f]+", "", value))
    return scheme is not None and scheme.group(1).lower() not in ("http", "https", "mailto", "tel")


def addresses(attribute: str, value: str) -> list[str]:
    """The addresses in an attribute's value (each candidate's of a ``srcset``)."""
    if attribute != "srcset":
        return [value]
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def dangers_in_html(text: str) -> list[str]:
    """What a browser would run, load or follow in ``text``, read from the DOM html5lib
    builds as a browser does: elements of LIVE_ELEMENTS, SVG and MathML, a ``meta`` refresh,
    CSS that imports or runs, event handlers, ``srcdoc``, and addresses of another scheme
    than http(s), mailto and tel (``javascript:``, ``vbscript:``, ``data:``...)."""
    root = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    found = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        name = tag.rsplit("}", 1)[-1].lower()
        if name in LIVE_ELEMENTS or tag.startswith("{"):
            found.append(f"<{name}>")
        if name == "meta" and element.get("http-equiv", "").lower() not in (
                "", "content-security-policy"):
            found.append(f"<meta http-equiv={element.get('http-equiv')}>")
        if name == "style" and CSS_DANGER.search(element.text or ""):
            found.append("<style> that imports or runs")
        for attribute, value in element.attrib.items():
            key = attribute.rsplit("}", 1)[-1].lower()
            if key.startswith("on") or key == "srcdoc":
                found.append(f"{name} {attribute}")
            elif key == "style" and CSS_DANGER.search(value):
                found.append(f"{name} style={value}")
            elif key in ADDRESS_ATTRIBUTES and any(map(address_danger, addresses(key, value))):
                found.append(f"{name} {attribute}={value}")
    return found
