"""Issues 6 and 7 end to end: `translate check` on real PO files, QA notes in the PO files,
`translate assemble` with the publish gate, the zip bundle and the review pages.

The PO files are written by the pipeline (fixture Argos packages installed with
`translate models install`); translators' edits are made with msgattrib, or with polib then
msgcat, as an editor would.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke

from translate.formats.reader import read_article
from translate.po.catalog import entry_state

pytestmark = pytest.mark.gettext  # msgcat, msgattrib, msgfmt (conftest)

ARTICLE = SEED.stem
GOLDEN = Path(__file__).resolve().parent / "golden" / "check"
LANGS = ("hy", "az", "he", "ru")
MORE_LANGS = ("fa", "tr")


def run(*extra: str) -> str:
    return invoke("run", "--threads", "1", "--quiet", *extra).output


def po_file(root: Path, lang: str = "ru", article: str = ARTICLE) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{article}.po"


def gettext(*args: str) -> None:
    done = subprocess.run(list(args), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def approve_with_msgattrib(path: Path, msgids: tuple[str, ...] | None = None) -> None:
    """`msgattrib --clear-fuzzy`, on every entry or (--only-file) on the given ones."""
    only = []
    if msgids is not None:
        listing = polib.POFile()
        listing.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for msgid in msgids:
            listing.append(polib.POEntry(msgid=msgid, msgstr=""))
        listing.save(str(path.parent / "only.pot"))
        only = [f"--only-file={path.parent / 'only.pot'}"]
    gettext("msgattrib", "--clear-fuzzy", *only, "-o", str(path), str(path))
    (path.parent / "only.pot").unlink(missing_ok=True)


def set_msgstrs(path: Path, translations: dict[str, str], *, approve: bool = True) -> None:
    """An editor's work: msgstrs written (fuzzy cleared when ``approve``), then msgcat."""
    po = polib.pofile(str(path))
    for msgid, msgstr in translations.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = msgstr
        if approve and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    gettext("msgcat", "-o", str(path), str(path))


def accept_findings(path: Path, msgids: tuple[str, ...] | None = None) -> None:
    """A translator who checked the QA findings of the given entries (default: all) and
    accepts them: a flag ``ignore-<check>`` for the code of each of their ``QA:`` notes (the
    publish gate then lets their article through). Saved by polib, as Weblate keeps such
    flags: GNU msgcat, msgattrib and msgmerge drop the flags they do not know."""
    po = polib.pofile(str(path))
    for entry in po:
        if msgids is None or entry.msgid in msgids:
            codes = [note.removeprefix("QA: ").split(":")[0] for note in entry.comment.splitlines()
                     if note.startswith("QA: ")]
            entry.flags += [f"ignore-{code}" for code in dict.fromkeys(codes)]
    po.save(str(path))


def check_json(*args: str, code: int = 0) -> list[dict]:
    return json.loads(invoke("check", "--json", *args, code=code).output)


# --- Issue 6: translate check ----------------------------------------------------------------

#: (English unit, a good Russian translation, the same with one defect, the check it trips).
DEFECTS = [
    ("Talks begin in the capital on Monday",
     "Переговоры начинаются в столице в понедельник",
     "Talks begin in the capital on Monday", "identical"),
    ("The ministry said 1,250 soldiers were moved in 2020.",
     "Министерство сообщило, что в 2020 году были переброшены 1 250 солдат.",
     "Министерство сообщило, что в 2020 году были переброшены 1 205 солдат.", "numbers"),
    ("Read the statement at https://example.org/statement today.",
     "Прочитайте заявление на https://example.org/statement сегодня.",
     "Прочитайте заявление на https://example.org/statment сегодня.", "urls"),
    ("Write to press@example.org for details.",
     "Пишите на press@example.org за подробностями.",
     "Пишите на press@example.com за подробностями.", "emails"),
    ("The spokeswoman @naghdalyan posted the news.",
     "Пресс-секретарь @naghdalyan опубликовала новость.",
     "Пресс-секретарь @naghdalian опубликовала новость.", "handles"),
    ("Supporters shared it with the tag #peace this week.",
     "Сторонники поделились этим с тегом #peace на этой неделе.",
     "Сторонники поделились этим с тегом #piece на этой неделе.", "hashtags"),
    ("The deal (signed last year) still holds.",
     "Соглашение (подписанное в прошлом году) всё ещё действует.",
     "Соглашение (подписанное в прошлом году всё ещё действует.", "brackets"),
    ('He called it "a historic day" for the region.',
     "Он назвал это «историческим днём» для региона.",
     "Он назвал это «историческим днём для региона.", "quotes"),
    ("Prices rose sharply across the country this spring.",
     "Цены резко выросли по всей стране этой весной.",
     "Цены резко выросли __TERM0__ по всей стране этой весной.", "placeholders"),
    ("Fighting continued in Nagorno-Karabakh overnight.",
     "Бои в Нагорном Карабахе продолжались всю ночь.",
     "Бои в Арцахе продолжались всю ночь.", "glossary"),
    ("The talks will resume next week.",
     "Переговоры возобновятся на следующей неделе.",
     "Перeговоры возобновятся на следующей неделе.", "script"),  # a Latin "e"
    ("Officials declined to comment on the report.",
     "Официальные лица отказались комментировать сообщение.",
     "Офіційні особи відмовилися коментувати повідомлення.", "language"),  # Ukrainian
    ("The government announced a new plan to rebuild roads and bridges in the region.",
     "Правительство объявило о новом плане восстановления дорог и мостов в регионе.",
     "Правительство.", "length"),
    ('She said "the war must end" on Tuesday.',
     "Она сказала «война должна закончиться» во вторник.",
     "Она сказала “война должна закончиться” во вторник.", "punctuation"),
]  # fmt: skip
CLEAN_LAST = ("The Associated Press contributed to this report.",
              "В подготовке материала участвовало агентство Associated Press.")  # fmt: skip


@pytest.fixture
def defects_project(ready_project: Path) -> Path:
    """A `defects` article run through the pipeline (ru), then translated well by a person."""
    (ready_project / "seeds" / SEED.name).unlink()
    lines = [source for source, *_ in DEFECTS] + [CLEAN_LAST[0]]
    (ready_project / "seeds" / "defects.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run("--lang", "ru")
    good = {source: target for source, target, *_ in DEFECTS} | dict([CLEAN_LAST])
    set_msgstrs(po_file(ready_project, article="defects"), good)
    return ready_project


def test_check_finds_each_injected_defect_and_nothing_else(defects_project: Path) -> None:
    path = po_file(defects_project, article="defects")
    assert check_json("--lang", "ru") == []
    assert invoke("check", "--lang", "ru", "--strict").output == "no findings in 1 file(s)\n"
    set_msgstrs(path, {source: bad for source, _good, bad, _code in DEFECTS})
    findings = check_json("--lang", "ru")
    assert {(f["msgid"], f["code"]) for f in findings} == {
        (source, code) for source, _good, _bad, code in DEFECTS
    }
    lines = msgid_line_numbers(path)
    for item in findings:
        assert item["file"] == "locales/ru/LC_MESSAGES/defects.po"
        assert item["line"] == lines[item["msgid"]]
        assert (item["article"], item["lang"]) == ("defects", "ru")
    severities = {(f["code"], f["severity"]) for f in findings}
    assert severities == {(code, "error") for *_, code in DEFECTS[:-2]} | {
        ("numbers", "warning"),  # 1 205 is not in the source, 1,250 is missing from it
        ("length", "warning"),
        ("punctuation", "warning"),
    }
    invoke("check", "--lang", "ru")
    strict = invoke("check", "--lang", "ru", "--strict", code=3)
    assert "locales/ru/LC_MESSAGES/defects.po:" in strict.output


def test_qa_ignore_comment_silences_a_check_on_one_entry(defects_project: Path) -> None:
    path = po_file(defects_project, article="defects")
    numbers_source, _good, numbers_bad, _code = DEFECTS[1]
    set_msgstrs(path, {numbers_source: numbers_bad, DEFECTS[2][0]: DEFECTS[2][2]})
    assert {f["code"] for f in check_json("--lang", "ru")} == {"numbers", "urls"}
    po = polib.pofile(str(path))
    po.find(numbers_source).tcomment = "qa-ignore: numbers"
    po.save(str(path))
    assert [f["code"] for f in check_json("--lang", "ru")] == ["urls"]


def test_qa_notes_keep_drafts_fuzzy_and_are_refreshed_on_each_run(ready_project: Path) -> None:
    run("--lang", "ru")
    path = po_file(ready_project)
    po = polib.pofile(str(path))
    flagged = [e for e in po if any(n.startswith("QA: ") for n in e.comment.splitlines())]
    assert len(flagged) == len(po)  # the fixture model copies English: every draft is wrong
    assert all("fuzzy" in e.flags and entry_state(e) == "machine" for e in flagged)
    findings = check_json("--lang", "ru")
    for entry in po:
        notes = [n.removeprefix("QA: ") for n in entry.comment.splitlines() if n.startswith("QA: ")]
        assert notes == [f"{f['code']}: {f['message']}"
                         + (" (warning)" if f["severity"] == "warning" else "")
                         for f in findings if f["msgid"] == entry.msgid]  # fmt: skip

    # A translator fixes one draft and breaks a number in another: the notes follow.
    credit = "The Associated Press contributed to this report."
    with_number = next(e.msgid for e in po if "1994" in e.msgid)
    set_msgstrs(path, {credit: "В подготовке материала участвовало агентство Associated Press."})
    set_msgstrs(path, {with_number: "Карабах под контролем армянских сил с 1995 года."},
                approve=False)  # fmt: skip
    run("--lang", "ru")
    after = {e.msgid: e for e in polib.pofile(str(path))}
    assert not [n for n in after[credit].comment.splitlines() if n.startswith("QA:")]
    assert entry_state(after[credit]) == "approved"
    notes = [n for n in after[with_number].comment.splitlines() if n.startswith("QA:")]
    assert "QA: numbers: the number 1994 of the source is missing" in notes
    assert "fuzzy" in after[with_number].flags


def test_check_reports_what_is_really_wrong_in_the_seed_output(ready_project: Path) -> None:
    """Pinned per language in tests/golden/check/seed.<lang>.json (UPDATE_GOLDEN=1 rewrites).

    The fixture model copies its English input and the glossary puts the place names in: so
    every entry is English (left identical, or English around target-language names), and
    the quotes are English ones. Nothing else is wrong: numbers, handles and quotes survive.
    """
    run()
    run("--lang", ",".join(MORE_LANGS))
    po_entries = {e.msgid for e in polib.pofile(str(po_file(ready_project)))}
    for lang in LANGS + MORE_LANGS:
        findings = check_json("--lang", lang)
        golden = GOLDEN / f"seed.{lang}.json"
        text = json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), lang
        # Every entry has an error: it is not in the target language.
        errors = {f["msgid"] for f in findings if f["severity"] == "error"}
        assert errors == po_entries, lang
        assert {f["code"] for f in findings if f["severity"] == "error"} == {
            "identical", "language"}
        assert {f["code"] for f in findings if f["severity"] == "warning"} <= {"punctuation"}


# --- Issue 7: assemble, bundles, review pages ------------------------------------------------


def read_zip(path: Path) -> tuple[list[str], dict]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist(), json.loads(archive.read("manifest.json"))


def test_assemble_after_every_entry_is_approved_publishes_the_article(ready_project: Path) -> None:
    run("--lang", "ru")
    approve_with_msgattrib(po_file(ready_project))
    # the fixture model's drafts are English: approved as they are, QA holds them back
    output = invoke("assemble", "--lang", "ru").output
    assert "bundle: 0 published, 1 held back (1 for QA errors in approved entries)" in output
    accept_findings(po_file(ready_project))  # a translator who checked them accepts them
    output = invoke("assemble", "--lang", "ru").output
    assert "bundle: 1 published, 0 held back" in output
    names, manifest = read_zip(ready_project / "build" / "ru.zip")
    assert sorted(names) == sorted(
        ["manifest.json", f"{ARTICLE}.txt", f"{ARTICLE}.md", f"{ARTICLE}.html"]
    )
    (article,) = manifest["articles"]
    assert article["id"] == ARTICLE
    assert article["units"] == {"approved": 16, "machine": 0, "review": 0, "untranslated": 0}
    assert article["translated_percent"] == 100.0
    assert article["fell_back_to_source"] == []
    assert article["packages"] == [{"name": "translate-en_ru-1_0", "version": "1.0"}]
    assert manifest["skipped"] == []
    assert manifest["totals"]["published"] == 1
    with zipfile.ZipFile(ready_project / "build" / "ru.zip") as archive:
        packed = archive.read(f"{ARTICLE}.txt")
    assert packed == (ready_project / "build/ru" / f"{ARTICLE}.txt").read_bytes()


def test_partly_approved_article_is_held_back_but_written_with_fallbacks(
    ready_project: Path,
) -> None:
    run("--lang", "ru", "--engine", "none")  # every entry untranslated
    source_lines = SEED.read_text(encoding="utf-8").splitlines()
    chosen = {source_lines[0]: "Армения отзывает посла из Израиля",
              source_lines[-1]: "В подготовке материала участвовало агентство Associated Press."}
    set_msgstrs(po_file(ready_project), chosen)
    output = invoke("assemble", "--lang", "ru").output
    assert "bundle: 0 published, 1 held back" in output
    names, manifest = read_zip(ready_project / "build" / "ru.zip")
    assert names == ["manifest.json"]
    assert manifest["articles"] == []
    assert [s["id"] for s in manifest["skipped"]] == [ARTICLE]
    text = (ready_project / "build" / "ru" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    header, blank, *lines = text.splitlines()
    # a draft says so in its first line (issue 16): 14 of 16 units fall back to the source
    assert header == ("DRAFT, not for publication: 14 of 16 units are not approved "
                      "(14 untranslated).") and blank == ""
    assert lines[0] == chosen[source_lines[0]] and lines[-1] == chosen[source_lines[-1]]
    assert lines[1:-1] == source_lines[1:-1]  # untranslated units fall back to the source


def test_include_drafts_counts_machine_drafts_for_the_gate(ready_project: Path) -> None:
    run("--lang", "ru")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    approve_with_msgattrib(po_file(ready_project), (lines[0], lines[1]))
    accept_findings(po_file(ready_project), (lines[0], lines[1]))
    invoke("assemble", "--lang", "ru")
    assert read_zip(ready_project / "build" / "ru.zip")[1]["articles"] == []
    invoke("assemble", "--lang", "ru", "--include-drafts")
    names, manifest = read_zip(ready_project / "build" / "ru.zip")
    assert f"{ARTICLE}.txt" in names
    (article,) = manifest["articles"]
    assert article["units"] == {"approved": 2, "machine": 14, "review": 0, "untranslated": 0}
    assert manifest["gate"]["include_drafts"] is True


class Collector(HTMLParser):
    """Tags, attributes, text and script bodies of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.in_script = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self.in_script else self.text).append(data)


def parse_html(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


def test_review_index_lists_every_article_and_language(ready_project: Path) -> None:
    (ready_project / "seeds" / "short.txt").write_text(
        "Talks to resume next week\nNo date was given.\n", encoding="utf-8"
    )
    run("--lang", "ru,he")
    approve_with_msgattrib(po_file(ready_project, "he", "short"))
    accept_findings(po_file(ready_project, "he", "short"))
    invoke("assemble", "--lang", "ru,he")
    page = parse_html(ready_project / "build" / "review" / "index.html")
    links = [dict(attrs)["href"] for tag, attrs in page.tags if tag == "a"]
    assert sorted(links) == sorted(
        f"{lang}/{article}.html" for lang in ("ru", "he") for article in (ARTICLE, "short")
    )
    for link in links:
        assert (ready_project / "build" / "review" / link).is_file()
    rows = [dict(attrs)["class"] for tag, attrs in page.tags if tag == "tr" and attrs]
    assert sorted(rows) == ["row-below-gate"] * 3 + ["row-publishable"]
    html = (ready_project / "build" / "review" / "index.html").read_text(encoding="utf-8")
    assert html.count("⚠ below gate") == 3
    assert '<td class="num completion">100.0%</td>' in html
    assert html.count('<td class="num completion">0.0%</td>') == 3
    findings = [int(cell) for cell in page.text if cell.isdigit()]  # counts are in the page
    assert findings  # sanity: numbers are rendered
    assert '<td class="num finding-count">16</td>' in html  # every seed draft has findings


HOSTILE = (
    'Hostile <script>alert(1)</script> headline\n'
    'A standfirst with "><img src=x onerror=alert(1)> inside it & more.\n'
    "Body text with <b>bold</b>, <iframe src=//evil.example></iframe> and "
    "<script>alert(2)</script> again.\n"
)


def test_hostile_article_comes_out_escaped_in_every_html_output(ready_project: Path) -> None:
    (ready_project / "seeds" / SEED.name).unlink()
    (ready_project / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    run()
    po = polib.pofile(str(po_file(ready_project, "he", "hostile")))
    hostile_he = 'תקציר "><img src=x onerror=alert(3)> <script>alert(4)</script>'
    set_msgstrs(po_file(ready_project, "he", "hostile"), {po[1].msgid: hostile_he})
    invoke("assemble")
    pages = sorted((ready_project / "build").rglob("*.html"))
    assert len(pages) == 9  # 4 article pages, 4 review pages, the index
    for path in pages:
        page = parse_html(path)
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"img", "iframe", "b"}, path
        assert not any(name.startswith("on") for _, attrs in page.tags for name, _ in attrs)
        assert not any("alert" in body for body in page.scripts), path
        text = "".join(page.text)
        raw = path.read_text(encoding="utf-8")
        if path.name == "index.html":
            assert "<script>alert(1)</script>" in text  # the headline, as text
        else:
            assert "<script>alert(" in text and "onerror=alert(" in text
            assert "&lt;script&gt;" in raw
        assert "<script>alert" not in raw and "<img" not in raw
    he_review = "".join(parse_html(ready_project / "build/review/he/hostile.html").text)
    assert "onerror=alert(3)>" in he_review and "<script>alert(4)</script>" in he_review


def test_assemble_review_page_shows_findings_of_the_current_translation(
    ready_project: Path,
) -> None:
    run("--lang", "ru")
    credit = "The Associated Press contributed to this report."
    translation = "В подготовке материала участвовало агентство AP."
    set_msgstrs(po_file(ready_project), {credit: translation})
    invoke("assemble", "--lang", "ru")
    page = (ready_project / "build/review/ru" / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert page.count("identical to the source") == 3  # 4 after the run, one fixed since


# --- Issue 13, item 8: one line convention (gettext's: the msgid line) ----------------------


def msgid_line_numbers(path: Path) -> dict[str, int]:
    """msgid → the line of its ``msgid`` keyword, read off the file's text (not via polib)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = {}
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgid "):
            msgid = polib.pofile("\n".join(lines[number - 1: number + 30]) + "\n")[0].msgid
            found[msgid] = number
    return found


def review_page_lines(root: Path, lang: str = "ru") -> dict[str, int]:
    """The PO line each unit of the review page points at, by unit text."""
    page = (root / "build/review" / lang / f"{ARTICLE}.html").read_text(encoding="utf-8")
    units = {u.id: u.text for u in read_article(SEED).units}
    pointers = re.findall(
        r'id="u-(\w+)".*?<code class="po">locales/ru/LC_MESSAGES/[\w-]+\.po:(\d+)</code>', page
    )
    return {units[unit_id]: int(line) for unit_id, line in pointers}


def test_check_and_the_review_page_report_the_msgid_line(ready_project: Path) -> None:
    run("--lang", "ru")
    path = po_file(ready_project)
    expected = msgid_line_numbers(path)
    findings = check_json("--lang", "ru")
    assert findings and all(f["line"] == expected[f["msgid"]] for f in findings)
    assert review_page_lines(ready_project) == {
        msgid: line for msgid, line in expected.items() if msgid
    }
    # A file an editor saved in its own layout (no wrapping, comments moved): the lines of
    # that file, in check, in glossary check and on the page assemble writes.
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.tcomment = "checked by the desk\nsecond line"
    po.wrapwidth = 0
    po.save(str(path))
    edited = msgid_line_numbers(path)
    assert edited != expected
    findings = check_json("--lang", "ru")
    assert findings and all(f["line"] == edited[f["msgid"]] for f in findings)
    invoke("assemble", "--lang", "ru")
    assert review_page_lines(ready_project) == {
        msgid: line for msgid, line in edited.items() if msgid
    }
