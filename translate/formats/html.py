"""HTML articles: a fragment or a whole page in, units out, the same page back in any language.

The source is parsed as a browser parses it (html5lib) and sanitised
(``translate.formats.sanitize``: no script, no event handler, no ``javascript:`` URL survives).
Units come from the article only: the ``<main>`` element when there is one, else every outermost
``<article>``, else the body. There every run of inline content between block elements (the text of
a ``<p>``,
``<h2>``, ``<li>``, ``<figcaption>``, ``<td>``, the attribution line of an embedded tweet) is a
block of units, split into sentences (``translate.formats.slots``), its inline tags po4a-style in
the msgid. Navigation, code and preformatted text are never units.

``HtmlDocument.render`` writes the sanitised page back with each block's units translated (or
as they were), ``lang``/``dir`` of the target language on the root (on each top-level element
of a fragment), and the source's language on blocks left untranslated and on the page around
the article. With no translations it is the source's DOM, less what the sanitiser removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from translate.formats.article import Article, Unit
from translate.formats.inline import (
    INLINE_TAGS,
    VOID,
    Inline,
    Node,
    element_nodes,
    plain_text,
    read_markup,
)
from translate.formats.sanitize import clean_tree, names
from translate.formats.slots import Slot, UnitMaker
from translate.formats.units import has_word, opens_with_dash, special_role
from translate.lang.cldr import text_direction

#: Elements whose text is never a unit.
SKIPPED = names("nav pre code kbd samp var script style template textarea title head "
                    "select option button form")
#: Every void element of HTML (no end tag is written).
VOID_ELEMENTS = names("area base br col embed hr img input link meta param source track "
                          "wbr")
RAW_TEXT = frozenset({"style", "script", "xmp", "noembed", "noframes"})
STANDFIRST_CLASSES = frozenset({"standfirst", "dek", "subtitle", "summary", "lede", "deck"})
CREDIT_CLASSES = frozenset({"credit", "credits", "byline", "source"})
#: The role an element gives the text inside it (the innermost such element decides).
TAG_ROLES = {"figcaption": "caption", "caption": "caption", "li": "list-item", "dt": "sentence",
             "dd": "sentence", "td": "table-cell", "th": "table-cell", "blockquote": "quote",
             "address": "credit", "h1": "subheading", "h2": "subheading", "h3": "subheading",
             "h4": "subheading", "h5": "subheading", "h6": "subheading"}
Item = str | Element


def parse_tree(text: str, *, fragment: bool) -> tuple[Element, dict[int, int]]:
    """The sanitised tree of ``text`` (a page, or a fragment under a ``div``) and the source
    line of each element (by ``id``)."""
    import html5lib  # lazy: 75 ms, for HTML articles only
    from html5lib import treebuilders

    base = treebuilders.getTreeBuilder("etree")
    lines: dict[int, int] = {}
    holder: dict[str, object] = {}

    class LineElement(base.elementClass):  # type: ignore[name-defined, misc]
        def __init__(self, name: str, namespace: str | None = None) -> None:
            super().__init__(name, namespace)
            tokenizer = getattr(holder["parser"], "tokenizer", None)
            lines[id(self._element)] = tokenizer.stream.position()[0] if tokenizer else 1

    class LineBuilder(base):  # type: ignore[valid-type, misc]
        elementClass = LineElement

    parser = html5lib.HTMLParser(tree=LineBuilder, namespaceHTMLElements=False)
    holder["parser"] = parser
    root = parser.parseFragment(text, container="div") if fragment else parser.parse(text)
    return clean_tree(root), lines


def is_page(text: str) -> bool:
    """Whether ``text`` is a whole page (a doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    head = text.lower()
    return any(tag in head for tag in ("<!doctype", "<html", "<head", "<body"))


def content_items(element: Element) -> list[Item]:
    """An element's content in order: its text, each child, each child's tail."""
    items: list[Item] = [element.text] if element.text else []
    for child in element:
        items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def is_inline(item: Item) -> bool:
    """Text, or an element that flows in text."""
    return isinstance(item, str) or (isinstance(item.tag, str) and item.tag in INLINE_TAGS)


def runs(items: Sequence[Item]) -> Iterator[tuple[int, list[Item]]]:
    """The runs of consecutive inline items (numbered) and each block element alone."""
    run: list[Item] = []
    number = 0
    for item in items:
        if is_inline(item):
            run.append(item)
            continue
        if run:
            yield number, run
            number += 1
            run = []
        yield -1, [item]
    if run:
        yield number, run


def item_nodes(items: Sequence[Item]) -> list[Inline]:
    """A run's items as inline nodes."""
    holder = Element("div")
    out: list[Inline] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        else:
            holder.clear()
            copy = Element(item.tag, dict(item.attrib))
            copy.text, copy[:] = item.text, list(item)
            holder.append(copy)
            out.extend(element_nodes(holder))
    return out


def classes(element: Element) -> set[str]:
    """The element's class names, lower-cased."""
    return set((element.get("class") or "").lower().split())


@dataclass
class Walk:
    """What walking an article's tree collects: the slot of each run, the headline."""

    maker: UnitMaker
    lines: dict[int, int]
    slots: dict[tuple[int, int], Slot] = field(default_factory=dict)
    order: list[Slot] = field(default_factory=list)
    headline_seen: bool = False

    def element(self, element: Element, role: str, line: int) -> None:
        """Collect the slots of ``element`` and of the blocks inside it, in document order.
        Iterative (a stack of the elements being read): a tree is as deep as its source."""
        stack = [self.enter(element, role, line)] if is_walked(element) else []
        while stack:
            current, items, role, line = stack[-1]
            number, run = next(items, (None, []))
            if number is None:
                stack.pop()
            elif number < 0:
                first = run[0]
                if isinstance(first, Element) and is_walked(first):
                    stack.append(self.enter(first, role, line))
            else:
                self.collect(current, number, run, role, line)

    def enter(self, element: Element, role: str,
              line: int) -> tuple[Element, Iterator[tuple[int, list[Item]]], str, int]:
        """What reading ``element`` needs: its runs, the role and line of its text."""
        line = self.lines.get(id(element), line)
        return element, runs(content_items(element)), self.role_of(element, role), line

    def collect(self, element: Element, number: int, run: list[Item], role: str,
                line: int) -> None:
        """The slot of one run of inline content of ``element``."""
        nodes = item_nodes(run)
        text = plain_text(nodes).strip()
        if not has_word(text):
            return
        unit_role = role
        if role == "quote" and opens_with_dash(text):
            unit_role = "attribution"
        elif role == "sentence":
            unit_role = special_role(text) or role
        slot = self.maker.slot(nodes, unit_role, line, "html")
        if slot is not None:
            self.slots[(id(element), number)] = slot
            self.order.append(slot)

    def role_of(self, element: Element, role: str) -> str:
        """The role text inside ``element`` gets."""
        names = classes(element)
        if element.tag == "h1" and not self.headline_seen:
            self.headline_seen = True
            return "headline"
        if names & STANDFIRST_CLASSES and element.tag not in TAG_ROLES:
            return "standfirst"
        if names & CREDIT_CLASSES:
            return "credit"
        return TAG_ROLES.get(element.tag, role)



def is_walked(element: Element) -> bool:
    """Whether the text inside ``element`` may hold units (an element, not a skipped one)."""
    return isinstance(element.tag, str) and element.tag not in SKIPPED


def scope_of(root: Element) -> list[Element]:
    """Where the article is: ``<main>``, else the outermost ``<article>``s, else the body."""
    main = root.find(".//main")
    if main is not None:
        return [main]
    found: list[Element] = []
    stack = list(reversed(root))
    while stack:  # the outermost <article>s, in document order
        element = stack.pop()
        if element.tag == "article":
            found.append(element)
        elif isinstance(element.tag, str):
            stack.extend(reversed(element))
    if found:
        return found
    body = root.find("body")
    return [body if body is not None else root]


class HtmlDocument:
    """A parsed, sanitised HTML article (a page or a fragment) and its slots."""

    def __init__(self, source: str, root: Element, walk: Walk, *, page: bool,
                 doctype: bool, article_lang: str) -> None:
        self.source, self.root, self.page, self.doctype = source, root, page, doctype
        self.slots = walk.slots
        self.order = walk.order
        self.article_lang = article_lang
        self.owners: dict[int, list[Slot]] = {}
        for (owner, _number), slot in walk.slots.items():
            self.owners.setdefault(owner, []).append(slot)
        scope = scope_of(root)
        inside = {id(element) for element in scope}
        for element in root.iter():
            if any(id(child) in inside for child in element):
                inside.add(id(element))
        #: Elements around the article (a nav, a footer): they stay in the source language.
        self.around: set[int] = set()
        for element in root.iter():
            if id(element) in inside and element.tag != "html":
                self.around.update(id(child) for child in element if id(child) not in inside)
        headline = next((slot for slot in walk.order if slot.role == "headline"), None)
        title = root.find("head/title")
        self.title: tuple[Element, Unit] | None = None
        if headline is not None and title is not None and " ".join(
                (title.text or "").split()) == " ".join(plain_text(headline.pieces[0]).split()):
            self.title = (title, headline.units[0])

    def render(self, translations: Mapping[str, str], lang: str | None) -> str:
        """The page (or fragment) with its units translated; see the module docstring."""
        return Renderer(self, translations, lang).document()


class Renderer:
    """One rendering of an HtmlDocument: the translations and the target language."""

    def __init__(self, document: HtmlDocument, translations: Mapping[str, str],
                 lang: str | None) -> None:
        self.doc, self.translations, self.lang = document, translations, lang
        self.out: list[str] = []

    def document(self) -> str:
        doc = self.doc
        if doc.doctype:
            self.out.append("<!DOCTYPE html>\n")
        page_lang = self.lang or doc.article_lang
        if doc.page:
            attrs = dict(doc.root.attrib)
            if self.lang is not None:
                attrs.update(lang=self.lang, dir=text_direction(self.lang))
            self.write(doc.root, page_lang, attrs)
            self.out.append("\n")
        else:
            for item in content_items(doc.root):
                self.item(item, page_lang, top=self.lang is not None)
        return "".join(self.out)

    def item(self, item: Item, inherited: str, *, top: bool = False) -> None:
        if isinstance(item, str):
            self.out.append(escape_text(item))
        elif isinstance(item.tag, str):
            attrs = dict(item.attrib)
            if top:
                attrs.update(lang=inherited, dir=text_direction(inherited))
            self.write(item, inherited, attrs)

    def write(self, element: Element, inherited: str, attrs: dict[str, str]) -> None:
        """Write ``element`` (with the attributes ``attrs``) and its content. Iterative (a
        stack of the elements being written): a tree is as deep as its source."""
        stack = [self.parts(element, inherited, attrs)]
        while stack:
            part = next(stack[-1], None)
            if part is None:
                stack.pop()
            elif isinstance(part, str):
                self.out.append(part)
            else:
                stack.append(self.parts(*part))

    def parts(self, element: Element, inherited: str,
              attrs: dict[str, str]) -> Iterator[str | tuple[Element, str, dict[str, str]]]:
        """What writing ``element`` takes, in order: text to write, and each element inside
        it (with its language and attributes) to write in its place."""
        tag = element.tag
        own = self.content_lang(element) if self.lang is not None else None
        if own is not None and (own != inherited or "lang" in attrs):
            attrs.update(lang=own, dir=text_direction(own))
        inherited = attrs.get("lang", inherited)
        yield f"<{tag}{write_attrs(attrs)}>"
        if tag in VOID_ELEMENTS:
            return
        title = self.doc.title
        if tag in RAW_TEXT:
            yield element.text or ""
        elif title is not None and element is title[0] and self.translations.get(title[1].text):
            unit = title[1]
            nodes = read_markup(self.translations[unit.text], unit.markup, unit.refs)
            yield escape_text(" ".join(plain_text(nodes).split()))
        else:
            for number, run in runs(content_items(element)):
                slot = self.doc.slots.get((id(element), number)) if number >= 0 else None
                if slot is not None and slot.translated(self.translations):
                    wrap = self.wrapper(own or inherited)
                    yield write_nodes(slot.content(self.translations, wrap))
                    continue
                for item in run:
                    if isinstance(item, str):
                        yield escape_text(item)
                    elif isinstance(item.tag, str):
                        yield item, inherited, dict(item.attrib)
        yield f"</{tag}>"

    def content_lang(self, element: Element) -> str | None:
        """The language of the text directly in ``element``: the target language when one of
        its units is translated, the source's (or the unit's own) when none is; the article's
        for an element around the article; None when it holds only other blocks."""
        mine = self.doc.owners.get(id(element))
        if mine:
            if any(slot.translated(self.translations) for slot in mine):
                return self.lang
            return mine[0].units[0].lang or self.doc.article_lang
        if id(element) in self.doc.around:
            return self.doc.article_lang
        return None

    def wrapper(self, block_lang: str) -> Callable[[Unit, list[Inline]], list[Inline]]:
        """Wraps a unit left in its source language in a ``<span lang dir>`` when it differs."""

        def wrap(unit: Unit, nodes: list[Inline]) -> list[Inline]:
            unit_lang = unit.lang or self.doc.article_lang
            if unit_lang == block_lang:
                return nodes
            attrs = (("lang", unit_lang), ("dir", text_direction(unit_lang)))
            return [Node("span", attrs, tuple(nodes))]

        return wrap


def escape_text(text: str) -> str:
    """Text content, escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_attrs(attrs: Mapping[str, str]) -> str:
    """`` name="value"`` for each attribute, escaped."""
    return "".join(
        f' {name}="{value.replace("&", "&amp;").replace(chr(34), "&quot;")}"'
        for name, value in attrs.items()
    )


def write_nodes(nodes: Sequence[Inline]) -> str:
    """Inline nodes as HTML, every text and attribute escaped."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape_text(node))
            continue
        attrs = write_attrs(dict(node.attrs))
        if node.tag in VOID:
            out.append(f"<{node.tag}{attrs}>")
        else:
            out.append(f"<{node.tag}{attrs}>{write_nodes(node.children)}</{node.tag}>")
    return "".join(out)


def read_html_document(text: str, maker: UnitMaker, *, fragment: bool | None = None,
                       line: int = 1) -> HtmlDocument:
    """Parse and sanitise ``text``, collecting the units of its article with ``maker``."""
    body = text.removeprefix("\ufeff")
    page = is_page(body) if fragment is None else not fragment
    root, lines = parse_tree(body, fragment=not page)
    if line != 1:
        lines = {key: value + line - 1 for key, value in lines.items()}
    walk = Walk(maker, lines)
    for element in scope_of(root):
        walk.element(element, "sentence", 1)
    doctype = page and body.lstrip().lower().startswith("<!doctype")
    return HtmlDocument(text, root, walk, page=page, doctype=doctype,
                        article_lang=maker.lang)


def parse_html_article(text: str, article_id: str, source: Path, lang: str,
                       unit_id: Callable[[str, int], str]) -> Article:
    """An HTML article: its units, laid out as plain text, and its document."""
    maker = UnitMaker(lang, unit_id)
    document = read_html_document(text, maker)
    return Article(id=article_id, source=Path(source), parts=flat_parts(document.order),
                   lang=lang, format="html", document=document)


def flat_parts(slots: Sequence[Slot]) -> tuple[str | Unit, ...]:
    """The units laid out as plain text: a block a line, its sentences a space apart."""
    parts: list[str | Unit] = []
    for slot in slots:
        if parts:
            parts.append("\n")
        for index, unit in enumerate(slot.units):
            if index:
                parts.append(" ")
            parts.append(unit)
    if parts:
        parts.append("\n")
    return tuple(parts)
