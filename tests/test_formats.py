"""Markdown and HTML articles through ``translate run``: PO files, documents in their own
format and the others, review pages, every PO file clean for GNU gettext, nothing hostile in
any output."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

import polib
import pytest
from conftest import ADVERSARIAL_MODELS, invoke, make_project
from markup_helpers import (
    ARTICLES,
    HOSTILE,
    HTML_ARTICLES,
    MARKDOWN_ARTICLES,
    RENDERER,
    dangers_in_html,
    markdown_dom,
)
from po_helpers import assert_gettext_clean

from translate.formats.reader import read_article
from translate.formats.writers import assemble_html, assemble_markdown, assemble_text
from translate.po import catalog

ALL = [ARTICLES / "moscow-urges-calm.txt", ARTICLES / "signing-ceremony-crlf.txt",
       *MARKDOWN_ARTICLES, *HTML_ARTICLES]


@pytest.fixture
def mixed_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose seeds/ mixes .txt, .md and .html articles, the ``combined``
    adversarial packages installed (they transliterate, mangle markers, pick wrong names)."""
    root = make_project(tmp_path, monkeypatch)
    for path in ALL:
        shutil.copy(path, root / "seeds" / f"{path.parent.name}-{path.name}".replace(
            "articles-", ""))
    models = sorted(map(str, ADVERSARIAL_MODELS.glob("translate-en_*-combined.argosmodel")))
    invoke("models", "install", *models)
    return root


@pytest.mark.gettext
def test_run_on_a_mixed_folder(mixed_project: Path):
    result = invoke("run", "--threads", "1", "--lang", "he,ru", "--min-translated", "0",
                    "--include-drafts")
    assert f"{len(ALL) + 1} article(s)" in result.output
    for lang in ("he", "ru"):
        out = mixed_project / "build" / lang
        for source in (mixed_project / "seeds").iterdir():
            po = mixed_project / "locales" / lang / "LC_MESSAGES" / f"{source.stem}.po"
            assert_gettext_clean(po)
            for fmt in ("txt", "md", "html"):
                assert (out / f"{source.stem}.{fmt}").is_file()
            assert (mixed_project / "build/review" / lang / f"{source.stem}.html").is_file()
        page = (out / "html-moscow-urges-calm.html").read_text(encoding="utf-8")
        assert page.startswith('<article class="story" data-id="ap-2020-10-01-moscow" '
                               f'lang="{lang}"')  # a fragment stays a fragment
        entries = {e.msgid: e for e in polib.pofile(str(
            mixed_project / "locales" / lang / "LC_MESSAGES" / "md-moscow-urges-calm.po"))}
        linked = next(e for m, e in entries.items() if "stand aside][1]" in m)
        assert catalog.get_notes(linked, "link") == [
            "[1] https://www.mid.ru/en/foreign_policy/news/"]
        assert re.search(r"\[[^\]]+\]\[1\]", linked.msgstr)  # the link came through MT
        assert not [n for n in catalog.get_notes(linked, "QA") if n.startswith("inline")]
    assert_nothing_hostile(mixed_project)


def assert_nothing_hostile(root: Path) -> None:
    """No file the run wrote (PO, txt, md, html, review pages, zips) holds live hostile markup."""
    for path in [*(root / "build").rglob("*"), *(root / "locales").rglob("*.po")]:
        if path.is_dir():
            continue
        texts = [path.read_text(encoding="utf-8")] if path.suffix != ".zip" else [
            zipfile.ZipFile(path).read(name).decode("utf-8")
            for name in zipfile.ZipFile(path).namelist()]
        for text in texts:
            assert "onerror" not in text.lower(), path
            assert "javascript:void" not in text.lower() and "document.cookie" not in text, path
            assert "<script" not in text.lower() or path.suffix == ".po", path
            if path.suffix in (".html", ".zip"):
                assert dangers_in_html(text) == [], path
            if path.suffix == ".md":
                assert dangers_in_html(RENDERER.render(text)) == [], path


@pytest.mark.parametrize("path", [p for p in MARKDOWN_ARTICLES + HTML_ARTICLES],
                         ids=lambda p: p.name)
def test_other_formats_of_an_untranslated_article(path: Path):
    article = read_article(path)
    text = assemble_text(article, {})
    lines = text.splitlines()
    assert lines[0] == re.sub(r"\s+", " ", lines[0]).strip()
    assert len(lines) == len({u.paragraph for u in article.units})
    assert not re.search(r"\]\[\d+\]|href=\"\d+\"", text)  # no markup in plain text
    page = assemble_html(article, {}, "he")
    assert dangers_in_html(page) == []
    markdown = assemble_markdown(article, {})
    assert dangers_in_html(RENDERER.render(markdown)) == []
    if path.suffix == ".md":
        assert markdown_dom(markdown) == markdown_dom(path.read_text(encoding="utf-8"))


def test_a_standalone_page_of_a_markdown_article_keeps_its_links():
    article = read_article(ARTICLES / "md" / "moscow-urges-calm.md")
    page = assemble_html(article, {}, "ru")
    assert ('<a href="https://www.mid.ru/en/">Russian Foreign Ministry’s website</a>' in page)
    assert '<strong>MOSCOW (AP) —</strong>' in page
    html_article = read_article(ARTICLES / "html" / "moscow-urges-calm.html")
    markdown = assemble_markdown(html_article, {})
    assert "[Russian Foreign Ministry’s website](https://www.mid.ru/en/)" in markdown


def test_an_english_draft_of_a_markdown_article_in_hebrew_reads_left_to_right():
    """Issue 16: a unit still in English in a Hebrew page reads in its own order, not a
    ``<bdi>`` per comma-separated run: its block, all English, is laid out left to right."""
    article = read_article(ARTICLES / "md" / "moscow-urges-calm.md")
    unit = next(u for u in article.units if "," in u.text and "[" not in u.text)
    page = assemble_html(article, {unit.text: unit.text}, "he")
    escaped = html.escape(unit.text, quote=False)
    assert re.search(rf'<p dir="ltr">(?:(?!</p>).)*{re.escape(escaped)}', page)
    assert "<bdi>" not in page.split(escaped)[0].rsplit("<p", 1)[1]


def test_hostile_articles_are_marked_so():
    assert {p.name for p in MARKDOWN_ARTICLES + HTML_ARTICLES} >= HOSTILE
