"""The outputs of an article in every format: plain text, Markdown and a standalone HTML page.

A text article is laid out block by block (``translate.formats.layout``). A Markdown or HTML
article is written back in its own format by its document (``Article.document.render``:
``translate.formats.markdown``, ``translate.formats.html``); its other outputs are laid out as a
text article's are, each unit's inline markup read back and written in the output's terms: plain
text (no markup), Markdown (links with their addresses), HTML (sanitised elements, text
escaped). Every HTML output shows each unit as ``translate.formats.unitview`` shows it: the
standalone page of an article of any format (``article_body``) and an HTML article's own page.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from translate.formats.article import Article, Unit
from translate.formats.drafts import DRAFT_CSS, draft_note, mark_page, note_html
from translate.formats.html import write_nodes
from translate.formats.inline import Inline, plain_text, read_markup
from translate.formats.layout import (
    HTML,
    MARKDOWN,
    PAGE_CSS,
    Attrs,
    Block,
    block_lines,
    check_lang,
    escape_markdown,
    group_blocks,
    headline_of,
    render_blocks,
    render_page,
)
from translate.formats.markdown import escape_line_start
from translate.formats.msgid_markup import write_markup
from translate.formats.sanitize import disarm_markdown
from translate.formats.unitview import (
    BlockView,
    block_attrs,
    block_view,
    list_item,
    show_unit,
    unit_nodes,
)
from translate.lang.cldr import text_direction


def read_nodes(unit: Unit, translations: Mapping[str, str]) -> list[Inline]:
    """The unit's nodes: its translation read back, or its own text."""
    return read_markup(translations.get(unit.text) or unit.text, unit.markup, unit.refs)


def document_text(article: Article, translations: Mapping[str, str]) -> str:
    """The article as plain text: a block a line, inline markup left out."""
    return "".join(
        part if isinstance(part, str) else
        " ".join(plain_text(read_nodes(part, translations)).split())
        for part in article.parts
    )


def document_markdown(article: Article, translations: Mapping[str, str]) -> str:
    """The article as Markdown: its own document for a Markdown article, else laid out."""
    if article.format == "md" and article.document is not None:
        return article.document.render(translations, None, states=None)

    def unit_text(unit: Unit) -> str:
        nodes = read_nodes(unit, translations)
        return write_markup(nodes, "md", links="inline", breaks=" ").text.strip()

    blocks: list[tuple[Block, list[str], Attrs]] = [
        (block, [escape_line_start(line) for line in block_lines(block, unit_text, str)], {})
        for block in group_blocks(article)
    ]
    chunks = render_blocks(blocks, MARKDOWN, translations)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def by_id(written: Mapping[str, str]) -> Callable[[Unit], str]:
    """What ``written`` holds for a unit (by its id)."""
    return lambda unit: written[unit.id]


def list_views(blocks: Sequence[Block], views: Sequence[BlockView],
               direction: str) -> list[BlockView]:
    """``views`` of ``blocks``, those of each list (consecutive list items) laid out in the one
    direction of all its items, else in the page's ``direction`` (``unitview.list_item``)."""
    out = list(views)
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and blocks[end].role == "list-item":
            end += 1
        if end == start:
            start += 1
            continue
        if len({view.direction for view in views[start:end]}) > 1:
            out[start:end] = [list_item(view, direction) for view in views[start:end]]
        start = end
    return out


def article_body(article: Article, translations: Mapping[str, str], lang: str, *,
                 states: Mapping[str, str] | None = None) -> str:
    """The ``<article>`` element of the standalone page of an article of any format. Each
    unit as ``translate.formats.unitview`` shows it, each block's element with the language
    and direction its units call for; with ``states`` (msgid → state in the PO file), a draft
    opens with a note and marks its units that are not approved (``translate.formats.drafts``).
    """
    check_lang(lang)
    note = draft_note(article, states)
    laid = group_blocks(article)
    shown = [[show_unit(unit, translations, lang, article.lang,
                        states=states if note else None) for unit in block.units]
             for block in laid]
    views = list_views(laid, [block_view(units, lang) for units in shown], text_direction(lang))
    blocks: list[tuple[Block, list[str], Attrs]] = []
    for block, units, view in zip(laid, shown, views, strict=True):
        written = {unit.unit.id: write_nodes(unit_nodes(unit, view)) for unit in units}
        lines = block_lines(block, by_id(written), html.escape)
        blocks.append((block, lines, block_attrs(view, lang)))
    opening = note_html(note) + "\n" if note else ""
    return ("<article>\n" + opening + "\n".join(render_blocks(blocks, HTML, translations))
            + "\n</article>")


def document_html(article: Article, translations: Mapping[str, str], lang: str, *,
                  states: Mapping[str, str] | None = None) -> str:
    """The article as HTML: its own page for an HTML article, else a standalone page; with
    ``states``, a draft says so (``translate.formats.drafts``: an HTML article's own page opens with
    the note, a standalone page also marks each unit that is not approved)."""
    note = draft_note(article, states)
    if article.format == "html" and article.document is not None:
        page = article.document.render(translations, lang, states=states if note else None)
        return mark_page(page, note) if note else page

    titles = {unit.text: " ".join(plain_text(read_nodes(unit, translations)).split())
              for unit in article.units}
    return render_page(lang=lang, title=headline_of(article, titles),
                       css=PAGE_CSS + (DRAFT_CSS if note else ""),
                       body=article_body(article, translations, lang, states=states))


def assemble_text(article: Article, translations: Mapping[str, str]) -> str:
    """The translated article in the source's own layout.

    With no translations, returns the source file's text byte for byte. A Markdown or HTML
    article is laid out as plain text (``translate.formats.writers``).
    """
    if article.document is not None:
        return document_text(article, translations)
    return article.reassemble(dict(translations))


def assemble_markdown(article: Article, translations: Mapping[str, str]) -> str:
    """The translated article as CommonMark: ``# headline``, ``*standfirst*``, lists, quotes.

    A Markdown article is its own document translated (``translate.formats.writers``).
    Whatever the article's format, the document goes through ``sanitize.disarm_markdown``:
    what a CommonMark renderer with raw HTML on reads in it is clean.
    """
    if article.document is not None:
        return disarm_markdown(document_markdown(article, translations))

    def unit_text(unit: Unit) -> str:
        return translations.get(unit.text) or unit.text

    blocks: list[tuple[Block, list[str], Attrs]] = [
        (block, [escape_markdown(line) for line in block_lines(block, unit_text, str)], {})
        for block in group_blocks(article)
    ]
    chunks = render_blocks(blocks, MARKDOWN, translations)
    return disarm_markdown("\n\n".join(chunks) + "\n" if chunks else "")


def assemble_html(
    article: Article,
    translations: Mapping[str, str],
    lang: str,
    *,
    states: Mapping[str, str] | None = None,
) -> str:
    """The translated article as a clean standalone HTML5 page in ``lang``'s text direction.

    An HTML article is its own page translated, ``lang``/``dir`` on its root
    (``translate.formats.writers``). With ``states``, a draft is marked as such
    (``translate.formats.drafts``).
    """
    if article.document is not None:
        return document_html(article, translations, check_lang(lang), states=states)
    marked = draft_note(article, states) is not None
    return render_page(
        lang=lang,
        title=headline_of(article, translations),
        css=PAGE_CSS + (DRAFT_CSS if marked else ""),
        body=article_body(article, translations, lang, states=states),
    )
