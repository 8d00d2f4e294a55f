"""Reading a PO file that may be half-saved, and writing one back without losing a save.

The race itself (saves at the worst moments, and the stress test) is in test_races.py.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import invoke
from po_helpers import LINES, make_article, write_catalog

from translate.errors import CatalogError
from translate.po import writeback
from translate.po.merge import merge_catalog
from translate.po.pofile import format_catalog, read_catalog
from translate.po.writeback import read_catalog_snapshot, save_catalog

pytestmark = pytest.mark.gettext


@pytest.fixture
def po_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    path = tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    write_catalog(merge_catalog(None, make_article(LINES[:2]), "ru"), path)
    return path


def test_a_file_caught_empty_mid_save_is_read_once_the_save_is_done(po_file: Path) -> None:
    # An editor that saves in place truncates the file first: read in that instant, it
    # looked like an empty catalog, and the run merged the article into nothing.
    complete = po_file.read_bytes()
    po_file.write_bytes(b"")
    writer = threading.Timer(0.2, po_file.write_bytes, [complete])
    writer.start()
    snapshot, po = read_catalog_snapshot(po_file)
    writer.join()
    assert snapshot.data == complete and [e.msgid for e in po] == LINES[:2]


@pytest.mark.broken_po
def test_a_file_still_broken_after_the_wait_is_an_error_and_an_old_one_at_once(
    po_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writeback, "SAVE_WAIT", 0.1)
    po_file.write_text('msgid "cut short', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"\.po:1: malformed quoted string"):
        read_catalog_snapshot(po_file)
    os.utime(po_file, (1, 1))  # saved long ago: not being saved now
    started = time.monotonic()
    with pytest.raises(CatalogError, match=r"\.po:1: malformed quoted string"):
        read_catalog_snapshot(po_file)
    assert time.monotonic() - started < 0.05
    po_file.write_bytes(b"")
    with pytest.raises(CatalogError, match=r"\.po: empty, or still being saved; left as it is"):
        read_catalog_snapshot(po_file)
    os.utime(po_file, (1, 1))
    assert read_catalog_snapshot(po_file)[1] is not None  # an old empty file: an empty catalog


def test_an_unchanged_catalog_is_not_written_and_its_hash_is_the_file_as_read(
    po_file: Path,
) -> None:
    snapshot, po = read_catalog_snapshot(po_file)
    before = po_file.stat().st_mtime_ns
    saved = save_catalog(po_file, merge_catalog(po, make_article(LINES[:2]), "ru"), snapshot,
                         remerge=lambda saved: pytest.fail("nothing was saved meanwhile"))
    assert (saved.written, saved.remerged) == (False, 0)
    assert saved.sha256 == hashlib.sha256(po_file.read_bytes()).hexdigest()
    assert po_file.stat().st_mtime_ns == before


def test_a_save_made_meanwhile_is_merged_and_the_hash_is_of_the_bytes_written(
    po_file: Path,
) -> None:
    snapshot, po = read_catalog_snapshot(po_file)
    ours = merge_catalog(po, make_article(LINES[:3]), "ru")
    theirs = read_catalog(po_file)
    theirs.find(LINES[0]).msgstr = "Армения отзывает посла"
    po_file.write_text(format_catalog(theirs), encoding="utf-8")
    merged_from = []

    def remerge(saved):
        merged_from.append(saved.find(LINES[0]).msgstr)
        return merge_catalog(saved, make_article(LINES[:3]), "ru")

    saved = save_catalog(po_file, ours, snapshot, remerge)
    assert (saved.written, saved.remerged, merged_from) == (True, 1, ["Армения отзывает посла"])
    assert saved.sha256 == hashlib.sha256(po_file.read_bytes()).hexdigest()
    again = read_catalog(po_file)
    assert again.find(LINES[0]).msgstr == "Армения отзывает посла" and again.find(LINES[2])


def test_a_symlinked_po_file_stays_a_link_through_a_run(project: Path) -> None:
    # A run used to replace the link by a regular file: the shared target never got the
    # new entries and the translator's folder no longer pointed at it.
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    link = project / "locales/ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    shared = project / "shared" / link.name
    shared.parent.mkdir()
    link.rename(shared)
    link.symlink_to(shared)
    seed = project / "seeds/armenia-recalls-ambassador.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.", encoding="utf-8")
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    assert link.is_symlink() and link.resolve() == shared.resolve()
    assert read_catalog(shared).find("A new closing line.").msgstr
    assert sorted(p.name for p in shared.parent.iterdir()) == [shared.name]
