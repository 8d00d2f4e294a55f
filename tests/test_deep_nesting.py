"""Input nested deeper than Python's recursion limit (1,000 frames): never a traceback.

Where the walk is the tool's own (HTML trees, inline markup, Markdown tokens), deep but legal
input is translated like any other: the tree walks are iterative, and inline markup nested
more than ``inline.MAX_INLINE_DEPTH`` elements deep is unwrapped there, its text kept. Where a
library would recurse (PyYAML's composer: the depth is counted on its events) or stops reading
(markdown-it, 20 blocks deep, dropping the rest), the file is refused with one ``file:line:
what is wrong`` line; a batch goes on past the article.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from conftest import invoke, make_project

from translate.formats.inline import MAX_INLINE_DEPTH

N = 2000
#: Articles nested far deeper than the recursion limit, each with the words that must be
#: translated: (file name, text, one of its sentences).
HANDLED = {
    "html-nested-divs": ("deep.html", "<article><h1>Talks resume</h1>" + "<div>" * 1000
                         + "<p>The minister spoke at noon.</p>" + "</div>" * 1000
                         + "</article>\n", "The minister spoke at noon."),
    "html-nested-sections-and-lists": (
        "deep.html", "<main><h1>Talks resume</h1>" + "<section><ul><li>" * 400
        + "The envoy left early." + "</li></ul></section>" * 400 + "</main>\n",
        "The envoy left early."),
    "html-nested-inline-spans": (
        "deep.html", "<article><h1>Talks resume</h1><p>The minister " + "<span>" * N
        + "spoke" + "</span>" * N + " at noon.</p></article>\n", "at noon."),
    "html-nested-articles": ("deep.html", "<body>" + "<article>" * 1000
                             + "<p>The minister spoke at noon.</p>" + "</article>" * 1000
                             + "</body>\n", "The minister spoke at noon."),
    "markdown-nested-emphasis": ("deep.md", "# Talks resume\n\nThe minister " + "*" * N
                                 + "spoke" + "*" * N + " at noon.\n", "at noon."),
    "markdown-nested-underscores-in-a-list": (
        "deep.md", "# Talks resume\n\n- The minister " + "_" * N + "spoke" + "_" * N
        + " at noon.\n- The envoy left.\n", "at noon."),
    "markdown-nested-inline-html": ("deep.md", "# Talks resume\n\nThe minister " + "<b>" * N
                                    + "spoke" + "</b>" * N + " at noon.\n", "at noon."),
    "markdown-nested-html-block": ("deep.md", "# Talks resume\n\n" + "<div>" * 1000
                                   + "\nThe minister spoke at noon.\n" + "</div>" * 1000
                                   + "\n", "The minister spoke at noon."),
    "markdown-quotes-and-lists-as-deep-as-markdown-it-reads": (
        "deep.md", "# Talks resume\n\n" + "> - " * 6 + "The minister spoke at noon.\n",
        "The minister spoke at noon."),
}
#: Articles refused with one line (a library would recurse): (file name, text, the line).
REFUSED = {
    "markdown-front-matter": (
        "deep.md", "---\ntitle: Talks resume\ntags: " + "[" * 600 + "]" * 600
        + "\n---\n\nThe minister spoke at noon.\n",
        "error: seeds/deep.md:3: front matter: YAML nested more than 100 levels deep"),
    "markdown-front-matter-mappings": (
        "deep.md", "---\ntitle: Talks resume\n"
        + "".join(" " * i + f"k{i}:\n" for i in range(600)) + "---\n\nThe minister spoke.\n",
        "error: seeds/deep.md:103: front matter: YAML nested more than 100 levels deep"),
    # markdown-it stops reading (and drops the rest) 20 blocks deep: refused, not lost.
    "markdown-nested-quotes-and-lists": (
        "deep.md", "# Talks resume\n\nThe envoy left.\n\n" + "> - " * 1000
        + "The minister spoke at noon.\n",
        "error: seeds/deep.md:5: Markdown nested more than 20 blocks deep (block quotes, lists "
        "and list items: markdown-it reads no deeper)"),
}
NORMAL = "Talks resume in Baku\nThe envoy arrived on Monday.\n"


def deep_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> Path:
    """A project holding the article ``name`` with ``text`` and a normal text article."""
    root = make_project(tmp_path / "project", monkeypatch, seed=False)
    (root / "seeds").mkdir()
    (root / "seeds" / name).write_text(text, encoding="utf-8")
    (root / "seeds" / "normal.txt").write_text(NORMAL, encoding="utf-8")
    return root


RUN = ("run", "--engine", "pseudo", "--lang", "ru", "--quiet", "--min-translated", "0")


def translated(root: Path, stem: str, sentence: str) -> bool:
    """Whether the ru catalog of ``stem`` has a machine draft of a msgid ending in
    ``sentence``, and the article's outputs were written."""
    po = polib.pofile(str(root / "locales/ru/LC_MESSAGES" / f"{stem}.po"))
    drafts = [e for e in po if e.msgid.endswith(sentence) and e.msgstr.startswith("⟦ru⟧")]
    outputs = [root / "build/ru" / f"{stem}.{fmt}" for fmt in ("txt", "md", "html")]
    return bool(drafts) and all(path.is_file() for path in outputs)


@pytest.mark.parametrize("case", list(HANDLED), ids=list(HANDLED))
def test_deep_article_is_translated_with_the_rest_of_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, text, sentence = HANDLED[case]
    root = deep_project(tmp_path, monkeypatch, name, text)
    segmented = invoke("segment", f"seeds/{name}")
    assert sentence in segmented.output
    invoke(*RUN)
    assert translated(root, "deep", sentence)
    assert translated(root, "normal", "The envoy arrived on Monday.")
    invoke("assemble", "--lang", "ru", "--min-translated", "0")
    written = (root / "build/ru" / name).read_text(encoding="utf-8")
    assert "⟦ru⟧" in written


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_deep_article_a_library_would_recurse_into_is_one_line_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, text, line = REFUSED[case]
    root = deep_project(tmp_path, monkeypatch, name, text)
    result = invoke(*RUN, code=1)
    assert [row for row in result.output.splitlines() if row.startswith("error")] == [line]
    assert "Traceback" not in result.output
    assert translated(root, "normal", "The envoy arrived on Monday.")
    assert not (root / "locales/ru/LC_MESSAGES/deep.po").exists()
    segmented = invoke("segment", f"seeds/{name}", code=1)
    assert segmented.output == f"Error: {line.removeprefix('error: ')}\n"
    assembled = invoke("assemble", "--lang", "ru", "--min-translated", "0", code=1)
    assert [row for row in assembled.output.splitlines() if row.startswith("error")] == [line]
    assert (root / "build/ru/normal.html").is_file()


def test_deep_run_state_file_is_one_line_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run state is JSON the tool wrote, but a file on disk all the same: nested deeper
    than ``json.loads`` recurses, it is set aside with one line (the state is a cache)."""
    root = deep_project(tmp_path, monkeypatch, "talks.txt", NORMAL)
    invoke(*RUN)
    state = next((root / "locales/.translate-state").glob("*.json"))
    state.write_text('{"format": 1, "articles": ' + "[" * 100_000 + "]" * 100_000 + "}",
                     encoding="utf-8")
    result = invoke(*RUN[:-3], "--min-translated", "0")
    assert f"skipped locales/.translate-state/{state.name}: JSON nested too deeply" in (
        result.output)
    assert translated(root, "talks", "The envoy arrived on Monday.")


DEEP_GLOSSARIES = {
    "sequence": ("terms:\n  - en: Baku\n    note: " + "[" * 600 + "]" * 600 + "\n", 3),
    "mapping": ("terms:\n  - en: Baku\n    aliases:\n"
                + "".join(" " * (6 + i) + f"k{i}:\n" for i in range(600)), 101),
}


@pytest.mark.parametrize("case", list(DEEP_GLOSSARIES), ids=list(DEEP_GLOSSARIES))
def test_deep_glossary_is_one_line_for_every_command_that_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    text, line = DEEP_GLOSSARIES[case]
    root = deep_project(tmp_path, monkeypatch, "talks.txt", NORMAL)
    (root / "glossary.yaml").write_text(text, encoding="utf-8")
    message = f"glossary.yaml:{line}: YAML nested more than 100 levels deep"
    for command in (RUN, ("glossary", "check"), ("glossary", "suggest"), ("check",)):
        result = invoke(*command, code=1)
        assert result.output == f"Error: {message}\n", command


DEEP_MSGSTRS = {
    "markdown-emphasis": ("talks.md", "# Talks resume\n\nThe minister spoke *at noon*.\n",
                          "Министр " + "*" * N + "выступил" + "*" * N + " *в полдень*."),
    "markdown-inline-html": ("talks.md", "# Talks resume\n\nThe minister spoke *at noon*.\n",
                             "Министр " + "<b>" * N + "выступил" + "</b>" * N
                             + " *в полдень*."),
    "html-spans": ("talks.html", "<article><h1>Talks resume</h1><p>The minister spoke "
                   "<em>at noon</em>.</p></article>\n",
                   "Министр " + "<span>" * N + "выступил" + "</span>" * N
                   + " <em>в полдень</em>."),
}


@pytest.mark.parametrize("case", list(DEEP_MSGSTRS), ids=list(DEEP_MSGSTRS))
def test_deep_msgstr_is_checked_and_assembled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """A msgstr nested thousands of elements deep (a translator's, a model's, an attacker's):
    ``check`` reports on it and ``assemble`` writes it, the text kept, the markup no deeper
    than MAX_INLINE_DEPTH."""
    name, source, msgstr = DEEP_MSGSTRS[case]
    root = deep_project(tmp_path, monkeypatch, name, source)
    invoke(*RUN)
    path = root / "locales/ru/LC_MESSAGES/talks.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if "minister" in e.msgid)
    entry.msgstr, entry.flags = msgstr, []
    po.save()
    checked = invoke("check", str(path), code=None)
    assert checked.exit_code in (0, 3) and "Traceback" not in checked.output
    invoke("assemble", "--lang", "ru", "--min-translated", "0")
    for fmt in ("txt", "md", "html"):
        written = (root / "build/ru" / f"talks.{fmt}").read_text(encoding="utf-8")
        assert "выступил" in written and "полдень" in written
    page = (root / "build/ru/talks.html").read_text(encoding="utf-8")
    assert page.count("<b>") + page.count("<span>") <= MAX_INLINE_DEPTH + 2
