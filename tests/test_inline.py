"""Inline markup as nodes and as PO text: written and read back exactly, sanitised, numbered."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.formats.inline import Node, plain_text, read_markup, same_nodes
from translate.formats.msgid_markup import detect_markup, link_notes, write_markup
from translate.formats.sanitize import safe_url

TEXT = st.text(alphabet=st.sampled_from(list("ab Ж.,!?*_`[]<>&#|~\\-:;\"'1")), min_size=1,
               max_size=8)


def elements(depth: int, links: bool = True):
    """Inline nodes as a parsed source can hold them (no link inside a link)."""
    leaf = TEXT
    if depth == 0:
        return leaf
    inner = st.lists(elements(depth - 1, links), min_size=1, max_size=3).map(tuple)
    plain = st.lists(elements(depth - 1, False), min_size=1, max_size=3).map(tuple)
    return st.one_of(
        leaf,
        inner.map(lambda c: Node("em", (), c)),
        inner.map(lambda c: Node("strong", (), c)),
        inner.map(lambda c: Node("sup", (), c)),
        *([plain.map(lambda c: Node("a", (("href", "https://example.com/a?b=1&c=2"),), c))]
          if links else []),
        TEXT.filter(lambda t: t.strip() == t and "`" not in t).map(
            lambda t: Node("code", (), (t,))),
        st.just(Node("br")),
    )


@given(st.lists(elements(2), min_size=1, max_size=4), st.sampled_from(["md", "html"]))
def test_written_markup_reads_back_as_the_same_nodes(nodes, syntax):
    written = write_markup(nodes, syntax)
    assert same_nodes(read_markup(written.text, syntax, written.refs), nodes)


@pytest.mark.parametrize(("syntax", "text", "plain"), [
    ("md", "The [ministry][1] said **no** at `10:00`.", "The ministry said no at 10:00."),
    ("html", 'The <a href="1">ministry</a> said <em>no</em><br>at 10.',
     "The ministry said no\nat 10."),
])
def test_read_resolves_link_numbers(syntax, text, plain):
    nodes = read_markup(text, syntax, [("https://mid.ru/", "")])
    assert plain_text(nodes) == plain
    link = next(n for n in nodes if isinstance(n, Node) and n.tag == "a")
    assert link.get("href") == "https://mid.ru/"
    assert detect_markup(text) == (syntax, read_markup(text, syntax, None))


@pytest.mark.parametrize(("syntax", "text"), [
    ("md", "[x](javascript:alert(1)) and <a href=' JaVaScRiPt:alert(1)' onclick='y()'>t</a>"),
    ("md", "<script>alert(1)</script><img src=x onerror=alert(1)>"),
    ("html", '<a href="javascript:alert(1)">t</a><script>alert(1)</script><b onclick="x">b</b>'),
    ("html", '<svg onload="alert(1)"><a href="javascript:x">s</a></svg><iframe src="x"></iframe>'),
])
def test_read_never_keeps_anything_that_runs(syntax, text):
    nodes = read_markup(text, syntax, [])
    written = write_markup(nodes, "html").text
    assert "javascript" not in written.lower().replace("(javascript:alert(1))", "")
    assert "onclick" not in written and "onerror" not in written and "onload" not in written
    assert "<script" not in written and "<iframe" not in written and "alert(1)</" not in written


def test_an_unknown_link_number_leaves_its_text():
    assert read_markup("See [the list][7].", "md", [("https://a.test/", "")]) == ["See the list."]


def test_link_notes_list_each_address_once():
    class Unit:
        def __init__(self, refs):
            self.refs = refs

    assert link_notes([Unit((("https://a.test/", "A title"), ("https://b.test/", ""))),
                       Unit((("https://a.test/", "A title"),))]) == [
        '[1] https://a.test/ "A title"', "[2] https://b.test/"]


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.com/", True), ("/relative", True), ("#top", True),
    ("mailto:desk@example.com", True), ("//cdn.example.com/x.js", True),
    ("javascript:alert(1)", False), (" JAVASCRIPT:alert(1)", False),
    ("java\tscript:alert(1)", False), ("vbscript:x", False), ("data:text/html,x", False),
])
def test_safe_url(url, safe):
    assert safe_url(url) is safe
