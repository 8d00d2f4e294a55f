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
    element_nodes,
    plain_text,
    read_markup,
)
from translate.formats.sanitize import clean_tree, names
from translate.formats.slots import Slot, UnitMaker
from translate.formats.units import has_word, opens_with_dash, special_role
from translate.formats.unitview import (
    BlockView,
    Shown,
    block_attrs,
    block_view,
    list_item,
    show_unit,
    unit_nodes,
)
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
        #: Elements around the article (a nav, a footer): they stay in the source language.
        self.around = around_article(root, scope_of(root))
        headline = next((slot for slot in walk.order if slot.role == "headline"), None)
        title = root.find("head/title")
        self.title: tuple[Element, Unit] | None = None
        if headline is not None and title is not None and " ".join(
                (title.text or "").split()) == " ".join(plain_text(headline.pieces[0]).split()):
            self.title = (title, headline.units[0])

    def render(self, translations: Mapping[str, str], lang: str | None, *,
               states: Mapping[str, str] | None = None) -> str:
        """The page (or fragment) with its units translated; see the module docstring. With
        ``states`` (msgid → state: a draft page) each unit that is not approved is marked
        (``translate.formats.unitview``)."""
        return Renderer(self, translations, lang, states).document()


def around_article(root: Element, scope: Sequence[Element]) -> set[int]:
    """The ids of the elements around the article: the children of the article's ancestors
    that neither hold it nor are it (a nav, a footer, an aside of the page)."""
    parents = {id(child): parent for parent in root.iter() for child in parent}
    path = {id(element) for element in scope}
    ancestors: list[Element] = []
    for element in scope:
        parent = parents.get(id(element))
        while parent is not None and id(parent) not in path:
            path.add(id(parent))
            ancestors.append(parent)
            parent = parents.get(id(parent))
    return {id(child) for parent in ancestors if parent.tag != "html" for child in parent
            if id(child) not in path}


#: The language and the direction an element's content is in.
Context = tuple[str, str]
#: Elements whose items show a marker on the side of their direction: they take the one
#: direction of all their items' text.
LISTS = frozenset({"ul", "ol", "menu", "dl"})


class Renderer:
    """One rendering of an HtmlDocument: the translations, the target language (None: the
    source page) and, on a draft page, the state of each msgid."""

    def __init__(self, document: HtmlDocument, translations: Mapping[str, str],
                 lang: str | None, states: Mapping[str, str] | None = None) -> None:
        self.doc, self.translations, self.lang, self.states = document, translations, lang, states
        self.out: list[str] = []
        self.shows: dict[int, list[Shown]] = {}

    def document(self) -> str:
        doc = self.doc
        if doc.doctype:
            self.out.append("<!DOCTYPE html>\n")
        page_lang = self.lang or doc.article_lang
        page = (page_lang, text_direction(page_lang))
        if doc.page:
            attrs = dict(doc.root.attrib)
            if self.lang is not None:
                attrs.update(lang=self.lang, dir=text_direction(self.lang))
            self.write(doc.root, page, attrs)
            self.out.append("\n")
        else:
            for item in content_items(doc.root):
                self.item(item, page, top=self.lang is not None)
        return "".join(self.out)

    def item(self, item: Item, inherited: Context, *, top: bool = False) -> None:
        if isinstance(item, str):
            self.out.append(escape_text(item))
        elif isinstance(item.tag, str):
            attrs = dict(item.attrib)
            if top:
                attrs.update(lang=inherited[0], dir=inherited[1])
            self.write(item, inherited, attrs)

    def write(self, element: Element, inherited: Context, attrs: dict[str, str]) -> None:
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

    def parts(self, element: Element, inherited: Context,
              attrs: dict[str, str]) -> Iterator[str | tuple[Element, Context, dict[str, str]]]:
        """What writing ``element`` takes, in order: text to write, and each element inside
        it (with its language and direction, and its attributes) to write in its place."""
        tag = element.tag
        block = self.place(element, inherited, attrs) if self.lang is not None else None
        inherited = (attrs.get("lang", inherited[0]),
                     attrs["dir"] if attrs.get("dir") in ("ltr", "rtl") else inherited[1])
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
                if slot is not None and self.rewritten(slot):
                    yield write_nodes(self.slot_nodes(slot, block))
                    continue
                for item in run:
                    if isinstance(item, str):
                        yield escape_text(item)
                    elif isinstance(item.tag, str):
                        yield item, inherited, dict(item.attrib)
        yield f"</{tag}>"

    def rewritten(self, slot: Slot) -> bool:
        """Whether a slot is written from its units' nodes (a unit translated, or marked as
        a draft), not copied from the source."""
        return slot.translated(self.translations) or any(
            shown.label is not None for shown in self.slot_shows(slot))

    def slot_shows(self, slot: Slot) -> list[Shown]:
        """How each unit of ``slot`` is shown (``unitview.show_unit``), once per rendering."""
        if id(slot) not in self.shows:
            lang = self.lang or self.doc.article_lang
            self.shows[id(slot)] = [
                show_unit(unit, self.translations, lang, self.doc.article_lang,
                          states=self.states, nodes=nodes)
                for unit, nodes in zip(slot.units, slot.unit_nodes(self.translations),
                                       strict=True)]
        return self.shows[id(slot)]

    def slot_nodes(self, slot: Slot, block: BlockView | None) -> list[Inline]:
        """The slot's nodes, each unit as ``unitview`` shows it in ``block`` (its nodes as
        they are on the source page, None, and in an image's alt text: an attribute holds no
        element)."""
        shows = self.slot_shows(slot)
        if slot.image is not None or block is None:
            return slot.assemble([list(shown.nodes) for shown in shows])
        return slot.assemble([unit_nodes(shown, block) for shown in shows])

    def place(self, element: Element, inherited: Context,
              attrs: dict[str, str]) -> BlockView | None:
        """Set the ``lang`` and ``dir`` of ``element`` in a target page: a block of units as
        its units read (``unitview.block_view``), an element around the article in the
        article's language, a list in the one direction of its items' text; return the
        block's view (None: it holds no units of its own)."""
        lang, direction = inherited
        mine = self.doc.owners.get(id(element))
        if mine:
            block = block_view((s for slot in mine for s in self.slot_shows(slot)), lang,
                               direction)
            if element.tag in ("li", "dt", "dd"):  # in its list's direction: see LISTS
                block = list_item(block, direction)
            wanted = block_attrs(block, lang, direction)
            if "lang" in attrs:  # the source's own language is no longer the text's
                wanted = {"lang": block.lang, "dir": block.direction}
            attrs.update(wanted)
            return block
        if id(element) in self.doc.around:
            own = self.doc.article_lang
            if own != lang or "lang" in attrs:
                attrs.update(lang=own, dir=text_direction(own))
        elif element.tag in LISTS:
            directions = self.item_directions(element)
            if len(directions) == 1 and directions != {direction}:
                attrs["dir"] = directions.pop()
        return None

    def item_directions(self, element: Element) -> set[str]:
        """The directions the units of a list's items read in (its nested lists' too)."""
        found: set[str] = set()
        stack = list(element)
        while stack:
            child = stack.pop()
            for slot in self.doc.owners.get(id(child), []):
                found.update(shown.direction for shown in self.slot_shows(slot))
            stack.extend(child)
        return found


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
