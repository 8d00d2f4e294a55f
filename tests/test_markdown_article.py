"""Markdown articles: units and roles, the document written back (same rendered HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markup_helpers import MARKDOWN_ARTICLES, RENDERER, dangers_in_html, markdown_dom

from translate.formats.markdown import cell_spans
from translate.formats.reader import parse_article, read_article

PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
PERMISSIVE.validateLink = lambda url: True


def identity(article):
    """Every unit "translated" into its own msgid: each block is written anew from it."""
    return {unit.text: unit.text for unit in article.units}


@pytest.mark.parametrize("path", MARKDOWN_ARTICLES, ids=lambda p: p.name)
def test_untranslated_article_renders_as_its_source(path: Path):
    source = path.read_text(encoding="utf-8")
    written = read_article(path).document.render({}, None)
    assert markdown_dom(written) == markdown_dom(source)


@pytest.mark.parametrize("path", MARKDOWN_ARTICLES, ids=lambda p: p.name)
def test_blocks_written_anew_from_their_msgids_render_as_the_source(path: Path):
    source = path.read_text(encoding="utf-8")
    article = read_article(path)
    written = article.document.render(identity(article), None)
    assert markdown_dom(written) == markdown_dom(source)


def test_a_clean_untranslated_article_is_its_source_byte_for_byte():
    path = Path("tests/data/articles/md/moscow-urges-calm.md")
    assert read_article(path).document.render({}, None) == path.read_text(encoding="utf-8")
    crlf = Path("tests/data/articles/md/signing-ceremony.md")
    written = read_article(crlf).document.render({}, None)
    assert written.startswith("\ufeff") and "\r\n" in written and "\n" not in written.replace(
        "\r\n", "")


def test_units_roles_and_links():
    article = read_article(Path("tests/data/articles/md/moscow-urges-calm.md"))
    roles = [(u.role, u.text) for u in article.units]
    assert roles[:2] == [
        ("headline", "Moscow urges calm as fighting rages in Nagorno-Karabakh"),
        ("standfirst", "The Kremlin offers to host talks between Armenia and Azerbaijan"),
    ]
    assert ("standfirst", "The Kremlin offers to host talks between Armenia and Azerbaijan") in (
        roles[2:])  # the emphasised dek: the same entry as the front matter's description
    assert ("sentence", "**MOSCOW (AP) —** Russia on Thursday called for an immediate "
            "ceasefire.") in roles
    assert ("attribution", "— Maria Zakharova (@MID_RF) [October 1, 2020][1]") in roles
    assert ("image", "![A woman walks past a building damaged by shelling in Stepanakert][1]"
            ) in roles
    assert ("caption", "A woman walks past a building damaged by shelling in Stepanakert. "
            "(AP Photo/Hrant Khachatryan)") in roles
    quoted = next(u for u in article.units if "stand aside" in u.text)
    assert quoted.text.endswith("Moscow “[would not stand aside][1]” if fighting spread to "
                                "Armenian territory.")
    assert quoted.refs == (("https://www.mid.ru/en/foreign_policy/news/", ""),)


def test_tables_reference_links_and_code():
    article = read_article(Path("tests/data/articles/md/drone-video-fact-check.md"))
    texts = {u.text: u for u in article.units}
    assert texts["Ministry upload"].role == "table-cell"
    archive = next(u for u in article.units if u.text.startswith("The ministry’s archive"))
    assert "[mod.gov.az][1]" in archive.text and "`Düşmənin" in archive.text
    assert archive.refs == (("https://mod.gov.az/en", "Ministry of Defense of Azerbaijan"),)
    assert any("hashtag #KarabakhIsAzerbaijan;" in u.text for u in article.units)
    assert any("asterisks (\\*\\*)" in u.text for u in article.units)


def test_a_translated_table_cell_stays_between_its_pipes():
    text = "# Results\n\n| Party | Seats |\n|---|---|\n| Likud *now* | 32 |\n"
    article = parse_article(text, "t", Path("t.md"), source_lang="en", article_format="md")
    written = article.document.render({"Party": "Партия | список", "Likud *now*":
                                       "Ликуд *сейчас*"}, "ru")
    assert "| Партия \\| список | Seats |" in written
    assert "| Ликуд *сейчас* | 32 |" in written


def test_cell_spans_follow_gfm():
    assert cell_spans("| a | b \\| c |\n") == [(1, 4), (5, 13)]
    assert cell_spans("a | b\n") == [(0, 2), (3, 5)]


def test_translated_paragraph_keeps_its_container_markers():
    text = "# T\n\n> A quote that\n> spans two lines.\n\n- item *one*\n  continues here.\n"
    article = parse_article(text, "t", Path("t.md"), source_lang="en", article_format="md")
    written = article.document.render(
        {"A quote that spans two lines.": "Цитата, которая\\\nна двух строках.",
         "item *one* continues here.": "# пункт *один* продолжается."}, "ru")
    assert "> Цитата, которая\\\n> на двух строках.\n" in written
    assert "- \\# пункт *один* продолжается.\n" in written


@pytest.mark.parametrize("lang", ["ru", "he"])
def test_hostile_markdown_never_reaches_the_output(lang):
    path = Path("tests/data/articles/md/hostile-embed.md")
    article = read_article(path)
    assert dangers_in_html(RENDERER.render(path.read_text(encoding="utf-8")))  # can fail
    for translations in ({}, identity(article)):
        written = article.document.render(translations, lang)
        assert dangers_in_html(RENDERER.render(written)) == []
        # A renderer that checks no address (as CommonMark allows) finds no live link either:
        # the refused [text](javascript:...) is written with its brackets escaped.
        assert dangers_in_html(PERMISSIVE.render(written)) == []
        assert "onerror" not in written.lower() and "javascript:void" not in written.lower()
        assert "<script" not in written and "<iframe" not in written


def test_front_matter_values_are_rewritten_as_yaml_strings():
    article = read_article(Path("tests/data/articles/md/moscow-urges-calm.md"))
    title = article.units[0].text
    written = article.document.render({title: 'Москва: "призыв" к спокойствию'}, "ru")
    front, _body = markdown_dom(written)
    assert front["title"] == 'Москва: "призыв" к спокойствию'
    assert front["date"].isoformat() == "2020-10-01"


WORDS = st.sampled_from(["The", "minister", "said", "Baku", "talks", "on", "Monday", "5",
                         "a.m.", "U.S.", "*", "_", "[1]", "`", "< 5", "&amp;", "#", "|", "~~"])


@st.composite
def blocks(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))
        kind = draw(st.sampled_from(["text", "em", "strong", "code", "link", "break"]))
        end = draw(st.sampled_from([". ", " ", "? "]))
        if kind == "em":
            parts.append(f"*{words.strip('*_ ') or 'x'}*{end}")
        elif kind == "strong":
            parts.append(f"**{words.strip('*_ ') or 'x'}**{end}")
        elif kind == "code":
            parts.append(f"`{words.replace('`', '')}`{end}")
        elif kind == "link":
            parts.append(f"[{words.replace('[', '').replace(']', '')}](https://x.test/"
                         f"{len(parts)}){end}")
        elif kind == "break":
            parts.append(f"{words}\\\n")
        else:
            parts.append(words + end)
    body = "".join(parts).strip()
    prefix = draw(st.sampled_from(["", "> ", "- ", "## ", "1. "]))
    return prefix + body.replace("\n", "\n" + " " * len(prefix) if prefix in ("- ", "1. ")
                                 else "\n" + prefix if prefix == "> " else "\n")


@given(st.lists(blocks(), min_size=1, max_size=4))
def test_any_document_round_trips(items):
    text = "# Quake hits the coast\n\n" + "\n\n".join(items) + "\n"
    article = parse_article(text, "a", Path("a.md"), source_lang="en", article_format="md")
    assert markdown_dom(article.document.render({}, None)) == markdown_dom(text)
    written = article.document.render(identity(article), None)
    assert markdown_dom(written) == markdown_dom(text)
