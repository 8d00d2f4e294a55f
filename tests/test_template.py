"""The template of an article (issue 16): ``locales/<id>.pot``, and GNU msgmerge run against
it making of a translator's PO file what ``translate run`` makes of it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import SEED, invoke
from po_helpers import msgcat
from test_review import approve_with_msgattrib, gettext

from translate import __version__
from translate.formats.reader import read_article
from translate.po import catalog
from translate.po.pofile import read_catalog
from translate.po.template import build_template, template_path

pytestmark = pytest.mark.gettext

ARTICLE = SEED.stem
CHANGED = ("a fifth straight day on Thursday", "a sixth straight day on Friday")
REMOVED = "Hajiyev lauded the effectiveness of the Israeli weapons."
ADDED = "Officials in Baku did not answer requests for comment by phone."


def run(*extra: str) -> str:
    return invoke("run", "--threads", "1", "--quiet", *extra).output


def test_run_writes_a_template_per_article(ready_project: Path) -> None:
    run("--lang", "ru,he")
    pot_path = ready_project / "locales" / f"{ARTICLE}.pot"
    assert pot_path == template_path(ready_project / "locales", ARTICLE)
    text = pot_path.read_text(encoding="utf-8")
    assert msgcat(pot_path) == text  # written exactly as gettext writes it
    pot = polib.pofile(text)
    po = read_catalog(ready_project / "locales/ru/LC_MESSAGES" / f"{ARTICLE}.po")
    assert [e.msgid for e in pot] == [e.msgid for e in po if not e.obsolete]
    assert all(e.msgstr == "" and not e.flags for e in pot)
    for template, entry in zip(pot, po, strict=False):
        assert template.occurrences == entry.occurrences
        assert template.comment == "\n".join(
            line for line in entry.comment.split("\n")
            if line.split(": ", 1)[0] in catalog.SOURCE_NOTES)
    assert pot.metadata_is_fuzzy
    assert pot.metadata["Project-Id-Version"] == po.metadata["Project-Id-Version"]
    assert pot.metadata["X-Generator"] == f"translate-news {__version__}"
    assert pot.metadata["Language"] == "" and "Plural-Forms" not in pot.metadata
    # msginit makes a catalog of it, as for any xgettext template
    made = ready_project / "new.po"
    gettext("msginit", "--no-translator", "--locale=ru", "-i", str(pot_path), "-o", str(made))
    assert [e.msgid for e in polib.pofile(str(made))] == [e.msgid for e in pot]
    made.unlink()
    # an unchanged article rewrites nothing, not even the template's date
    before = pot_path.stat().st_mtime_ns
    run("--lang", "ru,he", "--retranslate-mt")
    invoke("assemble", "--lang", "ru")
    assert pot_path.stat().st_mtime_ns == before


def gettext_view(po: polib.POFile) -> list[tuple]:
    """Every entry as msgmerge decides it: key, translation, flags, previous source,
    translator comment, references (live entries), and the source notes of live entries."""
    rows = []
    for e in po:
        notes = [line for line in (e.comment.split("\n") if e.comment else [])
                 if line.split(": ", 1)[0] in catalog.SOURCE_NOTES]
        rows.append((bool(e.obsolete), e.msgctxt or "", e.msgid, e.msgstr, sorted(e.flags),
                     e.previous_msgid or "", e.tcomment, sorted(e.occurrences), notes,
                     e.comment if e.obsolete else ""))
    return sorted(rows)


def test_msgmerge_against_the_template_reproduces_our_merge(ready_project: Path) -> None:
    """A translated, approved catalog; then the article changes (a sentence edited, one
    removed, one added). ``translate run --engine none`` merges it; GNU ``msgmerge
    --previous`` merges the catalog as it was with the new template: the same entries,
    states, translations, previous sources, comments, references and source notes."""
    run("--lang", "ru")
    po_path = ready_project / "locales/ru/LC_MESSAGES" / f"{ARTICLE}.po"
    approve_with_msgattrib(po_path)
    po = read_catalog(po_path)
    po[0].tcomment = "headline checked by the desk"
    po.save(str(po_path))
    gettext("msgcat", "-o", str(po_path), str(po_path))
    before = ready_project / "before.po"
    shutil.copy(po_path, before)
    seed = ready_project / "seeds" / SEED.name
    text = seed.read_text(encoding="utf-8")
    assert CHANGED[0] in text and REMOVED in text
    text = text.replace(*CHANGED).replace(REMOVED, ADDED)
    seed.write_text(text, encoding="utf-8")

    run("--lang", "ru", "--engine", "none")
    ours = read_catalog(po_path)
    pot = ready_project / "locales" / f"{ARTICLE}.pot"
    merged = subprocess.run(["msgmerge", "--previous", "--quiet", str(before), str(pot)],
                            capture_output=True, text=True, check=True).stdout
    theirs = polib.pofile(merged)
    assert gettext_view(ours) == gettext_view(theirs)
    states = [catalog.entry_state(e) for e in ours if not e.obsolete]
    assert states.count("review") == 1 and states.count("untranslated") == 1
    assert [e.msgid for e in ours if e.obsolete] == [REMOVED]
    assert theirs.metadata["POT-Creation-Date"] == ours.metadata["POT-Creation-Date"]


def test_template_of_an_article_with_links_keeps_their_notes() -> None:
    data = Path(__file__).resolve().parent / "data" / "articles"
    article = read_article(data / "md" / "moscow-urges-calm.md")
    pot = build_template(article, source_ref="seeds/moscow-urges-calm.md")
    links = [e for e in pot if catalog.get_notes(e, "link")]
    assert links and all(e.msgstr == "" for e in pot)
    assert all(not catalog.get_notes(e, "MT") for e in pot)
