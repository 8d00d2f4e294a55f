"""Every unit shown one way (translate.formats.unitview), read off real pages in Chromium by
glyph position: the Hebrew pages of a text, a Markdown and two HTML articles (a fragment and a
whole page) as ``translate run`` and ``translate assemble`` write them, and their review pages.

On each page every unit reads in its own order (the words of its direction left to right or
right to left, line after line), the units of a block follow one another in the block's
order (a block whose units all read one way is laid out that way; a mixed block keeps the
page's), every unit that is not approved is marked and its label reads left to right on one
line, and list markers stand inside the column. The direction a unit reads in is told from
its words here (JavaScript, the first strong letter of each word), not from the page's
markup. Right-to-left languages are taken from the language data (``text_direction``), so a
Persian page is checked as soon as Persian is a target language.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from conftest import ROOT, invoke
from test_assemble import _SCRIPTS as SCRIPTS
from test_assemble import pseudo_translate
from test_browser import DevTools, evaluate, open_page
from test_browser import browser as browser  # the fixture

from translate.formats.reader import read_article
from translate.formats.unitview import STATE_LABELS
from translate.lang import TARGET_LANGUAGES
from translate.lang.cldr import text_direction

pytestmark = [pytest.mark.browser, pytest.mark.gettext]

ARTICLES = ROOT / "tests" / "data" / "articles"
SOURCES = (ARTICLES / "md" / "moscow-urges-calm.md", ARTICLES / "html" / "moscow-urges-calm.html",
           ARTICLES / "html" / "signing-ceremony.html")
#: Every right-to-left target language.
RTL = [lang for lang in TARGET_LANGUAGES if text_direction(lang) == "rtl"]

#: In the page, for the units ``selector`` finds: how many, their labels, and what is out of
#: reading order (as strings).
READING = r"""((selector) => {
  const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u052F\u0531-\u058F]/;
  const WORDS = {rtl: /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]{2,}/g,
                 ltr: /[A-Za-z\u00C0-\u024F\u0400-\u052F]{2,}/g};
  const page = getComputedStyle(document.body).direction;
  const problems = [];
  const own = (text) => {  // the direction a text reads in: its words' first strong letters
    let l = 0, r = 0;
    for (const word of text.split(/\s+/)) for (const ch of word) {
      if (RTL.test(ch)) { r++; break; } if (LTR.test(ch)) { l++; break; } }
    return l === r ? null : (r > l ? 'rtl' : 'ltr');
  };
  const glyph = (node, i) => { const range = document.createRange(); range.setStart(node, i);
    range.setEnd(node, i + 1); return range.getBoundingClientRect(); };
  const after = (a, b, dir) => b.top >= a.bottom - 2 || (Math.abs(b.top - a.top) < 4 &&
    (dir === 'ltr' ? b.left >= a.right - 1 : b.right <= a.left + 1));
  const name = (el) => el.textContent.trim().slice(0, 50);
  const block = (el) => { let e = el.parentElement;
    while (e && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
    return e; };
  const units = Array.from(document.querySelectorAll(selector));
  const blocks = new Map();
  for (const unit of units) {
    const dir = own(unit.textContent);
    // each word of the unit's own direction after the one before it
    const words = [];
    const walker = document.createTreeWalker(unit, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (dir) for (const m of n.data.matchAll(WORDS[dir]))
        words.push([m[0], glyph(n, m.index)]);
    for (let i = 1; i < words.length; i++) {
      const [a, ra] = words[i - 1], [b, rb] = words[i];
      if (!(rb.top >= ra.bottom - 2 || (Math.abs(rb.top - ra.top) < 4 &&
            (dir === 'ltr' ? rb.left > ra.left : rb.left < ra.left))))
        problems.push(`${dir} unit "${name(unit)}": "${b}" before "${a}"`);
    }
    const holder = block(unit);
    if (!blocks.has(holder)) blocks.set(holder, []);
    blocks.get(holder).push([unit, dir]);
  }
  // the units of a block one after the other: in their one direction, else in that of the
  // element around the block (the page's)
  for (const [holder, members] of blocks) {
    const dirs = new Set(members.map(([_u, d]) => d).filter(d => d));
    const around = holder.parentElement ? getComputedStyle(holder.parentElement).direction : page;
    const dir = dirs.size === 1 ? [...dirs][0] : around;
    for (let i = 1; i < members.length; i++) {
      const a = members[i - 1][0].getClientRects(), b = members[i][0].getClientRects();
      if (a.length && b.length && !after(a[a.length - 1], b[0], dir))
        problems.push(`${dir} block "${name(holder)}": "${name(members[i][0])}" before ` +
                      `"${name(members[i - 1][0])}"`);
    }
  }
  return [units.length, units.map(u => u.dataset.label), problems];
})"""


def snapshot_boxes(tools: DevTools, session: str) -> tuple[list, list]:
    """From a DOMSnapshot of the page: the text boxes of each ``::before`` of a marked unit
    (label, boxes as (start, x, y, width, height)), and each list ``::marker`` with the box
    of its list: (marker x, marker right, list x, list right)."""
    snap = tools.call("DOMSnapshot.captureSnapshot", session, computedStyles=[])
    strings, doc = snap["strings"], snap["documents"][0]
    nodes, layout, boxes = doc["nodes"], doc["layout"], doc["textBoxes"]
    pseudo = dict(zip(nodes["pseudoType"]["index"],
                      (strings[v] for v in nodes["pseudoType"]["value"]), strict=True))
    bounds = {node: box for node, box in zip(layout["nodeIndex"], layout["bounds"],
                                              strict=True)}

    def classes(node: int) -> str:
        attrs = nodes["attributes"][node]
        named = {strings[attrs[i]]: strings[attrs[i + 1]] for i in range(0, len(attrs), 2)}
        return named.get("class", "")

    labels: dict[int, list] = {}
    for box, layout_index in enumerate(boxes["layoutIndex"]):
        node = layout["nodeIndex"][layout_index]  # a pseudo-element's text is its own
        if pseudo.get(node) != "before" or "unapproved" not in classes(
                nodes["parentIndex"][node]):
            continue
        x, y, width, height = boxes["bounds"][box]
        labels.setdefault(node, []).append((boxes["start"][box], x, y, width, height,
                                            strings[layout["text"][layout_index]]))
    markers = []
    for node, kind in pseudo.items():
        if kind != "marker" or node not in bounds:
            continue
        item = nodes["parentIndex"][node]
        parent = nodes["parentIndex"][item]
        if parent in bounds:
            mx, _my, mw, _mh = bounds[node]
            lx, _ly, lw, _lh = bounds[parent]
            markers.append((mx, mx + mw, lx, lx + lw))
    return list(labels.values()), markers


def check_page(tools: DevTools, page: Path, units: int) -> list[str]:
    """What is wrong on ``page`` (every one of its ``units`` expected marked)."""
    session, _requests = open_page(tools, page)
    count, labels, problems = evaluate(tools, session, f"{READING}('.unapproved')")
    if count != units:
        problems.append(f"{count} units marked of {units}")
    boxes, markers = snapshot_boxes(tools, session)
    if len(boxes) != count:
        problems.append(f"{len(boxes)} labels laid out for {count} marked units")
    for label_boxes in boxes:
        text = label_boxes[0][5]
        tops = {round(y) for _start, _x, y, _w, _h, _text in label_boxes}
        order = [x for _start, x, *_rest in sorted(label_boxes)]
        if len(tops) != 1 or order != sorted(order) or not text.startswith("⚠ "):
            problems.append(f"label {text!r} laid out as {label_boxes}")
    problems += [f"list marker at {mx:.0f}..{mr:.0f} outside its list {lx:.0f}..{lr:.0f}"
                 for mx, mr, lx, lr in markers if mx < lx - 1 or mr > lr + 1]
    problems += [f"a unit labelled {label!r}" for label in labels
                 if label not in ("machine draft", "needs review", "untranslated")]
    return problems


@pytest.fixture(params=RTL)
def rtl_project(request: pytest.FixtureRequest, ready_project: Path) -> tuple[Path, str]:
    """The seed, a Markdown and two HTML articles run into a right-to-left language by its
    fixture package (it copies the English, the glossary's names in the target script: the
    English drafts of a model that copies; a language without one: no MT, and a person's
    English copies, needs review), then every third plain unit given a right-to-left draft by
    a person (needs review): paragraphs of drafts in one direction, and mixed ones."""
    lang = request.param
    for source in SOURCES:
        shutil.copy(source, ready_project / "seeds" / source.name.replace(
            "moscow-urges-calm.md", "moscow-md.md"))
    package = ROOT / "tests" / "fixtures" / "models" / f"translate-en_{lang}.argosmodel"
    invoke("run", "--lang", lang, "--threads", "1", "--quiet",
           *(() if package.exists() else ("--engine", "none")))
    for path in (ready_project / "locales" / lang / "LC_MESSAGES").glob("*.po"):
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid and not entry.msgstr:
                entry.msgstr, entry.flags = entry.msgid, ["fuzzy"]
        plain = [e for e in po if e.msgid and not any(c in e.msgid for c in "[]<>")]
        for entry in plain[::3]:
            entry.msgstr = pseudo_translate(entry.msgid, lang if lang in SCRIPTS else "he")
        po.save(str(path))
    invoke("assemble", "--lang", lang)
    return ready_project, lang


def test_every_unit_reads_in_order_and_every_draft_is_marked(
    browser: DevTools, rtl_project: tuple[Path, str]
) -> None:
    """The Hebrew pages of a text, a Markdown and two HTML articles (before: an HTML article's
    page marked no unit, and its English drafts, and a paragraph of several English drafts in
    any page, came out of order)."""
    root, lang = rtl_project
    found = {}
    for source in sorted((root / "seeds").iterdir()):
        # an image's alt text is an attribute: no mark shows there on an HTML article's page
        units = len([unit for unit in read_article(source).units
                     if not (source.suffix == ".html" and unit.role == "image")])
        found[source.name] = check_page(browser, root / "build" / lang / f"{source.stem}.html",
                                        units)
    assert len(found) == 4
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)


def test_every_unit_of_a_review_page_reads_in_order_with_its_state(
    browser: DevTools, rtl_project: tuple[Path, str]
) -> None:
    """The review pages of the same articles: each source and each translation reads in its
    own order in its cell (an English draft in a right-to-left cell included), and each unit
    shows its state."""
    root, lang = rtl_project
    found = {}
    for source in sorted((root / "seeds").iterdir()):
        session, _requests = open_page(browser, root / "build" / "review" / lang
                                       / f"{source.stem}.html")
        problems = []
        for cell in (".src", ".tgt"):
            _count, _labels, wrong = evaluate(browser, session, f"{READING}('{cell}')")
            problems += wrong
        states = evaluate(browser, session, "Array.from(document.querySelectorAll("
                          "'.unit'), u => [u.className, u.querySelector('.state').innerText])")
        units = read_article(source).units
        if len(states) != len(units):
            problems.append(f"{len(states)} units shown of {len(units)}")
        problems += [f"{label!r} for {classes!r}" for classes, label in states
                     if f"state-{STATE_BY_LABEL.get(label)}" not in classes.split()]
        found[source.name] = problems
    assert len(found) == 4
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)


STATE_BY_LABEL = {label: state for state, label in STATE_LABELS.items()}
