"""Hostile markup in articles and translations, as an attacker writes it: through ``translate
run`` and ``translate assemble``, no output holds anything a browser would run, load or follow.

Every output is read the way it is used: HTML pages (build, review pages, bundles) parsed as a
browser parses them (html5lib), Markdown outputs rendered by a CommonMark renderer with raw
HTML on (markdown-it-py, with and without its own link check) and then parsed, plain text and
PO entries read as HTML too. tests/test_browser.py loads the same outputs in Chromium.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from conftest import invoke, make_project
from markdown_it import MarkdownIt
from markup_helpers import (
    HOSTILE,
    MARKDOWN_ARTICLES,
    RENDERER,
    dangers_in_html,
    split_front_matter,
)

from translate.formats.reader import parse_article
from translate.formats.sanitize import disarm_markdown
from translate.formats.writers import assemble_markdown

#: What every payload tries to run; tests/test_browser.py reads ``window.pwned`` back.
JS = "top.pwned=1"

#: Hostile raw HTML and Markdown, each as an attacker would put it in an article or a msgstr.
PAYLOADS = {
    "svg-onload": f'<svg onload="{JS}">',
    "svg-script": f"<svg><script>{JS}</script></svg>",
    "object-javascript": f'<object data="javascript:{JS}"></object>',
    "noscript-mxss": f'<noscript><p title="</noscript><img src=x onerror={JS}>"></noscript>',
    "math-mglyph-style": f'<math><mtext><table><mglyph><style><img src=x onerror="{JS}">',
    "svg-style": f'<svg><style><img src=x onerror="{JS}"></style></svg>',
    "tab-in-scheme": f'<a href="jav&#x09;ascript:{JS}">the route</a>',
    "iframe-srcdoc": f'<iframe srcdoc="<script>{JS}</script>"></iframe>',
    "iframe-javascript": f'<iframe src="javascript:{JS}"></iframe>',
    "embed-javascript": f'<embed src="javascript:{JS}">',
    "form-action": f'<form action="javascript:{JS}"><button>Send</button></form>',
    "button-formaction": f'<button formaction="javascript:{JS}">Send</button>',
    "base-href": '<base href="javascript:/">',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=javascript:{JS}">',
    "uppercase-handler": f'<IMG SRC=x ONERROR="{JS}">',
    "comment-then-script": f"<!-- --><script>{JS}</script>",
    "comment-inside-tag": f'<!--<img src=x-->--><img src=x onerror="{JS}">',
    "script-in-comment-close": f"<!-- --!><script>{JS}</script> -->",
    "data-url": f'<a href="data:text/html,<script>{JS}</script>">the data</a>',
    "data-image": '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
    "details-ontoggle": f'<details open ontoggle="{JS}"><summary>More</summary></details>',
    "video-source": f'<video><source onerror="{JS}"></video>',
    "style-import": "<style>@import 'http://tracker.example.net/x.css';</style>",
    "style-attribute": '<span style="background:url(javascript:x)">styled</span>',
    "template-script": f"<template><script>{JS}</script></template>",
    "markdown-link": f"[the results](javascript:{JS})",
    "markdown-entity-link": f"[the results](jav&#x61;script:{JS})",
    "markdown-image": f"![a map](javascript:{JS})",
    "autolink": f"<javascript:{JS}>",
    "reference-link": f"[the results][evil]\n\n[evil]: jav&#x61;script:{JS}",
}


def hostile_markdown(payload: str) -> str:
    """An article with ``payload`` in every place a Markdown article can hold it: a block of
    its own, inside a sentence, a list item, a block quote, a table cell, a front-matter key
    the tool copies as it is."""
    inline = payload.split("\n")[0]
    return (
        "---\n"
        "title: Talks resume\n"
        f"author: {json.dumps(inline)}\n"
        "---\n\n"
        "# Talks on the border resume\n\n"
        "The ministry said talks would resume next week.\n\n"
        f"{payload}\n\n"
        f"The minister spoke {inline} at noon in Baku.\n\n"
        f"- The envoy {inline} left early.\n"
        "- A second delegation stayed.\n\n"
        f"> The spokesman {inline} said so.\n\n"
        "| Party | Seats |\n"
        "|---|---|\n"
        f"| {inline} | 32 |\n"
        "| Likud | 30 |\n\n"
        f"{inline}\n\n"
        "The Associated Press contributed to this report.\n"
    )


PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
PERMISSIVE.validateLink = lambda url: True  # as renderers that check no address (cmark --unsafe)


def output_texts(root: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every file under build/, each member of each zip included."""
    for path in sorted((root / "build").rglob("*")):
        if path.is_dir():
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as bundle:
                for name in bundle.namelist():
                    yield f"{path}:{name}", bundle.read(name).decode("utf-8")
        else:
            yield str(path), path.read_text(encoding="utf-8")


def dangers_in_output(name: str, text: str) -> list[str]:
    """What a reader of the output ``name`` would run: HTML parsed, Markdown rendered then
    parsed (with and without the renderer's link check), anything else read as HTML."""
    if name.endswith(".md"):
        return dangers_in_html(RENDERER.render(text)) + dangers_in_html(PERMISSIVE.render(text))
    return dangers_in_html(text)


def assert_inert(root: Path, *, translator_text: bool = False) -> int:
    """No output under ``root/build`` and no PO entry under ``root/locales`` holds anything a
    browser would run; returns how many files were checked.

    With ``translator_text`` (a test wrote hostile msgstrs), the msgstrs themselves and the
    plain-text outputs are not read as HTML: a plain-text unit's translation is text, and a
    ``.txt`` output shows it as it is (the Markdown and HTML outputs escape it).
    """
    found = {}
    checked = 0
    for name, text in output_texts(root):
        if translator_text and name.endswith(".txt"):
            continue
        checked += 1
        if dangers := dangers_in_output(name, text):
            found[name] = dangers
    for path in sorted((root / "locales").rglob("*.po*")):
        checked += 1
        for entry in polib.pofile(str(path)):
            texts = [entry.msgid] if translator_text else [entry.msgid, entry.msgstr]
            for text in texts:
                if dangers := dangers_in_output(".md", text):
                    found[f"{path}:{entry.linenum}"] = dangers
    assert not found, "\n".join(f"{name}: {dangers}" for name, dangers in found.items())
    return checked


def run_and_assemble(root: Path) -> None:
    """``translate run`` into Hebrew (pseudo MT, drafts published), then ``translate
    assemble``."""
    options = ("--lang", "he", "--include-drafts", "--min-translated", "0")
    invoke("run", "--engine", "pseudo", "--quiet", *options)
    invoke("assemble", *options)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_hostile_markdown_article_reaches_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: str
) -> None:
    root = make_project(tmp_path / "project", monkeypatch)
    (root / "seeds" / "talks.md").write_text(hostile_markdown(payload), encoding="utf-8")
    run_and_assemble(root)
    assert (root / "build" / "he" / "talks.md").is_file()
    with zipfile.ZipFile(root / "build" / "he.zip") as bundle:
        assert {"talks.md", "talks.html", "talks.txt"} <= set(bundle.namelist())
    assert assert_inert(root) > 10


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_hostile_msgstr_reaches_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: str
) -> None:
    """A translator's (or a model's) msgstr holding the payload, in every entry of a Markdown,
    an HTML and a text article: ``translate assemble`` writes none of it live."""
    root = make_project(tmp_path / "project", monkeypatch)
    (root / "seeds" / "talks.md").write_text(hostile_markdown("*calm*"), encoding="utf-8")
    (root / "seeds" / "page.html").write_text(
        "<article><h1>Talks resume</h1><p>The minister <em>spoke</em> at noon.</p>"
        "<ul><li>The envoy left.</li></ul></article>\n", encoding="utf-8")
    run_and_assemble(root)
    for path in (root / "locales").rglob("*.po"):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = f"Перевод {payload} конец"
            entry.flags = []
        po.save()
    invoke("assemble", "--lang", "he", "--min-translated", "0")
    assert assert_inert(root, translator_text=True) > 10


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_front_matter_values_stay_text_and_render_inert(payload: str) -> None:
    """Front matter is YAML (a title is text, not HTML); a CommonMark renderer that knows no
    front matter reads it as Markdown: the values must keep their meaning for YAML and run
    nothing there."""
    inline = payload.split("\n")[0]
    source = (f"---\ntitle: {json.dumps('Talks ' + inline)}\n"
              f"description: {json.dumps(inline + ' in Baku')}\n"
              f"author: {json.dumps(inline)}\ntags: [{json.dumps(inline)}, calm]\n---\n\n"
              "The minister spoke at noon.\n")
    article = parse_article(source, "talks", Path("talks.md"), source_lang="en",
                            article_format="md")
    title = article.units[0]
    assert title.role == "headline"
    for translations in ({}, {title.text: f"Переговоры {inline}"}):
        written = assemble_markdown(article, translations)
        assert dangers_in_output("talks.md", written) == []
        front, _body = split_front_matter(written)
        assert front["title"] == translations.get(title.text, title.text)
        assert front["description"] == f"{inline} in Baku"
        assert front["author"] == inline and front["tags"] == [inline, "calm"]



@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_front_matter_that_is_not_yaml_renders_inert(payload: str) -> None:
    inline = payload.split("\n")[0]
    source = f"---\ntitle: [not closed\nauthor: {inline}\n---\n\nThe minister spoke at noon.\n"
    article = parse_article(source, "talks", Path("talks.md"), source_lang="en",
                            article_format="md")
    raw = article.document.render({}, None)
    assert dangers_in_output("talks.md", raw) == []  # inert before the last check
    assert raw.endswith("---\n\nThe minister spoke at noon.\n")


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_the_last_check_of_markdown_outputs_disarms_a_hostile_document(payload: str) -> None:
    """``disarm_markdown``, which every Markdown output goes through, on a document no writer
    of the tool made: whatever a writer might let through is inert after it."""
    document = hostile_markdown(payload)
    assert dangers_in_output("talks.md", document)  # the test can fail
    disarmed = disarm_markdown(document)
    assert dangers_in_output("talks.md", disarmed) == []
    assert "The minister spoke" in disarmed and "| Likud | 30 |" in disarmed


@pytest.mark.parametrize("path", [p for p in MARKDOWN_ARTICLES if p.name not in HOSTILE],
                         ids=lambda p: p.name)
def test_the_last_check_leaves_a_clean_markdown_document_as_it_is(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert disarm_markdown(text) == text
