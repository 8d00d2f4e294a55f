"""A translator's editor, as a separate process, for the race tests (tests/test_races.py).

Usage: ``python po_editor.py FOLDER LOG STOP SEED``. Until the file STOP exists, it picks a PO
file under FOLDER and one of its live entries, gives it a new translation ``правка N`` and adds
``edit N`` to its translator comment, then saves the whole file the way real editors do,
taking turns. Four in five edits of a fuzzy entry (a machine draft) leave it fuzzy, every
comment kept, as Lokalize, Weblate's "needs editing" and vim leave work in progress; the
others approve it. The saves take turns:

* ``rename``: write a temporary file beside it, then rename it over the file (Poedit,
  Lokalize, Weblate, Emacs);
* ``in-place``: open the file truncating it, and write the new content into it (``msgcat
  -o``, vim with ``backupcopy=yes``, VS Code);
* ``backup``: rename the file to ``FILE~``, then write a new file (vim's default).

Each edit is appended to LOG as a JSON line ``{"n", "file", "msgid", "mode", "msgstr",
"fuzzy"}`` once the save is complete, so LOG lists exactly the edits a person would expect to
find. A file that cannot be
read at that moment (mid-write by another editor) is left alone for this turn.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

import polib

MODES = ("rename", "in-place", "backup")


def save(path: Path, data: bytes, mode: str) -> None:
    """Write ``data`` to ``path`` as an editor of kind ``mode`` does."""
    if mode == "rename":
        tmp = path.with_name(path.name + ".editor-tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    elif mode == "in-place":
        with open(path, "wb") as handle:  # O_TRUNC, as fopen(path, "w") does
            handle.write(data)
    else:
        backup = path.with_name(path.name + "~")
        os.replace(path, backup)
        path.write_bytes(data)


def edit_once(path: Path, number: int, mode: str, rng: random.Random) -> polib.POEntry | None:
    """Make edit ``number`` in ``path``; the entry as edited, or None when the file could not
    be read as a PO file at that moment."""
    try:
        po = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=79)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    entries = [e for e in po if not e.obsolete and e.msgid]
    if not entries:
        return None
    entry = rng.choice(entries)
    entry.msgstr = f"правка {number}"
    if "fuzzy" in entry.flags and rng.random() < 0.2:  # approved; else work in progress
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    entry.tcomment = "\n".join(filter(None, [entry.tcomment, f"edit {number}"]))
    save(path, str(po).encode("utf-8"), mode)
    return entry


def main(folder: Path, log: Path, stop: Path, seed: int) -> None:
    rng = random.Random(seed)
    number = 0
    with open(log, "a", encoding="utf-8") as out:
        while not stop.exists():
            files = sorted(folder.rglob("*.po"))
            if not files:
                time.sleep(0.01)
                continue
            path = rng.choice(files)
            mode = MODES[number % len(MODES)]
            entry = edit_once(path, number, mode, rng)
            if entry is not None:
                out.write(json.dumps({"n": number, "file": str(path), "msgid": entry.msgid,
                                      "mode": mode, "msgstr": entry.msgstr,
                                      "fuzzy": entry.fuzzy}) + "\n")
                out.flush()
                number += 1
            time.sleep(rng.uniform(0, 0.01))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
