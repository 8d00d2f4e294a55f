"""Rendered-page tests: Debian's headless Chromium, driven over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe`` (commands on fd 3, replies on fd 4,
NUL-separated JSON), so the test needs no Python package beyond the standard library and
opens no port. Every request the pages make is recorded; only file: and data: are allowed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, invoke, make_project
from markup_helpers import RENDERER
from test_assemble import hostile_article, pseudo_translations, seed_article
from test_bundle import seed_reviews
from test_hostile_markup import PAYLOADS, PERMISSIVE, hostile_markdown, run_and_assemble
from test_review import approve_with_msgattrib

from translate.formats.reader import read_article
from translate.formats.unitview import STATE_LABELS
from translate.publish.bundle import write_article_outputs
from translate.publish.review import UnitReview, write_review

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT_S = 60

pytestmark = pytest.mark.browser  # conftest: skipped when chromium is missing, fails in CI


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, commands: int, replies: int) -> None:
        self._out = commands
        self._in = replies
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise ConnectionError("chromium closed the debugging pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events seen meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """Wait for (and consume) the next event ``method`` of ``session``."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self._read_message(deadline))


def _high_fd(fd: int) -> int:
    """A copy of ``fd`` numbered 10 or more, so mapping it to fd 3 or 4 can't clobber another."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    """A fresh headless Chromium with its own profile, closed after the test."""
    command_read, command_write = map(_high_fd, os.pipe())
    reply_read, reply_write = map(_high_fd, os.pipe())
    profile = tmp_path / "profile"
    # bash maps our pipe ends to the fds 3 and 4 that --remote-debugging-pipe uses
    process = subprocess.Popen(
        [
            "/bin/bash",
            "-c",
            f'exec "$0" "$@" 3<&{command_read} 4>&{reply_write}',
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ],
        pass_fds=(command_read, reply_write),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(command_read)
    os.close(reply_write)
    tools = DevTools(command_write, reply_read)
    try:
        yield tools
    finally:
        with contextlib.suppress(Exception):
            tools.call("Browser.close")
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        os.close(command_write)
        os.close(reply_read)
        shutil.rmtree(profile, ignore_errors=True)


def open_page(tools: DevTools, path: Path) -> tuple[str, list[str]]:
    """Open ``path`` in a new tab; return the tab's session and the list of URLs it requested."""
    target = tools.call("Target.createTarget", url="about:blank")["targetId"]
    session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    tools.call("Network.enable", session)
    tools.call("Page.enable", session)
    tools.call("Page.navigate", session, url=path.as_uri())
    tools.wait_for("Page.loadEventFired", session)
    tools.call("Runtime.evaluate", session, expression="1", awaitPromise=True)
    requests = [
        event["params"]["request"]["url"]
        for event in tools.events
        if event.get("sessionId") == session and event.get("method") == "Network.requestWillBeSent"
    ]
    return session, requests


def evaluate(tools: DevTools, session: str, expression: str) -> Any:
    """The JSON value of a JavaScript expression evaluated in the page."""
    result = tools.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
    if "exceptionDetails" in result:
        raise AssertionError(result["exceptionDetails"])
    return result["result"].get("value")


def assert_offline(page: Path, requests: list[str]) -> None:
    """The page was requested and nothing but file: and data: URLs were."""
    assert page.as_uri() in requests
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []


DIRECTIONS = """
(selector) => Array.from(document.querySelectorAll(selector),
                         el => getComputedStyle(el).direction)
"""

#: Letters of each right-to-left language, as a JavaScript regex class.
RTL_LETTERS = {"he": "[\\u05d0-\\u05ea]", "fa": "[\\u0621-\\u064a\\u067e-\\u06cc]"}
#: x of the first and of the last letter of the first run of ``letters`` in ``element``.
RTL_ORDER = """
(element, letters) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = new RegExp(letters + '{3,}').exec(node.data);
    if (!match) continue;
    const x = (i) => { const r = document.createRange(); r.setStart(node, i);
                       r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
    return [x(match.index), x(match.index + match[0].length - 1)];
  }
  return null;
}
"""

#: x of the first and last letter of the first <bdi> holding Latin text inside ``element``.
LATIN_ORDER = """
(element) => {
  const bdi = Array.from(element.querySelectorAll('bdi')).find(b => b.textContent.length > 5);
  const node = bdi.firstChild;
  const x = (i) => { const r = document.createRange(); r.setStart(node, i);
                     r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
  return [x(0), x(node.data.length - 1)];
}
"""


def rtl_order(browser: DevTools, session: str, selector: str, lang: str) -> list[float]:
    """x of the first and last letter of the first run of ``lang``'s letters in ``selector``."""
    return evaluate(browser, session, f"({RTL_ORDER})(document.querySelector('{selector}'), "
                                      f"'{RTL_LETTERS[lang]}')")


@pytest.mark.parametrize("lang", ["he", "fa"])
def test_right_to_left_article_page_renders_right_to_left(
    browser: DevTools, tmp_path: Path, lang: str
) -> None:
    article = seed_article()
    paths = write_article_outputs(
        tmp_path / "build", article, lang, pseudo_translations(article, lang), formats=("html",)
    )
    session, requests = open_page(browser, paths[0])
    assert_offline(paths[0], requests)
    assert evaluate(browser, session, "document.documentElement.dir") == "rtl"
    assert set(evaluate(browser, session, f"({DIRECTIONS})('h1, p:not([lang=en]), blockquote')")
               ) == {"rtl"}
    # the two units left in English: paragraphs of their own, laid out left to right
    assert evaluate(browser, session, f"({DIRECTIONS})('[lang=en]')") == ["ltr", "ltr"]
    first, last = rtl_order(browser, session, "h1", lang)
    assert first > last, "the first letter of a right-to-left word should be right of the last"
    first, last = evaluate(browser, session, f"({LATIN_ORDER})(document.querySelector('article'))")
    assert first < last, "a Latin run inside right-to-left text should still read left to right"
    # the attribution, all in Latin letters, is one left-to-right run of its own
    xs = word_positions(browser, session, "footer", ["Barak", "Ravid", "October", "2020"])
    assert xs == sorted(xs)
    assert evaluate(browser, session, "document.querySelectorAll('bdi').length") > 10


@pytest.mark.parametrize(("lang", "direction"), [("he", "rtl"), ("ru", "ltr"), ("fa", "rtl"),
                                                ("tr", "ltr")])
def test_review_page_renders_states_findings_and_directions(
    browser: DevTools, tmp_path: Path, lang: str, direction: str
) -> None:
    article = seed_article()
    page = write_review(tmp_path / "build", article, lang, seed_reviews(article, lang))
    session, requests = open_page(browser, page)
    assert_offline(page, requests)
    targets = evaluate(browser, session, f"({DIRECTIONS})('.tgt')")
    sources = evaluate(browser, session, f"({DIRECTIONS})('.src')")
    assert targets == [direction] * len(article.units)
    assert sources == ["ltr"] * len(article.units)
    labels = evaluate(
        browser, session, "Array.from(document.querySelectorAll('.unit .state'), e => e.innerText)"
    )
    assert set(labels) == {"approved", "machine draft", "needs review", "untranslated"}
    colours = evaluate(
        browser,
        session,
        "Array.from(new Set(Array.from(document.querySelectorAll('.unit .state'),"
        " e => getComputedStyle(e).backgroundColor)))",
    )
    assert len(colours) == 4, "each state has its own colour"
    findings = evaluate(
        browser, session, "Array.from(document.querySelectorAll('.findings li'), e => e.innerText)"
    )
    assert findings == ["numbers 1994 is missing from the translation"]
    columns = evaluate(
        browser,
        session,
        "[document.querySelector('.src').getBoundingClientRect().left,"
        " document.querySelector('.tgt').getBoundingClientRect().left]",
    )
    assert columns[0] < columns[1], "source on the left, translation on the right"
    if direction == "rtl":
        first, last = rtl_order(browser, session, ".tgt", lang)
        assert first > last


def test_hostile_article_renders_inert(browser: DevTools, tmp_path: Path) -> None:
    paths = write_article_outputs(
        tmp_path / "build", hostile_article(), "he", {}, formats=("html",)
    )
    session, requests = open_page(browser, paths[0])
    assert_offline(paths[0], requests)
    assert (
        evaluate(browser, session, "document.querySelectorAll('script, img, iframe, a').length")
        == 0
    )
    assert evaluate(browser, session, "document.querySelector('h1').textContent").startswith(
        "<script>alert('headline')</script>"
    )
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]


def test_request_recorder_sees_network_attempts(browser: DevTools, tmp_path: Path) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/pixel.png">', encoding="utf-8")
    _session, requests = open_page(browser, page)
    with pytest.raises(AssertionError):
        assert_offline(page, requests)
    assert "http://127.0.0.1:9/pixel.png" in requests


#: The left x of the first occurrence of each of ``words`` in ``element``'s text, wherever
#: the text nodes are (inside <bdi>, <span>...): the order in which they are on screen.
WORD_X = """
(element, words) => words.map(word => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at < 0) continue;
    const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
    return r.getBoundingClientRect().left;
  }
  return null;
})
"""

#: An English text in a Hebrew page (a machine draft of a copying model, a fallback): three
#: clauses separated by commas, which must read left to right, in their own order.
ENGLISH_DRAFT = "Zvartnots, the spokeswoman said, quietly recalled its envoy."
CLAUSES = ["Zvartnots", "spokeswoman", "quietly", "envoy"]


def word_positions(tools: DevTools, session: str, selector: str, words: list[str]) -> list:
    return evaluate(
        tools, session, f"({WORD_X})(document.querySelector({json.dumps(selector)}), "
        f"{json.dumps(words)})")


def test_english_draft_in_a_hebrew_page_reads_in_its_own_order(
    browser: DevTools, tmp_path: Path
) -> None:
    """Issue 16: an English unit (a draft of a model that copies, or the source as fallback)
    in a Hebrew page is one left-to-right run: its clauses appear left to right, in order,
    not each comma-separated run isolated and the runs laid out right to left."""
    article = seed_article()
    translations = pseudo_translations(article, "he", skip=0)
    third = article.units[3]  # a sentence of the body, in a paragraph of its own
    translations[third.text] = ENGLISH_DRAFT
    paths = write_article_outputs(tmp_path / "build", article, "he", translations,
                                  formats=("html",))
    session, _requests = open_page(browser, paths[0])
    xs = word_positions(browser, session, "article", CLAUSES)
    assert None not in xs
    assert xs == sorted(xs), f"clauses on screen in the order {xs}"
    # the Hebrew around it still reads right to left
    first, last = rtl_order(browser, session, "h1", "he")
    assert first > last


def test_english_draft_on_a_hebrew_review_page_reads_in_its_own_order(
    browser: DevTools, tmp_path: Path
) -> None:
    article = seed_article()
    reviews = list(seed_reviews(article, "he", ["machine"]))
    reviews[3] = UnitReview(reviews[3].unit, ENGLISH_DRAFT, "machine")
    page = write_review(tmp_path / "build", article, "he", reviews)
    session, _requests = open_page(browser, page)
    selector = f"#u-{reviews[3].unit.id} .tgt"
    xs = word_positions(browser, session, selector, CLAUSES)
    assert None not in xs
    assert xs == sorted(xs), f"clauses on screen in the order {xs}"


# --- review pages of a project: what changed, where to fix it, the index ---------------------

CHANGE = ("a fifth straight day on Thursday", "a sixth straight day on Friday")


@pytest.fixture
def reviewed_project(ready_project: Path) -> Path:
    """A project translated into ru and he, every Russian entry approved, then one sentence
    of the article changed (a review entry with ``#| msgid``) and an article added."""
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru,he")
    approve_with_msgattrib(ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po")
    seed = ready_project / "seeds" / SEED.name
    text = seed.read_text(encoding="utf-8")
    assert CHANGE[0] in text
    seed.write_text(text.replace(*CHANGE), encoding="utf-8")
    (ready_project / "seeds" / "short.txt").write_text(
        "Talks to resume next week\nNo date was given.\n", encoding="utf-8")
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru,he")
    return ready_project


#: The texts of the elements ``selector`` finds in ``root``, and whether each is visible.
TEXTS = """
(root, selector) => Array.from(document.querySelector(root).querySelectorAll(selector),
  e => [e.textContent, e.getBoundingClientRect().height > 0])
"""


def test_review_entry_shows_its_previous_source_as_a_word_diff(
    browser: DevTools, reviewed_project: Path
) -> None:
    """Issue 16: a "needs review" entry shows the old ``#| msgid`` beside the new source,
    the words that changed marked on both (as Weblate and Poedit show them)."""
    page = reviewed_project / "build" / "review" / "ru" / f"{SEED.stem}.html"
    session, requests = open_page(browser, page)
    assert_offline(page, requests)
    states = evaluate(browser, session, "Array.from(document.querySelectorAll('.unit'),"
                      " e => e.className)")
    assert sum("state-review" in s for s in states) == 1
    unit = ".unit.state-review .src"
    removed = evaluate(browser, session, f"({TEXTS})({json.dumps(unit)}, '.previous del')")
    added = evaluate(browser, session, f"({TEXTS})({json.dumps(unit)}, '.now ins')")
    assert removed == [["fifth", True], ["Thursday", True]]
    assert added == [["sixth", True], ["Friday", True]]
    whole = evaluate(browser, session,
                     f"document.querySelector({json.dumps(unit + ' .previous')}).textContent")
    assert CHANGE[0] in whole and whole.startswith("previous source: ")
    styles = evaluate(browser, session, f"""[
      getComputedStyle(document.querySelector({json.dumps(unit + ' del')})).textDecorationLine,
      getComputedStyle(document.querySelector({json.dumps(unit + ' ins')})).backgroundColor,
      getComputedStyle(document.querySelector({json.dumps(unit + ' .now')})).backgroundColor]""")
    assert styles[0] == "line-through"
    assert styles[1] != styles[2], "the added words stand out from the rest of the source"
    # only the changed entry has a previous source
    assert evaluate(browser, session, "document.querySelectorAll('.previous').length") == 1


def test_every_unit_on_a_review_page_links_to_its_po_file_and_line(
    browser: DevTools, reviewed_project: Path
) -> None:
    """Issue 16: every unit links to its PO file; the line it names is the entry's msgid."""
    for lang in ("ru", "he"):
        page = reviewed_project / "build" / "review" / lang / f"{SEED.stem}.html"
        po = reviewed_project / "locales" / lang / "LC_MESSAGES" / f"{SEED.stem}.po"
        session, _requests = open_page(browser, page)
        links = evaluate(browser, session, """Array.from(document.querySelectorAll('.unit'),
            u => { const a = u.querySelector('a.po-link');
                   return a && [a.href, a.dataset.line, a.textContent, u.id]; })""")
        assert len(links) == len(read_article(reviewed_project / "seeds" / SEED.name).units)
        lines = po.read_text(encoding="utf-8").split("\n")
        for link in links:
            assert link is not None, "a unit without a link to its PO file"
            href, line, text, unit_id = link
            assert href == po.resolve().as_uri()
            assert text == f"locales/{lang}/LC_MESSAGES/{SEED.stem}.po:{line}"
            assert lines[int(line) - 1].startswith("msgid "), (unit_id, line)
            unit_note = next(i for i, row in enumerate(lines) if row == f"#. unit: {unit_id[2:]}")
            assert unit_note < int(line) - 1 < unit_note + 12, "the line of that unit's entry"


def test_review_index_groups_rows_per_language_with_counts_per_state(
    browser: DevTools, reviewed_project: Path
) -> None:
    """Issue 16: the index has a section per language, its units counted per state (the
    same numbers as ``translate status``), then its articles."""
    page = reviewed_project / "build" / "review" / "index.html"
    session, requests = open_page(browser, page)
    assert_offline(page, requests)
    sections = evaluate(browser, session, """Array.from(document.querySelectorAll('section.lang'),
        s => [s.dataset.lang, s.querySelector('h2').textContent,
              Array.from(s.querySelectorAll('.counts li'), li => li.textContent),
              Array.from(s.querySelectorAll('tbody tr a'), a => a.textContent)])""")
    status = json.loads(invoke("status", "--json").output)["languages"]
    assert [section[0] for section in sections] == ["he", "ru"]
    for lang, heading, counts, articles in sections:
        units = status[lang]["total"]["units"]
        assert counts == [f"{label}: {units[state]}" for state, label in STATE_LABELS.items()]
        assert articles == ["armenia-recalls-ambassador", "short"]
        assert heading.startswith(("Hebrew (he): 2 article(s)", "Russian (ru): 2 article(s)"))
    ru = dict((s[0], s[2]) for s in sections)["ru"]
    assert "needs review: 1" in ru


def test_a_draft_build_marks_every_unit_that_is_not_approved(
    browser: DevTools, reviewed_project: Path
) -> None:
    """Issue 16: build/<lang>/*.html marks each paragraph that is not approved, and opens
    with a note; a text or Markdown output says so in its first line; the bundle is as
    before (its gate decides, and what it holds is unmarked)."""
    root = reviewed_project
    expected = {
        ("ru", SEED.stem): ("DRAFT, not for publication: 1 of 16 units are not approved "
                            "(1 needs review).", {"needs review": 1}),
        ("he", SEED.stem): ("DRAFT, not for publication: 16 of 16 units are not approved "
                            "(16 machine drafts).", {"machine draft": 16}),
        ("ru", "short"): ("DRAFT, not for publication: 2 of 2 units are not approved "
                          "(2 machine drafts).", {"machine draft": 2}),
    }
    for (lang, article), (note, labels) in expected.items():
        page = root / "build" / lang / f"{article}.html"
        session, requests = open_page(browser, page)
        assert_offline(page, requests)
        shown = evaluate(browser, session, """(() => {
          const note = document.querySelector('article > .draft-note');
          const marks = Array.from(document.querySelectorAll('.unapproved'), e => [
              e.dataset.label, getComputedStyle(e, '::before').content,
              getComputedStyle(e).backgroundColor]);
          const blocks = Array.from(document.querySelectorAll(
              'article :is(h1, p:not(.draft-note), li, footer)'), e => [
              !!e.querySelector('.unapproved'),
              getComputedStyle(e).borderInlineStartStyle]);
          return [note && note.innerText, note && note.getBoundingClientRect().height,
                  marks, blocks];
        })()""")
        text, height, marks, blocks = shown
        assert text == note and height > 0
        assert Counter(label for label, _before, _bg in marks) == labels
        assert all(before == f'"⚠ {label}: "' for label, before, _bg in marks)
        assert all(bg != "rgba(0, 0, 0, 0)" for _label, _before, bg in marks)
        # a paragraph holding a unit that is not approved has a dashed rule, the others none
        assert {(has, style) for has, style in blocks if has} <= {(True, "dashed")}
        assert {(has, style) for has, style in blocks if not has} <= {(False, "none")}
        for fmt, line in (("txt", note), ("md", f"> **{note}**")):
            first, blank = (root / "build" / lang / f"{article}.{fmt}").read_text(
                encoding="utf-8").split("\n")[:2]
            assert (first, blank) == (line, "")
    # the Russian seed, its one review entry approved: no mark anywhere
    po = root / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"
    approve_with_msgattrib(po)
    invoke("assemble", "--lang", "ru")
    page = root / "build" / "ru" / f"{SEED.stem}.html"
    session, _requests = open_page(browser, page)
    assert evaluate(browser, session, "document.querySelectorAll('.unapproved, .draft-note')"
                    ".length") == 0
    assert "DRAFT" not in (root / "build" / "ru" / f"{SEED.stem}.txt").read_text(
        encoding="utf-8")
    # the bundle: the gate as before, its files unmarked
    invoke("assemble", "--lang", "he", "--include-drafts")
    with zipfile.ZipFile(root / "build" / "he.zip") as bundle:
        names = bundle.namelist()
        assert f"{SEED.stem}.html" in names
        for name in names:
            data = bundle.read(name).decode("utf-8")
            assert "DRAFT" not in data and "unapproved" not in data


# --- hostile Markdown articles: their outputs rendered and loaded, nothing runs ----------------

#: In a loaded page: whether a payload's script ran (``window.pwned``), and what is left that
#: a click or a submit would run, as Chromium's own URL parser reads the addresses.
LIVE_IN_PAGE = """(async () => {
  await new Promise(resolve => setTimeout(resolve, 100));
  const found = [];
  if (window.pwned !== undefined) found.push('a script ran');
  for (const a of document.querySelectorAll('a[href], area[href]'))
    if (!['http:', 'https:', 'mailto:', 'tel:', 'file:'].includes(a.protocol))
      found.push('link to ' + a.protocol);
  for (const e of document.querySelectorAll(
      'script, iframe, frame, object, embed, form, base, svg, math, meta[http-equiv=refresh]'))
    found.push('<' + e.tagName.toLowerCase() + '>');
  if (window.frames.length) found.push(window.frames.length + ' frame(s)');
  return found;
})()"""


def test_outputs_of_hostile_markdown_articles_run_nothing_in_chromium(
    browser: DevTools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every payload of test_hostile_markup in a Markdown article, through ``translate run``
    and ``translate assemble``: the Markdown outputs rendered by a CommonMark renderer with raw
    HTML on (with and without its link check), the HTML page and the review page, each loaded
    in Chromium; no script runs and nothing live is left to click. Before Markdown's raw HTML
    went through the sanitiser, 12 of the payloads ran a script here from the Markdown output
    (svg-onload, svg-script, noscript-mxss, svg-style, iframe-srcdoc, iframe-javascript,
    uppercase-handler, both comment tricks, script-in-comment-close, data-url, video-source;
    most through a block without words or a front-matter key, copied as they were) and 9 more
    left an object, embed, form, base, MathML, meta refresh or javascript: link."""
    root = make_project(tmp_path / "project", monkeypatch)
    for name, payload in PAYLOADS.items():
        (root / "seeds" / f"{name}.md").write_text(hostile_markdown(payload), encoding="utf-8")
    run_and_assemble(root)
    pages = tmp_path / "rendered"
    pages.mkdir()
    live = {}
    for name in PAYLOADS:
        markdown = (root / "build" / "he" / f"{name}.md").read_text(encoding="utf-8")
        opened = [root / "build" / "he" / f"{name}.html",
                  root / "build" / "review" / "he" / f"{name}.html"]
        for renderer, label in ((RENDERER, "checked"), (PERMISSIVE, "unchecked")):
            page = pages / f"{name}-{label}.html"
            page.write_text("<!DOCTYPE html>\n<meta charset=utf-8><title>rendered</title>\n"
                            + renderer.render(markdown), encoding="utf-8")
            opened.append(page)
        for page in opened:
            session, _requests = open_page(browser, page)
            result = browser.call("Runtime.evaluate", session, expression=LIVE_IN_PAGE,
                                  awaitPromise=True, returnByValue=True)
            if found := result["result"].get("value"):
                live[page.name] = found
    assert not live, "\n".join(f"{page}: {found}" for page, found in live.items())
