"""The test corpora are well formed and say truly what they hold.

``tests/data/articles``: every Markdown and HTML article parses (markdown-it-py; the standard
library's ``html.parser`` with a tag-balance check), is 300-1500 words long, and holds exactly
the structures its row in ``README.md`` names. ``tests/data/glossary-news``: every hand-written
mention points at its surface string, names the glossary term that string belongs to, agrees
with the positions a string shows by itself, every occurrence of a glossary name is annotated,
the README counts are the annotations' counts, and every article segments.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt
from markdown_it.token import Token

from translate.cli import cli

ROOT = Path(__file__).parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"
NEWS = ROOT / "tests" / "data" / "glossary-news"


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


def read_tables(readme: Path) -> dict[str, list[list[str]]]:
    """Every table of a README (not indented), keyed by its first header cell: rows of cells."""
    tables: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if current is None:
            assert cells[0] not in tables, f"{readme}: two tables headed {cells[0]!r}"
            current = tables[cells[0]] = []
        elif not set("".join(cells)) <= set("-: "):
            current.append(cells)
    return tables


def article_rows() -> dict[str, tuple[set[str], str]]:
    """``tests/data/articles/README.md``: file -> (features, notes)."""
    rows = read_tables(ARTICLES / "README.md")["file"]
    return {name: ({f.strip() for f in feats.split(",")}, notes) for name, feats, notes in rows}


def article_files() -> list[str]:
    """Every article file, relative to ``tests/data/articles``."""
    paths = [*ARTICLES.glob("*.txt"), *ARTICLES.glob("md/*.md"), *ARTICLES.glob("html/*.html")]
    return sorted(path.relative_to(ARTICLES).as_posix() for path in paths)


# --- what a feature looks like ---------------------------------------------------------------

DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w .'-]+)* \((?:AP|Reuters|AFP)\) [—–-] ")
ATTRIBUTION = re.compile(r"(?m)^— [^\n]+ \(@\w+\) ")
CREDIT = re.compile(r"contributed to this report|contributed\.$|Reporting by|\(AP Photo")
FACT_LABEL = re.compile(r"(?i)\bfact ?box\b|\bat a glance\b|\bkey (?:facts|points)\b|\btimeline\b")
URL = re.compile(r"\b(?:https?://|www\.)\S+")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);")
LINK_IN_QUOTE_MD = re.compile(r"“[^”\n]*\[[^\]\n]+\]\([^)\s]+[^)\n]*\)[^“\n]*”")
LINK_IN_QUOTE_HTML = re.compile(r"“(?:(?!</?p[\s>])[^”])*?<a\s[^>]*>[^<]*</a>[^“<]*?”")
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
EVENT_HANDLER = re.compile(r"(?i)<[a-z][^>]*\son[a-z]+\s*=")
JAVASCRIPT_URL = re.compile(r"(?i)(?:\]\(|\b(?:href|src|action)\s*=\s*[\"']?)\s*javascript:")
IFRAME = re.compile(r"(?i)<iframe\b")
WIDGETS = "platform.twitter.com/widgets.js"


def markup_features(source: str, article_scripts: list[str]) -> set[str]:
    """Hostile markup in ``source``; ``article_scripts``: the article's script tags or sources."""
    found = {
        name
        for name, pattern in (
            ("event-handlers", EVENT_HANDLER), ("javascript-link", JAVASCRIPT_URL),
            ("iframe", IFRAME),
        )
        if pattern.search(source)
    }
    if article_scripts:
        found.add("script-in-article")
    if found - {"script-in-article"} or any(WIDGETS not in tag for tag in article_scripts):
        found.add("hostile")
    return found


def raw_features(raw: bytes) -> set[str]:
    """Byte-level features: line endings, byte-order mark, characters beyond ASCII."""
    text = raw.removeprefix(codecs.BOM_UTF8)
    checks = {"crlf": b"\r\n" in raw, "bom": raw != text, "non-ascii": max(text) > 127}
    return {name for name, found in checks.items() if found}


# --- Markdown --------------------------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class MarkdownDoc:
    """A Markdown article: front matter, body and markdown-it's tokens (children included)."""

    front: dict | None
    body: str
    blocks: list[Token]
    references: dict

    def walk(self) -> Iterator[Token]:
        for token in self.blocks:
            yield token
            yield from token.children or ()

    def texts(self) -> list[str]:
        """The plain text of each inline run (paragraph, heading, cell)."""
        return ["".join(c.content for c in t.children or ()) for t in self.blocks if t.children]

    def headline(self) -> str | None:
        for before, token in zip(self.blocks, self.blocks[1:], strict=False):
            if before.type == "heading_open" and before.tag == "h1":
                return token.content
        return self.front.get("title") if self.front else None


def read_markdown(path: Path) -> MarkdownDoc:
    """Optional YAML front matter between ``---`` lines, then CommonMark with GFM tables."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    front = None
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        front, text = yaml.safe_load(text[4:end]), text[end + 5 :]
    env: dict = {}
    return MarkdownDoc(front, text, MARKDOWN.parse(text, env), env.get("references", {}))


def significant(children: list[Token] | None) -> list[Token]:
    """Inline tokens less line breaks and blank text."""
    return [
        c
        for c in children or ()
        if not (c.type == "softbreak" or (c.type == "text" and not c.content.strip()))
    ]


def wholly(children: list[Token], style: str) -> bool:
    """The run is one emphasised (``em``) or strong (``strong``) span, nothing outside it."""
    kids = significant(children)
    return bool(kids) and kids[0].type == f"{style}_open" and kids[-1].type == f"{style}_close"


def md_structures(doc: MarkdownDoc) -> Iterator[str]:
    """The names of the structures a Markdown article holds."""
    types = {token.type for token in doc.walk()}
    named = {
        "em_open": "emphasis", "strong_open": "strong", "code_inline": "inline-code",
        "hardbreak": "hard-break", "blockquote_open": "blockquote", "s_open": "strikethrough",
        "hr": "thematic-break", "ordered_list_open": "ordered-list",
        "bullet_list_open": "unordered-list", "th_open": "table",
    }
    yield from (name for token_type, name in named.items() if token_type in types)
    if {"html_block", "html_inline"} & types:
        yield "raw-html"
    if doc.front and doc.front.get("title") and doc.front.get("description"):
        yield "front-matter"
    heads = {t.tag for t in doc.blocks if t.type == "heading_open"}
    if heads & {"h2", "h3"}:
        yield "headings"
    if heads & {"h4", "h5", "h6"}:
        yield "deep-headings"
    if any(t.type == "heading_open" and t.markup in {"=", "-"} for t in doc.blocks):
        yield "setext-headings"
    for index, token in enumerate(doc.blocks):
        if token.type == "heading_close" and token.tag == "h1":
            if any(wholly(doc.blocks[index + 2].children, s) for s in ("em", "strong")):
                yield "standfirst"
            break
    texts = doc.texts()
    if any(DATELINE.match(text) for text in texts):
        yield "dateline"
    if any(CREDIT.search(text) for text in texts):
        yield "credit"
    links = [t for t in doc.walk() if t.type == "link_open" and t.attrGet("href")]
    if any(t.markup != "autolink" and str(t.attrGet("href")).startswith("http") for t in links):
        yield "links"
    if any(t.markup == "autolink" for t in links):
        yield "autolink"
    if doc.references:
        yield "reference-links"
    in_link = False
    for token in doc.walk():
        in_link = {"link_open": True, "link_close": False}.get(token.type, in_link)
        if token.type == "text" and not in_link and URL.search(token.content):
            yield "bare-url"
            break
    yield from md_blocks(doc)
    checks = {"link-in-quote": LINK_IN_QUOTE_MD, "entities": ENTITY, "escapes": ESCAPE}
    yield from (name for name, pattern in checks.items() if pattern.search(doc.body))
    yield from markup_features(doc.body, re.findall(r"(?i)<script\b[^>]*>", doc.body))


def md_blocks(doc: MarkdownDoc) -> Iterator[str]:
    """Block structures: nested lists, fact boxes, tweets, figures."""
    depth, quoted, label, inlines = 0, 0, "", []
    for token in doc.blocks:
        if token.type in {"bullet_list_open", "ordered_list_open", "table_open"}:
            if token.level == 0 and FACT_LABEL.search(label):
                yield "fact-box"
            if depth and token.type != "table_open":
                yield "nested-list"
            depth += token.type != "table_open"
        depth -= token.type in {"bullet_list_close", "ordered_list_close"}
        quoted += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "inline":
            label = label if token.level > 1 else token.content
            inlines.append(token)
            if quoted and ATTRIBUTION.search(token.content + " "):
                yield "tweet"
        if token.type == "html_block" and "twitter-tweet" in token.content:
            yield "tweet"
    for index, inline in enumerate(inlines):
        images = [i for i, c in enumerate(inline.children or ()) if c.type == "image" and c.content]
        if images:
            after = significant(inline.children[images[0] + 1 :])
            following = inlines[index + 1].children if index + 1 < len(inlines) else []
            if wholly(after or following or [], "em"):
                yield "figure"


# --- HTML ------------------------------------------------------------------------------------

VOID = words("area base br col embed hr img input link meta source track wbr")
OPTIONAL_END = words("p li dt dd tr td th thead tbody tfoot option html head body")
CLOSES_P = words(
    "address article aside blockquote div dl figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr main nav ol p pre section table ul"
)
#: A start tag closes the open element of its family nearest to it, up to a boundary.
IMPLIED = {
    "li": ({"li"}, {"ul", "ol"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    **dict.fromkeys(("thead", "tbody", "tfoot"), ({"thead", "tbody", "tfoot"}, {"table"})),
}


@dataclass
class Element:
    """An HTML element: tag, attributes, children (elements and text), parent."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.walk()

    def text(self) -> str:
        """Text content, scripts and styles left out."""
        return "".join(
            c if isinstance(c, str) else c.text()
            for c in self.children
            if isinstance(c, str) or c.tag not in {"script", "style"}
        )

    def inside(self, tag: str) -> bool:
        """An ancestor is a ``tag`` element."""
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node is not None


class TreeBuilder(HTMLParser):
    """Builds a tree, closing what HTML lets authors leave open; other imbalance is an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.implicit_closes = self.entities = 0
        self.comments: list[str] = []
        self.doctype = False

    def close_element(self, index: int, *, explicit: bool) -> None:
        """Close ``stack[index]`` and, implicitly, every element opened inside it."""
        for element in self.stack[index + 1 :]:
            if element.tag not in OPTIONAL_END:
                self.errors.append(f"line {self.getpos()[0]}: <{element.tag}> left open")
        self.implicit_closes += len(self.stack) - index - explicit
        del self.stack[index:]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P and self.stack[-1].tag == "p":
            self.close_element(len(self.stack) - 1, explicit=False)
        names, boundary = IMPLIED.get(tag, (set(), set()))
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag in boundary:
                break
            if self.stack[index].tag in names:
                self.close_element(index, explicit=False)
                break
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        tags = [element.tag for element in self.stack]
        if tag not in tags:
            self.errors.append(f"line {self.getpos()[0]}: stray </{tag}>")
            return
        self.close_element(len(tags) - 1 - tags[::-1].index(tag), explicit=True)

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_entityref(self, name: str) -> None:
        self.entities += 1
        self.handle_data(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.entities += 1
        self.handle_data(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower().startswith("doctype")

    def finish(self) -> TreeBuilder:
        """End of input: what is still open must be an element HTML lets stay open."""
        self.close()
        open_ = [e.tag for e in self.stack[1:] if e.tag not in OPTIONAL_END]
        self.errors += [f"<{tag}> never closed" for tag in open_]
        self.implicit_closes += len(self.stack) - 1
        del self.stack[1:]
        return self


@dataclass
class HtmlDoc:
    """An HTML article or page: its source and its tree."""

    source: str
    tree: TreeBuilder

    def elements(self, *tags: str) -> list[Element]:
        return [e for e in self.tree.root.walk() if not tags or e.tag in tags]

    def classed(self, pattern: str) -> list[Element]:
        return [e for e in self.elements() if re.search(pattern, e.attrs.get("class", ""))]

    def body_text(self) -> str:
        """The article's text (every article's, on a live page)."""
        articles = self.elements("article")
        return " ".join(a.text() for a in articles) if articles else self.tree.root.text()


def read_html(path: Path) -> HtmlDoc:
    """Parse ``path`` into a tree, recording every imbalance."""
    source = path.read_bytes().decode("utf-8-sig")
    tree = TreeBuilder()
    tree.feed(source)
    return HtmlDoc(source, tree.finish())


def html_tweets(doc: HtmlDoc) -> Iterator[str]:
    """Embed markup: a paragraph with lang and dir, its link, the attribution, widgets.js."""
    if not any(WIDGETS in s.attrs.get("src", "") for s in doc.elements("script")):
        return
    for quote in doc.classed(r"\btwitter-tweet\b"):
        texts = [p for p in quote.walk() if p.tag == "p" and {"lang", "dir"} <= p.attrs.keys()]
        links = [a for a in quote.walk() if a.tag == "a" and a.attrs.get("href")]
        if texts and links and re.search(r"— [^\n]+ \(@\w+\) ", quote.text()):
            yield "tweet"


def bare_url(element: Element) -> bool:
    """A URL in text outside links, scripts and the head."""
    if element.tag in {"a", "script", "style", "head"}:
        return False
    return any(URL.search(c) if isinstance(c, str) else bare_url(c) for c in element.children)


def html_structures(doc: HtmlDoc) -> Iterator[str]:
    """The names of the structures an HTML article or page holds."""
    tags = {e.tag for e in doc.elements()}
    named = {
        "em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong",
        "code": "inline-code", "br": "hard-break", "blockquote": "blockquote",
        "del": "strikethrough", "s": "strikethrough", "hr": "thematic-break",
        "ol": "ordered-list", "ul": "unordered-list", "h2": "headings", "h3": "headings",
        "h4": "deep-headings", "h5": "deep-headings", "h6": "deep-headings",
        **{tag: tag for tag in ("nav", "header", "footer", "main", "script", "style")},
    }
    yield from {name for tag, name in named.items() if tag in tags}
    top = [e.tag for e in doc.tree.root.children if isinstance(e, Element)]
    if not doc.tree.doctype and top == ["article"]:
        yield "fragment"
    if doc.tree.doctype and {"html", "head", "body", "title"} <= tags:
        yield "full-page"
    if any(e.text().strip() for e in doc.classed(r"\b(?:standfirst|dek|subtitle|summary)\b")):
        yield "standfirst"
    paragraphs = [p.text().strip() for p in doc.elements("p")]
    if any(DATELINE.match(text) for text in paragraphs):
        yield "dateline"
    if doc.classed(r"\bcredit\b") or any(CREDIT.search(text) for text in paragraphs):
        yield "credit"
    anchors = [(a.attrs.get("href", ""), a.text().strip()) for a in doc.elements("a")]
    if any(href.startswith("http") and text != href for href, text in anchors):
        yield "links"
    if any(text in {href, href.removeprefix("mailto:")} for href, text in anchors):
        yield "autolink"
    if bare_url(doc.tree.root):
        yield "bare-url"
    if LINK_IN_QUOTE_HTML.search(doc.source):
        yield "link-in-quote"
    if any(e.inside("li") for e in doc.elements("ul", "ol")):
        yield "nested-list"
    if any({"ul", "ol", "dl", "table"} & {c.tag for c in e.walk()} for e in doc.classed("fact")):
        yield "fact-box"
    if any(any(c.tag == "th" for c in table.walk()) for table in doc.elements("table")):
        yield "table"
    for figure in doc.elements("figure"):
        inner = list(figure.walk())
        if any(e.tag == "img" and e.attrs.get("alt") for e in inner) and any(
            e.tag == "figcaption" and e.text().strip() for e in inner
        ):
            yield "figure"
    yield from html_tweets(doc)
    if any(e.tag == "a" for aside in doc.elements("aside") for e in aside.walk()):
        yield "aside"
    scripts = doc.elements("script")
    json_ld = [s.text() for s in scripts if s.attrs.get("type") == "application/ld+json"]
    if json_ld and all(isinstance(json.loads(text), dict) for text in json_ld):
        yield "json-ld"
    if any("lang" in e.attrs for e in doc.elements() if e.tag != "html"):
        yield "lang-attributes"
    if any(e.attrs.get("dir") == "rtl" for e in doc.elements()):
        yield "rtl"
    checks = {
        "entities": doc.tree.entities, "comment": doc.tree.comments,
        "optional-end-tags": doc.tree.implicit_closes,
    }
    yield from (name for name, found in checks.items() if found)
    in_article = [s.attrs.get("src", "") for s in scripts if s.inside("article")]
    yield from markup_features(doc.source, in_article)


# --- plain text ------------------------------------------------------------------------------


def txt_structures(raw: bytes) -> Iterator[str]:
    """The names of the structures a plain-text article holds."""
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    checks = {
        "dateline": any(DATELINE.match(line) for line in lines),
        "tweet": ATTRIBUTION.search(text + " "),
        "credit": any(CREDIT.search(line) for line in lines),
        "caption": "(AP Photo" in text,
        "unordered-list": any(line.startswith("- ") for line in lines),
        "blank-lines": "\n\n" in text,
    }
    yield from (name for name, found in checks.items() if found)


def structures(name: str) -> set[str]:
    """What the article file ``name`` (relative to tests/data/articles) holds."""
    path = ARTICLES / name
    if path.suffix == ".md":
        found = md_structures(read_markdown(path))
    elif path.suffix == ".html":
        found = html_structures(read_html(path))
    else:
        found = txt_structures(path.read_bytes())
    return {*found, *raw_features(path.read_bytes())}


# --- the articles' tests ---------------------------------------------------------------------

#: Structures the Markdown and the HTML set must each cover.
REQUIRED = {
    "md": "front-matter standfirst dateline headings deep-headings links link-in-quote autolink "
    "bare-url emphasis strong inline-code hard-break blockquote tweet figure ordered-list "
    "unordered-list fact-box table credit entities non-ascii raw-html hostile",
    "html": "fragment full-page standfirst dateline headings deep-headings links link-in-quote "
    "autolink bare-url emphasis strong inline-code hard-break blockquote tweet figure "
    "ordered-list unordered-list fact-box table credit entities non-ascii nav header footer "
    "aside script style comment main hostile script-in-article event-handlers "
    "javascript-link iframe",
}


def test_readme_lists_every_article_once() -> None:
    rows = read_tables(ARTICLES / "README.md")["file"]
    assert sorted(row[0] for row in rows) == article_files()


def test_each_set_has_a_dozen_articles_covering_the_required_structures() -> None:
    rows = article_rows()
    for kind, required in REQUIRED.items():
        files = [name for name in rows if name.startswith(f"{kind}/")]
        covered = set().union(*(rows[name][0] for name in files))
        assert len(files) >= 12, kind
        assert sorted(words(required) - covered) == [], kind


def test_readme_explains_every_feature_it_uses() -> None:
    explained = [row[0] for row in read_tables(ARTICLES / "README.md")["feature"]]
    used = set().union(*(features for features, _ in article_rows().values()))
    assert sorted(used - set(explained)) == []
    assert len(explained) == len(set(explained))


@pytest.mark.parametrize("name", article_files())
def test_article_holds_exactly_the_structures_its_row_names(name: str) -> None:
    claimed = article_rows()[name][0] - {"from-plain-text"}
    found = structures(name)
    assert sorted(claimed - found) == [], "claimed but absent"
    assert sorted(found - claimed) == [], "present but not claimed"


@pytest.mark.parametrize("name", [n for n in article_files() if not n.endswith(".txt")])
def test_article_parses_to_one_headline_and_300_to_1500_words(name: str) -> None:
    if name.endswith(".md"):
        doc = read_markdown(ARTICLES / name)
        headlines = [doc.headline()]
        words = len(" ".join(doc.texts()).split())
    else:
        page = read_html(ARTICLES / name)
        assert page.tree.errors == []
        headlines = [h1.text().strip() for h1 in page.elements("h1")]
        words = len(page.body_text().split())
    assert len(headlines) == 1 and headlines[0]
    assert 300 <= words <= 1500, f"{words} words"


@pytest.mark.parametrize(
    "name", [n for n, (features, _) in article_rows().items() if "from-plain-text" in features]
)
def test_conversion_keeps_the_headline_of_its_plain_text_source(name: str) -> None:
    source = re.search(r"\bfrom (\S+\.txt)", article_rows()[name][1])
    assert source, "the notes name no source"
    headline = (ROOT / source.group(1)).read_text(encoding="utf-8-sig").splitlines()[0]
    if name.endswith(".md"):
        assert read_markdown(ARTICLES / name).headline() == headline
    else:
        assert read_html(ARTICLES / name).elements("h1")[0].text().strip() == headline


@pytest.mark.parametrize(
    ("markup", "errors", "implicit"),
    [
        ("<article><h1>x</h1><p>one<p>two<ul><li>a<li>b</ul></article>", [], 4),
        ("<table><tr><th>a<td>b<tr><td>c</table>", [], 5),
        ("<article><div><p>one</article>", ["line 1: <div> left open"], 2),
        ("<p>one</p></div>", ["line 1: stray </div>"], 0),
        ("<section><p>one", ["<section> never closed"], 2),
    ],
)
def test_tree_builder_closes_what_html_allows_and_reports_the_rest(
    markup: str, errors: list[str], implicit: int
) -> None:
    tree = TreeBuilder()
    tree.feed(markup)
    assert (tree.finish().errors, tree.implicit_closes) == (errors, implicit)


# --- glossary-news ---------------------------------------------------------------------------

ROLES = words(
    "subject object plain apposition locative ablative direction recipient genitive possessive "
    "comitative between against about agent attributive other none"
)
POSITIONS = words(
    "headline standfirst dateline heading fact-box list quote caption credit attribution "
    "sentence-start sentence-end all-caps alias possessive hyphen-compound false-friend"
)
POSSESSIVE = re.compile(r"['’]s$")


def glossary_forms() -> dict[str, str]:
    """Every English form of glossary.yaml, casefolded -> its term's ``en``."""
    terms = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    return {form.casefold(): t["en"] for t in terms for form in [t["en"], *t.get("aliases", [])]}


def news_articles() -> list[Path]:
    return sorted(NEWS.glob("*.txt"))


def read_mentions(article: Path) -> list[dict]:
    return json.loads(article.with_suffix(".mentions.json").read_text(encoding="utf-8"))


def test_every_glossary_article_is_annotated() -> None:
    annotated = {p.name.removesuffix(".mentions.json") for p in NEWS.glob("*.mentions.json")}
    assert annotated == {p.stem for p in news_articles()}
    assert len(annotated) >= 12


@pytest.mark.parametrize("article", news_articles(), ids=lambda p: p.stem)
def test_mentions_point_at_their_surface_and_name_its_term(article: Path) -> None:
    lines = article.read_text(encoding="utf-8").split("\n")
    forms = glossary_forms()
    last = (0, 0)
    for m in read_mentions(article):
        keys = {"line", "start", "surface", "term", "role", "positions"}
        assert keys <= m.keys() <= keys | {"note"}, m
        text, start, surface, term = lines[m["line"] - 1], m["start"], m["surface"], m["term"]
        end = start + len(surface)
        assert text[start:end] == surface, m
        assert (m["line"], start) >= last, f"out of order or overlapping: {m}"
        last = (m["line"], end)
        assert m["role"] in ROLES and set(m["positions"]) <= POSITIONS, m
        name = POSSESSIVE.sub("", surface)
        assert name.casefold() in forms and term in (None, forms[name.casefold()]), m
        assert (m["role"] == "none") == (term is None), m
        shown = {
            "headline": m["line"] == 1,
            "standfirst": m["line"] == 2,
            "false-friend": term is None,
            "possessive": term is not None and name != surface,
            "all-caps": term is not None and name.isupper(),
            "alias": term is not None and name.casefold() != term.casefold(),
            "hyphen-compound": term is not None and "-" in text[start - 1 : start] + text[end:][:1],
        }
        assert {p for p, shows in shown.items() if shows} == set(m["positions"]) & shown.keys(), m


@pytest.mark.parametrize("article", news_articles(), ids=lambda p: p.stem)
def test_every_occurrence_of_a_glossary_name_is_annotated(article: Path) -> None:
    forms = sorted(glossary_forms(), key=len, reverse=True)
    names = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.I)
    spans = {
        (m["line"], m["start"], m["start"] + len(m["surface"]))
        for m in read_mentions(article)
    }
    for number, text in enumerate(article.read_text(encoding="utf-8").split("\n"), 1):
        for hit in names.finditer(text):
            assert any(
                n == number and s <= hit.start() and hit.end() <= e for n, s, e in spans
            ), f"line {number}: {hit.group()!r} is not annotated"


def test_glossary_news_readme_counts_are_the_annotations_counts() -> None:
    counts: dict[str, Counter] = {kind: Counter() for kind in ("term", "role", "position")}
    files = {}
    for article in news_articles():
        mentions = read_mentions(article)
        places = sum(1 for m in mentions if m["term"])
        lines = len(article.read_text(encoding="utf-8").splitlines())
        files[article.name] = (lines, places, len(mentions) - places)
        for m in mentions:
            counts["term"][m["term"] or "(false friend)"] += 1
            counts["role"][m["role"]] += 1
            counts["position"].update(m["positions"])
    tables = read_tables(NEWS / "README.md")
    assert {row[0]: tuple(map(int, row[1:])) for row in tables["file"]} == files
    for kind, counter in counts.items():
        assert {row[0]: int(row[1]) for row in tables[kind]} == counter, kind
    assert sum(places for _, places, _ in files.values()) >= 400


@pytest.mark.parametrize("article", news_articles(), ids=lambda p: p.stem)
def test_glossary_article_segments_into_headline_and_standfirst(article: Path) -> None:
    result = CliRunner().invoke(cli, ["segment", "--json", str(article)])
    assert result.exit_code == 0, result.output
    units = [json.loads(line) for line in result.output.splitlines()]
    assert {(1, "headline"), (2, "standfirst")} <= {(u["line"], u["role"]) for u in units}
