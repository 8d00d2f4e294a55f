"""Shared helpers of the PO tests (test_catalog, test_pofile, test_merge, test_memory):
an article with one unit per line, and GNU gettext as the judge of a written file."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import polib

from translate.core.fsutil import write_text_atomic
from translate.formats.article import Article, Unit
from translate.po.pofile import text_to_write

SOURCE = "seeds/armenia-recalls-ambassador.txt"
LINES = [
    "Armenia recalls ambassador from Israel to protest sale of weapons to Azerbaijan",
    "Jerusalem says it regrets Armenian decision, which comes after Azeri official confirmed "
    "his country is using Israeli attack drones in fresh fighting",
    "The clash continued for a fifth straight day on Thursday.",
    'A spokeswoman called it "Israel’s supply of ultra-modern weapons to Azerbaijan."',
    "Nagorno-Karabakh is disputed.",
]


def make_article(lines: list[str], *, langs: dict[int, str] | None = None) -> Article:
    """An article with one unit per line (the first is the headline)."""
    parts: list[str | Unit] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines):
        seen[text] = seen.get(text, 0) + 1
        digest = hashlib.sha1(f"{text}\0{seen[text]}".encode()).hexdigest()[:8]
        role = "headline" if number == 0 else "sentence"
        lang = (langs or {}).get(number)
        parts += [Unit(digest, role, text, number, number + 1, lang=lang), "\n"]
    return Article("armenia-recalls-ambassador", Path(SOURCE), tuple(parts))


def msgcat(path: Path) -> str:
    done = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    return done.stdout


def assert_gettext_clean(path: Path) -> None:
    """msgcat prints the file unchanged and msgfmt --check accepts it."""
    assert msgcat(path) == path.read_text(encoding="utf-8")
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert check.stderr == ""


def write_catalog(po: polib.POFile, path: Path) -> bool:
    """Write ``po`` to ``path`` atomically, as GNU gettext would; whether the file changed
    (what the tests need of a write; a run writes with translate/po/writeback.py).

    When the file already holds the same catalog (the ``PO-Revision-Date`` aside), nothing
    is written, so timestamps stay; otherwise ``PO-Revision-Date`` is set to now. A symlink
    is written through.
    """
    path = Path(path)
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    text = text_to_write(po, old)
    return text is not None and write_text_atomic(path, text)
