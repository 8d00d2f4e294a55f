"""Markdown articles: CommonMark with GFM tables in, units out, the same Markdown back.

The source is parsed with markdown-it-py. YAML front matter gives the headline (``title``)
and the standfirst (``description``); in the body every heading, paragraph and table cell is a
block of units (``translate.formats.slots``), whose msgids keep Markdown's own inline syntax with
links numbered (``[text][1]``, see ``translate.formats.inline``). A paragraph in a block quote is a
quote (an attribution when it opens with a dash), in a list a list item; the paragraph wholly
emphasised right after the first heading is the standfirst, the one right after an image its
caption. Raw HTML blocks are HTML fragments (``translate.formats.html``): sanitised, their text
units. Code blocks and link reference definitions are never units.

``MarkdownDocument.render`` writes the source back, line for line: a block none of whose units
is translated stays as it was, byte for byte, unless it holds raw HTML or a dangerous address
(then it is written anew from its sanitised nodes); a translated block is written on one line
(each hard break starting a new one) behind the same container markers (``> ``, ``- ``), a
translated table cell between the same pipes; front-matter values are rewritten as quoted
YAML strings. With no translation the document renders to the same HTML as its source.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from translate.core.yaml_depth import has_aliases, safe_load
from translate.errors import InputError, NestingError
from translate.formats.article import Article
from translate.formats.html import HtmlDocument, flat_parts, read_html_document
from translate.formats.inline import Inline, Node, markdown_nodes, markdown_parser, plain_text
from translate.formats.msgid_markup import write_markup
from translate.formats.sanitize import IGNORED_IN_URL, disarm, markdown_hazards, safe_url
from translate.formats.slots import Slot, UnitMaker
from translate.formats.units import opens_with_dash, special_role

if TYPE_CHECKING:  # markdown-it is imported where Markdown is read (formats.inline)
    from markdown_it.token import Token

LINE = re.compile(r"[^\n]*\n|[^\n]+")
FRONT_MATTER_KEYS = (("title", "headline"), ("description", "standfirst"))
#: A block whose source holds one of these is never copied as it is.
DANGER = re.compile(r"(?:java|vb)script\s*:|data\s*:|<", re.IGNORECASE)
#: A JSON string literal (in a front-matter value written as JSON).
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
#: Characters a CommonMark renderer could read as markup in a front-matter value, and how a
#: YAML double-quoted string writes them instead.
YAML_ESCAPES = {"<": "\\u003c", "[": "\\u005b", "]": "\\u005d"}
#: A link reference definition ``[label]: url``.
DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*<?([^\s>]*)")
#: What would make a written line start a block of another kind.
LINE_START = re.compile(r"^(?:([#>+=\-])|(\d{1,9})([.)]))")


@dataclass(frozen=True)
class Place:
    """Where a slot is in the source: its kind ("paragraph", "atx", "setext", "cell",
    "front", "html", "yaml": a front-matter entry written anew), its lines, and what writing
    it back needs."""

    kind: str
    first: int
    end: int
    slot: Slot | None = None
    content: str = ""  # the block's text (its first line locates the prefix); "yaml": written
    cell: int = 0
    verbatim: bool = True
    key: str = ""  # front matter: the key
    html: HtmlDocument | None = None
    nodes: tuple[Inline, ...] = ()  # a block without units that is not copied: its content


def split_source_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its line break."""
    return LINE.findall(text)


def line_ending(line: str) -> str:
    """The line break that ends ``line`` ("\\r\\n", "\\n" or "")."""
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""


def front_matter(lines: Sequence[str]) -> int:
    """How many lines the YAML front matter takes (0 when there is none)."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return index + 1
    return 0


def yaml_entries(lines: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) lines of each top-level entry of the front matter in
    ``lines[first:end]``: a line at column 0 and the indented, list, comment and blank lines
    after it."""
    starts = [i for i in range(first, end)
              if lines[i][:1] not in ("", " ", "\t", "-", "#", "\r", "\n")]
    return list(itertools.pairwise([*starts, end])) if starts else []


def markup_in_yaml(source: str) -> bool:
    """Whether a CommonMark renderer that knows no front matter would read raw HTML or an
    unsafe link in the front-matter entry ``source``."""
    return "<" in source or bool(markdown_hazards(source))


def yaml_string(value: object) -> str:
    """``value`` as JSON (which YAML reads back as the same value), every ``<`` inside its
    strings an escape (``\\u003c``) that CommonMark does not read as markup; ``[`` and ``]``
    too when CommonMark would read a link there."""
    dumped = json.dumps(value, ensure_ascii=False, default=str)

    def escaped(chars: str) -> str:
        return JSON_STRING.sub(lambda m: "".join(
            YAML_ESCAPES[char] if char in chars else char for char in m.group()), dumped)

    written = escaped("<")
    return escaped("<[]") if markdown_hazards(written) else written


def yaml_entry(source: str) -> str:
    """A front-matter entry written anew as ``"key": value`` (``yaml_string``), the same data
    for YAML; an entry YAML can not read alone, or that uses an alias, is left out."""
    ending = line_ending(source) or "\n"
    if has_aliases(source):
        return ""  # its data may repeat or contain itself: not written out as JSON
    try:
        data = safe_load(source)
    except yaml.YAMLError:
        return ""
    if not isinstance(data, dict):
        return ""
    return "".join(f"{yaml_string(str(key))}: {yaml_string(value)}{ending}"
                   for key, value in data.items())


def dangerous(source: str) -> bool:
    """Whether a block's source holds raw HTML or an address of a dangerous scheme, character
    references and ignored characters (``jav&#x09;ascript:``) decoded first."""
    return bool(DANGER.search(source) or DANGER.search(IGNORED_IN_URL.sub("",
                                                                        html.unescape(source))))


class Reader:
    """Walks the token stream of one Markdown document, making slots and their places."""

    def __init__(self, lines: list[str], maker: UnitMaker, source: Path) -> None:
        self.lines, self.maker, self.source = lines, maker, source
        self.places: list[Place] = []
        self.order: list[Slot] = []
        self.previous = ""  # the kind of the last block: "h1", "image", "paragraph"...
        self.h1_seen = False
        self.cell = 0

    def add(self, place: Place) -> None:
        self.places.append(place)
        if place.slot is not None:
            self.order.append(place.slot)

    def front(self, count: int) -> None:
        """The units of the front matter's title and description; an entry a CommonMark
        renderer would read markup in is written anew (``yaml_entry``), and so is front
        matter that is no YAML mapping, its ``<`` and ``[`` as character references."""
        text = "".join(self.lines[1 : count - 1])
        try:
            data = safe_load(text)
        except NestingError as err:
            raise InputError(f"{self.source}:{err.line + 1}: front matter: {err}") from None
        except yaml.YAMLError:
            data = None
        if not isinstance(data, dict):
            if markup_in_yaml(text):
                self.add(Place("yaml", 1, count - 1, content=disarm(text)))
            return
        for start, end in yaml_entries(self.lines, 1, count - 1):
            source = "".join(self.lines[start:end])
            key = next((k for k, _role in FRONT_MATTER_KEYS if source.startswith(f"{k}:")), None)
            value = data.get(key) if key else None
            if key and isinstance(value, str) and value.strip():
                role = dict(FRONT_MATTER_KEYS)[key]
                slot = self.maker.slot([" ".join(value.split())], role, start + 1, "")
                self.add(Place("front", start, end, slot, key=key,
                               verbatim=not markup_in_yaml(source)))
            elif markup_in_yaml(source):
                self.add(Place("yaml", start, end, content=yaml_entry(source)))

    def tokens(self, tokens: Sequence[Token]) -> None:
        """The slots of the body's tokens."""
        context: list[str] = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("blockquote_open", "list_item_open"):
                context.append(kind)
            elif kind in ("blockquote_close", "list_item_close"):
                context.pop()
            elif kind == "tr_open":
                self.cell = -1
            elif kind in ("th_open", "td_open"):
                self.cell += 1
            elif kind == "inline" and index:
                self.inline(tokens[index - 1], token, context)
            elif kind == "html_block" and token.map:
                self.html(token)
            elif kind in ("fence", "code_block", "hr"):
                self.previous = kind

    def inline(self, opener: Token, token: Token, context: list[str]) -> None:
        nodes = markdown_nodes(token.children or [])
        raw = any(child.type == "html_inline" for child in token.children or [])
        first, end = block_lines(token)
        verbatim = not raw and not dangerous("".join(self.lines[first:end]))
        text = plain_text(nodes).strip()
        if opener.type == "heading_open":
            kind = "atx" if opener.markup.startswith("#") else "setext"
            role = "subheading"
            if opener.tag == "h1" and not self.h1_seen:
                role, self.h1_seen = "headline", True
            self.previous = opener.tag
            end = first + 1 if kind == "atx" else block_lines(opener)[1] - 1
            self.place(Place(kind, first, end, content=token.content, verbatim=verbatim),
                       nodes, role, first)
        elif opener.type in ("th_open", "td_open"):
            self.place(Place("cell", first, end, cell=self.cell, verbatim=verbatim), nodes,
                       "table-cell", first)
        elif opener.type == "paragraph_open":
            role = self.paragraph_role(nodes, text, context)
            self.place(Place("paragraph", first, end, content=token.content, verbatim=verbatim),
                       nodes, role, first)

    def paragraph_role(self, nodes: list[Inline], text: str, context: list[str]) -> str:
        """The role of a paragraph's units (see the module docstring)."""
        previous = self.previous
        whole = [n for n in nodes if not (isinstance(n, str) and not n.strip())]
        emphasised = len(whole) == 1 and isinstance(whole[0], Node) and whole[0].tag in (
            "em", "strong")
        image = bool(whole) and all(isinstance(n, Node) and n.tag == "img" for n in whole)
        self.previous = "image" if image else "paragraph"
        if context and context[-1] == "list_item_open":
            return "list-item"
        if "blockquote_open" in context:
            return "attribution" if opens_with_dash(text) else "quote"
        if image:
            return "image"
        if emphasised and previous == "image":
            return "caption"
        if emphasised and previous == "h1":
            return "standfirst"
        return special_role(text) or "sentence"

    def place(self, place: Place, nodes: list[Inline], role: str, first: int) -> None:
        """Add the block's place: with its slot, or, when it has no words, its sanitised
        nodes, unless its source can be copied as it is."""
        slot = self.maker.slot(nodes, role, first + 1, "md")
        if slot is not None:
            self.add(replace(place, slot=slot))
        elif not place.verbatim:
            self.add(replace(place, nodes=tuple(nodes)))

    def html(self, token: Token) -> None:
        first, end = block_lines(token)
        document = read_html_document(token.content, self.maker, fragment=True,
                                      line=first + 1)
        self.order.extend(document.order)
        self.places.append(Place("html", first, end, content=token.content, verbatim=False,
                                 html=document))
        self.previous = "html"


def block_lines(token: Token) -> tuple[int, int]:
    """The source lines [first, end) of a block token (markdown-it maps every one)."""
    if token.map is None:
        raise ValueError(f"markdown-it gave no source lines for a {token.type} token")
    first, end = token.map
    return first, end


def cell_spans(line: str) -> list[tuple[int, int]]:
    """The spans of the cells of a GFM table row (between unescaped pipes), as markdown-it
    splits them."""
    body = line.rstrip("\r\n")
    pipes = [i for i, char in enumerate(body) if char == "|" and not escaped(body, i)]
    bounds = [-1, *pipes, len(body)]
    spans = [(a + 1, b) for a, b in itertools.pairwise(bounds)]
    if spans and not body[: spans[0][1]].strip() and pipes and body.lstrip().startswith("|"):
        spans = spans[1:]
    if spans and pipes and body.rstrip().endswith("|") and not body[spans[-1][0]:].strip():
        spans = spans[:-1]
    return spans


def escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def escape_line_start(line: str) -> str:
    """``line`` with a leading character that would open another block escaped."""
    stripped = line.lstrip(" ")
    lead = line[: len(line) - len(stripped)]
    return lead + LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), stripped)


def continuation(prefix: str) -> str:
    """The prefix of a paragraph's later lines: the container markers, list markers blanked."""
    return re.sub(r"[^>\s]", " ", prefix)


class MarkdownDocument:
    """A parsed Markdown article: its lines and where each slot is in them."""

    def __init__(self, source: str, bom: str, lines: list[str], places: list[Place]) -> None:
        self.source, self.bom, self.lines, self.places = source, bom, lines, places

    def render(self, translations: Mapping[str, str], lang: str | None, *,
               states: Mapping[str, str] | None = None) -> str:
        """The Markdown with its units translated (see the module docstring); a draft says
        so in its first line (``drafts.mark_text``), not unit by unit: ``states`` is unused."""
        lines = list(self.lines)
        cells: dict[int, list[Place]] = {}
        for place in self.places:
            if place.kind == "cell":
                cells.setdefault(place.first, []).append(place)
        rows = [places[0] for places in cells.values()]
        others = [place for place in self.places if place.kind != "cell"]
        for place in sorted(others + rows, key=lambda p: -p.first):
            if place.kind == "cell":
                lines[place.first] = self.write_row(lines[place.first], cells[place.first],
                                                    translations)
            elif place.kind == "html":
                assert place.html is not None
                written = place.html.render(translations, None)
                lines[place.first : place.end] = self.block_lines(place, written)
            elif place.kind == "yaml":
                lines[place.first : place.end] = [place.content]
            elif (nodes := written_nodes(place, translations)) is not None:
                lines[place.first : place.end] = self.write_block(place, nodes)
        for index, line in enumerate(lines):
            match = DEFINITION.match(line)
            if match and not safe_url(IGNORED_IN_URL.sub("", html.unescape(match.group(1)))):
                lines[index] = line_ending(line)
        return self.bom + "".join(lines)

    def prefix(self, place: Place) -> str:
        """The container markers before the block's text on its first line."""
        line = self.lines[place.first]
        head = place.content.split("\n", 1)[0].strip()
        found = line.find(head) if head else -1
        if found < 0:
            match = re.match(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?", line)
            return match.group() if match else ""
        return line[:found]

    def write_block(self, place: Place, nodes: list[Inline]) -> list[str]:
        """The lines of a heading, paragraph or front-matter value written anew."""
        ending = line_ending(self.lines[place.end - 1]) or "\n"
        if place.kind == "front":
            value = " ".join(plain_text(nodes).split())
            return [f"{place.key}: {yaml_string(value)}{ending}"]
        heading = place.kind in ("atx", "setext")
        text = write_markup(nodes, "md", links="inline",
                            breaks=" " if heading else "\\\n").text.strip()
        prefix = self.prefix(place)
        if heading:
            text = re.sub(r"(?<!\\)(#+)$", lambda m: "\\#" * len(m.group(1)), text)
            return [prefix + escape_line_start(text) + ending]
        rows = [escape_line_start(row) for row in text.split("\n")]
        joined = (ending + continuation(prefix)).join(rows)
        if place.end > len(self.lines) - 1 and not line_ending(self.lines[-1]):
            ending = ""
        return [prefix + joined + ending]

    def write_row(self, line: str, places: list[Place],
                  translations: Mapping[str, str]) -> str:
        """A table row with its translated cells written anew between the same pipes."""
        spans = cell_spans(line)
        edits = []
        for place in places:
            nodes = written_nodes(place, translations)
            if nodes is None or place.cell >= len(spans):
                continue
            text = write_markup(nodes, "md", links="inline", breaks="<br>").text.strip()
            start, end = spans[place.cell]
            edits.append((start, end, f" {text} "))
        for start, end, text in sorted(edits, reverse=True):
            line = line[:start] + text + line[end:]
        return line

    def block_lines(self, place: Place, written: str) -> list[str]:
        """An HTML block written anew: no blank line inside (that would end it), inside a
        ``<div>`` when CommonMark would not read all of it as raw HTML (a block whose first
        element the sanitiser removed, leaving text that Markdown would read)."""
        ending = line_ending(self.lines[place.end - 1]) or "\n"
        prefix = self.prefix(place)
        rows = [row for row in written.split("\n") if row.strip()]
        if not rows:
            return []
        if not all_raw_html("\n".join(rows)):
            rows = ["<div>", *rows, "</div>"]
        return [prefix + (ending + continuation(prefix)).join(rows) + ending]


def written_nodes(place: Place, translations: Mapping[str, str]) -> list[Inline] | None:
    """The nodes a block is written anew from: its units (translated or not) when one is
    translated or its source may not be copied, its sanitised content when it has no units;
    None when its source lines stay as they are."""
    if place.slot is None:
        return None if place.verbatim else list(place.nodes)
    if place.verbatim and not place.slot.translated(translations):
        return None
    return place.slot.content(translations)


def all_raw_html(text: str) -> bool:
    """Whether CommonMark reads all of ``text`` as HTML blocks (passed through, not read as
    Markdown)."""
    tokens = markdown_parser().parse(text)
    return all(token.type == "html_block" for token in tokens)


def parse_markdown_article(text: str, article_id: str, source: Path, lang: str,
                           unit_id: Callable[[str, int], str]) -> Article:
    """A Markdown article: its units, laid out as plain text, and its document."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    lines = split_source_lines(body)
    maker = UnitMaker(lang, unit_id)
    reader = Reader(lines, maker, source)
    count = front_matter(lines)
    if count:
        reader.front(count)
    hidden = "\n" * count + "".join(lines[count:])
    parser = markdown_parser()
    tokens = parser.parse(hidden.replace("\r\n", "\n"))
    limit = parser.options["maxNesting"]
    deepest = next((t for t in tokens if t.type in ("blockquote_open", "list_item_open")
                    and t.level >= limit - 1 and t.map), None)
    if deepest is not None and deepest.map:  # markdown-it dropped what is inside it
        raise InputError(f"{source}:{deepest.map[0] + 1}: Markdown nested more than {limit} "
                         "blocks deep (block quotes, lists and list items: markdown-it reads "
                         "no deeper)")
    reader.tokens(tokens)
    document = MarkdownDocument(text, bom, lines, reader.places)
    return Article(id=article_id, source=Path(source), parts=flat_parts(reader.order),
                   lang=lang, format="md", document=document)
