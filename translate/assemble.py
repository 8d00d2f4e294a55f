"""Reassemble an article in a target language: plain text, Markdown and a standalone HTML page.

Every function here is pure: it takes an ``Article``, a mapping from msgid (the unit's source
text) to msgstr and a language code, and returns a string. An empty or missing msgstr falls
back to the source text. The writers that put these strings on disk live in ``bundle.py``.

HTML output escapes every text that comes from an article or a translation, loads nothing
from the network (inline CSS only, and a Content-Security-Policy that forbids the rest), and
gets its text direction from Babel; inside right-to-left text, Latin-script runs (names,
@handles, URLs, numbers) are wrapped in ``<bdi>`` so they display in their own order. A unit
whose words are mostly of the other direction (an English machine draft, or the source as a
fallback, in a Hebrew page) is one run of its own direction instead: a single isolate
(``<span dir="ltr">``) around the whole unit, so its clauses read in their own order.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from translate.article import Article, Unit
from translate.drafts import DRAFT_CSS, draft_note, mark_unit, note_html, unit_state
from translate.errors import LanguageError
from translate.languages import text_direction
from translate.sanitize import disarm_markdown

#: A language code as it may appear in an output path or an HTML ``lang`` attribute.
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_WORD = (
    r"(?:https?://[^\s<>\"]*[^\s<>\".,;:!?'’)\]]"
    rf"|[@#]?[{_LATIN}0-9](?:[{_LATIN}0-9_.,:/'’&%+\-]*[{_LATIN}0-9%])?)"
)
_TOKEN = rf"(?:\({_WORD}(?: {_WORD})*\)|{_WORD})"
#: A run of Latin-script words, handles, URLs and numbers, as it appears inside RTL text.
LATIN_RUN = re.compile(rf"{_TOKEN}(?:(?: |, (?=[0-9])){_TOKEN})*")

_DASHES = ("—", "–", "-", "―")

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
ul { padding-inline-start: 1.5rem; }
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


def translated_text(unit: Unit, translations: Mapping[str, str]) -> str | None:
    """The unit's translation, or None when there is none (the source text is used)."""
    return translations.get(unit.text) or None


def assemble_text(article: Article, translations: Mapping[str, str]) -> str:
    """The translated article in the source's own layout.

    With no translations, returns the source file's text byte for byte. A Markdown or HTML
    article is laid out as plain text (``translate.formats``).
    """
    if article.document is not None:
        from translate.formats import document_text  # lazy: formats imports this module

        return document_text(article, translations)
    return article.reassemble(dict(translations))


# --- Blocks to markup: one walk for Markdown and HTML ---------------------------------------


@dataclass(frozen=True)
class Container:
    """How a format writes consecutive blocks that form one element (a list, a block quote)."""

    open: str
    item: Callable[[str], str]
    separator: str
    close: str

    def render(self, items: Sequence[str]) -> str:
        """The element holding ``items`` (each already rendered by :attr:`item`)."""
        return self.open + self.separator.join(items) + self.close


@dataclass(frozen=True)
class Markup:
    """How one output format writes each kind of block; the texts given are already escaped.

    ``roles`` writes a lone block of a role (``paragraph`` any other role); consecutive list
    items make one ``bullet_list``, consecutive quotes one ``block_quote``, and an attribution
    right after a quote goes inside it as its ``footer``.
    """

    roles: Mapping[str, Callable[[str], str]]
    paragraph: Callable[[str], str]
    bullet_list: Container
    block_quote: Container
    footer: Callable[[str], str]


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
    return text if raw.startswith(_DASHES) else f"— {text}"


def render_blocks(
    blocks: Iterable[tuple[Block, list[str]]], markup: Markup, translations: Mapping[str, str]
) -> list[str]:
    """The elements of an article, one string each, from its blocks and their rendered lines."""
    out: list[str] = []
    items: list[str] = []  # the items of the open list or quote, the last element of ``out``
    previous: str | None = None
    for block, lines in blocks:
        role, text = block.role, " ".join(lines)
        if role == "attribution":
            text = _dashed(text, block, translations)
        if role == "list-item":
            container, new = markup.bullet_list, [markup.bullet_list.item(line) for line in lines]
            merge = previous == "list-item"
        elif role == "quote":
            container, new = markup.block_quote, [markup.block_quote.item(text)]
            merge = previous == "quote"
        elif role == "attribution" and previous == "quote":
            container, new = markup.block_quote, [markup.footer(text)]
            merge = True
        else:
            out.append(markup.roles.get(role, markup.paragraph)(text))
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
        "headline": _heading,
        "standfirst": _emphasise,
        "credit": _emphasise,
        "caption": _emphasise,
    },
    paragraph=str,
    bullet_list=Container("", "- {}".format, "\n", ""),
    block_quote=Container("", "> {}".format, "\n>\n", ""),
    footer="> {}".format,
)


def assemble_markdown(article: Article, translations: Mapping[str, str]) -> str:
    """The translated article as CommonMark: ``# headline``, ``*standfirst*``, lists, quotes.

    A Markdown article is its own document translated (``translate.formats``). Whatever the
    article's format, the document goes through ``sanitize.disarm_markdown``: what a CommonMark
    renderer with raw HTML on reads in it is clean.
    """
    if article.document is not None:
        from translate.formats import document_markdown  # lazy: formats imports this module

        return disarm_markdown(document_markdown(article, translations))

    def unit_text(unit: Unit) -> str:
        return translations.get(unit.text) or unit.text

    blocks = [
        (block, [escape_markdown(line) for line in block_lines(block, unit_text, str)])
        for block in group_blocks(article)
    ]
    chunks = render_blocks(blocks, MARKDOWN, translations)
    return disarm_markdown("\n\n".join(chunks) + "\n" if chunks else "")


# --- HTML ---------------------------------------------------------------------------------


def _find_marks(text: str, marks: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``marks`` in ``text``, case-insensitive."""
    spans: list[tuple[int, int]] = []
    folded = text.casefold()
    if len(folded) != len(text):  # casefold changed lengths (ß, ...): match as written
        folded = text
    for mark in sorted({m for m in marks if m.strip()}, key=len, reverse=True):
        needle = mark.casefold() if folded is not text else mark
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = folded.find(needle, end)
    return sorted(spans)


def _isolate_latin(text: str) -> Iterator[str]:
    pos = 0
    for match in LATIN_RUN.finditer(text):
        yield html.escape(text[pos : match.start()])
        yield f"<bdi>{html.escape(match.group())}</bdi>"
        pos = match.end()
    yield html.escape(text[pos:])


def reading_direction(text: str, default: str) -> str:
    """The direction ``text`` reads in: "rtl" when more of its words start with a
    right-to-left letter than with a left-to-right one, "ltr" when fewer; ``default`` (the
    direction of the element it is in) on a tie, and for a text without letters.

    Words, not letters, are counted, so a Hebrew sentence quoting a long URL or a name stays
    right-to-left, and an English draft holding a Hebrew place name reads left to right.
    """
    rtl = ltr = 0
    for word in text.split():
        for char in word:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                rtl += 1
                break
            if kind == "L":
                ltr += 1
                break
    if rtl == ltr:
        return default
    return "rtl" if rtl > ltr else "ltr"


def render_text(text: str, direction: str, *, marks: Sequence[str] = ()) -> str:
    """``text`` as HTML inside an element of ``direction``: in its own reading direction
    (``reading_direction``), wrapped in one ``<span dir>`` isolate when that differs; Latin
    runs isolated in right-to-left text (``render_inline``)."""
    own = reading_direction(text, direction)
    body = render_inline(text, rtl=own == "rtl", marks=marks)
    return body if own == direction else f'<span dir="{own}">{body}</span>'


def render_inline(text: str, *, rtl: bool = False, marks: Sequence[str] = ()) -> str:
    """``text`` as escaped HTML; Latin runs in ``<bdi>`` when ``rtl``; ``marks`` in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in [*_find_marks(text, marks), (len(text), len(text))]:
        plain = text[pos:start]
        out.extend(_isolate_latin(plain) if rtl else [html.escape(plain)])
        if end > start:
            inner = text[start:end]
            body = "".join(_isolate_latin(inner)) if rtl else html.escape(inner)
            out.append(f'<mark class="term">{body}</mark>')
        pos = end
    return "".join(out)


def _unit_html(unit: Unit, translations: Mapping[str, str], article: Article, lang: str) -> str:
    target = translated_text(unit, translations)
    if target is not None:
        return render_text(target, text_direction(lang))
    shown_lang = unit.lang or article.lang
    body = render_inline(unit.text, rtl=text_direction(shown_lang) == "rtl")
    if shown_lang == lang:
        return body
    return (
        f'<span lang="{html.escape(shown_lang)}" dir="{text_direction(shown_lang)}">{body}</span>'
    )


HTML = Markup(
    roles={
        "headline": "<h1>{}</h1>".format,
        "standfirst": '<p class="standfirst">{}</p>'.format,
        "attribution": '<p class="attribution">{}</p>'.format,
        "credit": '<p class="credit">{}</p>'.format,
        "caption": '<p class="caption">{}</p>'.format,
    },
    paragraph="<p>{}</p>".format,
    bullet_list=Container("<ul>", "<li>{}</li>".format, "", "</ul>"),
    block_quote=Container("<blockquote>", "<p>{}</p>".format, "", "</blockquote>"),
    footer="<footer>{}</footer>".format,
)


def render_article_body(
    article: Article,
    translations: Mapping[str, str],
    lang: str,
    *,
    states: Mapping[str, str] | None = None,
) -> str:
    """The ``<article>`` element of the translated article. With ``states`` (msgid → state
    in the PO file), a draft opens with a note and marks its units that are not approved
    (``translate.drafts``)."""
    if article.document is not None:
        from translate.formats import document_body  # lazy: formats imports this module

        return document_body(article, translations, lang, states=states)
    note = draft_note(article, states)

    def unit_text(unit: Unit) -> str:
        body = _unit_html(unit, translations, article, lang)
        return mark_unit(body, unit_state(unit.text, states)) if note else body

    blocks = [
        (block, block_lines(block, unit_text, html.escape)) for block in group_blocks(article)
    ]
    opening = note_html(note) + "\n" if note else ""
    return ("<article>\n" + opening + "\n".join(render_blocks(blocks, HTML, translations))
            + "\n</article>")


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


def assemble_html(
    article: Article,
    translations: Mapping[str, str],
    lang: str,
    *,
    states: Mapping[str, str] | None = None,
) -> str:
    """The translated article as a clean standalone HTML5 page in ``lang``'s text direction.

    An HTML article is its own page translated, ``lang``/``dir`` on its root
    (``translate.formats``). With ``states``, a draft is marked as such (``translate.drafts``).
    """
    if article.document is not None:
        from translate.formats import document_html  # lazy: formats imports this module

        return document_html(article, translations, check_lang(lang), states=states)
    marked = draft_note(article, states) is not None
    return render_page(
        lang=lang,
        title=headline_of(article, translations),
        css=PAGE_CSS + (DRAFT_CSS if marked else ""),
        body=render_article_body(article, translations, lang, states=states),
    )
