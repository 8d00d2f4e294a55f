"""The layout of a text article in an output: blocks, lines, Markdown escapes, HTML direction.

Every function here is pure: it takes an ``Article`` (or its blocks), a mapping from msgid (the
unit's source text) to msgstr and a language code, and returns a string. An empty or missing
msgstr falls back to the source text. ``translate.formats.writers`` composes these into whole
outputs; ``translate.publish.bundle`` puts them on disk.

HTML output escapes every text that comes from an article or a translation, loads nothing
from the network (inline CSS only, and a Content-Security-Policy that forbids the rest), and
gets its text direction from Babel; each unit and each block is shown as
``translate.formats.unitview`` shows it (its direction, draft mark and language): a block
element takes the ``lang`` and ``dir`` its units call for, a list the one direction of its
items.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from translate.errors import LanguageError
from translate.formats.article import Article, Unit
from translate.formats.units import opens_with_dash
from translate.lang.cldr import text_direction

#: A language code as it may appear in an output path or an HTML ``lang`` attribute.
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


PAGE_CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #fafafa; color: #1a1a1a;
  font: 1.0625rem/1.6 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
article { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; background: #fff; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.75rem; }
p { margin: 0 0 1rem; }
.standfirst { font-size: 1.2rem; color: #444; font-style: italic; }
blockquote { margin: 1.25rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid #bbb;
  color: #333; }
blockquote footer { font-size: 0.95rem; color: #555; }
ul { padding-inline: 1.5rem; }
.credit, .caption { font-size: 0.9rem; color: #555; font-style: italic; }
"""


@dataclass(frozen=True)
class Block:
    """One paragraph of an article: its role and its units, in order.

    ``joins[i]`` is the text that goes between unit ``i - 1`` and unit ``i`` (whitespace
    collapsed, "" for the first); ``breaks[i]`` is True when unit ``i`` starts a new line
    of the source (always True for the first), which starts a new item in a list.
    """

    role: str
    paragraph: int
    units: tuple[Unit, ...]
    joins: tuple[str, ...]
    breaks: tuple[bool, ...]


def group_blocks(article: Article) -> list[Block]:
    """Group an article's units into paragraphs, dropping the literal text around them.

    Literal text before a paragraph's first unit or after its last (line breaks, bullets,
    a byte-order mark) is layout that Markdown and HTML express in their own way.
    """
    blocks: list[Block] = []
    units: list[Unit] = []
    joins: list[str] = []
    breaks: list[bool] = []
    pending = ""

    def close() -> None:
        if units:
            blocks.append(
                Block(units[0].role, units[0].paragraph, tuple(units), tuple(joins), tuple(breaks))
            )

    for part in article.parts:
        if isinstance(part, str):
            pending += part
            continue
        if units and part.paragraph == units[0].paragraph:
            newline = "\n" in pending or "\r" in pending
            joins.append(" " if newline else re.sub(r"\s+", " ", pending))
            breaks.append(newline)
        else:
            close()
            units, joins, breaks = [part], [""], [True]
            pending = ""
            continue
        units.append(part)
        pending = ""
    close()
    return blocks


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a well-formed language code, else raise LanguageError."""
    if not LANG_CODE.match(lang):
        raise LanguageError(f"invalid language code {lang!r}: use a code such as he, ru")
    return lang


# --- Blocks to markup: one walk for Markdown and HTML ---------------------------------------

#: The attributes a block's element takes (its ``lang`` and ``dir``; none in Markdown).
Attrs = Mapping[str, str]
#: How a format writes one element: (escaped text, attributes) -> the element.
Write = Callable[[str, Attrs], str]


def attr_text(attrs: Attrs) -> str:
    """`` name="value"`` for each attribute, escaped."""
    return "".join(f' {name}="{html.escape(value)}"' for name, value in attrs.items())


def element(tag: str, css_class: str = "") -> Write:
    """A Write of the HTML element ``tag`` (of class ``css_class``)."""
    head = f'<{tag} class="{css_class}"' if css_class else f"<{tag}"
    return lambda text, attrs: f"{head}{attr_text(attrs)}>{text}</{tag}>"


def text_only(write: Callable[[str], str]) -> Write:
    """A Write that takes no attributes (Markdown's)."""
    return lambda text, _attrs: write(text)


@dataclass(frozen=True)
class Container:
    """How a format writes consecutive blocks that form one element (a list, a block quote):
    ``open`` (with ``{attrs}`` where the element takes attributes), each item, ``close``."""

    open: str
    item: Write
    separator: str
    close: str

    def render(self, items: Sequence[tuple[str, Attrs]]) -> str:
        """The element holding ``items`` (each already written, with the attributes it was
        written with); it takes the one direction of its items, if they have one (a list's
        markers then stand on the side they read from)."""
        directions = {attrs.get("dir") for _item, attrs in items}
        own = {"dir": d} if len(directions) == 1 and (d := directions.pop()) else {}
        return (self.open.format(attrs=attr_text(own))
                + self.separator.join(item for item, _attrs in items) + self.close)


@dataclass(frozen=True)
class Markup:
    """How one output format writes each kind of block; the texts given are already escaped.

    ``roles`` writes a lone block of a role (``paragraph`` any other role); consecutive list
    items make one ``bullet_list``, consecutive quotes one ``block_quote``, and an attribution
    right after a quote goes inside it as its ``footer``.
    """

    roles: Mapping[str, Write]
    paragraph: Write
    bullet_list: Container
    block_quote: Container
    footer: Write


def block_lines(
    block: Block, unit_text: Callable[[Unit], str], join_text: Callable[[str], str]
) -> list[str]:
    """The block's text, one string per source line (list items), each joined from units."""
    lines: list[str] = []
    for unit, join, brk in zip(block.units, block.joins, block.breaks, strict=True):
        text = unit_text(unit)
        if (brk and block.role == "list-item") or not lines:
            lines.append(text)
        else:
            lines[-1] += join_text(join) + text
    return lines


def _dashed(text: str, block: Block, translations: Mapping[str, str]) -> str:
    """``text`` (the rendered block) led by a dash unless the block's own text starts with one."""
    first = block.units[0]
    raw = (translations.get(first.text) or first.text).lstrip()
    return text if opens_with_dash(raw) else f"— {text}"


def render_blocks(
    blocks: Iterable[tuple[Block, list[str], Attrs]], markup: Markup,
    translations: Mapping[str, str],
) -> list[str]:
    """The elements of an article, one string each, from its blocks, their rendered lines and
    the attributes of their elements."""
    out: list[str] = []
    items: list[tuple[str, Attrs]] = []  # the open list's or quote's, the last of ``out``
    previous: str | None = None
    for block, lines, attrs in blocks:
        role, text = block.role, " ".join(lines)
        if role == "attribution":
            text = _dashed(text, block, translations)
        if role == "list-item":
            container = markup.bullet_list
            new = [(container.item(line, attrs), attrs) for line in lines]
            merge = previous == "list-item"
        elif role == "quote":
            container, new = markup.block_quote, [(markup.block_quote.item(text, attrs), attrs)]
            merge = previous == "quote"
        elif role == "attribution" and previous == "quote":
            container, new = markup.block_quote, [(markup.footer(text, attrs), attrs)]
            merge = True
        else:
            out.append(markup.roles.get(role, markup.paragraph)(text, attrs))
            previous = role
            continue
        if merge:
            items.extend(new)
            out[-1] = container.render(items)
        else:
            items = new
            out.append(container.render(items))
        previous = role
    return out


# --- Markdown ---------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([#+=\-])|^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Escape ``text`` (one line) so that CommonMark renders it as the same text."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def _emphasise(text: str) -> str:
    return f"*{text}*" if text else text


def _heading(text: str) -> str:
    return "# " + re.sub(r"(?<!\\)(#+)$", lambda m: "\\#" * len(m.group(1)), text)


MARKDOWN = Markup(
    roles={
        "headline": text_only(_heading),
        "standfirst": text_only(_emphasise),
        "credit": text_only(_emphasise),
        "caption": text_only(_emphasise),
    },
    paragraph=text_only(str),
    bullet_list=Container("", text_only("- {}".format), "\n", ""),
    block_quote=Container("", text_only("> {}".format), "\n>\n", ""),
    footer=text_only("> {}".format),
)


# --- HTML ---------------------------------------------------------------------------------


HTML = Markup(
    roles={
        "headline": element("h1"),
        "standfirst": element("p", "standfirst"),
        "attribution": element("p", "attribution"),
        "credit": element("p", "credit"),
        "caption": element("p", "caption"),
    },
    paragraph=element("p"),
    bullet_list=Container("<ul{attrs}>", element("li"), "", "</ul>"),
    block_quote=Container("<blockquote>", element("p"), "", "</blockquote>"),
    footer=element("footer"),
)


def headline_of(article: Article, translations: Mapping[str, str]) -> str:
    """The article's translated headline (its first unit when it has no headline), or its id."""
    units = article.units
    heads = [u for u in units if u.role == "headline"] or list(units[:1])
    text = " ".join(translations.get(u.text) or u.text for u in heads)
    return re.sub(r"\s+", " ", text).strip() or article.id


def render_page(*, lang: str, title: str, css: str, body: str) -> str:
    """A standalone HTML5 page: no scripts, no external resources (CSP forbids them)."""
    check_lang(lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{text_direction(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{css}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}\n"
        "</body>\n"
        "</html>\n"
    )

