"""Writing a run's PO file back while a translator may be saving the same file.

A run reads a PO file (``read_catalog_snapshot``), merges and translates for seconds or
hours, then writes it (``save_catalog``). The write is a compare-and-swap
(fsutil.replace_if_unchanged): the new file replaces the one on disk only if that is still
the version the run read. When a translator saved in between, nothing is overwritten: the
run reads the saved file, merges it again with the article and the drafts it made
(``remerge``, from the pipeline), and tries again. So the file the run leaves, and the one
its outputs and run-state record are made from, always holds every save.

A file an editor is saving in place at the moment it is read (empty, or cut short so that
it does not parse) is read again for up to SAVE_WAIT seconds before it counts as broken.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from translate.core.fsutil import FileSnapshot, confined, read_snapshot, replace_if_unchanged
from translate.errors import CatalogError
from translate.po.pofile import parse_catalog, read_catalog, text_to_write

#: Seconds a run waits for a PO file that looks half-saved (empty, unparsable or missing
#: right after a save), when the file changed in the last RECENT seconds.
SAVE_WAIT, RECENT = 1.0, 5.0
#: How many saves during one write a run merges before it leaves the file to the next run.
MAX_REMERGES = 50


@dataclass(frozen=True)
class SavedCatalog:
    """A PO file as a run left it: the catalog in it, the sha256 of its bytes as verified
    (written by the run, or found already equal), whether the run wrote it, and how many
    times a save made meanwhile was merged in."""

    po: polib.POFile
    sha256: str
    written: bool
    remerged: int = 0


def read_catalog_snapshot(
    path: Path, *, wait_for_file: bool = False
) -> tuple[FileSnapshot, polib.POFile | None]:
    """The PO file at ``path`` as it is now, and its catalog (None: there is no file).

    An empty or unparsable file that changed in the last RECENT seconds is being saved:
    it is read again for up to SAVE_WAIT seconds, then CatalogError. With ``wait_for_file``
    a missing file is waited for the same way (an editor that renames the old file away
    before writing the new one). A file that symbolic links lead out of the project is a
    CatalogError, never read (its text would reach the outputs); so is one that can't be read
    (a FIFO).
    """
    path = confined(Path(path), doing="read", error=CatalogError)
    deadline = time.monotonic() + SAVE_WAIT
    while True:
        try:
            snapshot = read_snapshot(path)
        except OSError as err:  # a FIFO, a folder, no permission
            raise CatalogError(f"{path}: cannot read: {err.strerror or err}") from err
        if snapshot.data is None:
            if not wait_for_file or time.monotonic() > deadline:
                return snapshot, None
        else:
            try:
                if snapshot.version is None or (not snapshot.data and _recent(snapshot)):
                    raise CatalogError(f"{path}: empty, or still being saved; left as it is: "
                                       "run again to merge it")
                return snapshot, parse_catalog(snapshot.data, path)
            except CatalogError:
                if not _recent(snapshot) or time.monotonic() > deadline:
                    raise
        time.sleep(0.02)


def read_project_catalog(path: Path) -> polib.POFile:
    """The catalog of one of the project's PO files (pofile.read_catalog), never read
    through a link that leads out of the project (CatalogError)."""
    return read_catalog(confined(Path(path), doing="read", error=CatalogError))


def _recent(snapshot: FileSnapshot) -> bool:
    """Whether the file was modified in the last RECENT seconds (or can't be told)."""
    if snapshot.version is None:
        return True
    return time.time_ns() - snapshot.version[3] < RECENT * 1e9


def save_catalog(
    path: Path,
    po: polib.POFile,
    base: FileSnapshot,
    remerge: Callable[[polib.POFile | None], polib.POFile],
) -> SavedCatalog:
    """Write ``po``, made from the file ``base``, to ``path``, unless that file changed
    since: then merge the file as it is now (``remerge(catalog)`` returns the new catalog
    to write) and try again.

    Nothing is written when the file already holds ``po`` (its ``PO-Revision-Date``
    aside). CatalogError when a save made meanwhile can't be read (it is left as it is),
    when the file can't be written, or after MAX_REMERGES saves during one write.
    """
    path = Path(path)
    for remerged in range(MAX_REMERGES + 1):
        old = _text_of(base)
        text = text_to_write(po, old)
        if text is None:
            return SavedCatalog(po, _sha256(base.data or b""), False, remerged)
        data = text.encode("utf-8")
        try:
            replaced = replace_if_unchanged(path, data, base)
        except OSError as err:
            raise CatalogError(f"{path}: cannot write: {err.strerror or err}") from err
        if replaced:
            return SavedCatalog(po, _sha256(data), True, remerged)
        base, fresh = read_catalog_snapshot(path, wait_for_file=True)
        po = remerge(fresh)
    raise CatalogError(f"{path}: saved {MAX_REMERGES} times while this run wrote it; left as "
                       "it is: run again to merge it")


def _text_of(snapshot: FileSnapshot) -> str | None:
    """The file's text when it is UTF-8 (a file in another charset is always rewritten)."""
    if snapshot.data is None:
        return None
    try:
        return snapshot.data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
