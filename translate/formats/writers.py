"""The outputs of an article in every format: plain text, Markdown and a standalone HTML page.

A text article is laid out block by block (``translate.formats.layout``). A Markdown or HTML
article is written back in its own format by its document (``Article.document.render``:
``translate.formats.markdown``, ``translate.formats.html``); its other outputs are laid out as a
text article's are, each unit's inline markup read back and written in the output's terms: plain
text (no markup), Markdown (links with their addresses), HTML (sanitised elements, text escaped,
Latin runs isolated in right-to-left text).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from translate.formats.article import Article, Unit
from translate.formats.drafts import (
    DRAFT_CSS,
    draft_note,
    mark_page,
    mark_unit,
    note_html,
    unit_state,
)
from translate.formats.html import write_attrs
from translate.formats.inline import VOID, Inline, plain_text, read_markup
from translate.formats.layout import (
    HTML,
    MARKDOWN,
    PAGE_CSS,
    block_lines,
    check_lang,
    escape_markdown,
    group_blocks,
    headline_of,
    reading_direction,
    render_blocks,
    render_inline,
    render_page,
    unit_html,
)
from translate.formats.markdown import escape_line_start
from translate.formats.msgid_markup import write_markup
from translate.formats.sanitize import disarm_markdown
from translate.lang.cldr import text_direction


def unit_nodes(unit: Unit, translations: Mapping[str, str]) -> list[Inline]:
    """The unit's nodes: its translation read back, or its own text."""
    return read_markup(translations.get(unit.text) or unit.text, unit.markup, unit.refs)


def document_text(article: Article, translations: Mapping[str, str]) -> str:
    """The article as plain text: a block a line, inline markup left out."""
    return "".join(
        part if isinstance(part, str) else
        " ".join(plain_text(unit_nodes(part, translations)).split())
        for part in article.parts
    )


def document_markdown(article: Article, translations: Mapping[str, str]) -> str:
    """The article as Markdown: its own document for a Markdown article, else laid out."""
    if article.format == "md" and article.document is not None:
        return article.document.render(translations, None)

    def unit_text(unit: Unit) -> str:
        nodes = unit_nodes(unit, translations)
        return write_markup(nodes, "md", links="inline", breaks=" ").text.strip()

    blocks = [
        (block, [escape_line_start(line) for line in block_lines(block, unit_text, str)])
        for block in group_blocks(article)
    ]
    chunks = render_blocks(blocks, MARKDOWN, translations)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def inline_html(nodes: list[Inline], rtl: bool) -> str:
    """Sanitised inline nodes as HTML; text escaped (Latin runs in ``<bdi>`` when ``rtl``)."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(render_inline(node, rtl=rtl))
        elif node.tag in VOID:
            out.append(f"<{node.tag}{write_attrs(dict(node.attrs))}>")
        else:
            inner = inline_html(list(node.children), rtl)
            out.append(f"<{node.tag}{write_attrs(dict(node.attrs))}>{inner}</{node.tag}>")
    return "".join(out)


def document_body(article: Article, translations: Mapping[str, str], lang: str, *,
                  states: Mapping[str, str] | None = None) -> str:
    """The ``<article>`` element of a standalone page (as ``assemble.render_article_body``,
    draft marks included)."""
    note = draft_note(article, states)

    def unit_text(unit: Unit) -> str:
        body = unmarked_text(unit)
        return mark_unit(body, unit_state(unit.text, states or {})) if note else body

    def unmarked_text(unit: Unit) -> str:
        if translations.get(unit.text):
            nodes = unit_nodes(unit, translations)
            page = text_direction(lang)
            own = reading_direction(plain_text(nodes), page)  # an English draft: one isolate
            body = inline_html(nodes, own == "rtl")
            return body if own == page else f'<span dir="{own}">{body}</span>'
        shown = unit.lang or article.lang
        body = inline_html(unit_nodes(unit, {}), text_direction(shown) == "rtl")
        if shown == lang:
            return body
        return f'<span lang="{html.escape(shown)}" dir="{text_direction(shown)}">{body}</span>'

    blocks = [(block, block_lines(block, unit_text, html.escape))
              for block in group_blocks(article)]
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
        page = article.document.render(translations, lang)
        return mark_page(page, note) if note else page

    titles = {unit.text: " ".join(plain_text(unit_nodes(unit, translations)).split())
              for unit in article.units}
    return render_page(lang=lang, title=headline_of(article, titles),
                       css=PAGE_CSS + (DRAFT_CSS if note else ""),
                       body=document_body(article, translations, lang, states=states))


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

    blocks = [
        (block, [escape_markdown(line) for line in block_lines(block, unit_text, str)])
        for block in group_blocks(article)
    ]
    chunks = render_blocks(blocks, MARKDOWN, translations)
    return disarm_markdown("\n\n".join(chunks) + "\n" if chunks else "")


def render_article_body(
    article: Article,
    translations: Mapping[str, str],
    lang: str,
    *,
    states: Mapping[str, str] | None = None,
) -> str:
    """The ``<article>`` element of the translated article. With ``states`` (msgid → state
    in the PO file), a draft opens with a note and marks its units that are not approved
    (``translate.formats.drafts``)."""
    if article.document is not None:
        return document_body(article, translations, lang, states=states)
    note = draft_note(article, states)

    def unit_text(unit: Unit) -> str:
        body = unit_html(unit, translations, article, lang)
        return mark_unit(body, unit_state(unit.text, states or {})) if note else body

    blocks = [
        (block, block_lines(block, unit_text, html.escape)) for block in group_blocks(article)
    ]
    opening = note_html(note) + "\n" if note else ""
    return ("<article>\n" + opening + "\n".join(render_blocks(blocks, HTML, translations))
            + "\n</article>")


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
        body=render_article_body(article, translations, lang, states=states),
    )
