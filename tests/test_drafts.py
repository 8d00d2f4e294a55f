"""Tests of translate.formats.drafts: outputs of a draft say so (note, marks, header line)."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from translate.formats.drafts import draft_note, mark_page, mark_text
from translate.formats.reader import read_article
from translate.publish.bundle import write_article_outputs

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
NOTE = "DRAFT, not for publication: 2 of 3 units are not approved (2 machine drafts)."


def test_note_counts_units_by_state_and_is_none_when_all_are_approved() -> None:
    article = read_article(ARTICLES / "moscow-urges-calm.txt")
    texts = [unit.text for unit in article.units]
    assert draft_note(article, None) is None  # the bundle's outputs: no marks
    assert draft_note(article, dict.fromkeys(texts, "approved")) is None
    states = {texts[0]: "machine", texts[1]: "review", texts[2]: "approved"}
    note = draft_note(article, states)
    left = len(texts) - 3
    assert note == (f"DRAFT, not for publication: {len(texts) - 1} of {len(texts)} units are "
                    f"not approved (1 machine draft, 1 needs review, {left} untranslated).")


@pytest.mark.parametrize(("text", "fmt", "expected"), [
    ("Headline\nBody\n", "txt", f"{NOTE}\n\nHeadline\nBody\n"),
    ("Headline\r\nBody", "txt", f"{NOTE}\r\n\r\nHeadline\r\nBody"),
    ("# Headline\n", "md", f"> **{NOTE}**\n\n# Headline\n"),
    ("---\ntitle: T\n---\nBody\n", "md", f"---\ntitle: T\n---\n> **{NOTE}**\n\nBody\n"),
])
def test_header_line_opens_the_text_after_front_matter(text: str, fmt: str, expected: str):
    assert mark_text(text, fmt, NOTE) == expected


def test_markdown_header_keeps_the_front_matter_and_renders_as_a_quote() -> None:
    source = (ARTICLES / "md" / "moscow-urges-calm.md").read_text(encoding="utf-8")
    marked = mark_text(source, "md", NOTE)
    assert marked.startswith(source.split("---\n", 2)[0] + "---\n")
    rendered = MarkdownIt("commonmark").render(marked.split("---\n", 2)[2])
    assert rendered.startswith(f"<blockquote>\n<p><strong>{NOTE}</strong></p>")


@pytest.mark.parametrize(("page", "inside"), [
    ("<!DOCTYPE html><html><head><style>p{}</style></head><body><p>x</p></body></html>", "body"),
    ("<html><head><title>t</title></head><body class='a'>\n<p>x</p></body></html>", "body"),
    ('<article class="story"><p>x</p></article>\n', "article"),
    ("<p>x</p>\n<p>y</p>", "body"),
])
def test_page_opens_with_the_note(page: str, inside: str) -> None:
    marked = mark_page(page, NOTE)
    tree = html5lib.parse(marked, namespaceHTMLElements=False)
    note = tree.find(".//p[@class='draft-note']")
    assert note is not None and note.text == NOTE
    parent = tree.find(f".//{inside}")
    assert parent is not None and next(iter(parent)) is note
    if "<head>" in page:
        assert ".draft-note" in "".join(e.text or "" for e in tree.iter("style"))


def test_articles_of_every_format_are_marked(tmp_path: Path) -> None:
    for path in (ARTICLES / "md" / "moscow-urges-calm.md",
                 ARTICLES / "html" / "moscow-urges-calm.html",
                 ARTICLES / "moscow-urges-calm.txt"):
        article = read_article(path)
        states = {unit.text: "machine" for unit in article.units}
        translations = {unit.text: unit.text for unit in article.units}
        for written in write_article_outputs(tmp_path / path.suffix, article, "ru",
                                             translations, states=states):
            text = written.read_text(encoding="utf-8")
            assert "DRAFT, not for publication" in text, written
        unmarked = write_article_outputs(tmp_path / "bundle", article, "ru", translations)
        assert not any("DRAFT" in p.read_text(encoding="utf-8") for p in unmarked)
