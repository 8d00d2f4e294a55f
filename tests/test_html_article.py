"""HTML articles: units and roles, the page written back (same DOM), hostile markup removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markup_helpers import HTML_ARTICLES, dangers_in_html, dom

from translate.formats.html import is_page
from translate.formats.reader import parse_article, read_article


def identity(article):
    """Every unit "translated" into its own msgid: each block is written anew from it."""
    return {unit.text: unit.text for unit in article.units}


@pytest.mark.parametrize("path", HTML_ARTICLES, ids=lambda p: p.name)
def test_untranslated_article_is_the_source_dom(path: Path):
    source = path.read_text(encoding="utf-8")
    article = read_article(path)
    fragment = not is_page(source)
    assert dom(article.document.render({}, None), fragment=fragment) == dom(
        source, fragment=fragment)


@pytest.mark.parametrize("path", HTML_ARTICLES, ids=lambda p: p.name)
def test_blocks_written_anew_from_their_msgids_are_the_source_dom(path: Path):
    source = path.read_text(encoding="utf-8")
    article = read_article(path)
    fragment = not is_page(source)
    written = article.document.render(identity(article), None)
    assert dom(written, fragment=fragment) == dom(source, fragment=fragment)


def without_lang(tree: tuple) -> tuple:
    """A DOM without what a target page adds: ``lang`` and ``dir``, the ``<bdi>`` around a
    Latin run in right-to-left text and a ``<span>`` that only isolates (its content kept)."""
    tag, attrs, children = tree
    attrs = tuple((k, v) for k, v in attrs if k not in ("lang", "dir"))
    flat: list = []
    for child in children:
        child = child if isinstance(child, str) else without_lang(child)
        inner = ([child] if isinstance(child, str) or child[0] not in ("bdi", "span")
                 or child[1] else list(child[2]))
        for item in inner:
            if isinstance(item, str) and flat and isinstance(flat[-1], str):
                flat[-1] += item
            else:
                flat.append(item)
    return tag, attrs, tuple(flat)


@pytest.mark.parametrize("path", HTML_ARTICLES, ids=lambda p: p.name)
def test_target_language_on_the_root_and_source_language_around(path: Path):
    source = path.read_text(encoding="utf-8")
    article = read_article(path)
    written = article.document.render(identity(article), "he")
    fragment = not is_page(source)
    assert without_lang(dom(written, fragment=fragment)) == without_lang(
        dom(source, fragment=fragment))
    tree = dom(written, fragment=fragment)
    if not fragment:
        assert ("dir", "rtl") in tree[1] and ("lang", "he") in tree[1]
    else:
        assert all(("lang", "he") in child[1] for child in tree[2] if isinstance(child, tuple))


def test_units_and_roles_of_a_fragment():
    article = read_article(Path("tests/data/articles/html/moscow-urges-calm.html"))
    roles = [(u.role, u.text) for u in article.units]
    assert roles[0] == ("headline", "Moscow urges calm as fighting rages in Nagorno-Karabakh")
    assert roles[1] == ("standfirst",
                        "The Kremlin offers to host talks between Armenia and Azerbaijan")
    assert ("quote", "Мы призываем стороны к немедленному прекращению огня.") in roles
    assert ("attribution", '— Maria Zakharova (@MID_RF) <a href="1">October 1, 2020</a>') in roles
    assert ("sentence", "A statement on the <a href=\"1\">Russian Foreign Ministry’s website</a> "
            "said Moscow was in constant contact with Baku and Yerevan and urged both sides to "
            "return to the negotiating table.") in roles
    assert ("image", "A woman walks past a building damaged by shelling") in roles
    assert ("subheading", "Talks offered in Moscow") in roles
    assert next(t for r, t in roles if r == "list-item").startswith("The fighting began")
    assert roles[-1] == ("credit", "The Associated Press contributed to this report.")
    link = next(u for u in article.units if u.text.startswith("A statement"))
    assert link.refs == (("https://www.mid.ru/en/", ""),) and link.markup == "html"
    assert next(u for u in article.units if u.role == "quote").lang == "ru"


def test_only_the_main_element_of_a_page_is_translated():
    article = read_article(Path("tests/data/articles/html/hostile-page.html"))
    texts = " ".join(u.text for u in article.units)
    assert "Home" not in texts and "2024 Example Media" not in texts
    assert "Sign up" not in texts  # a form: never a unit
    written = article.document.render({u.text: "ТЕКСТ" for u in article.units}, "ru")
    assert '<nav lang="en" dir="ltr">' in written and '<footer lang="en" dir="ltr">' in written


@pytest.mark.parametrize("lang", ["ru", "he"])
def test_hostile_page_never_reaches_the_output(lang):
    path = Path("tests/data/articles/html/hostile-page.html")
    article = read_article(path)
    assert dangers_in_html(path.read_text(encoding="utf-8"))  # the test can fail
    for translations in ({}, identity(article)):
        written = article.document.render(translations, lang)
        assert dangers_in_html(written) == []
        assert "javascript" not in written.lower() and "onerror" not in written.lower()
        assert "phish.example.net" not in written


def test_a_hostile_msgstr_is_sanitised_too():
    article = parse_article("<p>The <a href='https://example.com/'>ministry</a> said no.</p>",
                            "a", Path("a.html"), source_lang="en", article_format="html")
    unit = article.units[0]
    hostile = ('<a href="javascript:alert(1)" onclick="x()">Министерство</a> сказало '
               '<img src=x onerror=alert(1)><script>alert(2)</script> <a href="1">нет</a>.')
    written = article.document.render({unit.text: hostile}, "ru")
    assert dangers_in_html(written) == []
    assert "alert" not in written
    assert '<a href="https://example.com/">нет</a>' in written


def test_whole_page_title_follows_the_headline():
    text = ("<!DOCTYPE html><html><head><title>Quake hits the coast</title></head><body>"
            "<main><h1>Quake hits the coast</h1><p>Buildings fell in the port city.</p></main>"
            "</body></html>")
    article = parse_article(text, "q", Path("q.html"), source_lang="en", article_format="html")
    written = article.document.render({"Quake hits the coast": "Землетрясение на побережье"},
                                      "ru")
    assert "<title>Землетрясение на побережье</title>" in written
    assert '<html lang="ru" dir="ltr">' in written


WORDS = st.sampled_from(["The", "minister", "said", "Baku", "talks", "on", "Monday", "«no»",
                         "5", "&", "<", "a.m.", "U.S."])
INLINE = st.sampled_from(["em", "strong", "code", "sup", "span"])


@st.composite
def paragraphs(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=6))).replace(
            "&", "&amp;").replace("<", "&lt;")
        kind = draw(st.sampled_from(["text", "inline", "link", "br"]))
        end = draw(st.sampled_from([". ", " ", "? ", ", "]))
        if kind == "inline":
            tag = draw(INLINE)
            parts.append(f"<{tag}>{words}</{tag}>{end}")
        elif kind == "link":
            parts.append(f'<a href="https://example.com/{len(parts)}">{words}</a>{end}')
        elif kind == "br":
            parts.append(f"{words}<br>{end}")
        else:
            parts.append(words + end)
    tag = draw(st.sampled_from(["p", "h2", "li", "blockquote", "figcaption", "td"]))
    body = "".join(parts)
    if tag == "li":
        return f"<ul><li>{body}</li></ul>"
    if tag == "td":
        return f"<table><tr><td>{body}</td></tr></table>"
    return f"<{tag}>{body}</{tag}>"


@given(st.lists(paragraphs(), min_size=1, max_size=4))
def test_any_fragment_round_trips(blocks):
    text = "<article><h1>Quake hits the coast</h1>\n" + "\n".join(blocks) + "</article>"
    article = parse_article(text, "a", Path("a.html"), source_lang="en", article_format="html")
    assert dom(article.document.render({}, None), fragment=True) == dom(text, fragment=True)
    written = article.document.render(identity(article), None)
    assert dom(written, fragment=True) == dom(text, fragment=True)
